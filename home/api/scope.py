"""Which pages the pages endpoint shows: the cached page scope and the public pages queryset."""

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.api.validators import SiteFilterValidator
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import post_page_move

# View restrictions, every site with its root page and the root's translations, and Wagtail's
# site root paths: what each pages-API request needs to know which pages are public and their
# URLs, read from the cache in one round trip instead of three queries and a cache read. Any
# change to a page, site or restriction drops it (connect() below). The key names the entry's
# shape: a new release never reads an entry an older one left in Redis.
PAGE_SCOPE_CACHE_KEY = "api:page-scope:2"
PAGE_SCOPE_SECONDS = 60
PAGE_SCOPE_MAX_HOSTS = 32


def page_scope():
    scope = cache.get(PAGE_SCOPE_CACHE_KEY)
    if scope is None:
        roots = {}
        for site in Site.objects.select_related("root_page"):
            roots[site.pk] = [site.root_page, *site.root_page.get_translations()]
        scope = {
            "restrictions": list(PageViewRestriction.objects.select_related("page")),
            "roots": roots,
            "sites": {},
            "site_root_paths": Site.get_site_root_paths(),
        }
        cache.set(PAGE_SCOPE_CACHE_KEY, scope, PAGE_SCOPE_SECONDS)
    return scope


def site_for_request(request, scope):
    """Site.find_for_request(request) with the answer per host and port kept in the scope."""
    request = getattr(request, "_request", request)
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    key = (split_domain_port(request._get_raw_host())[0], request.get_port())
    if key in scope["sites"]:
        request._wagtail_site = scope["sites"][key]
    else:
        site = Site.find_for_request(request)
        if len(scope["sites"]) < PAGE_SCOPE_MAX_HOSTS:
            scope["sites"][key] = site
            cache.set(PAGE_SCOPE_CACHE_KEY, scope, PAGE_SCOPE_SECONDS)
    return request._wagtail_site


def public_pages(request):
    """wagtail.api.querysets.get_public_pages_queryset (the same queryset, so the same SQL) from
    the cached scope: live pages of the request's site (or ?site=) and the translations of its
    root, without the restricted pages this request has not passed."""
    scope = page_scope()
    # what page URLs are built from (Page._get_site_root_paths reads it from the request)
    request._wagtail_cached_site_root_paths = scope["site_root_paths"]
    queryset = Page.objects.all().live()
    for restriction in scope["restrictions"]:
        if not restriction.accept_request(request):
            queryset = queryset.not_descendant_of(restriction.page, inclusive=True)
    if request.GET.get("site"):
        site = SiteFilterValidator(site=request.GET["site"], request=request).site_obj
    else:
        site = site_for_request(request, scope)
    if not site:
        return queryset.none()
    roots = scope["roots"].get(site.pk)
    if roots is None:  # a site newer than the scope
        roots = [site.root_page, *site.root_page.get_translations()]
    root, *translations = roots
    base_queryset = queryset
    queryset = base_queryset.descendant_of(root, inclusive=True)
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        for translation in translations:
            queryset |= base_queryset.descendant_of(translation, inclusive=True)
    return queryset


def forget_page_scope(**kwargs):
    cache.delete(PAGE_SCOPE_CACHE_KEY)


def forget_page_scope_for_pages(sender, **kwargs):
    if issubclass(sender, Page):
        forget_page_scope()


def connect():
    """Forget the cached page scope on every change it reflects; connected in every process
    (HomeConfig.ready), so a change made by a worker or a command shows at once too."""
    for model in (Site, PageViewRestriction):
        post_save.connect(forget_page_scope, sender=model, dispatch_uid=f"api-scope-save-{model}")
        post_delete.connect(
            forget_page_scope, sender=model, dispatch_uid=f"api-scope-delete-{model}"
        )
    post_save.connect(forget_page_scope_for_pages, dispatch_uid="api-scope-page-save")
    post_delete.connect(forget_page_scope_for_pages, dispatch_uid="api-scope-page-delete")
    post_page_move.connect(forget_page_scope, dispatch_uid="api-scope-page-move")
