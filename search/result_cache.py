"""A short-lived cache of search answers, shared by the search API and the search page.

Citizens ask the same few things again and again ("Kita", "MINT", "Ferien"), and an answer
costs the ranking and the facet counts (about 8 queries, 30-60 ms); a cached one costs one
cache round trip. What is cached is what the engine computed (ids, results, facets, counts,
suggestion) under a key of everything that decides it: query, locale, type, page, page size,
the filters, the UI language and today's date (offers stop being current at midnight).
Logging each query (search/api.py `log_query`) and the request limits stay outside: they run
for every request, hit or miss.

Invalidation is by generation: every key holds the current search generation, and every
change that can alter an answer gives it a new one, so all stored answers stop matching at
once. The changes are the search documents (`search.indexing.store`, which every publish,
unpublish, move, delete, offer save, import, expiry and rebuild goes through), the
vocabularies, providers, synonyms, promotions and view restrictions (`connect`). A new
generation is set at once and again after the transaction commits, so an answer computed
from the old data during the commit is never served either. The lifetime
(SEARCH_CACHE_SECONDS, default 60 s with Redis, off without: several processes with their
own local memory would not see each other's new generations) bounds whatever no signal
reports, such as a bulk update in a shell.

Redis down: ResilientRedisCache misses and the engine computes every answer, as without the
cache."""

import functools
import hashlib
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation

GENERATION_KEY = "search:generation"
KEY_PREFIX = "search:answer"


def ttl():
    return getattr(settings, "SEARCH_CACHE_SECONDS", 0)


def _cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def _generation(cache):
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        token = uuid.uuid4().hex
        generation = token if cache.add(GENERATION_KEY, token, timeout=None) else None
        if generation is None:  # another process set one meanwhile
            generation = cache.get(GENERATION_KEY)
    return generation


def params_parts(params):
    """What decides a search answer besides the generation, date and UI language."""
    return (
        params.locale.pk,
        params.type,
        params.page,
        params.page_size,
        params.query,
        repr(params.filters),
    )


def answer_key(kind, parts, generation):
    """The key of one answer: everything that decides it (see the module docstring)."""
    context = (generation, timezone.localdate().isoformat(), translation.get_language() or "")
    digest = hashlib.sha256(repr((kind, context, tuple(parts))).encode()).hexdigest()
    return f"{KEY_PREFIX}:{kind}:{digest}"


def cached(kind, parts, compute):
    """`compute()`'s value for the answer of `kind` decided by `parts`, from the cache when a
    current one is there. The value must be picklable and hold none of the request's objects."""
    seconds = ttl()
    if seconds <= 0:
        return compute()
    cache = _cache()
    generation = _generation(cache)
    if generation is None:  # the cache is unreachable
        return compute()
    key = answer_key(kind, parts, generation)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


def _bump():
    if ttl() > 0:
        _cache().set(GENERATION_KEY, uuid.uuid4().hex, None)


def invalidate():
    """A new search generation now (this transaction's own reads see the change already) and
    again once the transaction commits (an answer another process computed from the old data
    meanwhile is stored under the generation in between): every stored answer stops matching."""
    _bump()
    transaction.on_commit(_bump)


def _changed(sender, instance, raw=False, **kwargs):
    if not raw and isinstance(instance, _watched()):
        invalidate()


@functools.cache
def _watched():
    """Models whose changes alter answers without passing through the search documents."""
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion
    from wagtail.models import PageViewRestriction

    from home.models.vocabularies import VocabularyTerm
    from offers.models import Provider
    from search.models import Synonym

    # Offers change the answers through their search documents (store() invalidates); an
    # import saves thousands of them and indexes them once at its end.
    return (VocabularyTerm, Provider, Synonym, SearchPromotion, Query, PageViewRestriction)


def connect():
    post_save.connect(_changed, dispatch_uid="search-answers-saved")
    post_delete.connect(_changed, dispatch_uid="search-answers-deleted")
