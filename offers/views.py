"""Public offer pages: the detail page at /angebote/<slug>/ and its iCal file."""

import datetime
from urllib.parse import urlencode

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from articles.calendar import build_calendar, ical_response
from home import site_scope
from offers.finder import current_offers
from offers.structured_data import as_script_content, offer_json_ld


def _current_offer(request, slug):
    queryset = current_offers(site_scope.active_locale(request)).select_related(
        "provider", "district"
    )
    return get_object_or_404(queryset.with_vocabulary(), slug=slug)


def offer_context(offer, request):
    """Everything the offer page shows; also used by the admin preview."""
    url = request.build_absolute_uri(offer.url)
    return {
        "offer": offer,
        "canonical_url": url,
        "paragraphs": [part.strip() for part in offer.description.split("\n\n") if part.strip()],
        "json_ld": as_script_content(offer_json_ld(offer, url)),
        "osm_url": osm_url(offer),
    }


def offer_detail(request, slug):
    offer = _current_offer(request, slug)
    return TemplateResponse(request, "offers/offer_detail.html", offer_context(offer, request))


def offer_ical(request, slug):
    offer = _current_offer(request, slug)
    if not offer.start_date:
        return TemplateResponse(request, "404.html", status=404)
    end_day = offer.end_date or offer.start_date
    calendar = build_calendar(
        uid=f"offer-{offer.pk}@{request.get_host()}",
        title=offer.title,
        start=offer.start_date,
        end=end_day + datetime.timedelta(days=1),
        location=", ".join(part for part in (offer.street, offer.postcode, offer.city) if part),
        description=f"{offer.summary}\n{offer.schedule}".strip(),
        url=request.build_absolute_uri(offer.url),
    )
    return ical_response(calendar, offer.slug)


def osm_url(offer):
    """A link to the place on OpenStreetMap; no map or script is embedded."""
    if offer.latitude is not None and offer.longitude is not None:
        return (
            f"https://www.openstreetmap.org/?mlat={offer.latitude}&mlon={offer.longitude}"
            f"#map=17/{offer.latitude}/{offer.longitude}"
        )
    if offer.street:
        query = ", ".join(part for part in (offer.street, offer.postcode, offer.city) if part)
        return "https://www.openstreetmap.org/search?" + urlencode({"query": query})
    return ""
