"""The finder page ("Bildungsangebote finden") editors place in the page tree."""

from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from home.headless import HeadlessPreviewPageMixin

OFFERS_PER_PAGE = 20


class FinderPage(HeadlessPreviewPageMixin, RoutablePageMixin, Page):
    """Lists current offers with filters and counts; works without JavaScript."""

    intro = models.TextField(_("Einleitung"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = ["intro"]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Angebotsfinder")

    def get_context(self, request, *args, **kwargs):
        from offers.finder import active_filter_links, facet_groups, find_offers

        context = super().get_context(request, *args, **kwargs)
        result = find_offers(request.GET, locale=self.locale)
        # get_page: a bad number shows page 1, one past the end the last page
        page_obj = Paginator(result.offers, OFFERS_PER_PAGE).get_page(request.GET.get("seite"))
        context.update(
            result=result,
            offers_page=page_obj,
            form=result.form,
            facet_groups=facet_groups(result),
            active_filters=active_filter_links(request.GET, result),
        )
        return context

    @path("")
    def finder_route(self, request):
        return self.render(request)

    @path("export/csv/", name="export_csv")
    def export_csv_route(self, request):
        return self._export(request, "csv")

    @path("export/json/", name="export_json")
    def export_json_route(self, request):
        return self._export(request, "json")

    def _export(self, request, kind):
        """The finder's current result set in the import format."""
        from offers.exporting import export_csv, export_json
        from offers.finder import find_offers

        offers = find_offers(request.GET, locale=self.locale).offers
        if kind == "csv":
            response = HttpResponse(export_csv(offers), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(
                export_json(offers), content_type="application/json; charset=utf-8"
            )
        response["Content-Disposition"] = f'attachment; filename="angebote.{kind}"'
        return response
