"""`load_demo_content` also builds plain-language versions through wagtail-localize: a plain
home page, topic pages, news, the Leitbild and offers, with every dashboard status shown."""

import io

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Page, Revision
from wagtail_localize.models import Translation

from articles.models import LeitbildPage, NewsPage, TopicPage
from home.demo.plain_language import DRAFT_TOPIC, OFFERS, OUTDATED_NEWS
from home.models import HomePage
from home.translation_status import TranslationStatus, count_by_status, translation_rows
from offers.models import Offer

pytestmark = pytest.mark.django_db

PLAIN = settings.PLAIN_LANGUAGE_CODE


def load():
    call_command("load_demo_content", stdout=io.StringIO())


@pytest.fixture
def demo(settings):
    settings.DEBUG = False
    load()


def plain(model):
    return model.objects.filter(locale__language_code=PLAIN)


def test_plain_home_page_renders_at_its_prefix(demo, client):
    response = client.get("/leichte-sprache/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == PLAIN
    assert "Leichte Sprache" in soup.title.get_text()
    assert isinstance(response.context["page"], HomePage)


def test_every_plain_page_renders_in_plain_language(demo, client):
    pages = plain(Page).exclude(depth=1).specific()
    assert len(pages) >= 10
    for page in pages:
        url = page.get_url()
        assert url.startswith("/leichte-sprache/")
        response = client.get(url)
        assert response.status_code == 200, url
        assert BeautifulSoup(response.content, "html.parser").html["lang"] == PLAIN


def test_plain_offer_page_renders(demo, client):
    offer = plain(Offer).get(external_id="demo-d31")
    response = client.get(offer.get_url())
    assert response.status_code == 200
    assert OFFERS["demo-d31"][0] in response.content.decode()


def test_plain_home_intro_links_the_accessibility_statement(demo):
    home = plain(HomePage).get()
    assert home.live
    assert "Barriere·freiheit" in home.intro
    assert 'linktype="page"' in home.intro
    assert all(teaser.page.locale.language_code == PLAIN for teaser in home.teasers.all())


def test_plain_pages_and_offers_are_live(demo):
    assert plain(TopicPage).live().count() >= 3
    assert plain(NewsPage).live().count() >= 3
    assert plain(LeitbildPage).live().count() == 1
    assert plain(Offer).filter(live=True).count() >= 15
    assert plain(Offer).count() == len(OFFERS)


def test_plain_versions_are_made_through_wagtail_localize(demo):
    translated_keys = set(
        Translation.objects.filter(target_locale__language_code=PLAIN).values_list(
            "source__object_id", flat=True
        )
    )
    plain_keys = set(plain(Page).exclude(depth=1).values_list("translation_key", flat=True))
    plain_keys |= set(plain(Offer).values_list("translation_key", flat=True))
    assert plain_keys <= translated_keys


def test_dashboard_shows_every_status(demo):
    rows = translation_rows()
    counts = count_by_status(rows)
    assert all(counts[status] >= 1 for status in TranslationStatus)
    assert counts[TranslationStatus.UP_TO_DATE] > counts[TranslationStatus.OUT_OF_DATE]
    by_slug = {row.original.slug: row.status for row in rows if row.kind == "page"}
    assert by_slug[OUTDATED_NEWS[0]] == TranslationStatus.OUT_OF_DATE
    assert by_slug[DRAFT_TOPIC[0]] == TranslationStatus.IN_PROGRESS


def test_second_run_changes_nothing(demo):
    def state():
        return (
            Page.objects.count(),
            Offer.objects.count(),
            Revision.objects.count(),
            Translation.objects.count(),
            sorted((row.original.pk, row.kind, row.status) for row in translation_rows()),
        )

    before = state()
    load()
    assert state() == before


def test_plain_search_finds_a_plain_offer(demo, client):
    response = client.get("/api/v2/search/", {"locale": PLAIN, "q": "Schwimmen"})
    assert response.status_code == 200
    results = response.json()["results"]
    assert any(
        result["title"] == OFFERS["demo-d31"][0] and "/leichte-sprache/" in result["url"]
        for result in results
    )
