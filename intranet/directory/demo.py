"""The deterministic demo agency: 국방전산정보원's departments, staff and one log-in per role.

Everything is derived from a fixed seed, so every machine (and every test) sees the same people,
and a scale-1 agency is the first part of any larger one: team ``k`` of a department template and
the people in it are drawn from their own random stream, so adding teams never renumbers anyone.
Names, departments and job titles are data, not interface text, so they are not translated: the
same rows must come out whatever language is active when the seeder runs.

Running the seeder twice creates nothing and changes nothing: rows are keyed by department code,
employee number and username, and existing rows are left exactly as they are.
"""

import datetime
import functools
import io
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from korean_romanizer.romanizer import Romanizer

from intranet.korean import SURNAME_SPELLINGS
from intranet.roles import Role

from .cache import directory_cache_clear
from .models import Department, Staff

SEED = 20250101
BATCH_SIZE = 1000
EMAIL_DOMAIN = "agency.example"
# Demo-only: printed by ``manage.py demo_logins`` and documented in the README. Never used in
# production, where accounts come from the HR import and people set their own passwords.
DEMO_PASSWORD = "ieum-demo-2025"

# Surnames with their approximate share of the population (2015 census, per mille).
SURNAMES = [
    ("김", 215),
    ("이", 147),
    ("박", 84),
    ("최", 47),
    ("정", 43),
    ("강", 23),
    ("조", 21),
    ("윤", 20),
    ("장", 20),
    ("임", 17),
    ("한", 15),
    ("오", 15),
    ("서", 14),
    ("신", 14),
    ("권", 13),
    ("황", 13),
    ("안", 13),
    ("송", 12),
    ("전", 11),
    ("홍", 11),
    ("유", 11),
    ("고", 9),
    ("문", 9),
    ("양", 9),
    ("손", 9),
    ("배", 8),
    ("백", 7),
    ("허", 6),
    ("노", 6),
    ("남", 6),
]
GIVEN_NAMES = (  # noqa: SIM905  a list of 72 two-letter strings reads worse
    "민수 지훈 현우 준호 성민 동현 재현 상훈 정호 영수 태현 승현 진우 민재 도윤 시우 우진 건우 "
    "성호 재훈 준영 경수 종민 기현 대현 석진 용준 한결 주원 지호 민준 서준 예준 현준 정우 영훈 "
    "서연 지은 수빈 민지 지현 은정 미경 혜진 수진 유진 하은 지원 서영 은비 다은 소연 예린 지아 "
    "나연 채원 수아 윤서 현정 미영 선영 은영 지혜 보람 소희 아름 세영 정민 하늘 가은 민서 예은"
).split()

# (code digit, name, position of its head, team templates). Each team template is
# (name, research team?, job titles, skill sets).
DIVISIONS = [
    (
        1,
        "기획조정실",
        "실장",
        [
            (
                "기획예산팀",
                False,
                ["기관 중장기 계획 수립", "예산 편성·집행 관리", "국회·국방부 업무 협조", "자문위원회 운영"],
                ["예산, 기획", "정책 분석, 보고서 작성", "재정 관리"],
            ),
            (
                "성과관리팀",
                False,
                ["성과업무 프로그램 기획", "기관 종합평가 대응", "우수성과 공유대회 운영", "성과지표 관리"],
                ["성과관리, 평가", "데이터 분석, 엑셀", "BSC, 성과지표"],
            ),
            (
                "홍보팀",
                False,
                ["카드뉴스 제작", "보도자료 작성", "기관 소식지 편집", "대외 협력·MOU 관리"],
                ["홍보, 디자인", "글쓰기, 편집", "사진, 영상 편집"],
            ),
            (
                "법무감사팀",
                False,
                ["자체 감사", "계약 법률 검토", "청렴·반부패 업무", "규정 관리"],
                ["법무, 계약", "감사, 청렴", "규정 정비"],
            ),
            (
                "고객만족팀",
                False,
                ["정보체계 이용자 만족도 조사", "고객 의견 수렴", "서비스 개선과제 관리", "민원 응대"],
                ["설문 설계, 통계", "고객 만족, 서비스 개선", "민원 관리"],
            ),
        ],
    ),
    (
        2,
        "경영지원부",
        "부장",
        [
            (
                "인사팀",
                False,
                ["인사 기록 관리", "채용·승진 업무", "복무 관리", "조직·정원 관리"],
                ["인사 관리, 노무", "채용, 조직 진단", "복무 관리"],
            ),
            (
                "교육훈련팀",
                False,
                [
                    "정보화 교육 과정 운영",
                    "전문교육 과정 기획",
                    "교육 홈페이지 운영",
                    "학습 동호회·자격증 지원",
                ],
                ["교육 기획, 교수 설계", "이러닝, 교육 운영", "HRD, 역량 모델링"],
            ),
            (
                "총무팀",
                False,
                ["청사·시설 관리", "물품 관리", "차량·의전 업무", "문서 관리"],
                ["시설 관리, 안전", "물품 관리", "기록물 관리"],
            ),
            (
                "재무회계팀",
                False,
                ["회계 결산", "급여·수당 지급", "세입·세출 관리", "자산 관리"],
                ["회계, 결산", "재무, 세무", "급여 관리"],
            ),
            (
                "계약팀",
                False,
                ["정보화 사업 계약", "유지보수 계약 관리", "조달 업무", "협력업체 상생 업무"],
                ["계약, 조달", "사업 관리, 제안서 평가", "협력업체 관리"],
            ),
        ],
    ),
    (
        3,
        "정보체계운영부",
        "부장",
        [
            (
                "재정정보체계팀",
                False,
                ["재정정보체계 유지보수", "엠피스봇 운영", "재정 업무 개선과제 관리", "SLA 점검"],
                ["Java, Spring", "SQL, 오라클", "재정 업무, 요구사항 분석"],
            ),
            (
                "군수정보체계팀",
                False,
                ["군수통합정보체계 운영", "군수 데이터 연계", "체계 개선과제 관리", "사용자 지원"],
                ["Java, 전자정부 프레임워크", "SQL, 데이터 연계", "군수 업무, 물류"],
            ),
            (
                "인사정보체계팀",
                False,
                ["국방인사정보체계 운영", "인사 데이터 관리", "체계 장애 대응", "사용자 교육 지원"],
                ["Java, Spring", "SQL, 데이터 품질", "인사 업무 분석"],
            ),
            (
                "동원정보체계팀",
                False,
                ["예비군 AICC 운영", "동원정보체계 유지보수", "보이스봇·챗봇 관리", "민원창구 통합"],
                ["AICC, 챗봇", "Python, 자연어 처리", "콜센터 운영"],
            ),
            (
                "장병e음팀",
                False,
                [
                    "장병e음 모바일 서비스 운영",
                    "장병e음 데이터 연계",
                    "맞춤형 서비스 기획",
                    "대국민 서비스 관리",
                ],
                ["모바일, 클라우드", "React, 프론트엔드", "서비스 기획, UX"],
            ),
            (
                "군사법정보체계팀",
                False,
                ["차세대 군사법정보시스템 구축", "사법정보체계 연계", "대국민 포털 운영", "사건 정보 관리"],
                ["Java, 시스템 통합", "사법 업무, 연계", "포털 운영"],
            ),
        ],
    ),
    (
        4,
        "데이터관리부",
        "부장",
        [
            (
                "데이터품질팀",
                True,
                ["데이터 품질관리 수준진단", "데이터 거버넌스 운영", "표준 용어 관리", "품질 개선과제 관리"],
                ["데이터 품질, SQL", "데이터 거버넌스, 메타데이터", "데이터 표준화"],
            ),
            (
                "데이터분석팀",
                True,
                [
                    "인건비 집행 예측모델 운영",
                    "피복조달 예측모델 운영",
                    "데이터 전처리 자동화",
                    "분석 보고서 작성",
                ],
                ["Python, pandas", "머신러닝, 통계", "데이터 시각화"],
            ),
            (
                "AI서비스팀",
                True,
                ["생성형 AI 챗봇 개발", "sLLM 미세조정", "AI-RPA 장애 모니터링", "GPU 자원 관리"],
                ["AI, 딥러닝", "LLM, 자연어 처리", "RPA, 자동화"],
            ),
            (
                "연동관리팀",
                False,
                ["국방연동관리체계 운영", "연동 구간 점검", "체계 간 상호운용성 관리", "연계 장애 대응"],
                ["연계, API", "ESB, 메시징", "상호운용성"],
            ),
        ],
    ),
    (
        5,
        "인프라운영부",
        "부장",
        [
            (
                "서버운영팀",
                False,
                ["서버 운영·예방점검", "백업체계 관리", "비상대응 훈련", "운영체제 관리"],
                ["리눅스, 서버", "백업, 스토리지", "가상화"],
            ),
            (
                "네트워크운영팀",
                False,
                ["국방망 운영", "네트워크 장비 관리", "회선 관리", "장애 대응"],
                ["네트워크, 라우팅", "방화벽, VPN", "회선 관리"],
            ),
            (
                "클라우드팀",
                False,
                ["클라우드 전환", "컨테이너 플랫폼 운영", "자원 최적화", "클라우드 보안 설정"],
                ["클라우드, 쿠버네티스", "Docker, CI/CD", "IaC, Terraform"],
            ),
            (
                "전산장비지원팀",
                False,
                ["전산장비 유지보수", "장비 도입·폐기", "사용자 장비 지원", "장비 현황 관리"],
                ["하드웨어, 유지보수", "자산 관리", "사용자 지원"],
            ),
            (
                "서비스데스크팀",
                False,
                ["서비스데스크 운영", "장애 접수·처리", "SLA 지표 관리", "사용자 문의 응대"],
                ["ITSM, 서비스데스크", "SLA 관리", "고객 응대"],
            ),
        ],
    ),
    (
        6,
        "사이버보안부",
        "부장",
        [
            (
                "보안관제팀",
                False,
                ["24시간 보안관제", "침해사고 대응", "보안 이벤트 분석", "사이버 위기대응 훈련"],
                ["정보보호, 관제", "침해 대응, 포렌식", "SIEM, 로그 분석"],
            ),
            (
                "정보보호팀",
                False,
                ["정보보호 정책 수립", "보안 지휘서신 전파", "보안 점검", "국방 RMF 적용"],
                ["정보보호, 관리체계", "RMF, 위험관리", "보안 정책"],
            ),
            (
                "개인정보보호팀",
                False,
                ["개인정보 내부관리계획 운영", "개인정보 처리 점검", "개인정보 영향평가", "접속기록 점검"],
                ["개인정보보호, 법규", "영향평가", "접근 통제"],
            ),
            (
                "보안점검팀",
                False,
                ["정기·불시 보안 점검", "취약점 진단", "보안 평가 수검", "보안 교육 운영"],
                ["취약점 진단, 모의해킹", "보안 점검", "보안 교육"],
            ),
        ],
    ),
]

# Roughly a third of staff write a line about themselves; the rest leave it for later.
BIO_TEMPLATES = [
    "{team}에서 {job} 업무를 맡고 있습니다. 궁금한 점은 편하게 연락 주세요.",
    "{year}년에 입사해 {job} 일을 하고 있습니다.",
    "{skill} 분야에 관심이 많습니다. 함께 공부할 분 환영합니다.",
    "{team} {job} 담당입니다. 학습 동호회 활동도 하고 있습니다.",
]
HEAD_BIO_TEMPLATES = [
    "{year}년에 입사했습니다. {team} 구성원 모두의 성장을 응원합니다.",
    "{team}의 문은 늘 열려 있습니다. 좋은 의견을 기다립니다.",
]
HEAD_POSITIONS = {"원장", "실장", "부장", "팀장"}

# Grade → (first, last) year of hire, so that seniority looks plausible.
HIRE_YEARS = {
    "1급": (1993, 2000),
    "2급": (1994, 2002),
    "3급": (1996, 2005),
    "4급": (1999, 2010),
    "5급": (2004, 2016),
    "6급": (2009, 2020),
    "7급": (2014, 2023),
    "8급": (2018, 2024),
    "9급": (2021, 2025),
    "책임연구원": (2000, 2012),
    "선임연구원": (2009, 2019),
    "연구원": (2016, 2025),
}
LAST_HIRE_DATE = datetime.date(2025, 6, 30)


@dataclass(frozen=True)
class DemoUser:
    """One demo log-in: the role it shows, the person behind it and what to try with it."""

    username: str
    role: Role | None  # None: the superuser
    team: str  # a department name at scale 1 (a division name for the leader)
    name: str
    position: str
    grade: str
    job_title: str
    skills: str
    try_this: object  # a lazy translation


DEMO_USERS = [
    DemoUser(
        "staff",
        Role.STAFF,
        "장병e음팀",
        "김민수",
        "팀원",
        "7급",
        "장병e음 모바일 서비스 운영",
        "모바일, 클라우드",
        gettext_lazy(
            "직원 검색(ㄱㅁㅅ), 교육 신청과 대기 신청(/learning/catalogue/), 진행 중인 설문 응답(/surveys/), "
            "필수 공지 확인(/newsroom/), 리더에게 질문"
        ),
    ),
    DemoUser(
        "learning",
        Role.LEARNING_ADMIN,
        "교육훈련팀",
        "이서연",
        "선임",
        "6급",
        "정보화 교육 과정 운영",
        "교육 기획, 이러닝",
        gettext_lazy("교육 차수 운영(/learning/manage/), 외부 학습 검토(/learning/records/review/)"),
    ),
    DemoUser(
        "planner",
        Role.PLANNER,
        "성과관리팀",
        "박지훈",
        "선임",
        "5급",
        "성과업무 프로그램 기획",
        "성과관리, 평가",
        gettext_lazy("성과업무 계획과 사유를 적은 상태 변경 (/performance/)"),
    ),
    DemoUser(
        "owner",
        Role.PROGRAMME_OWNER,
        "AI서비스팀",
        "최유진",
        "선임",
        "선임연구원",
        "생성형 AI 챗봇 고도화 과제 담당",
        "AI, 딥러닝",
        gettext_lazy("대시보드의 내 성과 과제: 완료 예정일이 지난 일정에 추진 실적 올리기"),
    ),
    DemoUser(
        "leader",
        Role.LEADER,
        "데이터관리부",
        "정대현",
        "부장",
        "3급",
        "데이터관리부 총괄",
        "데이터 거버넌스, 조직 관리",
        gettext_lazy("설문 결과, 우리 부서, 조직도 (/surveys/)"),
    ),
    DemoUser(
        "editor",
        Role.EDITOR,
        "홍보팀",
        "강하은",
        "팀원",
        "6급",
        "카드뉴스 제작",
        "홍보, 디자인",
        gettext_lazy("소식 페이지 편집(/admin/), 카드뉴스 열람 현황(/newsroom/card-news/reads/)"),
    ),
    DemoUser(
        "secretary",
        Role.COMMITTEE_SECRETARY,
        "기획예산팀",
        "조은비",
        "팀원",
        "6급",
        "자문위원회 운영",
        "기획, 회의 운영",
        gettext_lazy("자문위원회(/advisory/): 위원과 임기, 위촉장, 회의와 회의록, 자문의견 이행 관리"),
    ),
    DemoUser(
        "hradmin",
        Role.HR_ADMIN,
        "인사팀",
        "윤성호",
        "선임",
        "5급",
        "인사 기록 관리",
        "인사 관리, 노무",
        gettext_lazy("인사 자료 가져오기, 모든 프로필 고치기 (/admin/)"),
    ),
    DemoUser(
        "surveys",
        Role.SURVEY_ADMIN,
        "고객만족팀",
        "장미경",
        "팀원",
        "6급",
        "조직문화 설문 운영",
        "설문 설계, 통계",
        gettext_lazy("2025년 만족도 조사 결과와 개선 과제, 진행 중인 수시 설문 (/surveys/)"),
    ),
    DemoUser(
        "admin",
        None,
        "서버운영팀",
        "임재현",
        "선임",
        "5급",
        "이음 시스템 관리",
        "리눅스, 서버",
        gettext_lazy("모든 화면과 Wagtail 관리자 (/admin/)"),
    ),
]


@dataclass
class DepartmentPlan:
    code: str
    name: str
    parent_code: str | None
    sort_order: int
    head_number: str = ""


@dataclass
class Plan:
    """The whole demo agency as plain values, before anything touches the database."""

    departments: list[DepartmentPlan] = field(default_factory=list)
    staff: list[dict] = field(default_factory=list)  # Staff field values plus "department_code"
    users: dict[str, str] = field(default_factory=dict)  # username → employee number


@functools.lru_cache(maxsize=512)
def romanize_given(given: str) -> str:
    """ "민수" → "Minsu"; memoised, since a large agency repeats a few dozen given names."""
    return "".join(Romanizer(given).romanize().split()).capitalize()


def english_name(name: str) -> str:
    """ "김민수" → "Kim Minsu": the customary surname spelling, then the given name."""
    surname = SURNAME_SPELLINGS.get(name[0], [name[0]])[0].capitalize()
    return f"{surname} {romanize_given(name[1:])}"


class PlanBuilder:
    """Draws the agency. Counters that must stay stable (employee numbers, e-mail addresses) are
    filled in the order teams are drawn: every template's team 1, then every team 2, and so on."""

    def __init__(self, scale: int):
        self.scale = max(1, int(scale))
        self.plan = Plan()
        self.sequence_by_year: dict[int, int] = {}
        self.emails: dict[str, int] = {}
        self.overrides = {u.team: u for u in DEMO_USERS}
        self.surnames = [s for s, _ in SURNAMES]
        self.surname_weights = [w for _, w in SURNAMES]

    def build(self) -> Plan:
        rng = random.Random(f"{SEED}:root")
        self.add_department("A000", "국방전산정보원", None, 0)
        self.add_head("A000", rng, "원장", "1급", "기관 운영 총괄", "국방 정보화, 경영")
        for digit, division, head_position, teams in DIVISIONS:
            code = f"A{digit}00"
            self.add_department(code, division, "A000", digit * 100_000)
            rng = random.Random(f"{SEED}:{code}")
            grade = rng.choice(["3급", "3급", "4급"])
            self.add_head(code, rng, head_position, grade, "부서 업무 총괄", teams[0][3][0])
        for k in range(1, self.scale + 1):
            for digit, _division, _head, teams in DIVISIONS:
                for t, template in enumerate(teams, start=1):
                    self.add_team(digit, t, k, template)
        return self.plan

    def add_department(self, code, name, parent_code, sort_order):
        self.plan.departments.append(DepartmentPlan(code, name, parent_code, sort_order))
        return self.plan.departments[-1]

    def add_team(self, digit: int, t: int, k: int, template) -> None:
        name, research, jobs, skills = template
        code = f"A{digit}{t:02d}" if k == 1 else f"A{digit}{t:02d}-{k:02d}"
        team_name = name if k == 1 else f"{name[:-1]}{k}팀"
        self.add_department(code, team_name, f"A{digit}00", digit * 100_000 + t * 1000 + k)
        rng = random.Random(f"{SEED}:{code}")
        size = rng.randint(7, 14) if k == 1 else rng.randint(8, 15)  # ~300 at scale 1, ~20,000 at 60
        members = []
        for i in range(size):
            if i == 0:
                position = "팀장"
                grade = "책임연구원" if research else rng.choice(["4급", "4급", "5급"])
            elif i <= 2:
                position = "선임"
                grade = rng.choice(["선임연구원", "5급"]) if research else rng.choice(["5급", "6급"])
            else:
                position = "팀원"
                grade = rng.choice(["연구원", "연구원", "6급", "7급"]) if research else self.member_grade(rng)
            job = "팀 업무 총괄" if i == 0 else rng.choice(jobs)
            members.append(self.person(rng, code, team_name, position, grade, job, rng.choice(skills), digit))
        if k == 1 and name in self.overrides:
            self.apply_override(members, self.overrides[name])
        for index, member in enumerate(members):
            self.number(member)
            if index == 0:
                self.plan.departments[-1].head_number = member["employee_number"]

    def member_grade(self, rng: random.Random) -> str:
        return rng.choices(["6급", "7급", "8급", "9급"], weights=[35, 35, 20, 10])[0]

    def add_head(self, code, rng, position, grade, job, skills) -> None:
        digit = int(code[1]) if code != "A000" else 0
        name = self.plan.departments[-1].name
        person = self.person(rng, code, name, position, grade, job, skills, digit, complete=True)
        override = self.overrides.get(name)
        if override:
            self.apply_override([person], override, slot=0)
        self.number(person)
        self.plan.departments[-1].head_number = person["employee_number"]

    def person(self, rng, code, team, position, grade, job, skills, digit, complete=False) -> dict:
        """One person's fields; some left empty so that profile completeness varies."""
        name = rng.choices(self.surnames, weights=self.surname_weights)[0] + rng.choice(GIVEN_NAMES)
        first, last = HIRE_YEARS[grade]
        year = rng.randint(first, last)
        hired_on = min(datetime.date(year, rng.choice([1, 3, 3, 7, 9]), rng.randint(1, 28)), LAST_HIRE_DATE)
        templates = HEAD_BIO_TEMPLATES if position in HEAD_POSITIONS else BIO_TEMPLATES
        bio = rng.choice(templates).format(
            team=team, job=job, year=hired_on.year, skill=skills.split(",")[0].strip()
        )
        return {
            "department_code": code,
            "name": name,
            "grade": grade,
            "position": position,
            "job_title": job if complete or rng.random() > 0.08 else "",
            "extension": f"{digit + 1 if digit else 2}{rng.randrange(1000):03d}"
            if complete or rng.random() > 0.05
            else "",
            "mobile": f"010-{rng.randrange(2000, 10000):04d}-{rng.randrange(10000):04d}"
            if rng.random() > 0.1
            else "",
            "skills": skills if complete or rng.random() > 0.25 else "",
            "bio": bio if complete or rng.random() < 0.3 else "",
            "hired_on": hired_on,
        }

    def apply_override(self, members: list[dict], user: DemoUser, slot: int | None = None) -> None:
        """Put a demo user's fixed person into the team, in the slot matching their position."""
        if slot is None:
            slot = {"팀장": 0, "선임": 1}.get(user.position, len(members) - 1)
        members[slot].update(
            name=user.name,
            position=user.position,
            grade=user.grade,
            job_title=user.job_title,
            skills=user.skills,
            extension=members[slot]["extension"] or "2000",
            # The "staff" demo person leaves the bio empty, to show completeness links.
            bio="" if user.role == Role.STAFF else f"{user.job_title} 담당입니다.",
        )
        members[slot]["username"] = user.username

    def number(self, person: dict) -> None:
        """Employee number (year of hire + sequence), English name and a unique e-mail."""
        year = person["hired_on"].year
        self.sequence_by_year[year] = self.sequence_by_year.get(year, 0) + 1
        person["employee_number"] = f"{year}{self.sequence_by_year[year]:04d}"
        person["name_en"] = english_name(person["name"])
        surname, given = person["name_en"].lower().split(" ", 1)
        local = f"{given}.{surname}"
        self.emails[local] = n = self.emails.get(local, 0) + 1  # names hold no digits: unique
        person["email"] = f"{local}{n if n > 1 else ''}@{EMAIL_DOMAIN}"
        username = person.pop("username", None)
        if username:
            self.plan.users[username] = person["employee_number"]
        self.plan.staff.append(person)


def build_plan(scale: int = 1) -> Plan:
    return PlanBuilder(scale).build()


@dataclass
class SeedResult:
    departments_created: int = 0
    staff_created: int = 0
    heads_set: int = 0
    users_created: int = 0


def seed_departments(plan: Plan, result: SeedResult) -> dict[str, Department]:
    """Create missing departments parent-first; return every department by code."""
    by_code = {d.code: d for d in Department.objects.all()}
    pending = [d for d in plan.departments if d.code not in by_code]
    while pending:
        ready = [d for d in pending if d.parent_code is None or d.parent_code in by_code]
        Department.objects.bulk_create(
            [
                Department(
                    code=d.code,
                    name=d.name,
                    parent=by_code.get(d.parent_code),
                    sort_order=d.sort_order,
                )
                for d in ready
            ],
            batch_size=BATCH_SIZE,
        )
        result.departments_created += len(ready)
        by_code = {d.code: d for d in Department.objects.all()}  # one query per tree level
        pending = [d for d in pending if d.code not in by_code]
    return by_code


def seed_staff(plan: Plan, departments: dict[str, Department], result: SeedResult) -> None:
    """bulk_create skips ``save()``, so the search key is computed here with the department
    attached in memory."""
    existing = set(Staff.objects.values_list("employee_number", flat=True))
    new = []
    for values in plan.staff:
        if values["employee_number"] in existing:
            continue
        fields = {k: v for k, v in values.items() if k != "department_code"}
        staff = Staff(department=departments[values["department_code"]], **fields)
        staff.search_key = staff.build_search_key()
        new.append(staff)
    for start in range(0, len(new), BATCH_SIZE):
        Staff.objects.bulk_create(new[start : start + BATCH_SIZE])
    result.staff_created = len(new)


def seed_heads(plan: Plan, departments: dict[str, Department], result: SeedResult) -> None:
    """Set heads only where a department has none, so a head HR has changed stays changed."""
    wanted = {d.code: d.head_number for d in plan.departments if d.head_number}
    headless = [d for code, d in departments.items() if code in wanted and d.head_id is None]
    if not headless:
        return
    numbers = [wanted[d.code] for d in headless]
    staff_ids = {}
    for start in range(0, len(numbers), BATCH_SIZE):  # stay under SQLite's parameter limit
        chunk = Staff.objects.filter(employee_number__in=numbers[start : start + BATCH_SIZE])
        staff_ids.update(chunk.values_list("employee_number", "pk"))
    changed = []
    for department in headless:
        department.head_id = staff_ids.get(wanted[department.code])
        if department.head_id:
            changed.append(department)
    Department.objects.bulk_update(changed, ["head"], batch_size=BATCH_SIZE)
    result.heads_set = len(changed)


def seed_users(plan: Plan, result: SeedResult) -> None:
    """One log-in per role, each in "staff" plus its role and linked to its person.

    The demo password is hashed once and shared: ten PBKDF2 rounds would dominate the seed time.
    """
    groups = {g.name: g for g in Group.objects.all()}
    existing = {u.username: u for u in User.objects.filter(username__in=plan.users)}
    staff_by_number = {
        s.employee_number: s for s in Staff.objects.filter(employee_number__in=plan.users.values())
    }
    password = None
    for demo in DEMO_USERS:
        user = existing.get(demo.username)
        if user is None:
            password = password or make_password(DEMO_PASSWORD)
            staff = staff_by_number[plan.users[demo.username]]
            user = User.objects.create(
                username=demo.username,
                password=password,
                email=staff.email,
                first_name=staff.name[1:],
                last_name=staff.name[0],
                is_staff=demo.role is None,
                is_superuser=demo.role is None,
            )
            result.users_created += 1
        names = {Role.STAFF.value, *([demo.role.value] if demo.role else [])}
        missing = names - set(user.groups.values_list("name", flat=True))
        if missing:
            user.groups.add(*(groups[n] for n in missing if n in groups))
        staff = staff_by_number.get(plan.users[demo.username])
        if staff is not None and staff.user_id is None and not Staff.objects.filter(user=user).exists():
            Staff.objects.filter(pk=staff.pk).update(user=user)


def seed(*, scale: int = 1, stdout=None) -> SeedResult:
    """The directory's demo seeder (order 10): departments, staff, heads, demo log-ins."""
    plan = build_plan(scale)
    result = SeedResult()
    departments = seed_departments(plan, result)
    seed_staff(plan, departments, result)
    seed_heads(plan, departments, result)
    seed_users(plan, result)
    directory_cache_clear()
    if stdout is not None:
        stdout.write(
            _(
                "직원 명부: 부서 %(departments)s개(새로 %(new_departments)s개), "
                "직원 %(staff)s명(새로 %(new_staff)s명), 데모 계정 새로 %(new_users)s개"
            )
            % {
                "departments": f"{Department.objects.count():,}",
                "new_departments": f"{result.departments_created:,}",
                "staff": f"{Staff.objects.count():,}",
                "new_staff": f"{result.staff_created:,}",
                "new_users": result.users_created,
            }
        )
    return result


def initials_avatar(name_en: str, seed_text: str) -> bytes:
    """A 256×256 PNG with Latin initials: no Hangul font ships with the project's dependencies."""
    from PIL import Image, ImageDraw, ImageFont

    rng = random.Random(f"{SEED}:{seed_text}")
    colour = tuple(rng.randrange(60, 180) for _ in range(3))
    image = Image.new("RGB", (256, 256), colour)
    draw = ImageDraw.Draw(image)
    initials = "".join(word[0] for word in name_en.split()[:2]).upper() or "?"
    font = ImageFont.load_default(size=110)
    draw.text((128, 128), initials, fill=(255, 255, 255), font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def seed_photos(*, stdout=None) -> int:
    """Initials avatars for the demo users' people who have no photo yet."""
    people = Staff.objects.filter(user__username__in=[u.username for u in DEMO_USERS], photo="")
    count = 0
    for person in people:
        content = ContentFile(initials_avatar(person.name_en, person.employee_number))
        person.photo.save(f"demo-{person.employee_number}.png", content, save=False)
        Staff.objects.filter(pk=person.pk).update(photo=person.photo.name)
        count += 1
    if stdout is not None:
        stdout.write(_("사진 %(count)s장을 만들었습니다.") % {"count": count})
    return count
