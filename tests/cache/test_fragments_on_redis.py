"""The tests of the site scope, of routing, of render costs and of offers' vocabulary links
again with the cache on Redis, as production runs it: there each public request reads through
the request memo (bildung.cache), which fetches what the previous request for the page read.
Every change an editor makes must still show on the next request."""

import pytest

from bildung.cache import redis_cache
from tests.faults.services import PrivateRedis
from tests.home import test_render_cost, test_routing, test_site_scope
from tests.offers import test_vocabulary_links

pytestmark = pytest.mark.django_db

# Collected again in this module, where the fixture below puts the cache on Redis.
for _module in (test_site_scope, test_render_cost, test_routing, test_vocabulary_links):
    for _name in dir(_module):
        if _name.startswith("test_"):
            globals()[f"{_name}__on_redis"] = getattr(_module, _name)

site_pages = test_render_cost.site_pages
news_index = test_site_scope.news_index


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    server = PrivateRedis(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _cache_on_redis(redis_server, settings):
    settings.CACHES = {
        "default": redis_cache(redis_server.url),
        "renditions": {**redis_cache(redis_server.url), "KEY_PREFIX": "renditions"},
    }
    from django.core.cache import cache

    cache.clear()
