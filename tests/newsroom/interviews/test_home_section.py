"""The newsroom home shows the latest interview episodes (the sub-app's home section)."""

import pytest

from tests.factories import StaffFactory
from tests.newsroom.interviews.builders import answered, leader, publish

pytestmark = pytest.mark.django_db


def test_newsroom_home_lists_published_episodes_and_the_ask_link(login_as):
    director = leader(name="박국장")
    asker = StaffFactory()
    publish(director, [answered(asker, director, "재택근무는 언제 확대되나요?")], title="원격 근무 이야기")
    html = login_as().get("/newsroom/").content.decode()
    section = html[html.index('data-testid="section-interviews.recent"') :]
    assert "원격 근무 이야기" in section and "박국장" in section
    assert 'data-testid="home-ask-link"' in section


def test_newsroom_home_without_episodes_says_so(login_as):
    html = login_as().get("/newsroom/").content.decode()
    assert "아직 실린 인터뷰가 없습니다" in html


def test_a_new_episode_shows_at_once_although_the_section_is_cached(login_as):
    director = leader(name="박국장")
    client = login_as()
    publish(director, [answered(StaffFactory(), director)], title="첫 이야기")
    assert "첫 이야기" in client.get("/newsroom/").content.decode()  # now cached
    publish(director, [answered(StaffFactory(), director)], title="둘째 이야기")
    assert "둘째 이야기" in client.get("/newsroom/").content.decode()
