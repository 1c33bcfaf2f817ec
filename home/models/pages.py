"""The home page, standard pages and form pages (contact, accessibility feedback)."""

from django.conf import settings
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.api import APIField
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home import routing, security
from home.api_fields import ImageDataField, RichTextHTMLField, StreamDataField
from home.blocks import RICH_TEXT_FEATURES, BodyBlock
from home.form_notifications import QueuedNotificationMixin
from home.forms import InputPurpose, PurposeFormBuilder
from home.headless import HeadlessPreviewPageMixin

HOME_NEWS_COUNT = 3


class HomePage(HeadlessPreviewPageMixin, Page):
    """The start page: intro, topic teasers, latest news and the plain-language and sign-language
    entry points."""

    intro = RichTextField(_("Einleitung"), features=RICH_TEXT_FEATURES, blank=True)
    hero_image = models.ForeignKey(
        "home.CreditedImage",
        verbose_name=_("Titelbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    plain_language_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Seite in Leichter Sprache"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    plain_language_text = models.CharField(
        _("Text zum Einstieg Leichte Sprache"),
        max_length=300,
        blank=True,
        default="Hier erklären wir unsere Internet-Seite in Leichter Sprache.",
    )
    sign_language_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Seite in Gebärdensprache"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sign_language_text = models.CharField(
        _("Text zum Einstieg Gebärdensprache"),
        max_length=300,
        blank=True,
        default="Informationen über diese Website in Deutscher Gebärdensprache (DGS).",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        InlinePanel("teasers", label=_("Themen-Teaser"), max_num=8),
        MultiFieldPanel(
            [
                PageChooserPanel("plain_language_page"),
                FieldPanel("plain_language_text"),
                PageChooserPanel("sign_language_page"),
                FieldPanel("sign_language_text"),
            ],
            heading=_("Barrierefreie Einstiege (Leichte Sprache, Gebärdensprache)"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [
        APIField("intro", serializer=RichTextHTMLField()),
        APIField("hero_image", serializer=ImageDataField()),
        "teasers",
        "plain_language_page",
        "plain_language_text",
        "sign_language_page",
        "sign_language_text",
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "articles.NewsIndexPage",
        "articles.TopicIndexPage",
        "articles.LeitbildPage",
        "articles.CommitteeIndexPage",
        "articles.ReportIndexPage",
        "articles.EventIndexPage",
        "articles.GlossaryPage",
        "home.StandardPage",
        "home.FormPage",
        "offers.FinderPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("Startseite")

    def route(self, request, path_components):
        """Every page below the home page in one query rather than two per level."""
        if not path_components:
            return super().route(request, path_components)
        return routing.route(self, request, path_components)

    def get_context(self, request, *args, **kwargs):
        from articles.models import NewsPage

        context = super().get_context(request, *args, **kwargs)
        # All three are shown from the listing cache; they are built only when it misses.
        context["teaser_items"] = SimpleLazyObject(
            lambda: self.teasers.select_related("page", "image").prefetch_related(
                "image__renditions"
            )
        )
        # The page served is already the home page of its language: no second Locale query.
        context["latest_news"] = SimpleLazyObject(
            lambda: NewsPage.objects.listing(self)[:HOME_NEWS_COUNT]
        )
        context["entry_pages"] = SimpleLazyObject(self.entry_pages)
        return context

    def entry_pages(self):
        """{"plain": page, "sign": page} of the entries to plain and sign language (None where
        there is none), both in one query rather than one query per foreign key."""
        ids = {"plain": self.plain_language_page_id, "sign": self.sign_language_page_id}
        found = Page.objects.in_bulk([pk for pk in ids.values() if pk])
        return {name: found.get(pk) for name, pk in ids.items()}


class HomeTeaser(Orderable):
    """A teaser on the home page that leads to a topic or section page."""

    home = ParentalKey(HomePage, related_name="teasers", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Zielseite"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(_("Titel (sonst Seitentitel)"), max_length=120, blank=True)
    text = models.CharField(_("Kurztext"), max_length=300, blank=True)
    image = models.ForeignKey(
        "home.CreditedImage",
        verbose_name=_("Bild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        PageChooserPanel("page"),
        FieldPanel("title"),
        FieldPanel("text"),
        FieldPanel("image"),
    ]
    api_fields = ["page", "title", "text", APIField("image", serializer=ImageDataField())]

    @property
    def display_title(self):
        return self.title or self.page.title


class StandardPage(HeadlessPreviewPageMixin, Page):
    """A plain content page: Impressum, Datenschutz, explanations."""

    intro = models.TextField(_("Einleitung"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = ["intro", APIField("body", serializer=StreamDataField())]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage", "home.FormPage"]

    class Meta:
        verbose_name = _("Standardseite")


class FormField(AbstractFormField):
    page = ParentalKey("FormPage", on_delete=models.CASCADE, related_name="form_fields")
    autocomplete = models.CharField(
        _("Zweck des Feldes (für Browser und Hilfsmittel)"),
        max_length=20,
        blank=True,
        choices=InputPurpose.choices,
        help_text=_("Bei persönlichen Angaben wählen, damit Browser sie ausfüllen können."),
    )

    panels = [*AbstractFormField.panels, FieldPanel("autocomplete")]
    api_fields = [
        "clean_name",
        "label",
        "field_type",
        "required",
        "choices",
        "default_value",
        "help_text",
        "autocomplete",
    ]


class FormPage(QueuedNotificationMixin, HeadlessPreviewPageMixin, AbstractEmailForm):
    """A page with a form: contact, and the feedback form of the accessibility statement."""

    form_builder = PurposeFormBuilder

    intro = models.TextField(_("Einleitung"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("Inhalt über dem Formular"), blank=True)
    thank_you_text = RichTextField(
        _("Text nach dem Absenden"), features=RICH_TEXT_FEATURES, blank=True
    )

    content_panels = [
        *AbstractEmailForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("form_fields", label=_("Formularfelder")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-Mail-Benachrichtigung"),
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [
        "intro",
        APIField("body", serializer=StreamDataField()),
        "form_fields",
        APIField("thank_you_text", serializer=RichTextHTMLField()),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Formularseite")

    def serve(self, request, *args, **kwargs):
        """A submission is taken only from a page of this site (no CSRF cookie: visitors get
        none) and within the per-visitor limit (FORM_RATE_LIMIT); nothing is stored else."""
        if request.method == "POST":
            if not security.is_same_origin(request):
                return security.foreign_submission(request)
            retry_after = security.limited(request, "form-submission", settings.FORM_RATE_LIMIT)
            if retry_after:
                return security.too_many_requests(request, retry_after)
        return super().serve(request, *args, **kwargs)
