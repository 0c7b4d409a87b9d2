"""The directory list page: cached department options that follow changes, one empty option per
filter, rows written in Python with every value escaped."""

import pytest
from django.core.cache import cache

from tests.factories import DepartmentFactory, StaffFactory

pytestmark = pytest.mark.usefixtures("transactional_db")  # the cache is cleared on commit


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_department_options_follow_a_rename_and_a_new_team(login_as):
    team = DepartmentFactory(name="정보체계팀")
    client = login_as()
    assert f'<option value="{team.pk}">정보체계팀</option>' in client.get("/directory/").content.decode()
    team.name = "디지털전환팀"
    team.save()
    added = DepartmentFactory(name="보안관제팀")
    html = client.get("/directory/").content.decode()
    assert f'<option value="{team.pk}">디지털전환팀</option>' in html and "정보체계팀</option>" not in html
    assert f'<option value="{added.pk}">보안관제팀</option>' in html


def test_each_filter_has_one_empty_option_and_marks_the_choice(login_as):
    team = DepartmentFactory(name="정보체계팀")
    StaffFactory(name="김민수", department=team, grade="5급", position="팀원")
    client = login_as()
    html = client.get(f"/directory/?department={team.pk}&grade=5급").content.decode()
    for label in ("전체 부서", "전체 직급", "전체 직위"):
        assert html.count(f">{label}</option>") == 1, label
    assert f'<option value="{team.pk}" selected>정보체계팀</option>' in html
    assert '<option value="5급" selected>5급</option>' in html
    assert '<option value="" selected>전체 직위</option>' in html


def test_rows_link_each_person_and_escape_every_value(login_as):
    team = DepartmentFactory(name="<b>팀</b>")
    person = StaffFactory(
        name="김<민수>", department=team, job_title="", extension="1234", email="minsu@agency.example"
    )
    client = login_as()
    html = client.get("/directory/?q=민수").content.decode()
    link = f'<a href="/directory/{person.employee_number}/" data-testid="staff-link">'
    assert link + "김&lt;민수&gt;</a>" in html
    assert '<td data-label="부서">&lt;b&gt;팀&lt;/b&gt;</td>' in html and "<b>팀</b>" not in html
    assert '<a href="mailto:minsu@agency.example">minsu@agency.example</a>' in html
    assert '<td data-label="담당업무">—</td>' in html  # no job title
    assert '<td data-label="내선">1234</td>' in html  # labelled: phones show rows as cards


def test_no_match_shows_the_empty_text(login_as):
    client = login_as()
    html = client.get("/directory/?q=없는사람이름").content.decode()
    assert '<tr><td colspan="7">조건에 맞는 직원이 없습니다.</td></tr>' in html
