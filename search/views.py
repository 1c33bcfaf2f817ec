"""The site search page (/suche/): one box for pages and offers, tabs by type with counts,
offer facets, highlighted snippets and "Meinten Sie …?". It runs the same code as the API."""

from dataclasses import replace

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from home import security, site_scope
from offers.finder import facet_groups
from search import engine
from search.api import log_query
from search.engine import ParameterError, parse_params

TABS = (("all", _("Alle")), ("offer", _("Angebote")), ("page", _("Seiten")))
PAGE_PARAM = "seite"
PAGE_SIZE = 10


def search_page(request):
    retry_after = security.limited(request, "search-page", settings.SEARCH_PAGE_RATE_LIMIT)
    if retry_after:
        return security.too_many_requests(request, retry_after)
    data = request.GET.copy()
    if PAGE_PARAM in data:
        data["page"] = data.pop(PAGE_PARAM)[-1]
    context = {"search_query": " ".join(request.GET.get("q", "").split())}
    try:
        # the locale of the URL prefix, which the locale middleware activated
        params = parse_params(data, default_locale=site_scope.active_locale(request))
    except ParameterError as error:
        context["search_error"] = error.message
        return TemplateResponse(request, "search/search.html", context, status=400)
    if "page_size" not in request.GET:
        params = replace(params, page_size=PAGE_SIZE)
    result = engine.search(params)
    if params.query:
        log_query(params, result)
    if params.type == "all" and not params.filters.active:  # the search counted both kinds
        tab_counts = {"all": result.total, **result.counts}
    else:
        tab_counts = {
            kind: result.total if kind == params.type else engine.count(replace(params, type=kind))
            for kind, _label in TABS
        }
    context.update(
        {
            "params": params,
            "result": result,
            "tabs": [
                {"kind": kind, "label": label, "count": tab_counts[kind]} for kind, label in TABS
            ],
            "facet_groups": (
                [group for group in facet_groups(result) if group["options"]]
                if params.type != "page"
                else []
            ),
            "has_previous": params.page > 1,
            "has_next": params.page < result.num_pages,
            "start_index": (params.page - 1) * params.page_size + 1,
        }
    )
    return TemplateResponse(request, "search/search.html", context)
