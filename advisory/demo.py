"""The demo advisory committee: the 2025 committee rebuilt in three domains (the annual report,
section 7), its appointment ceremony, the year's meetings with approved minutes, advice with
responses and implementation states — and, relative to the day ``seed_demo`` runs, a recent
meeting whose advice awaits the departments' response and an upcoming meeting.

Names, affiliations and texts are data, not interface text. The demo is written through the
services (as the secretary of the log-in table), so it obeys the same rules as a person does.
Idempotent: a committee that has members is left as it is.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.directory.models import Department
from intranet.registry import DemoSeeder, register_demo_seeder

from . import services
from .models import Advice, Ceremony, Domain, Meeting, Member

YEAR = 2025
CEREMONY_DAY = dt.date(2025, 3, 14)
TERM_END = dt.date(2027, 3, 13)


@dataclass(frozen=True)
class M:
    name: str
    affiliation: str
    title: str
    domain: str
    role: str = Member.Role.MEMBER


# The 2025 committee: three per domain.
COMMITTEE = [
    M("한정민", "한국행정연구원", "선임연구위원", "성과관리", Member.Role.CHAIR),
    M("오세린", "서울대학교 행정대학원", "교수", "성과관리"),
    M("배준호", "한국조세재정연구원", "연구위원", "성과관리"),
    M("문가영", "법무법인 세종", "변호사", "법률"),
    M("서태윤", "고려대학교 법학전문대학원", "교수", "법률"),
    M("권나래", "한국법제연구원", "연구위원", "법률"),
    M("윤재석", "KAIST 전산학부", "교수", "IT", Member.Role.VICE_CHAIR),
    M("임하늘", "한국전자통신연구원", "책임연구원", "IT"),
    M("홍지우", "한국지능정보사회진흥원", "수석", "IT"),
]
# The old board leaned on performance management and a few members; two of them left in 2024.
PAST = [
    M("장석훈", "한국개발연구원", "연구위원", "성과관리"),
    M("노은서", "한양대학교 경영대학", "교수", "성과관리"),
]
PAST_TERM = (dt.date(2023, 3, 1), dt.date(2025, 2, 28))
# 배준호 sat on the old board too: his 2025 term is his first reappointment.
REAPPOINTED = "배준호"

# (number, date, time, title, place, [(item title, presenting team, [(advice text, domain,
#  owning team, response, reason, progress)])], recusal: (item index, member name, reason) | None)
MEETINGS_2025 = [
    (
        1,
        dt.date(2025, 4, 17),
        "2025년 제1차 자문위원회",
        "본관 대회의실",
        [
            (
                "2025년 성과업무 프로그램 운영 계획",
                "성과관리팀",
                [
                    (
                        "전년도 평가 환류 과제 18건의 성과지표를 결과 중심으로 다시 정의할 것",
                        "성과관리",
                        "성과관리팀",
                        "accepted",
                        "",
                        100,
                    ),
                    (
                        "상반기 성과분석 회의에 외부 위원 1명 이상 참여하도록 할 것",
                        "성과관리",
                        "성과관리팀",
                        "partly",
                        "외부 위원 참여는 하반기 공유대회부터 적용합니다.",
                        60,
                    ),
                ],
            ),
            (
                "생성형 AI 챗봇 개인정보 처리 방안",
                "개인정보보호팀",
                [
                    (
                        "학습 데이터의 개인정보 가명처리 기준을 문서로 정하고 점검할 것",
                        "법률",
                        "개인정보보호팀",
                        "accepted",
                        "",
                        100,
                    ),
                ],
            ),
        ],
        None,
    ),
    (
        2,
        dt.date(2025, 7, 10),
        "2025년 제2차 자문위원회",
        "본관 대회의실",
        [
            (
                "클라우드 전환 2단계 사업 계획",
                "클라우드팀",
                [
                    (
                        "클라우드 전환 대상 시스템의 우선순위를 장애 영향도 기준으로 정할 것",
                        "IT",
                        "클라우드팀",
                        "accepted",
                        "",
                        40,
                    ),
                    (
                        "전환 사업 계약에 데이터 반환·삭제 조항을 명시할 것",
                        "법률",
                        "계약팀",
                        "not_accepted",
                        "국가 클라우드 표준계약서에 이미 반영되어 별도 조항을 두지 않습니다.",
                        0,
                    ),
                ],
            ),
            (
                "데이터 분석모델 확대 적용",
                "데이터분석팀",
                [
                    (
                        "분석모델 결과를 업무에 쓰기 전 설명 가능성 검토 절차를 둘 것",
                        "IT",
                        "데이터분석팀",
                        "accepted",
                        "",
                        100,
                    ),
                ],
            ),
        ],
        # 임하늘 (ETRI) declares a conflict of interest on the cloud item: ETRI bids for it.
        (0, "임하늘", "소속 기관이 클라우드 전환 2단계 사업 참여를 검토 중"),
    ),
    (
        3,
        dt.date(2025, 10, 23),
        "2025년 제3차 자문위원회",
        "온라인(화상회의)",
        [
            (
                "정보보호 관리체계 개선 결과",
                "정보보호팀",
                [
                    (
                        "보안 점검 결과의 조치 이행률을 분기마다 경영회의에 보고할 것",
                        "IT",
                        "정보보호팀",
                        "accepted",
                        "",
                        70,
                    ),
                ],
            ),
        ],
        None,
    ),
]

# The recent meeting (relative to the day the demo is seeded): its advice awaits response.
RECENT_ITEMS = [
    (
        "데이터 거버넌스 체계 고도화 계획",
        "데이터관리부",
        [
            ("데이터 품질 진단 결과를 부서 성과지표에 반영하는 방안을 마련할 것", "성과관리", "데이터관리부"),
            ("공공데이터 개방 시 저작권·개인정보 검토 절차를 정비할 것", "법률", "데이터관리부"),
        ],
    ),
]


def _say(stdout, message):
    if stdout is not None:
        stdout.write(message)


def _team(name):
    return (
        Department.objects.filter(name=name, is_active=True).select_related("head").order_by("code").first()
    )


def seed(*, scale: int = 1, stdout=None) -> None:
    if Member.objects.exists():
        _say(stdout, _("자문위원이 이미 있어 자문위원회 데모를 그대로 두었습니다."))
        return
    user = User.objects.filter(username="secretary").select_related("staff").first()
    secretary = getattr(user, "staff", None) if user else None
    if secretary is None or not services.is_secretary(secretary) or _team("성과관리팀") is None:
        _say(stdout, _("직원 명부 데모(secretary 계정, 부서)가 없어 자문위원회 데모를 만들지 않았습니다."))
        return
    domains = {d.name: d for d in Domain.objects.all()}
    if not {"성과관리", "법률", "IT"} <= set(domains):
        _say(stdout, _("자문 분야(성과관리, 법률, IT)가 없어 자문위원회 데모를 만들지 않았습니다."))
        return
    today = timezone.localdate()

    def member_add(spec):
        return services.member_save(
            by=secretary,
            fields={
                "name": spec.name,
                "affiliation": spec.affiliation,
                "title": spec.title,
                "domain": domains[spec.domain],
                "role": spec.role,
                "email": f"member{len(members) + 1:02d}@advisory.example",
                "phone": f"010-5{len(members):03d}-{1000 + len(members) * 7:04d}",
            },
        )

    members: dict[str, Member] = {}
    for spec in PAST:
        members[spec.name] = member_add(spec)
        services.term_appoint(
            by=secretary, member=members[spec.name], starts_on=PAST_TERM[0], ends_on=PAST_TERM[1]
        )
    ceremony = Ceremony.objects.create(
        title="2025년 자문위원회 위촉식",
        held_on=CEREMONY_DAY,
        place="본관 대회의실",
        description="성과관리·법률·IT 세 분야 위원 9명을 위촉하고 2025년 자문 운영 방향을 공유했습니다.",
        guests="원장, 기획조정실장, 각 부서장",
    )
    for spec in COMMITTEE:
        members[spec.name] = member_add(spec)
        if spec.name == REAPPOINTED:
            services.term_appoint(
                by=secretary, member=members[spec.name], starts_on=PAST_TERM[0], ends_on=PAST_TERM[1]
            )
        services.term_appoint(
            by=secretary,
            member=members[spec.name],
            starts_on=CEREMONY_DAY,
            ends_on=TERM_END,
            ceremony=ceremony,
        )
    ceremony.attendees.set([members[s.name] for s in COMMITTEE])

    current = [members[s.name] for s in COMMITTEE]
    advice_count = 0
    for number, day, title, place, items, recusal in MEETINGS_2025:
        meeting = _meeting(secretary, number, day, title, place, hour=14)
        present = [m for m in current if m.name != "홍지우" or number != 3]  # one absence in the third
        services.attendance_record(by=secretary, meeting=meeting, present=present)
        made = []
        for item_title, team, advice_rows in items:
            item = _item(secretary, meeting, item_title, team)
            made.append((item, advice_rows))
        if recusal is not None:
            index, name, reason = recusal
            services.recusal_declare(by=secretary, item=made[index][0], member=members[name], reason=reason)
        for item, advice_rows in made:
            recused = {r.member_id for r in item.recusals.all()}
            for text, domain, owner, response, reason, progress in advice_rows:
                givers = [m for m in present if m.domain.name == domain and m.pk not in recused][:2]
                advice = services.advice_give(
                    by=secretary,
                    item=item,
                    text=text,
                    domain=domains[domain],
                    department=_team(owner),
                    due_on=day + dt.timedelta(days=30),
                    given_by=givers,
                    programme=_programme(owner),
                )
                advice_count += 1
                made_advice = (advice, response, reason, progress)
                _follow_up(secretary, made_advice)
        _minutes(secretary, meeting, items)

    # Relative to today: a meeting ten days ago whose advice awaits response, one in two weeks.
    # The 2025 committee sits only while its terms run: seeded before its appointment or after
    # its terms, the demo has no such meetings.
    recent_day = today - dt.timedelta(days=10)
    recent = _meeting(
        secretary, 4, recent_day, f"{recent_day.year}년 수시 자문위원회", "본관 소회의실", hour=15
    )
    in_office = {m.pk for m in services.enrolled_members(meeting=recent)}
    if not all(m.pk in in_office for m in current):
        recent.delete()
        _say(stdout, _("2025년 위원회의 임기 밖이어서 최근 회의와 예정 회의를 만들지 않았습니다."))
        return
    services.attendance_record(by=secretary, meeting=recent, present=current)
    for item_title, team, advice_rows in RECENT_ITEMS:
        item = _item(secretary, recent, item_title, team)
        for text, domain, owner in advice_rows:
            services.advice_give(
                by=secretary,
                item=item,
                text=text,
                domain=domains[domain],
                department=_team(owner),
                due_on=today + dt.timedelta(days=20),
                given_by=[m for m in current if m.domain.name == domain][:1],
            )
            advice_count += 1
    _minutes(secretary, recent, RECENT_ITEMS)
    upcoming_day = today + dt.timedelta(days=14)
    upcoming = _meeting(
        secretary, 5, upcoming_day, f"{upcoming_day.year}년 정기 자문위원회", "본관 대회의실", hour=14
    )
    _item(secretary, upcoming, "차년도 성과업무 프로그램 방향", "성과관리팀")
    advice_count += _seed_scaled(secretary, current, scale=scale, last_day=recent_day)
    _say(
        stdout,
        _("자문위원 %(members)s명, 회의 %(meetings)s회, 자문의견 %(advice)s건을 만들었습니다.")
        % {"members": len(members), "meetings": Meeting.objects.count(), "advice": advice_count},
    )


SCALED_PER_STEP = 3  # advice added for each scale step above 1 (177 more at scale 60)
SCALED_PER_MEETING = 12
SCALED_FIRST_NUMBER = 10  # the extra meetings' numbers (the demo's own are 1 to 5)


def _seed_scaled(secretary, current, *, scale: int, last_day: dt.date) -> int:
    """At ``--scale`` N > 1, ``SCALED_PER_STEP`` × (N − 1) more pieces of advice, twelve a meeting
    (extra meetings of the 2025 committee between its appointment and the recent meeting, their
    minutes left as drafts), each for a department in code order, every third answered by the
    secretary; so the advice table is measured at the agency's size. Scale 1 adds nothing;
    idempotent (nothing when a meeting numbered from SCALED_FIRST_NUMBER exists)."""
    wanted = SCALED_PER_STEP * (scale - 1)
    if wanted <= 0 or Meeting.objects.filter(number__gte=SCALED_FIRST_NUMBER).exists():
        return 0
    departments = list(Department.objects.filter(is_active=True).order_by("code")[:wanted])
    meetings = -(-wanted // SCALED_PER_MEETING)
    span = (last_day - CEREMONY_DAY).days
    if span < meetings + 1 or not departments:
        return 0
    given = 0
    for number in range(meetings):
        day = CEREMONY_DAY + dt.timedelta(days=(number + 1) * span // (meetings + 1))
        meeting = _meeting(
            secretary,
            SCALED_FIRST_NUMBER + number,
            day,
            f"{day.year}년 분과 자문위원회 {number + 1}",
            "온라인",
            hour=10,
        )
        if {m.pk for m in services.enrolled_members(meeting=meeting)} < {m.pk for m in current}:
            meeting.delete()
            continue
        services.attendance_record(by=secretary, meeting=meeting, present=current)
        item = services.agenda_item_add(
            by=secretary,
            meeting=meeting,
            title=f"부서 업무 개선 과제 검토 {number + 1}",
            presenter_department=departments[0],
        )
        for department in departments[number * SCALED_PER_MEETING : (number + 1) * SCALED_PER_MEETING]:
            member = current[given % len(current)]
            advice = services.advice_give(
                by=secretary,
                item=item,
                text=f"{department.name}의 업무 개선 과제에 성과지표를 구체화할 것",
                domain=member.domain,
                department=department,
                due_on=day + dt.timedelta(days=30),
                given_by=[member],
            )
            if given % 3 == 0 and services.may_answer(secretary, advice):
                services.advice_respond(by=secretary, advice=advice, response=Advice.Response.ACCEPTED)
            given += 1
    return given


def _meeting(secretary, number, day, title, place, *, hour):
    held_at = timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))
    online = place.startswith("온라인")
    return services.meeting_save(
        by=secretary,
        fields={"number": number, "title": title, "held_at": held_at, "place": place, "online": online},
    )


def _item(secretary, meeting, title, team):
    department = _team(team) or _team("성과관리팀")
    document = ContentFile(f"{title}\n".encode(), name=f"{title[:20]}.pdf")
    return services.agenda_item_add(
        by=secretary,
        meeting=meeting,
        title=title,
        presenter_department=department,
        presenter=department.head,
        document=document,
    )


def _programme(team):
    """A 2025 performance programme of the owning team, when the performance demo made one."""
    from performance.models import Programme

    return Programme.objects.filter(plan__year=YEAR, department__name=team).order_by("code").first()


def _follow_up(secretary, made):
    advice, response, reason, progress = made
    head = advice.department.head or secretary
    responder = head if services.may_answer(head, advice) else secretary
    services.advice_respond(by=responder, advice=advice, response=response, reason=reason)
    if response == Advice.Response.NOT_ACCEPTED:
        services.advice_close(by=secretary, advice=advice, note="불수용 사유 확인")
        return
    steps = [p for p in (30, 60, 100) if p < progress] + ([progress] if progress else [])
    for step in steps:
        evidence = ContentFile(b"%PDF-1.4\n", name="이행결과.pdf") if step == 100 else None
        services.advice_progress(
            by=responder,
            advice=advice,
            progress=step,
            note=f"이행률 {step}% 달성",
            evidence=evidence,
        )
    if progress == 100 and advice.meeting.number == 1:
        services.advice_close(by=secretary, advice=advice, note="이행 결과 확인")


def _minutes(secretary, meeting, items):
    titles = ", ".join(row[0] for row in items)
    minutes = (
        f"{meeting.title} 회의록\n안건: {titles}\n"
        "위원장 주재로 안건별 보고와 질의응답을 거쳐 자문의견을 정리함."
    )
    meeting = services.meeting_save(
        by=secretary,
        fields={"minutes": minutes, "summary": f"{titles}에 대해 자문의견을 정리했습니다."},
        meeting=meeting,
    )
    services.minutes_approve(by=secretary, meeting=meeting)


register_demo_seeder(DemoSeeder(key="advisory", seed=seed, order=70))
