"""The city's Bildungsleitbild: an overview page with ordered chapters and a print view."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.api_fields import ImageDataField, StreamDataField
from home.blocks import BodyBlock
from home.headless import HeadlessPreviewPageMixin


class LeitbildPage(HeadlessPreviewPageMixin, RoutablePageMixin, Page):
    """The Leitbild overview: summary, table of contents and a one-page print view."""

    intro = models.TextField(_("Zusammenfassung"))
    lead_image = models.ForeignKey(
        "home.CreditedImage",
        verbose_name=_("Aufmacherbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [
        "intro",
        APIField("lead_image", serializer=ImageDataField()),
        APIField("body", serializer=StreamDataField()),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.LeitbildChapterPage"]

    class Meta:
        verbose_name = _("Leitbild")

    def chapters(self):
        """Chapters in the order editors arranged them in the page tree."""
        return LeitbildChapterPage.objects.child_of(self).live().public().order_by("path")

    @path("")
    def overview_route(self, request):
        return self.render(
            request, context_overrides={"chapters": self.chapters().defer_streamfields()}
        )

    @path("druck/", name="print")
    def print_route(self, request):
        return self.render(
            request,
            template="articles/leitbild_print.html",
            context_overrides={"chapters": self.chapters()},
        )


class LeitbildChapterPage(HeadlessPreviewPageMixin, Page):
    """One chapter of the Leitbild, with previous/next navigation."""

    summary = models.TextField(_("Kurzfassung"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    api_fields = ["summary", APIField("body", serializer=StreamDataField())]

    parent_page_types = ["articles.LeitbildPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Leitbild-Kapitel")
        verbose_name_plural = _("Leitbild-Kapitel")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        siblings = list(
            LeitbildChapterPage.objects.sibling_of(self)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .only("id", "title", "path", "url_path")
        )
        position = next(i for i, page in enumerate(siblings) if page.pk == self.pk)
        context["chapter_number"] = position + 1
        context["chapter_count"] = len(siblings)
        context["previous_chapter"] = siblings[position - 1] if position > 0 else None
        context["next_chapter"] = siblings[position + 1] if position + 1 < len(siblings) else None
        context["chapters"] = siblings
        return context
