"""Which pages the pages endpoint shows: the public pages queryset from the site scope."""

import functools
from types import SimpleNamespace

from django.conf import settings
from wagtail.api.validators import SiteFilterValidator
from wagtail.models import Page

from home import site_scope


def public_pages(request):
    """wagtail.api.querysets.get_public_pages_queryset (the same queryset, so the same SQL) from
    the cached site scope: live pages of the request's site (or ?site=) and the translations of
    its root, without the restricted pages this request has not passed."""
    scope = site_scope.current()
    # what page URLs are built from (Page._get_site_root_paths reads it from the request)
    request._wagtail_cached_site_root_paths = scope["site_root_paths"]
    if request.GET.get("site"):
        site = SiteFilterValidator(site=request.GET["site"], request=request).site_obj
    else:
        site = site_scope.site_for_request(request, scope)
    if not site:
        return Page.objects.none()
    roots = scope["roots"].get(site.pk)
    if roots is None:  # a site newer than the scope
        roots = [site.root_page, *site.root_page.get_translations()]
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        roots = roots[:1]
    hidden = tuple(
        (restriction.page.path, restriction.page.depth)
        for restriction in scope["restrictions"]
        if not restriction.accept_request(request)
    )
    return _public_pages(tuple((page.path, page.depth) for page in roots), hidden)._chain()


@functools.lru_cache(maxsize=256)
def _public_pages(roots, hidden):
    """The queryset of live pages below the (path, depth) `roots` and not below `hidden`, built
    once per process for each answer: building its filters costs a tenth of a listing request.
    Only the paths are baked into it, so a moved page or a new restriction makes a new key;
    callers get a copy (QuerySet._chain), never the cached one itself. (descendant_of with
    inclusive=True reads only the path and depth of the page it is given.)"""
    queryset = Page.objects.all().live()
    for path, depth in hidden:
        queryset = queryset.not_descendant_of(_tree_node(path, depth), inclusive=True)
    base_queryset = queryset
    first, *translations = roots
    queryset = base_queryset.descendant_of(_tree_node(*first), inclusive=True)
    for path, depth in translations:
        queryset |= base_queryset.descendant_of(_tree_node(path, depth), inclusive=True)
    return queryset


def _tree_node(path, depth):
    """What descendant_of reads of a page."""
    return SimpleNamespace(path=path, depth=depth)
