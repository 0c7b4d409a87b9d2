"""The demo 2025 external learning: the 16 conferences and seminars staff attended (the annual
report names REAL Summit 2025 and K-AI PaaS Summit 2025; the others are typical of the year's AI,
cloud and cyber-security themes) and the professional certificates staff earned.

Records go through the services (submit, approve) so their rules and history hold for demo data
too, then are dated as they happened. A few certificates expire within 30 days of the day the demo
is seeded, so the expiry reminder has something to send; that is the one part that depends on the
date. A database that already has 2025 records is left exactly as it is. Titles are data, not
interface text.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.directory.models import Staff
from intranet.registry import DemoSeeder, register_demo_seeder

from .models import ExternalRecord, RecordEvent
from .services import RecordInput, record_approve, record_return, record_submit

YEAR = 2025
SEOUL = ZoneInfo("Asia/Seoul")
CONFERENCE, CERTIFICATE = ExternalRecord.Kind.CONFERENCE, ExternalRecord.Kind.CERTIFICATE

# (title, organiser, start, end, hours): 16 attended in 2025 (annual report, section 7).
CONFERENCES = [
    ("REAL Summit 2025", "REAL Summit 조직위원회", dt.date(2025, 3, 19), dt.date(2025, 3, 20), "14"),
    ("K-AI PaaS Summit 2025", "한국지능정보사회진흥원", dt.date(2025, 4, 24), dt.date(2025, 4, 24), "7"),
    ("AWS Summit Seoul 2025", "아마존웹서비스코리아", dt.date(2025, 5, 14), dt.date(2025, 5, 15), "14"),
    ("국방 사이버보안 컨퍼런스 2025", "국군방첩사령부", dt.date(2025, 6, 11), dt.date(2025, 6, 11), "6"),
    ("공공 클라우드 전환 세미나", "행정안전부", dt.date(2025, 2, 26), dt.date(2025, 2, 26), "4"),
    ("생성형 AI 공공 활용 포럼", "한국정보화진흥원", dt.date(2025, 3, 6), dt.date(2025, 3, 6), "4"),
    ("ISEC 2025 정보보호 컨퍼런스", "보안뉴스", dt.date(2025, 8, 27), dt.date(2025, 8, 28), "12"),
    ("국방 RMF 기술 워크숍", "국방부", dt.date(2025, 7, 8), dt.date(2025, 7, 9), "12"),
    ("오픈소스 sLLM 실무 세미나", "정보통신산업진흥원", dt.date(2025, 5, 29), dt.date(2025, 5, 29), "6"),
    ("제로트러스트 보안 세미나", "한국인터넷진흥원", dt.date(2025, 9, 17), dt.date(2025, 9, 17), "5"),
    ("데이터 기반 행정 컨퍼런스", "행정안전부", dt.date(2025, 10, 15), dt.date(2025, 10, 15), "6"),
    ("Kubernetes Community Day Seoul", "CNCF 한국 커뮤니티", dt.date(2025, 6, 21), dt.date(2025, 6, 21), "7"),
    ("개인정보보호 실무 세미나", "개인정보보호위원회", dt.date(2025, 4, 9), dt.date(2025, 4, 9), "4"),
    ("AI-RPA 자동화 세미나", "한국RPA협회", dt.date(2025, 9, 3), dt.date(2025, 9, 3), "4"),
    ("국방 정보화 발전 세미나", "국방정보화협회", dt.date(2025, 11, 5), dt.date(2025, 11, 5), "6"),
    ("공공 모바일 서비스 UX 세미나", "한국디자인진흥원", dt.date(2025, 10, 22), dt.date(2025, 10, 22), "4"),
]


@dataclass(frozen=True)
class Cert:
    title: str
    issuer: str
    acquired: dt.date
    valid_years: int | None  # None: no expiry
    hours: str = "0"
    expires_in_days: int | None = None  # expires this many days after seeding (reminder demo)


CERTIFICATES = [
    Cert("정보보안기사", "한국인터넷진흥원", dt.date(2025, 6, 27), None, "10"),
    Cert("정보처리기사", "한국산업인력공단", dt.date(2025, 9, 12), None, "10"),
    Cert("빅데이터분석기사", "한국데이터산업진흥원", dt.date(2025, 7, 18), None, "10"),
    Cert("SQLD", "한국데이터산업진흥원", dt.date(2025, 4, 11), None, "5"),
    Cert(
        "AWS Certified Solutions Architect – Associate", "Amazon Web Services", dt.date(2025, 3, 28), 3, "5"
    ),
    Cert("CKA (Certified Kubernetes Administrator)", "The Linux Foundation", dt.date(2025, 8, 8), 2, "5"),
    Cert("PMP", "PMI", dt.date(2022, 12, 2), 3, "0", expires_in_days=12),
    Cert("CISA", "ISACA", dt.date(2022, 12, 20), 3, "0", expires_in_days=25),
    Cert("정보시스템감리사", "한국정보화진흥원", dt.date(2025, 11, 28), None, "10"),
]


@dataclass
class SeedResult:
    conferences: int = 0
    certificates: int = 0
    skipped: str = ""


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=SEOUL)


def _demo_staff(username: str) -> Staff | None:
    user = User.objects.filter(username=username).select_related("staff").first()
    return getattr(user, "staff", None) if user else None


def _evidence(title: str) -> ContentFile:
    body = f"%PDF-1.4\n% demo evidence: {title}\n%%EOF\n".encode()
    return ContentFile(body, name="certificate.pdf")


def _backdate(record: ExternalRecord, submitted: dt.date, reviewed: dt.date | None) -> None:
    ExternalRecord.objects.filter(pk=record.pk).update(
        submitted_at=_at(submitted), **({"reviewed_at": _at(reviewed, 15)} if reviewed else {})
    )
    RecordEvent.objects.filter(record=record, action=RecordEvent.Action.SUBMITTED).update(at=_at(submitted))
    if reviewed:
        RecordEvent.objects.filter(record=record).exclude(action=RecordEvent.Action.SUBMITTED).update(
            at=_at(reviewed, 15)
        )


@transaction.atomic
def seed(*, scale: int = 1, stdout=None) -> SeedResult:
    """The external learning demo seeder (order 60): 16 conferences and the certificates."""
    result = SeedResult()
    reviewer = _demo_staff("learning")
    people = list(
        Staff.objects.filter(is_active=True)
        .exclude(pk=getattr(reviewer, "pk", None))
        .order_by("employee_number")[:40]
    )
    if ExternalRecord.objects.filter(learned_on__year=YEAR).exists():
        result.skipped = _("2025년 외부 학습 기록이 이미 있어 그대로 두었습니다.")
    elif reviewer is None or len(people) < 5:
        result.skipped = _("직원 명부 데모(learning 계정)가 없어 외부 학습 데모를 만들지 않았습니다.")
    if result.skipped:
        if stdout is not None:
            stdout.write(result.skipped)
        return result
    me = _demo_staff("staff")
    if me is not None:
        people = [me, *[p for p in people if p.pk != me.pk]]
    today = timezone.localdate()
    for index, (title, organiser, start, end, hours) in enumerate(CONFERENCES):
        person = people[(index * 7) % len(people)]
        data = RecordInput(
            kind=CONFERENCE,
            title=title,
            organiser=organiser,
            hours=Decimal(hours),
            start_date=start,
            end_date=end,
        )
        record = record_submit(staff=person, data=data, evidence=_evidence(title))
        record_approve(record=record, by=reviewer, notify=False)
        _backdate(record, end + dt.timedelta(days=2), end + dt.timedelta(days=5))
        result.conferences += 1
    for index, cert in enumerate(CERTIFICATES):
        person = people[(index * 5 + 1) % len(people)] if cert.expires_in_days is None or me is None else me
        if cert.expires_in_days is not None:
            expires = today + dt.timedelta(days=cert.expires_in_days)
            acquired = expires - dt.timedelta(days=365 * cert.valid_years)
        else:
            acquired = cert.acquired
            expires = acquired + dt.timedelta(days=365 * cert.valid_years) if cert.valid_years else None
        data = RecordInput(
            kind=CERTIFICATE,
            title=cert.title,
            organiser=cert.issuer,
            hours=Decimal(cert.hours),
            certificate_number=f"{YEAR}-{index + 1:04d}-{person.employee_number}",
            acquired_on=acquired,
            expires_on=expires,
        )
        record = record_submit(staff=person, data=data, evidence=_evidence(cert.title))
        submitted = max(acquired, dt.date(YEAR, 1, 2)) + dt.timedelta(days=3)
        if index == len(CERTIFICATES) - 1:  # the newest waits in the queue
            _backdate(record, min(submitted, today), None)
        elif index == 3:  # one returned for a clearer scan, so the correction path shows
            record_return(
                record=record,
                by=reviewer,
                reason="합격증 사본이 흐려 번호가 보이지 않습니다. 다시 올려 주세요.",
                notify=False,
            )
            _backdate(record, submitted, submitted + dt.timedelta(days=2))
        else:
            record_approve(record=record, by=reviewer, notify=False)
            _backdate(record, min(submitted, today), min(submitted + dt.timedelta(days=2), today))
        result.certificates += 1
    if stdout is not None:
        stdout.write(
            _("외부 학습: 2025년 컨퍼런스·세미나 %(conferences)s건, 자격증 %(certificates)s건")
            % {"conferences": result.conferences, "certificates": result.certificates}
        )
    seed_scaled(reviewer=reviewer, scale=scale, stdout=stdout)
    return result


# --- at scale > 1: the records of an agency of that size ---------------------------------------------

SCALED_PER_STEP = 20  # approved conference records added for each scale step above 1


def seed_scaled(*, reviewer: Staff, scale: int, stdout=None) -> int:
    """At ``--scale`` N > 1, ``SCALED_PER_STEP`` × (N − 1) approved conference records of the two
    years before the report's (1,180 at scale 60), one person each, so the records' lists are
    measured at the agency's size; scale 1 adds nothing. Written in bulk (demo rows: no review
    history, no notification); their evidence is one shared demo file. Idempotent: skipped when
    those years already hold conference records."""
    wanted = SCALED_PER_STEP * (scale - 1)
    years = (YEAR - 1, YEAR - 2)
    done = ExternalRecord.objects.filter(kind=CONFERENCE, learned_on__year__in=years)
    if wanted <= 0 or done.exists():
        return 0
    people = list(
        Staff.objects.filter(is_active=True).exclude(pk=reviewer.pk).order_by("employee_number")[:wanted]
    )
    if not people:
        return 0
    evidence = ExternalRecord._meta.get_field("evidence")
    name = evidence.storage.save(
        evidence.generate_filename(ExternalRecord(staff=reviewer), "conference.pdf"),
        _evidence("demo conference"),
    )
    rows = []
    for number, person in enumerate(people):
        title, organiser, start, end, hours = CONFERENCES[number % len(CONFERENCES)]
        shift = dt.timedelta(days=365 * (1 + number % 2))
        start, end = start - shift, end - shift
        reviewed = _at(end + dt.timedelta(days=5), 15)
        rows.append(
            ExternalRecord(
                staff=person,
                kind=CONFERENCE,
                title=title.replace(str(YEAR), str(start.year)),
                organiser=organiser,
                start_date=start,
                end_date=end,
                hours=Decimal(hours),
                learned_on=end,
                evidence=name,
                status=ExternalRecord.Status.APPROVED,
                reviewed_by=reviewer,
                reviewed_at=reviewed,
                submitted_at=_at(end + dt.timedelta(days=2)),
            )
        )
    ExternalRecord.objects.bulk_create(rows, batch_size=1000)
    if stdout is not None:
        stdout.write(_("외부 학습: 규모에 맞춘 지난 2년 기록 %(count)s건 추가") % {"count": len(rows)})
    return len(rows)


register_demo_seeder(DemoSeeder(key="learning_records", seed=seed, order=60))
