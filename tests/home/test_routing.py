"""Routing by remembered page type (home.routing): a page below a section comes from one query
of its own type once its address has been served, and whatever changes at that address since
(a page deleted, replaced by another type, unpublished, its section renamed) is what the next
request sees."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
    TopicIndexPageFactory,
    TopicPageFactory,
)
from tests.factories.pages import topic

pytestmark = pytest.mark.django_db


def page_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q["sql"] for q in queries if "wagtailcore_page" in q["sql"]]


def test_a_page_served_before_comes_from_one_query_of_its_type(client, home_page):
    page = TopicPageFactory(parent=TopicIndexPageFactory(parent=home_page), topic=topic("bne"))
    client.get(page.url)
    response, queries = page_queries(client, page.url)
    assert response.status_code == 200
    assert response.context["page"].pk == page.pk
    assert len(queries) == 1
    assert "articles_topicpage" in queries[0]


def test_a_page_replaced_by_another_type_at_the_same_address_is_served(client, home_page):
    section = TopicIndexPageFactory(parent=home_page)
    page = TopicPageFactory(parent=section, topic=topic("bne"), slug="bne", title="BNE")
    url = page.url
    assert client.get(url).status_code == 200
    page.delete()
    StandardPageFactory(parent=section, slug="bne", title="BNE als Standardseite")
    response = client.get(url)
    assert response.status_code == 200
    assert "BNE als Standardseite" in response.content.decode()


def test_an_unpublished_page_is_gone_although_its_type_is_remembered(client, home_page):
    page = TopicPageFactory(parent=TopicIndexPageFactory(parent=home_page), topic=topic("bne"))
    assert client.get(page.url).status_code == 200
    page.unpublish()
    assert client.get(page.url).status_code == 404


def test_pages_follow_their_section_to_its_new_address(client, home_page):
    section = TopicIndexPageFactory(parent=home_page, slug="themen")
    page = TopicPageFactory(parent=section, topic=topic("bne"), slug="bne")
    assert client.get("/themen/bne/").status_code == 200
    section.slug = "schwerpunkte"
    section.save_revision().publish()
    assert client.get("/themen/bne/").status_code == 404
    response = client.get("/schwerpunkte/bne/")
    assert response.status_code == 200
    assert response.context["page"].pk == page.pk
    # the breadcrumbs name the section by its new address
    assert 'href="/schwerpunkte/"' in response.content.decode()


def test_a_section_that_answers_a_path_itself_still_does(client, home_page):
    news_index = NewsIndexPageFactory(parent=home_page, slug="aktuelles")
    NewsPageFactory(parent=news_index, title="Neue Kita eröffnet")
    assert client.get("/aktuelles/feed/").status_code == 200
    assert "Neue Kita eröffnet" in client.get("/aktuelles/feed/").content.decode()
