"""The per-request speed helpers of issue 18: bounded per-process caches, lazily loaded pandas,
django-tables2's remembered signatures and page links without a cache read per row."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django_tables2 import utils as tables2_utils

from intranet.caching import Generational
from intranet.columns import cached_signature
from intranet.links import page_url_finder

ROOT = Path(settings.BASE_DIR)


def test_generational_memory_keeps_at_most_its_limit():
    store = Generational("test:bounded", 60, limit=3)
    for n in range(5):
        assert store.get(f"k{n}", lambda n=n: n) == n
    assert list(store._memory) == ["k2", "k3", "k4"]
    store.get("k2", lambda: "not computed again")  # read: now the most recently used
    store.get("k5", lambda: 5)
    assert list(store._memory) == ["k4", "k2", "k5"]
    assert store.get("k2", lambda: "again") == 2


def test_a_dropped_key_is_read_back_from_the_shared_cache():
    store = Generational("test:shared", 60, limit=1)
    store.get("a", lambda: "first")
    store.get("b", lambda: "second")  # "a" leaves this process's memory, not the shared cache
    assert store.get("a", lambda: "recomputed") == "first"
    cache.clear()
    assert store.get("a", lambda: "recomputed") == "recomputed"


class Thing:
    def render(self, value, record):
        return (value, record)

    @classmethod
    def make(cls, value):
        return value


def test_cached_signature_matches_django_tables2_for_functions_and_methods():
    from intranet.columns import _tables2_signature

    def plain(record, table, **kwargs):
        return record

    def star(*args, value):
        return value

    thing = Thing()
    for fn in (plain, star, thing.render, Thing.render, Thing.make, lambda record: record):
        assert cached_signature(fn) == _tables2_signature(fn), fn
    assert cached_signature(thing.render) == (("value", "record"), None)
    assert tables2_utils.signature is cached_signature  # installed by IntranetConfig.ready


def test_call_with_appropriate_still_passes_only_the_wanted_arguments():
    thing = Thing()
    assert tables2_utils.call_with_appropriate(thing.render, {"value": 1, "record": 2, "x": 3}) == (1, 2)
    assert tables2_utils.call_with_appropriate(thing.render, {"value": 1}) is None


@pytest.mark.django_db
def test_page_url_finder_gives_what_page_url_gives(django_assert_num_queries):
    from wagtail.models import Page

    pages = list(Page.objects.filter(depth__gte=2).order_by("path"))
    assert pages
    expected = [page.url for page in pages]
    url = page_url_finder()
    url(pages[0])  # reads the site root paths once
    with django_assert_num_queries(0):
        assert [url(page) for page in pages] == expected
    assert url(Page.objects.get(depth=1)) is None  # the tree's root is not routable


def test_web_process_does_not_load_pandas(tmp_path):
    """pandas and numpy (some 45 MB a worker) come only with a survey computation or a file
    import: loading every URL, view and app must not bring them."""
    code = textwrap.dedent(
        """
        import sys
        import django
        django.setup()
        from django.urls import get_resolver
        get_resolver().url_patterns
        from intranet.surveys import results, views  # the results page reads a stored result
        loaded = sorted(m for m in ("pandas", "numpy") if m in sys.modules)
        print("LOADED", loaded)
        """
    )
    env = {
        **{k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")},
        "DJANGO_SETTINGS_MODULE": "intranet.settings.dev",
        "IEUM_VAR_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert "LOADED []" in done.stdout, done.stdout + done.stderr


@pytest.mark.django_db
def test_a_generation_token_is_read_once_a_request_and_again_after_a_write(monkeypatch):
    from django.core.signals import request_finished, request_started

    store = Generational("test:per-request", 60)
    reads = []
    real_get = cache.get

    def get_many(keys):  # the tokens a part of the site reads, in one round trip (counted once)
        reads.extend(keys)
        return {key: value for key in keys if (value := real_get(key)) is not None}

    monkeypatch.setattr(cache, "get", lambda key, *a, **k: reads.append(key) or real_get(key, *a, **k))
    monkeypatch.setattr(cache, "get_many", get_many)

    store.get("a", lambda: 1)
    reads.clear()
    store.get("a", lambda: 1)  # outside a request: every read asks the shared cache
    store.get("a", lambda: 1)
    outside = sum(key == "test:per-request:generation" for key in reads)
    assert outside == 2
    request_started.send(sender=None)
    try:
        reads.clear()
        assert store.get("a", lambda: "not again") == 1
        assert store.get("b", lambda: 2) == 2
        assert sum(key == "test:per-request:generation" for key in reads) == 1
        store.invalidate()  # a write in this request: the next read sees the new generation
        assert store.get("a", lambda: "recomputed") == "recomputed"
        # Another process's write is seen by the next request, not in the middle of this one.
        cache.delete("test:per-request:generation")
        assert store.get("a", lambda: "elsewhere") == "recomputed"
    finally:
        request_finished.send(sender=None)
    request_started.send(sender=None)
    try:
        assert store.get("a", lambda: "elsewhere") == "elsewhere"
    finally:
        request_finished.send(sender=None)
