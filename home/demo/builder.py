"""Builds the demo page tree idempotently: every object is looked up by slug or title first."""

import datetime

from django.utils import timezone
from wagtail.models import Locale, Page, Site

from articles.models import (
    CommitteeIndexPage,
    CommitteePage,
    EventIndexPage,
    EventPage,
    LeitbildChapterPage,
    LeitbildPage,
    NewsIndexPage,
    NewsPage,
    ReportIndexPage,
    ReportPage,
    TopicIndexPage,
    TopicPage,
)
from home.demo import content
from home.demo.media import demo_document, demo_image
from home.models import FormField, FormPage, HomePage, SiteChromeSettings, StandardPage, Topic
from offers.models import FinderPage


class DemoBuilder:
    def __init__(self):
        self.created = 0
        self.locale = Locale.get_default()
        self._image_seed = 0

    # helpers -----------------------------------------------------------------------------

    def child(self, parent, model, slug, **fields):
        """Return the live child page with this slug, creating and publishing it if missing."""
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing:
            return existing
        page = model(slug=slug, locale=self.locale, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.created += 1
        return page

    def image(self, title, alt_text):
        self._image_seed += 1
        image, created = demo_image(title, alt_text, content.CREDIT, self._image_seed)
        self.created += created
        return image

    def document(self, title, filename, paragraphs, rows=None):
        document, created = demo_document(title, filename, paragraphs, rows)
        self.created += created
        return document

    def topic(self, slug):
        return Topic.objects.get(slug=slug, locale=self.locale)

    # the site ----------------------------------------------------------------------------

    def build(self):
        home = self.home_page()
        news_index = self.child(
            home,
            NewsIndexPage,
            content.NEWS_INDEX["slug"],
            title=content.NEWS_INDEX["title"],
            show_in_menus=True,
            intro=content.NEWS_INDEX["intro"],
        )
        topic_index = self.child(
            home,
            TopicIndexPage,
            content.TOPIC_INDEX["slug"],
            title=content.TOPIC_INDEX["title"],
            show_in_menus=True,
            intro=content.TOPIC_INDEX["intro"],
        )
        topic_pages = self.topic_pages(topic_index)
        leitbild = self.leitbild(home)
        self.news(news_index, topic_pages, leitbild)
        self.committees(home)
        self.reports(home)
        self.events(home)
        self.child(
            home,
            FinderPage,
            "bildungsangebote",
            title="Bildungsangebote finden",
            show_in_menus=True,
            intro="Kurse, Beratung und Projekte von Anbietern in der ganzen Stadt.",
        )
        legal = self.legal_pages(home)
        self.home_details(home, topic_pages, leitbild, legal)
        self.site_settings(legal)
        return self.created

    def home_page(self):
        site = Site.objects.get(is_default_site=True)
        root = Page.get_first_root_node()
        home = HomePage.objects.child_of(root).first()
        if home is None:
            home = HomePage(
                title=content.HOME["title"],
                slug="start",
                locale=self.locale,
                intro=content.HOME["intro"],
                search_description=content.HOME["search_description"],
            )
            root.add_child(instance=home)
            home.save_revision().publish()
            self.created += 1
        if site.root_page_id != home.pk:
            old_root = site.root_page
            site.root_page = home
            site.site_name = content.HOME["title"]
            site.save()
            if old_root.specific_class is Page and old_root.depth == 2:
                old_root.delete()  # Wagtail's "Welcome to your new Wagtail site!" page
        return home

    def topic_pages(self, topic_index):
        pages = {}
        for number, (slug, title, intro, team, paragraphs) in enumerate(content.TOPICS):
            pages[slug] = self.child(
                topic_index,
                TopicPage,
                slug,
                title=title,
                topic=self.topic(slug),
                intro=intro,
                search_description=intro,
                lead_image=self.image(
                    f"Themenbild {title}", f"Grafik mit Kreisen und Flächen zum Thema {title}"
                ),
                body=[("paragraph", f"<p>{text}</p>") for text in paragraphs],
                contact_name=f"Bildungsbüro, {team}",
                contact_role="Koordination",
                contact_email=f"bildung-{number + 1}@example.org",
                contact_phone=f"0391 000 00-{10 + number}",
            )
        return pages

    def leitbild(self, home):
        leitbild = self.child(
            home,
            LeitbildPage,
            content.LEITBILD["slug"],
            title=content.LEITBILD["title"],
            intro=content.LEITBILD["intro"],
            show_in_menus=True,
            lead_image=self.image(
                "Leitbild Titelgrafik", "Grafik: verbundene Kreise als Zeichen der Zusammenarbeit"
            ),
        )
        for number, (title, summary, paragraphs) in enumerate(content.LEITBILD_CHAPTERS, 1):
            self.child(
                leitbild,
                LeitbildChapterPage,
                f"kapitel-{number}",
                title=title,
                summary=summary,
                body=[("paragraph", f"<p>{text}</p>") for text in paragraphs],
            )
        return leitbild

    def news(self, news_index, topic_pages, leitbild):
        flyer = self.document(
            "Flyer Weiterbildung am Abend",
            "flyer-weiterbildung.pdf",
            ["Kurse am Abend und am Wochenende.", "Anmeldung online."],
        )
        today = timezone.localdate()
        for number, (title, days_ago, teaser, topic_slugs, paragraphs, extra) in enumerate(
            content.NEWS
        ):
            slug = f"meldung-{number + 1}"
            if NewsPage.objects.child_of(news_index).filter(slug=slug).exists():
                continue
            image = self.image(
                f"Nachrichtenbild {number + 1}", f"Farbige Grafik zur Nachricht: {title}"
            )
            body = [("heading", {"text": "Das Wichtigste in Kürze", "level": "h2"})]
            body += [("paragraph", f"<p>{text}</p>") for text in paragraphs]
            body.append(self.extra_block(extra, topic_pages, leitbild, flyer, title))
            page = self.child(
                news_index,
                NewsPage,
                slug,
                title=title,
                teaser=teaser,
                date=today - datetime.timedelta(days=days_ago),
                lead_image=image,
                body=body,
                search_description=teaser,
            )
            page.topics.set([self.topic(slug) for slug in topic_slugs])
            page.save_revision().publish()

    def extra_block(self, kind, topic_pages, leitbild, flyer, title):
        if kind == "quote":
            return (
                "quote",
                {
                    "text": "Gute Übergänge gelingen nur, wenn alle an einem Tisch sitzen.",
                    "source": "Bildungsbüro",
                },
            )
        if kind == "call_to_action":
            return (
                "call_to_action",
                {
                    "title": "Mehr zum Thema",
                    "text": "Alle Informationen und Ansprechpersonen auf einen Blick.",
                    "page": topic_pages["bne"],
                    "url": "",
                    "label": "Zur Themenseite",
                },
            )
        if kind == "image":
            return (
                "image",
                {
                    "image": self.image(
                        "Forscherstation", "Grafik: Reagenzgläser als farbige Flächen"
                    ),
                    "caption": "Forschen mit allen Sinnen",
                },
            )
        if kind == "table":
            return (
                "table",
                {
                    "caption": "Die Praxismesse in Zahlen",
                    "table": {
                        "data": [
                            ["Angabe", "Anzahl"],
                            ["Aussteller", "35"],
                            ["Besuchende", "1.200"],
                            ["Angebotene Praktika", "140"],
                        ],
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                    },
                },
            )
        if kind == "accordion":
            return (
                "accordion",
                {
                    "heading": "Häufige Fragen",
                    "items": [
                        {
                            "question": "Wer kann teilnehmen?",
                            "answer": "<p>Menschen mit Berufserfahrung, die in eine Kita wechseln "
                            "wollen.</p>",
                        },
                        {
                            "question": "Was kostet die Qualifizierung?",
                            "answer": "<p>Für Teilnehmende ist sie kostenlos.</p>",
                        },
                    ],
                },
            )
        if kind == "document":
            return ("document", {"document": flyer, "title": "Flyer zum Abendprogramm"})
        return (
            "video",
            {
                "title": "Erklärfilm: So beantragen Sie Leistungen",
                "video": None,
                "url": "",
                "transcript": f"Der Film erklärt in drei Minuten: {title}. "
                "Er wird hier veröffentlicht, sobald er fertig ist.",
            },
        )

    def committees(self, home):
        index = self.child(
            home,
            CommitteeIndexPage,
            "gremien",
            title="Gremien",
            show_in_menus=True,
            intro="Diese Gremien steuern und begleiten das Bildungsmanagement.",
        )
        today = timezone.localdate()
        for number, (title, purpose, members) in enumerate(content.COMMITTEES):
            slug = "steuerungsgruppe" if number == 0 else "ag-uebergang-kita-grundschule"
            if CommitteePage.objects.child_of(index).filter(slug=slug).exists():
                continue
            page = CommitteePage(title=title, slug=slug, purpose=purpose, locale=self.locale)
            for role, institution in members:
                page.members.add(page.members.model(role=role, institution=institution))
            for offset, topic in (
                (-150, "Jahresrückblick"),
                (-60, "Bildungsbericht"),
                (40, "Planung des nächsten Jahres"),
            ):
                minutes = None
                if offset < 0:
                    minutes = self.document(
                        f"Protokoll {title} – {topic}",
                        f"protokoll-{slug}{offset}.pdf",
                        [f"Protokoll der Sitzung: {topic}.", "Anwesend: alle Mitglieder."],
                    )
                page.meetings.add(
                    page.meetings.model(
                        date=today + datetime.timedelta(days=offset), topic=topic, minutes=minutes
                    )
                )
            index.add_child(instance=page)
            page.save_revision().publish()
            self.created += 1

    def reports(self, home):
        index = self.child(
            home,
            ReportIndexPage,
            "berichte",
            title="Berichte",
            show_in_menus=True,
            intro="Ergebnisse des Bildungsmonitorings zum Nachlesen.",
        )
        for number, (title, published, summary, figures) in enumerate(content.REPORTS):
            slug = f"bericht-{number + 1}"
            if ReportPage.objects.child_of(index).filter(slug=slug).exists():
                continue
            page = ReportPage(
                title=title,
                slug=slug,
                summary=summary,
                locale=self.locale,
                published_on=datetime.date.fromisoformat(published),
                search_description=summary,
            )
            rows = [["Kennzahl", "Wert", "Anmerkung"], *[list(figure) for figure in figures]]
            for part, name in ((1, "Gesamtbericht"), (2, "Kurzfassung")):
                document = self.document(
                    f"{title} – {name}",
                    f"{slug}-{part}.pdf",
                    [summary, "Dieser Bericht ist ein Demo-Dokument."],
                    rows,
                )
                page.documents.add(page.documents.model(document=document))
            for label, value, note in figures:
                page.key_figures.add(page.key_figures.model(label=label, value=value, note=note))
            index.add_child(instance=page)
            page.save_revision().publish()
            self.created += 1

    def events(self, home):
        index = self.child(
            home,
            EventIndexPage,
            "veranstaltungen",
            title="Veranstaltungen",
            show_in_menus=True,
            intro="Konferenzen, Messen und Fachtage des Bildungsbüros.",
        )
        now = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
        for number, (title, days, teaser, place, address) in enumerate(content.EVENTS):
            start = now + datetime.timedelta(days=days)
            self.child(
                index,
                EventPage,
                f"veranstaltung-{number + 1}",
                title=f"{title} {start.year}",
                start=start,
                end=start + datetime.timedelta(hours=7),
                teaser=teaser,
                location_name=place,
                address=address,
                registration_url="https://example.org/anmeldung" if days > 0 else "",
                lead_image=self.image(
                    f"Veranstaltungsbild {number + 1}", f"Grafik zur Veranstaltung {title}"
                ),
            )

    def legal_pages(self, home):
        pages = {}
        for slug, (title, intro, paragraphs) in content.LEGAL.items():
            pages[slug] = self.child(
                home,
                StandardPage,
                slug,
                title=title,
                intro=intro,
                body=[("paragraph", text) for text in paragraphs],
            )
        statement = self.child(
            home,
            FormPage,
            "barrierefreiheit",
            title="Erklärung zur Barrierefreiheit",
            intro="Wie barrierefrei diese Website ist und wie Sie uns Barrieren melden.",
            body=list(content.ACCESSIBILITY_STATEMENT),
            thank_you_text="<p>Vielen Dank für Ihre Rückmeldung. Wir melden uns innerhalb von "
            "zwei Wochen.</p>",
            to_address="bildung@example.org",
            subject="Rückmeldung zur Barrierefreiheit",
        )
        self.form_fields(
            statement,
            [
                ("Ihr Name", "singleline", False),
                ("Ihre E-Mail-Adresse", "email", False),
                ("Welche Barriere ist Ihnen aufgefallen?", "multiline", True),
            ],
        )
        contact = self.child(
            home,
            FormPage,
            "kontakt",
            title="Kontakt",
            intro="Schreiben Sie uns. Wir antworten so schnell wie möglich.",
            thank_you_text="<p>Danke für Ihre Nachricht.</p>",
            to_address="bildung@example.org",
            subject="Kontaktanfrage",
        )
        self.form_fields(
            contact,
            [
                ("Ihr Name", "singleline", False),
                ("Ihre E-Mail-Adresse", "email", True),
                ("Ihre Nachricht", "multiline", True),
            ],
        )
        pages["barrierefreiheit"], pages["kontakt"] = statement, contact
        return pages

    def form_fields(self, page, fields):
        if FormField.objects.filter(page=page).exists():
            return
        purposes = {"email": "email", "singleline": "name"}
        for position, (label, field_type, required) in enumerate(fields):
            FormField.objects.create(
                page=page,
                label=label,
                field_type=field_type,
                required=required,
                sort_order=position,
                autocomplete=purposes.get(field_type, ""),
            )

    def home_details(self, home, topic_pages, leitbild, legal):
        if home.teasers.exists():
            return
        home = home.specific
        home.hero_image = self.image(
            "Startseite Titelbild", "Farbige Grafik mit Kreisen als Sinnbild für Vernetzung"
        )
        home.plain_language_page = legal["leichte-sprache"]
        home.sign_language_page = legal["gebaerdensprache"]
        for slug in ("bne", "mint", "uebergang-kita-grundschule", "lebenslanges-lernen"):
            home.teasers.add(
                home.teasers.model(
                    page=topic_pages[slug],
                    text=topic_pages[slug].intro,
                    image=topic_pages[slug].lead_image,
                )
            )
        home.teasers.add(home.teasers.model(page=leitbild, text=leitbild.intro))
        home.save_revision().publish()

    def site_settings(self, legal):
        site = Site.objects.get(is_default_site=True)
        chrome = SiteChromeSettings.for_site(site)
        if chrome.imprint_page_id:
            return
        chrome.office_name = "Landeshauptstadt Magdeburg – Bildungsbüro (Demo)"
        chrome.address = "Musterstraße 1\n39104 Magdeburg"
        chrome.email = "bildung@example.org"
        chrome.phone = "0391 000 00-0"
        chrome.imprint_page = legal["impressum"]
        chrome.privacy_page = legal["datenschutz"]
        chrome.accessibility_page = legal["barrierefreiheit"]
        chrome.contact_page = legal["kontakt"]
        chrome.save()
