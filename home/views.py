import sys

from django.http import Http404, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from wagtail import views as wagtail_views

from home import site_scope
from home.models import FormPage

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


@require_GET
def robots_txt(request):
    return TemplateResponse(request, "robots.txt", content_type="text/plain; charset=utf-8")


DATABASE_RETRY_SECONDS = 30


def server_error(request):
    """A 500 page that renders without a database or context processors; a 503 with
    Retry-After when the database is unreachable (a restart, an outage): the site is not
    broken, the visitor should come back shortly. Django calls this while handling the
    exception, so it is at hand in ``sys.exc_info()``."""
    from django.db import InterfaceError, OperationalError
    from django.template import loader

    error = sys.exc_info()[1]
    if isinstance(error, (OperationalError, InterfaceError)):
        response = HttpResponse(loader.get_template("503.html").render({}), status=503)
        response["Retry-After"] = str(DATABASE_RETRY_SECONDS)
        return response
    return HttpResponse(loader.get_template("500.html").render({}), status=500)


@csrf_exempt
def serve(request, path):
    """Wagtail's page view, routed from the site scope: the request's site, its root page in
    the active language and the view restrictions come from one cache entry
    (home/site_scope.py) instead of five queries; Wagtail's view then serves the route found,
    with its hooks, as ever.

    Form pages check where a submission comes from themselves (home.security), so that their
    visitors need no CSRF cookie; every other page keeps Django's CSRF check."""
    scope = site_scope.prepare(request)
    site = request._wagtail_site
    if site is not None and not hasattr(request, "_wagtail_route_for_request"):
        root = site_scope.localized_root(scope, site)
        try:
            route = root.route(request, [part for part in path.split("/") if part])
        except Http404:
            route = None
        request._wagtail_route_for_request = route
        if route is not None:
            restrictions = site_scope.restrictions_for(scope, route[0])
            if restrictions is not None:
                # what Wagtail's check_view_restrictions hook asks the page for
                route[0].get_view_restrictions = lambda: restrictions
    route = getattr(request, "_wagtail_route_for_request", None)
    if request.method not in SAFE_METHODS and not (route and isinstance(route[0], FormPage)):
        refused = CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})
        if refused is not None:
            return refused
    return wagtail_views.serve(request, path)
