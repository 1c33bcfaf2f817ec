"""Feeds, sitemap, robots.txt and error pages are what machines and lost visitors get."""

import datetime

import pytest
from defusedxml import ElementTree

from tests.factories import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory
from tests.factories.pages import topic

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def news_index(home_page):
    index = NewsIndexPageFactory(parent=home_page, intro="Neuigkeiten aus dem Bildungsbüro")
    for number in range(3):
        NewsPageFactory(
            parent=index,
            title=f"Meldung <{number}> & mehr",
            date=datetime.date(2026, 5, 1 + number),
            topics=[topic("bne")],
        )
    return index


def test_rss_feed_is_valid_xml_with_the_news(client, news_index):
    response = client.get(news_index.url + "feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == ["Meldung <2> & mehr", "Meldung <1> & mehr", "Meldung <0> & mehr"]
    assert channel.find("item").findtext("category") == "Bildung für nachhaltige Entwicklung"


def test_atom_feed_is_valid_xml(client, news_index):
    response = client.get(news_index.url + "feed/atom/")
    assert response.status_code == 200
    feed = ElementTree.fromstring(response.content)
    assert len(feed.findall(f"{ATOM}entry")) == 3


def test_sitemap_lists_live_pages_only(client, news_index, home_page):
    draft = StandardPageFactory(parent=home_page, title="Entwurf", live=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ElementTree.fromstring(response.content)
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locations = [url.findtext(f"{ns}loc") for url in tree.findall(f"{ns}url")]
    assert any(loc.endswith(news_index.url) for loc in locations)
    assert not any(loc.endswith(f"/{draft.slug}/") for loc in locations)


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_missing_page_gets_a_friendly_german_404(client, home_page):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "nicht gefunden" in response.content.decode().lower()


def test_server_error_page_renders_without_database():
    from django.test import RequestFactory

    from home.views import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Entschuldigung" in response.content.decode() or "Fehler" in response.content.decode()
