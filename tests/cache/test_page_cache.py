"""The application's page cache: anonymous visitors get stored pages without a database query;
logged-in editors and personalised responses never; publishing, unpublishing, moving and
deleting a page (or an offer) shows at once on the page and on the pages that list it."""

import pytest
from django.test import Client
from wagtail.contrib.frontend_cache.utils import purge_url_from_cache
from wagtail.models import Locale, PageViewRestriction

from home.models.pages import FormField
from home.page_cache import HIT_HEADER
from tests.factories.offers import create_offer
from tests.factories.pages import (
    FormPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
    TopicIndexPageFactory,
    TopicPageFactory,
    topic,
)


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run the purges a change schedules for after its commit (tests never commit)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def publish(page, committed, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    with committed():
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def get(client, url):
    response = client.get(url)
    return response, response.content.decode()


@pytest.fixture
def news_index(home_page):
    return NewsIndexPageFactory(parent=home_page, title="Aktuelles", slug="aktuelles")


def test_second_anonymous_request_is_served_from_the_cache(client, home_page):
    first, first_body = get(client, "/")
    second, second_body = get(client, "/")
    assert first[HIT_HEADER] == "MISS"
    assert second[HIT_HEADER] == "HIT"
    assert second_body == first_body
    assert second["Content-Type"].startswith("text/html")


def test_a_cache_hit_needs_no_database_query(client, home_page, django_assert_num_queries):
    client.get("/")
    with django_assert_num_queries(0):
        response = client.get("/")
    assert response[HIT_HEADER] == "HIT"


def test_a_head_request_is_answered_from_the_cache_without_body(client, home_page):
    client.get("/")
    response = client.head("/")
    assert response[HIT_HEADER] == "HIT"
    assert response.content == b""


def test_logged_in_editors_never_get_or_fill_the_cache(client, admin_client, home_page):
    response = admin_client.get("/")
    assert HIT_HEADER not in response
    assert client.get("/")[HIT_HEADER] == "MISS"  # the editor's page was not stored
    assert HIT_HEADER not in admin_client.get("/")  # nor is the stored page served to them


def test_requests_with_a_csrf_cookie_bypass_the_cache(home_page):
    Client().get("/")
    visitor = Client()
    visitor.cookies["csrftoken"] = "a" * 32
    assert HIT_HEADER not in visitor.get("/")


def test_a_form_page_is_cached_but_its_answers_are_never_stored(client, home_page):
    """Form pages carry no CSRF token (home.security checks the origin instead), so the
    empty form is cached like any page; what a submission gets back never is."""
    form = FormPageFactory(parent=home_page, title="Kontakt", slug="kontakt")
    FormField.objects.create(page=form, label="Ihre Nachricht", field_type="multiline")
    first = client.get(form.url)
    second = Client().get(form.url)
    assert first.status_code == second.status_code == 200
    assert not second.cookies
    assert second[HIT_HEADER] == "HIT"
    origin = {"Origin": "http://testserver"}
    for _ in range(2):
        answer = client.post(form.url, {"ihre_nachricht": "Hallo"}, headers=origin)
        assert answer.status_code == 200
        assert HIT_HEADER not in answer or answer[HIT_HEADER] != "HIT"


def test_search_results_are_not_cached(client, home_page):
    client.get("/suche/?q=Garten")
    assert HIT_HEADER not in client.get("/suche/?q=Garten")


def test_not_found_is_not_cached(client, home_page):
    assert client.get("/gibt-es-nicht/").status_code == 404
    assert HIT_HEADER not in client.get("/gibt-es-nicht/")


def test_publishing_an_edit_shows_at_once(client, home_page, committed):
    page = StandardPageFactory(parent=home_page, title="Ferienangebote", slug="ferien")
    assert "Ferienangebote" in get(client, page.url)[1]
    assert client.get(page.url)[HIT_HEADER] == "HIT"
    publish(page, committed, title="Ferienangebote 2027")
    response, body = get(client, page.url)
    assert "Ferienangebote 2027" in body
    assert response[HIT_HEADER] == "MISS"


def test_unpublishing_removes_the_page_at_once(client, home_page, committed):
    page = StandardPageFactory(parent=home_page, title="Alte Seite", slug="alt")
    client.get(page.url)
    assert client.get(page.url)[HIT_HEADER] == "HIT"
    with committed():
        page.unpublish()
    assert client.get(page.url).status_code == 404


def test_new_news_appear_on_the_index_its_pages_and_the_home_page(
    client, home_page, news_index, committed
):
    NewsPageFactory(parent=news_index, title="Schulgarten eröffnet")
    urls = ["/", news_index.url, news_index.url + "?seite=1"]
    for url in urls:
        client.get(url)
        assert client.get(url)[HIT_HEADER] == "HIT", url
    news = NewsPageFactory(parent=news_index, title="Neue Kita in Buckau", live=False)
    assert "Neue Kita in Buckau" not in get(client, "/")[1]
    with committed():
        news.save_revision().publish()
    for url in urls:
        assert "Neue Kita in Buckau" in get(client, url)[1], url


def test_a_changed_news_title_shows_on_the_topic_page_listing_it(
    client, home_page, news_index, committed
):
    bne = topic("bne")
    news = NewsPageFactory(parent=news_index, title="Klimatag", topics=[bne])
    topic_page = TopicPageFactory(parent=TopicIndexPageFactory(parent=home_page), topic=bne)
    assert "Klimatag" in get(client, topic_page.url)[1]
    publish(news, committed, title="Klimatag an der Elbe")
    assert "Klimatag an der Elbe" in get(client, topic_page.url)[1]


def test_moving_a_page_purges_the_old_addresses_of_its_subtree(client, home_page, committed):
    old_parent = StandardPageFactory(parent=home_page, title="Schule", slug="schule")
    new_parent = StandardPageFactory(parent=home_page, title="Beruf", slug="beruf")
    page = StandardPageFactory(parent=old_parent, title="Praktikum", slug="praktikum")
    child = StandardPageFactory(parent=page, title="Praktikumsbörse", slug="boerse")
    old_urls = [page.url, child.url]
    for url in old_urls:
        client.get(url)
        assert client.get(url)[HIT_HEADER] == "HIT"
    with committed():
        page.move(new_parent, pos="last-child")
    # no stale copies: the old addresses redirect to the new ones (wagtail.contrib.redirects)
    assert [client.get(url)["Location"] for url in old_urls] == [
        "/beruf/praktikum/",
        "/beruf/praktikum/boerse/",
    ]
    assert client.get("/beruf/praktikum/boerse/").status_code == 200


def test_moving_a_page_out_of_the_main_navigation_updates_every_page(client, home_page, committed):
    menu_page = StandardPageFactory(
        parent=home_page, title="Weiterbildung", slug="weiterbildung", show_in_menus=True
    )
    other = StandardPageFactory(parent=home_page, title="Impressum", slug="impressum")
    assert "Weiterbildung" in get(client, other.url)[1]
    with committed():
        menu_page.move(other, pos="last-child")
    assert "Weiterbildung" not in get(client, other.url)[1].split("<main")[0]


def test_deleting_a_page_removes_it_at_once(client, home_page, committed):
    page = StandardPageFactory(parent=home_page, title="Veraltet", slug="veraltet")
    client.get(page.url)
    with committed():
        page.delete()
    assert client.get("/veraltet/").status_code == 404


def test_a_private_page_leaves_the_cache(client, home_page, committed):
    page = StandardPageFactory(parent=home_page, title="Intern", slug="intern")
    client.get(page.url)
    with committed():
        PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert client.get(page.url).status_code == 302  # to the login


@pytest.fixture
def plain_home(home_page):
    plain = home_page.copy_for_translation(Locale.objects.get(language_code="de-x-ls"))
    plain.save_revision().publish()
    return plain


def test_plain_language_pages_are_cached_and_purged_too(client, home_page, plain_home, committed):
    german = StandardPageFactory(parent=home_page, title="Kontakt", slug="kontakt")
    plain = german.copy_for_translation(plain_home.locale)
    plain.title = "So erreichen Sie uns"
    plain.save_revision().publish()
    assert plain.url == "/leichte-sprache/kontakt/"
    client.get(plain.url)
    assert client.get(plain.url)[HIT_HEADER] == "HIT"
    publish(plain, committed, title="So erreichen Sie uns am Telefon")
    assert "So erreichen Sie uns am Telefon" in get(client, plain.url)[1]


def test_publishing_a_plain_version_updates_the_language_switch_of_the_german_page(
    client, home_page, plain_home, committed
):
    german = StandardPageFactory(parent=home_page, title="Kontakt", slug="kontakt")
    assert "/leichte-sprache/kontakt/" not in get(client, german.url)[1]
    plain = german.copy_for_translation(plain_home.locale)
    with committed():
        plain.save_revision().publish()
    assert "/leichte-sprache/kontakt/" in get(client, german.url)[1]


def test_a_published_offer_edit_shows_on_its_page_and_its_topic_page(client, home_page, committed):
    bne = topic("bne")
    topic_page = TopicPageFactory(parent=TopicIndexPageFactory(parent=home_page), topic=bne)
    offer = create_offer(title="Gärtnern mit Kindern", topics=("bne",))
    for url in (offer.url, topic_page.url):
        assert "Gärtnern mit Kindern" in get(client, url)[1]
        assert client.get(url)[HIT_HEADER] == "HIT"
    offer.title = "Gärtnern mit Kindern im Herbst"
    with committed():
        offer.save_revision().publish()
    for url in (offer.url, topic_page.url):
        assert "Gärtnern mit Kindern im Herbst" in get(client, url)[1], url


def test_an_unpublished_offer_leaves_its_page(client, home_page, committed):
    offer = create_offer(title="Töpfern")
    client.get(offer.url)
    assert client.get(offer.url)[HIT_HEADER] == "HIT"
    with committed():
        offer.unpublish()
    assert client.get(offer.url).status_code == 404


def test_the_frontend_cache_backend_purges_the_application_cache(client, home_page):
    page = StandardPageFactory(parent=home_page, title="Termine", slug="termine")
    client.get(page.url + "?seite=2")
    assert client.get(page.url + "?seite=2")[HIT_HEADER] == "HIT"
    purge_url_from_cache(page.full_url)
    # every variant of the path (query strings too) is purged
    assert client.get(page.url + "?seite=2")[HIT_HEADER] == "MISS"


def test_switched_off_nothing_is_stored(client, home_page, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    response = client.get("/")
    assert HIT_HEADER not in response
    assert "X-Accel-Expires" not in response


def test_cacheable_responses_tell_nginx_how_long_to_keep_them(client, home_page):
    assert client.get("/")["X-Accel-Expires"] == "600"
    assert 0 < int(client.get("/")["X-Accel-Expires"]) <= 600


def test_an_imported_offer_change_shows_on_its_page_and_its_topic_page(
    client, home_page, committed
):
    import json

    from offers.importing import run_import
    from offers.models import Offer

    bne = topic("bne")
    topic_page = TopicPageFactory(parent=TopicIndexPageFactory(parent=home_page), topic=bne)
    row = {
        "external_id": "vhs-7",
        "title": "Gärtnern mit Kindern",
        "summary": "Ein Beet anlegen",
        "provider": "VHS",
        "topics": ["bne"],
        "district": "altstadt",
    }
    with committed():
        run_import(json.dumps([row]).encode(), "angebote.json")
    offer = Offer.objects.get(external_id="vhs-7")
    for url in (offer.url, topic_page.url):
        assert "Gärtnern mit Kindern" in get(client, url)[1]
        assert client.get(url)[HIT_HEADER] == "HIT"

    with committed():
        run_import(json.dumps([{**row, "title": "Gärtnern im Herbst"}]).encode(), "angebote.json")
    for url in (offer.url, topic_page.url):
        assert "Gärtnern im Herbst" in get(client, url)[1], url
