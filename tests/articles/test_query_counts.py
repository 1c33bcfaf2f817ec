"""Listing pages cost the same number of queries however many news there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    TopicIndexPageFactory,
    TopicPageFactory,
)
from tests.factories.pages import topic

pytestmark = pytest.mark.django_db
MAX_LISTING_QUERIES = 25


def count_queries(client, url):
    client.get(url)  # warm renditions and site caches, as a running site has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def site_with_news(home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    topic_index = TopicIndexPageFactory(parent=home_page)
    topic_page = TopicPageFactory(parent=topic_index, topic=topic("bne"))
    home_page.teasers.create(page=topic_page, text="BNE in der Stadt")
    home_page.save_revision().publish()

    def add_news(count):
        for _ in range(count):
            NewsPageFactory(parent=news_index, topics=[topic("bne"), topic("mint")])

    return {"news": news_index, "topic": topic_page, "add_news": add_news}


@pytest.mark.parametrize("page_key", ["home", "news", "topic"])
def test_listing_query_count_does_not_grow_with_the_news(
    client, site_with_news, home_page, page_key
):
    url = home_page.url if page_key == "home" else site_with_news[page_key].url
    site_with_news["add_news"](3)
    few = count_queries(client, url)
    site_with_news["add_news"](12)
    many = count_queries(client, url)
    assert many == few, f"{url}: {few} queries with 3 news, {many} with 15"
    assert many <= MAX_LISTING_QUERIES
