"""Redis stopped: the site keeps answering without its cache, publishing still reaches the
search index, and once Redis is back the cache is used again.

A private redis-server of the test's own (tests/faults/services.py) serves as the cache
(configured as production does, bildung.cache.redis_cache) and as the Celery broker; the test
stops it, pauses it (a hanging Redis) and starts it again on the same port."""

import logging
import time

import pytest
from kombu import pools

from bildung.cache import RETRY_SECONDS, redis_cache
from bildung.celery import app
from home.page_cache import HIT_HEADER
from search.models import SearchDocument
from tests.conftest import wait_for
from tests.factories.pages import StandardPageFactory
from tests.faults.services import PrivateRedis

pytestmark = pytest.mark.django_db


@pytest.fixture
def redis(tmp_path):
    server = PrivateRedis(tmp_path)
    server.start()
    yield server
    server.stop()


def _drop_broker_connections():
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def site_on_redis(redis, settings, monkeypatch, home_page):
    """The site as production runs it: cache, page cache, limits and broker on our Redis."""
    page = StandardPageFactory(parent=home_page, title="Schulwegplan Stadtfeld")
    page.save_revision().publish()  # indexed inline, before the broker is ours
    settings.CACHES = {"default": redis_cache(redis.url)}
    settings.PAGE_CACHE_SECONDS = 600
    settings.SEARCH_THROTTLE_RATE = settings.AUTOCOMPLETE_THROTTLE_RATE = "100/minute"
    settings.SEARCH_PAGE_RATE_LIMIT = settings.FORM_RATE_LIMIT = "100/m"
    broker = redis.url.replace("/0", "/1")
    saved = app.conf.get("broker_url"), app.conf.task_always_eager
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setenv("CELERY_BROKER_URL", broker)
    app.conf.broker_url, app.conf.task_always_eager = broker, False
    _drop_broker_connections()
    yield page
    app.conf.broker_url, app.conf.task_always_eager = saved
    monkeypatch.undo()
    _drop_broker_connections()


def test_pages_api_and_search_are_served_while_redis_is_stopped(
    client, redis, site_on_redis, caplog
):
    page = site_on_redis
    assert client.get(page.url)[HIT_HEADER] == "MISS"
    assert client.get(page.url)[HIT_HEADER] == "HIT"  # warm

    redis.stop()
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="bildung.cache"):
        response = client.get(page.url)
        api = client.get("/api/v2/pages/")
        search_api = client.get("/api/v2/search/", {"q": "Schulwegplan"})
        autocomplete = client.get("/api/v2/search/autocomplete/", {"q": "Schulw"})
        search_page = client.get("/suche/", {"q": "Schulwegplan"})
    elapsed = time.monotonic() - started

    assert response.status_code == 200
    assert response[HIT_HEADER] == "MISS"  # rendered, not served from the dead cache
    assert "Schulwegplan Stadtfeld" in response.content.decode()
    assert api.status_code == 200
    assert search_api.status_code == 200
    assert [item["title"] for item in search_api.json()["results"]] == ["Schulwegplan Stadtfeld"]
    assert autocomplete.status_code == 200
    assert search_page.status_code == 200
    assert "Schulwegplan Stadtfeld" in search_page.content.decode()
    assert "Cache (Redis) nicht erreichbar" in caplog.text
    print(f"\nfive requests with Redis stopped: {elapsed:.2f} s")
    assert elapsed < 5


def test_publishing_while_redis_is_stopped_reaches_the_search_index(
    client, redis, site_on_redis, home_page, caplog, django_capture_on_commit_callbacks
):
    redis.stop()
    page = StandardPageFactory(parent=home_page, title="Ferienbetreuung Sudenburg")
    with (
        caplog.at_level(logging.WARNING),
        django_capture_on_commit_callbacks(execute=True),
    ):
        page.save_revision().publish()  # purges the (dead) cache, sends to the (dead) broker

    assert SearchDocument.objects.filter(kind="page", object_id=page.pk).exists()
    assert "Broker nicht erreichbar" in caplog.text
    results = client.get("/api/v2/search/", {"q": "Ferienbetreuung"}).json()["results"]
    assert [item["title"] for item in results] == ["Ferienbetreuung Sudenburg"]
    assert client.get(page.url).status_code == 200


def test_a_hanging_redis_delays_a_request_by_at_most_its_socket_timeout(
    client, redis, site_on_redis
):
    page = site_on_redis
    client.get(page.url)
    redis.pause()
    try:
        started = time.monotonic()
        response = client.get(page.url)
        first = time.monotonic() - started
        started = time.monotonic()
        client.get(page.url)
        second = time.monotonic() - started
    finally:
        redis.resume()
    assert response.status_code == 200
    print(f"\nwith Redis hanging: first request {first:.2f} s, next {second:.2f} s")
    assert first < 2.5  # connect/read timeouts of 0.5 s, then Redis is left alone
    assert second < 1


def test_caching_resumes_once_redis_is_back(client, redis, site_on_redis):
    page = site_on_redis
    client.get(page.url)
    redis.stop()
    assert client.get(page.url)[HIT_HEADER] == "MISS"
    redis.start()

    started = time.monotonic()
    assert wait_for(lambda: client.get(page.url)[HIT_HEADER] == "HIT", timeout=RETRY_SECONDS * 3)
    print(f"\ncache hits again {time.monotonic() - started:.1f} s after Redis came back")
