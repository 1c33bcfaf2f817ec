"""The site search page (/suche/). The German-aware search of issue 5 replaces the query part."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200


def search(request):
    query = request.GET.get("q", "").strip()
    error = None
    results = Page.objects.none()
    if len(query) > MAX_QUERY_LENGTH:
        error = f"Der Suchbegriff ist zu lang (höchstens {MAX_QUERY_LENGTH} Zeichen)."
    elif query:
        results = Page.objects.live().public().specific().search(query)
    # get_page: a bad number shows page 1, one past the end the last page
    page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("seite"))
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "search_results": page_obj, "search_error": error},
        status=400 if error else 200,
    )
