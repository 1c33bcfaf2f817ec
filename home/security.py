"""What protects the public site beyond Django's own middleware: the Permissions-Policy
header, the visitor's address behind the proxy, per-visitor limits on search and form
submissions (django-ratelimit), and form submissions that need no CSRF cookie.

Visitors get no cookie at all (SECURITY.md): a form page's submission is accepted only from
a page of this site, as the browser states in the `Sec-Fetch-Site` or `Origin` header of
every POST, instead of a token in a cookie."""

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage


class PermissionsPolicyMiddleware:
    """Switches off the browser features the site never uses (settings.PERMISSIONS_POLICY)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = ", ".join(f"{name}=()" for name in settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Permissions-Policy", self.policy)
        return response


def client_ip(request):
    """The visitor's address: behind NUM_PROXIES reverse proxies (nginx appends the address
    it saw to X-Forwarded-For) the entry the nearest proxy wrote, else the connection's.
    A client-sent X-Forwarded-For is never trusted without a proxy, as in the API throttles."""
    proxies = settings.REST_FRAMEWORK.get("NUM_PROXIES") or 0
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if proxies and forwarded:
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))]
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 - a key, not a bind


def limited(request, group, rate):
    """Seconds until the visitor may try again when `rate` ("5/m") is used up for `group`,
    else None; counts this request. An empty rate switches the limit off."""
    if not rate:
        return None
    usage = get_usage(request, group=group, key="ip", rate=rate, increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    return max(1, int(usage["time_left"]))


def too_many_requests(request, retry_after):
    """The German 429 page in the site's layout, with Retry-After."""
    response = TemplateResponse(
        request,
        "too_many_requests.html",
        {"retry_after": retry_after},
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def is_same_origin(request):
    """Whether the browser says this POST comes from a page of this site."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        return False
    return origin == f"{request.scheme}://{request.get_host()}" or origin in set(
        settings.CSRF_TRUSTED_ORIGINS
    )


def foreign_submission(request):
    """The German 403 page for a form sent from elsewhere."""
    return TemplateResponse(
        request,
        "form_refused.html",
        {
            "message": _(
                "Das Formular wurde nicht von dieser Website aus abgeschickt und deshalb "
                "nicht angenommen. Bitte öffnen Sie die Formularseite und senden Sie es "
                "dort erneut ab."
            )
        },
        status=403,
    )
