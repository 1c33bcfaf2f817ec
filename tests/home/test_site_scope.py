"""Pages are routed from the cached site scope (site, root page per language, view
restrictions) and listings come from the listing cache; what either keeps changes on the next
request after an editor's change, and previews never see a cached listing."""

import pytest
from django.conf import settings
from wagtail.models import Page, PageViewRestriction, Site

from articles.models import TopicPage
from home.models import HomePage
from offers.models import Offer
from tests.factories import (
    CreditedImageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
    TopicIndexPageFactory,
    TopicPageFactory,
)
from tests.factories.glossary import plain_locale
from tests.factories.offers import create_offer
from tests.factories.pages import topic

pytestmark = pytest.mark.django_db


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_a_page_made_private_asks_for_login_although_the_scope_was_cached(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Intern")
    child = StandardPageFactory(parent=page, title="Darunter")
    assert client.get(child.url).status_code == 200  # the scope is cached now
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    for url in (page.url, child.url):
        response = client.get(url)
        assert response.status_code == 302
        assert "/_util/login/" in response["Location"]


def test_a_restriction_lifted_makes_the_page_public_again(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Intern")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(page.url).status_code == 302
    restriction.delete()
    assert client.get(page.url).status_code == 200


def test_a_password_restriction_is_asked_for_by_wagtails_form(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Mit Passwort")
    client.get(page.url)
    PageViewRestriction.objects.create(
        page=page,
        restriction_type=PageViewRestriction.PASSWORD,
        password="geheim",  # noqa: S106
    )
    response = client.get(page.url)
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    assert "Mit Passwort" not in response.content.decode().split("<main", 1)[-1]


def test_an_alias_of_a_private_page_is_private_too(client, home_page):
    private = StandardPageFactory(parent=home_page, title="Quelle", slug="quelle")
    section = StandardPageFactory(parent=home_page, title="Anderswo", slug="anderswo")
    alias = private.create_alias(parent=section, update_slug="kopie")
    assert client.get(alias.url).status_code == 200
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(alias.url).status_code == 302


def test_a_new_title_of_the_home_page_shows_at_once(client, home_page):
    html(client, "/")
    home = HomePage.objects.get(pk=home_page.pk)
    home.title = "Bildung für alle"
    home.save_revision().publish()
    assert "<h1>Bildung für alle</h1>" in html(client, "/")


def test_a_page_moved_is_found_at_its_new_address(client, home_page):
    old_parent = StandardPageFactory(parent=home_page, slug="alt")
    new_parent = StandardPageFactory(parent=home_page, slug="neu")
    page = StandardPageFactory(parent=old_parent, slug="seite", title="Umgezogen")
    assert client.get("/alt/seite/").status_code == 200
    page.move(new_parent, pos="last-child")
    old_address = client.get("/alt/seite/")  # Wagtail redirects the old address
    assert (old_address.status_code, old_address["Location"]) == (301, "/neu/seite/")
    assert "Umgezogen" in html(client, "/neu/seite/")


def test_breadcrumbs_name_every_ancestor_from_the_home_page(client, home_page):
    section = StandardPageFactory(parent=home_page, title="Bereich", slug="bereich")
    middle = StandardPageFactory(parent=section, title="Mitte", slug="mitte")
    page = StandardPageFactory(parent=middle, title="Ziel", slug="ziel")
    crumbs = html(client, page.url).split('class="breadcrumbs', 1)[1].split("</nav>", 1)[0]
    assert [part.split('"', 1)[0] for part in crumbs.split('href="')[1:]] == [
        "/",
        "/bereich/",
        "/bereich/mitte/",
    ]
    assert 'aria-current="page">Ziel<' in crumbs


def test_the_plain_language_home_is_served_under_its_prefix(client, home_page):
    html(client, "/")
    plain_home = home_page.copy_for_translation(plain_locale(), copy_parents=True)
    plain_home.title = "Start in Leichter Sprache"
    plain_home.save_revision().publish()
    page = html(client, f"/{settings.PLAIN_LANGUAGE_URL_PREFIX}/")
    assert "<h1>Start in Leichter Sprache</h1>" in page
    assert f"<h1>{home_page.title}</h1>" in html(client, "/")


def test_a_second_site_is_served_its_own_home_page(client, home_page):
    other_home = HomePage(title="Andere Stadt", slug="andere-stadt")
    Page.get_first_root_node().add_child(instance=other_home)
    html(client, "/")
    Site.objects.create(hostname="andere.example.org", port=80, root_page=other_home)
    other = client.get("/", headers={"host": "andere.example.org"})
    assert "<h1>Andere Stadt</h1>" in other.content.decode()
    assert f"<h1>{home_page.title}</h1>" in html(client, "/")


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page)


def test_a_published_news_item_appears_on_the_home_page_at_once(client, home_page, news_index):
    NewsPageFactory(parent=news_index, title="Erste Nachricht", topics=[topic("bne")])
    assert "Erste Nachricht" in html(client, "/")
    NewsPageFactory(parent=news_index, title="Neue Nachricht", topics=[topic("bne")])
    assert "Neue Nachricht" in html(client, "/")


def test_an_unpublished_news_item_leaves_the_topic_page(client, home_page, news_index):
    page = TopicPageFactory(parent=TopicIndexPageFactory(parent=home_page), topic=topic("bne"))
    news = NewsPageFactory(parent=news_index, title="Zurückgezogen", topics=[topic("bne")])
    assert "Zurückgezogen" in html(client, page.url)
    news.unpublish()
    assert "Zurückgezogen" not in html(client, page.url)


def test_a_changed_offer_shows_on_its_topic_page_at_once(client, home_page):
    page = TopicPageFactory(parent=TopicIndexPageFactory(parent=home_page), topic=topic("bne"))
    offer = create_offer(topics=("bne",), title="Gärtnern mit Kindern")
    assert "Gärtnern mit Kindern" in html(client, page.url)
    offer = Offer.objects.get(pk=offer.pk)
    offer.title = "Gärtnern im Schulgarten"
    offer.save_revision().publish()
    assert "Gärtnern im Schulgarten" in html(client, page.url)


def test_a_new_image_credit_shows_on_the_listing_cards(client, home_page, news_index):
    image = CreditedImageFactory(credit="Stadtarchiv")
    NewsPageFactory(parent=news_index, lead_image=image, topics=[topic("bne")])
    assert "© Stadtarchiv" in html(client, "/")
    image.credit = "Foto: Jana Beispiel"
    image.save()
    assert "© Foto: Jana Beispiel" in html(client, "/")


def test_a_preview_shows_the_drafts_own_teasers_not_the_cached_ones(client, home_page):
    target = TopicPageFactory(parent=TopicIndexPageFactory(parent=home_page), topic=topic("bne"))
    home_page.teasers.create(page=target, title="Veröffentlichter Teaser")
    home_page.save_revision().publish()
    assert "Veröffentlichter Teaser" in html(client, "/")
    draft = HomePage.objects.get(pk=home_page.pk)
    teasers = list(draft.teasers.all())
    teasers[0].title = "Teaser im Entwurf"
    draft.teasers = teasers
    preview = draft.make_preview_request().content.decode()
    assert "Teaser im Entwurf" in preview
    assert "Veröffentlichter Teaser" in html(client, "/")


def test_the_topic_page_shows_its_news_with_the_same_html_from_the_cache(client, home_page):
    page = TopicPageFactory(parent=TopicIndexPageFactory(parent=home_page), topic=topic("bne"))
    NewsPageFactory(
        parent=NewsIndexPageFactory(parent=home_page), title="Gleich", topics=[topic("bne")]
    )
    first, second = html(client, page.url), html(client, page.url)
    assert "Gleich" in first
    assert first == second
    assert TopicPage.objects.get(pk=page.pk).title in second
