"""Demo culture surveys for seed_demo: the 2024 and 2025 내부직원 만족도 조사.

The agency's report gives the figures (86.23 → 86.4 points, leadership ranked first in 2025), so
the demo must show exactly those under the results engine's definition, at any scale. Answers are
drawn from a small model (area, division, team, grade, person and item effects), the model is
calibrated to the target, and then single answers are moved one point at a time until the
overall score is within half a step of the target: the figures hold by construction, not by luck.

Deterministic (``random.Random`` streams with fixed seeds, people in employee-number order) and
idempotent: areas and bank questions are keyed by code, surveys by title and year, improvement
tasks by survey and title; a survey that exists is left exactly as it is. Question texts and
comments are data, not interface text, so they are not translated.
"""

import datetime
import functools
import math
import random
import uuid
from dataclasses import dataclass, field

from django.db import connections, router
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.directory.models import Department, Staff
from intranet.korean import format_korean_date
from intranet.registry import DemoSeeder, register_demo_seeder

from .anonymity import survey_answers_seal
from .counts import results_counts_changed
from .models import (
    SCALE_POINTS,
    Answer,
    Area,
    AudienceMember,
    BankQuestion,
    ImprovementTask,
    QuestionKind,
    Response,
    Section,
    Survey,
    SurveyQuestion,
)

SEED = 20250101
BATCH_SIZE = 1000
RESPONDENT_CHUNK = 500  # responses written per round, so memory stays flat at scale 60
# With fewer people one answer moves the overall score by more than the rounding allows, so the
# report's figures could not be matched exactly (the directory's scale 1 has about 300).
MIN_AUDIENCE = 150
L5, L7, SINGLE, MULTIPLE, ENPS, TEXT = (
    QuestionKind.LIKERT5,
    QuestionKind.LIKERT7,
    QuestionKind.SINGLE,
    QuestionKind.MULTIPLE,
    QuestionKind.ENPS,
    QuestionKind.TEXT,
)

AREAS = [
    ("leadership", "리더십"),
    ("communication", "소통"),
    ("environment", "근무환경"),
    ("growth", "성장·교육"),
    ("welfare", "보상·복지"),
    ("culture", "조직문화"),
]
AREA_NAMES = dict(AREAS)


@dataclass(frozen=True)
class BankSpec:
    code: str
    text: str
    kind: str = L5
    area: str | None = None
    choices: tuple[str, ...] = ()
    continues: str | None = None
    method_changed: bool = False
    archived: bool = False  # retired from the bank: kept for the surveys that used it


PRIORITY_CHOICES = tuple(name for _code, name in AREAS) + ("기타",)
CHANNEL_CHOICES = ("이음 공지·게시판", "카드뉴스", "소통간담회·워크숍", "부서 회의", "메신저·이메일")
PROGRAMME_CHOICES = (
    "전입직원 교육",
    "소통간담회",
    "원장 단상",
    "워크숍",
    "학습 동호회",
    "전문가 초빙강연",
    "참여한 프로그램 없음",
)
FLEX_CHOICES = (
    "시차출퇴근제",
    "재택근무",
    "선택근무제",
    "맞춤형 복지포인트",
    "건강검진 확대",
    "이용하지 않음",
)

BANK = [
    # 리더십
    BankSpec("sat-lead-01", "나의 상사는 업무 방향과 목표를 명확하게 제시한다.", area="leadership"),
    BankSpec("sat-lead-02", "나의 상사는 구성원의 의견을 경청하고 존중한다.", area="leadership"),
    BankSpec("sat-lead-03", "나의 상사는 업무 성과를 공정하게 평가하고 인정한다.", area="leadership"),
    BankSpec(
        "sat-lead-04", "기관장은 기관의 비전과 경영 방침을 직원들과 적극적으로 공유한다.", area="leadership"
    ),
    BankSpec("sat-lead-05", "경영진은 직원의 고충과 건의 사항을 해결하려고 노력한다.", area="leadership"),
    BankSpec("sat-lead-06", "나의 상사는 업무 수행에 필요한 권한을 적절히 위임한다.", area="leadership"),
    # 소통
    BankSpec("sat-comm-01", "부서 내 구성원 간 의사소통이 원활하다.", area="communication"),
    BankSpec("sat-comm-02", "다른 부서와 협업할 때 필요한 정보를 쉽게 얻을 수 있다.", area="communication"),
    BankSpec("sat-comm-03", "기관의 주요 정책과 결정 사항이 직원들에게 제때 전달된다.", area="communication"),
    BankSpec("sat-comm-04", "나는 자유롭게 의견이나 문제를 제기할 수 있다.", area="communication"),
    BankSpec(
        "sat-comm-05", "소통간담회, 워크숍 등 소통 프로그램이 실질적으로 도움이 된다.", area="communication"
    ),
    BankSpec("sat-comm-06", "상급자와 하급자 사이의 소통이 수평적으로 이루어진다.", area="communication"),
    # 근무환경
    BankSpec("sat-env-01", "나의 업무량은 적정한 수준이다.", area="environment"),
    BankSpec("sat-env-02", "업무에 필요한 장비와 정보시스템이 충분히 지원된다.", area="environment"),
    BankSpec("sat-env-03", "사무 공간과 시설이 쾌적하고 안전하다.", area="environment"),
    BankSpec("sat-env-04", "유연근무, 휴가 등을 눈치 보지 않고 사용할 수 있다.", area="environment"),
    BankSpec("sat-env-05", "일과 생활의 균형이 잘 유지되고 있다.", area="environment"),
    BankSpec(
        "sat-env-06",
        "보안 규정과 업무 절차가 업무 효율을 크게 떨어뜨리지 않는다.",
        area="environment",
        archived=True,
    ),
    # 성장·교육
    BankSpec("sat-grow-01", "직무 역량을 높이는 데 필요한 교육 기회가 충분하다.", area="growth"),
    BankSpec("sat-grow-02", "정보화 교육 프로그램은 실제 업무에 도움이 된다.", area="growth"),
    BankSpec("sat-grow-03", "나는 이 기관에서 전문가로 성장할 수 있다고 생각한다.", area="growth"),
    BankSpec("sat-grow-04", "AI·클라우드 등 신기술을 배우고 업무에 적용할 기회가 있다.", area="growth"),
    BankSpec("sat-grow-05", "학습 동호회, 자격증 취득 등 자기계발 활동이 충분히 지원된다.", area="growth"),
    BankSpec("sat-grow-06", "보직 이동과 승진 등 경력 개발에 대한 정보가 충분히 제공된다.", area="growth"),
    # 보상·복지
    BankSpec("sat-welf-01", "나의 업무와 성과에 비해 보수가 적정하다.", area="welfare"),
    BankSpec("sat-welf-02", "승진 및 인사 운영이 공정하고 투명하다.", area="welfare"),
    BankSpec("sat-welf-03", "복리후생 제도(맞춤형 복지, 건강검진 등)에 만족한다.", area="welfare"),
    BankSpec("sat-welf-04", "성과에 따른 보상(성과급, 포상)이 합리적으로 이루어진다.", area="welfare"),
    BankSpec("sat-welf-05", "직원 고충 처리와 심리 상담 지원이 충분하다.", area="welfare"),
    # 조직문화
    BankSpec("sat-cult-01", "나는 우리 기관의 구성원이라는 것에 자부심을 느낀다.", area="culture"),
    BankSpec("sat-cult-02", "우리 기관은 서로 존중하고 배려하는 분위기이다.", area="culture"),
    BankSpec("sat-cult-03", "새로운 아이디어나 시도가 실패해도 격려받는 분위기이다.", area="culture"),
    BankSpec("sat-cult-04", "우리 기관은 청렴하고 윤리적인 조직문화를 갖추고 있다.", area="culture"),
    BankSpec("sat-cult-05", "우리 기관에는 직장 내 괴롭힘이나 차별이 없다.", area="culture"),
    # 종합
    BankSpec("sat-enps-01", "우리 기관을 친구에게 직장으로 추천하시겠습니까?", kind=ENPS),
    BankSpec(
        "sat-pick-01",
        "우리 기관이 가장 먼저 개선해야 할 영역은 무엇입니까?",
        kind=SINGLE,
        choices=PRIORITY_CHOICES,
    ),
    BankSpec(
        "sat-pick-02",
        "기관 소식을 전해 듣기에 가장 좋은 방법은 무엇입니까?",
        kind=SINGLE,
        choices=CHANNEL_CHOICES,
    ),
    BankSpec(
        "sat-multi-01",
        "올해 참여한 소통·교육 프로그램을 모두 골라 주세요.",
        kind=MULTIPLE,
        choices=PROGRAMME_CHOICES,
    ),
    BankSpec("sat-text-01", "우리 기관의 좋은 점, 계속 이어 갔으면 하는 점을 적어 주세요.", kind=TEXT),
    BankSpec("sat-text-02", "개선이 필요한 점이나 제안하고 싶은 점을 자유롭게 적어 주세요.", kind=TEXT),
    # 2025: reworded (lineage), a changed method, new questions
    BankSpec(
        "sat-lead-03r",
        "나의 상사는 나의 업무 성과를 공정하게 평가하고 구체적으로 피드백한다.",
        area="leadership",
        continues="sat-lead-03",
    ),
    BankSpec(
        "sat-comm-02r",
        "다른 부서와 협업할 때 필요한 정보와 지원을 쉽게 얻을 수 있다.",
        area="communication",
        continues="sat-comm-02",
    ),
    BankSpec(
        "sat-grow-01r",
        "직무 역량을 높이는 데 필요한 교육 기회(전문교육, 초빙강연 등)가 충분하다.",
        area="growth",
        continues="sat-grow-01",
    ),
    BankSpec(
        "sat-env-01s7",
        "나의 업무량은 적정한 수준이다. (7점 척도)",
        kind=L7,
        area="environment",
        continues="sat-env-01",
        method_changed=True,
    ),
    BankSpec(
        "sat-lead-07",
        "「국장님, DM 왔습니다」 등 리더와의 소통 프로그램으로 경영진을 더 가깝게 느낀다.",
        area="leadership",
    ),
    BankSpec(
        "sat-cult-06", "지난해 설문 결과에 따른 개선 활동이 실제로 이루어졌다고 느낀다.", area="culture"
    ),
    BankSpec(
        "sat-multi-02",
        "올해 이용한 유연근무·복지 제도를 모두 골라 주세요.",
        kind=MULTIPLE,
        choices=FLEX_CHOICES,
    ),
]
BANK_BY_CODE = {b.code: b for b in BANK}

SECTION_TITLES = {
    "leadership": "Ⅰ. 리더십",
    "communication": "Ⅱ. 소통",
    "environment": "Ⅲ. 근무환경",
    "growth": "Ⅳ. 성장·교육",
    "welfare": "Ⅴ. 보상·복지",
    "culture": "Ⅵ. 조직문화",
    None: "Ⅶ. 종합 의견",
}


@dataclass(frozen=True)
class SurveySpec:
    """One year's survey: dates, questions (bank codes, in order), and what its results must show.

    ``area_design`` is the model's area level on the 100-point scale before calibration; the
    calibration moves every area by the same amount, so the gaps (leadership first in 2025) stay.
    """

    title: str
    year: int
    opens: datetime.date
    closes: datetime.date
    codes: tuple[str, ...]
    target: float
    area_design: dict
    response_rate: float
    previous_title: str | None = None
    leader_area: str | None = None  # the area that must rank first, by at least LEADER_MARGIN


LEADER_MARGIN = 1.0

CODES_2024 = tuple(b.code for b in BANK[:40])
CODES_2025 = (
    ("sat-lead-01", "sat-lead-02", "sat-lead-03r", "sat-lead-04", "sat-lead-05", "sat-lead-06", "sat-lead-07")
    + ("sat-comm-01", "sat-comm-02r", "sat-comm-03", "sat-comm-04", "sat-comm-05", "sat-comm-06")
    + ("sat-env-01s7", "sat-env-02", "sat-env-03", "sat-env-04", "sat-env-05")
    + ("sat-grow-01r", "sat-grow-02", "sat-grow-03", "sat-grow-04", "sat-grow-05", "sat-grow-06")
    + ("sat-welf-01", "sat-welf-02", "sat-welf-03", "sat-welf-04", "sat-welf-05")
    + ("sat-cult-01", "sat-cult-02", "sat-cult-03", "sat-cult-04", "sat-cult-05", "sat-cult-06")
    + (
        "sat-enps-01",
        "sat-pick-01",
        "sat-pick-02",
        "sat-multi-01",
        "sat-multi-02",
        "sat-text-01",
        "sat-text-02",
    )
)
DESCRIPTION = (
    "전 직원을 대상으로 리더십, 소통, 근무환경, 성장·교육, 보상·복지, 조직문화에 대한 만족도를 "
    "조사합니다. 응답은 익명으로 처리되며, 응답 내용과 응답자는 서로 연결되지 않습니다. "
    "결과는 100점 만점으로 환산해 공개하고, 개선 과제로 이어집니다."
)
SURVEYS = [
    SurveySpec(
        title="2024년 내부직원 만족도 조사",
        year=2024,
        opens=datetime.date(2024, 10, 14),
        closes=datetime.date(2024, 10, 25),
        codes=CODES_2024,
        target=86.23,
        area_design={
            "leadership": 87.0,
            "communication": 84.5,
            "environment": 88.5,
            "growth": 86.5,
            "welfare": 78.0,
            "culture": 90.0,
        },
        response_rate=0.84,
    ),
    SurveySpec(
        title="2025년 내부직원 만족도 조사",
        year=2025,
        opens=datetime.date(2025, 10, 13),
        closes=datetime.date(2025, 10, 24),
        codes=CODES_2025,
        target=86.4,
        area_design={
            "leadership": 91.5,
            "communication": 85.5,
            "environment": 87.5,
            "growth": 87.0,
            "welfare": 78.5,
            "culture": 88.0,
        },
        response_rate=0.86,
        previous_title="2024년 내부직원 만족도 조사",
        leader_area="leadership",
    ),
]

# --- the answer model (all effects in points on the 100-point scale) --------------------------

# Division (department code "A<digit>…") × area: shift work and maintenance load in operations,
# new technology in data management, and so on.
DIVISION_EFFECTS = {
    "A1": {"leadership": 1.5, "communication": 1.0, "welfare": -0.5},
    "A2": {"welfare": 1.5, "environment": 1.0},
    "A3": {"environment": -2.5, "welfare": -1.5, "communication": -1.0},
    "A4": {"growth": 3.0, "culture": 1.0},
    "A5": {"environment": -3.5, "welfare": -2.0, "leadership": 0.5},
    "A6": {"environment": -1.5, "culture": 1.5, "growth": 1.0},
}
SENIOR_GRADES = {"1급", "2급", "3급", "4급", "책임연구원"}
JUNIOR_GRADES = {"8급", "9급", "연구원"}
GRADE_EFFECTS = {
    "senior": {"leadership": 2.0, "welfare": 2.0, "communication": 1.5},
    "junior": {"welfare": -2.5, "growth": 1.0, "culture": -1.0},
}
LOW, HIGH = 2.0, 99.5  # a person's expected item score never reaches 0 or 100


def _grade_band(grade: str) -> str:
    return "senior" if grade in SENIOR_GRADES else "junior" if grade in JUNIOR_GRADES else ""


# --- free text ---------------------------------------------------------------------------------

GOOD_POINTS = {
    "leadership": [
        "팀장님이 업무 방향을 분명하게 정해 주셔서 일하기 편합니다.",
        "상사가 의견을 끝까지 들어 주고 결정한 이유를 설명해 줍니다.",
        "원장 단상과 간담회로 기관장의 생각을 직접 들을 수 있어 좋았습니다.",
        "어려운 일이 생기면 부서장이 먼저 나서서 조율해 줍니다.",
    ],
    "communication": [
        "부서 안에서는 서로 편하게 묻고 답하는 분위기입니다.",
        "카드뉴스 덕분에 기관 소식을 쉽게 접할 수 있습니다.",
        "소통간담회에서 나온 의견이 실제로 반영되는 것을 보았습니다.",
        "회의가 짧고 요점 위주로 진행되어 효율적입니다.",
    ],
    "environment": [
        "유연근무를 눈치 보지 않고 쓸 수 있어 만족합니다.",
        "장비가 교체된 뒤 업무 속도가 빨라졌습니다.",
        "휴가 사용이 자유롭고 일과 생활의 균형이 잘 지켜집니다.",
        "사무 공간이 깨끗하게 관리되고 있습니다.",
    ],
    "growth": [
        "AI·클라우드 초빙강연이 실무에 많은 도움이 되었습니다.",
        "학습 동호회 지원 덕분에 자격증을 취득할 수 있었습니다.",
        "외부 컨퍼런스와 세미나에 참석할 기회가 늘어 좋았습니다.",
        "전문교육 과정이 직무와 잘 맞게 구성되어 있습니다.",
    ],
    "welfare": [
        "건강검진과 맞춤형 복지 제도가 잘 갖추어져 있습니다.",
        "성과급 설명회 이후 배분 기준을 이해하게 되었습니다.",
        "고용이 안정적이라 장기적인 계획을 세울 수 있습니다.",
    ],
    "culture": [
        "동료들이 서로 존중하고 배려하는 분위기가 좋습니다.",
        "국방 정보화를 지원하는 일에 자부심을 느낍니다.",
        "새로 온 직원을 따뜻하게 맞아 주는 문화가 있습니다.",
        "청렴하고 원칙을 지키는 조직이라는 믿음이 있습니다.",
    ],
}
IMPROVEMENTS = {
    "leadership": [
        "부서마다 리더십 편차가 커서 팀장 대상 리더십 교육이 더 필요합니다.",
        "업무 지시가 자주 바뀌어 우선순위를 정하기 어려울 때가 있습니다.",
        "성과 평가 결과에 대한 구체적인 피드백을 받고 싶습니다.",
        "중간관리자에게 권한이 더 위임되었으면 합니다.",
    ],
    "communication": [
        "다른 부서의 업무 현황을 알기 어려워 협업할 때 시간이 많이 걸립니다.",
        "주요 결정 사항이 늦게 공유되어 현업에서 혼선이 생깁니다.",
        "보고 단계가 많아 의사결정이 늦어지는 경우가 있습니다.",
        "부서 간 정보 공유를 위한 게시판이 더 활발히 쓰였으면 합니다.",
    ],
    "environment": [
        "장애 대응과 야간 점검이 몰리는 시기에는 업무량이 너무 많습니다.",
        "노후 PC와 모니터를 교체해 주셨으면 합니다.",
        "회의실이 부족해 예약하기 어렵습니다.",
        "보안 절차 때문에 간단한 자료를 전달하는 데도 시간이 오래 걸립니다.",
    ],
    "growth": [
        "교육 일정이 업무 일정과 겹쳐 참여하기 어렵습니다.",
        "보직 이동과 경력 개발 경로에 대한 안내가 부족합니다.",
        "신기술을 직접 실습해 볼 수 있는 환경이 더 있었으면 좋겠습니다.",
        "직급별 맞춤 교육 과정이 필요합니다.",
    ],
    "welfare": [
        "업무 강도에 비해 보수 수준이 낮다고 느낍니다.",
        "성과급 배분 기준을 더 투명하게 공개해 주세요.",
        "승진 적체가 심해 동기 부여가 어렵습니다.",
        "심리 상담 같은 직원 지원 프로그램이 있었으면 합니다.",
        "교대 근무자에 대한 보상이 현실에 맞게 조정되어야 합니다.",
    ],
    "culture": [
        "새로운 시도를 했다가 실패하면 부담이 커서 도전하기 어렵습니다.",
        "관행적인 업무 방식이 남아 있어 개선 제안이 잘 받아들여지지 않습니다.",
        "세대 간 인식 차이를 줄이는 프로그램이 있으면 좋겠습니다.",
        "회식 문화가 더 자율적으로 바뀌었으면 합니다.",
    ],
}
GOOD_CLOSERS = ["앞으로도 지금처럼 유지되었으면 합니다.", "늘 감사하게 생각합니다."]
IMPROVEMENT_CLOSERS = [
    "설문 결과가 실제 개선으로 이어지길 기대합니다.",
    "작은 것부터라도 바뀌었으면 좋겠습니다.",
    "의견을 들어 주셔서 감사합니다.",
]
FOLLOW_UP_2025 = [
    "작년 설문 뒤에 성과급 기준이 공개된 점은 좋았습니다. 다른 과제도 계속 이어 가 주세요.",
    "리더 인터뷰로 경영진의 생각을 알게 되어 소통이 한결 나아졌다고 느낍니다.",
]


# --- improvement tasks ("you said, we did") ----------------------------------------------------


@dataclass(frozen=True)
class TaskSpec:
    survey_year: int
    area: str
    title: str
    department_code: str
    due: datetime.date
    status: str
    description: str
    result_note: str = ""
    published: datetime.date | None = None


DONE, IN_PROGRESS, PLANNED = (
    ImprovementTask.Status.DONE,
    ImprovementTask.Status.IN_PROGRESS,
    ImprovementTask.Status.PLANNED,
)
TASKS = [
    TaskSpec(
        2024,
        "welfare",
        "성과급 배분 기준 공개 및 설명회 개최",
        "A201",
        datetime.date(2025, 3, 31),
        DONE,
        "보상·복지 영역 점수가 가장 낮고 '성과급 기준이 불투명하다'는 의견이 많았습니다.",
        "배분 기준을 이음에 공개하고 부서별 설명회를 4회 열었습니다.",
        datetime.date(2025, 4, 7),
    ),
    TaskSpec(
        2024,
        "leadership",
        "「국장님, DM 왔습니다」 리더 인터뷰 정례화",
        "A103",
        datetime.date(2025, 6, 30),
        DONE,
        "경영진의 생각을 직접 듣고 싶다는 의견에 따라 리더 인터뷰를 정기적으로 운영합니다.",
        "직원 질문에 부서장이 답하는 인터뷰를 매달 카드뉴스와 함께 게시했습니다.",
        datetime.date(2025, 7, 1),
    ),
    TaskSpec(
        2024,
        "communication",
        "부서 간 협업 정보 공유 게시판 개설",
        "A102",
        datetime.date(2025, 5, 31),
        DONE,
        "다른 부서의 업무 현황을 알기 어렵다는 의견이 많았습니다.",
        "부서별 주요 업무 현황을 매주 이음 게시판에 공유하고 있습니다.",
        datetime.date(2025, 6, 2),
    ),
    TaskSpec(
        2024,
        "growth",
        "AI·클라우드 전문가 초빙강연 확대",
        "A202",
        datetime.date(2025, 9, 30),
        DONE,
        "신기술을 배울 기회를 늘려 달라는 의견을 반영합니다.",
        "전문가 초빙강연을 연 6회로 늘리고 실습 과정을 신설했습니다.",
        datetime.date(2025, 10, 1),
    ),
    TaskSpec(
        2024,
        "environment",
        "유연근무 신청 절차 간소화",
        "A201",
        datetime.date(2025, 4, 30),
        DONE,
        "유연근무 신청 단계가 많다는 의견을 반영합니다.",
        "결재 단계를 3단계에서 1단계로 줄였습니다.",
    ),
    TaskSpec(
        2024,
        "environment",
        "노후 전산장비 교체 및 회의실 환경 개선",
        "A203",
        datetime.date(2025, 12, 31),
        IN_PROGRESS,
        "노후 PC와 회의실 부족에 대한 의견이 인프라운영부를 중심으로 많았습니다.",
    ),
    TaskSpec(
        2024,
        "welfare",
        "직원 심리상담(EAP) 프로그램 도입",
        "A201",
        datetime.date(2026, 3, 31),
        IN_PROGRESS,
        "고충 처리와 상담 지원이 부족하다는 의견을 반영합니다.",
    ),
    TaskSpec(
        2025,
        "culture",
        "실패 사례 공유회 시범 운영",
        "A102",
        datetime.date(2026, 6, 30),
        PLANNED,
        "새로운 시도가 격려받는 분위기를 만들기 위해 실패 경험을 나누는 자리를 마련합니다.",
    ),
    TaskSpec(
        2025,
        "welfare",
        "교대 근무자 수당 현실화 검토",
        "A204",
        datetime.date(2026, 6, 30),
        PLANNED,
        "보상·복지 영역이 2년 연속 가장 낮고, 교대 근무 부서의 점수가 특히 낮았습니다.",
    ),
]


# --- planning: plain values, no database -------------------------------------------------------


@dataclass(frozen=True)
class Member:
    staff_id: int
    department_id: int | None
    department_code: str
    grade: str


# One shared (value, choices, text) cell per scale point: 1.3 million answers at scale 60.
CELLS = {value: (value, (), "") for value in range(11)}


@dataclass
class SurveyPlan:
    """Who answered and what, before anything is written. ``answers[r][j]`` is (value, choices,
    text) for respondent ``r`` and the survey's ``j``-th question; ``None`` means left empty."""

    respondents: list[int] = field(default_factory=list)  # indexes into the members list
    submitted_on: list[datetime.date] = field(default_factory=list)
    answers: list[list] = field(default_factory=list)
    adjusted: int = 0  # single answers moved by one point to hit the target


def overall_score(plan: SurveyPlan, specs: list[BankSpec]) -> float:
    """The results engine's definition: mean over respondents of each one's mean Likert score."""
    scored = [(j, SCALE_POINTS[s.kind]) for j, s in enumerate(specs) if s.kind in (L5, L7)]
    per_person = []
    for row in plan.answers:
        items = [(row[j][0] - 1) / (k - 1) * 100 for j, k in scored if row[j] is not None]
        if items:
            per_person.append(math.fsum(items) / len(items))
    return math.fsum(per_person) / len(per_person)


def area_scores(plan: SurveyPlan, specs: list[BankSpec]) -> dict[str, float]:
    """Mean over respondents of each one's mean score within the area."""
    result = {}
    for area in {s.area for s in specs if s.kind in (L5, L7)}:
        scored = [
            (j, SCALE_POINTS[s.kind]) for j, s in enumerate(specs) if s.area == area and s.kind in (L5, L7)
        ]
        means = [
            math.fsum((row[j][0] - 1) / (k - 1) * 100 for j, k in scored) / len(scored)
            for row in plan.answers
        ]
        result[area] = math.fsum(means) / len(means)
    return result


@functools.lru_cache(maxsize=4096)
def _team_effects(code: str, year: int) -> tuple[float, dict]:
    """A team's mood: mostly lasting (same both years), a little of it this year's."""
    lasting = random.Random(f"{SEED}:team:{code}")
    yearly = random.Random(f"{SEED}:team:{code}:{year}")
    overall = lasting.gauss(0, 2.0) + yearly.gauss(0, 1.0)
    by_area = {a: lasting.gauss(0, 1.5) + yearly.gauss(0, 1.0) for a, _n in AREAS}
    return overall, by_area


@functools.lru_cache(maxsize=256)
def _item_effect(code: str) -> float:
    return random.Random(f"{SEED}:item:{code}").gauss(0, 2.5)


def _answer_dates(rng: random.Random, opens: datetime.date, closes: datetime.date, count: int) -> list:
    """Most people answer in the first days and again after the reminders near the end;
    few at weekends."""
    days = [opens + datetime.timedelta(days=d) for d in range((closes - opens).days + 1)]
    weights = []
    for i, day in enumerate(days):
        weight = 3.0 if i < 2 else 2.0 if i >= len(days) - 3 else 1.0
        weights.append(weight * (0.15 if day.weekday() >= 5 else 1.0))
    return rng.choices(days, weights=weights, k=count)


def _who_answers(rng: random.Random, members: list[Member], rate: float) -> list[int]:
    """Exactly ``rate`` of the audience, some departments keener than others.

    Weighted sampling without replacement (key = u ** (1 / weight), the largest keys win), so the
    overall rate is exact at any scale while departments still differ.
    """
    weights: dict[str, float] = {}
    keys = []
    for index, member in enumerate(members):
        if member.department_code not in weights:
            weights[member.department_code] = min(2.5, max(0.4, rng.gauss(1.0, 0.4)))
        keys.append((rng.random() ** (1 / weights[member.department_code]), index))
    chosen = sorted(keys, reverse=True)[: round(rate * len(members))]
    return sorted(index for _key, index in chosen)


def _calibrate(latent: list[list[float]], target: float) -> float:
    """The offset that makes the expected overall score equal the target (clamping included).

    Every respondent has the same scale items, so the overall mean is the mean of all cells."""
    flat = [x for row in latent for x in row]
    offset = 0.0
    for _round in range(12):
        gap = target - math.fsum(min(max(x + offset, LOW), HIGH) for x in flat) / len(flat)
        offset += gap
        if abs(gap) < 1e-3:  # the last bit is done by moving single answers
            break
    return offset


def plan_survey(spec: SurveySpec, members: list[Member]) -> SurveyPlan:
    """Draw the responses of one survey so that its overall score rounds to ``spec.target``."""
    key = f"{SEED}:{spec.title}:{spec.year}"
    specs = [BANK_BY_CODE[c] for c in spec.codes]
    scored = [j for j, s in enumerate(specs) if s.kind in (L5, L7)]
    people = random.Random(f"{key}:people")
    plan = SurveyPlan()

    plan.respondents = _who_answers(people, members, spec.response_rate)
    latent: list[list[float]] = []
    for index in plan.respondents:
        member = members[index]
        # A person's expected score per item: area level + division, team, grade, person, item.
        division = DIVISION_EFFECTS.get(member.department_code[:2], {})
        team, team_area = _team_effects(member.department_code, spec.year)
        grade = GRADE_EFFECTS.get(_grade_band(member.grade), {})
        person = people.gauss(0, 6.5) - (18.0 if people.random() < 0.07 else 0.0)
        person_area = {a: people.gauss(0, 4.0) for a, _n in AREAS}
        latent.append(
            [
                spec.area_design[specs[j].area]
                + division.get(specs[j].area, 0.0)
                + team
                + team_area[specs[j].area]
                + grade.get(specs[j].area, 0.0)
                + person
                + person_area[specs[j].area]
                + _item_effect(specs[j].code)
                for j in scored
            ]
        )
    if not plan.respondents:
        return plan
    plan.submitted_on = _answer_dates(people, spec.opens, spec.closes, len(plan.respondents))

    # Draw answers: a k-point answer is 1 + Binomial(k − 1, p), whose expected score is 100·p.
    offset = _calibrate(latent, spec.target)
    draws = random.Random(f"{key}:answers")
    draw = draws.random
    points = [SCALE_POINTS[specs[j].kind] for j in scored]
    texts = random.Random(f"{key}:texts")
    for row_latent in latent:
        expected = [min(max(x + offset, LOW), HIGH) / 100 for x in row_latent]
        row: list = [None] * len(specs)
        for p, j, k in zip(expected, scored, points, strict=True):
            value = 1
            for _trial in range(k - 1):
                value += draw() < p
            row[j] = CELLS[value]
        _other_answers(row, specs, expected, scored, draws, texts, spec.year)
        plan.answers.append(row)

    _adjust_to_target(plan, specs, spec.target, random.Random(f"{key}:adjust"))
    if spec.leader_area:
        _check_leader(plan, specs, spec.leader_area)
    return plan


def _check_leader(plan: SurveyPlan, specs: list[BankSpec], leader: str) -> None:
    """The design puts the leading area several points ahead; refuse data that says otherwise."""
    scores = area_scores(plan, specs)
    runner_up = max(v for a, v in scores.items() if a != leader)
    if scores[leader] - runner_up < LEADER_MARGIN:
        raise ValueError(_("데모 응답에서 %(area)s 영역이 1위가 아닙니다.") % {"area": AREA_NAMES[leader]})


def _person_areas(row, specs, scored) -> dict[str, float]:
    sums: dict[str, list[float]] = {}
    for j in scored:
        k = SCALE_POINTS[specs[j].kind]
        sums.setdefault(specs[j].area, []).append((row[j][0] - 1) / (k - 1) * 100)
    return {a: math.fsum(v) / len(v) for a, v in sums.items()}


def _other_answers(row, specs, expected, scored, draws, texts, year) -> None:
    """eNPS, choices and free text, consistent with how the person answered the scale items."""
    mood = math.fsum(expected) / len(expected)  # 0–1
    areas = _person_areas(row, specs, scored)
    worst = min(areas, key=lambda a: (areas[a], a))
    best = max(areas, key=lambda a: (areas[a], a))
    for j, s in enumerate(specs):
        if s.kind == ENPS:
            row[j] = CELLS[min(10, max(0, round(mood * 10 - 0.8 + draws.gauss(0, 1.5))))]
        elif s.code == "sat-pick-01":
            weights = [max(1.0, 100 - areas.get(code, 90)) ** 2 for code, _n in AREAS] + [30.0]
            row[j] = CELLS[draws.choices(range(len(s.choices)), weights=weights)[0]]
        elif s.kind == SINGLE:
            row[j] = CELLS[draws.choices(range(len(s.choices)), weights=[4, 2, 3, 3, 1])[0]]
        elif s.kind == MULTIPLE:
            odds = (
                [0.12, 0.45, 0.3, 0.35, 0.2, 0.4] if s.code == "sat-multi-01" else [0.35, 0.2, 0.15, 0.6, 0.5]
            )
            picked = [i for i, chance in enumerate(odds) if draws.random() < chance]
            row[j] = (None, tuple(picked) or (len(s.choices) - 1,), "")
        elif s.kind == TEXT:
            row[j] = _free_text(s.code, texts, mood, best, worst, year)


def _free_text(code, rng: random.Random, mood: float, best: str, worst: str, year: int):
    """About a third write something: praise for their best area, a wish for their worst."""
    if code == "sat-text-01":
        if rng.random() >= 0.3:
            return None
        text = rng.choice(GOOD_POINTS[best])
        closers = GOOD_CLOSERS
        if year >= 2025 and rng.random() < 0.15:
            text = rng.choice(FOLLOW_UP_2025)
    else:
        if rng.random() >= min(0.7, max(0.15, 0.3 + (0.86 - mood) * 2)):
            return None
        text = rng.choice(IMPROVEMENTS[worst])
        closers = IMPROVEMENT_CLOSERS
    if rng.random() < 0.3:
        text = f"{text} {rng.choice(closers)}"
    return (None, (), text)


def _adjust_to_target(plan: SurveyPlan, specs: list[BankSpec], target: float, rng: random.Random) -> None:
    """Move single 5-point answers by one until the overall is within half a step of the target.

    Everyone answers every scale item, so one move changes the overall score by the same step,
    25 / (items · respondents): the loop ends within half a step (≈ 0.0015 at scale 1), far from
    the rounding boundary at ±0.005.
    """
    scored = [j for j, s in enumerate(specs) if s.kind in (L5, L7)]
    five = [j for j in scored if specs[j].kind == L5]
    respondents = len(plan.answers)
    step = 25 / (len(scored) * respondents)
    if step / 2 >= 0.004:
        raise ValueError(_("응답자가 너무 적어 목표 점수를 맞출 수 없습니다."))
    current = overall_score(plan, specs)
    moves = round((target - current) / step)
    direction = 1 if moves > 0 else -1
    remaining = abs(moves)
    while remaining:
        r, j = rng.randrange(respondents), rng.choice(five)
        value = plan.answers[r][j][0]
        if (direction > 0 and value < 5) or (direction < 0 and value > 1):
            plan.answers[r][j] = CELLS[value + direction]
            remaining -= 1
    plan.adjusted = abs(moves)


# --- writing -----------------------------------------------------------------------------------


@dataclass
class SeedResult:
    areas_created: int = 0
    bank_created: int = 0
    surveys_created: int = 0
    responses_created: int = 0
    answers_created: int = 0
    tasks_created: int = 0
    figures: dict = field(default_factory=dict)  # survey year → (overall, area scores)
    skipped: list = field(default_factory=list)  # titles left out: too few staff


def seed_areas(result: SeedResult) -> dict[str, Area]:
    existing = {a.code: a for a in Area.objects.all()}
    new = [
        Area(code=code, name=name, order=i) for i, (code, name) in enumerate(AREAS, 1) if code not in existing
    ]
    Area.objects.bulk_create(new)
    result.areas_created = len(new)
    return {a.code: a for a in Area.objects.all()}


def seed_bank(areas: dict[str, Area], result: SeedResult) -> dict[str, BankQuestion]:
    """Bank questions by code; a reworded one is created after the question it continues."""
    existing = {b.code: b for b in BankQuestion.objects.filter(code__in=BANK_BY_CODE)}
    for spec in BANK:
        if spec.code in existing:
            continue
        existing[spec.code] = BankQuestion.objects.create(
            code=spec.code,
            text=spec.text,
            kind=spec.kind,
            area=areas[spec.area] if spec.area else None,
            choices=list(spec.choices),
            continues=existing[spec.continues] if spec.continues else None,
            method_changed=spec.method_changed,
            is_archived=spec.archived,
        )
        result.bank_created += 1
    return existing


def audience(spec: SurveySpec) -> list[Member]:
    """Active staff employed when the survey opened, in employee-number order."""
    rows = (
        Staff.objects.filter(is_active=True)
        .filter(Q(hired_on__isnull=True) | Q(hired_on__lte=spec.opens))
        .order_by("employee_number")
        .values_list("pk", "department_id", "department__code", "grade")
    )
    return [Member(pk, dept, code or "", grade) for pk, dept, code, grade in rows]


def _aware(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


class AnswerRows:
    """Answers written with ``executemany``, values prepared by the model's own fields.

    ``bulk_create`` spends about 100 µs of Python on each object; at scale 60 (1.4 million
    answers) that is minutes, while the database needs seconds.
    """

    names = ("id", "response", "question", "value", "choices", "text")

    def __init__(self):
        meta = Answer._meta
        self.connection = connections[router.db_for_write(Answer)]
        self.fields = [meta.get_field(name) for name in self.names]
        quote = self.connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in self.fields)
        placeholders = ", ".join(["%s"] * len(self.fields))
        self.sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES ({placeholders})"
        self.copy_sql = f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN"
        native = self.connection.features.has_native_uuid_field
        self.uuid = (lambda value: value) if native else (lambda value: value.hex)
        self.choices_field = meta.get_field("choices")
        self.prepared_choices: dict[tuple, object] = {}

    def key(self, response_id: uuid.UUID):
        return self.uuid(response_id)

    def row(self, response_key, question_id, value, choices: tuple, text) -> tuple:
        if choices not in self.prepared_choices:
            self.prepared_choices[choices] = self.choices_field.get_db_prep_save(
                list(choices), self.connection
            )
        return (
            self.uuid(uuid.uuid4()),
            response_key,
            question_id,
            value,
            self.prepared_choices[choices],
            text,
        )

    def insert(self, rows: list[tuple]) -> None:
        with self.connection.cursor() as cursor:
            sqlite = self.connection.vendor == "sqlite"
            if sqlite:
                # Random keys touch every page of the indexes; SQLite's default 2 MB page cache
                # turns that into re-reads. Raised for this insert only.
                cursor.execute("PRAGMA cache_size")
                previous = cursor.fetchone()[0]
                cursor.execute("PRAGMA cache_size = -262144")
            raw = cursor.cursor
            if self.connection.vendor == "postgresql" and hasattr(raw, "copy"):
                with raw.copy(self.copy_sql) as copy:  # psycopg 3: COPY is ~10× INSERT
                    for row in rows:
                        copy.write_row(row)
            else:
                for start in range(0, len(rows), 5 * BATCH_SIZE):
                    cursor.executemany(self.sql, rows[start : start + 5 * BATCH_SIZE])
            if sqlite:
                cursor.execute(f"PRAGMA cache_size = {int(previous)}")


def seed_survey(spec: SurveySpec, bank: dict[str, BankQuestion], result: SeedResult) -> Survey | None:
    """One closed anonymous survey with frozen audience and responses; None if it exists."""
    if Survey.objects.filter(title=spec.title, year=spec.year).exists():
        return None
    members = audience(spec)
    if len(members) < MIN_AUDIENCE:
        result.skipped.append(spec.title)
        return None
    plan = plan_survey(spec, members)
    specs = [BANK_BY_CODE[c] for c in spec.codes]
    author = Staff.objects.filter(user__username="surveys").first()
    survey = Survey.objects.create(
        title=spec.title,
        year=spec.year,
        description=DESCRIPTION,
        mode=Survey.Mode.ANONYMOUS,
        status=Survey.Status.CLOSED,
        opens_at=_aware(spec.opens, 9),
        closes_at=_aware(spec.closes, 18),
        audience_all=True,
        previous=Survey.objects.filter(title=spec.previous_title).first() if spec.previous_title else None,
        launched_at=_aware(spec.opens, 9),
        created_by=author,
    )
    sections = {}
    for order, area in enumerate(SECTION_TITLES, 1):
        if any(s.area == area for s in specs):
            sections[area] = Section.objects.create(survey=survey, title=SECTION_TITLES[area], order=order)
    SurveyQuestion.objects.bulk_create(
        [
            SurveyQuestion(
                survey=survey,
                section=sections[s.area],
                bank_question=bank[s.code],
                order=j,
                required=s.kind != TEXT,
            )
            for j, s in enumerate(specs)
        ]
    )
    question_ids = dict(SurveyQuestion.objects.filter(survey=survey).values_list("bank_question__code", "pk"))
    question_ids = [question_ids[s.code] for s in specs]

    answered = set(plan.respondents)
    AudienceMember.objects.bulk_create(
        [
            AudienceMember(
                survey=survey,
                staff_id=m.staff_id,
                department_id=m.department_id,
                grade=m.grade,
                has_submitted=i in answered,
                reminders_sent=0 if i in answered else 2,
            )
            for i, m in enumerate(members)
        ],
        batch_size=BATCH_SIZE,
    )
    results_counts_changed(survey.pk)  # again after the responses below, if any
    # Responses go in a shuffled order so that nothing on the answer side follows the
    # employee-number order of the audience.
    order = list(range(len(plan.respondents)))
    random.Random(f"{SEED}:{spec.title}:{spec.year}:order").shuffle(order)
    answer_rows = AnswerRows()
    for start in range(0, len(order), RESPONDENT_CHUNK):
        responses, answers = [], []
        for r in order[start : start + RESPONDENT_CHUNK]:
            member = members[plan.respondents[r]]
            response = Response(
                id=uuid.uuid4(),
                survey=survey,
                submitted_on=plan.submitted_on[r],
                department_id=member.department_id,
                grade=member.grade,
            )
            responses.append(response)
            key = answer_rows.key(response.id)
            answers.extend(
                answer_rows.row(key, qid, *item)
                for qid, item in zip(question_ids, plan.answers[r], strict=True)
                if item is not None
            )
        Response.objects.bulk_create(responses, batch_size=BATCH_SIZE)
        answer_rows.insert(answers)
        results_counts_changed(survey.pk)
        result.responses_created += len(responses)
        result.answers_created += len(answers)
    # Closed like any anonymous survey: groups under the threshold generalised, the closing date,
    # new keys in a new order (anonymity.survey_answers_seal).
    survey_answers_seal(survey=survey, today=spec.closes)
    result.surveys_created += 1
    result.figures[spec.year] = (overall_score(plan, specs), area_scores(plan, specs))
    return survey


def seed_tasks(areas: dict[str, Area], result: SeedResult) -> None:
    """Follow-up tasks keyed by survey and title; skipped where the department is not there."""
    surveys = {s.year: s for s in Survey.objects.filter(title__in=[s.title for s in SURVEYS])}
    departments = {d.code: d for d in Department.objects.filter(code__in={t.department_code for t in TASKS})}
    for task in TASKS:
        survey = surveys.get(task.survey_year)
        department = departments.get(task.department_code)
        if survey is None or department is None:
            continue
        if ImprovementTask.objects.filter(survey=survey, title=task.title).exists():
            continue
        owner = department.head or Staff.objects.filter(department=department, is_active=True).first()
        if owner is None:
            continue
        ImprovementTask.objects.create(
            survey=survey,
            area=areas[task.area],
            title=task.title,
            description=task.description,
            department=department,
            owner=owner,
            due_date=task.due,
            status=task.status,
            result_note=task.result_note,
            published_at=_aware(task.published, 10) if task.published else None,
        )
        result.tasks_created += 1


def seed(*, scale: int = 1, stdout=None) -> SeedResult:
    """The surveys' demo seeder (order 30): areas, bank, the 2024 and 2025 surveys, tasks.

    ``scale`` is not used directly: the audience is whatever staff the directory seeder made.
    """
    result = SeedResult()
    areas = seed_areas(result)
    bank = seed_bank(areas, result)
    for spec in SURVEYS:
        seed_survey(spec, bank, result)
    seed_tasks(areas, result)
    if stdout is not None:
        stdout.write(
            _(
                "설문: 설문 새로 %(surveys)s개, 응답 새로 %(responses)s건(문항 응답 %(answers)s건), "
                "개선 과제 새로 %(tasks)s개"
            )
            % {
                "surveys": result.surveys_created,
                "responses": f"{result.responses_created:,}",
                "answers": f"{result.answers_created:,}",
                "tasks": result.tasks_created,
            }
        )
        for title in result.skipped:
            stdout.write(
                _("%(title)s: 직원이 %(count)s명보다 적어 만들지 않았습니다.")
                % {"title": title, "count": MIN_AUDIENCE}
            )
    return result


# --- the living year: a short culture survey open on the day the demo is seeded ---------------------

LIVE_TITLE = "%(year)s년 조직문화 수시 설문"
LIVE_DESCRIPTION = (
    "연례 만족도 조사 사이에 조직문화의 변화를 짧게 묻는 수시 설문입니다. "
    "응답은 익명으로 처리되며 5분이면 끝납니다."
)
LIVE_CODES = (
    "sat-lead-02",
    "sat-comm-01",
    "sat-comm-04",
    "sat-env-02",
    "sat-grow-02",
    "sat-cult-01",
    "sat-text-01",
)
LIVE_OPENED_DAYS_AGO = 3
LIVE_OPEN_DAYS = 14  # from today: the reminder rounds (three days before, the last day) are ahead


def seed_living(*, scale: int = 1, stdout=None, today: datetime.date | None = None) -> Survey | None:
    """This year's short culture survey, opened a few days ago and closing two weeks from today,
    launched through the engine so its audience is frozen (every active staff member, the demo
    log-ins included) and nobody has answered yet. Idempotent by title and year; nothing is sent
    (the engine's reminders come from beat, days before the close)."""
    from .services import survey_launch

    today = today or timezone.localdate()
    title = LIVE_TITLE % {"year": today.year}
    if Survey.objects.filter(title=title, year=today.year).exists():
        return None
    bank = {b.code: b for b in BankQuestion.objects.filter(code__in=LIVE_CODES, is_archived=False)}
    codes = [code for code in LIVE_CODES if code in bank]
    if not codes or not Staff.objects.filter(is_active=True).exists():
        return None
    survey = Survey.objects.create(
        title=title,
        year=today.year,
        description=LIVE_DESCRIPTION,
        mode=Survey.Mode.ANONYMOUS,
        opens_at=_aware(today - datetime.timedelta(days=LIVE_OPENED_DAYS_AGO), 9),
        closes_at=_aware(today + datetime.timedelta(days=LIVE_OPEN_DAYS), 18),
        audience_all=True,
        created_by=Staff.objects.filter(user__username="surveys").first(),
    )
    sections: dict[str | None, Section] = {}
    questions = []
    for order, code in enumerate(codes):
        area = BANK_BY_CODE[code].area
        if area not in sections:
            sections[area] = Section.objects.create(
                survey=survey, title=SECTION_TITLES[area], order=len(sections) + 1
            )
        questions.append(
            SurveyQuestion(
                survey=survey,
                section=sections[area],
                bank_question=bank[code],
                order=order,
                required=BANK_BY_CODE[code].kind != TEXT,
            )
        )
    SurveyQuestion.objects.bulk_create(questions)
    people = survey_launch(survey=survey, now=survey.opens_at)
    if stdout is not None:
        stdout.write(
            _("설문: %(title)s 진행 중 (대상 %(people)s명, %(date)s 마감)")
            % {
                "title": title,
                "people": people,
                "date": format_korean_date(survey.closes_at),
            }
        )
    return survey


register_demo_seeder(DemoSeeder(key="surveys", seed=seed, order=30))
register_demo_seeder(DemoSeeder(key="surveys_living", seed=seed_living, order=35))
