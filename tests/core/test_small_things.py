"""What a new user tripped over (issue 14 point 5, issue 15 point 5): the log-in error, the
favicon, and a refused request in the log."""

import logging
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories import StaffFactory, staff_with_login

pytestmark = pytest.mark.django_db


def test_a_failed_log_in_says_one_clear_korean_sentence(client):
    staff = staff_with_login()
    page = client.post(
        reverse("login"), {"username": staff.user.username, "password": "wrong"}
    ).content.decode()
    assert "아이디 또는 비밀번호가 맞지 않습니다." in page
    assert "와/과" not in page and "사용자 이름" not in page


def test_every_page_links_a_favicon_that_ieum_serves(client):
    page = client.get(reverse("login")).content.decode()
    assert 'rel="icon" href="/static/ieum/favicon.svg"' in page
    path = finders.find("ieum/favicon.svg")
    assert path and Path(path).read_text(encoding="utf-8").lstrip().startswith("<svg")


class Records(logging.Handler):
    def __init__(self):
        super().__init__()
        self.records = []

    def emit(self, record):
        self.records.append(record)


def test_a_refused_request_is_one_short_log_line(login_as):
    client = login_as()
    other = StaffFactory()
    logger = logging.getLogger("django.request")
    records = Records()
    logger.addHandler(records)
    try:
        response = client.get(f"/directory/{other.employee_number}/edit/")
    finally:
        logger.removeHandler(records)
    assert response.status_code == 403
    assert len(records.records) == 1
    record = records.records[0]
    assert record.exc_info is None and record.exc_text is None
    assert "Forbidden" in record.getMessage() and "\n" not in logging.Formatter().format(record)
    assert logger.propagate is False  # not printed a second time by the root or Django's handler
