"""Reports ("Berichte") of Bildungsmonitoring: summary, documents and key figures."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.api_fields import DocumentDataField, StreamDataField
from home.blocks import BodyBlock
from home.headless import HeadlessPreviewPageMixin


class ReportIndexPage(HeadlessPreviewPageMixin, Page):
    """The "Berichte" section listing every report, newest first."""

    intro = models.TextField(_("Einleitung"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = ["intro"]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.ReportPage"]

    class Meta:
        verbose_name = _("Berichtsübersicht")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reports"] = (
            ReportPage.objects.child_of(self)
            .live()
            .public()
            .defer_streamfields()
            .order_by("-published_on")
        )
        return context


class ReportPage(HeadlessPreviewPageMixin, Page):
    """A monitoring report with summary, downloadable documents and a key-figure table."""

    published_on = models.DateField(_("Erscheinungsdatum"))
    summary = models.TextField(_("Zusammenfassung"))
    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)
    key_figures_caption = models.CharField(
        _("Titel der Kennzahlentabelle"), max_length=200, default="Kennzahlen im Überblick"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("published_on"),
        FieldPanel("summary"),
        InlinePanel("documents", label=_("Dokumente")),
        FieldPanel("key_figures_caption"),
        InlinePanel("key_figures", label=_("Kennzahlen")),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    api_fields = [
        "published_on",
        "summary",
        "documents",
        "key_figures",
        APIField("body", serializer=StreamDataField()),
    ]

    parent_page_types = ["articles.ReportIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Bericht")
        verbose_name_plural = _("Berichte")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["report_documents"] = self.documents.select_related("document")
        context["figures"] = self.key_figures.all()
        return context


class ReportDocument(Orderable):
    page = ParentalKey(ReportPage, related_name="documents", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "home.SizedDocument", verbose_name=_("Dokument"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("Linktext (sonst Dokumenttitel)"), max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]
    api_fields = [APIField("document", serializer=DocumentDataField()), "title"]

    @property
    def display_title(self):
        return self.title or self.document.title


class ReportKeyFigure(Orderable):
    page = ParentalKey(ReportPage, related_name="key_figures", on_delete=models.CASCADE)
    label = models.CharField(_("Kennzahl"), max_length=200)
    value = models.CharField(_("Wert"), max_length=60)
    note = models.CharField(_("Anmerkung oder Quelle"), max_length=200, blank=True)

    panels = [FieldPanel("label"), FieldPanel("value"), FieldPanel("note")]
    api_fields = ["label", "value", "note"]
