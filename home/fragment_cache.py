"""What every public page reads and editors change rarely, kept in the Django cache: the main
navigation and the footer of each site and language, the private sections (view
restrictions) that listings leave out, the vocabularies (topics …), the finder's URL and the
Wörterbuch of plain language.

Unlike the page cache (home/page_cache.py) this is on whatever PAGE_CACHE_SECONDS says: it
makes an uncached page render cheaply. Each entry is built from the database on a miss and
dropped, at once and again after the commit (so no request stores the old state between the
two), by the hooks of home.cache_invalidation: a page published, unpublished, moved,
renamed or deleted, a view restriction saved or deleted, the site settings, a site, a
vocabulary term or a Wörterbuch entry saved or deleted. TIMEOUT bounds what a change without
signals (SQL, a bulk update) leaves stale."""

import hashlib
import time
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import translation

KEY_PREFIX = "fragments"
TIMEOUT = 3600
PRIVATE_SECTIONS_KEY = f"{KEY_PREFIX}:private"
VOCABULARY_KEY = f"{KEY_PREFIX}:vocabulary"
LISTINGS_KEY = f"{KEY_PREFIX}:listings"
# Listings of other pages and of offers (home and topic pages) are kept at most this long:
# it bounds what no signal announces, an offer that ends or a news item scheduled for today.
LISTINGS_TIMEOUT = 300


@dataclass(frozen=True)
class Link:
    """A page as the site chrome shows it: enough for a link and the navigation state."""

    pk: int
    path: str
    title: str
    url: str


@dataclass(frozen=True)
class Chrome:
    navigation: tuple
    office_name: str
    address: str
    email: str
    phone: str
    footer_pages: tuple


def _language():
    return translation.get_language() or settings.LANGUAGE_CODE


def chrome_key(site_id, language_code):
    return f"{KEY_PREFIX}:chrome:{site_id}:{language_code}"


def glossary_key(site_id, language_code):
    return f"{KEY_PREFIX}:glossary:{site_id}:{language_code}"


def finder_key(locale_id):
    return f"{KEY_PREFIX}:finder:{locale_id}"


def _link(page, request):
    return Link(page.pk, page.path, page.title, page.get_url(request=request))


def _build_chrome(request, site):
    from home.models import SiteChromeSettings

    root = site.root_page.localized
    navigation = (
        root.get_children()
        .live()
        .public()
        .in_menu()
        .only("id", "title", "url_path", "path", "depth", "locale")
    )
    footer = SiteChromeSettings.for_site(site)
    return Chrome(
        navigation=tuple(_link(page, request) for page in navigation),
        office_name=footer.office_name,
        address=footer.address,
        email=footer.email,
        phone=footer.phone,
        footer_pages=tuple(_link(page, request) for page in footer.footer_pages),
    )


def site_chrome(request):
    """The Chrome of the request's site in the active language (None without a site)."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        return None
    key = chrome_key(site.pk, _language())
    chrome = cache.get(key)
    if chrome is None:
        chrome = _build_chrome(request, site)
        cache.set(key, chrome, TIMEOUT)
    return chrome


def private_sections():
    """(path, depth) of every page with a view restriction: it and its subtree are private."""
    sections = cache.get(PRIVATE_SECTIONS_KEY)
    if sections is None:
        from wagtail.models import PageViewRestriction

        sections = tuple(
            PageViewRestriction.objects.values_list("page__path", "page__depth").distinct()
        )
        cache.set(PRIVATE_SECTIONS_KEY, sections, TIMEOUT)
    return sections


def public_q():
    """Wagtail's `PageQuerySet.public()` as a filter, without its query of the restrictions."""
    private = Q(pk__in=[])
    for path, depth in private_sections():
        private |= Q(path__startswith=path, depth__gte=depth)
    return ~private


def vocabulary_models():
    """The vocabularies pages and offers are tagged with."""
    from home.models import Audience, LifePhase, Topic
    from offers.models import AccessibilityFeature

    return (Topic, LifePhase, Audience, AccessibilityFeature)


def vocabulary():
    """{model label: {pk: term}} of every language: topics, life phases, audiences and
    accessibility features (a few dozen terms that offer pages and topic pages show)."""
    found = cache.get(VOCABULARY_KEY)
    if found is None:
        found = {model._meta.label_lower: model.objects.in_bulk() for model in vocabulary_models()}
        cache.set(VOCABULARY_KEY, found, TIMEOUT)
    return found


def topics():
    """{pk: Topic} of every language: the vocabulary of topic pages and news."""
    return vocabulary()["home.topic"]


def finder_url(locale_id):
    """The URL of the first live finder page of a locale, or ""."""
    key = finder_key(locale_id)
    url = cache.get(key)
    if url is None:
        from offers.models import FinderPage

        finder = FinderPage.objects.live().filter(locale_id=locale_id).first()
        url = finder.url if finder else ""
        cache.set(key, url, TIMEOUT)
    return url


@dataclass(frozen=True)
class GlossaryWord:
    word: str
    slug: str
    explanation: str
    forms: tuple


def glossary_data(language_code, request, load):
    """(words, url) of a language's Wörterbuch on the request's site, from `load()` on a miss
    (None: the language has no words)."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    key = glossary_key(site.pk if site else 0, language_code)
    data = cache.get(key)
    if data is None:
        data = load()
        cache.set(key, data if data is not None else (), TIMEOUT)
    return data or None


@lru_cache(maxsize=8)
def compiled(factory, data):
    """One object per process for the same cached data: the Wörterbuch's pattern is compiled
    once, not on every request."""
    return factory(*data)


def listings_generation():
    """A number that changes whenever any listing may have: part of every listing's key, so
    one deleted entry retires them all (no list of keys to keep)."""
    generation = cache.get(LISTINGS_KEY)
    if generation is None:
        cache.add(LISTINGS_KEY, time.time_ns(), LISTINGS_TIMEOUT)
        generation = cache.get(LISTINGS_KEY) or 0
    return generation


def listing_key(site_id, language_code, name, values):
    digest = hashlib.md5(  # noqa: S324 - a cache key, not a secret
        repr((name, *values)).encode(), usedforsecurity=False
    ).hexdigest()
    return f"{KEY_PREFIX}:listing:{listings_generation()}:{site_id}:{language_code}:{digest}"


def listing(request, name, values, render):
    """What `render()` gives for a listing (the HTML of news teasers or of the offers of a
    topic, the URLs of a page's language versions), from the cache on the request's site in
    the active language."""
    site = getattr(request, "_wagtail_site", None)
    key = listing_key(site.pk if site else 0, _language(), name, values)
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, LISTINGS_TIMEOUT)
    return html


def forget_listings():
    """Retire every cached listing now and once more after the commit: offers, images."""
    cache.delete(LISTINGS_KEY)
    transaction.on_commit(lambda: cache.delete(LISTINGS_KEY))


def request_keys(site_id, language_code, locale_id):
    """The entries a public page of this site and language may read, for the request memo
    to fetch in one round trip (bildung.cache.prefetch)."""
    return (
        PRIVATE_SECTIONS_KEY,
        VOCABULARY_KEY,
        LISTINGS_KEY,
        finder_key(locale_id),
        chrome_key(site_id, language_code),
        glossary_key(site_id, language_code),
    )


def keys():
    from wagtail.models import Locale, Site

    codes = [code for code, _label in settings.WAGTAIL_CONTENT_LANGUAGES]
    site_ids = [*Site.objects.values_list("pk", flat=True), 0]
    return [
        PRIVATE_SECTIONS_KEY,
        VOCABULARY_KEY,
        LISTINGS_KEY,
        *(finder_key(locale_id) for locale_id in Locale.objects.values_list("pk", flat=True)),
        *(chrome_key(site_id, code) for site_id in site_ids for code in codes),
        *(glossary_key(site_id, code) for site_id in site_ids for code in codes),
    ]


def invalidate():
    """Drop every fragment now and once more when the surrounding transaction commits."""
    cache.delete_many(keys())
    transaction.on_commit(lambda: cache.delete_many(keys()))
