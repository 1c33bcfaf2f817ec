"""GET /api/v2/search/ and /api/v2/search/autocomplete/ (../shared/contracts/search-api.md).

DRF views so that they share the API's schema, German errors and per-client throttling."""

import logging

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from home.api import (
    BAD_REQUEST,
    NULLABLE_STRING,
    STRING,
    TOO_MANY,
    AutocompleteRateThrottle,
    PublicAPIMixin,
    SearchRateThrottle,
    query,
)
from offers.api import FACETS_SCHEMA, FILTER_PARAMETERS
from search.engine import (
    MAX_QUERY_LENGTH,
    ParameterError,
    autocomplete,
    parse_locale,
    parse_params,
    search,
    without_control_characters,
)
from search.models import QueryLogEntry

logger = logging.getLogger(__name__)

AUTOCOMPLETE_MAX = 100


def result_payload(result):
    params = result.params
    return {
        "query": params.query,
        "locale": params.locale.language_code,
        "total": result.total,
        "page": params.page,
        "page_size": params.page_size,
        "results": result.results,
        "facets": result.facets,
        "suggestion": result.suggestion,
    }


def log_query(params, result):
    if params.query and params.page == 1:
        QueryLogEntry.record(params.query, params.locale.language_code, result.total)


SEARCH_RESULT = {
    "type": "object",
    "required": ["type", "id", "title", "url", "summary", "highlight"],
    "properties": {
        "type": {"type": "string", "enum": ["offer", "page"]},
        "id": {"type": "integer"},
        "external_id": STRING,
        "page_type": STRING,
        "title": STRING,
        "url": STRING,
        "summary": STRING,
        "highlight": {
            "type": "string",
            "description": "HTML-maskierter Text; nur <mark> und </mark> sind Markup",
        },
    },
}
SEARCH_SCHEMA = {
    "type": "object",
    "required": [
        "query",
        "locale",
        "total",
        "page",
        "page_size",
        "results",
        "facets",
        "suggestion",
    ],
    "properties": {
        "query": STRING,
        "locale": STRING,
        "total": {"type": "integer"},
        "page": {"type": "integer"},
        "page_size": {"type": "integer"},
        "results": {"type": "array", "items": SEARCH_RESULT},
        "facets": FACETS_SCHEMA,
        "suggestion": {**NULLABLE_STRING, "description": "„Meinten Sie …?“"},
    },
}
AUTOCOMPLETE_SCHEMA = {
    "type": "object",
    "required": ["suggestions"],
    "properties": {
        "suggestions": {
            "type": "array",
            "maxItems": 10,
            "items": {
                "type": "object",
                "required": ["title", "url", "type"],
                "properties": {
                    "title": STRING,
                    "url": STRING,
                    "type": {"type": "string", "enum": ["offer", "page"]},
                },
            },
        }
    },
}


class SearchAPI(PublicAPIMixin, APIView):
    throttle_classes = [SearchRateThrottle]

    @extend_schema(
        operation_id="search",
        summary="Seiten und Angebote durchsuchen",
        description="Ergebnisse einer Sprache mit Facetten; Filter außer „locale“ und „type“ "
        "gelten nur für Angebote. Je Client begrenzt (429 mit Retry-After).",
        parameters=[
            query("q", f"Suchbegriff (höchstens {MAX_QUERY_LENGTH} Zeichen)"),
            query("type", "Art der Ergebnisse", enum=["all", "offer", "page"]),
            *FILTER_PARAMETERS,
        ],
        responses={200: SEARCH_SCHEMA, 400: BAD_REQUEST, 429: TOO_MANY},
    )
    def get(self, request):
        params = parse_params(request.GET)
        result = search(params)
        log_query(params, result)
        response = Response(result_payload(result))
        response["X-Search-Backend"] = result.backend
        return response


class AutocompleteAPI(PublicAPIMixin, APIView):
    throttle_classes = [AutocompleteRateThrottle]

    @extend_schema(
        operation_id="search_autocomplete",
        summary="Vorschläge beim Tippen",
        description="Höchstens 10 Titel, deren Wörter mit den eingegebenen beginnen; "
        "unter 2 Zeichen eine leere Liste.",
        parameters=[
            OpenApiParameter(
                "q", str, OpenApiParameter.QUERY, description="Anfang eines Titels (2–100 Zeichen)"
            ),
            query("locale", "Sprache, z. B. „de“ oder „de-x-ls“"),
        ],
        responses={200: AUTOCOMPLETE_SCHEMA, 400: BAD_REQUEST, 429: TOO_MANY},
    )
    def get(self, request):
        data = without_control_characters(request.GET)
        prefix = " ".join(data.get("q", "").split())
        locale = parse_locale(data.get("locale", ""))
        if len(prefix) > AUTOCOMPLETE_MAX:
            raise ParameterError(
                "q", f"Der Anfang ist zu lang (höchstens {AUTOCOMPLETE_MAX} Zeichen)."
            )
        suggestions = autocomplete(prefix, locale) if len(prefix) >= 2 else []
        return Response({"suggestions": suggestions})
