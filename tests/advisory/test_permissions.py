"""Who gets what on every advisory URL, for every role (the matrix of tests/permissions.py), and
the attacker: members' contact details never reach anyone but committee secretaries."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver

from advisory import services
from advisory.models import AdviceUpdate
from intranet.roles import Role
from tests.advisory.builders import approve, committee, domain, meeting, member, secretary
from tests.factories import DepartmentFactory, StaffFactory
from tests.permissions import (
    ADMIN_DENIED,
    ANONYMOUS,
    LOGIN,
    SUPERUSER,
    VISITORS,
    WITHOUT_ADMIN,
    assert_answer,
    cases,
    visitor_client,
)

SECRETARIES = {Role.COMMITTEE_SECRETARY: 200, SUPERUSER: 200}
SECRETARY_ONLY = {ANONYMOUS: LOGIN, **SECRETARIES, "*": 403}
DRAFT = {ANONYMOUS: LOGIN, **SECRETARIES, "*": 404}  # a draft meeting does not exist for staff
EVERYONE = {ANONYMOUS: LOGIN, "*": 200}
POST_ONLY = {ANONYMOUS: LOGIN, "*": 405}
ADMIN_SCREEN = {ANONYMOUS: LOGIN, **WITHOUT_ADMIN, **SECRETARIES, "*": ADMIN_DENIED}

MATRIX = {
    "/advisory/": EVERYONE,
    "/advisory/?year=2025": EVERYONE,
    "/advisory/ceremonies/{ceremony}/": EVERYONE,
    "/advisory/members/": SECRETARY_ONLY,
    "/advisory/members/new/": SECRETARY_ONLY,
    "/advisory/members/{member}/": SECRETARY_ONLY,
    "/advisory/members/{member}/edit/": SECRETARY_ONLY,
    "/advisory/members/{member}/terms/": POST_ONLY,
    "/advisory/terms/{term}/letter.pdf": SECRETARY_ONLY,
    "/advisory/meetings/new/": SECRETARY_ONLY,
    "/advisory/meetings/{meeting}/": EVERYONE,
    "/advisory/meetings/{draft}/": DRAFT,
    "/advisory/meetings/{draft}/edit/": SECRETARY_ONLY,
    "/advisory/meetings/{meeting}/edit/": {
        ANONYMOUS: LOGIN,
        Role.COMMITTEE_SECRETARY: 302,
        SUPERUSER: 302,
        "*": 403,
    },
    "/advisory/meetings/{draft}/items/": POST_ONLY,
    "/advisory/meetings/{draft}/attendance/": POST_ONLY,
    "/advisory/meetings/{draft}/recusals/": POST_ONLY,
    "/advisory/meetings/{draft}/advice/": POST_ONLY,
    "/advisory/meetings/{draft}/approve/": POST_ONLY,
    "/advisory/items/{item}/document/": EVERYONE,
    "/advisory/items/{draft_item}/document/": DRAFT,
    "/advisory/allowances.xlsx": SECRETARY_ONLY,
    "/advisory/advice/": EVERYONE,
    "/advisory/advice/?stage=awaiting": EVERYONE,
    "/advisory/advice/export.xlsx": EVERYONE,
    "/advisory/advice/{advice}/": EVERYONE,
    "/advisory/advice/{advice}/respond/": POST_ONLY,
    "/advisory/advice/{advice}/progress/": POST_ONLY,
    "/advisory/advice/{advice}/close/": POST_ONLY,
    "/advisory/advice/evidence/{evidence}/": EVERYONE,
    "/admin/advisory_members/": ADMIN_SCREEN,
    "/admin/advisory_members/new/": ADMIN_SCREEN,
    "/admin/advisory_members/edit/{member}/": ADMIN_SCREEN,
    "/admin/advisory_domains/": ADMIN_SCREEN,
    "/admin/advisory_ceremonies/": ADMIN_SCREEN,
}
# Writes: an empty form is refused (400) to those who may write, everyone else gets 403 first.
POST_MATRIX = {
    "/advisory/members/{member}/terms/": {
        ANONYMOUS: LOGIN,
        Role.COMMITTEE_SECRETARY: 400,
        SUPERUSER: 400,
        "*": 403,
    },
    "/advisory/meetings/{draft}/items/": {
        ANONYMOUS: LOGIN,
        Role.COMMITTEE_SECRETARY: 400,
        SUPERUSER: 400,
        "*": 403,
    },
    "/advisory/meetings/{draft}/recusals/": {
        ANONYMOUS: LOGIN,
        Role.COMMITTEE_SECRETARY: 400,
        SUPERUSER: 400,
        "*": 403,
    },
    "/advisory/meetings/{draft}/advice/": {
        ANONYMOUS: LOGIN,
        Role.COMMITTEE_SECRETARY: 400,
        SUPERUSER: 400,
        "*": 403,
    },
    "/advisory/meetings/{draft}/approve/": {
        ANONYMOUS: LOGIN,
        Role.COMMITTEE_SECRETARY: 302,
        SUPERUSER: 302,
        "*": 403,
    },
    "/advisory/advice/{advice}/respond/": {
        ANONYMOUS: LOGIN,
        Role.COMMITTEE_SECRETARY: 400,
        SUPERUSER: 400,
        "*": 403,
    },
    "/advisory/advice/{advice}/close/": {
        ANONYMOUS: LOGIN,
        Role.COMMITTEE_SECRETARY: 302,
        SUPERUSER: 302,
        "*": 403,
    },
}
EMAIL, PHONE = "secret.member@advisory.example", "010-9876-5432"


def world():
    """An approved meeting with an item, advice and evidence; a draft meeting with an item; a
    member with contact details, a term and a ceremony."""
    sec = secretary()
    members = committee(sec, 3)
    contact = member(sec, name="문가영", domain_name="법률", email=EMAIL, phone=PHONE)
    term = services.term_appoint(
        by=sec, member=contact, starts_on=dt.date(2025, 3, 14), ends_on=dt.date(2027, 3, 13)
    )
    ceremony = services.Ceremony.objects.create(title="2025년 위촉식", held_on=dt.date(2025, 3, 14))
    ceremony.attendees.set([contact, *members])
    department = DepartmentFactory(name="성과관리팀")
    department.head = StaffFactory(department=department)
    department.save()
    record, (item,) = meeting(sec, department=department)
    services.attendance_record(by=sec, meeting=record, present=[*members, contact])
    item.document = SimpleUploadedFile("안건.pdf", b"%PDF-1.4")
    item.save()
    advice = services.advice_give(
        by=sec,
        item=item,
        text="성과지표 재정의",
        department=department,
        due_on=dt.date(2025, 5, 17),
        domain=domain("성과관리"),
        given_by=[contact],
    )
    approve(sec, record)
    services.advice_respond(by=department.head, advice=advice, response="accepted")
    services.advice_progress(
        by=department.head,
        advice=advice,
        progress=50,
        note="절반",
        evidence=SimpleUploadedFile("e.pdf", b"%PDF"),
    )
    draft, (draft_item,) = meeting(sec, day=dt.date(2025, 7, 10), number=2, department=department)
    draft_item.document = SimpleUploadedFile("초안.pdf", b"%PDF-1.4")
    draft_item.save()
    return {
        "ceremony": ceremony.pk,
        "member": contact.pk,
        "term": term.pk,
        "meeting": record.pk,
        "draft": draft.pk,
        "item": item.pk,
        "draft_item": draft_item.pk,
        "advice": advice.pk,
        "evidence": AdviceUpdate.objects.get(progress=50).pk,
    }


def test_every_advisory_url_pattern_has_a_row():
    resolver = get_resolver()
    patterns = {str(p.pattern) for p in resolver.url_patterns if str(p.pattern) == "advisory/"}
    assert patterns == {"advisory/"}
    from advisory.urls import urlpatterns

    rows = {url.split("?")[0] for url in MATRIX} | set(POST_MATRIX)
    for pattern in urlpatterns:
        route = "/advisory/" + str(pattern.pattern)
        shape = route.replace("<int:pk>", "{}")
        assert any(shape == _shape(row) for row in rows), f"no matrix row for {route}"


def _shape(row: str) -> str:
    import re

    return re.sub(r"\{[a-z_]+\}", "{}", row)


@pytest.mark.parametrize(("url", "visitor"), cases(MATRIX))
def test_access(client_for, url, visitor):
    client = client_for(visitor)
    path = url.format(**world())
    response = client.get(path)
    assert_answer(response, MATRIX[url], path, visitor)


@pytest.mark.parametrize(("url", "visitor"), cases(POST_MATRIX))
def test_writes(client_for, url, visitor):
    client = client_for(visitor)
    path = url.format(**world())
    assert_answer(client.post(path, {}), POST_MATRIX[url], path, visitor)


@pytest.mark.parametrize(
    "visitor", [v for v in VISITORS if v not in (ANONYMOUS, Role.COMMITTEE_SECRETARY, SUPERUSER)]
)
def test_contact_details_never_reach_anyone_but_secretaries(login_as, visitor):
    """The attacker is every other role: reads every advisory page and export it may open, in
    every format, and looks for the member's e-mail and phone (also without hyphens)."""
    client = visitor_client(login_as, visitor)
    ids = world()
    needles = [EMAIL.encode(), PHONE.encode(), PHONE.replace("-", "").encode(), b"secret.member"]
    opened = 0
    for url in MATRIX:
        response = client.get(url.format(**ids))
        if response.status_code != 200:
            continue
        opened += 1
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if url.endswith(".xlsx"):
            import io

            from openpyxl import load_workbook

            cells = [
                str(c)
                for row in load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True)
                for c in row
            ]
            body = " ".join(cells).encode()
        for needle in needles:
            assert needle not in body, (url, visitor)
    assert opened >= 10  # the attacker did read the pages (committee, meetings, advice, exports, files)


def test_secretaries_do_see_the_contact_details(login_as):
    client = login_as("committee secretary")
    ids = world()
    assert EMAIL in client.get(f"/advisory/members/{ids['member']}/").content.decode()
    assert PHONE in client.get("/advisory/members/").content.decode()
