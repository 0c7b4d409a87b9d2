import pytest
from django.test import Client

from tests.factories import DEMO_PASSWORD, staff_with_login

pytest_plugins = ["tests.worker"]  # the real Celery worker fixture


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


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
