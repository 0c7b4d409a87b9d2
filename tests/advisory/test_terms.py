"""Term rules: the end after the start, no overlap for one member, the domain's consecutive-term
limit (a short gap for paperwork still counts as consecutive), and refusals that change nothing."""

import datetime as dt

import pytest

from advisory import services
from advisory.models import Term
from tests.advisory.builders import domain, member, secretary

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def sec():
    return secretary()


def test_first_term_then_reappointment_numbers_and_letter_numbers(sec):
    m = member(sec)
    first = services.term_appoint(by=sec, member=m, starts_on=D(2023, 3, 1), ends_on=D(2025, 2, 28))
    second = services.term_appoint(by=sec, member=m, starts_on=D(2025, 3, 14), ends_on=D(2027, 3, 13))
    assert (first.reappointment, second.reappointment) == (0, 1)
    assert (first.letter_number, second.letter_number) == ("2023-01", "2025-01")


def test_end_before_start_is_refused_in_korean_and_nothing_is_written(sec):
    m = member(sec)
    with pytest.raises(services.AdvisoryError) as refused:
        services.term_appoint(by=sec, member=m, starts_on=D(2025, 3, 14), ends_on=D(2025, 3, 1))
    assert (
        "임기 만료일(2025. 3. 1.)이 위촉일(2025. 3. 14.)보다 뒤여야 합니다."
        in refused.value.message_dict["ends_on"]
    )
    assert not Term.objects.exists()


def test_overlapping_terms_are_refused(sec):
    m = member(sec, name="문가영")
    services.term_appoint(by=sec, member=m, starts_on=D(2025, 3, 14), ends_on=D(2027, 3, 13))
    with pytest.raises(services.AdvisoryError) as refused:
        services.term_appoint(by=sec, member=m, starts_on=D(2026, 1, 1), ends_on=D(2027, 12, 31))
    assert (
        "문가영 위원의 다른 임기(2025. 3. 14.~2027. 3. 13.)와 겹칩니다."
        in refused.value.message_dict["starts_on"]
    )
    assert Term.objects.count() == 1


def test_the_consecutive_limit_counts_runs_and_a_long_gap_starts_a_new_run(sec):
    m = member(sec)  # 성과관리: 2 consecutive terms by default
    services.term_appoint(by=sec, member=m, starts_on=D(2021, 3, 1), ends_on=D(2023, 2, 28))
    services.term_appoint(by=sec, member=m, starts_on=D(2023, 3, 20), ends_on=D(2025, 3, 19))  # 20 days later
    with pytest.raises(services.AdvisoryError) as refused:
        services.term_appoint(by=sec, member=m, starts_on=D(2025, 3, 20), ends_on=D(2027, 3, 19))
    assert (
        "성과관리 분야는 임기를 잇달아 2회까지만 맡을 수 있습니다."
        in refused.value.message_dict["starts_on"][0]
    )
    assert Term.objects.count() == 2
    # After a year away the member may be appointed again: a new run.
    again = services.term_appoint(by=sec, member=m, starts_on=D(2026, 4, 1), ends_on=D(2028, 3, 31))
    assert again.reappointment == 0


def test_a_term_put_in_between_may_not_make_a_later_run_too_long(sec):
    m = member(sec)
    services.term_appoint(by=sec, member=m, starts_on=D(2021, 3, 1), ends_on=D(2023, 2, 28))
    services.term_appoint(by=sec, member=m, starts_on=D(2025, 3, 1), ends_on=D(2027, 2, 28))
    with pytest.raises(services.AdvisoryError):
        services.term_appoint(by=sec, member=m, starts_on=D(2023, 3, 1), ends_on=D(2025, 2, 28))
    assert Term.objects.count() == 2


def test_the_limit_is_the_domains_rule_and_can_be_raised(sec):
    it = domain("IT")
    it.max_consecutive_terms = 3
    it.save()
    m = member(sec, domain_name="IT")
    for year in (2019, 2021, 2023):
        services.term_appoint(by=sec, member=m, starts_on=D(year, 3, 1), ends_on=D(year + 2, 2, 28))
    assert list(m.terms.order_by("starts_on").values_list("reappointment", flat=True)) == [0, 1, 2]


def test_the_database_refuses_a_term_ending_before_it_starts(sec):
    from django.db import IntegrityError, transaction

    m = member(sec)
    with pytest.raises(IntegrityError), transaction.atomic():
        Term.objects.create(member=m, starts_on=D(2025, 3, 14), ends_on=D(2025, 3, 14))


def test_only_a_secretary_appoints(sec):
    from tests.factories import StaffFactory

    m = member(sec)
    with pytest.raises(services.AdvisoryError, match="자문위원회 간사만"):
        services.term_appoint(by=StaffFactory(), member=m, starts_on=D(2025, 3, 14), ends_on=D(2027, 3, 13))
