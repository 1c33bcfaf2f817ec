"""Django's Redis cache with one Redis client per connection pool instead of one per call.

Django's RedisCacheClient builds a new `redis.Redis` object (with its table of response
callbacks) for every get and set; a page makes about ten of them, and building the clients
cost about 0.1 ms each. A redis.Redis client is safe to share: it takes a connection from
its pool for each command."""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(
                connection_pool=self._get_connection_pool(write)
            )
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
