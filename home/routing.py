"""Finding the page a URL names in one query of the tree rather than two per level.

Wagtail's `Page.route` walks down from the home page: for each part of the path it asks for
the child with that slug and then for the child's specific page, so /themen/bne/ costs four
queries. A page's `url_path` is its parent's plus its own slug, so every page on the way is
found at once by the URL paths the path's prefixes give. The walk then follows the same
rules: a page type with a route of its own (a RoutablePageMixin page that answers the rest
of the path itself, such as the news feeds) takes over from there, as it would in Wagtail.

Most pages hang one level below a section (/themen/bne/, /aktuelles/meldung-1/), and the
site scope holds the sections (the home pages' children). Each process remembers which page
type it found at a URL path; with the sections on the way known and that type at hand, the
page comes from one query of its own type. The type is a hint only: if no page of that type
is at that path any more, the walk above finds whatever is."""

from functools import cache

from django.contrib.contenttypes.models import ContentType
from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.images import get_image_model
from wagtail.models import Page


@cache
def _image_fields(model):
    """Names of a page type's foreign keys to images (lead image, hero image)."""
    image_model = get_image_model()
    return tuple(
        field.name
        for field in model._meta.concrete_fields
        if field.many_to_one and field.related_model is image_model
    )


def _one(queryset):
    """The first row in no particular order (there is at most one): without the ORDER BY
    that `first()` adds, which the ORM takes a while to compile."""
    for found in queryset.order_by()[:1]:
        return found
    return None


def specific(page):
    """`page.specific`, with the images it links to (its share image, its lead figure) in the
    same query instead of one query each."""
    model = page.specific_class
    if model is None or isinstance(page, model) or not _image_fields(model):
        return page.specific
    found = _one(model._default_manager.select_related(*_image_fields(model)).filter(pk=page.pk))
    if found is None:
        return page.specific
    for name, value in page.__dict__.items():  # what Page.get_specific copies
        found.__dict__.setdefault(name, value)
    return found


def _routes_itself(page, remaining):
    """Whether `page` (a base Page) would answer the `remaining` path itself rather than
    pass it on to its children."""
    specific_class = page.specific_class
    if specific_class is None or specific_class.route is Page.route:
        return False
    if not issubclass(specific_class, RoutablePageMixin):
        return True  # a route of its own we know nothing about: let it decide
    if not page.live:
        return False  # RoutablePageMixin.route answers only when live
    try:
        specific_class.get_resolver().resolve("/" + "".join(f"{part}/" for part in remaining))
    except Http404:
        return False
    return True


_page_types = {}  # url path -> content type id of the page last found there (this process)
MAX_PAGE_TYPES = 10_000


def _remember_type(url_path, page):
    if len(_page_types) >= MAX_PAGE_TYPES:
        _page_types.clear()
    _page_types[url_path] = page.content_type_id


def _route_by_type(root, request, path_components, url_paths, sections):
    """The route in one query, when the sections on the way are known (the site scope) and
    the page type at the path is remembered; None where the full walk has to decide."""
    content_type_id = _page_types.get(url_paths[-1])
    if content_type_id is None:
        return None
    parent, trail = root, [root]
    for index, url_path in enumerate(url_paths[:-1]):
        page = sections.get(url_path)
        if page is None or page.path[: -Page.steplen] != parent.path:
            return None
        if _routes_itself(page, path_components[index + 1 :]):
            return None
        page._cached_parent_obj = parent
        parent = page
        trail.append(page)
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None or not issubclass(model, Page):
        return None
    found = _one(
        model._default_manager.select_related(*_image_fields(model)).filter(
            url_path=url_paths[-1], path__startswith=parent.path, depth=parent.depth + 1
        )
    )
    if found is None:
        return None
    found._cached_parent_obj = parent
    found.routed_ancestors = tuple(trail)
    return found.route(request, [])


def route(root, request, path_components):
    """The RouteResult of `path_components` below `root` (a specific page), as
    `root.route(request, path_components)` gives it; raises Http404 like Wagtail."""
    url_paths, url_path = [], root.url_path
    for component in path_components:
        url_path = f"{url_path}{component}/"
        url_paths.append(url_path)
    scope = getattr(request, "_site_scope", None) or {}
    found = _route_by_type(root, request, path_components, url_paths, scope.get("sections", {}))
    if found is not None:
        return found
    pages = {
        page.url_path: page
        for page in Page.objects.filter(
            url_path__in=url_paths, path__startswith=root.path, depth__gt=root.depth
        ).order_by()
    }
    parent, trail = root, [root]
    for index, url_path in enumerate(url_paths):
        page = pages.get(url_path)
        if page is None:
            raise Http404
        # as Page.route does: templates asking for the parent need no query
        page._cached_parent_obj = parent
        remaining = path_components[index + 1 :]
        if not remaining or _routes_itself(page, remaining):
            found = specific(page)
            found.routed_ancestors = tuple(trail)  # the breadcrumbs, without a query
            if not remaining:
                _remember_type(url_path, page)
            return found.route(request, remaining)
        parent = page
        trail.append(page)
    raise Http404
