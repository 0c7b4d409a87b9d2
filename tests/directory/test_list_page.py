"""The directory list page: the chosen department named from cached rows that follow changes (no
list of every department), one empty option per filter, rows written in Python with every value
escaped."""

import pytest
from django.core.cache import cache

from tests.factories import DepartmentFactory, StaffFactory

pytestmark = pytest.mark.usefixtures("transactional_db")  # the cache is cleared on commit


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_no_department_list_the_chosen_one_named_and_following_a_rename(login_as):
    team = DepartmentFactory(name="정보체계팀")
    other = DepartmentFactory(name="보안관제팀")
    StaffFactory(name="김민수", department=team)
    StaffFactory(name="박보안", department=other)
    client = login_as()
    html = client.get("/directory/").content.decode()
    assert "정보체계팀</option>" not in html and 'href="/directory/org/"' in html  # chosen on the org chart
    html = client.get(f"/directory/?department={team.pk}&grade=&page=2").content.decode()
    assert f'<input type="hidden" name="department" value="{team.pk}" id="id_department">' in html
    assert "부서: <strong>정보체계팀</strong>" in html and 'href="?grade="' in html  # the clear link
    team.name = "디지털전환팀"
    team.save()
    html = client.get(f"/directory/?department={team.pk}").content.decode()
    assert "부서: <strong>디지털전환팀</strong>" in html and "김민수" in html and "박보안" not in html
    html = client.get("/directory/?department=999999").content.decode()
    assert "부서: <strong>" not in html


def test_each_filter_has_one_empty_option_and_marks_the_choice(login_as):
    team = DepartmentFactory(name="정보체계팀")
    StaffFactory(name="김민수", department=team, grade="5급", position="팀원")
    client = login_as()
    html = client.get(f"/directory/?department={team.pk}&grade=5급").content.decode()
    for label in ("전체 직급", "전체 직위"):
        assert html.count(f">{label}</option>") == 1, label
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
