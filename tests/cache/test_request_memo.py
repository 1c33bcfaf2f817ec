"""A public request reads the cache entries its page needs in one round trip to Redis and keeps
what it read until it ends (bildung.cache.request_memo); a write within the request is read
back, and between requests every change made elsewhere is seen.

A private redis-server (tests/faults/services.py), configured as production does
(bildung.cache.redis_cache); Redis's own command statistics count the round trips."""

import pytest
from django.core.cache import cache

from bildung.cache import prefetch, redis_cache, request_memo
from tests.factories import (
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
    TopicIndexPageFactory,
    TopicPageFactory,
)
from tests.factories.pages import topic
from tests.faults.services import PrivateRedis

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis(tmp_path, settings):
    server = PrivateRedis(tmp_path)
    server.start()
    settings.CACHES = {"default": redis_cache(server.url)}
    yield server
    server.stop()


def commands():
    """How many commands Redis has answered so far (INFO counts itself too)."""
    client = cache._cache.get_client()
    return sum(stats["calls"] for stats in client.info("commandstats").values())


def round_trips(action):
    before = commands()
    result = action()
    return commands() - before - 1, result  # not the INFO of `before`


def test_prefetched_entries_are_read_in_one_round_trip(redis):
    cache.set_many({"a": 1, "b": [2, 3]})

    def read():
        with request_memo():
            prefetch(cache, ["a", "b", "c"])
            return [cache.get("a"), cache.get("b"), cache.get("c", "fehlt"), cache.get("a")]

    trips, values = round_trips(read)
    assert values == [1, [2, 3], "fehlt", 1]
    assert trips == 1


def test_a_write_within_the_request_is_read_back(redis):
    cache.set_many({"a": 1, "counter": 5})
    with request_memo():
        prefetch(cache, ["a", "counter"])
        cache.set("a", 2)
        assert cache.get("a") == 2
        cache.incr("counter")
        assert cache.get("counter") == 6
        cache.delete("a")
        assert cache.get("a") is None
        cache.clear()
        assert cache.get("counter") is None


def test_another_process_s_change_is_seen_by_the_next_request(redis):
    cache.set("a", 1)
    with request_memo():
        prefetch(cache, ["a"])
        assert cache.get("a") == 1
    other_client = cache._cache.get_client(write=True)  # as another process would write
    other_client.set(cache.make_and_validate_key("a"), cache._cache._serializer.dumps(7))
    with request_memo():
        assert cache.get("a") == 7
    assert cache.get("a") == 7  # outside a request nothing is kept at all


@pytest.fixture
def topic_page(home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    for _ in range(3):
        NewsPageFactory(parent=news_index, topics=[topic("bne")])
    StandardPageFactory(parent=home_page, title="Über uns", show_in_menus=True)
    return TopicPageFactory(parent=TopicIndexPageFactory(parent=home_page), topic=topic("bne"))


def test_a_warm_topic_page_asks_redis_once(client, redis, topic_page):
    for _ in range(2):  # the first request fills the caches, the second learns what it reads
        assert client.get(topic_page.url).status_code == 200
    trips, response = round_trips(lambda: client.get(topic_page.url))
    assert response.status_code == 200
    # one MGET: the site scope, navigation, vocabularies, the listings and their generation
    assert trips == 1
    # before the memo: the scope, topics, private sections, finder URL, the listings'
    # generation (twice), both listings, the site root paths and the navigation: ten


def test_a_page_not_served_before_asks_for_its_sites_fragments_at_once(
    client, redis, home_page, topic_page
):
    other = TopicPageFactory(parent=topic_page.get_parent(), topic=topic("mint"))
    for _ in range(2):
        client.get(topic_page.url)
    client.get(other.url)  # fills this page's listings
    client.handler = type(client.handler)()  # a fresh process: nothing learned yet
    client.get(topic_page.url)
    trips, response = round_trips(lambda: client.get(other.url))
    assert response.status_code == 200
    # the scope and the site's fragments in one MGET; this page's two listings one by one
    assert trips == 3


def test_the_navigation_changes_on_the_next_request_after_a_publish(
    client, redis, home_page, topic_page
):
    client.get(topic_page.url)
    assert "Neue Rubrik" not in client.get(topic_page.url).content.decode()
    page = StandardPageFactory.build(title="Neue Rubrik", slug="neue-rubrik", show_in_menus=True)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    assert 'href="/neue-rubrik/"' in client.get(topic_page.url).content.decode()
