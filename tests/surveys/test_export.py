"""Excel export: the same figures as the page, the message wherever the page hides one."""

import io

import pytest
from openpyxl import load_workbook

from intranet.surveys.export import survey_results_workbook
from intranet.surveys.results import SUPPRESSED_MESSAGE
from tests.surveys import factories as f

pytestmark = pytest.mark.django_db
MESSAGE = "응답자 수가 적어 표시하지 않습니다"


@pytest.fixture
def survey():
    lead, comm = f.area("leadership", 1, "리더십"), f.area("communication", 2, "소통")
    l1, c1 = f.bank("l1", area=lead, text="상사는 나를 존중한다"), f.bank("c1", area=comm)
    previous = f.survey([l1, c1], year=2024)
    f.respond(previous, {"l1": 3, "c1": 3}, times=5)
    made = f.survey([l1, c1], year=2025, previous=previous)
    big, mid, small = (
        f.department("A", "기획팀", 1),
        f.department("B", "인사팀", 2),
        f.department("C", "감사팀", 3),
    )
    f.audience(made, big, 20)
    f.respond(made, {"l1": 5, "c1": 4}, dept=big, times=12)
    f.respond(made, {"l1": 4, "c1": 4}, dept=mid, times=6)
    f.respond(made, {"l1": 1, "c1": 1}, dept=small, times=2)
    return made, small


def read(data: bytes):
    return load_workbook(io.BytesIO(data))


def rows(sheet):
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def test_sheets_numbers_and_suppression(survey):
    made, _small = survey
    book = read(survey_results_workbook(survey=made))
    assert book.sheetnames == ["요약", "영역", "문항", "부서×영역", "전년 비교"]
    summary = {r[0]: r[1] for r in rows(book["요약"])}
    assert summary["응답자 수"] == 20 and summary["대상자 수"] == 20
    assert summary["종합 점수(100점)"] == 75.0
    areas = rows(book["영역"])[1:]
    assert areas[0][:4] == [1, "리더십", 82.5, 20]
    heat = rows(book["부서×영역"])
    assert heat[0] == ["부서", "종합", "리더십", "소통"]
    assert heat[1] == ["기획팀", pytest.approx(87.5), 100.0, 75.0]
    assert heat[2] == ["인사팀", MESSAGE, MESSAGE, MESSAGE]  # 6, but the complement of 감사팀
    assert heat[3] == ["감사팀", MESSAGE, MESSAGE, MESSAGE]
    compare = rows(book["전년 비교"])
    assert compare[1][:2] == ["종합", None] and compare[1][2:] == [50.0, 75.0, 25.0]
    questions = rows(book["문항"])
    assert questions[1][2] == "상사는 나를 존중한다" and questions[1][6] == 82.5


def test_hidden_group_gets_only_the_message(survey):
    made, small = survey
    book = read(survey_results_workbook(survey=made, filters={"department": small.pk}))
    assert book.sheetnames == ["요약"]
    assert str(SUPPRESSED_MESSAGE) in [cell for row in rows(book["요약"]) for cell in row]
    assert not any(isinstance(c, (int, float)) for row in rows(book["요약"]) for c in row)
