"""Demo system-users' satisfaction surveys for seed_demo: the 2024 and 2025 정보체계 이용자 만족도 조사.

The agency's report (section 5, 국방정보시스템 만족도 제고) gives what the demo must show: the
questionnaire was redesigned from the ground up and the sample grew from 2,278 (2024) to 12,575
(2025) respondents, and the 2025 result rose 9.2 points over 2024. The report gives the change,
not the levels: the levels (``SYSTEM_SURVEYS[*].target``) are the demo's, chosen so the change is
exactly the report's under the results engine's definition (the overall score is the mean over
respondents of their mean 0–100 item score).

Every respondent answers every 5-point item, so the overall score is 25 · Σ(answer − 1) / (R · K):
answers are drawn from a small model (system, organisation, person and item effects) and then
single answers are moved one point until the sum is the one the target needs. The figures hold by
construction at any size. The redesign shows in the lineage: 2025 questions that continue a 2024
one compare year over year, two say the method changed, the rest are new.

Deterministic (seeded ``random.Random`` streams) and idempotent (areas, bank questions by code,
surveys by title and year). Bulk writes only: the respondent list with ``bulk_create``, answers
with COPY on PostgreSQL (``demo.AnswerRows``); the 2025 survey (half a million answers) seeds in
seconds. Question texts, systems and organisations are data, not interface text.
"""

import dataclasses
import datetime
import random
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from intranet.directory.models import Staff
from intranet.registry import DemoSeeder, register_demo_seeder

from .counts import results_counts_changed
from .demo import BATCH_SIZE, RESPONDENT_CHUNK, AnswerRows, BankSpec, _aware
from .models import (
    Area,
    BankQuestion,
    ExternalRespondent,
    QuestionKind,
    Response,
    Section,
    Survey,
    SurveyQuestion,
)
from .respondents import respondent_groups_generalise, respondent_new

SEED = 20250505
L5, SINGLE, TEXT = QuestionKind.LIKERT5, QuestionKind.SINGLE, QuestionKind.TEXT

AREAS = [
    ("sys-quality", "시스템 품질"),
    ("sys-information", "정보 품질"),
    ("sys-service", "서비스·지원 품질"),
    ("sys-usability", "사용 편의성"),
    ("sys-overall", "전반적 만족"),
]
AREA_ORDER_FROM = 20  # after the culture surveys' areas

# (system, share of users, lasting effect on its score)
SYSTEMS = [
    ("국방재정정보체계", 0.16, 1.5),
    ("군수통합정보체계", 0.18, -1.0),
    ("국방인사정보체계", 0.14, 0.5),
    ("국방전자조달체계", 0.08, 2.0),
    ("국방시설정보체계", 0.07, -2.0),
    ("국방탄약정보체계", 0.05, 0.0),
    ("국방수송정보체계", 0.06, -0.5),
    ("국방물자정보체계", 0.09, 1.0),
    ("국방동원정보체계", 0.07, -1.5),
    ("국방의료정보체계", 0.10, 0.8),
]
ORGANISATIONS = [("육군", 0.52), ("해군", 0.14), ("공군", 0.16), ("해병대", 0.05), ("국방부·직할부대", 0.13)]
ORGANISATION_EFFECT = {"육군": 0.0, "해군": 1.0, "공군": 1.5, "해병대": -1.0, "국방부·직할부대": 0.5}


Item = BankSpec  # the culture demo's bank entry: code, text, kind, area, choices, lineage


ITEMS_2024 = [
    Item("sys24-q01", "정보체계가 안정적으로 동작한다.", area="sys-quality"),
    Item("sys24-q02", "정보체계의 처리 속도가 만족스럽다.", area="sys-quality"),
    Item("sys24-q03", "장애가 나면 빨리 복구된다.", area="sys-quality"),
    Item("sys24-q04", "필요한 정보를 정확하게 제공한다.", area="sys-information"),
    Item("sys24-q05", "정보가 최신 상태로 유지된다.", area="sys-information"),
    Item("sys24-q06", "출력물과 보고서가 업무에 도움이 된다.", area="sys-information"),
    Item("sys24-q07", "문의하면 친절하게 답해 준다.", area="sys-service"),
    Item("sys24-q08", "요청한 개선 사항이 반영된다.", area="sys-service"),
    Item("sys24-q09", "사용자 교육이 충분하다.", area="sys-service"),
    Item("sys24-q10", "화면 구성이 알기 쉽다.", area="sys-usability"),
    Item("sys24-q11", "처음 쓰는 사람도 쉽게 배울 수 있다.", area="sys-usability"),
    Item("sys24-q12", "정보체계에 전반적으로 만족한다.", area="sys-overall"),
    Item("sys24-q13", "다른 사용자에게 이 체계를 권하겠다.", area="sys-overall"),
    Item("sys24-q14", "개선이 필요한 점을 적어 주세요.", kind=TEXT),
]

# The 2025 questionnaire: redesigned (report: 설문을 전면 재설계). ``continues`` keeps the lineage.
_Q = "sys25-q"
ITEMS_2025 = [
    # 시스템 품질
    Item(
        f"{_Q}01", "정보체계가 업무 시간 중에 안정적으로 동작한다.", area="sys-quality", continues="sys24-q01"
    ),
    Item(f"{_Q}02", "화면 조회와 저장의 처리 속도가 만족스럽다.", area="sys-quality", continues="sys24-q02"),
    Item(
        f"{_Q}03",
        "장애가 나면 공지되고 약속한 시간 안에 복구된다.",
        area="sys-quality",
        continues="sys24-q03",
        method_changed=True,
    ),
    Item(f"{_Q}04", "접속과 로그인이 번거롭지 않다.", area="sys-quality"),
    Item(f"{_Q}05", "야간·주말에도 필요한 기능을 쓸 수 있다.", area="sys-quality"),
    Item(f"{_Q}06", "보안 조치가 업무를 지나치게 방해하지 않는다.", area="sys-quality"),
    Item(f"{_Q}07", "다른 체계와 자료 연계가 원활하다.", area="sys-quality"),
    Item(f"{_Q}08", "체계 점검 일정이 미리 안내된다.", area="sys-quality"),
    # 정보 품질
    Item(f"{_Q}09", "필요한 정보를 정확하게 제공한다.", area="sys-information", continues="sys24-q04"),
    Item(f"{_Q}10", "정보가 최신 상태로 유지된다.", area="sys-information", continues="sys24-q05"),
    Item(
        f"{_Q}11", "보고서와 통계가 업무 판단에 도움이 된다.", area="sys-information", continues="sys24-q06"
    ),
    Item(f"{_Q}12", "같은 자료가 화면마다 다르게 나오지 않는다.", area="sys-information"),
    Item(f"{_Q}13", "필요한 자료를 엑셀 등으로 쉽게 내려받을 수 있다.", area="sys-information"),
    Item(f"{_Q}14", "용어와 코드가 이해하기 쉽다.", area="sys-information"),
    Item(f"{_Q}15", "입력한 자료의 오류를 체계가 미리 알려 준다.", area="sys-information"),
    Item(f"{_Q}16", "검색으로 원하는 정보를 빨리 찾을 수 있다.", area="sys-information"),
    # 서비스·지원 품질
    Item(f"{_Q}17", "문의하면 친절하고 정확하게 답해 준다.", area="sys-service", continues="sys24-q07"),
    Item(
        f"{_Q}18", "요청한 개선 사항이 반영되고 결과를 알려 준다.", area="sys-service", continues="sys24-q08"
    ),
    Item(
        f"{_Q}19",
        "사용자 교육(집합·온라인)이 업무에 충분하다.",
        area="sys-service",
        continues="sys24-q09",
        method_changed=True,
    ),
    Item(f"{_Q}20", "상담 창구(전화·게시판)에 쉽게 연결된다.", area="sys-service"),
    Item(f"{_Q}21", "문의 처리 진행 상황을 확인할 수 있다.", area="sys-service"),
    Item(f"{_Q}22", "사용 설명서와 도움말이 최신이다.", area="sys-service"),
    Item(f"{_Q}23", "체계 변경 사항이 미리 충분히 안내된다.", area="sys-service"),
    Item(f"{_Q}24", "체계별 게시판의 개선 내용 안내가 유익하다.", area="sys-service"),
    # 사용 편의성
    Item(f"{_Q}25", "화면 구성이 알기 쉽다.", area="sys-usability", continues="sys24-q10"),
    Item(f"{_Q}26", "처음 쓰는 사람도 쉽게 배울 수 있다.", area="sys-usability", continues="sys24-q11"),
    Item(f"{_Q}27", "자주 쓰는 업무를 적은 단계로 처리할 수 있다.", area="sys-usability"),
    Item(f"{_Q}28", "오류 메시지가 무엇을 고쳐야 하는지 알려 준다.", area="sys-usability"),
    Item(f"{_Q}29", "글자 크기와 화면 배치가 읽기 편하다.", area="sys-usability"),
    Item(f"{_Q}30", "키보드만으로도 주요 업무를 처리할 수 있다.", area="sys-usability"),
    Item(f"{_Q}31", "같은 자료를 여러 번 입력하지 않아도 된다.", area="sys-usability"),
    Item(f"{_Q}32", "업무 흐름에 맞게 메뉴가 구성되어 있다.", area="sys-usability"),
    # 전반적 만족
    Item(f"{_Q}33", "정보체계에 전반적으로 만족한다.", area="sys-overall", continues="sys24-q12"),
    Item(f"{_Q}34", "다른 사용자에게 이 체계를 권하겠다.", area="sys-overall", continues="sys24-q13"),
    Item(f"{_Q}35", "작년보다 체계가 나아졌다고 느낀다.", area="sys-overall"),
    Item(f"{_Q}36", "체계 덕분에 업무 시간이 줄었다.", area="sys-overall"),
    Item(f"{_Q}37", "체계 운영 기관을 신뢰한다.", area="sys-overall"),
    Item(f"{_Q}38", "앞으로도 이 체계를 계속 쓰고 싶다.", area="sys-overall"),
    Item(
        f"{_Q}39",
        "가장 먼저 개선되기를 바라는 것은 무엇입니까?",
        kind=SINGLE,
        choices=("처리 속도", "화면·사용 편의", "자료 정확성", "교육·도움말", "상담·지원", "기타"),
    ),
    Item(f"{_Q}40", "개선이 필요한 점을 적어 주세요.", kind=TEXT, continues="sys24-q14"),
]


@dataclass(frozen=True)
class SystemSurveySpec:
    title: str
    year: int
    respondents: int
    target: float  # overall score; the report fixes only the change between the years
    items: tuple[Item, ...]
    opens: datetime.date
    closes: datetime.date
    previous_title: str | None = None


SURVEY_2024 = SystemSurveySpec(
    title="2024년 정보체계 이용자 만족도 조사",
    year=2024,
    respondents=2278,  # report §5: ('24) 2,278명
    target=76.40,
    items=tuple(ITEMS_2024),
    opens=datetime.date(2024, 9, 2),
    closes=datetime.date(2024, 9, 27),
)
SURVEY_2025 = SystemSurveySpec(
    title="2025년 정보체계 이용자 만족도 조사",
    year=2025,
    respondents=12575,  # report §5: ('25) 12,575명
    target=85.60,  # report §5: 전년 대비 향상(9.2점)
    items=tuple(ITEMS_2025),
    opens=datetime.date(2025, 9, 1),
    closes=datetime.date(2025, 9, 26),
    previous_title=SURVEY_2024.title,
)
SYSTEM_SURVEYS = (SURVEY_2024, SURVEY_2025)
REPORT_CHANGE = 9.2
DESCRIPTION = (
    "국방 정보체계를 쓰시는 분들께 체계의 품질과 지원 서비스에 대한 의견을 여쭙니다. "
    "응답은 익명으로 처리되며, 결과는 체계별 개선 과제로 이어집니다."
)
TEXTS = (
    "조회 화면이 자주 멈춥니다.",
    "엑셀 내려받기가 편해졌습니다.",
    "야간 점검 안내를 더 일찍 해 주세요.",
    "교육 영상이 도움이 되었습니다.",
    "같은 자료를 두 번 입력하는 화면이 남아 있습니다.",
    "상담 전화 연결이 빨라졌습니다.",
)


def _weighted(rng: random.Random, pairs, count: int) -> list:
    names = [p[0] for p in pairs]
    weights = [p[1] for p in pairs]
    return rng.choices(names, weights=weights, k=count)


def plan_answers(spec: SystemSurveySpec) -> tuple[list[tuple[str, str]], list[list[int]]]:
    """Each respondent's (system, organisation) and 5-point answers to the scored items, their sum
    set so that the overall score equals ``spec.target`` to the rounding the page shows."""
    rng = random.Random(f"{SEED}:{spec.year}")
    count = spec.respondents
    systems = _weighted(rng, [(s, w) for s, w, _e in SYSTEMS], count)
    organisations = _weighted(rng, ORGANISATIONS, count)
    effects = {s: e for s, _w, e in SYSTEMS}
    scored = [i for i in spec.items if i.kind == L5]
    item_effect = [random.Random(f"{SEED}:item:{i.code}").gauss(0, 3.0) for i in scored]
    rows = []
    for system, organisation in zip(systems, organisations, strict=True):
        person = rng.gauss(0, 9.0) + effects[system] + ORGANISATION_EFFECT[organisation]
        row = []
        for effect in item_effect:
            p = min(max(spec.target + person + effect, 2.0), 99.0) / 100
            row.append(1 + sum(rng.random() < p for _k in range(4)))
        rows.append(row)
    # Σ(answer − 1) that makes 25 · Σ / (R · K) the target; move single answers by one to reach it.
    items = len(scored)
    if 25 / (count * items) / 2 >= 0.004:  # one answer would move the score past the rounding
        raise ValueError(_("응답자가 너무 적어 목표 점수를 맞출 수 없습니다."))
    wanted = round(spec.target * count * items / 25)
    total = sum(v - 1 for row in rows for v in row)
    step = 1 if wanted > total else -1
    while total != wanted:
        r, j = rng.randrange(count), rng.randrange(items)
        value = rows[r][j] + step
        if 1 <= value <= 5:
            rows[r][j] = value
            total += step
    return list(zip(systems, organisations, strict=True)), rows


def overall_of(rows: list[list[int]]) -> float:
    """The engine's overall score of ``rows`` (every respondent answered every item)."""
    return sum(sum((v - 1) * 25 for v in row) / len(row) for row in rows) / len(rows)


def seed_areas_and_bank() -> dict[str, BankQuestion]:
    existing = {a.code for a in Area.objects.filter(code__in=[c for c, _n in AREAS])}
    Area.objects.bulk_create(
        Area(code=code, name=name, order=AREA_ORDER_FROM + i)
        for i, (code, name) in enumerate(AREAS)
        if code not in existing
    )
    areas = {a.code: a for a in Area.objects.filter(code__in=[c for c, _n in AREAS])}
    bank = {
        b.code: b for b in BankQuestion.objects.filter(code__in=[i.code for i in ITEMS_2024 + ITEMS_2025])
    }
    for item in ITEMS_2024 + ITEMS_2025:  # a continuing question after the one it continues
        if item.code not in bank:
            bank[item.code] = BankQuestion.objects.create(
                code=item.code,
                text=item.text,
                kind=item.kind,
                area=areas[item.area] if item.area else None,
                choices=list(item.choices),
                continues=bank[item.continues] if item.continues else None,
                method_changed=item.method_changed,
            )
    return bank


def seed_system_survey(spec: SystemSurveySpec, bank: dict[str, BankQuestion]) -> Survey | None:
    """One closed external survey with its respondent list and answers; None if it exists."""
    if Survey.objects.filter(title=spec.title, year=spec.year).exists():
        return None
    people, rows = plan_answers(spec)
    survey = Survey.objects.create(
        title=spec.title,
        year=spec.year,
        description=DESCRIPTION,
        mode=Survey.Mode.ANONYMOUS,
        status=Survey.Status.CLOSED,
        opens_at=_aware(spec.opens, 9),
        closes_at=_aware(spec.closes, 18),
        audience_all=False,
        audience_external=True,
        previous=Survey.objects.filter(title=spec.previous_title).first() if spec.previous_title else None,
        launched_at=_aware(spec.opens, 9),
        created_by=Staff.objects.filter(user__username="surveys").first(),
    )
    sections = {}
    for order, (code, name) in enumerate(AREAS, 1):
        sections[code] = Section.objects.create(survey=survey, title=name, order=order)
    sections[None] = Section.objects.create(survey=survey, title="의견", order=len(AREAS) + 1)
    SurveyQuestion.objects.bulk_create(
        SurveyQuestion(
            survey=survey,
            section=sections[item.area],
            bank_question=bank[item.code],
            order=j,
            required=item.kind == L5,
        )
        for j, item in enumerate(spec.items)
    )
    ids = dict(SurveyQuestion.objects.filter(survey=survey).values_list("bank_question__code", "pk"))
    scored = [ids[i.code] for i in spec.items if i.kind == L5]
    single = [(ids[i.code], len(i.choices)) for i in spec.items if i.kind == SINGLE]
    texts = [ids[i.code] for i in spec.items if i.kind == TEXT]

    # The list: everyone answered (the report counts respondents); addresses are the demo's.
    ExternalRespondent.objects.bulk_create(
        (
            respondent_new(
                survey=survey, email=f"user{n:05d}.{spec.year}@mnd.example", system=s, organisation=o
            )
            for n, (s, o) in enumerate(people)
        ),
        batch_size=BATCH_SIZE,
    )
    ExternalRespondent.objects.filter(survey=survey).update(
        has_submitted=True, invited_on=spec.opens, reminders_sent=1
    )

    rng = random.Random(f"{SEED}:{spec.year}:extra")
    order = list(range(spec.respondents))
    rng.shuffle(order)  # nothing on the answer side follows the list's order
    writer = AnswerRows()
    for start in range(0, len(order), RESPONDENT_CHUNK * 4):
        responses, answers = [], []
        for r in order[start : start + RESPONDENT_CHUNK * 4]:
            response = Response(
                id=uuid.uuid4(),
                survey=survey,
                submitted_on=spec.closes,  # written sealed, as closing does (anonymity.py)
                system=people[r][0],
                organisation=people[r][1],
            )
            responses.append(response)
            key = writer.key(response.id)
            answers.extend(
                writer.row(key, qid, value, (), "") for qid, value in zip(scored, rows[r], strict=True)
            )
            answers.extend(writer.row(key, qid, rng.randrange(n), (), "") for qid, n in single)
            if rng.random() < 0.12:
                answers.extend(writer.row(key, qid, None, (), rng.choice(TEXTS)) for qid in texts)
        Response.objects.bulk_create(responses, batch_size=BATCH_SIZE)
        writer.insert(answers)
        results_counts_changed(survey.pk)
    # As closing through the engine does: small systems and organisations merged; the rows above are
    # already in a random order under random keys with the closing date, the rest of the seal.
    respondent_groups_generalise(survey=survey)
    return survey


def seed(*, scale: int = 1, stdout=None) -> list[Survey]:
    """The system-users' surveys' demo seeder: the report's size at any scale. The test settings
    shrink it (``IEUM_DEMO_SYSTEM_SURVEY_FRACTION``) so that every seed_demo in the suite does not
    write half a million answers."""
    fraction = getattr(settings, "IEUM_DEMO_SYSTEM_SURVEY_FRACTION", 1.0)
    specs = [
        dataclasses.replace(spec, respondents=round(spec.respondents * fraction)) if fraction != 1.0 else spec
        for spec in SYSTEM_SURVEYS
    ]
    bank = seed_areas_and_bank()
    made = [s for s in (seed_system_survey(spec, bank) for spec in specs) if s is not None]
    if stdout is not None:
        for survey in made:
            stdout.write(
                _("설문: %(title)s (외부 응답자 %(count)s명)")
                % {"title": survey.title, "count": f"{survey.external_respondents.count():,}"}
            )
    return made


register_demo_seeder(DemoSeeder(key="surveys_system_users", seed=seed, order=32))
