import pytest

from intranet.directory.selectors import staff_search
from tests.factories import DepartmentFactory, StaffFactory


@pytest.fixture
def people(db):
    team = DepartmentFactory(name="정보체계팀")
    edu = DepartmentFactory(name="교육훈련팀")
    return {
        "minsu": StaffFactory(name="김민수", name_en="Kim Minsu", department=team),
        "minji": StaffFactory(name="김민지", department=team),
        "younghee": StaffFactory(
            name="이영희", name_en="Lee Younghee", department=edu, job_title="교육 과정 운영"
        ),
        "retired": StaffFactory(name="김민식", is_active=False),
    }


def names(query):
    return sorted(s.name for s in staff_search(query=query))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ㄱㅁㅅ", ["김민수"]),
        ("ㄱㅁ", ["김민수", "김민지"]),
        ("민수", ["김민수"]),
        ("김민", ["김민수", "김민지"]),
        ("kim minsu", ["김민수"]),
        ("minsu kim", ["김민수"]),
        ("gimminsu", ["김민수"]),
        ("Minsu", ["김민수"]),
        ("교육을", ["이영희"]),
        ("교육훈련팀의", ["이영희"]),
        ("정보체계팀 민지", ["김민지"]),
        ("lee younghee", ["이영희"]),
    ],
)
def test_korean_aware_people_search(people, query, expected):
    assert names(query) == expected


def test_inactive_staff_are_hidden_unless_asked(people):
    assert "김민식" not in names("김민")
    assert "김민식" in [s.name for s in staff_search(query="김민", include_inactive=True)]


def test_search_key_follows_a_rename(people):
    person = people["minsu"]
    person.name = "박민수"
    person.save()
    assert names("ㅂㅁㅅ") == ["박민수"]
    assert names("ㄱㅁㅅ") == []


def test_directory_page_filters_and_searches(login_as, people):
    client = login_as(name="홍길동")

    def table(params):
        html = client.get("/directory/", params).content.decode()
        return html.split('data-testid="staff-table"', 1)[1]

    assert "김민수" in table({"q": "ㄱㅁㅅ"}) and "김민지" not in table({"q": "ㄱㅁㅅ"})
    by_department = table({"department": people["younghee"].department_id})
    assert "이영희" in by_department and "김민수" not in by_department


def test_site_search_finds_staff_and_pages(login_as, people):
    from intranet.home.models import ContentPage, HomePage

    home = HomePage.objects.get()
    page = home.add_child(
        instance=ContentPage(title="교육 안내", slug="edu-guide", body="<p>교육 신청 방법</p>")
    )
    page.save_revision().publish()
    client = login_as()
    html = client.get("/search/", {"q": "교육을"}).content.decode()
    assert "이영희" in html
    assert "교육 안내" in html
