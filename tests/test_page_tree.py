"""Every page type sits only where it belongs and can be created by an editor in the admin."""

import datetime

from django.contrib.auth import get_user_model
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from articles.models import (
    CommitteeIndexPage,
    CommitteePage,
    EventIndexPage,
    EventPage,
    GlossaryPage,
    LeitbildChapterPage,
    LeitbildPage,
    NewsIndexPage,
    NewsPage,
    ReportIndexPage,
    ReportPage,
    TopicIndexPage,
    TopicPage,
)
from home.models import FormPage, HomePage, StandardPage, Topic
from offers.models import FinderPage
from tests.factories import (
    CommitteeIndexPageFactory,
    EventIndexPageFactory,
    HomePageFactory,
    LeitbildPageFactory,
    NewsIndexPageFactory,
    ReportIndexPageFactory,
    TopicIndexPageFactory,
)


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_page_sits_under_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_holds_the_sections(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                NewsIndexPage,
                TopicIndexPage,
                LeitbildPage,
                CommitteeIndexPage,
                ReportIndexPage,
                EventIndexPage,
                GlossaryPage,
                StandardPage,
                FormPage,
                FinderPage,
            },
        )

    def test_sections_hold_only_their_own_pages(self):
        pairs = {
            NewsIndexPage: {NewsPage},
            TopicIndexPage: {TopicPage},
            LeitbildPage: {LeitbildChapterPage},
            CommitteeIndexPage: {CommitteePage},
            ReportIndexPage: {ReportPage},
            EventIndexPage: {EventPage},
            StandardPage: {StandardPage, FormPage},
        }
        for parent, children in pairs.items():
            with self.subTest(parent=parent.__name__):
                self.assertAllowedSubpageTypes(parent, children)

    def test_leaf_pages_have_no_children(self):
        for leaf in (
            NewsPage,
            TopicPage,
            LeitbildChapterPage,
            CommitteePage,
            ReportPage,
            EventPage,
            FormPage,
        ):
            with self.subTest(page=leaf.__name__):
                self.assertAllowedSubpageTypes(leaf, set())

    def test_detail_pages_cannot_be_created_outside_their_section(self):
        for child in (
            NewsPage,
            TopicPage,
            LeitbildChapterPage,
            CommitteePage,
            ReportPage,
            EventPage,
        ):
            with self.subTest(page=child.__name__):
                self.assertCanNotCreateAt(HomePage, child)
                self.assertCanNotCreateAt(StandardPage, child)

    def test_news_cannot_be_filed_under_the_topics(self):
        self.assertCanNotCreateAt(TopicIndexPage, NewsPage)
        self.assertCanNotCreateAt(NewsIndexPage, TopicPage)


class AdminCreationTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = HomePageFactory(parent=root, slug="start")
        site = Site.objects.get(is_default_site=True)
        site.root_page = cls.home
        site.save()
        cls.news_index = NewsIndexPageFactory(parent=cls.home)
        cls.topic_index = TopicIndexPageFactory(parent=cls.home)
        cls.leitbild = LeitbildPageFactory(parent=cls.home)
        cls.committees = CommitteeIndexPageFactory(parent=cls.home)
        cls.reports = ReportIndexPageFactory(parent=cls.home)
        cls.events = EventIndexPageFactory(parent=cls.home)
        cls.user = get_user_model().objects.create_superuser("chefin", "c@example.org", "pw")

    def setUp(self):
        self.client.force_login(self.user)

    def test_editor_creates_a_news_page_with_a_body(self):
        bne = Topic.objects.get(slug="bne", locale__language_code="de")
        data = nested_form_data(
            {
                "title": "Neue BNE-Schulen ausgezeichnet",
                "date": "2026-11-02",
                "teaser": "Zwölf Schulen erhalten das Siegel.",
                "body": streamfield(
                    [
                        ("heading", {"text": "Die Preisträger", "level": "h2"}),
                        ("paragraph", rich_text("<p>Die Schulen arbeiten seit Jahren daran.</p>")),
                        ("quote", {"text": "Ein starkes Signal.", "source": "Jury"}),
                    ]
                ),
            }
        )
        data["topics"] = [bne.pk]
        self.assertCanCreate(self.news_index, NewsPage, data)
        page = NewsPage.objects.get(slug="neue-bne-schulen-ausgezeichnet")
        self.assertTrue(page.live)
        self.assertEqual(list(page.topics.all()), [bne])

    def test_editor_creates_a_topic_page(self):
        mint = Topic.objects.get(slug="mint", locale__language_code="de")
        self.assertCanCreate(
            self.topic_index,
            TopicPage,
            nested_form_data(
                {
                    "title": "MINT",
                    "topic": mint.pk,
                    "intro": "Mathematik, Informatik, Naturwissenschaft und Technik.",
                    "body": streamfield([]),
                    "contact_email": "mint@example.org",
                }
            ),
        )

    def test_editor_creates_a_leitbild_chapter(self):
        self.assertCanCreate(
            self.leitbild,
            LeitbildChapterPage,
            nested_form_data(
                {
                    "title": "Bildung von Anfang an",
                    "summary": "Frühe Bildung legt den Grund.",
                    "body": streamfield([]),
                }
            ),
        )

    def test_editor_creates_a_committee_with_members_and_meetings(self):
        self.assertCanCreate(
            self.committees,
            CommitteePage,
            nested_form_data(
                {
                    "title": "Steuerungsgruppe Bildung",
                    "purpose": rich_text("<p>Sie steuert die Bildungsstrategie.</p>"),
                    "members": inline_formset(
                        [
                            {"role": "Vorsitz", "institution": "Dezernat Bildung"},
                            {"role": "Mitglied", "institution": "Agentur für Arbeit"},
                        ]
                    ),
                    "meetings": inline_formset([{"date": "2026-12-03", "topic": "Jahresplanung"}]),
                }
            ),
        )
        page = CommitteePage.objects.get(slug="steuerungsgruppe-bildung")
        self.assertEqual(page.members.count(), 2)
        self.assertEqual(page.meetings.count(), 1)

    def test_editor_creates_a_report_with_key_figures(self):
        self.assertCanCreate(
            self.reports,
            ReportPage,
            nested_form_data(
                {
                    "title": "Bildungsbericht 2026",
                    "published_on": "2026-06-30",
                    "summary": "Wichtige Ergebnisse.",
                    "key_figures_caption": "Kennzahlen",
                    "documents": inline_formset([]),
                    "key_figures": inline_formset(
                        [{"label": "Kita-Quote", "value": "94 %", "note": "2025"}]
                    ),
                    "body": streamfield([]),
                }
            ),
        )

    def test_editor_creates_an_event(self):
        start = datetime.datetime(2027, 3, 4, 9, 0)
        self.assertCanCreate(
            self.events,
            EventPage,
            nested_form_data(
                {
                    "title": "Bildungskonferenz 2027",
                    "start": start.strftime("%Y-%m-%d %H:%M"),
                    "end": (start + datetime.timedelta(hours=7)).strftime("%Y-%m-%d %H:%M"),
                    "teaser": "Die große Konferenz.",
                    "location_name": "Messe",
                    "body": streamfield([]),
                }
            ),
        )

    def test_event_that_ends_before_it_starts_is_refused(self):
        response = self.client.post(
            f"/admin/pages/add/articles/eventpage/{self.events.pk}/",
            nested_form_data(
                {
                    "title": "Falsch herum",
                    "slug": "falsch-herum",
                    "start": "2027-03-04 12:00",
                    "end": "2027-03-04 09:00",
                    "teaser": "x",
                    "location_name": "y",
                    "body": streamfield([]),
                    "action-publish": "action-publish",
                }
            ),
        )
        self.assertEqual(response.status_code, 200)
        self.assertFalse(EventPage.objects.filter(slug="falsch-herum").exists())
        self.assertContains(response, "Das Ende darf nicht vor dem Beginn liegen.")

    def test_editor_creates_standard_and_form_pages(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {
                    "title": "Impressum",
                    "intro": "Angaben gemäß § 5 DDG.",
                    "body": streamfield([]),
                }
            ),
        )
        self.assertCanCreate(
            self.home,
            FormPage,
            nested_form_data(
                {
                    "title": "Kontakt",
                    "intro": "Schreiben Sie uns.",
                    "body": streamfield([]),
                    "thank_you_text": rich_text("<p>Danke!</p>"),
                    "to_address": "bildung@example.org",
                    "from_address": "",
                    "subject": "Kontakt",
                    "form_fields": inline_formset(
                        [
                            {
                                "label": "Nachricht",
                                "field_type": "multiline",
                                "required": "on",
                                "choices": "",
                                "default_value": "",
                                "help_text": "",
                            },
                        ]
                    ),
                }
            ),
        )
