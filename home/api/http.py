"""What every view of the API shares over HTTP: JSON only, ETag/Cache-Control, throttling."""

import functools

from django.conf import settings
from django.middleware.http import ConditionalGetMiddleware
from django.utils.cache import patch_cache_control
from django.utils.decorators import decorator_from_middleware
from django.utils.http import http_date
from rest_framework.renderers import JSONRenderer
from rest_framework.throttling import SimpleRateThrottle

from home.api.errors import api_exception_handler


class PublicAPIMixin:
    """JSON only, German errors, no session look-up: the API is public and read-only."""

    renderer_classes = [JSONRenderer]
    authentication_classes = []

    def get_renderer_context(self):
        """Compact JSON, as the offers and search endpoints answer: Wagtail's endpoints indent
        by four, which makes a listing 60 % larger and is written by Python's slow encoder
        (a twentieth of a listing request). `Accept: application/json; indent=4` still gives
        indented JSON (DRF's JSONRenderer)."""
        context = super().get_renderer_context()
        context.pop("indent", None)
        return context

    def get_exception_handler(self):
        return api_exception_handler

    def handle_exception(self, exc):
        response = api_exception_handler(exc, self.get_exception_handler_context())
        if response is None:
            return super().handle_exception(exc)
        return response


def set_last_modified(response, moment):
    if moment is not None:
        response["Last-Modified"] = http_date(moment.timestamp())
    return response


def cached_api_view(view):
    """ETag (from the body) and 304 for If-None-Match / If-Modified-Since on every successful
    GET, and a short public Cache-Control for anonymous clients (private for editors, whose
    session may show restricted pages)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        # before the view: DRF replaces request.user by its own (anonymous) user
        editor = request.user.is_authenticated
        response = view(request, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            if editor:
                patch_cache_control(response, private=True, no_cache=True)
            else:
                patch_cache_control(response, public=True, max_age=settings.API_CACHE_MAX_AGE)
        return response

    return decorator_from_middleware(ConditionalGetMiddleware)(wrapped)


class SettingRateThrottle(SimpleRateThrottle):
    """Per-client (IP address) rate from a Django setting, read per request so a deployment's
    environment and tests can change it; no rate (None) means no limit."""

    setting = None

    def get_rate(self):
        return getattr(settings, self.setting, None)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class SearchRateThrottle(SettingRateThrottle):
    scope = "search"
    setting = "SEARCH_THROTTLE_RATE"


class AutocompleteRateThrottle(SettingRateThrottle):
    scope = "autocomplete"
    setting = "AUTOCOMPLETE_THROTTLE_RATE"
