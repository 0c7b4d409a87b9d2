"""The per-role URL matrix of tests/core/test_permissions.py, for the newsroom's own URLs."""

from django.contrib.messages import get_messages

from tests.core.test_permissions import ADMIN_DENIED, ADMIN_LOGIN, LOGIN, VISITORS, client_for  # noqa: F401


def cases(matrix):
    import pytest

    return [pytest.param(url, visitor, id=f"{url} {visitor}") for url in matrix for visitor in VISITORS]


def assert_answer(response, want, path, visitor):
    if want == LOGIN:
        assert response.status_code == 302, (path, visitor, response.status_code)
        assert response["Location"].startswith("/accounts/login/?next=")
    elif want == ADMIN_LOGIN:
        assert response.status_code == 302, (path, visitor, response.status_code)
        assert response["Location"].startswith("/admin/login/?next=")
    elif want == ADMIN_DENIED:
        assert (response.status_code, response["Location"]) == (302, "/admin/"), (path, visitor)
        assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    else:
        assert response.status_code == want, (path, visitor, response.status_code)
