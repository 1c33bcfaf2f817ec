"""Wagtail's pages, images and documents endpoints of /api/v2/ and their router."""

import copy

from django.conf import settings
from django.db.models import Count, ForeignKey, ManyToManyField, QuerySet, Window
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from wagtail.api import APIField
from wagtail.api.v2.filters import LocaleFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page

from home import site_scope
from home.api.errors import check_ids, check_plain_parameters
from home.api.http import PublicAPIMixin, cached_api_view, set_last_modified
from home.api.schema import (
    BAD_REQUEST,
    DOCUMENT_SCHEMA,
    IMAGE_SCHEMA,
    LISTING_PARAMETERS,
    NOT_FOUND,
    PAGE_SCHEMA,
    id_query,
    listing_schema,
    page_type_description,
    page_type_names,
    query,
)
from home.api.scope import public_pages
from home.api_fields import (
    AbsoluteDownloadUrlField,
    DetailUrlField,
    ImageRenditionsField,
    PageHtmlUrlField,
    PrefetchedTagsField,
    tags_prefetch,
)
from home.models import CreditedImage
from search.engine import parse_locale


def frozen_fields(config):
    """Wagtail's parsed ?fields= (lists of (name, negated, sub-fields)) as a hashable key."""
    return tuple(
        (name, negated, frozen_fields(sub_fields) if sub_fields else None)
        for name, negated, sub_fields in config
    )


def fields_built_once(serializer_class):
    """`serializer_class` whose serializers take their fields from the ones the first of them
    built (copied, as DRF copies declared fields for each serializer): building them asks the
    model about every field, a millisecond a request."""
    build = serializer_class.get_fields

    def get_fields(self):
        built = serializer_class.__dict__.get("_built_fields")
        if built is None:
            built = build(self)
            serializer_class._built_fields = built
        return copy.deepcopy(built)

    serializer_class.get_fields = get_fields
    return serializer_class


class SerializerClassCacheMixin:
    """Wagtail builds a new serializer class for every request (and every nested relation); the
    class depends only on the endpoint, the model and ?fields=, so each process builds it once,
    and its fields once (fields_built_once). Bounded, since ?fields= comes from clients; errors
    (BadRequestError) are not cached."""

    serializer_classes = {}
    serializer_classes_max = 256

    @classmethod
    def _get_serializer_class(cls, router, model, fields_config, show_details=False, nested=False):
        key = (cls, router, model, frozen_fields(fields_config), show_details, nested)
        serializer_class = cls.serializer_classes.get(key)
        if serializer_class is None:
            serializer_class = fields_built_once(
                super()._get_serializer_class(
                    router, model, fields_config, show_details=show_details, nested=nested
                )
            )
            if len(cls.serializer_classes) >= cls.serializer_classes_max:
                cls.serializer_classes.clear()
            cls.serializer_classes[key] = serializer_class
        return serializer_class


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


# One expression for every request: hashing a new one (Expression.identity binds its
# constructor's signature) costs more than the rest of the annotation; Django copies it when
# it resolves it, so it is never changed.
LISTING_TOTAL = Window(Count("pk"))


class _CountedRows:
    """A queryset as WagtailPagination sees it: the total comes with the rows (below)."""

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self):
        return None

    def __getitem__(self, window):
        return self.queryset.annotate(_listing_total=LISTING_TOTAL)[window]


class CountingPagination(WagtailPagination):
    """Wagtail's pagination (?offset, ?limit, its errors and meta.total_count) with the total
    counted by the page's own query (COUNT(*) OVER ()) instead of a second query. A search,
    a DISTINCT query (where the window would count duplicates) and an empty page (?limit=0,
    an offset past the end) are counted as Wagtail does."""

    def paginate_queryset(self, queryset, request, view=None):
        if not isinstance(queryset, QuerySet) or queryset.query.distinct:
            return super().paginate_queryset(queryset, request, view)
        rows = super().paginate_queryset(_CountedRows(queryset), request, view)
        found = list(rows)  # evaluated here; the serializer reads the same result
        self.total_count = found[0]._listing_total if found else queryset.count()
        return rows


# What the default listing's fields read of a page (id, type, detail_url, html_url, slug,
# first_published_at, locale, title): a quarter of the page table's columns, so each row costs
# a fraction of the conversions (six timestamps become one) and a smaller model instance; the
# locale itself comes from the site scope (PagesEndpoint.paginate_queryset).
DEFAULT_LISTING_COLUMNS = (
    "id",
    "content_type",
    "title",
    "slug",
    "first_published_at",
    "url_path",
    "locale",
)
DEFAULT_LISTING_EXCEPT = frozenset({"fields", "type", "search"})


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

    pagination_class = CountingPagination

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
            queryset = super().get_queryset()
            if self.shows_default_listing(queryset):
                # the locales come from the site scope (paginate_queryset), not from a join
                queryset = queryset.only(*DEFAULT_LISTING_COLUMNS)
            else:
                queryset = prefetch_for(queryset)
            self._queryset = queryset
        return self._queryset

    def paginate_queryset(self, queryset):
        rows = super().paginate_queryset(queryset)
        if rows is not None and self.shows_default_listing(queryset):
            scope = site_scope.prepare(self.request)
            by_id = {locale.pk: locale for locale in scope["locales"].values()}
            for page in rows:
                locale = by_id.get(page.locale_id)
                if locale is not None:  # else read when shown: a locale newer than the scope
                    Page.locale.field.set_cached_value(page, locale)
        return rows

    def shows_default_listing(self, queryset):
        """Whether this is a listing of the default fields (no ?type, ?fields or ?search), which
        reads only DEFAULT_LISTING_COLUMNS of each page."""
        return (
            getattr(self, "action", None) == "listing_view"
            and queryset.model is Page
            and not DEFAULT_LISTING_EXCEPT.intersection(self.request.GET)
        )

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


class MediaQueryChecksMixin:
    """The parameter checks images and documents share; their find view stays undocumented."""

    def check_query_parameters(self, queryset):
        check_plain_parameters(self.request.GET)
        check_ids(self.request.GET, ["limit", "offset"])
        super().check_query_parameters(queryset)

    @extend_schema(exclude=True)
    def find_view(self, request):
        check_ids(request.GET, ["id"])
        return super().find_view(request)


class ImagesEndpoint(
    PublicAPIMixin, SerializerClassCacheMixin, MediaQueryChecksMixin, ImagesAPIViewSet
):
    """Images with alt text, credit and renditions."""

    pagination_class = CountingPagination

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


class DocumentsEndpoint(
    PublicAPIMixin, SerializerClassCacheMixin, MediaQueryChecksMixin, DocumentsAPIViewSet
):
    """Documents with file type and size."""

    pagination_class = CountingPagination

    body_fields = [*DocumentsAPIViewSet.body_fields, "file_type", "file_size"]
    meta_fields = [
        APIField("tags", serializer=PrefetchedTagsField()) if name == "tags" else name
        for name in DocumentsAPIViewSet.meta_fields
    ]
    listing_default_fields = [*DocumentsAPIViewSet.listing_default_fields, "file_type", "file_size"]
    known_query_parameters = DocumentsAPIViewSet.known_query_parameters - {"rich_text_format"}

    def get_queryset(self):
        return super().get_queryset().prefetch_related(tags_prefetch())

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


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesEndpoint)
api_router.register_endpoint("images", ImagesEndpoint)
api_router.register_endpoint("documents", DocumentsEndpoint)


def router_urls():
    """The router's URL patterns with ETag/Cache-Control on every view."""
    from wagtail.utils.urlpatterns import decorate_urlpatterns

    return decorate_urlpatterns(api_router.get_urlpatterns(), cached_api_view)
