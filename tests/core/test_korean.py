import pytest

from intranet.korean import (
    format_korean_date,
    initial_consonants,
    is_initials_query,
    person_search_key,
    romanized_name_variants,
    strip_particle,
    word_variants,
)


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("교육을", "교육"),
        ("교육에서", "교육"),
        ("부서의", "부서"),
        ("김민수", "김민수"),
        ("을", "을"),
        ("cloud", "cloud"),
    ],
)
def test_strip_particle(word, stem):
    assert strip_particle(word) == stem


def test_initial_consonants():
    assert initial_consonants("김민수") == "ㄱㅁㅅ"
    assert initial_consonants("정보체계팀 A") == "ㅈㅂㅊㄱㅌ"
    assert is_initials_query("ㄱㅁㅅ")
    assert not is_initials_query("김ㅁㅅ")


def test_romanized_name_variants_cover_customary_spellings():
    variants = romanized_name_variants("김민수")
    assert {"kimminsu", "gimminsu", "minsukim"} <= variants
    assert "leeyeonghui" in romanized_name_variants("이영희")


def test_person_search_key_holds_every_form():
    key = person_search_key(name="김민수", name_en="Kim Min-su", extra=["정보체계팀"])
    for part in ("김민수", "ㄱㅁㅅ", "kimminsu", "minsukim", "정보체계팀"):
        assert part in key


def test_word_variants_keep_original_and_stem():
    assert word_variants("교육을") == {"교육을", "교육"}


def test_format_korean_date():
    import datetime

    assert format_korean_date(datetime.date(2025, 3, 14)) == "2025. 3. 14."
