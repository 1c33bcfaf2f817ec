"""GET /api/v2/search/ and /api/v2/search/autocomplete/ (../shared/contracts/search-api.md)."""

import logging

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from search.engine import (
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


def error_response(error):
    return JsonResponse({"error": error.message, "field": error.field}, status=400)


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


@require_GET
def search_api(request):
    try:
        params = parse_params(request.GET)
    except ParameterError as error:
        return error_response(error)
    result = search(params)
    log_query(params, result)
    response = JsonResponse(result_payload(result), json_dumps_params={"ensure_ascii": False})
    response["X-Search-Backend"] = result.backend
    return response


@require_GET
def autocomplete_api(request):
    data = without_control_characters(request.GET)
    prefix = " ".join(data.get("q", "").split())
    try:
        locale = parse_locale(data.get("locale", ""))
    except ParameterError as error:
        return error_response(error)
    if len(prefix) > AUTOCOMPLETE_MAX:
        return error_response(
            ParameterError("q", f"Der Anfang ist zu lang (höchstens {AUTOCOMPLETE_MAX} Zeichen).")
        )
    suggestions = autocomplete(prefix, locale) if len(prefix) >= 2 else []
    return JsonResponse({"suggestions": suggestions}, json_dumps_params={"ensure_ascii": False})
