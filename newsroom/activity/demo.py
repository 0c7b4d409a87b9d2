"""The demo PR log and partnerships of 2025, from the agency's annual report (section 9).

The report counts 16 PR activities through the media ("홍보매체를 통한 기관 활동 및 성과 적극
홍보 (16회)"), monthly card news among them, and MOUs with 명지대학교 and ETRI besides exchanges
with 한국사회보장정보원, 국군재정단 and 국방통합데이터센터. Titles are data, not interface text.
Idempotent: a 2025 log that has rows, or partnerships that exist, are left as they are.
"""

import datetime as dt

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from intranet.directory.models import Department
from intranet.registry import DemoSeeder, register_demo_seeder

from .models import Channel, Partnership, PrActivity

YEAR = 2025
C = Channel

PR_2025 = [
    (dt.date(2025, 1, 20), C.CARD_NEWS, "카드뉴스 1월호: 2025년 달라지는 국방 정보화 서비스", 3200),
    (dt.date(2025, 2, 13), C.PRESS_RELEASE, "생성형 AI 챗봇 '엠피스봇' 재정업무 시범 운영", 15400),
    (dt.date(2025, 3, 6), C.SOCIAL_MEDIA, "장병e음 모바일 서비스 소개 영상 게시", 28700),
    (dt.date(2025, 3, 27), C.MAGAZINE, "기관장 소통 매거진 봄호 발간", 1200),
    (dt.date(2025, 4, 17), C.PRESS_RELEASE, "예비군 AICC 24시간 보이스봇·챗봇 상담 개시", 21900),
    (dt.date(2025, 5, 8), C.BROADCAST, "국방TV 보도: 260만 예비군 민원 AICC로 한 번에", 48000),
    (dt.date(2025, 5, 29), C.CARD_NEWS, "카드뉴스 5월호: AI-RPA 장애 모니터링, 오탐률 54%→1%", 2900),
    (dt.date(2025, 6, 19), C.PRESS_RELEASE, "명지대학교와 국방 정보화 인재 양성 업무협약 체결", 9800),
    (dt.date(2025, 7, 10), C.SOCIAL_MEDIA, "데이터 분석모델로 군인인건비 불용액 1,265억원 감소", 17300),
    (dt.date(2025, 8, 21), C.PRESS_RELEASE, "ETRI와 국방 AI·클라우드 기술 협력 업무협약 체결", 11200),
    (dt.date(2025, 9, 4), C.MAGAZINE, "국방일보 기고: 데이터 거버넌스 체계와 품질 진단", 6400),
    (dt.date(2025, 9, 25), C.OTHER, "2025 정부혁신 박람회 국방부 대표 혁신사례 '장병e음' 전시", 5300),
    (dt.date(2025, 10, 16), C.BROADCAST, "국방FM 인터뷰: 장병e음, 입대 전부터 전역 후까지", 32000),
    (dt.date(2025, 11, 6), C.PRESS_RELEASE, "클라우드 산업발전 유공 과학기술정보통신부장관 표창 수상", 13600),
    (dt.date(2025, 11, 27), C.SOCIAL_MEDIA, "방첩사 보안평가 창설 이후 첫 '우수' 달성 소식", 8900),
    (dt.date(2025, 12, 11), C.CARD_NEWS, "카드뉴스 12월호: 숫자로 본 2025년 국전원", 3600),
]

PARTNERSHIPS = [
    (
        "명지대학교",
        Partnership.Kind.MOU,
        dt.date(2025, 6, 18),
        "국방 정보화 전문 인재 양성, 공동 연구와 세미나, 학생 현장실습 협력",
    ),
    (
        "한국전자통신연구원(ETRI)",
        Partnership.Kind.MOU,
        dt.date(2025, 8, 20),
        "국방 분야 AI·클라우드 신기술 공동 연구, 기술 자문과 인력 교류",
    ),
    ("한국사회보장정보원", Partnership.Kind.EXCHANGE, dt.date(2025, 4, 24), "공공 정보시스템 운영 경험 교류"),
    ("국군재정단", Partnership.Kind.EXCHANGE, dt.date(2025, 7, 3), "재정정보체계 개선과 엠피스봇 활용 협의"),
    ("국방통합데이터센터", Partnership.Kind.EXCHANGE, dt.date(2025, 10, 2), "인프라 운영과 백업체계 협력"),
]


def seed(*, scale: int = 1, stdout=None) -> None:
    def say(message):
        if stdout is not None:
            stdout.write(message)

    user = User.objects.filter(username="editor").select_related("staff").first()
    editor = getattr(user, "staff", None) if user else None
    department = (
        Department.objects.filter(name="홍보팀", is_active=True).order_by("code").first()
        or Department.objects.filter(is_active=True).order_by("sort_order", "code").first()
    )
    if department is None:
        say(_("직원 명부 데모(부서)가 없어 홍보·협력 데모를 만들지 않았습니다."))
        return
    if PrActivity.objects.filter(date__year=YEAR).exists():
        say(_("2025년 홍보 실적이 이미 있어 그대로 두었습니다."))
    else:
        PrActivity.objects.bulk_create(
            PrActivity(date=day, channel=channel, title=title, reach=reach, created_by=editor)
            for day, channel, title, reach in PR_2025
        )
        say(_("홍보 실적 %(count)s건을 만들었습니다.") % {"count": len(PR_2025)})
    if Partnership.objects.exists():
        say(_("협력 기관이 이미 있어 그대로 두었습니다."))
        return
    Partnership.objects.bulk_create(
        Partnership(partner=p, kind=k, date=d, scope=s, department=department, created_by=editor)
        for p, k, d, s in PARTNERSHIPS
    )
    say(_("협력 기관 %(count)s곳을 만들었습니다.") % {"count": len(PARTNERSHIPS)})


register_demo_seeder(DemoSeeder(key="newsroom_activity", seed=seed, order=61))
