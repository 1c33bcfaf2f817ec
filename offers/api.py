"""GET /api/v2/offers/ and /api/v2/offers/<id>/ (../shared/contracts/search-api.md, "Offers").

The list validates its parameters exactly like the search API (search.engine.parse_params) and
lists through offers.finder.find_offers, the finder page's code path."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from bildung.language_urls import locale_code
from home.api import (
    BAD_REQUEST,
    NOT_FOUND,
    STRING,
    PublicAPIMixin,
    query,
    set_last_modified,
)
from home.api_fields import absolute_url
from home.sanitising import safe_url
from offers.finder import find_offers
from offers.models import Offer
from search.engine import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    ParameterError,
    parse_params,
    without_control_characters,
)

SEARCH_ONLY = ("q", "type")  # search parameters that make no sense for a plain listing


def number(value):
    return None if value is None else float(value)


def date(value):
    return value.isoformat() if value else None


def terms(manager):
    return [{"slug": term.slug, "name": term.name} for term in manager.all()]


def offer_data(offer, request):
    """An offer with every field of the import contract, its URL and its vocabulary as
    {"slug", "name"} objects."""
    return {
        "id": offer.pk,
        "detail_url": absolute_url(reverse("api-offer-detail", args=[offer.pk]), request),
        "locale": locale_code(offer.locale_id),
        "url": offer.url,
        "external_id": offer.external_id,
        "title": offer.title,
        "summary": offer.summary,
        "description": offer.description,
        "provider": {"name": offer.provider.name, "website": safe_url(offer.provider.website)},
        "topics": terms(offer.topics),
        "life_phases": terms(offer.life_phases),
        "audiences": terms(offer.audiences),
        "format": offer.format,
        "district": (
            {"slug": offer.district.slug, "name": offer.district.name} if offer.district else None
        ),
        "street": offer.street,
        "postcode": offer.postcode,
        "city": offer.city,
        "latitude": number(offer.latitude),
        "longitude": number(offer.longitude),
        "start_date": date(offer.start_date),
        "end_date": date(offer.end_date),
        "schedule": offer.schedule,
        "cost": number(offer.cost),
        "cost_note": offer.cost_note,
        "age_min": offer.age_min,
        "age_max": offer.age_max,
        "languages": list(offer.languages or []),
        "accessibility": terms(offer.accessibility),
        "registration_url": safe_url(offer.registration_url),
        "website": safe_url(offer.website),
        "contact_email": offer.contact_email,
        "contact_phone": offer.contact_phone,
        "valid_until": date(offer.valid_until),
        "published": offer.live,
        "updated_at": offer.updated_at.isoformat(),
    }


# ----------------------------------------------------------------------------- schema

NULLABLE_DATE = {"type": "string", "format": "date", "nullable": True}
NULLABLE_NUMBER = {"type": "number", "nullable": True}
NULLABLE_INTEGER = {"type": "integer", "nullable": True}
TERM = {
    "type": "object",
    "required": ["slug", "name"],
    "properties": {"slug": STRING, "name": STRING},
}
TERMS = {"type": "array", "items": TERM}
OFFER_PROPERTIES = {
    "id": {"type": "integer"},
    "detail_url": {"type": "string", "format": "uri"},
    "locale": STRING,
    "url": STRING,
    "external_id": STRING,
    "title": STRING,
    "summary": STRING,
    "description": STRING,
    "provider": {
        "type": "object",
        "required": ["name", "website"],
        "properties": {"name": STRING, "website": STRING},
    },
    "topics": TERMS,
    "life_phases": TERMS,
    "audiences": TERMS,
    "format": {"type": "string", "enum": ["praesenz", "online", "hybrid"]},
    "district": {**TERM, "nullable": True},
    "street": STRING,
    "postcode": STRING,
    "city": STRING,
    "latitude": NULLABLE_NUMBER,
    "longitude": NULLABLE_NUMBER,
    "start_date": NULLABLE_DATE,
    "end_date": NULLABLE_DATE,
    "schedule": STRING,
    "cost": NULLABLE_NUMBER,
    "cost_note": STRING,
    "age_min": NULLABLE_INTEGER,
    "age_max": NULLABLE_INTEGER,
    "languages": {"type": "array", "items": STRING},
    "accessibility": TERMS,
    "registration_url": STRING,
    "website": STRING,
    "contact_email": STRING,
    "contact_phone": STRING,
    "valid_until": NULLABLE_DATE,
    "published": {"type": "boolean"},
    "updated_at": {"type": "string", "format": "date-time"},
}
OFFER_SCHEMA = {
    "type": "object",
    "required": list(OFFER_PROPERTIES),
    "properties": OFFER_PROPERTIES,
}
TRANSLATION = {
    "type": "object",
    "required": ["id", "url"],
    "properties": {"id": {"type": "integer"}, "url": STRING},
}
OFFER_DETAIL_SCHEMA = {
    "type": "object",
    "required": [*OFFER_PROPERTIES, "translations"],
    "properties": {
        **OFFER_PROPERTIES,
        "translations": {"type": "object", "additionalProperties": TRANSLATION},
    },
}
FACET_OPTION = {
    "type": "object",
    "required": ["slug", "name", "count"],
    "properties": {"slug": STRING, "name": STRING, "count": {"type": "integer"}},
}
FACETS_SCHEMA = {"type": "object", "additionalProperties": {"type": "array", "items": FACET_OPTION}}
OFFER_LIST_SCHEMA = {
    "type": "object",
    "required": ["locale", "total", "page", "page_size", "results", "facets"],
    "properties": {
        "locale": STRING,
        "total": {"type": "integer"},
        "page": {"type": "integer"},
        "page_size": {"type": "integer"},
        "results": {"type": "array", "items": OFFER_SCHEMA},
        "facets": FACETS_SCHEMA,
    },
}


def slug_list(name, description):
    return OpenApiParameter(
        name,
        {"type": "array", "items": {"type": "string", "maxLength": 80}},
        OpenApiParameter.QUERY,
        description=description + " (wiederholbar, ODER-verknüpft)",
        explode=True,
    )


FILTER_PARAMETERS = [
    query("locale", "Sprache, z. B. „de“ oder „de-x-ls“; Standard: Deutsch"),
    slug_list("topic", "Thema (Kürzel)"),
    slug_list("life_phase", "Lebensphase (Kürzel)"),
    slug_list("audience", "Zielgruppe (Kürzel)"),
    slug_list("district", "Stadtteil (Kürzel)"),
    OpenApiParameter(
        "format",
        {"type": "array", "items": {"type": "string", "enum": ["praesenz", "online", "hybrid"]}},
        OpenApiParameter.QUERY,
        description="Format (wiederholbar)",
        explode=True,
    ),
    query("free", "Nur kostenlose Angebote", enum=["true", "false"]),
    slug_list("accessibility", "Barrierefreiheitsmerkmal (Kürzel)"),
    query(
        "date_from",
        "Angebote, die an oder nach diesem Tag laufen",
        schema={"type": "string", "format": "date"},
    ),
    query(
        "date_to",
        "Angebote, die an oder vor diesem Tag laufen",
        schema={"type": "string", "format": "date"},
    ),
    query(
        "age",
        "Alter in Jahren (0–120)",
        int,
        schema={"type": "integer", "minimum": 0, "maximum": 120},
    ),
    query("page", "Seite ab 1", int, schema={"type": "integer", "minimum": 1, "maximum": 10000}),
    query(
        "page_size",
        f"Ergebnisse je Seite (1–{MAX_PAGE_SIZE}, Standard {DEFAULT_PAGE_SIZE})",
        int,
        schema={"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
    ),
]


# ------------------------------------------------------------------------------- views


class OfferListAPI(PublicAPIMixin, APIView):
    @extend_schema(
        operation_id="offers_list",
        summary="Aktuelle Angebote einer Sprache mit Filtern",
        description="Veröffentlichte, gültige Angebote, sortiert nach dem nächsten Beginn; "
        "dieselben Filter und Facetten wie die Suche (ohne „q“).",
        parameters=FILTER_PARAMETERS,
        responses={200: OFFER_LIST_SCHEMA, 400: BAD_REQUEST},
    )
    def get(self, request):
        for name in SEARCH_ONLY:
            if name in request.GET:
                raise ParameterError(
                    name, _("„%s“ gibt es nur bei der Suche (/api/v2/search/).") % name
                )
        params = parse_params(request.GET)
        result = find_offers(without_control_characters(request.GET), locale=params.locale)
        start = (params.page - 1) * params.page_size
        offers = result.offers[start : start + params.page_size]
        return Response(
            {
                "locale": params.locale.language_code,
                "total": result.total,
                "page": params.page,
                "page_size": params.page_size,
                "results": [offer_data(offer, request) for offer in offers],
                "facets": result.facets,
            }
        )


class OfferDetailAPI(PublicAPIMixin, APIView):
    @extend_schema(
        operation_id="offers_detail",
        summary="Ein Angebot mit allen Feldern und seinen Sprachfassungen",
        description="„translations“ nennt für jede Sprache, in der das Angebot veröffentlicht "
        "ist (auch die eigene), id und Adresse.",
        responses={200: OFFER_DETAIL_SCHEMA, 404: NOT_FOUND},
    )
    def get(self, request, pk):
        offer = Offer.objects.current().for_listing().filter(pk=pk).first()
        if offer is None:
            raise Http404
        versions = list(
            offer.get_translations(inclusive=True)
            .current()
            .only("pk", "slug", "locale_id", "updated_at")
        )
        data = offer_data(offer, request)
        data["translations"] = {
            locale_code(version.locale_id): {"id": version.pk, "url": version.url}
            for version in sorted(versions, key=lambda version: version.locale_id)
        }
        response = Response(data)
        return set_last_modified(response, max(version.updated_at for version in versions))
