"""Wagtail's pages endpoint: shapes, locale filter, page-type fields, rich text and images."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.api.conftest import PLAIN, publish, translate
from tests.factories import (
    CommitteeIndexPageFactory,
    CommitteePageFactory,
    CreditedImageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    LeitbildChapterPageFactory,
    LeitbildPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    ReportIndexPageFactory,
    ReportPageFactory,
    TopicIndexPageFactory,
    TopicPageFactory,
)
from tests.factories.pages import topic

API = "/api/v2/pages/"
BASE = "http://localhost"  # the test site's root URL, as in Wagtail's own html_url


def get(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200, response.content[:500]
    return response.json()


def test_listing_shows_live_pages_with_meta(client, site_content):
    data = get(client, API)
    assert data["meta"]["total_count"] == 4
    news = next(item for item in data["items"] if item["id"] == site_content["news"].pk)
    assert news["title"] == "Neuer Schulgarten"
    assert news["meta"]["type"] == "articles.NewsPage"
    assert news["meta"]["locale"] == "de"
    assert news["meta"]["html_url"] == f"{BASE}/aktuelles/neuer-schulgarten/"
    assert news["meta"]["detail_url"] == f"{BASE}/api/v2/pages/{site_content['news'].pk}/"


def test_locale_filter_returns_only_that_language(client, site_content, plain_locale, home_page):
    plain_home = translate(home_page, plain_locale, title="Start in Leichter Sprache")
    plain = get(client, API, {"locale": PLAIN})
    assert [item["id"] for item in plain["items"]] == [plain_home.pk]
    assert plain["items"][0]["meta"]["locale"] == PLAIN
    german = get(client, API, {"locale": "de"})
    assert plain_home.pk not in [item["id"] for item in german["items"]]
    assert german["meta"]["total_count"] == 4


def test_html_url_is_the_pages_own_full_url_in_either_language(
    client, site_content, plain_locale, home_page
):
    """html_url is built with each page path reversed once per process (page_full_url); it must
    be what Wagtail gives, with the plain-language prefix for plain-language pages."""
    from wagtail.models import Page

    translate(home_page, plain_locale, title="Start in Leichter Sprache")
    for params in ({}, {"locale": PLAIN}, {}):  # the third time from the reversal kept
        for item in get(client, API, params)["items"]:
            page = Page.objects.get(pk=item["id"])
            assert item["meta"]["html_url"] == page.get_full_url(), item
    plain = get(client, API, {"locale": PLAIN})["items"][0]
    assert plain["meta"]["html_url"] == f"{BASE}/leichte-sprache/"


def test_unknown_locale_is_a_german_400(client, site_content):
    response = client.get(API, {"locale": "xx"})
    assert response.status_code == 400
    assert response.json() == {"error": "Unbekannte Sprache: xx", "field": "locale"}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"foo": "1"}, "foo"),
        ({"type": "home.Nope"}, "type"),
        ({"fields": "nope"}, "fields"),
        ({"child_of": "abc"}, "child_of"),
        ({"child_of": "99999999999999999999"}, "child_of"),
        ({"limit": "500"}, "limit"),
        ({"order": "nope"}, "order"),
        ({"search": "a\x00b"}, "search"),
        ({"rich_text_format": "db_html"}, "rich_text_format"),
    ],
)
def test_bad_parameters_are_german_400s_naming_the_parameter(client, site_content, params, field):
    response = client.get(API, params)
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["field"] == field
    assert body["error"] and not body["error"].startswith(("query", "unknown", "type"))


def test_unknown_page_is_a_german_404(client, site_content):
    response = client.get(f"{API}999999/")
    assert response.status_code == 404
    assert response.json() == {"error": "Nicht gefunden.", "field": None}


def test_news_detail_has_its_fields_image_topics_and_structured_body(client, site_content):
    news, image = site_content["news"], site_content["image"]
    data = get(client, f"{API}{news.pk}/")
    assert {"date", "teaser", "lead_image", "topics", "body"} <= set(data)
    assert data["topics"] == [{"slug": "bne", "name": "Bildung für nachhaltige Entwicklung"}]
    lead = data["lead_image"]
    assert (lead["id"], lead["alt"], lead["credit"], lead["decorative"]) == (
        image.pk,
        "Kinder im Schulgarten",
        "Stadt Magdeburg",
        False,
    )
    assert set(lead["renditions"]) == {"thumbnail", "large"}
    assert lead["renditions"]["thumbnail"]["url"].startswith(f"{BASE}/media/images/")
    assert lead["renditions"]["thumbnail"]["width"] <= 400
    assert [block["type"] for block in data["body"]] == [
        "heading",
        "paragraph",
        "image",
        "document",
    ]
    assert data["body"][0]["value"] == {"text": "Worum es geht", "level": "h2"}
    image_block = data["body"][2]["value"]
    assert image_block["caption"] == "Im Garten"
    assert image_block["image"]["alt"] == "Kinder im Schulgarten"
    assert image_block["image"]["credit"] == "Stadt Magdeburg"
    document = data["body"][3]["value"]["document"]
    assert document["title"] == "Bildungsbericht 2025"
    assert document["file_type"] == "PDF"
    assert document["url"].startswith(f"{BASE}/dokumente/")


def test_rich_text_in_stream_blocks_is_html_with_absolute_urls(client, site_content):
    data = get(client, f"{API}{site_content['standard'].pk}/")
    paragraph = data["body"][1]["value"]
    document = site_content["document"]
    assert "linktype" not in paragraph
    assert f'href="{BASE}/aktuelles/"' in paragraph
    assert f'href="{BASE}/dokumente/{document.pk}/' in paragraph


def test_rich_text_field_is_html_with_absolute_urls(client, site_content, home_page):
    data = get(client, f"{API}{home_page.pk}/")
    assert data["intro"] == (
        f'<p>Neu: <a href="{BASE}/aktuelles/neuer-schulgarten/">Schulgarten</a></p>'
    )


def test_every_page_type_exposes_its_own_fields(client, home_page):
    topics = publish(TopicIndexPageFactory(parent=home_page))
    leitbild = publish(LeitbildPageFactory(parent=home_page))
    committees = publish(CommitteeIndexPageFactory(parent=home_page))
    reports = publish(ReportIndexPageFactory(parent=home_page))
    events = publish(EventIndexPageFactory(parent=home_page))
    expected = {
        publish(TopicPageFactory(parent=topics)): {
            "topic",
            "intro",
            "lead_image",
            "body",
            "contact_email",
        },
        publish(LeitbildChapterPageFactory(parent=leitbild)): {"summary", "body"},
        publish(CommitteePageFactory(parent=committees)): {"purpose", "members", "meetings"},
        publish(ReportPageFactory(parent=reports)): {
            "published_on",
            "summary",
            "documents",
            "key_figures",
            "body",
        },
        publish(EventPageFactory(parent=events)): {
            "start",
            "end",
            "location_name",
            "registration_url",
            "body",
        },
        leitbild: {"intro", "lead_image", "body"},
    }
    for page, fields in expected.items():
        data = get(client, f"{API}{page.pk}/")
        assert fields <= set(data), (page, set(data))
    topic_page = next(page for page in expected if page.specific_class.__name__ == "TopicPage")
    assert get(client, f"{API}{topic_page.pk}/")["topic"]["slug"] == "bne"
    committee = get(client, f"{API}{list(expected)[2].pk}/")
    assert committee["purpose"] == "<p>Die AG stimmt Angebote am Übergang ab.</p>"


def listing_queries(client, params):
    client.get(API, params)  # renditions are created on first sight; count the warm request
    with CaptureQueriesContext(connection) as queries:
        assert client.get(API, params).status_code == 200
    return len(queries)


def test_listing_with_images_and_topics_needs_no_query_per_page(
    client, site_content, django_assert_max_num_queries
):
    params = {"type": "articles.NewsPage", "fields": "lead_image,topics,date", "limit": 50}
    few = listing_queries(client, params)
    for _ in range(6):
        NewsPageFactory(parent=site_content["news_index"])
    assert listing_queries(client, params) == few
    # pages with their total, and one prefetch each for the images, renditions and topics
    with django_assert_max_num_queries(4):
        client.get(API, params)


def test_plain_listing_needs_no_query_per_page(client, site_content, django_assert_max_num_queries):
    few = listing_queries(client, {})
    for _ in range(6):
        NewsPageFactory(parent=site_content["news_index"])
    assert listing_queries(client, {}) == few
    # the pages with their total: restrictions, site and root translations come from the cache
    with django_assert_max_num_queries(1):
        client.get(API)


def test_default_listing_reads_only_the_columns_it_shows(
    client, site_content, plain_locale, home_page
):
    """The listing without ?type or ?fields loads a quarter of each page's columns and takes
    the locales from the site scope instead of a join; asking for more fields loads them,
    still in one query, with their values."""
    plain_home = translate(home_page, plain_locale, title="Start in Leichter Sprache")
    with CaptureQueriesContext(connection) as default:
        items = get(client, API)["items"]
    assert {item["id"]: item["meta"]["locale"] for item in items}[plain_home.pk] == PLAIN
    assert {item["meta"]["locale"] for item in items} == {"de", PLAIN}
    (listing,) = [
        query["sql"] for query in default.captured_queries if "_listing_total" in query["sql"]
    ]
    assert '"wagtailcore_page"."title"' in listing
    assert '"wagtailcore_page"."search_description"' not in listing
    assert '"wagtailcore_page"."latest_revision_created_at"' not in listing
    assert "wagtailcore_locale" not in listing
    assert {item["meta"]["type"] for item in items} >= {"home.HomePage", "articles.NewsPage"}

    news = site_content["news"]
    news.search_description = "Beschreibung für Suchmaschinen"
    news.save_revision().publish()
    with CaptureQueriesContext(connection) as wider:
        data = get(client, API, {"fields": "search_description,show_in_menus"})
    assert len(wider.captured_queries) == len(default.captured_queries)
    by_id = {item["id"]: item for item in data["items"]}
    assert by_id[news.pk]["meta"]["search_description"] == "Beschreibung für Suchmaschinen"
    assert by_id[news.pk]["title"] == news.title


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"limit": 2},
        {"offset": 3, "limit": 2},
        {"offset": 50},
        {"limit": 0},
        {"type": "articles.NewsPage"},
        {"search": "Schulgarten"},
        {"order": "-title", "limit": 1},
    ],
    ids=["all", "first two", "from the fourth", "past the end", "none", "type", "search", "order"],
)
def test_total_count_is_that_of_every_matching_page_whatever_the_window(
    client, site_content, params
):
    """The total comes with the page's rows (COUNT(*) OVER ()); it must be what counting all
    matching pages gives, for any offset and limit, and for a search."""
    everything = get(
        client,
        API,
        {key: value for key, value in params.items() if key not in ("offset", "limit")}
        | {"limit": 20},
    )
    data = get(client, API, params)
    assert data["meta"]["total_count"] == len(everything["items"])
    offset, limit = int(params.get("offset", 0)), int(params.get("limit", 20))
    assert [item["id"] for item in data["items"]] == [item["id"] for item in everything["items"]][
        offset : offset + limit
    ]


def listed_ids(client, params=None):
    return {item["id"] for item in get(client, API, params)["items"]}


def test_section_behind_a_login_is_not_listed(client, site_content):
    news_index, news = site_content["news_index"], site_content["news"]
    PageViewRestriction.objects.create(page=news_index, restriction_type=PageViewRestriction.LOGIN)
    assert not {news_index.pk, news.pk} & listed_ids(client)
    assert client.get(f"{API}{news.pk}/").status_code == 404


def test_restriction_added_after_a_listing_hides_the_section_at_once(client, site_content):
    news = site_content["news"]
    assert news.pk in listed_ids(client)
    restriction = PageViewRestriction.objects.create(
        page=site_content["news_index"], restriction_type=PageViewRestriction.LOGIN
    )
    assert news.pk not in listed_ids(client)
    restriction.delete()
    assert news.pk in listed_ids(client)


def test_password_restriction_passed_in_the_session_shows_the_section(client, site_content):
    news, news_index = site_content["news"], site_content["news_index"]
    restriction = PageViewRestriction.objects.create(
        page=news_index, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    assert news.pk not in listed_ids(client)
    session = client.session
    session[PageViewRestriction.passed_view_restrictions_session_key] = [restriction.pk]
    session.save()
    assert news.pk in listed_ids(client)


def test_new_translation_of_the_home_page_is_listed_at_once(
    client, site_content, plain_locale, home_page
):
    assert listed_ids(client, {"locale": PLAIN}) == set()
    plain_home = translate(home_page, plain_locale, title="Start in Leichter Sprache")
    assert listed_ids(client, {"locale": PLAIN}) == {plain_home.pk}


def test_changed_fields_parameter_changes_the_shape_each_time(client, site_content):
    news = site_content["news"]
    for _ in range(2):  # the second round uses the serializers built in the first
        only_title = get(client, API, {"fields": "_,title"})["items"][0]
        assert set(only_title) == {"title"}
        default = get(client, API)["items"][0]
        assert set(default) == {"id", "meta", "title"}
        news_fields = get(client, API, {"type": "articles.NewsPage", "fields": "topics"})
        assert news_fields["items"][0]["topics"][0]["slug"] == "bne"
        assert news_fields["items"][0]["id"] == news.pk


def test_listing_urls_are_absolute_for_every_item(client, site_content):
    items = get(client, API, {"order": "id"})["items"]
    assert [item["meta"]["detail_url"] for item in items] == [
        f"{BASE}/api/v2/pages/{item['id']}/" for item in items
    ]
    news = next(item for item in items if item["id"] == site_content["news"].pk)
    assert news["meta"]["html_url"] == f"{BASE}/aktuelles/neuer-schulgarten/"


def test_an_image_whose_file_is_missing_does_not_break_the_page(client, home_page):
    image = CreditedImageFactory()
    news = NewsPageFactory(
        parent=NewsIndexPageFactory(parent=home_page), lead_image=image, topics=[topic("bne")]
    )
    image.file.storage.delete(image.file.name)  # lost on disk, still in the database
    data = get(client, f"/api/v2/pages/{news.pk}/")
    assert data["lead_image"]["credit"] == image.credit
    assert set(data["lead_image"]["renditions"]) == {"thumbnail", "large"}
