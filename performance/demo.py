"""The demo 2025 performance plan (성과업무 프로그램): 40 programmes from the annual report.

18 answer last year's evaluation feedback, 7 came from staff proposals and 15 carry on from
before, as the report says. Titles and KPIs are the report's own (엠피스봇 정확도 90 → 95 %,
오탐률 54 → 1 %, 이용자 만족도 74.7 → 87.8 …). The year is told in two halves: updates up to
the end of June, the mid-year snapshot at 2025. 6. 30., then the second half and the contest
with its awards. Everything is derived from the programme's index, so every machine sees the
same plan; a plan for 2025 that already has programmes is left exactly as it is. Titles are
data, not interface text.
"""

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.directory.models import Department, Staff
from intranet.registry import DemoSeeder, register_demo_seeder

from .models import Plan, Programme, ProgressUpdate, Proposal, Snapshot
from .services import (
    KpiInput,
    MilestoneInput,
    contest_create,
    contest_decide,
    entry_submit,
    judge_add,
    programme_create,
    progress_update_post,
    score_submit,
    snapshot_take,
)

YEAR = 2025
CUT_OFF = dt.date(YEAR, 6, 30)
SEOUL = ZoneInfo("Asia/Seoul")
F, N, C = Programme.Origin.FEEDBACK, Programme.Origin.PROPOSAL, Programme.Origin.ONGOING


@dataclass(frozen=True)
class K:
    name: str
    unit: str
    baseline: float
    target: float
    mid: float  # the actual reported in June
    final: float  # the actual reported in November


@dataclass(frozen=True)
class Spec:
    code: str
    title: str
    origin: str
    team: str
    kpis: tuple[K, ...] = ()
    evaluation_item: str = ""
    by_demo_owner: bool = False
    weight: int = 1
    milestones: tuple[str, ...] = field(
        default=("추진계획 수립", "1차 개선·구축", "중간 점검·보완", "완료 및 성과 보고")
    )


PROGRAMMES = [
    # 전년도 평가 환류 (18)
    Spec(
        "2025-F01",
        "생성형 AI 챗봇(엠피스봇) 답변 정확도 향상",
        F,
        "AI서비스팀",
        (K("답변 정확도", "%", 90, 95, 91.5, 93.5),),
        "재정업무 챗봇 답변 신뢰도 검증 체계 미흡",
        True,
        weight=3,
    ),
    Spec(
        "2025-F02",
        "AI-RPA 웹 장애 모니터링 오탐률 감소",
        F,
        "서버운영팀",
        (K("장애 알림 오탐률", "%", 54, 1, 20, 1),),
        "장애 모니터링 오탐으로 인한 운영 인력 알림 피로",
    ),
    Spec(
        "2025-F03",
        "인건비 집행 예측모델 정확도 향상",
        F,
        "데이터분석팀",
        (K("예측모델 정확도", "%", 88.11, 95, 93.2, 97.62),),
        "예측모델 전처리 수작업 과다",
        weight=2,
    ),
    Spec(
        "2025-F04",
        "자원관리정보체계 이용자 만족도 향상",
        F,
        "재정정보체계팀",
        (K("이용자 만족도", "점", 74.7, 85, 80.1, 87.8),),
        "자원관리정보체계 이용자 만족도 하위권",
        weight=2,
    ),
    Spec(
        "2025-F05",
        "데이터 품질관리 수준진단 전면 시행",
        F,
        "데이터품질팀",
        (),
        "체계별 데이터 품질 진단 일부 체계에 한정",
    ),
    Spec("2025-F06", "SLA 평가지표 개정", F, "서비스데스크팀", (), "장애대응 기준이 디지털 환경 변화 미반영"),
    Spec(
        "2025-F07",
        "전 직원 사이버보안 평가 점수 향상",
        F,
        "정보보호팀",
        (K("보안·사이버보안 평가 점수", "점", 90.7, 92, 91.3, 92.7),),
        "보안 의식 평가 점수 정체",
    ),
    Spec(
        "2025-F08",
        "정보체계 만족도 조사 설문 재설계 및 표본 확대",
        F,
        "고객만족팀",
        (K("만족도 조사 표본 수", "명", 2278, 10000, 6120, 12575),),
        "만족도 조사 표본이 작아 신뢰도 낮음",
    ),
    Spec(
        "2025-F09",
        "전산장비 지원 서비스 만족도 향상",
        F,
        "전산장비지원팀",
        (K("전산장비 지원 서비스 만족도", "점", 93.01, 95, 94.2, 95.8),),
        "대표 서비스 만족도 향상 필요",
    ),
    Spec("2025-F10", "방첩사 보안평가 대응 체계 강화", F, "보안점검팀", (), "'24년 방첩사 평가 '미흡'"),
    Spec(
        "2025-F11",
        "개인정보 내부관리계획 이행 점검 강화",
        F,
        "개인정보보호팀",
        (),
        "개인정보 처리시스템 접속기록 점검 주기 불규칙",
    ),
    Spec(
        "2025-F12",
        "군수통합정보체계 개선과제 관리 프로세스 정비",
        F,
        "군수정보체계팀",
        (),
        "개선과제 도출·점검 절차 비표준",
    ),
    Spec(
        "2025-F13",
        "기관 종합평가 지적사항 환류 관리체계 구축",
        F,
        "성과관리팀",
        (),
        "지적사항 이행 여부 추적 곤란",
    ),
    Spec("2025-F14", "계약 정보 공개 확대로 계약 투명성 제고", F, "계약팀", (), "수의계약 공개 범위 협소"),
    Spec("2025-F15", "청렴도 향상 반부패 시책 추진", F, "법무감사팀", (), "내부 청렴도 평가 개선 필요"),
    Spec(
        "2025-F16",
        "예산 집행률 월별 관리 강화",
        F,
        "기획예산팀",
        (K("예산 집행률", "%", 91.5, 97, 48.0, 96.1),),
        "하반기 예산 집중 집행",
    ),
    Spec(
        "2025-F17",
        "직무교육 이수율 제고",
        F,
        "교육훈련팀",
        (K("직무교육 이수율", "%", 82, 95, 71, 93),),
        "정보화 직무교육 이수율 저조",
    ),
    Spec(
        "2025-F18",
        "백업체계 강화 및 비상대응 훈련 정례화",
        F,
        "클라우드팀",
        (),
        "재해복구 훈련 연 1회에 그침",
    ),
    # 직원 제안 (7)
    Spec(
        "2025-N01",
        "예비군 AICC(보이스봇·챗봇) 구축",
        N,
        "AI서비스팀",
        (K("무중단 상담 처리율", "%", 0, 80, 35, 82),),
        by_demo_owner=True,
        weight=3,
    ),
    Spec("2025-N02", "회의실·관용차량 모바일 예약 간소화", N, "총무팀"),
    Spec("2025-N03", "보고서 서식 표준화와 전자결재 연계", N, "기획예산팀"),
    Spec("2025-N04", "신규 직원 온보딩 안내서 제작", N, "인사팀"),
    Spec("2025-N05", "체계별 게시판을 통한 개선내용 홍보", N, "홍보팀"),
    Spec("2025-N06", "장애 알림 사내 메신저 연동", N, "네트워크운영팀"),
    Spec("2025-N07", "학습 동호회 활성화 지원", N, "교육훈련팀"),
    # 계속 추진 (15)
    Spec("2025-C01", "장병e음 모바일 서비스 고도화", C, "장병e음팀", weight=3),
    Spec("2025-C02", "차세대 군사법정보체계 구축", C, "군사법정보체계팀", weight=3),
    Spec("2025-C03", "데이터 거버넌스 체계 정립", C, "데이터품질팀"),
    Spec("2025-C04", "국방연동관리체계 연동 구간 확대", C, "연동관리팀"),
    Spec(
        "2025-C05",
        "인프라 장비 546대 예방점검",
        C,
        "전산장비지원팀",
        (K("예방점검 장비 수", "대", 0, 546, 260, 546),),
    ),
    Spec("2025-C06", "피복조달 비율 예측모델 운영", C, "데이터분석팀"),
    Spec("2025-C07", "재정정보체계 유지보수 중점과제 추진", C, "재정정보체계팀"),
    Spec("2025-C08", "인사정보체계 기능 개선", C, "인사정보체계팀"),
    Spec("2025-C09", "정보체계 클라우드 전환", C, "클라우드팀", weight=2),
    Spec("2025-C10", "기반 네트워크 이중화", C, "네트워크운영팀"),
    Spec("2025-C11", "보안관제 24시간 운영 고도화", C, "보안관제팀"),
    Spec(
        "2025-C12",
        "카드뉴스 월간 발행과 기관 성과 홍보",
        C,
        "홍보팀",
        (K("홍보매체 활동", "회", 0, 12, 7, 16),),
    ),
    Spec(
        "2025-C13",
        "내부직원 만족도 향상",
        C,
        "인사팀",
        (K("내부직원 만족도", "점", 86.23, 86.5, 86.3, 86.4),),
    ),
    Spec("2025-C14", "서버 자원 통합 운영", C, "서버운영팀"),
    Spec(
        "2025-C15",
        "서비스데스크 원스톱 처리율 향상",
        C,
        "서비스데스크팀",
        (K("원스톱 처리율", "%", 70, 85, 76, 81),),
    ),
]
DUE_DATES = (dt.date(YEAR, 2, 28), dt.date(YEAR, 5, 30), dt.date(YEAR, 8, 29), dt.date(YEAR, 11, 28))
MILESTONE_WEIGHTS = (10, 35, 35, 20)  # % of the programme: planning, build, review, report
PROPOSALS = {
    "2025-N01": "예비군 민원 창구가 흩어져 있어 24시간 응대가 어렵습니다. AICC로 통합하면 좋겠습니다.",
    "2025-N02": "회의실과 관용차량을 종이 신청서 대신 모바일로 예약하게 해 주세요.",
    "2025-N03": "부서마다 보고서 서식이 달라 취합이 어렵습니다. 표준 서식을 전자결재와 연계해 주세요.",
    "2025-N04": "신규 직원이 체계와 업무를 빨리 익히도록 온보딩 안내서를 만들었으면 합니다.",
    "2025-N05": "만족도 조사로 고친 내용을 이용자가 모릅니다. 체계별 게시판에 알려 주세요.",
    "2025-N06": "장애 알림이 문자로만 와서 놓칩니다. 사내 메신저로도 받게 해 주세요.",
    "2025-N07": "학습 동호회가 외부 경진대회에 나갈 수 있도록 지원해 주세요.",
}
PENDING_PROPOSALS = [
    ("교육 홈페이지 수강 후기 공개", "다른 직원의 수강 후기를 보고 과정을 고르고 싶습니다."),
    ("야간 장애 대응 당직 자동 편성", "당직 편성을 엑셀로 하느라 시간이 걸립니다."),
]


def fate(index: int) -> tuple[int, dict[int, dt.date]]:
    """How far programme ``index`` got: milestones done (count) and any that were done late.

    Every 7th programme (from the 4th) misses its last milestone, every 11th (from the 6th) its
    last two; every 5th (from the 3rd) finishes its second milestone late, in July, so the
    mid-year snapshot shows it slipped."""
    done = 4
    if index % 7 == 3:
        done = 3
    if index % 11 == 5:
        done = 2
    late = {1: dt.date(YEAR, 7, 11)} if index % 5 == 2 else {}
    return done, late


def _at(day: dt.date, hour: int = 17) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=SEOUL)


@dataclass
class SeedResult:
    programmes_created: int = 0
    updates_created: int = 0
    snapshot_created: bool = False
    skipped: str = ""


def _departments() -> dict[str, Department]:
    """The first department of each team name (a larger demo agency repeats team names)."""
    names = {s.team for s in PROGRAMMES}
    found: dict[str, Department] = {}
    for department in Department.objects.filter(name__in=names, is_active=True).order_by("code"):
        found.setdefault(department.name, department)
    return found


def _owners(departments: dict[str, Department]) -> dict[int, list[Staff]]:
    staff: dict[int, list[Staff]] = {}
    for person in Staff.objects.filter(department__in=departments.values(), is_active=True).order_by(
        "employee_number"
    ):
        staff.setdefault(person.department_id, []).append(person)
    return staff


def _demo_staff(username: str) -> Staff | None:
    user = User.objects.filter(username=username).select_related("staff").first()
    return getattr(user, "staff", None) if user else None


def _post(programme: Programme, author: Staff, day: dt.date, result: SeedResult, **changes) -> None:
    """Post through the service (its rules hold for demo data too), then date it as it happened."""
    update = progress_update_post(programme=programme, author=author, today=day, **changes)
    ProgressUpdate.objects.filter(pk=update.pk).update(created_at=_at(day))  # history backfill
    result.updates_created += 1


def _half(programme, spec: Spec, index: int, author: Staff, result: SeedResult, *, second: bool) -> None:
    """Post one half-year's updates: the milestones done in that half, then the KPI actuals."""
    done, late = fate(index)
    milestones = list(programme.milestones.order_by("due_date"))
    for number, milestone in enumerate(milestones[:done]):
        day = late.get(number, milestone.due_date - dt.timedelta(days=2 + index % 5))
        if (day > CUT_OFF) != second:
            continue
        comment = _("%(milestone)s 완료: %(title)s") % {"milestone": milestone.title, "title": spec.title}
        _post(programme, author, day, result, milestones_done=[milestone.pk], comment=comment)
    if programme.kpis.exists():
        day = dt.date(YEAR, 11, 20) if second else dt.date(YEAR, 6, 20)
        actuals = {
            k.pk: (s.final if second else s.mid) for k, s in zip(programme.kpis.all(), spec.kpis, strict=True)
        }
        comment = _("성과지표 실적 갱신") if second else _("상반기 성과지표 실적")
        _post(programme, author, day, result, kpi_actuals=actuals, comment=comment)


# The contest: these entries, best first (the report's 우수성과 포상), judged by people from
# departments that entered nothing.
CONTEST_ENTRIES = (
    "2025-N01",
    "2025-F03",
    "2025-F02",
    "2025-F04",
    "2025-C01",
    "2025-C02",
    "2025-F08",
    "2025-C05",
)
JUDGE_TEAMS = ("총무팀", "법무감사팀", "계약팀", "보안점검팀")
CONTEST_TIERS = (("grand", 1), ("gold", 1), ("silver", 1), ("bronze", 1))


def _contest(plan: Plan, planner: Staff, programmes) -> None:
    """Entries, judges and scores through the services, then the awards decided."""
    contest = contest_create(
        plan=plan,
        by=planner,
        title="2025년 하반기 우수성과 공유대회",
        entries_close_on=dt.date(YEAR, 10, 31),
        criteria=[("성과의 탁월성", 40), ("확산 가능성", 30), ("혁신성", 30)],
    )
    by_code = {p.code: (p, owner) for p, _spec, owner in programmes}
    entries = [
        entry_submit(
            contest=contest, programme=by_code[code][0], by=by_code[code][1], today=dt.date(YEAR, 10, 15)
        )
        for code in CONTEST_ENTRIES
    ]
    judges = []
    for team in JUDGE_TEAMS:
        person = (
            Staff.objects.filter(department__name=team, is_active=True).order_by("employee_number").first()
        )
        if person is not None:
            judge_add(contest=contest, by=planner, staff=person)
            judges.append(person)
    criteria = list(contest.criteria.values_list("pk", flat=True))
    for j, judge in enumerate(judges):
        for r, entry in enumerate(entries):
            # Each judge has their own leniency (j × 3); the order is the same for all.
            values = {pk: 95 - 4 * r - 6 + j * 3 + (c + j + r) % 2 for c, pk in enumerate(criteria)}
            score_submit(entry=entry, judge_staff=judge, values=values)
    contest_decide(contest=contest, by=planner, tiers=CONTEST_TIERS)


def _proposals(planner: Staff, people: list[Staff]) -> dict[str, Proposal]:
    """The seven accepted proposals behind this year's 직원 제안 programmes (decided in 2024, so
    written directly: no notifications for decisions that were announced long ago), and two
    still waiting for review."""
    accepted = {}
    for number, (code, body) in enumerate(PROPOSALS.items()):
        spec = next(s for s in PROGRAMMES if s.code == code)
        accepted[code] = Proposal.objects.create(
            proposer=people[(number * 7) % len(people)],
            title=spec.title,
            body=body,
            status=Proposal.State.ACCEPTED,
            decision_reason=_("2025년 성과업무 프로그램 신규 과제로 채택"),
            decided_by=planner,
            decided_at=_at(dt.date(YEAR - 1, 12, 10)),
        )
    for number, (title, body) in enumerate(PENDING_PROPOSALS):
        Proposal.objects.create(proposer=people[(number * 13 + 3) % len(people)], title=title, body=body)
    return accepted


@transaction.atomic
def seed(*, scale: int = 1, stdout=None) -> SeedResult:
    """The performance module's demo seeder (order 40): the 2025 plan, its year and snapshot."""
    result = SeedResult()
    if Programme.objects.filter(plan__year=YEAR).exists():
        result.skipped = _("2025년 성과업무 계획이 이미 있어 그대로 두었습니다.")
    departments, planner, demo_owner = _departments(), _demo_staff("planner"), _demo_staff("owner")
    if not result.skipped and (planner is None or len(departments) < len({s.team for s in PROGRAMMES})):
        result.skipped = _("직원 명부 데모(부서, planner 계정)가 없어 성과업무 데모를 만들지 않았습니다.")
    if result.skipped:
        if stdout is not None:
            stdout.write(result.skipped)
        return result
    staff = _owners(departments)
    plan, _created = Plan.objects.get_or_create(year=YEAR, defaults={"title": "2025년 성과업무 프로그램"})
    everyone = [p for people in staff.values() for p in people]
    proposals = _proposals(planner, everyone)
    programmes = []
    for index, spec in enumerate(PROGRAMMES):
        department = departments[spec.team]
        people = staff[department.pk]
        owner = demo_owner if spec.by_demo_owner and demo_owner else people[index % len(people)]
        programme = programme_create(
            plan=plan,
            code=spec.code,
            title=spec.title,
            origin=spec.origin,
            department=department,
            owner=owner,
            co_owners=[p for p in people[1:2] if p != owner],
            description=_("%(title)s (%(team)s 주관)") % {"title": spec.title, "team": spec.team},
            weight=spec.weight,
            progress_mode=Programme.ProgressMode.KPI if spec.kpis else Programme.ProgressMode.MILESTONES,
            evaluation_item=spec.evaluation_item and f"'24년 기관 종합평가: {spec.evaluation_item}",
            proposal=proposals.get(spec.code),
            milestones=[
                MilestoneInput(title, due, weight)
                for title, due, weight in zip(spec.milestones, DUE_DATES, MILESTONE_WEIGHTS, strict=True)
            ],
            kpis=[
                KpiInput(name=k.name, unit=k.unit, baseline=k.baseline, target=k.target) for k in spec.kpis
            ],
        )
        programmes.append((programme, spec, owner))
    for index, (programme, spec, owner) in enumerate(programmes):
        _half(programme, spec, index, owner, result, second=False)
    snapshot = snapshot_take(plan=plan, by=planner, cut_off=CUT_OFF)
    Snapshot.objects.filter(pk=snapshot.pk).update(taken_at=_at(dt.date(YEAR, 7, 1), 10))
    result.snapshot_created = True
    for index, (programme, spec, owner) in enumerate(programmes):
        _half(programme, spec, index, owner, result, second=True)
    _contest(plan, planner, programmes)
    result.programmes_created = len(programmes)
    if stdout is not None:
        stdout.write(
            _("성과업무: 2025년 과제 %(programmes)s개, 추진 실적 %(updates)s건, 상반기 스냅숏 1개")
            % {"programmes": result.programmes_created, "updates": result.updates_created}
        )
    return result


# --- the living year: the current plan, with milestones done, overdue and due soon ----------------

# (code suffix, title, the demo owner's?) — origin 기타, so the report's 18 / 7 / 15 never move.
LIVE_PROGRAMMES = (
    ("L01", "엠피스봇 답변 근거 표시 기능 도입", True),
    ("L02", "장애 알림 사내 메신저 연동", True),
    ("L03", "신규 직원 온보딩 안내서 개편", False),
)
LIVE_MILESTONES = (  # title, days from today, weight (%)
    ("추진계획 수립", -20, 10),
    ("1차 구축", -7, 30),
    ("중간 점검", 10, 30),
    ("완료 보고", 60, 30),
)


def live_due_dates(today: dt.date) -> list[dt.date]:
    """Each milestone's due date, kept inside the plan year (its rule): early in January the
    first ones fall on 1 January, late in December the last ones on 31 December."""
    first, last = dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    return [min(max(today + dt.timedelta(days=days), first), last) for _t, days, _w in LIVE_MILESTONES]


@transaction.atomic
def seed_living(*, scale: int = 1, stdout=None, today: dt.date | None = None) -> int:
    """The current year's plan (the report's own when the demo runs in 2025) with three
    programmes, two of them the demo owner's: the first milestone done, the second overdue, the
    third due soon. Idempotent by code. The owners get today's overdue reminders at once, through
    the same service as the daily beat task: the demo's few current notifications."""
    from .services import programme_reminders_send

    today = today or timezone.localdate()
    year = today.year
    owner, planner = _demo_staff("owner"), _demo_staff("planner")
    if owner is None or planner is None:
        return 0
    plan, _created = Plan.objects.get_or_create(year=year, defaults={"title": f"{year}년 성과업무 프로그램"})
    if plan.is_closed:
        return 0
    colleagues = list(
        Staff.objects.filter(department=owner.department, is_active=True)
        .exclude(pk=owner.pk)
        .order_by("employee_number")
    )
    due = live_due_dates(today)
    created = 0
    for suffix, title, by_demo_owner in LIVE_PROGRAMMES:
        code = f"{year}-{suffix}"
        if Programme.objects.filter(plan=plan, code=code).exists():
            continue
        person = owner if by_demo_owner or not colleagues else colleagues[created % len(colleagues)]
        programme = programme_create(
            plan=plan,
            code=code,
            title=title,
            origin=Programme.Origin.OTHER,
            department=owner.department,
            owner=person,
            co_owners=[p for p in colleagues[:1] if p != person],
            description=_("%(title)s (%(team)s 주관)") % {"title": title, "team": owner.department.name},
            milestones=[
                MilestoneInput(name, day, weight)
                for (name, _days, weight), day in zip(LIVE_MILESTONES, due, strict=True)
            ],
        )
        first = programme.milestones.order_by("due_date", "pk").first()
        done_on = min(first.due_date, today)
        comment = _("%(milestone)s 완료: %(title)s") % {"milestone": first.title, "title": title}
        update = progress_update_post(
            programme=programme, author=person, today=done_on, milestones_done=[first.pk], comment=comment
        )
        ProgressUpdate.objects.filter(pk=update.pk).update(created_at=_at(done_on, 10))
        created += 1
    if created:
        programme_reminders_send(today=today)
        if stdout is not None:
            stdout.write(
                _("성과업무: %(year)s년 과제 %(count)s개 (완료 예정일이 지난 추진 일정 포함)")
                % {"year": year, "count": created}
            )
    created += seed_scaled(plan=plan, scale=scale, today=today, stdout=stdout)
    return created


# --- at scale > 1: the current plan grows with the agency ------------------------------------------

SCALED_PER_STEP = 5  # programmes added for each scale step above 1 (295 more at scale 60)
SCALED_MILESTONES = (
    ("추진계획 수립", 0, 10),
    ("1차 구축", 30, 30),
    ("중간 점검", 60, 30),
    ("완료 보고", 90, 30),
)


def seed_scaled(*, plan: Plan, scale: int, today: dt.date, stdout=None) -> int:
    """At ``--scale`` N > 1, ``SCALED_PER_STEP`` × (N − 1) more programmes in the current plan,
    one per department without one (in code order, owned by its first active person), so the
    plan's list is measured at the agency's size; scale 1 adds nothing. Their milestones fall due
    from today on (inside the plan year), so no reminder is due; every other one has its first
    milestone done. Idempotent by code (``<year>-S001`` …)."""
    wanted = SCALED_PER_STEP * (scale - 1)
    if wanted <= 0:
        return 0
    existing = set(Programme.objects.filter(plan=plan).values_list("code", flat=True))
    taken = set(Programme.objects.filter(plan=plan).values_list("department_id", flat=True))
    first, last = dt.date(plan.year, 1, 1), dt.date(plan.year, 12, 31)
    due = [min(max(today + dt.timedelta(days=days), first), last) for _t, days, _w in SCALED_MILESTONES]
    owners: dict[int, Staff] = {}
    people = (
        Staff.objects.filter(is_active=True, department__is_active=True)
        .exclude(department_id__in=taken)
        .select_related("department")
        .order_by("department__code", "employee_number")
    )
    for person in people.iterator(chunk_size=2000):
        owners.setdefault(person.department_id, person)
        if len(owners) >= wanted:
            break
    created = 0
    for number, owner in enumerate(owners.values(), start=1):
        code = f"{plan.year}-S{number:03d}"
        if code in existing:
            continue
        title = f"{owner.department.name} 업무 혁신 과제"
        programme = programme_create(
            plan=plan,
            code=code,
            title=title,
            origin=Programme.Origin.OTHER,
            department=owner.department,
            owner=owner,
            description=_("%(title)s (%(team)s 주관)") % {"title": title, "team": owner.department.name},
            milestones=[
                MilestoneInput(name, day, weight)
                for (name, _days, weight), day in zip(SCALED_MILESTONES, due, strict=True)
            ],
        )
        if number % 2:
            milestone = programme.milestones.order_by("due_date", "pk").first()
            comment = _("%(milestone)s 완료: %(title)s") % {"milestone": milestone.title, "title": title}
            progress_update_post(
                programme=programme,
                author=owner,
                today=today,
                milestones_done=[milestone.pk],
                comment=comment,
            )
        created += 1
    if created and stdout is not None:
        stdout.write(
            _("성과업무: 규모에 맞춘 %(year)s년 과제 %(count)s개 추가")
            % {"year": plan.year, "count": created}
        )
    return created


register_demo_seeder(DemoSeeder(key="performance", seed=seed, order=40))
register_demo_seeder(DemoSeeder(key="performance_living", seed=seed_living, order=45))
