"""Every page type renders for a visitor, in German, with its own content."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import (
    CommitteeIndexPageFactory,
    CommitteePageFactory,
    CreditedImageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    FormPageFactory,
    LeitbildChapterPageFactory,
    LeitbildPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    ReportIndexPageFactory,
    ReportPageFactory,
    SizedDocumentFactory,
    StandardPageFactory,
    TopicIndexPageFactory,
    TopicPageFactory,
)
from tests.factories.pages import topic

pytestmark = pytest.mark.django_db


def get_ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return response.content.decode()


def test_home_page_shows_news_teasers_and_accessible_entry_points(client, home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news_index, title="Praxismesse war ein Erfolg")
    plain = StandardPageFactory(parent=home_page, title="Leichte Sprache", slug="leichte-sprache")
    sign = StandardPageFactory(parent=home_page, title="Gebärdensprache", slug="gebaerdensprache")
    home_page.plain_language_page = plain
    home_page.sign_language_page = sign
    home_page.save_revision().publish()

    html = get_ok(client, "/")
    assert '<html lang="de"' in html
    assert "Praxismesse war ein Erfolg" in html
    assert plain.url in html
    assert sign.url in html
    assert "Leichte Sprache" in html
    assert "Gebärdensprache" in html


def test_news_page_shows_date_teaser_topics_and_body(client, home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    page = NewsPageFactory(
        parent=news_index,
        title="MINT-Tage an Grundschulen",
        date=datetime.date(2026, 3, 5),
        topics=[topic("mint")],
        body=[("paragraph", "<p>Forschen mit Wasser und Luft.</p>")],
    )
    html = get_ok(client, page.url)
    assert "MINT-Tage an Grundschulen" in html
    assert "5. März 2026" in html
    assert "Forschen mit Wasser und Luft." in html
    assert "?thema=mint" in html


def test_news_index_filters_by_topic(client, home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news_index, title="Nachricht zu BNE", topics=[topic("bne")])
    NewsPageFactory(parent=news_index, title="Nachricht zu MINT", topics=[topic("mint")])
    html = get_ok(client, news_index.url + "?thema=bne")
    assert "Nachricht zu BNE" in html
    assert "Nachricht zu MINT" not in html


def test_news_index_names_an_unknown_topic_instead_of_failing(client, home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news_index, title="Irgendeine Nachricht")
    html = get_ok(client, news_index.url + "?thema=gibt-es-nicht")
    assert "Dieses Thema gibt es nicht." in html
    assert "Irgendeine Nachricht" not in html


def test_news_index_paginates(client, home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    for number in range(12):
        NewsPageFactory(
            parent=news_index,
            title=f"Meldung {number:02d}",
            date=datetime.date(2026, 1, 1) + datetime.timedelta(days=number),
        )
    first = get_ok(client, news_index.url)
    second = get_ok(client, news_index.url + "?seite=2")
    assert "Meldung 11" in first and "Meldung 00" not in first
    assert "Meldung 00" in second and "Meldung 11" not in second
    assert "seite=2" in first
    # A page number out of range shows the last page instead of an error.
    assert "Meldung 00" in get_ok(client, news_index.url + "?seite=99")


def test_topic_page_shows_contact_box_and_news_of_its_topic(client, home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news_index, title="BNE-Netzwerk trifft sich", topics=[topic("bne")])
    NewsPageFactory(parent=news_index, title="Robotik-AG startet", topics=[topic("mint")])
    topic_index = TopicIndexPageFactory(parent=home_page)
    page = TopicPageFactory(
        parent=topic_index, title="Bildung für nachhaltige Entwicklung", topic=topic("bne")
    )
    html = get_ok(client, page.url)
    assert "bne@example.org" in html
    assert "BNE-Netzwerk trifft sich" in html
    assert "Robotik-AG startet" not in html
    assert "Bildung für nachhaltige Entwicklung" in get_ok(client, topic_index.url)


def test_leitbild_has_table_of_contents_chapter_navigation_and_print_view(client, home_page):
    leitbild = LeitbildPageFactory(parent=home_page)
    first = LeitbildChapterPageFactory(
        parent=leitbild, title="Präambel", body=[("paragraph", "<p>Text der Präambel.</p>")]
    )
    second = LeitbildChapterPageFactory(
        parent=leitbild,
        title="Bildung von Anfang an",
        body=[("paragraph", "<p>Text zu Kitas.</p>")],
    )
    overview = get_ok(client, leitbild.url)
    assert overview.index("Präambel") < overview.index("Bildung von Anfang an")

    chapter = get_ok(client, first.url)
    assert second.url in chapter  # "next" link
    assert first.url in get_ok(client, second.url)  # "previous" link

    printed = get_ok(client, leitbild.url + "druck/")
    assert "Text der Präambel." in printed
    assert "Text zu Kitas." in printed


def test_committee_page_lists_members_and_minutes(client, home_page):
    committees = CommitteeIndexPageFactory(parent=home_page)
    minutes = SizedDocumentFactory(title="Protokoll März")
    page = CommitteePageFactory(parent=committees, title="AG Übergang Kita-Grundschule")
    page.members.create(role="Sprecherin", institution="Kita-Eigenbetrieb")
    page.meetings.create(date=datetime.date(2026, 3, 10), topic="Schulanmeldung", minutes=minutes)
    page.save_revision().publish()
    html = get_ok(client, page.url)
    assert "Kita-Eigenbetrieb" in html
    assert "Sprecherin" in html
    assert minutes.url in html
    assert "AG Übergang Kita-Grundschule" in get_ok(client, committees.url)


def test_report_page_shows_documents_with_type_and_size_and_key_figures(client, home_page):
    reports = ReportIndexPageFactory(parent=home_page)
    document = SizedDocumentFactory(title="Bildungsbericht (PDF)")
    page = ReportPageFactory(parent=reports, title="Bildungsbericht 2025")
    page.documents.create(document=document)
    page.key_figures.create(label="Betreuungsquote unter 3", value="58 %", note="2025")
    page.save_revision().publish()
    html = get_ok(client, page.url)
    assert document.url in html
    assert "PDF" in html
    assert "2,0\xa0KB" in html or "2,0 KB" in html
    assert "Betreuungsquote unter 3" in html and "58 %" in html
    assert "<caption" in html


def test_events_split_into_upcoming_and_past_and_offer_ical(client, home_page):
    events = EventIndexPageFactory(parent=home_page)
    future = EventPageFactory(parent=events, title="Bildungskonferenz 2027")
    past_start = timezone.now() - datetime.timedelta(days=40)
    EventPageFactory(
        parent=events,
        title="Praxismesse 2025",
        start=past_start,
        end=past_start + datetime.timedelta(hours=5),
    )
    context = client.get(events.url).context
    assert [page.title for page in context["upcoming_events"]] == ["Bildungskonferenz 2027"]
    assert [page.title for page in context["past_events"]] == ["Praxismesse 2025"]

    html = get_ok(client, future.url)
    assert "https://example.org/anmeldung" in html
    assert future.url + "ical/" in html


def test_standard_and_form_pages_render(client, home_page):
    standard = StandardPageFactory(
        parent=home_page,
        title="Impressum",
        body=[("paragraph", "<p>Verantwortlich ist die Stadt.</p>")],
    )
    form = FormPageFactory(parent=home_page, title="Kontakt")
    form.form_fields.create(label="Ihre Nachricht", field_type="multiline", required=True)
    form.save_revision().publish()
    assert "Verantwortlich ist die Stadt." in get_ok(client, standard.url)
    html = get_ok(client, form.url)
    assert "Ihre Nachricht" in html
    assert "csrfmiddlewaretoken" not in html  # no CSRF cookie for visitors (home.security)


def test_form_submission_is_stored_and_thanked(client, home_page):
    form = FormPageFactory(
        parent=home_page,
        title="Feedback Barrierefreiheit",
        thank_you_text="<p>Danke für Ihre Rückmeldung.</p>",
    )
    form.form_fields.create(label="Nachricht", field_type="multiline", required=True)
    form.save_revision().publish()
    response = client.post(
        form.url,
        {"nachricht": "Der Kontrast im Menü ist zu schwach."},
        headers={"Sec-Fetch-Site": "same-origin"},  # as the browser sends it from the page
    )
    assert response.status_code == 200
    assert "Danke für Ihre Rückmeldung." in response.content.decode()
    assert form.get_submission_class().objects.filter(page=form).count() == 1


def test_body_blocks_render(client, home_page):
    image = CreditedImageFactory(credit="Stadtarchiv")
    document = SizedDocumentFactory(title="Flyer")
    target = StandardPageFactory(parent=home_page, title="Ziel")
    page = StandardPageFactory(
        parent=home_page,
        title="Alle Blöcke",
        body=[
            ("heading", {"text": "Zwischentitel", "level": "h2"}),
            ("paragraph", "<p>Absatztext</p>"),
            ("image", {"image": image, "caption": "Eine Bildunterschrift"}),
            ("quote", {"text": "Bildung ist Zukunft.", "source": "Leitbild"}),
            (
                "call_to_action",
                {
                    "title": "Mitmachen",
                    "text": "",
                    "page": target,
                    "url": "",
                    "label": "Zur Seite",
                },
            ),
            (
                "video",
                {
                    "title": "Film über Kitas",
                    "video": None,
                    "url": "https://example.org/v",
                    "transcript": "Transkript des Films",
                },
            ),
            ("document", {"document": document, "title": ""}),
            (
                "accordion",
                {
                    "heading": "Fragen",
                    "items": [{"question": "Wer hilft?", "answer": "<p>Das Bildungsbüro.</p>"}],
                },
            ),
            (
                "table",
                {
                    "caption": "Zahlen",
                    "table": {
                        "data": [["Jahr", "Kinder"], ["2025", "1200"]],
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                    },
                },
            ),
        ],
    )
    html = get_ok(client, page.url)
    for text in (
        "Zwischentitel",
        "Absatztext",
        "Eine Bildunterschrift",
        "© Stadtarchiv",
        "Bildung ist Zukunft.",
        target.url,
        "Film über Kitas",
        "Transkript des Films",
        document.url,
        "<details",
        "Das Bildungsbüro.",
        "1200",
        "Zahlen",
    ):
        assert text in html, text
    assert "<iframe" not in html


def test_personal_data_fields_tell_browsers_their_purpose(client, home_page):
    form = FormPageFactory(parent=home_page, title="Kontakt")
    form.form_fields.create(
        label="Ihre E-Mail-Adresse", field_type="email", required=True, autocomplete="email"
    )
    form.form_fields.create(label="Ihre Nachricht", field_type="multiline", required=True)
    form.save_revision().publish()
    html = get_ok(client, form.url)
    assert 'autocomplete="email"' in html
    assert html.count("autocomplete=") == 1
