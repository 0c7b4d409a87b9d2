"""Every URL pattern has an expected answer per role (DESIGN.md: the matrix is generated from the
URL resolver, so a new pattern without an expected answer fails). The declarations live beside
each app's tests (tests/permissions.py says where)."""

from tests.permissions import declared_routes, url_routes


def test_every_url_pattern_has_an_expected_answer():
    missing = sorted(url_routes() - declared_routes().keys())
    assert not missing, "patterns with no expected answer per role:\n" + "\n".join(missing)


def test_every_declared_pattern_exists():
    stale = sorted(declared_routes().keys() - url_routes())
    assert not stale, stale
