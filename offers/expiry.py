"""Expiry of offers: past `valid_until` or past `end_date` they leave every listing."""

import datetime
import logging

from django.utils import timezone

from offers.models import Offer

logger = logging.getLogger(__name__)
EXPIRING_WINDOW_DAYS = 30


def expire_offers(today=None):
    """Unpublish live offers that have expired, so they also leave the search index.

    Idempotent: an offer already unpublished is not touched again. Each unpublish is recorded
    in Wagtail's history of the offer. Returns the ids of the offers expired now."""
    today = today or timezone.localdate()
    expired = list(Offer.objects.filter(live=True).expired(today))
    for offer in expired:
        offer.unpublish(log_action="wagtail.unpublish")
    if expired:
        logger.info(
            "%d Angebote abgelaufen: %s",
            len(expired),
            ", ".join(offer.external_id for offer in expired),
        )
    return [offer.pk for offer in expired]


def expiring_soon(today=None, days=EXPIRING_WINDOW_DAYS):
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=days)
    current = Offer.objects.current(today)
    soon = current.filter(valid_until__lte=horizon) | current.filter(end_date__lte=horizon)
    return soon.distinct().select_related("provider", "locale").order_by("valid_until", "end_date")


def expired_offers(today=None):
    return (
        Offer.objects.expired(today or timezone.localdate())
        .select_related("provider", "locale")
        .order_by("-valid_until", "-end_date")
    )
