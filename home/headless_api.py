"""The API endpoint the headless front end fetches drafts from:
``/api/v2/page_preview/?content_type=app.model&token=…``. Tokens are signed by
wagtail-headless-preview when an editor previews, and honoured for a day."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.http import Http404
from django.urls import NoReverseMatch, path, reverse
from rest_framework.response import Response
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError, parse_fields_parameter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail_headless_preview.models import HeadlessPreviewMixin, PagePreview

TOKEN_MAX_AGE = datetime.timedelta(days=1)


class PagePreviewAPIViewSet(PagesAPIViewSet):
    """The draft behind a preview token, in the pages API's format (its ``api_fields``)."""

    name = "page_preview"
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["content_type", "token"])

    @classmethod
    def get_object_detail_urlpath(cls, model, pk, namespace=""):
        """Links to pages point to the public pages API, when it is installed."""
        try:
            return reverse("wagtailapi:pages:detail", args=(pk,))
        except NoReverseMatch:
            return None

    @classmethod
    def get_model_listing_urlpath(cls, model, namespace=""):
        try:
            return reverse("wagtailapi:pages:listing")
        except NoReverseMatch:
            return None

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "preview_view"}), name="listing")]

    def preview_view(self, request):
        return Response(self.get_serializer(self.get_object()).data)

    def get_object(self):
        if hasattr(self, "_cached_object"):
            return self._cached_object
        token = self.request.GET.get("token", "")
        content_type = self.request.GET.get("content_type", "")
        if not token or "." not in content_type:
            raise BadRequestError("Die Parameter „content_type“ und „token“ fehlen.")
        try:
            HeadlessPreviewMixin.get_preview_signer().unsign(token, max_age=TOKEN_MAX_AGE)
            app_label, model = content_type.split(".", 1)
            preview = PagePreview.objects.get(
                content_type=ContentType.objects.get_by_natural_key(app_label, model),
                token=token,
            )
        except (signing.BadSignature, ContentType.DoesNotExist, PagePreview.DoesNotExist):
            raise Http404("Keine Vorschau zu diesem Token (abgelaufen oder unbekannt).") from None
        page = preview.as_page()
        if not page.pk:  # a page not saved yet
            page.pk = 0
        self._cached_object = page
        return page

    def get_serializer_class(self):
        fields = []
        if "fields" in self.request.GET:
            try:
                fields = parse_fields_parameter(self.request.GET["fields"])
            except ValueError as error:
                raise BadRequestError(f"fields error: {error}") from error
        return self._get_serializer_class(
            self.request.wagtailapi_router, type(self.get_object()), fields, show_details=True
        )


preview_api_router = WagtailAPIRouter("preview_api")
preview_api_router.register_endpoint("page_preview", PagePreviewAPIViewSet)
