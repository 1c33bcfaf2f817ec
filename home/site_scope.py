"""What every public request needs to know about the sites before it reaches its page, from
one cache read instead of five queries: the sites and, per host, which one answers; each
site's root page in every language, as specific pages; the view restrictions; the pages that
are aliases; and Wagtail's site root paths, from which page URLs are built.

Wagtail asks the database for each of these on every request (`Site.find_for_request`,
`Locale.get_active` and `.localized` for the root, `.specific`, and `get_view_restrictions`
with two queries); together they were a third of an uncached page's queries. The pages API
(home/api/scope.py) and the page view (home/views.serve) share this entry.

Every change the entry reflects drops it, at once and again after the commit (so no request
stores the old state between the two): a page saved, deleted or moved (a publish saves the
page), a site, locale or view restriction saved or deleted. `connect()` runs in every process
(HomeConfig.ready), so a change made by a worker or a command shows at once. SCOPE_SECONDS
bounds what a change without signals (SQL, a bulk update) leaves stale. The key names the
entry's shape: a new release never reads an entry an older one left in Redis."""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from django.urls import reverse
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import post_page_move

from bildung.cache import prefetch, prefetch_reads, request_memo
from bildung.language_urls import language_from_path
from home import fragment_cache, routing

SCOPE_CACHE_KEY = "site-scope:1"
SCOPE_SECONDS = 300
MAX_HOSTS = 32  # answers per host kept; a flood of made-up Host headers cannot grow the entry
MAX_LEARNED_PAGES = 2000  # addresses per process whose cache reads are fetched together
MAX_SECTIONS = 300  # a site with more pages right below its home pages routes them by query
PATH_STEP = Page.steplen


def _sections(root_pages):
    """{url_path: page} of the pages right below the home pages (the sections), for
    home.routing; empty where there are more than MAX_SECTIONS."""
    below = {page.path: page.depth + 1 for page in root_pages}
    if not below:
        return {}
    children = Q()
    for path, depth in below.items():
        children |= Q(path__startswith=path, depth=depth)
    pages = list(Page.objects.filter(children).order_by()[: MAX_SECTIONS + 1])
    if len(pages) > MAX_SECTIONS:
        return {}
    return {page.url_path: page for page in pages if below.get(page.path[:-PATH_STEP])}


def _build():
    roots, localized_roots = {}, {}
    for site in Site.objects.select_related("root_page"):
        translations = list(site.root_page.get_translations().select_related("locale"))
        roots[site.pk] = [site.root_page, *translations]
        # what `site.root_page.localized.specific` gives for each language: the live
        # translation, else the root itself
        specific_root = routing.specific(site.root_page)
        by_language = {
            page.locale.language_code: routing.specific(page) for page in translations if page.live
        }
        by_language[specific_root.locale.language_code] = specific_root
        localized_roots[site.pk] = {"default": specific_root, **by_language}
    return {
        "locales": {locale.language_code: locale for locale in Locale.objects.all()},
        "restrictions": list(PageViewRestriction.objects.select_related("page")),
        "alias_paths": frozenset(
            Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)
        ),
        "roots": roots,
        "localized_roots": localized_roots,
        "sites": {},
        "site_root_paths": Site.get_site_root_paths(),
        "sections": _sections([page for pages in roots.values() for page in pages]),
    }


def current():
    """The scope from the cache, built from the database on a miss."""
    scope = cache.get(SCOPE_CACHE_KEY)
    if scope is None:
        scope = _build()
        cache.set(SCOPE_CACHE_KEY, scope, SCOPE_SECONDS)
    return scope


def site_for_request(request, scope):
    """Site.find_for_request(request), with the answer per host and port kept in the scope."""
    request = getattr(request, "_request", request)
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    key = (split_domain_port(request._get_raw_host())[0], request.get_port())
    if key in scope["sites"]:
        request._wagtail_site = scope["sites"][key]
    else:
        site = Site.find_for_request(request)
        if len(scope["sites"]) < MAX_HOSTS:
            scope["sites"][key] = site
            cache.set(SCOPE_CACHE_KEY, scope, SCOPE_SECONDS)
    return request._wagtail_site


def _active_code():
    """The content language of the active language, as Locale.get_active() finds it."""
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return None


def localized_root(scope, site):
    """`site.root_page.localized.specific` for the active language, without a query."""
    pages = scope["localized_roots"].get(site.pk)
    if pages is None:  # a site newer than the scope
        return site.root_page.localized.specific
    return pages.get(_active_code(), pages["default"])


def active_locale(request):
    """`Locale.get_active()` from the request's scope: the locale of the active language."""
    locale = prepare(request)["locales"].get(_active_code())
    return locale if locale is not None else Locale.get_active()


class Restrictions(list):
    """The view restrictions of a page, as `Page.get_view_restrictions()` gives them."""

    def exists(self):
        return bool(self)


def restrictions_for(scope, page):
    """`page.get_view_restrictions()` from the scope, or None when the page or one of its
    ancestors is an alias (Wagtail then checks the alias's source: let it)."""
    prefixes = {page.path[:end] for end in range(PATH_STEP, len(page.path) + 1, PATH_STEP)}
    if prefixes & scope["alias_paths"]:
        return None
    return Restrictions(
        restriction for restriction in scope["restrictions"] if restriction.page.path in prefixes
    )


def prepare(request):
    """Give `request` what Wagtail would otherwise query for: its site and the site root
    paths. Returns the scope (read once per request)."""
    scope = getattr(request, "_site_scope", None)
    if scope is None:
        scope = request._site_scope = current()
        site_for_request(request, scope)
        request._wagtail_cached_site_root_paths = scope["site_root_paths"]
    return scope


def forget(**kwargs):
    cache.delete(SCOPE_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(SCOPE_CACHE_KEY))


def forget_for_pages(sender, **kwargs):
    if issubclass(sender, Page):
        forget()


def connect():
    """Forget the scope on every change it reflects."""
    for model in (Site, Locale, PageViewRestriction):
        post_save.connect(forget, sender=model, dispatch_uid=f"site-scope-save-{model}")
        post_delete.connect(forget, sender=model, dispatch_uid=f"site-scope-delete-{model}")
    post_save.connect(forget_for_pages, dispatch_uid="site-scope-page-save")
    post_delete.connect(forget_for_pages, dispatch_uid="site-scope-page-delete")
    post_page_move.connect(forget, dispatch_uid="site-scope-page-move")


class SiteScopeMiddleware:
    """Sets each public request's site and site root paths from the scope (after the page
    cache: a cached page needs neither). The admin, where every save drops the scope, asks
    the database as Wagtail does.

    A public request runs in a request memo (bildung.cache): what it reads from the cache
    comes in one round trip per cache (Redis for fragments, Redis for renditions). Each
    process remembers per page address which entries its last request read (the scope,
    navigation, listings, renditions …) and fetches them together at the start of the next
    one. For an address it has not served yet it fetches the scope and the fragments every
    page of that host and language reads (their site and locale, known only from the scope,
    from the host's previous request). A guess that no longer holds (an entry replaced,
    a listing with a new key) costs only the reads it meant to save."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefixes = (reverse("wagtailadmin_home"), reverse("admin:index"))
        self.expected = {}  # (host, language) -> the keys its pages read
        self.reads = {}  # (host, path) -> what the last answer for it read (Memo.reads)

    def __call__(self, request):
        if request.path_info.startswith(self.admin_prefixes):
            return self.get_response(request)
        with request_memo() as memo:
            language = language_from_path(request.path_info) or settings.LANGUAGE_CODE
            try:
                host = request.get_host()
            except DisallowedHost:  # answered with 400 further on; nothing to learn
                host = None
            earlier = self.reads.get((host, request.path_info))
            if earlier:
                prefetch_reads(earlier)
            else:
                prefetch(cache, self.expected.get((host, language), (SCOPE_CACHE_KEY,)))
            scope = prepare(request)
            if host and (host, language) not in self.expected and len(self.expected) < MAX_HOSTS:
                self.expected[host, language] = self._keys(request, scope, language)
            response = self.get_response(request)
            if host and request.method in ("GET", "HEAD") and response.status_code == 200:
                if len(self.reads) >= MAX_LEARNED_PAGES:
                    self.reads.clear()
                self.reads[host, request.path_info] = tuple(memo.reads)
            return response

    @staticmethod
    def _keys(request, scope, language):
        site = getattr(request, "_wagtail_site", None)
        try:
            locale = scope["locales"].get(get_supported_content_language_variant(language))
        except LookupError:
            locale = None
        return (
            SCOPE_CACHE_KEY,
            *fragment_cache.request_keys(
                site.pk if site else 0, language, getattr(locale, "pk", 0)
            ),
        )
