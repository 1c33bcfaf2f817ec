import sys

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET


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
