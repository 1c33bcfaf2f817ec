"""Public pages render with few queries (navigation, footer, topics, private sections and the
Wörterbuch come from the fragment cache), and what the fragment cache keeps changes on the
next request after an editor's change."""

import pytest
from django.conf import settings
from wagtail.models import Page, PageViewRestriction, Site

from home.models import SiteChromeSettings, StandardPage
from offers.models import FinderPage
from tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
    TopicIndexPageFactory,
    TopicPageFactory,
)
from tests.factories.glossary import GlossaryEntryFactory, GlossaryPageFactory, plain_locale
from tests.factories.offers import create_offer
from tests.factories.pages import topic

pytestmark = pytest.mark.django_db

# Warm (the fragment cache, the site scope and the listing cache filled by a first request,
# as on a running site). What is left: the page itself (one query of its own type, the
# sections on the way come from the site scope) and what a page shows that no listing cache
# keeps (the news index's filtered list, the topic index's cards).
# Before the site scope and the listing cache: 12, 15, 11, 11, 14, 9 and 8; before routing
# by remembered page type and the vocabulary links in one query: 1, 9, 4, 5, 3, 3 and 6.
MAX_QUERIES = {
    "home": 0,
    "news index": 6,
    "news page": 1,
    "topic index": 3,
    "topic page": 1,
    "standard page": 1,
    "offer page": 2,  # the offer with provider and district, its vocabulary links
}


@pytest.fixture
def site_pages(home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    topic_index = TopicIndexPageFactory(parent=home_page)
    topic_page = TopicPageFactory(parent=topic_index, topic=topic("bne"))
    for _ in range(4):
        NewsPageFactory(parent=news_index, topics=[topic("bne"), topic("mint")])
    home_page.teasers.create(page=topic_page, text="BNE in der Stadt")
    home_page.save_revision().publish()
    home_page.add_child(instance=FinderPage(title="Angebote finden", slug="angebote-finden"))
    offer = create_offer(topics=("bne",))
    return {
        "home": home_page.url,
        "news index": news_index.url,
        "news page": news_index.get_children().live().first().url,
        "topic index": topic_index.url,
        "topic page": topic_page.url,
        "standard page": StandardPageFactory(parent=home_page).url,
        "offer page": offer.url,
    }


@pytest.mark.parametrize("name", list(MAX_QUERIES))
def test_page_renders_within_its_query_budget(
    client, site_pages, django_assert_max_num_queries, name
):
    url = site_pages[name]
    assert client.get(url).status_code == 200  # fills the fragment cache
    with django_assert_max_num_queries(MAX_QUERIES[name]):
        response = client.get(url)
    assert response.status_code == 200


def navigation(client, url="/"):
    html = client.get(url).content.decode()
    return html.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]


def test_a_published_page_appears_in_the_main_navigation_at_once(client, home_page):
    assert "Neue Rubrik" not in navigation(client)
    page = StandardPageFactory.build(title="Neue Rubrik", slug="neue-rubrik", show_in_menus=True)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    assert 'href="/neue-rubrik/"' in navigation(client)


def test_an_unpublished_page_leaves_the_main_navigation(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Alte Rubrik", show_in_menus=True)
    page.save_revision().publish()
    assert "Alte Rubrik" in navigation(client)
    page.unpublish()
    assert "Alte Rubrik" not in navigation(client)


def test_a_renamed_navigation_page_shows_its_new_title(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Rubrik", show_in_menus=True)
    page.save_revision().publish()
    assert ">Rubrik</a>" in navigation(client)
    page = StandardPage.objects.get(pk=page.pk)
    page.title = "Umbenannte Rubrik"
    page.save_revision().publish()
    assert ">Umbenannte Rubrik</a>" in navigation(client)


def test_changed_site_settings_show_in_the_footer_at_once(client, home_page):
    client.get("/")
    chrome = SiteChromeSettings.for_site(Site.objects.get(is_default_site=True))
    chrome.office_name = "Bildungsbüro der Stadt"
    chrome.imprint_page = StandardPageFactory(parent=home_page, title="Impressum")
    chrome.save()
    footer = client.get("/").content.decode().split('class="site-footer"', 1)[1]
    assert "Bildungsbüro der Stadt" in footer
    assert ">Impressum</a>" in footer


def test_a_new_private_section_leaves_the_news_listings(client, home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news_index, title="Interne Nachricht", topics=[topic("bne")])
    assert "Interne Nachricht" in client.get(news_index.url).content.decode()
    PageViewRestriction.objects.create(page=news_index, restriction_type=PageViewRestriction.LOGIN)
    assert "Interne Nachricht" not in client.get("/").content.decode()


def test_a_renamed_topic_shows_on_its_topic_page(client, home_page):
    page = TopicPageFactory(parent=TopicIndexPageFactory(parent=home_page), topic=topic("bne"))
    NewsPageFactory(parent=NewsIndexPageFactory(parent=home_page), topics=[topic("bne")])
    client.get(page.url)
    renamed = topic("bne")
    renamed.name = "Nachhaltige Bildung"
    renamed.save()
    assert (
        "Alle Nachrichten zum Thema „Nachhaltige Bildung“" in client.get(page.url).content.decode()
    )


def test_a_new_glossary_entry_is_explained_on_the_next_request(client, home_page):
    plain_home = home_page.copy_for_translation(plain_locale(), copy_parents=True)
    plain_home.save_revision().publish()
    GlossaryPageFactory(parent=plain_home, locale=plain_locale())
    page = StandardPageFactory(
        parent=plain_home, locale=plain_locale(), intro="Hier gibt es einen Antrag."
    )
    page.body = [("paragraph", "<p>Sie stellen einen Antrag beim Amt.</p>")]
    page.save_revision().publish()
    GlossaryEntryFactory(word="Amt")
    html = client.get(page.url).content.decode()
    assert 'id="glossar-amt"' in html
    assert 'id="glossar-antrag"' not in html
    GlossaryEntryFactory(word="Antrag")
    assert 'id="glossar-antrag"' in client.get(page.url).content.decode()


def test_feeds_below_the_news_index_are_still_routed(client, home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news_index, topics=[topic("bne")])
    assert client.get(f"{news_index.url}feed/").status_code == 200
    assert client.get(f"{news_index.url}feed/atom/").status_code == 200
    assert client.get(f"{news_index.url}gibt-es-nicht/").status_code == 404


def test_routing_finds_the_same_page_as_wagtail_for_every_path(rf, home_page):
    from django.http import Http404

    news_index = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news_index, slug="feed", topics=[topic("bne")])  # a route's name
    draft = StandardPageFactory(parent=home_page, slug="entwurf")
    draft.unpublish()
    StandardPageFactory(parent=draft, slug="darunter")

    def routed(route, parts):
        try:
            result = route(rf.get("/"), parts)
        except Http404:
            return "404"
        return result.page.pk, [str(arg) for arg in result.args], result.kwargs

    for parts in (
        ["aktuelles"],
        ["aktuelles", "feed"],
        ["aktuelles", "feed", "atom"],
        ["aktuelles", "nichts"],
        ["entwurf"],
        ["entwurf", "darunter"],
        ["gibt-es-nicht", "darunter"],
    ):
        expected = routed(lambda request, parts: Page.route(home_page, request, parts), parts)
        assert routed(home_page.route, parts) == expected, parts


def test_plain_language_home_renders_in_plain_language(client, home_page):
    plain_home = home_page.copy_for_translation(plain_locale(), copy_parents=True)
    plain_home.save_revision().publish()
    response = client.get(f"/{settings.PLAIN_LANGUAGE_URL_PREFIX}/")
    assert response.status_code == 200
    assert 'class="lang-plain' in response.content.decode()
