"""The plain-language locale: readable URLs, a valid lang attribute, the language switch,
hreflang alternates, and content of each language served under its own prefix."""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from wagtail.models import Locale

from tests.factories.offers import create_offer
from tests.factories.pages import StandardPageFactory

PLAIN = settings.PLAIN_LANGUAGE_CODE


@pytest.fixture
def plain_locale(db):
    return Locale.objects.get(language_code=PLAIN)


def translate(page, locale, **fields):
    """A published plain-language copy of a page, the way wagtail-localize starts one."""
    copy = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


@pytest.fixture
def plain_home(home_page, plain_locale):
    return translate(home_page, plain_locale, title="Bildung in Magdeburg – Leichte Sprache")


def soup_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def switch_links(soup):
    nav = soup.find("nav", attrs={"aria-label": "Sprache"})
    return {link.get_text(" ", strip=True): link["href"] for link in nav.find_all("a")}


def test_plain_language_code_is_valid_bcp47_german():
    # private use subtag: German for screen readers, no region claimed (de-LS = Lesotho)
    assert PLAIN == "de-x-ls"
    assert (PLAIN, "Leichte Sprache") in settings.LANGUAGES


def test_plain_language_pages_live_under_a_readable_prefix(client, home_page, plain_home):
    german = StandardPageFactory(parent=home_page, title="Kontakt", slug="kontakt")
    german.save_revision().publish()
    plain = translate(german, plain_home.locale, title="So erreichen Sie uns")
    assert plain_home.url == "/leichte-sprache/"
    assert plain.url == "/leichte-sprache/kontakt/"
    page = soup_of(client, plain.url)
    assert page.html["lang"] == "de-x-ls"
    assert page.h1.get_text(strip=True) == "So erreichen Sie uns"
    assert soup_of(client, german.url).html["lang"] == "de"


def test_switch_leads_to_the_counterpart_and_back(client, home_page, plain_home):
    german = StandardPageFactory(parent=home_page, title="Kontakt", slug="kontakt")
    german.save_revision().publish()
    plain = translate(german, plain_home.locale, title="So erreichen Sie uns")
    assert switch_links(soup_of(client, german.url)) == {"Leichte Sprache": plain.url}
    assert switch_links(soup_of(client, plain.url)) == {"Deutsch": german.url}


def test_switch_without_counterpart_leads_to_plain_home_with_a_notice(
    client, home_page, plain_home
):
    german = StandardPageFactory(parent=home_page, title="Impressum", slug="impressum")
    german.save_revision().publish()
    links = switch_links(soup_of(client, german.url))
    assert links == {
        "Leichte Sprache (diese Seite gibt es dort noch nicht: zur Startseite)": (
            "/leichte-sprache/?fehlt=1"
        )
    }
    notice = soup_of(client, "/leichte-sprache/?fehlt=1").find(class_="notice")
    assert "noch nicht in Leichter Sprache" in notice.get_text()


def test_hreflang_alternates_for_each_existing_version(client, home_page, plain_home):
    page = soup_of(client, home_page.url)
    alternates = {link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate")}
    assert alternates == {
        "de": "http://testserver/",
        "de-x-ls": "http://testserver/leichte-sprache/",
    }


def test_plain_language_offer_has_its_own_url_and_switch(client, home_page, plain_home):
    german = create_offer(title="Gärtnern mit Kindern")
    plain = german.copy_for_translation(plain_home.locale)
    plain.title = "Gärtnern mit Kindern – Leichte Sprache"
    plain.save()
    plain.save_revision().publish()
    plain.refresh_from_db()
    assert plain.url == f"/leichte-sprache/angebote/{plain.slug}/"
    page = soup_of(client, plain.url)
    assert page.html["lang"] == "de-x-ls"
    assert switch_links(page) == {"Deutsch": german.url}
    assert switch_links(soup_of(client, german.url)) == {"Leichte Sprache": plain.url}


def test_search_page_in_plain_language_searches_plain_content(client, home_page, plain_home):
    german = StandardPageFactory(parent=home_page, title="Sternwarte", slug="sternwarte")
    german.save_revision().publish()
    translate(german, plain_home.locale, title="Die Stern·warte")
    page = soup_of(client, "/leichte-sprache/suche/?q=Sternwarte")
    assert page.html["lang"] == "de-x-ls"
    titles = [a.get_text(strip=True) for a in page.select("ol.search-results h3 a")]
    assert titles == ["Die Stern·warte"]
    german_titles = [
        a.get_text(strip=True)
        for a in soup_of(client, "/suche/?q=Sternwarte").select("ol.search-results h3 a")
    ]
    assert german_titles == ["Sternwarte"]


def test_browser_language_does_not_change_the_language(client, home_page, plain_home):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de-x-ls,en")
    assert BeautifulSoup(response.content, "html.parser").html["lang"] == "de"


def test_sitemap_lists_both_languages_with_alternates(client, home_page, plain_home):
    german = create_offer(title="Gärtnern mit Kindern")
    plain_offer = german.copy_for_translation(plain_home.locale)
    plain_offer.save()
    plain_offer.save_revision().publish()
    plain_offer.refresh_from_db()
    xml = BeautifulSoup(client.get("/sitemap.xml").content, "html.parser")

    def path(url):
        return urlsplit(url).path

    entries = {
        path(url.find("loc").text): {
            link["hreflang"]: path(link["href"])
            for link in url.find_all("xhtml:link", rel="alternate")
        }
        for url in xml.find_all("url")
    }
    pair = {"de": "/", "de-x-ls": "/leichte-sprache/"}
    assert entries["/"] == entries["/leichte-sprache/"] == pair
    offer_pair = {"de": german.url, "de-x-ls": plain_offer.url}
    assert entries[german.url] == entries[plain_offer.url] == offer_pair
