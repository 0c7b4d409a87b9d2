"""A double submit of an admin "add" form (Wagtail's autosave of a new page racing the editor's
save, or a double click on a snippet's save) creates one record and never answers 500: threads on
the real test database (SQLite in WAL mode with IMMEDIATE transactions, or PostgreSQL).

The race is made certain, not hoped for: the first submit stops right after its form validated
and waits for the second to validate too. Without the lock both validate against an empty table
and the second's insert breaks a unique constraint (the 500 this guards against); with it the
second waits until the first has saved, validates against it and gets the form's Korean error,
so the first's wait runs out."""

import threading
from unittest import mock

import pytest
from django.test import Client
from wagtail.admin.views.pages.create import CreateView as PageCreateView
from wagtail.snippets.views.snippets import CreateView as SnippetCreateView

from intranet.surveys.models import Area
from newsroom.models import CardNewsIssuePage
from tests.factories import staff_with_login
from tests.newsroom.test_publishing import _add_url, _form

WAIT = 3  # seconds the first submit waits for the second to validate beside it


def submit_twice(view_class, url, data, *, first_headers, user) -> list:
    """POST ``data`` to ``url`` from two threads, the first paused after validating. Returns the
    two responses (first, second)."""
    validated = {"first": threading.Event(), "second": threading.Event()}
    original = view_class.form_valid

    def form_valid(self, form):
        who = threading.current_thread().name
        validated[who].set()
        if who == "first":
            validated["second"].wait(WAIT)
        return original(self, form)

    responses = {}

    def post(who, headers):
        from django.db import connection

        client = Client(raise_request_exception=False)
        client.force_login(user)
        try:
            responses[who] = client.post(url, data, headers=headers)
        finally:
            connection.close()

    with mock.patch.object(view_class, "form_valid", form_valid):
        first = threading.Thread(target=post, args=("first", first_headers), name="first")
        second = threading.Thread(target=post, args=("second", {}), name="second")
        first.start()
        assert validated["first"].wait(30)
        second.start()
        first.join(60)
        second.join(60)
    return [responses["first"], responses["second"]]


def test_autosave_racing_the_save_of_a_new_page_creates_it_once(migrated_db):
    editor = staff_with_login(roles=["editor"])
    data = _form([("첫 카드", False)], publish=False)
    autosave, save = submit_twice(
        PageCreateView, _add_url(), data, first_headers={"Accept": "application/json"}, user=editor.user
    )
    assert autosave.status_code == 200 and autosave.json()["success"]  # the autosave created it
    assert save.status_code == 200  # the form again, with the reason
    assert "이 달의 카드뉴스가 이미 있습니다." in save.content.decode()
    assert CardNewsIssuePage.objects.count() == 1


def test_a_double_click_on_a_snippet_save_creates_it_once(migrated_db):
    admin = staff_with_login(roles=["survey admin"])
    data = {"code": "leadership", "name": "리더십", "order": "1"}
    first, second = submit_twice(
        SnippetCreateView, "/admin/snippets/surveys/area/add/", data, first_headers={}, user=admin.user
    )
    assert first.status_code == 302
    assert second.status_code == 200
    assert "이미 존재합니다" in second.content.decode()  # Django's Korean unique message
    assert Area.objects.filter(code="leadership").count() == 1


@pytest.mark.parametrize("accept", ["application/json", "text/html"])
def test_a_unique_constraint_met_anyway_is_a_korean_message(db, accept):
    """A write from elsewhere (not through the add form) that takes the value between validation
    and insert: the answer is a Korean message, not a 500."""
    admin = staff_with_login(roles=["survey admin"])
    client = Client(raise_request_exception=False)
    client.force_login(admin.user)
    original = SnippetCreateView.form_valid

    def form_valid(self, form):
        Area.objects.create(code="growth", name="성장")
        return original(self, form)

    with mock.patch.object(SnippetCreateView, "form_valid", form_valid):
        response = client.post(
            "/admin/snippets/surveys/area/add/",
            {"code": "growth", "name": "성장", "order": "2"},
            headers={"Accept": accept},
        )
    assert response.status_code in (302, 409), response.status_code
    assert Area.objects.filter(code="growth").count() == 0  # the whole create was rolled back
    if accept == "application/json":
        assert response.json()["error_message"].startswith("같은 항목이 방금 저장되어")
    else:
        assert "같은 항목이 방금 저장되어" in client.get(response["Location"]).content.decode()
