"""Events of the education office (Bildungskonferenz, Praxismesse) with iCal download."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.api_fields import ImageDataField, LinkField, StreamDataField
from home.blocks import BodyBlock
from home.headless import HeadlessPreviewPageMixin


class EventIndexPage(HeadlessPreviewPageMixin, Page):
    """The "Veranstaltungen" section: upcoming events first, past ones below."""

    intro = models.TextField(_("Einleitung"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = ["intro"]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.EventPage"]

    class Meta:
        verbose_name = _("Veranstaltungsübersicht")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events = (
            EventPage.objects.child_of(self)
            .live()
            .public()
            .select_related("lead_image")
            .prefetch_related("lead_image__renditions")
            .defer_streamfields()
        )
        now = timezone.now()
        context["upcoming_events"] = events.filter(end__gte=now).order_by("start")
        context["past_events"] = events.filter(end__lt=now).order_by("-start")[:10]
        return context


class EventPage(HeadlessPreviewPageMixin, RoutablePageMixin, Page):
    """An event with date and time, place, registration link and an iCal file."""

    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"))
    teaser = models.TextField(_("Teaser"), max_length=400)
    location_name = models.CharField(_("Ort"), max_length=200)
    address = models.CharField(_("Anschrift"), max_length=300, blank=True)
    registration_url = models.URLField(_("Anmeldung (Adresse)"), blank=True)
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
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Zeit")),
        FieldPanel("teaser"),
        MultiFieldPanel([FieldPanel("location_name"), FieldPanel("address")], heading=_("Ort")),
        FieldPanel("registration_url"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.SearchField("location_name"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]
    api_fields = [
        "start",
        "end",
        "teaser",
        "location_name",
        "address",
        APIField("registration_url", serializer=LinkField()),
        APIField("lead_image", serializer=ImageDataField()),
        APIField("body", serializer=StreamDataField()),
    ]

    parent_page_types = ["articles.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Das Ende darf nicht vor dem Beginn liegen.")})

    @property
    def is_past(self):
        return self.end < timezone.now()

    @path("")
    def detail_route(self, request):
        return self.render(request)

    @path("ical/", name="ical")
    def ical_route(self, request):
        from articles.calendar import event_ical_response

        return event_ical_response(self, request)
