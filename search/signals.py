"""Keep the search documents in step with pages and offers.

Pages: publish, unpublish, delete and move (a move changes the URLs of the whole subtree).
Offers: every save and delete in the admin; imports index their offers in bulk through
`offers.search_index.index_offers`, which calls `search.indexing.schedule` once per import."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from search.indexing import schedule
from search.models import SearchDocument


def _page_changed(sender, instance, **kwargs):
    schedule(SearchDocument.PAGE, [instance.pk])


def _page_deleted(sender, instance, **kwargs):
    schedule(SearchDocument.PAGE, [instance.pk])


def _page_moved(sender, instance, **kwargs):
    ids = list(Page.objects.descendant_of(instance, inclusive=True).values_list("pk", flat=True))
    schedule(SearchDocument.PAGE, ids)


def _offer_saved(sender, instance, raw=False, **kwargs):
    from offers.search_index import updates_paused

    if not raw and not updates_paused():
        schedule(SearchDocument.OFFER, [instance.pk])


def _offer_deleted(sender, instance, **kwargs):
    schedule(SearchDocument.OFFER, [instance.pk])


def connect():
    from offers.models import Offer

    page_published.connect(_page_changed, dispatch_uid="search-page-published")
    page_unpublished.connect(_page_changed, dispatch_uid="search-page-unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="search-page-moved")
    post_delete.connect(_page_deleted, sender=Page, dispatch_uid="search-page-deleted")
    # post_save fires before a ClusterableModel commits its topics and audiences; the
    # published/unpublished signals come after, so the document gets the vocabulary right.
    post_save.connect(_offer_saved, sender=Offer, dispatch_uid="search-offer-saved")
    published.connect(_offer_saved, sender=Offer, dispatch_uid="search-offer-published")
    unpublished.connect(_offer_saved, sender=Offer, dispatch_uid="search-offer-unpublished")
    post_delete.connect(_offer_deleted, sender=Offer, dispatch_uid="search-offer-deleted")
