"""News ("Aktuelles"): the index with pagination, topic filter and feeds, and news pages."""

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from home.api_fields import ImageDataField, StreamDataField, TermListField
from home.blocks import BodyBlock
from home.headless import HeadlessPreviewPageMixin
from home.models import Topic

NEWS_PER_PAGE = 10


class NewsPageQuerySet(PageQuerySet):
    def listing(self, root=None):
        """Live, public news, newest first, with everything a teaser shows prefetched (the
        private sections from the fragment cache rather than a query of their own)."""
        from home.fragment_cache import public_q

        queryset = self.live().filter(public_q())
        if root is not None:
            queryset = queryset.descendant_of(root)
        return (
            queryset.select_related("lead_image")
            .prefetch_related("topics", "lead_image__renditions")
            .defer_streamfields()
            .order_by("-date", "-pk")
        )


NewsPageManager = PageManager.from_queryset(NewsPageQuerySet)


class NewsIndexPage(HeadlessPreviewPageMixin, RoutablePageMixin, Page):
    """The "Aktuelles" section: paginated news list with topic filter and RSS/Atom feeds."""

    intro = models.TextField(_("Einleitung"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = ["intro"]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["articles.NewsPage"]

    class Meta:
        verbose_name = _("Nachrichtenübersicht")

    def news(self):
        return NewsPage.objects.listing(self)

    @path("")
    def index_route(self, request):
        news = self.news()
        topics = Topic.objects.filter(locale=self.locale)
        active_topic = None
        slug = request.GET.get("thema", "").strip()
        if slug:
            active_topic = topics.filter(slug=slug).first()
            news = news.filter(topics=active_topic) if active_topic else news.none()
        # get_page: a bad number shows page 1, one past the end the last page
        page_obj = Paginator(news, NEWS_PER_PAGE).get_page(request.GET.get("seite"))
        return self.render(
            request,
            context_overrides={
                "news_page": page_obj,
                "topics": topics,
                "active_topic": active_topic,
                "unknown_topic": bool(slug) and active_topic is None,
            },
        )

    @path("feed/", name="rss")
    def rss_route(self, request):
        from articles.feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_route(self, request):
        from articles.feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)


class NewsPage(HeadlessPreviewPageMixin, Page):
    """A news item with date, teaser, lead image and body."""

    date = models.DateField(_("Datum"), default=timezone.localdate)
    teaser = models.TextField(_("Teaser"), max_length=400)
    lead_image = models.ForeignKey(
        "home.CreditedImage",
        verbose_name=_("Aufmacherbild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topics = ParentalManyToManyField(
        Topic, verbose_name=_("Themen"), blank=True, related_name="news_pages"
    )
    body = StreamField(BodyBlock(), verbose_name=_("Inhalt"), blank=True)

    objects = NewsPageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("teaser"),
        FieldPanel("lead_image"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("topics", [index.SearchField("name"), index.FilterField("slug")]),
    ]
    api_fields = [
        "date",
        "teaser",
        APIField("lead_image", serializer=ImageDataField()),
        APIField("topics", serializer=TermListField()),
        APIField("body", serializer=StreamDataField()),
    ]

    parent_page_types = ["articles.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Nachricht")
        verbose_name_plural = _("Nachrichten")
