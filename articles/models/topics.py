"""Topic pages (BNE, MINT, Übergänge …) and the index that lists them."""

from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.api_fields import ImageDataField, StreamDataField, TermField
from home.blocks import BodyBlock
from home.headless import HeadlessPreviewPageMixin

RELATED_NEWS_COUNT = 3
RELATED_OFFERS_COUNT = 4


class TopicIndexPage(HeadlessPreviewPageMixin, Page):
    """The "Themen" section that lists every topic page."""

    intro = models.TextField(_("Einleitung"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = ["intro"]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.TopicPage"]

    class Meta:
        verbose_name = _("Themenübersicht")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topic_pages"] = (
            TopicPage.objects.child_of(self)
            .live()
            .public()
            .select_related("lead_image", "topic")
            .prefetch_related("lead_image__renditions")
            .defer_streamfields()
        )
        return context


class TopicPage(HeadlessPreviewPageMixin, Page):
    """A topic page: body, a contact box and the latest news of its topic."""

    topic = models.ForeignKey(
        "home.Topic",
        verbose_name=_("Thema"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Bestimmt, welche Nachrichten (und später Angebote) hier erscheinen."),
    )
    intro = models.TextField(_("Einleitung"), max_length=600)
    lead_image = models.ForeignKey(
        "home.CreditedImage",
        verbose_name=_("Aufmacherbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)
    contact_name = models.CharField(_("Ansprechperson oder Team"), max_length=120, blank=True)
    contact_role = models.CharField(_("Funktion"), max_length=120, blank=True)
    contact_email = models.EmailField(_("E-Mail"), blank=True)
    contact_phone = models.CharField(_("Telefon"), max_length=60, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("topic"),
        FieldPanel("intro"),
        FieldPanel("lead_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_role"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading=_("Kontaktbox"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("topic", [index.SearchField("name"), index.FilterField("slug")]),
    ]
    api_fields = [
        APIField("topic", serializer=TermField()),
        "intro",
        APIField("lead_image", serializer=ImageDataField()),
        APIField("body", serializer=StreamDataField()),
        "contact_name",
        "contact_role",
        "contact_email",
        "contact_phone",
    ]

    parent_page_types = ["articles.TopicIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Themenseite")

    @property
    def has_contact(self):
        return any((self.contact_name, self.contact_email, self.contact_phone))

    def related_news(self):
        from articles.models.news import NewsPage

        return NewsPage.objects.listing().filter(topics=self.topic_id, locale=self.locale_id)[
            :RELATED_NEWS_COUNT
        ]

    def current_offers(self):
        from offers.finder import current_offers

        return (
            current_offers(self.locale_id)
            .filter(topics=self.topic_id)
            .select_related("provider")
            .by_next_start()[:RELATED_OFFERS_COUNT]
        )

    def get_context(self, request, *args, **kwargs):
        from home import fragment_cache

        context = super().get_context(request, *args, **kwargs)
        # The topic and the finder's URL from the fragment cache rather than two queries.
        topic = fragment_cache.topics().get(self.topic_id)
        if topic is not None:
            self.topic = topic
        # built only when the listing is not in the cache (ORM querysets take a while to build)
        context["related_news"] = SimpleLazyObject(self.related_news)
        context["topic_offers"] = SimpleLazyObject(self.current_offers)
        context["finder_url"] = fragment_cache.finder_url(self.locale_id)
        return context
