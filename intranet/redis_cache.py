"""Django's Redis cache backend with one ``redis.Redis`` client per connection pool.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` object around the pool on
every cache call; its constructor copies the response callbacks and sets up the retry and
connection options, several hundred Python calls, as much as the rest of a small cache read.
A ``redis.Redis`` over a pool holds no connection of its own (each command borrows one from the
pool) and is safe to share between threads, and the pool itself resets after a fork, so one
client per pool is kept for the life of the cache object.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class KeptClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(self._servers[index], **self._pool_options)
            client = self._clients[index] = self._client(connection_pool=self._pools[index])
        return client


class KeptClientRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` with ``KeptClientRedisCacheClient``."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KeptClientRedisCacheClient
