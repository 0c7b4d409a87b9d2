"""Particles chosen by the final consonant, and the one Korean date formatter."""

import datetime as dt
import zoneinfo

import pytest
from django.template import Context, Template

from intranet.korean import fill, format_korean_date, particle, with_particle


@pytest.mark.parametrize(
    ("word", "i_ga", "eul_reul", "eun_neun", "wa_gwa", "euro_ro"),
    [
        # vowel
        ("김민수", "가", "를", "는", "와", "로"),
        ("2026년 1월호", "가", "를", "는", "와", "로"),
        # consonant
        ("홍길동", "이", "을", "은", "과", "으로"),
        ("정보화 교육", "이", "을", "은", "과", "으로"),
        # ㄹ: 으로 becomes 로
        ("서울", "이", "을", "은", "과", "로"),
        ("민철", "이", "을", "은", "과", "로"),
        # digits, read as Sino-Korean numbers
        ("2", "가", "를", "는", "와", "로"),
        ("3", "이", "을", "은", "과", "으로"),
        ("1", "이", "을", "은", "과", "로"),
        ("10", "이", "을", "은", "과", "으로"),
        ("2025", "가", "를", "는", "와", "로"),
        ("10000", "이", "을", "은", "과", "으로"),
        # Latin: acronyms by letter names, words by their Korean spelling
        ("AI", "가", "를", "는", "와", "로"),
        ("SQL", "이", "을", "은", "과", "로"),
        ("HR", "이", "을", "은", "과", "로"),
        ("Python", "이", "을", "은", "과", "으로"),
        ("Excel", "이", "을", "은", "과", "로"),
        ("Java", "가", "를", "는", "와", "로"),
        # punctuation and a bracketed note are looked past
        ("넥슨(코리아)", "이", "을", "은", "과", "으로"),
        ("「교육」", "이", "을", "은", "과", "으로"),
    ],
)
def test_particle_by_final_consonant(word, i_ga, eul_reul, eun_neun, wa_gwa, euro_ro):
    assert particle(word, "이/가") == i_ga
    assert particle(word, "을/를") == eul_reul
    assert particle(word, "은/는") == eun_neun
    assert particle(word, "와/과") == wa_gwa
    assert particle(word, "으로/로") == euro_ro


def test_the_card_news_sentence_of_the_issue():
    message = fill(
        "카드뉴스 %(label)s이(가) 발행되었습니다: %(title)s", {"label": "2026년 1월호", "title": "t"}
    )
    assert message == "카드뉴스 2026년 1월호가 발행되었습니다: t"
    assert "이(가)" not in fill("'%(title)s'이(가) 승인되었습니다.", {"title": "AWS 자격"})


def test_fill_keeps_translations_without_markers_and_literal_percent():
    assert fill("Card news %(label)s was published", {"label": "Jan"}) == "Card news Jan was published"
    assert fill("%(n)s%% 완료", {"n": 40}) == "40% 완료"


@pytest.mark.parametrize("day", [dt.date(2025, 3, 14), dt.date(2027, 1, 1), dt.date(2030, 12, 31)])
def test_date_at_the_end_of_a_sentence_has_one_period(day):
    text = fill("만료일 %(date)s.", {"date": format_korean_date(day)})
    assert text == f"만료일 {day.year}. {day.month}. {day.day}."
    assert ".." not in text
    # A particle after a date keeps the date's own period and reads the day (1일이, 14일이).
    assert fill("%(date)s이(가) 지났습니다.", {"date": format_korean_date(day)}).count("..") == 0


def test_one_formatter_for_dates_and_moments():
    seoul = zoneinfo.ZoneInfo("Asia/Seoul")
    moment = dt.datetime(2026, 12, 31, 16, 5, tzinfo=dt.UTC)  # 2027-01-01 01:05 in Seoul
    assert format_korean_date(moment) == "2027. 1. 1."
    assert format_korean_date(moment, with_time=True) == "2027. 1. 1. 01:05"
    assert (
        format_korean_date(dt.datetime(2025, 3, 14, 9, 30, tzinfo=seoul), with_time=True)
        == "2025. 3. 14. 09:30"
    )
    assert format_korean_date(None) == ""


def test_template_filters_are_builtins():
    rendered = Template(
        '{{ d|kdate }}|{{ m|kdatetime }}|{{ n|josa:"이/가" }}|{{ n|particle:"을/를" }}'
    ).render(
        Context({"d": dt.date(2025, 3, 14), "m": dt.datetime(2025, 3, 14, 0, 30, tzinfo=dt.UTC), "n": "서울"})
    )
    assert rendered == "2025. 3. 14.|2025. 3. 14. 09:30|서울이|을"


def test_with_particle():
    assert with_particle("카드뉴스 2026년 1월호", "이/가") == "카드뉴스 2026년 1월호가"


@pytest.mark.parametrize("day", [dt.date(2026, 1, 15), dt.date(2027, 1, 2)])
def test_a_date_is_read_by_its_day(day):
    assert fill("%(date)s이(가) 2025년 밖입니다.", {"date": format_korean_date(day)}).startswith(
        f"{format_korean_date(day)}이 "
    )
    assert particle(format_korean_date(day), "으로/로") == "로"  # 15일로


def test_particles_stay_out_of_other_languages():
    """An English page shows the name alone: the English sentence names the particle's placeholder
    (the catalogue keeps every placeholder) but nothing Korean is printed there."""
    from django.utils import translation

    template = Template('{{ n|josa:"이/가" }}|[{{ n|particle:"을/를" }}]')
    with translation.override("en"):
        assert template.render(Context({"n": "서울"})) == "서울|[]"
    with translation.override("ko"):
        assert template.render(Context({"n": "서울"})) == "서울이|[을]"
