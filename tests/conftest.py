import pytest
from django.test import Client

from tests.factories import DEMO_PASSWORD, staff_with_login

pytest_plugins = [
    "tests.db_state",  # transactional tests leave the migrated state behind them
    "tests.worker",  # the real Celery worker fixture
    "tests.permissions",  # the client_for fixture of the per-role URL matrices
    "tests.ldap_server",  # a throw-away slapd for the agency-directory log-in and sync
]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _korean():
    """Each test starts in Korean: a request with the English cookie leaves English active in the
    thread for whatever runs next (management commands print in the active language)."""
    from django.utils import translation

    translation.activate("ko")
    yield
    translation.activate("ko")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: rolled-back test transactions never run the
    on-commit hooks that clear cached directory figures."""
    from django.core.cache import cache

    from intranet.surveys.forms import results_filter_rows_clear
    from intranet.surveys.results import results_memory_clear
    from performance.selectors import plan_memory_clear

    cache.clear()
    results_memory_clear()
    results_filter_rows_clear()
    plan_memory_clear()


@pytest.fixture
def login_as(db):
    """Return a function that logs a new client in as a staff member holding ``roles``."""

    def make(*roles, **staff_fields):
        staff = staff_with_login(roles=roles, **staff_fields)
        client = Client()
        client.force_login(staff.user)
        client.staff = staff
        return client

    return make


@pytest.fixture
def password():
    return DEMO_PASSWORD
