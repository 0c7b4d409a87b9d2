"""The Excel exports: the allowance sheet for payment (who is owed what, the total, no contact
details) and the advice follow-up table (the filtered rows, Korean labels)."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from advisory import services
from tests.advisory.builders import approve, committee, domain, meeting, member
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def rows(response):
    assert response.status_code == 200
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_allowance_sheet_and_advice_export(login_as):
    client = login_as("committee secretary")
    sec = client.staff
    members = committee(sec, 3)
    late = member(sec, name="문가영", email="moon@law.example", phone="010-1111-2222")
    services.term_appoint(by=sec, member=late, starts_on=dt.date(2025, 3, 14), ends_on=dt.date(2027, 3, 13))
    record, (item,) = meeting(sec)
    services.attendance_record(by=sec, meeting=record, present=[*members, late])
    department = DepartmentFactory(name="클라우드팀")
    services.advice_give(
        by=sec,
        item=item,
        text="우선순위를 정할 것",
        department=department,
        due_on=dt.date(2025, 5, 17),
        domain=domain("IT"),
    )
    services.advice_give(
        by=sec,
        item=item,
        text="계약 조항을 둘 것",
        department=DepartmentFactory(name="계약팀"),
        due_on=dt.date(2025, 5, 17),
        domain=domain("법률"),
    )
    approve(sec, record)
    sheet = rows(client.get("/advisory/allowances.xlsx?year=2025"))
    assert sheet[0] == ("회의일", "회의", "위원", "소속", "분야", "수당(원)")
    assert len(sheet) == 1 + 4 + 1 and sheet[-1][-2:] == ("합계", 800_000)
    assert "moon@law.example" not in str(sheet) and "010-1111-2222" not in str(sheet)
    assert rows(client.get("/advisory/allowances.xlsx?year=2024"))[-1][-1] == 0

    table = rows(client.get(f"/advisory/advice/export.xlsx?department={department.pk}"))
    assert table[0][:4] == ("회의일", "회의", "안건", "자문의견")
    assert [r[3] for r in table[1:]] == ["우선순위를 정할 것"]
    assert table[1][4:6] == ("IT", "클라우드팀") and table[1][9] == "회신 대기"
