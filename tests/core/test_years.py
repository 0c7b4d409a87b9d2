"""The year chooser's rules (intranet/years.py): one ``?year=`` scheme, the default is the latest
year with data up to today (never an empty current year), bad input is named in Korean."""

import datetime as dt

import pytest
from django.test import RequestFactory

from intranet.years import year_choose, year_default, year_parse

JANUARY, JULY, DECEMBER = dt.date(2027, 1, 5), dt.date(2026, 7, 1), dt.date(2026, 12, 20)


@pytest.mark.parametrize(
    ("with_data", "today", "want"),
    [
        ([2025], DECEMBER, 2025),  # the demo's 2025 while the clock says 2026: not an empty 2026
        ([2025, 2026], JULY, 2026),
        ([2025, 2026, 2027], DECEMBER, 2026),  # next year's plan made in December waits its turn
        ([2026, 2027], JANUARY, 2027),  # January: the new year has data, it is this year
        ([2026], JANUARY, 2026),  # January: the new year is empty, last year stays the default
        ([2028], JULY, 2028),  # everything lies ahead: the earliest of it
        ([], JULY, 2026),  # nothing at all: this year
    ],
)
def test_default_is_the_latest_year_with_data_up_to_today(with_data, today, want):
    assert year_default(with_data=with_data, today=today) == want


def test_parse_accepts_four_digit_years_in_range_only():
    assert year_parse("2025") == 2025
    assert year_parse(" 2025 ") == 2025
    for bad in ("", None, "25", "abc", "1999", "2101", "2025.5", "-2025"):
        assert year_parse(bad) is None, bad


def test_choice_reads_the_year_and_keeps_other_parameters_but_not_the_page():
    request = RequestFactory().get("/x/", {"year": "2025", "department": "7", "page": "3"})
    choice = year_choose(request, years=[2025, 2026], today=DECEMBER)
    assert choice.year == 2025 and not choice.is_default and choice.has_data
    assert [(o.year, o.url, o.is_current) for o in choice.options] == [
        (2026, "?year=2026&department=7", False),
        (2025, "?year=2025&department=7", True),
    ]
    assert choice.query() == "year=2025"


def test_choice_without_a_year_shows_the_default_and_a_year_without_data_is_still_shown():
    choice = year_choose(RequestFactory().get("/x/"), years=[2025, 2026], with_data=[2025], today=DECEMBER)
    assert (choice.year, choice.is_default, choice.error) == (2025, True, "")
    empty = year_choose(RequestFactory().get("/x/", {"year": "2019"}), years=[2025], today=DECEMBER)
    assert (empty.year, empty.has_data, empty.error) == (2019, False, "")


def test_a_value_that_is_not_a_year_gets_a_korean_message_and_the_default():
    choice = year_choose(RequestFactory().get("/x/", {"year": "이천이십오"}), years=[2025], today=DECEMBER)
    assert choice.year == 2025 and choice.is_default
    assert "네 자리 숫자" in choice.error and "2025년을 보여 드립니다" in choice.error


@pytest.mark.django_db
def test_per_year_groups_a_queryset_by_year_in_one_query(django_assert_num_queries):
    """The report asks each module once for several years: ``per_year`` counts by the year of a
    date, leaves out a year without rows and the years not asked for."""
    from django.db.models import Count

    from intranet.years import per_year
    from newsroom.activity.models import PrActivity

    for day in (dt.date(2024, 12, 31), dt.date(2025, 1, 1), dt.date(2025, 6, 1), dt.date(2023, 5, 5)):
        PrActivity.objects.create(date=day, channel="press_release", title=f"보도 {day}")
    with django_assert_num_queries(1):
        got = per_year(PrActivity.objects.all(), "date", [2024, 2025, 2026], n=Count("pk"))
    assert got == {2024: {"n": 1}, 2025: {"n": 2}}
