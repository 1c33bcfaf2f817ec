"""The Wörterbuch: entries in plain language, the glossary page A to Z, and the first
occurrence of each word explained on plain-language pages (never on German ones)."""

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data

from articles.glossary import Glossary, letter_groups
from articles.models import GlossaryEntry, GlossaryPage, NewsIndexPage
from articles.models.glossary import anchor_slug
from home.editorial_roles import FREIGABE, REDAKTION, UEBERSETZUNG
from home.models import HomePage, StandardPage
from tests.factories import HomePageFactory, StandardPageFactory
from tests.factories.glossary import GlossaryEntryFactory, GlossaryPageFactory

PLAIN = settings.PLAIN_LANGUAGE_CODE
GLOSSARY_URL = "/leichte-sprache/woerterbuch/"
ANTRAG = "Ein Antrag ist ein Brief an ein Amt.\nIn dem Brief steht, was Sie möchten."


def entry(word, other_forms="", explanation="Eine Erklärung."):
    """An unsaved entry, enough for the marker."""
    return GlossaryEntry(
        word=word, other_forms=other_forms, explanation=explanation, slug=anchor_slug(word)
    )


def antrag_glossary(url=GLOSSARY_URL, explanation=ANTRAG):
    return Glossary([entry("Antrag", "Anträge, Antrags", explanation), entry("Jobcenter")], url=url)


def marked(html, glossary=None):
    return BeautifulSoup((glossary or antrag_glossary()).mark(html), "html.parser")


def terms(soup):
    return [term.get_text() for term in soup.select(".glossary-term")]


# The marker


def test_first_occurrence_only_is_linked_to_its_entry():
    soup = marked("<p>Ein Antrag kostet nichts.</p><p>Der Antrag geht an das Amt.</p>")
    (link,) = soup.select("a.glossary-term")
    assert link.get_text() == "Antrag"
    assert link["href"] == f"{GLOSSARY_URL}#wort-antrag"
    assert link.find_parent("p").get_text().startswith("Ein Antrag kostet")


def test_explanation_is_shown_in_the_paragraph_and_describes_the_link():
    output = str(antrag_glossary().mark("<p>Ein Antrag kostet nichts.</p>"))
    # inside the paragraph, after the sentence: valid HTML, read right after it;
    # one statement per line, as the editor wrote the explanation
    assert output == (
        '<p>Ein <a class="glossary-term" href="/leichte-sprache/woerterbuch/#wort-antrag" '
        'aria-describedby="glossar-antrag">Antrag</a> kostet nichts.'
        '<span class="glossary-note" id="glossar-antrag"><dfn>Antrag</dfn>: '
        "Ein Antrag ist ein Brief an ein Amt.<br>In dem Brief steht, was Sie möchten.</span></p>"
    )


def test_other_forms_and_any_case_are_found_and_keep_their_spelling():
    soup = marked("<p>ANTRÄGE gibt es im Rathaus.</p><p>Das jobcenter hilft.</p>")
    assert terms(soup) == ["ANTRÄGE", "jobcenter"]
    assert soup.select_one(".glossary-note dfn").get_text() == "Antrag"


def test_an_inflected_form_counts_as_the_first_occurrence_of_its_word():
    soup = marked("<p>Zwei Anträge.</p><p>Ein Antrag.</p>")
    assert terms(soup) == ["Anträge"]


def test_only_whole_words_are_found():
    soup = marked(
        "<p>Das Antragsformular, der Schul-Antrag, der Bau·antrag und AntragX.</p>"
        "<p>Hier: Antrag.</p>"
    )
    assert terms(soup) == ["Antrag"]
    assert soup.select_one(".glossary-term").find_parent("p").get_text().startswith("Hier")


def test_never_inside_links_or_headings():
    soup = marked(
        '<h2>Der Antrag</h2><p><a href="/formulare/">Antrag herunterladen</a></p>'
        "<h3>Anträge</h3><p>So stellen Sie den Antrag.</p>"
    )
    assert terms(soup) == ["Antrag"]
    assert soup.h2.get_text() == "Der Antrag" and soup.h2.find("a") is None
    assert soup.select('a[href="/formulare/"]')[0].get_text() == "Antrag herunterladen"
    assert soup.select_one(".glossary-term").find_parent("p").get_text().startswith("So")


def test_never_inside_tags_attributes_table_headers_or_accordion_questions():
    html = (
        '<p><img src="/bild.png" alt="Ein Antrag" title="Antrag"></p>'
        "<details><summary>Was ist ein Antrag?</summary></details>"
        "<table><caption>Anträge</caption><tr><th>Antrag</th></tr></table>"
    )
    assert str(antrag_glossary().mark(html)) == html


def test_text_without_glossary_words_comes_back_unchanged():
    html = '<p>Willkommen!<br>Hier ist alles <b>leicht</b>.</p><img src="/a.png" alt="">'
    assert str(antrag_glossary().mark(html)) == html


def test_line_breaks_and_markup_around_a_marked_word_are_kept():
    soup = marked('<p class="lead">Erster Satz.<br>Der Antrag.<br>Dritter Satz.</p>')
    paragraph = soup.select_one("p.lead")
    assert len(paragraph.find_all("br", recursive=False)) == 2
    assert "&nbsp;" not in str(soup)


def test_explanation_and_word_are_escaped():
    glossary = Glossary(
        [entry('Amt<b onclick="x">', "Amt", '<script>alert("x")</script> & <img src=x>')],
        url=GLOSSARY_URL,
    )
    output = str(glossary.mark("<p>Das Amt hilft.</p>"))
    soup = BeautifulSoup(output, "html.parser")
    assert [tag.name for tag in soup.find_all(True)] == ["p", "a", "span", "dfn"]
    assert '&lt;script&gt;alert("x")&lt;/script&gt; &amp; &lt;img src=x&gt;' in output
    assert '<dfn>Amt&lt;b onclick="x"&gt;</dfn>' in output


def test_without_a_glossary_page_the_word_is_explained_but_not_linked():
    soup = marked("<p>Ein Antrag.</p>", antrag_glossary(url=""))
    assert soup.find("a") is None
    assert soup.select_one("span.glossary-term").get_text() == "Antrag"
    assert soup.select_one(".glossary-note") is not None


# Entries


@pytest.mark.django_db
def test_entry_anchor_spells_out_umlauts():
    assert GlossaryEntryFactory(word="Ärztin").anchor == "wort-aerztin"
    assert GlossaryEntryFactory(word="Straßen-Bahn").anchor == "wort-strassen-bahn"


@pytest.mark.django_db
def test_entry_with_a_word_already_in_the_glossary_is_refused():
    GlossaryEntryFactory(word="Antrag")
    duplicate = GlossaryEntryFactory.build(word="antrag")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "word" in error.value.message_dict


def test_other_forms_are_split_at_commas_and_lines():
    assert entry("Antrag", "Anträge,  Antrags\nantrag; Antrages").forms == [
        "Antrag",
        "Anträge",
        "Antrags",
        "Antrages",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("group_name", [REDAKTION, FREIGABE, UEBERSETZUNG])
def test_editorial_groups_maintain_the_glossary(group_name):
    codenames = set(
        Group.objects.get(name=group_name)
        .permissions.filter(content_type__app_label="articles")
        .values_list("codename", flat=True)
    )
    assert {
        "add_glossaryentry",
        "change_glossaryentry",
        "delete_glossaryentry",
        "view_glossaryentry",
    } <= codenames


# Pages


@pytest.fixture
def plain_locale(db):
    return Locale.objects.get(language_code=PLAIN)


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def plain_home(home_page, plain_locale):
    plain = home_page.copy_for_translation(plain_locale)
    return publish(plain)


@pytest.fixture
def glossary_page(plain_home):
    return publish(GlossaryPageFactory(parent=plain_home))


def paragraphs(*texts):
    return [("paragraph", f"<p>{text}</p>") for text in texts]


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_letter_groups_sort_umlauts_with_their_letter():
    words = ["Zeugnis", "Übung", "antrag", "Ärztin", "Behörde", "3G-Regel", "Umzug"]
    groups = letter_groups(entry(word) for word in words)
    assert [(group.letter, [e.word for e in group.entries]) for group in groups] == [
        ("A", ["antrag", "Ärztin"]),
        ("B", ["Behörde"]),
        ("U", ["Übung", "Umzug"]),
        ("Z", ["Zeugnis"]),
        ("Zahlen und Zeichen", ["3G-Regel"]),
    ]


def test_glossary_page_lists_its_entries_a_to_z_with_an_anchor_each(client, glossary_page):
    for word in ("Zeugnis", "Behörde", "Antrag", "Ärztin"):
        GlossaryEntryFactory(word=word, explanation=f"So erklären wir {word}.")
    GlossaryEntryFactory(word="Abitur", locale=Locale.objects.get(language_code="de"))
    assert glossary_page.url == GLOSSARY_URL
    soup = soup_of(client, glossary_page.url)
    assert [h2.get_text() for h2 in soup.main.find_all("h2")] == ["A", "B", "Z"]
    assert [h2["id"] for h2 in soup.main.find_all("h2")] == [
        "buchstabe-a",
        "buchstabe-b",
        "buchstabe-z",
    ]
    entries = soup.select("dl.glossary > div.glossary-entry")
    assert [(item["id"], item.dt.get_text()) for item in entries] == [
        ("wort-antrag", "Antrag"),
        ("wort-aerztin", "Ärztin"),
        ("wort-behoerde", "Behörde"),
        ("wort-zeugnis", "Zeugnis"),
    ]
    assert entries[0].dd.get_text() == "So erklären wir Antrag."
    letters = soup.find("nav", attrs={"aria-label": "Wörter nach Anfangsbuchstaben"})
    assert [a["href"] for a in letters.find_all("a")] == [
        "#buchstabe-a",
        "#buchstabe-b",
        "#buchstabe-z",
    ]
    assert "Abitur" not in soup.main.get_text()  # German entries stay out


def test_glossary_page_escapes_the_entries(client, glossary_page):
    GlossaryEntryFactory(word="Amt", explanation="<script>alert(1)</script>")
    response = client.get(glossary_page.url)
    assert b"<script>alert(1)" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content


def test_plain_page_explains_the_first_occurrence_and_links_to_the_glossary(client, glossary_page):
    GlossaryEntryFactory(word="Antrag", other_forms="Anträge", explanation=ANTRAG)
    page = publish(
        StandardPageFactory(
            parent=glossary_page.get_parent(),
            intro="Hier geht es um Anträge.",
            body=[
                ("heading", {"text": "Der Antrag", "level": "h2"}),
                *paragraphs("Ein Antrag ist wichtig.", '<a href="/x/">Antrag</a> und Antrag.'),
            ],
        )
    )
    soup = soup_of(client, page.url)
    (link,) = soup.main.select("a.glossary-term")
    assert link.get_text() == "Anträge"
    assert "lead" in link.find_parent("p")["class"]
    assert link["href"] == f"{glossary_page.url}#wort-antrag"
    assert soup.find(id=link["aria-describedby"]).dfn.get_text() == "Antrag"
    assert soup.main.h2.get_text() == "Der Antrag"


def test_german_pages_stay_as_they_are(client, home_page, glossary_page):
    GlossaryEntryFactory(word="Antrag")
    GlossaryEntryFactory(word="Antrag", locale=Locale.objects.get(language_code="de"))
    page = publish(
        StandardPageFactory(
            parent=home_page, intro="Ihr Antrag.", body=paragraphs("Der Antrag ist da.")
        )
    )
    soup = soup_of(client, page.url)
    assert soup.html["lang"] == "de"
    assert soup.select(".glossary-term, .glossary-note") == []
    assert soup.select_one("p.lead").get_text() == "Ihr Antrag."


def test_query_count_of_a_plain_page_does_not_grow_with_its_blocks(client, glossary_page):
    for word in ("Antrag", "Amt", "Jobcenter", "Zeugnis"):
        GlossaryEntryFactory(word=word)
    plain_home = glossary_page.get_parent()

    def count(blocks):
        page = publish(
            StandardPageFactory(
                parent=plain_home,
                body=paragraphs(*[f"Das Amt {n} und der Antrag {n}." for n in range(blocks)]),
            )
        )
        client.get(page.url)  # warm the site caches, as a running site has them
        with CaptureQueriesContext(connection) as queries:
            response = client.get(page.url)
        assert response.status_code == 200
        assert response.content.count(b'class="glossary-term"') == 2
        return len(queries)

    assert count(2) == count(12)


def test_plain_home_intro_is_explained(client, plain_home, glossary_page):
    GlossaryEntryFactory(word="Bildungsbüro")
    soup = soup_of(client, plain_home.url)
    assert terms(soup.select_one(".home-intro")) == ["Bildungsbüro"]


# The plain-language front end


def test_plain_language_pages_get_the_body_class_and_keep_their_own(client, plain_home):
    body = soup_of(client, plain_home.url).body
    assert body["class"] == ["lang-plain", "page-home"]


def test_german_pages_do_not_get_the_plain_language_body_class(client, home_page, plain_home):
    assert soup_of(client, home_page.url).body["class"] == ["page-home"]
    german = publish(StandardPageFactory(parent=home_page))
    assert "lang-plain" not in (soup_of(client, german.url).body.get("class") or [])


# Tree rules and the admin


class GlossaryPageTreeTests(WagtailPageTestCase):
    def test_glossary_page_sits_under_a_home_page_only(self):
        self.assertAllowedParentPageTypes(GlossaryPage, {HomePage})
        self.assertAllowedSubpageTypes(GlossaryPage, set())

    def test_glossary_page_can_be_created_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, GlossaryPage)
        self.assertCanNotCreateAt(StandardPage, GlossaryPage)
        self.assertCanNotCreateAt(NewsIndexPage, GlossaryPage)


class GlossaryAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        root = Page.get_first_root_node()
        cls.home = HomePageFactory(parent=root, slug="start")
        site = Site.objects.get(is_default_site=True)
        site.root_page = cls.home
        site.save()
        cls.plain_locale = Locale.objects.get(language_code=PLAIN)
        cls.plain_home = cls.home.copy_for_translation(cls.plain_locale)
        cls.plain_home.save_revision().publish()
        cls.user = get_user_model().objects.create_superuser("chefin", "c@example.org", "pw")

    def setUp(self):
        self.client.force_login(self.user)

    def test_editor_creates_the_glossary_page(self):
        self.assertCanCreate(
            self.plain_home,
            GlossaryPage,
            nested_form_data({"title": "Wörterbuch", "intro": "Hier erklären wir Wörter."}),
        )
        page = GlossaryPage.objects.get(locale=self.plain_locale)
        self.assertEqual(page.get_parent().pk, self.plain_home.pk)

    def test_a_home_page_has_one_glossary_page_at_most(self):
        self.assertTrue(GlossaryPage.can_create_at(self.plain_home))
        GlossaryPageFactory(parent=self.plain_home)
        self.assertFalse(GlossaryPage.can_create_at(self.plain_home))
        self.assertTrue(GlossaryPage.can_create_at(self.home))

    def test_editor_adds_an_entry_in_plain_language(self):
        response = self.client.post(
            "/admin/snippets/articles/glossaryentry/add/",
            {
                "word": "Antrag",
                "other_forms": "Anträge, Antrags",
                "explanation": "Ein Antrag ist ein Brief an ein Amt.",
            },
        )
        self.assertEqual(response.status_code, 302)
        created = GlossaryEntry.objects.get(word="Antrag")
        self.assertEqual(created.locale, self.plain_locale)
        self.assertEqual(created.slug, "antrag")

    def test_editor_finds_entries_in_the_listing(self):
        GlossaryEntryFactory(word="Antrag", explanation="Ein Brief an ein Amt.")
        GlossaryEntryFactory(word="Zeugnis")
        response = self.client.get("/admin/snippets/articles/glossaryentry/", {"q": "Antrag"})
        self.assertContains(response, "Antrag")
        self.assertNotContains(response, "Zeugnis")

    def test_glossary_is_in_the_admin_menu(self):
        response = self.client.get("/admin/")
        # the sidebar menu is JSON: "Wörterbuch" with its umlaut escaped
        self.assertContains(response, '"label": "W\\u00f6rterbuch"')
        self.assertContains(response, '"url": "/admin/snippets/articles/glossaryentry/"')
