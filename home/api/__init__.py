"""The public JSON API at /api/v2/; re-exports what urls, settings and the other apps' APIs use."""

from .endpoints import DocumentsEndpoint, ImagesEndpoint, PagesEndpoint, api_router, router_urls
from .errors import api_exception_handler, error_body
from .http import (
    AutocompleteRateThrottle,
    PublicAPIMixin,
    SearchRateThrottle,
    cached_api_view,
    set_last_modified,
)
from .schema import (
    BAD_REQUEST,
    NOT_FOUND,
    NULLABLE_STRING,
    STRING,
    TOO_MANY,
    SchemaView,
    api_docs,
    public_api_only,
    query,
)

__all__ = [
    "BAD_REQUEST",
    "NOT_FOUND",
    "NULLABLE_STRING",
    "STRING",
    "TOO_MANY",
    "AutocompleteRateThrottle",
    "DocumentsEndpoint",
    "ImagesEndpoint",
    "PagesEndpoint",
    "PublicAPIMixin",
    "SchemaView",
    "SearchRateThrottle",
    "api_docs",
    "api_exception_handler",
    "api_router",
    "cached_api_view",
    "error_body",
    "public_api_only",
    "query",
    "router_urls",
    "set_last_modified",
]
