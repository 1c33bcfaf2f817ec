"""Per-client request limits of the HTML search page and of form submissions (django-ratelimit).

The JSON API has DRF throttles of its own (home/api/http.py); these guard what a browser sends:
the search page (`SEARCH_PAGE_RATE_LIMIT`) and POSTs to a form page (`FORM_RATE_LIMIT`). Each
is read per request, so the environment and tests decide; no rate means no limit. Over the
limit the visitor gets a 429 with `Retry-After` and a German page in the site layout, and
nothing of the request is processed (a form submission is not stored, no mail is sent).

Clients are told apart by address as the API's throttles do: behind `NUM_PROXIES` reverse
proxies (nginx: 1) the entry those proxies appended to X-Forwarded-For, else the connection's
address; a header the client sent itself is never trusted then."""

import functools

from django.conf import settings
from django.template.response import TemplateResponse
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

SEARCH_PAGE_GROUP = "search-page"
FORM_GROUP = "form-submission"


def client_address(group, request):
    """The visitor's address: the connection's, or the one the trusted proxies recorded."""
    proxies = settings.REST_FRAMEWORK.get("NUM_PROXIES") or 0
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if proxies <= 0 or not forwarded:
        return remote
    entries = [entry.strip() for entry in forwarded.split(",") if entry.strip()]
    if not entries:
        return remote
    return entries[-min(proxies, len(entries))]


def setting_rate(setting):
    """django-ratelimit's rate callable for a setting; an empty rate switches the limit off."""
    return lambda group, request: getattr(settings, setting, None) or None


def too_many_requests(request, retry_after):
    response = TemplateResponse(request, "429.html", {"retry_after": retry_after}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def over_limit(request, group, setting, method=ALL):
    """Count this request; the seconds until the client may try again when it is over the
    limit, else None."""
    usage = get_usage(
        request,
        group=group,
        key=client_address,
        rate=setting_rate(setting),
        method=method,
        increment=True,
    )
    if usage is None or not usage["should_limit"]:
        return None
    return max(1, usage["time_left"])


def rate_limited(group, setting, method=ALL):
    """View decorator: answer 429 instead of calling the view when the client is over the
    rate in ``setting``."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            retry_after = over_limit(request, group, setting, method)
            if retry_after is not None:
                return too_many_requests(request, retry_after)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


search_page_limit = rate_limited(SEARCH_PAGE_GROUP, "SEARCH_PAGE_RATE_LIMIT")


class FormRateLimitMixin:
    """For form pages: POSTs beyond `FORM_RATE_LIMIT` per client get a 429 and are not
    processed; showing the form (GET) is never limited."""

    def serve(self, request, *args, **kwargs):
        retry_after = over_limit(request, FORM_GROUP, "FORM_RATE_LIMIT", method=["POST"])
        if retry_after is not None:
            return too_many_requests(request, retry_after)
        return super().serve(request, *args, **kwargs)
