"""The application's page cache: public pages and API listings for anonymous visitors.

A hit costs one cache round trip (Redis MGET with REDIS_URL, local memory otherwise) and no
database query: the middleware sits before sessions, authentication and the views. What it
serves is what Django rendered for a visitor without cookies; anything personal (a session or
CSRF cookie in the request, a Set-Cookie or `private` in the response, a form's CSRF token)
is never stored.

Invalidation is by path: every entry records the generation of its path (and of the whole
site) when it was stored; purging a path gives it a new generation, so every stored variant
of it (query strings, Accept classes, hosts) stops matching at once. Purges arrive through
wagtail.contrib.frontend_cache (`ApplicationCacheBackend`), next to nginx's purge
(`NginxPurgeBackend`); home/cache_invalidation.py decides which URLs a change purges.

The same decision marks responses for the front cache: a cacheable response carries
`X-Accel-Expires` (nginx caches only those, and strips the header), so both layers agree on
what is public. PAGE_CACHE_SECONDS = 0 switches both off."""

import hashlib
import re
import time
import uuid
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import cc_delim_re
from django.utils.encoding import iri_to_uri
from wagtail.contrib.frontend_cache.backends import BaseBackend, HTTPBackend

KEY_PREFIX = "pagecache"
SITE_GENERATION_KEY = f"{KEY_PREFIX}:gen:*"
HIT_HEADER = "X-Page-Cache"
CACHEABLE_TYPES = ("text/html", "application/json")
# Vary values that cannot make two cookieless requests differ here: no compression middleware,
# no language negotiation (the language is in the path), CORS headers are added outside the
# cache by CorsMiddleware, and only requests without cookies are served from the cache.
HARMLESS_VARY = {"cookie", "accept-encoding", "accept-language", "origin"}
PRIVATE_DIRECTIVES = ("private", "no-cache", "no-store", "max-age=0")


def ttl():
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


@lru_cache(maxsize=4)
def _skip_pattern(pattern):
    return re.compile(pattern)


def _digest(text):
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


def path_generation_key(path):
    return f"{KEY_PREFIX}:gen:{_digest(path)}"


def accept_class(request):
    """Pages render the same for every Accept header, the API's browsable HTML does not."""
    return "html" if "text/html" in request.headers.get("Accept", "") else "data"


def entry_key(request, host):
    query = request.META.get("QUERY_STRING", "")
    return f"{KEY_PREFIX}:entry:{_digest(f'{accept_class(request)}|{host}|{request.path}|{query}')}"


def request_is_cacheable(request):
    """An anonymous GET or HEAD of a public URL with a short query string."""
    if request.method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    personal = (
        settings.SESSION_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
        getattr(settings, "MESSAGE_COOKIE_NAME", "messages"),
    )
    if any(name in cookies for name in personal):
        return False
    if len(request.META.get("QUERY_STRING", "")) > settings.PAGE_CACHE_MAX_QUERY_LENGTH:
        return False
    return not _skip_pattern(settings.PAGE_CACHE_SKIP_PATHS).search(request.path)


def response_is_cacheable(request, response):
    """A complete 200 page or JSON document that nobody personalised."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False  # a form's CSRF token is in the page
    content_type = response.get("Content-Type", "")
    if not content_type.startswith(CACHEABLE_TYPES):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in PRIVATE_DIRECTIVES):
        return False
    vary = {value.strip().lower() for value in cc_delim_re.split(response.get("Vary", ""))}
    return vary - {""} <= HARMLESS_VARY | {"accept"}  # Accept: part of the key


class PageCacheMiddleware:
    """Serves and stores anonymous public responses; place it right after CorsMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = ttl()
        if seconds <= 0 or not request_is_cacheable(request):
            return self.get_response(request)
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)  # Django answers 400 further in
        key, path_key = entry_key(request, host), path_generation_key(request.path)
        cache = _cache()
        found = cache.get_many([key, path_key, SITE_GENERATION_KEY])
        path_generation, site_generation = found.get(path_key), found.get(SITE_GENERATION_KEY)
        entry = found.get(key)
        now = time.time()
        if (
            entry is not None
            and path_generation is not None
            and entry[0] == path_generation
            and entry[1] == site_generation
            and entry[2] > now
        ):
            return _replay(request, entry, now)

        response = self.get_response(request)
        if request.method == "GET" and response_is_cacheable(request, response):
            self._store(cache, key, path_key, path_generation, site_generation, response, now)
            response["X-Accel-Expires"] = str(seconds)
            response[HIT_HEADER] = "MISS"
        return response

    def _store(self, cache, key, path_key, path_generation, site_generation, response, now):
        """Store under the generations read before rendering: a purge during the rendering
        gave the path a new one, so this (possibly old) copy is never served."""
        if path_generation is None:
            path_generation = _new_generation(cache, path_key)
        if site_generation is None:
            site_generation = _new_generation(cache, SITE_GENERATION_KEY)
        if path_generation is None or site_generation is None:
            return
        seconds = ttl()
        headers = [(name, value) for name, value in response.items() if name != HIT_HEADER]
        entry = (path_generation, site_generation, now + seconds, headers, response.content)
        cache.set(key, entry, seconds)


def _new_generation(cache, key):
    """A generation for a key that had none, or None if another process (a purge) set one
    meanwhile."""
    token = uuid.uuid4().hex
    return token if cache.add(key, token, timeout=None) else None


def _replay(request, entry, now):
    _path, _site, expires, headers, content = entry
    response = HttpResponse(b"" if request.method == "HEAD" else content)
    for name, value in headers:
        response[name] = value
    response["X-Accel-Expires"] = str(max(1, int(expires - now)))
    response[HIT_HEADER] = "HIT"
    return response


def invalidate_paths(paths):
    """New generations for these URL paths: every stored variant of each stops matching."""
    if paths:
        _cache().set_many({path_generation_key(path): uuid.uuid4().hex for path in paths}, None)


def invalidate_all():
    """A new site generation: every stored page stops matching (navigation changed)."""
    _cache().set(SITE_GENERATION_KEY, uuid.uuid4().hex, None)


def url_path(url):
    """The decoded path of a purged URL, as Django's request.path has it."""
    return unquote(urlsplit(url).path) or "/"


class ApplicationCacheBackend(BaseBackend):
    """wagtail.contrib.frontend_cache backend that purges this application's page cache."""

    def purge(self, url):
        invalidate_paths([url_path(url)])

    def purge_batch(self, urls):
        invalidate_paths({url_path(url) for url in urls})


class NginxPurgeBackend(HTTPBackend):
    """Wagtail's HTTP purge backend for nginx's cache_purge location, with page paths
    percent-encoded as browsers send them (nginx's cache key is the raw request URI)."""

    def purge(self, url):
        super().purge(iri_to_uri(url))
