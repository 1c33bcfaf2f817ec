"""The site search page (/suche/). The German-aware search of issue 5 replaces the query part."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
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
    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page_obj = paginator.page(request.GET.get("seite", 1))
    except PageNotAnInteger:
        page_obj = paginator.page(1)
    except EmptyPage:
        page_obj = paginator.page(paginator.num_pages)
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "search_results": page_obj, "search_error": error},
        status=400 if error else 200,
    )
