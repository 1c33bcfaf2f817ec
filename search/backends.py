"""Elasticsearch and OpenSearch: index settings with a German analysis chain, sending
documents to the cluster, ranking through Wagtail's backend, and falling back to the
database when the cluster cannot be reached.

`ELASTICSEARCH_URL` selects Wagtail's Elasticsearch 8 backend, `OPENSEARCH_URL` its
OpenSearch 3 backend (settings.base). Without either, `cluster()` is None and the database
serves every search."""

import logging
import threading
import time

from django.conf import settings
from modelsearch.backends import get_search_backend
from modelsearch.query import And, Or, PlainText

from search.models import SearchDocument

logger = logging.getLogger(__name__)

RETRY_AFTER = 30  # seconds the database serves alone after the cluster failed
_state = threading.local()
_down_until = {"value": 0.0}

CLUSTER_BACKENDS = ("elasticsearch", "opensearch")


_clients = {}


def cluster():
    """Wagtail's Elasticsearch/OpenSearch backend when configured, else None. One instance
    per configuration: each holds the client and its connection pool, which a search should
    not build anew."""
    config = settings.WAGTAILSEARCH_BACKENDS["default"]
    if not any(name in config["BACKEND"] for name in CLUSTER_BACKENDS):
        return None
    key = repr(config)
    if key not in _clients:
        _clients[key] = get_search_backend("default")
    return _clients[key]


def analysis_words_and_synonyms():
    """Compound parts known from the index and the editors' synonym lines, for the cluster's
    decompounder and synonym filters (read when the index is (re)built)."""
    from search import analysis
    from search.models import IndexedWord, Synonym

    parts = set()
    for word in (
        IndexedWord.objects.filter(word__regex=r"^[a-z]{8,}$")
        .values_list("word", flat=True)
        .iterator()
    ):
        parts.update(analysis.fold(part) for part in analysis.compound_parts(word))
    synonyms = [
        ", ".join(analysis.fold(v) for v in synonym.variant_list())
        for synonym in Synonym.objects.all()
    ]
    return sorted(parts)[:10_000], synonyms


def _available():
    return time.monotonic() >= _down_until["value"]


def _failed(error):
    _down_until["value"] = time.monotonic() + RETRY_AFTER
    logger.warning(
        "Suchcluster nicht erreichbar (%s: %s); die Datenbank beantwortet Suchen für %d s",
        type(error).__name__,
        error,
        RETRY_AFTER,
    )


def last_backend_name():
    return getattr(_state, "name", "database")


SEARCH_FIELDS = [
    "title_terms",
    "topic_terms",
    "summary_terms",
    "body_terms",
    "title",
    "topics",
    "summary",
    "body",
]


def _plan_query(plan, any_group=False):
    def alternative(terms):
        parts = [PlainText(term) for term in terms]
        return parts[0] if len(parts) == 1 else And(parts)

    groups = []
    for group in plan.groups:
        alternatives = [alternative(alt) for alt in group]
        groups.append(alternatives[0] if len(alternatives) == 1 else Or(alternatives))
    if len(groups) == 1:
        return groups[0]
    return Or(groups) if any_group else And(groups)


def cluster_ranked_ids(plan, params, limit):
    """SearchDocument ids ranked by the cluster, or None when the database must answer."""
    _state.name = "database"
    backend = cluster()
    if backend is None or not _available():
        return None
    documents = SearchDocument.objects.filter(locale_id=params.locale.pk)
    if params.type == "offer" or (params.type == "all" and params.filters.active):
        documents = documents.filter(kind=SearchDocument.OFFER)
    elif params.type == "page":
        documents = documents.filter(kind=SearchDocument.PAGE)
    try:
        ids = [
            document.pk
            for document in backend.search(_plan_query(plan), documents, fields=SEARCH_FIELDS)[
                :limit
            ]
        ]
        if not ids and len(plan.groups) > 1:  # nothing with all words: any word
            results = backend.search(
                _plan_query(plan, any_group=True), documents, fields=SEARCH_FIELDS
            )
            ids = [document.pk for document in results[:limit]]
    except Exception as error:  # any transport or server error: the database answers
        _failed(error)
        return None
    _state.name = type(backend).__module__.rsplit(".", 1)[-1]
    return ids


def send_to_cluster(kind, object_ids, removed_ids=()):
    """Mirror stored documents into the cluster; failures are logged, the nightly rebuild
    (``update_index``) catches up."""
    backend = cluster()
    if backend is None:
        return
    try:
        documents = list(SearchDocument.objects.filter(kind=kind, object_id__in=object_ids))
        if documents:
            backend.add_bulk(SearchDocument, documents)
        index = backend.get_index_for_model(SearchDocument)
        for pk in removed_ids:
            index.delete_item(SearchDocument(pk=pk))
    except Exception as error:
        _failed(error)
