"""A Redis cache that degrades instead of failing when Redis is down, with one Redis client
per connection pool.

Every cache use of the site is an optimisation or a counter that may start over: the page
cache (home/page_cache.py), the fragment cache, the API's throttles and the request limits
(home/security.py). Django's RedisCache raises on a dead server, which would turn an outage
of the cache into a 500 on every page. `ResilientRedisCache` treats a connection error or a
timeout as a miss (reads) or a no-op (writes) and logs a warning; after one it leaves Redis
alone for `RETRY_SECONDS`, so a request does not wait for several failing connects. Once
Redis answers again the next try reconnects and caching resumes.

Django's RedisCacheClient also builds a new `redis.Redis` object (with its table of response
callbacks) for every get and set; a page makes about ten of them, at about 0.1 ms each. A
redis.Redis client is safe to share (it takes a connection from its pool for each command),
so `RedisCacheClient` keeps one per pool.

Within a request a page reads about a dozen entries (the site scope, navigation and footer,
vocabularies, the listings' generation, listings, renditions …), each a round trip of about
0.4 ms. `request_memo()` (home.site_scope.SiteScopeMiddleware wraps every public request in
it) keeps what a read returns for the rest of the request and notes which entries were read;
`prefetch()` and `prefetch_reads()` fetch entries into it in one MGET, such as those the
previous request for the same page read. Every write to a key (set, add, delete, incr …)
forgets it, so code that changes an entry reads it anew. Outside a request memo nothing is
kept."""

import contextvars
import logging
import threading
import time
from contextlib import contextmanager

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_SECONDS = 5
# A Redis that accepts no connection or stops answering must not hold a request for long.
SOCKET_TIMEOUT_SECONDS = 0.5

_memo = contextvars.ContextVar("bildung_cache_memo", default=None)
_ABSENT = object()  # in the memo: Redis has no such entry


class _Pickled:
    """In the memo: an entry as Redis gave it, not unpickled yet."""

    __slots__ = ("data",)

    def __init__(self, data):
        self.data = data


class Memo:
    """What the caches read within one request: `values` by (cache, key), and `reads`, the
    (cache, key) pairs in the order the request read them, to prefetch for the next one."""

    def __init__(self):
        self.values = {}
        self.reads = {}


@contextmanager
def request_memo():
    """Keep what the caches read until the block ends (one request); yields the Memo."""
    memo = Memo()
    token = _memo.set(memo)
    try:
        yield memo
    finally:
        _memo.reset(token)


def prefetch(cache, keys):
    """Read `keys` of `cache` in one round trip into the request memo (a no-op outside one,
    or for a cache that keeps no memo, such as the local-memory cache)."""
    fetch = getattr(cache, "prefetch", None)  # through Django's proxy of the default cache
    if fetch is not None:
        fetch(keys)


def prefetch_reads(reads):
    """Read what an earlier request read (Memo.reads) into this request's memo, one round
    trip per cache."""
    by_cache = {}
    for cache, key in reads:
        by_cache.setdefault(cache, []).append(key)
    for cache, keys in by_cache.items():
        cache.fetch(keys)


def redis_cache(url):
    """The CACHES entry for the Redis at ``url``."""
    return {
        "BACKEND": "bildung.cache.ResilientRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "bildung",
        "OPTIONS": {
            "socket_connect_timeout": SOCKET_TIMEOUT_SECONDS,
            "socket_timeout": SOCKET_TIMEOUT_SECONDS,
        },
    }


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(
                connection_pool=self._get_connection_pool(write)
            )
        return client


class ResilientRedisCache(RedisCache):
    """Django's RedisCache; while Redis is unreachable, reads miss and writes do nothing."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
        self._down_until = 0.0
        self._lock = threading.Lock()

    def _available(self):
        return time.monotonic() >= self._down_until

    def _failed(self, operation, error):
        with self._lock:
            if self._available():  # one warning per outage window, not one per call
                logger.warning(
                    "Cache (Redis) nicht erreichbar bei %s (%s): Seiten werden ohne Cache "
                    "ausgeliefert, nächster Versuch in %s s",
                    operation,
                    error,
                    RETRY_SECONDS,
                )
            self._down_until = time.monotonic() + RETRY_SECONDS

    def _call(self, operation, fallback, *args, **kwargs):
        if not self._available():
            return fallback
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except UNAVAILABLE as error:
            self._failed(operation, error)
            return fallback

    def _slot(self, key, version):
        return self, self.make_and_validate_key(key, version=version)

    def _forget(self, *keys, version=None):
        memo = _memo.get()
        if memo is not None:
            for key in keys:
                memo.values.pop(self._slot(key, version), None)

    def prefetch(self, keys, version=None):
        """Read `keys` into the request memo in one round trip."""
        self.fetch([self.make_and_validate_key(key, version=version) for key in keys])

    def fetch(self, full_keys):
        """`prefetch` of keys made already (with prefix and version)."""
        memo = _memo.get()
        if memo is None or not self._available():
            return
        slots = [(self, key) for key in full_keys if (self, key) not in memo.values]
        if not slots:
            return
        try:
            values = self._cache.get_client().mget([key for _cache, key in slots])
        except UNAVAILABLE as error:
            self._failed("prefetch", error)
            return
        for slot, value in zip(slots, values, strict=True):
            # unpickled when read: a page reads only some of what was fetched for it
            memo.values[slot] = _ABSENT if value is None else _Pickled(value)

    def _from_memo(self, memo, slot):
        """The memo's value for `slot` (_ABSENT: Redis has none; None: not in the memo)."""
        memo.reads[slot] = None
        value = memo.values.get(slot)
        if isinstance(value, _Pickled):
            value = memo.values[slot] = self._cache._serializer.loads(value.data)
        return value

    def get(self, key, default=None, version=None):
        memo = _memo.get()
        if memo is None:
            return self._call("get", default, key, default, version)
        slot = self._slot(key, version)
        value = self._from_memo(memo, slot)
        if value is None:
            value = self._call("get", _ABSENT, key, _ABSENT, version)
            if self._available():  # not a miss for want of Redis: worth keeping
                memo.values[slot] = value
        return default if value is _ABSENT else value

    def get_many(self, keys, version=None):
        memo = _memo.get()
        if memo is None:
            return self._call("get_many", {}, keys, version)
        slots = {key: self._slot(key, version) for key in keys}
        self.fetch([slots[key][1] for key in keys if slots[key] not in memo.values])
        found = {}
        for key, slot in slots.items():
            value = self._from_memo(memo, slot)
            if value is None:  # Redis unavailable, or None as the value
                value = self._call("get", _ABSENT, key, _ABSENT, version)
            if value is not _ABSENT and value is not None:
                found[key] = value
        return found

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget(key, version=version)
        return self._call("add", False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget(key, version=version)
        return self._call("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget(*data, version=version)
        return self._call("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        self._forget(key, version=version)
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        self._forget(key, version=version)
        return self._call("delete", False, key, version)

    def delete_many(self, keys, version=None):
        self._forget(*keys, version=version)
        return self._call("delete_many", None, keys, version)

    def clear(self):
        memo = _memo.get()
        if memo is not None:
            memo.values.clear()
        return self._call("clear", False)

    def incr(self, key, delta=1, version=None):
        """A missing key, as Django's contract has it: counters (django-ratelimit) then
        count nothing rather than fail."""
        self._forget(key, version=version)
        missing = object()
        value = self._call("incr", missing, key, delta, version)
        if value is missing:
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        return value
