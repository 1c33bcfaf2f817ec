"""Committees ("Gremien"): Steuerungsgruppe, Arbeitsgemeinschaften."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.api_fields import DocumentDataField, RichTextHTMLField
from home.blocks import RICH_TEXT_FEATURES
from home.headless import HeadlessPreviewPageMixin


class CommitteeIndexPage(HeadlessPreviewPageMixin, Page):
    """The "Gremien" section listing every committee."""

    intro = models.TextField(_("Einleitung"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = ["intro"]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.CommitteePage"]

    class Meta:
        verbose_name = _("Gremienübersicht")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["committees"] = CommitteePage.objects.child_of(self).live().public()
        return context


class CommitteePage(HeadlessPreviewPageMixin, Page):
    """A committee: its purpose, members (role + institution), meetings and minutes."""

    purpose = RichTextField(_("Aufgabe und Ziel"), features=RICH_TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldPanel("purpose"),
        InlinePanel("members", label=_("Mitglieder")),
        InlinePanel("meetings", label=_("Sitzungstermine")),
    ]
    search_fields = [*Page.search_fields, index.SearchField("purpose")]
    api_fields = [APIField("purpose", serializer=RichTextHTMLField()), "members", "meetings"]

    parent_page_types = ["articles.CommitteeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Gremium")
        verbose_name_plural = _("Gremien")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["members"] = self.members.all()
        context["meetings"] = self.meetings.select_related("minutes").order_by("-date")
        return context


class CommitteeMember(Orderable):
    """A seat in a committee, described by role and institution (no personal names needed)."""

    page = ParentalKey(CommitteePage, related_name="members", on_delete=models.CASCADE)
    role = models.CharField(_("Rolle"), max_length=120)
    institution = models.CharField(_("Institution"), max_length=200)

    panels = [FieldPanel("role"), FieldPanel("institution")]
    api_fields = ["role", "institution"]


class CommitteeMeeting(Orderable):
    """A meeting date, optionally with its minutes as a document."""

    page = ParentalKey(CommitteePage, related_name="meetings", on_delete=models.CASCADE)
    date = models.DateField(_("Datum"))
    topic = models.CharField(_("Schwerpunkt"), max_length=200, blank=True)
    minutes = models.ForeignKey(
        "home.SizedDocument",
        verbose_name=_("Protokoll"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("date"), FieldPanel("topic"), FieldPanel("minutes")]
    api_fields = ["date", "topic", APIField("minutes", serializer=DocumentDataField())]
