"""The public JSON API at /api/v2/: Wagtail's pages, images and documents endpoints with German
errors, plus what every endpoint of the API shares (errors, caching, throttling, the OpenAPI
schema and its documentation page)."""

import functools
import re

from django.conf import settings
from django.core.cache import cache
from django.db.models import ForeignKey, ManyToManyField
from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.http.request import split_domain_port
from django.middleware.http import ConditionalGetMiddleware
from django.shortcuts import render
from django.utils.cache import patch_cache_control
from django.utils.decorators import decorator_from_middleware
from django.utils.http import http_date
from django.utils.translation import gettext as _
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import exceptions, serializers, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import exception_handler
from wagtail.api import APIField
from wagtail.api.v2.filters import LocaleFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import post_page_move

from home.api_fields import (
    AbsoluteDownloadUrlField,
    DetailUrlField,
    ImageRenditionsField,
    PageHtmlUrlField,
    PrefetchedTagsField,
    tags_prefetch,
)
from home.models import CreditedImage
from search.engine import CONTROL_RE, ParameterError, parse_locale

MAX_ID = 2**31 - 1

# ------------------------------------------------------------------------------ errors


def error_body(message, field=None):
    return {"error": str(message), "field": field}


# Wagtail's English BadRequestError messages -> (German message, parameter). The groups of the
# pattern fill the message's placeholders; a parameter of None takes the first group.
WAGTAIL_ERRORS = [
    (
        r"query parameter is not an operation or a recognised field: ([^,]+)",
        "Unbekannter Parameter: %s",
        None,
    ),
    (r"unknown fields: (.+)", "Unbekanntes Feld in „fields“: %s", "fields"),
    (r"'(.+)' does not support nested fields", "„%s“ hat keine Unterfelder.", "fields"),
    (r"fields error: .*", "„fields“ hat ein ungültiges Format.", "fields"),
    (r"type doesn't exist", "Unbekannter Seitentyp.", "type"),
    (r"(\w+) must be a positive integer", "„%s“ muss eine ganze Zahl ab 0 sein.", None),
    (r"limit cannot be higher than (\d+)", "„limit“ darf höchstens %s sein.", "limit"),
    (r"parent page doesn't exist", "Die Seite aus „child_of“ gibt es nicht.", "child_of"),
    (r"descendant page doesn't exist", "Die Seite aus „ancestor_of“ gibt es nicht.", "ancestor_of"),
    (
        r"ancestor page doesn't exist",
        "Die Seite aus „descendant_of“ gibt es nicht.",
        "descendant_of",
    ),
    (
        r"translation_of page doesn't exist",
        "Die Seite aus „translation_of“ gibt es nicht.",
        "translation_of",
    ),
    (
        r"filtering by descendant_of with child_of is not supported",
        "„descendant_of“ und „child_of“ lassen sich nicht kombinieren.",
        "descendant_of",
    ),
    (r"random ordering .*", "Zufällige Reihenfolge geht nur allein und ohne „offset“.", "order"),
    (r"cannot order by '-?(.+?)'.*", "Nach „%s“ kann nicht sortiert werden.", "order"),
    (r"search is disabled", "Die Suche ist hier nicht verfügbar.", "search"),
    (
        r"filtering by tag with a search query.*",
        "Tags und Suche lassen sich nicht kombinieren.",
        "search",
    ),
    (
        r"cannot filter by '(.+?)' while searching.*",
        "„%s“ lässt sich nicht mit der Suche kombinieren.",
        None,
    ),
    (
        r"field filter error\. '.*' is not a valid value for (\w+).*",
        "Ungültiger Wert für „%s“.",
        None,
    ),
    (r"field filter error\. null characters .* for (\w+)", "Ungültiger Wert für „%s“.", None),
]


def german_bad_request(message):
    """(German message, parameter) for one of Wagtail's BadRequestError messages."""
    for pattern, german, field in WAGTAIL_ERRORS:
        match = re.fullmatch(pattern, message)
        if match:
            groups = match.groups()
            text = _(german) % groups[0] if groups and "%s" in german else _(german)
            return text, field or (groups[0].strip() if groups else None)
    return _("Ungültige Anfrage."), None


GERMAN_HTTP_ERRORS = {
    status.HTTP_404_NOT_FOUND: "Nicht gefunden.",
    status.HTTP_405_METHOD_NOT_ALLOWED: "Diese Methode ist hier nicht erlaubt.",
    status.HTTP_406_NOT_ACCEPTABLE: "Die API antwortet nur in JSON.",
    status.HTTP_403_FORBIDDEN: "Kein Zugriff.",
    status.HTTP_401_UNAUTHORIZED: "Anmeldung erforderlich.",
}


def api_exception_handler(exc, context):
    """DRF's handler (status, Retry-After) with the API's German {"error", "field"} body."""
    if isinstance(exc, ParameterError):
        return Response(error_body(exc.message, exc.field), status=400)
    if isinstance(exc, BadRequestError):
        return Response(error_body(*german_bad_request(str(exc))), status=400)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait or 1)
        message = _("Zu viele Anfragen. Bitte in %d Sekunden erneut versuchen.") % wait
    else:
        message = _(GERMAN_HTTP_ERRORS.get(response.status_code, "Ungültige Anfrage."))
    response.data = error_body(message)
    return response


class PublicAPIMixin:
    """JSON only, German errors, no session look-up: the API is public and read-only."""

    renderer_classes = [JSONRenderer]
    authentication_classes = []

    def get_exception_handler(self):
        return api_exception_handler

    def handle_exception(self, exc):
        response = api_exception_handler(exc, self.get_exception_handler_context())
        if response is None:
            return super().handle_exception(exc)
        return response


def frozen_fields(config):
    """Wagtail's parsed ?fields= (lists of (name, negated, sub-fields)) as a hashable key."""
    return tuple(
        (name, negated, frozen_fields(sub_fields) if sub_fields else None)
        for name, negated, sub_fields in config
    )


class SerializerClassCacheMixin:
    """Wagtail builds a new serializer class for every request (and every nested relation); the
    class depends only on the endpoint, the model and ?fields=, so each process builds it once.
    Bounded, since ?fields= comes from clients; errors (BadRequestError) are not cached."""

    serializer_classes = {}
    serializer_classes_max = 256

    @classmethod
    def _get_serializer_class(cls, router, model, fields_config, show_details=False, nested=False):
        key = (cls, router, model, frozen_fields(fields_config), show_details, nested)
        serializer_class = cls.serializer_classes.get(key)
        if serializer_class is None:
            serializer_class = super()._get_serializer_class(
                router, model, fields_config, show_details=show_details, nested=nested
            )
            if len(cls.serializer_classes) >= cls.serializer_classes_max:
                cls.serializer_classes.clear()
            cls.serializer_classes[key] = serializer_class
        return serializer_class


def check_plain_parameters(data):
    """No control characters in any parameter (PostgreSQL refuses NUL in text)."""
    for name in data:
        if any(CONTROL_RE.search(value) for value in data.getlist(name)):
            raise ParameterError(name, _("„%s“ enthält unzulässige Steuerzeichen.") % name[:40])


def check_ids(data, names):
    for name in names:
        value = data.get(name)
        if value is not None and value != "root" and not (value.isdigit() and int(value) <= MAX_ID):
            raise ParameterError(name, _("„%s“ muss eine ganze Zahl ab 0 sein.") % name)


# ---------------------------------------------------------------------------- caching


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


# --------------------------------------------------------------------------- throttling


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


# ------------------------------------------------------------------------- schema parts

ERROR_SCHEMA = {
    "type": "object",
    "required": ["error", "field"],
    "properties": {
        "error": {"type": "string", "description": "Deutsche Fehlermeldung"},
        "field": {"type": "string", "nullable": True, "description": "Betroffener Parameter"},
    },
}
BAD_REQUEST = OpenApiResponse(ERROR_SCHEMA, description="Ungültiger Parameter")
NOT_FOUND = OpenApiResponse(ERROR_SCHEMA, description="Nicht gefunden")
TOO_MANY = OpenApiResponse(ERROR_SCHEMA, description="Zu viele Anfragen (siehe Retry-After)")
NULLABLE_STRING = {"type": "string", "nullable": True}
OBJECT_META = {"type": "object", "additionalProperties": True}


def listing_schema(item):
    return {
        "type": "object",
        "required": ["meta", "items"],
        "properties": {
            "meta": {
                "type": "object",
                "required": ["total_count"],
                "properties": {"total_count": {"type": "integer", "minimum": 0}},
            },
            "items": {"type": "array", "items": item},
        },
    }


def object_schema(properties):
    """An item of Wagtail's endpoints; ?fields=_ or -name can leave out any field."""
    return {"type": "object", "properties": properties, "additionalProperties": True}


PAGE_SCHEMA = object_schema(
    {"id": {"type": "integer"}, "meta": OBJECT_META, "title": {"type": "string"}},
)
RENDITION_SCHEMA = {
    "type": "object",
    "properties": {
        "url": {"type": "string", "format": "uri"},
        "width": {"type": "integer"},
        "height": {"type": "integer"},
    },
}
IMAGE_SCHEMA = object_schema(
    {
        "id": {"type": "integer"},
        "meta": OBJECT_META,
        "title": {"type": "string"},
        "alt": {"type": "string"},
        "credit": {"type": "string"},
        "decorative": {"type": "boolean"},
        "width": {"type": "integer"},
        "height": {"type": "integer"},
        "renditions": {"type": "object", "additionalProperties": RENDITION_SCHEMA},
    },
)
DOCUMENT_SCHEMA = object_schema(
    {
        "id": {"type": "integer"},
        "meta": OBJECT_META,
        "title": {"type": "string"},
        "file_type": {"type": "string"},
        "file_size": {"type": "integer", "nullable": True},
    },
)


def query(name, description, kind=str, schema=None, **kwargs):
    """A query parameter; `schema` (a raw OpenAPI schema) gives ranges and patterns."""
    return OpenApiParameter(
        name, schema or kind, OpenApiParameter.QUERY, description=description, **kwargs
    )


def id_query(name, description):
    return query(
        name, description, int, schema={"type": "integer", "minimum": 0, "maximum": MAX_ID}
    )


LISTING_PARAMETERS = [
    query(
        "limit",
        "Anzahl der Einträge (1–50, Standard 20)",
        int,
        schema={"type": "integer", "minimum": 1, "maximum": 50},
    ),
    query(
        "offset",
        "Einträge überspringen",
        int,
        schema={"type": "integer", "minimum": 0, "maximum": MAX_ID},
    ),
    query(
        "fields",
        "Zusätzliche Felder, durch Kommas getrennt (z. B. „lead_image,topics“ oder „*“)",
        schema={"type": "string", "pattern": r"^[*_a-z0-9,-]*$"},
    ),
    query("search", "Volltextsuche", schema={"type": "string", "maxLength": 200}),
    query(
        "order",
        "Sortierung nach einem Feld, „-“ davor für absteigend, „random“ für Zufall",
        enum=["id", "-id", "title", "-title"],
    ),
]


def page_type_names():
    return sorted(model._meta.label for model in get_page_models() if model is not Page)


def page_type_description():
    """Each page type's own fields, for the documentation of the detail endpoint."""
    lines = ["Felder je Seitentyp (StreamField als JSON-Blöcke, Fließtext als HTML):"]
    for model in sorted(get_page_models(), key=lambda model: model._meta.label):
        names = [getattr(field, "name", field) for field in getattr(model, "api_fields", [])]
        if model is not Page and names:
            lines.append(f"- {model._meta.label}: {', '.join(names)}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- endpoints


def prefetch_for(queryset):
    """select_related/prefetch_related for the relations a page type shows in the API, so a
    listing with ?fields=… costs the same few queries for 1 or 50 pages."""
    model = queryset.model
    joins, prefetches = ["locale"], []
    for name in [getattr(field, "name", field) for field in getattr(model, "api_fields", [])]:
        try:
            field = model._meta.get_field(name)
        except Exception:  # noqa: BLE001, S112 - properties and methods have no relation
            continue
        if isinstance(field, ForeignKey):
            joins.append(name)
            if field.related_model is CreditedImage:
                prefetches.append(f"{name}__renditions")
        elif isinstance(field, ManyToManyField) or field.one_to_many:
            prefetches.append(name)
    return queryset.select_related(*joins).prefetch_related(*prefetches)


# View restrictions, every site with its root page and the root's translations, and Wagtail's
# site root paths: what each pages-API request needs to know which pages are public and their
# URLs, read from the cache in one round trip instead of three queries and a cache read. Any
# change to a page, site or restriction drops it (connect() below). The key names the entry's
# shape: a new release never reads an entry an older one left in Redis.
PAGE_SCOPE_CACHE_KEY = "api:page-scope:2"
PAGE_SCOPE_SECONDS = 60
PAGE_SCOPE_MAX_HOSTS = 32


def page_scope():
    scope = cache.get(PAGE_SCOPE_CACHE_KEY)
    if scope is None:
        roots = {}
        for site in Site.objects.select_related("root_page"):
            roots[site.pk] = [site.root_page, *site.root_page.get_translations()]
        scope = {
            "restrictions": list(PageViewRestriction.objects.select_related("page")),
            "roots": roots,
            "sites": {},
            "site_root_paths": Site.get_site_root_paths(),
        }
        cache.set(PAGE_SCOPE_CACHE_KEY, scope, PAGE_SCOPE_SECONDS)
    return scope


def site_for_request(request, scope):
    """Site.find_for_request(request) with the answer per host and port kept in the scope."""
    request = getattr(request, "_request", request)
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    key = (split_domain_port(request._get_raw_host())[0], request.get_port())
    if key in scope["sites"]:
        request._wagtail_site = scope["sites"][key]
    else:
        site = Site.find_for_request(request)
        if len(scope["sites"]) < PAGE_SCOPE_MAX_HOSTS:
            scope["sites"][key] = site
            cache.set(PAGE_SCOPE_CACHE_KEY, scope, PAGE_SCOPE_SECONDS)
    return request._wagtail_site


def public_pages(request):
    """wagtail.api.querysets.get_public_pages_queryset (the same queryset, so the same SQL) from
    the cached scope: live pages of the request's site (or ?site=) and the translations of its
    root, without the restricted pages this request has not passed."""
    scope = page_scope()
    # what page URLs are built from (Page._get_site_root_paths reads it from the request)
    request._wagtail_cached_site_root_paths = scope["site_root_paths"]
    queryset = Page.objects.all().live()
    for restriction in scope["restrictions"]:
        if not restriction.accept_request(request):
            queryset = queryset.not_descendant_of(restriction.page, inclusive=True)
    if request.GET.get("site"):
        site = SiteFilterValidator(site=request.GET["site"], request=request).site_obj
    else:
        site = site_for_request(request, scope)
    if not site:
        return queryset.none()
    roots = scope["roots"].get(site.pk)
    if roots is None:  # a site newer than the scope
        roots = [site.root_page, *site.root_page.get_translations()]
    root, *translations = roots
    base_queryset = queryset
    queryset = base_queryset.descendant_of(root, inclusive=True)
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        for translation in translations:
            queryset |= base_queryset.descendant_of(translation, inclusive=True)
    return queryset


def forget_page_scope(**kwargs):
    cache.delete(PAGE_SCOPE_CACHE_KEY)


def forget_page_scope_for_pages(sender, **kwargs):
    if issubclass(sender, Page):
        forget_page_scope()


def connect():
    """Forget the cached page scope on every change it reflects; connected in every process
    (HomeConfig.ready), so a change made by a worker or a command shows at once too."""
    for model in (Site, PageViewRestriction):
        post_save.connect(forget_page_scope, sender=model, dispatch_uid=f"api-scope-save-{model}")
        post_delete.connect(
            forget_page_scope, sender=model, dispatch_uid=f"api-scope-delete-{model}"
        )
    post_save.connect(forget_page_scope_for_pages, dispatch_uid="api-scope-page-save")
    post_delete.connect(forget_page_scope_for_pages, dispatch_uid="api-scope-page-delete")
    post_page_move.connect(forget_page_scope, dispatch_uid="api-scope-page-move")


class CheckedLocaleFilter(LocaleFilter):
    """Wagtail's ?locale= filter with the locale PagesEndpoint.check_query_parameters read."""

    def filter_queryset(self, request, queryset, view):
        locale = getattr(view, "checked_locale", None)
        if locale is None:
            return super().filter_queryset(request, queryset, view)
        filtered_by_child_of = getattr(queryset, "_filtered_by_child_of", None)
        queryset = queryset.filter(locale=locale)
        if filtered_by_child_of:
            queryset._filtered_by_child_of = filtered_by_child_of
        return queryset


class PagesEndpoint(PublicAPIMixin, SerializerClassCacheMixin, PagesAPIViewSet):
    """Live, public pages; `?locale=` filters by content language (400 for an unknown one)."""

    known_query_parameters = PagesAPIViewSet.known_query_parameters - {"rich_text_format"}
    filter_backends = [
        CheckedLocaleFilter if backend is LocaleFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]
    meta_fields = [
        {
            "detail_url": APIField("detail_url", serializer=DetailUrlField()),
            "html_url": APIField("html_url", serializer=PageHtmlUrlField()),
        }.get(name, name)
        for name in PagesAPIViewSet.meta_fields
    ]

    def check_query_parameters(self, queryset):
        data = self.request.GET
        check_plain_parameters(data)
        check_ids(
            data, ["limit", "offset", "child_of", "ancestor_of", "descendant_of", "translation_of"]
        )
        if "locale" in data:
            self.checked_locale = parse_locale(data["locale"] or "-")
        super().check_query_parameters(queryset)

    def get_base_queryset(self):
        # Wagtail asks for it up to three times a request (get_queryset twice, the serializer
        # context); each answer costs the restriction, site and translation queries
        if not hasattr(self, "_base_queryset"):
            try:
                self._base_queryset = public_pages(self.request)
            except ValueError as error:  # ?site= matching several sites
                raise BadRequestError(str(error)) from error
        return self._base_queryset

    def get_queryset(self):
        if not hasattr(self, "_queryset"):
            self._queryset = prefetch_for(super().get_queryset())
        return self._queryset

    @extend_schema(
        operation_id="pages_list",
        summary="Seiten auflisten",
        description="Veröffentlichte, öffentliche Seiten. Ohne „type“ nur die gemeinsamen Felder; "
        "mit „type“ lassen sich die Felder des Seitentyps über „fields“ abfragen.",
        parameters=[
            *LISTING_PARAMETERS,
            query(
                "locale",
                "Sprache der Inhalte, z. B. „de“ oder „de-x-ls“ (Leichte Sprache)",
                enum=[code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES],
            ),
            query("type", "Seitentyp, z. B. „articles.NewsPage“", enum=page_type_names()),
            id_query("child_of", "Nur direkte Unterseiten dieser Seite"),
            id_query("descendant_of", "Nur Seiten unterhalb dieser Seite"),
            id_query("ancestor_of", "Nur Seiten oberhalb dieser Seite"),
            id_query("translation_of", "Nur Übersetzungen dieser Seite"),
        ],
        responses={200: listing_schema(PAGE_SCHEMA), 400: BAD_REQUEST, 404: NOT_FOUND},
    )
    def listing_view(self, request):
        return super().listing_view(request)

    @extend_schema(
        operation_id="pages_detail",
        summary="Eine Seite mit allen Feldern ihres Seitentyps",
        description=page_type_description(),
        parameters=[
            query(
                "fields",
                "Felder ein- oder ausblenden",
                schema={"type": "string", "pattern": r"^[*_a-z0-9,-]*$"},
            )
        ],
        responses={200: PAGE_SCHEMA, 400: BAD_REQUEST, 404: NOT_FOUND},
    )
    def detail_view(self, request, pk):
        response = super().detail_view(request, pk)
        return set_last_modified(response, self.get_object().last_published_at)

    @extend_schema(
        operation_id="pages_find",
        summary="Seite über ihre Adresse finden",
        description="Leitet zur Detailadresse der Seite mit diesem Pfad (html_path) "
        "oder dieser id weiter.",
        parameters=[
            query(
                "html_path",
                "Pfad der Seite, z. B. „/themen/bne/“",
                schema={"type": "string", "maxLength": 500},
            ),
            id_query("id", "id der Seite"),
        ],
        responses={
            302: OpenApiResponse(description="Weiterleitung zur Detailadresse"),
            400: BAD_REQUEST,
            404: NOT_FOUND,
        },
    )
    def find_view(self, request):
        check_plain_parameters(request.GET)
        check_ids(request.GET, ["id"])
        return super().find_view(request)


class ImagesEndpoint(PublicAPIMixin, SerializerClassCacheMixin, ImagesAPIViewSet):
    """Images with alt text, credit and renditions."""

    body_fields = [
        *ImagesAPIViewSet.body_fields,
        APIField("alt", serializer=serializers.CharField(source="alt_text", read_only=True)),
        APIField("decorative", serializer=serializers.BooleanField(source="is_decorative")),
        "credit",
        APIField("renditions", serializer=ImageRenditionsField()),
    ]
    meta_fields = [
        {
            "tags": APIField("tags", serializer=PrefetchedTagsField()),
            "download_url": APIField("download_url", serializer=AbsoluteDownloadUrlField()),
        }.get(name, name)
        for name in ImagesAPIViewSet.meta_fields
    ]
    listing_default_fields = [
        *ImagesAPIViewSet.listing_default_fields,
        "alt",
        "credit",
        "renditions",
    ]
    nested_default_fields = [*ImagesAPIViewSet.nested_default_fields, "alt", "credit"]
    known_query_parameters = ImagesAPIViewSet.known_query_parameters - {"rich_text_format"}

    def get_queryset(self):
        return super().get_queryset().prefetch_related("renditions", tags_prefetch())

    def check_query_parameters(self, queryset):
        check_plain_parameters(self.request.GET)
        check_ids(self.request.GET, ["limit", "offset"])
        super().check_query_parameters(queryset)

    @extend_schema(
        operation_id="images_list",
        summary="Bilder auflisten",
        parameters=LISTING_PARAMETERS,
        responses={200: listing_schema(IMAGE_SCHEMA), 400: BAD_REQUEST},
    )
    def listing_view(self, request):
        return super().listing_view(request)

    @extend_schema(
        operation_id="images_detail",
        summary="Ein Bild mit Alternativtext, Bildnachweis und Größen",
        responses={200: IMAGE_SCHEMA, 400: BAD_REQUEST, 404: NOT_FOUND},
    )
    def detail_view(self, request, pk):
        return super().detail_view(request, pk)

    @extend_schema(exclude=True)
    def find_view(self, request):
        check_ids(request.GET, ["id"])
        return super().find_view(request)


class DocumentsEndpoint(PublicAPIMixin, SerializerClassCacheMixin, DocumentsAPIViewSet):
    """Documents with file type and size."""

    body_fields = [*DocumentsAPIViewSet.body_fields, "file_type", "file_size"]
    meta_fields = [
        APIField("tags", serializer=PrefetchedTagsField()) if name == "tags" else name
        for name in DocumentsAPIViewSet.meta_fields
    ]
    listing_default_fields = [*DocumentsAPIViewSet.listing_default_fields, "file_type", "file_size"]
    known_query_parameters = DocumentsAPIViewSet.known_query_parameters - {"rich_text_format"}

    def get_queryset(self):
        return super().get_queryset().prefetch_related(tags_prefetch())

    def check_query_parameters(self, queryset):
        check_plain_parameters(self.request.GET)
        check_ids(self.request.GET, ["limit", "offset"])
        super().check_query_parameters(queryset)

    @extend_schema(
        operation_id="documents_list",
        summary="Dokumente auflisten",
        parameters=LISTING_PARAMETERS,
        responses={200: listing_schema(DOCUMENT_SCHEMA), 400: BAD_REQUEST},
    )
    def listing_view(self, request):
        return super().listing_view(request)

    @extend_schema(
        operation_id="documents_detail",
        summary="Ein Dokument mit Dateityp und Größe",
        responses={200: DOCUMENT_SCHEMA, 400: BAD_REQUEST, 404: NOT_FOUND},
    )
    def detail_view(self, request, pk):
        return super().detail_view(request, pk)

    @extend_schema(exclude=True)
    def find_view(self, request):
        check_ids(request.GET, ["id"])
        return super().find_view(request)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesEndpoint)
api_router.register_endpoint("images", ImagesEndpoint)
api_router.register_endpoint("documents", DocumentsEndpoint)


def router_urls():
    """The router's URL patterns with ETag/Cache-Control on every view."""
    from wagtail.utils.urlpatterns import decorate_urlpatterns

    return decorate_urlpatterns(api_router.get_urlpatterns(), cached_api_view)


# ------------------------------------------------------------------ schema and its docs


# Not part of the public API: the schema and docs themselves, and the preview endpoint that only
# answers with an editor's preview token (home/headless_api.py).
UNDOCUMENTED_PREFIXES = ("/api/v2/schema", "/api/v2/docs", "/api/v2/page_preview")


def public_api_only(endpoints, **kwargs):
    """Preprocessing hook: the schema documents the public /api/v2/ endpoints only."""
    return [
        endpoint
        for endpoint in endpoints
        if endpoint[0].startswith("/api/v2/") and not endpoint[0].startswith(UNDOCUMENTED_PREFIXES)
    ]


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema as JSON (YAML with Accept: application/vnd.oai.openapi)."""

    from drf_spectacular.renderers import OpenApiJsonRenderer, OpenApiYamlRenderer

    renderer_classes = [OpenApiJsonRenderer, OpenApiYamlRenderer]
    authentication_classes = []


@functools.cache
def api_schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def docs_operations(schema):
    """The schema's operations in path order, with parameters and responses, for the docs page."""
    operations = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "anchor": operation.get("operationId", path),
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "location": parameter["in"],
                            "required": parameter.get("required", False),
                            "type": parameter.get("schema", {}).get("type", ""),
                            "values": parameter.get("schema", {}).get("enum")
                            or parameter.get("schema", {}).get("items", {}).get("enum"),
                            "description": parameter.get("description", ""),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                    "responses": [
                        {"status": code, "description": response.get("description", "")}
                        for code, response in operation.get("responses", {}).items()
                    ],
                }
            )
    return operations


def api_docs(request):
    """The API's documentation as a German page rendered on the server from the schema:
    no scripts, no third-party assets."""
    schema = api_schema()
    return render(
        request,
        "api/docs.html",
        {
            "info": schema["info"],
            "operations": docs_operations(schema),
            "throttle_rate": settings.SEARCH_THROTTLE_RATE,
            "cache_max_age": settings.API_CACHE_MAX_AGE,
        },
    )
