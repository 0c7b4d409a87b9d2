"""The hours dashboard and the programme review choose their year with the core chooser
(``?year=``): the default is the latest year with courses or hours, not an empty current year;
the years around it stay a click away. Frozen in January and December."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.factories import DepartmentFactory

from .builders import build_course

pytestmark = pytest.mark.django_db
SEOUL = ZoneInfo("Asia/Seoul")


def chosen(page: str) -> tuple[int, list[int]]:
    nav = page.split('data-testid="year-chooser"', 1)[1].split("</nav>", 1)[0]
    current = int(re.search(r'aria-current="page" data-testid="year-(\d{4})"', nav).group(1))
    return current, [int(y) for y in re.findall(r'data-testid="year-(\d{4})"', nav)]


@pytest.mark.parametrize(
    "moment",
    [dt.datetime(2027, 1, 6, 9, tzinfo=SEOUL), dt.datetime(2026, 12, 21, 9, tzinfo=SEOUL)],
    ids=["january", "december"],
)
def test_hours_and_review_default_to_the_latest_year_with_courses(login_as, moment):
    with time_machine.travel(moment, tick=False):
        build_course(title="2025 보안 교육", year=2025)
        build_course(title="2024 보안 교육", year=2024)
        admin = login_as("learning admin", department=DepartmentFactory())
        review = admin.get("/learning/review/").content.decode()
        assert chosen(review) == (2025, [2025, 2024])
        assert "2025 보안 교육" in review and "2024 보안 교육" not in review
        assert 'aria-label="과정 검토 연도"' in review
        older = admin.get("/learning/review/?year=2024").content.decode()
        assert chosen(older)[0] == 2024 and "2024 보안 교육" in older
        export = admin.get("/learning/review/export.xlsx")
        assert export["Content-Disposition"].endswith('learning-review-2025.xlsx"')
        hours = admin.get("/learning/hours/").content.decode()
        assert chosen(hours) == (2025, [2025, 2024]) and "2025년 교육 시간 현황" in hours
        assert 'aria-label="교육 시간 연도"' in hours
        # The department filter keeps the year; the year links keep the department.
        assert '<input type="hidden" name="year" value="2025">' in hours
        filtered = admin.get("/learning/hours/?year=2024&department=5").content.decode()
        assert 'href="?year=2025&amp;department=5"' in filtered
        bad = admin.get("/learning/hours/?year=twenty").content.decode()
        assert "네 자리 숫자" in bad and chosen(bad)[0] == 2025
