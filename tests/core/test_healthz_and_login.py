import pytest
from django.urls import reverse


def test_healthz_answers_without_login(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.parametrize("path", ["/", "/directory/", "/directory/org/", "/search/?q=a", "/notifications/"])
def test_pages_require_login(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_is_korean(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "이음 로그인" in response.content.decode()
    assert 'lang="ko"' in response.content.decode()


def test_english_is_selectable(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"


def test_account_locks_after_repeated_failures(client, db, password):
    from tests.factories import staff_with_login

    staff = staff_with_login()
    for _ in range(5):
        client.post(reverse("login"), {"username": staff.user.username, "password": "wrong"})
    response = client.post(reverse("login"), {"username": staff.user.username, "password": password})
    assert response.status_code == 429
    assert "계정이 잠겼습니다" in response.content.decode()


def test_browser_language_does_not_override_korean(client, db):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="ko"' in response.content.decode()
