"""Keeping offers in the search index. Offers opt out of the per-save signal handlers
(`search_auto_update = False`) so an import of thousands of offers can index them in bulk
once, instead of four times per offer; edits in the admin still index on every save."""

import threading
from contextlib import contextmanager

from django.db.models.signals import post_delete, post_save
from modelsearch.backends import get_search_backends
from modelsearch.index import get_indexed_instance

_paused = threading.local()


def updates_paused():
    return getattr(_paused, "value", False)


@contextmanager
def index_updates_paused():
    """Within this block, saves of offers do not touch the search index (bulk work)."""
    _paused.value = True
    try:
        yield
    finally:
        _paused.value = False


INDEX_CHUNK = 250


def index_offers(offer_ids):
    """Add or refresh the given offers in every auto-updated search backend, in bulk chunks
    so memory stays flat however large the import."""
    from offers.models import Offer

    offer_ids = list(offer_ids)
    backends = list(get_search_backends(with_auto_update=True))
    for start in range(0, len(offer_ids), INDEX_CHUNK):
        chunk = list(
            Offer.objects.filter(pk__in=offer_ids[start : start + INDEX_CHUNK])
            .select_related("provider", "district")
            .prefetch_related("topics", "audiences")
        )
        for backend in backends:
            backend.add_bulk(Offer, chunk)
    from search.indexing import schedule

    schedule("offer", offer_ids)  # the site search's documents
    return len(offer_ids)


def _offer_saved(sender, instance, raw=False, **kwargs):
    if raw or getattr(_paused, "value", False):
        return
    indexed = get_indexed_instance(instance)
    if indexed is not None:
        for backend in get_search_backends(with_auto_update=True):
            backend.add(indexed)


def _offer_deleted(sender, instance, **kwargs):
    from modelsearch.index import remove_object

    remove_object(instance)


def connect_signal_handlers():
    from offers.models import Offer

    post_save.connect(_offer_saved, sender=Offer, dispatch_uid="offers-search-index-save")
    post_delete.connect(_offer_deleted, sender=Offer, dispatch_uid="offers-search-index-delete")
