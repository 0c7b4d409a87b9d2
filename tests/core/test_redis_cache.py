"""The Redis cache backend keeps one client per connection pool (intranet/redis_cache.py)."""

import os
import threading
import uuid

import pytest

from intranet.redis_cache import KeptClientRedisCache


def test_one_client_per_pool_across_calls_and_threads():
    # Building a client connects to nothing, so no server is needed for this part.
    cache = KeptClientRedisCache("redis://127.0.0.1:6379/15", {})
    first = cache._cache.get_client(write=True)
    assert cache._cache.get_client() is first
    assert cache._cache.get_client(write=True) is first
    seen = []
    worker = threading.Thread(target=lambda: seen.append(cache._cache.get_client()))
    worker.start()
    worker.join()
    assert seen == [first]
    assert first.connection_pool is cache._cache._pools[0]


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs the Redis of REDIS_URL")
def test_round_trip_on_redis():
    cache = KeptClientRedisCache(os.environ["REDIS_URL"], {})
    key = f"kept-client-{uuid.uuid4().hex}"
    assert cache.get(key) is None
    cache.set(key, {"한글": [1, 2]}, 30)
    assert cache.get(key) == {"한글": [1, 2]}
    assert cache.add(key + "n", 1)
    assert cache.incr(key + "n") == 2
    cache.delete_many([key, key + "n"])
    assert cache.get_many([key, key + "n"]) == {}
