"""Table columns every module shares."""

import functools

import django_tables2 as tables
from django_tables2.utils import signature as _tables2_signature

from intranet.korean import format_korean_date


class KoreanDateColumn(tables.Column):
    """A date (or, with ``with_time``, a moment) written the one Korean way: 2025. 3. 14."""

    def __init__(self, *args, with_time: bool = False, **kwargs):
        self.with_time = with_time
        super().__init__(*args, **kwargs)

    def render(self, value):
        return format_korean_date(value, with_time=self.with_time)


@functools.lru_cache(maxsize=1024)
def _signature_of(function, bound: bool) -> tuple:
    args, keywords = _tables2_signature(function)
    return (args[1:] if bound else args), keywords


def cached_signature(fn):
    """django-tables2's ``utils.signature`` remembered per function: it calls it for every cell
    and link it renders (``call_with_appropriate``), and ``inspect.signature`` was a fifth of a
    small table page's CPU. A bound method is keyed by its function (a new bound-method object
    is made on every attribute access); the cache is bounded (functions made per request, such
    as lambdas in a view, would otherwise pile up)."""
    function = getattr(fn, "__func__", fn)
    try:
        return _signature_of(function, function is not fn)
    except TypeError:  # an unhashable callable
        return _tables2_signature(fn)


def use_cached_signature() -> None:
    """Install ``cached_signature`` in django-tables2 (``IntranetConfig.ready``)."""
    from django_tables2 import utils

    if utils.signature is not cached_signature:
        utils.signature = cached_signature
