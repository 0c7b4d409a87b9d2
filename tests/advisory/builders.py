"""Small builders for advisory tests: a secretary, members with terms, a meeting with items."""

import datetime as dt

from django.utils import timezone

from advisory import services
from advisory.models import Domain, Meeting, Member
from tests.factories import DepartmentFactory, StaffFactory, staff_with_login


def secretary(**fields):
    return staff_with_login(roles=["committee secretary"], **fields)


def domain(name="성과관리") -> Domain:
    return Domain.objects.get(name=name)


def member(
    by, *, name="한정민", domain_name="성과관리", role=Member.Role.MEMBER, email="", phone=""
) -> Member:
    return services.member_save(
        by=by,
        fields={
            "name": name,
            "affiliation": "한국행정연구원",
            "title": "연구위원",
            "domain": domain(domain_name),
            "role": role,
            "email": email,
            "phone": phone,
        },
    )


def committee(by, n=5, *, start=dt.date(2025, 3, 14), end=dt.date(2027, 3, 13)) -> list[Member]:
    """``n`` members in office from ``start`` to ``end``, spread over the three domains."""
    names = [
        "한정민",
        "오세린",
        "배준호",
        "문가영",
        "서태윤",
        "권나래",
        "윤재석",
        "임하늘",
        "홍지우",
        "장석훈",
    ]
    domains = ["성과관리", "법률", "IT"]
    people = []
    for i in range(n):
        m = member(
            by, name=names[i % len(names)] + ("" if i < len(names) else str(i)), domain_name=domains[i % 3]
        )
        services.term_appoint(by=by, member=m, starts_on=start, ends_on=end)
        people.append(m)
    return people


def meeting(by, *, day=dt.date(2025, 4, 17), number=1, title=None, items=1, department=None):
    held_at = timezone.make_aware(dt.datetime.combine(day, dt.time(14, 0)))
    record = services.meeting_save(
        by=by,
        fields={
            "number": number,
            "title": title or f"{day.year}년 제{number}차 자문위원회",
            "held_at": held_at,
            "place": "본관 대회의실",
        },
    )
    department = department or DepartmentFactory(name="성과관리팀")
    made = [
        services.agenda_item_add(
            by=by,
            meeting=record,
            title=f"안건 {i + 1}",
            presenter_department=department,
            presenter=StaffFactory(department=department),
        )
        for i in range(items)
    ]
    return record, made


def approve(by, record: Meeting, minutes="회의록 본문") -> Meeting:
    record = services.meeting_save(by=by, fields={"minutes": minutes, "summary": "요약"}, meeting=record)
    return services.minutes_approve(by=by, meeting=record)


def advice_given(by):
    """Three members at a meeting (minutes still a draft) giving one piece of advice to a
    department with a head: ``(meeting, advice)``."""
    members = committee(by, 3)
    record, (item,) = meeting(by)
    services.attendance_record(by=by, meeting=record, present=members)
    department = DepartmentFactory(name="성과관리팀")
    department.head = StaffFactory(department=department)
    department.save()
    advice = services.advice_give(
        by=by,
        item=item,
        text="성과지표를 결과 중심으로",
        department=department,
        due_on=dt.date(2025, 5, 17),
        given_by=members[:1],
    )
    return record, advice
