"""The study club demo: clubs that met and entered competitions with results; idempotent."""

import pytest

from intranet.registry import demo_seeders
from learning.clubs.models import Club, CompetitionEntry, Meeting
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_seed_makes_clubs_with_meetings_and_results_once():
    StaffFactory(user=UserFactory(username="learning", roles=["learning admin"]))
    StaffFactory(user=UserFactory(username="staff"), name="김민수")
    for _ in range(30):
        StaffFactory()
    seed = demo_seeders["learning_clubs"].seed
    assert seed() == 3
    assert Club.objects.count() == 3 and Meeting.objects.count() == 10
    assert CompetitionEntry.objects.exclude(result="").count() == CompetitionEntry.objects.count() == 4
    assert Club.objects.get(name="생성형 AI 연구회").leader.user.username == "staff"
    assert Club.objects.filter(is_open=False).count() == 1
    assert seed() == 0 and Club.objects.count() == 3
