"""The demo study clubs (학습 동호회) of 2025: job-related clubs that met through the year and
entered competitions (annual report, section 7: "직무 연관 분야 학습 동호회를 통한 경진대회 참가").
The report names no club or result; these are illustrative. Clubs that already exist by name are
left exactly as they are. Names are data, not interface text.
"""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.directory.models import Staff
from intranet.registry import DemoSeeder, register_demo_seeder

from .models import Club, Membership
from .services import club_create, club_join, entry_record, meeting_log


@dataclass(frozen=True)
class ClubSpec:
    name: str
    description: str
    meetings: tuple[tuple[dt.date, str, str], ...]
    entries: tuple[tuple[str, str, dt.date, str], ...]  # competition, entry, date, result
    is_open: bool = True


CLUBS = [
    ClubSpec(
        "생성형 AI 연구회",
        "sLLM과 RAG를 직무에 적용해 보는 모임입니다. 격주 목요일 점심에 모여 논문과 실습을 나눕니다.",
        (
            (dt.date(2025, 2, 13), "sLLM 파인튜닝 기초", "오픈소스 모델 비교와 GPU 자원 계획"),
            (dt.date(2025, 4, 10), "RAG로 규정 검색하기", "재정 업무 규정 문서로 검색 품질 실험"),
            (dt.date(2025, 6, 12), "경진대회 출품작 점검", "시연 시나리오와 발표 자료 정리"),
            (dt.date(2025, 9, 18), "AI 에이전트 동향", "업무 자동화 사례 발표"),
        ),
        (
            ("2025 국방 AI 경진대회", "재정 규정 질의응답 챗봇", dt.date(2025, 7, 3), "우수상"),
            (
                "공공부문 생성형 AI 활용 아이디어 공모전",
                "민원 답변 초안 도우미",
                dt.date(2025, 10, 24),
                "장려상",
            ),
        ),
    ),
    ClubSpec(
        "클라우드 네이티브 스터디",
        "컨테이너와 쿠버네티스를 함께 공부하고 자격증 취득을 돕는 모임입니다.",
        (
            (dt.date(2025, 3, 5), "쿠버네티스 기본 개념", "파드, 디플로이먼트, 서비스"),
            (dt.date(2025, 5, 7), "CKA 대비 실습", "클러스터 업그레이드와 백업"),
            (dt.date(2025, 8, 20), "공공 클라우드 전환 사례", "세미나 참석 후기 공유"),
        ),
        (
            (
                "2025 공공 클라우드 활용 경진대회",
                "장병e음 모바일 자동 확장 구성",
                dt.date(2025, 9, 26),
                "본선 진출",
            ),
        ),
    ),
    ClubSpec(
        "사이버보안 동호회",
        "모의해킹과 보안 관제를 공부하는 모임입니다. 새 회원은 리더에게 문의해 주세요.",
        (
            (dt.date(2025, 3, 20), "웹 취약점 실습", "OWASP Top 10 실습"),
            (dt.date(2025, 6, 19), "침해사고 대응 훈련", "모의 훈련 시나리오 점검"),
            (dt.date(2025, 10, 16), "제로트러스트 세미나 후기", "적용 방안 토론"),
        ),
        (
            (
                "2025 국방 사이버보안 경연대회",
                "정보체계 침해 탐지 시나리오",
                dt.date(2025, 11, 14),
                "최우수상",
            ),
        ),
        is_open=False,
    ),
]


def _demo_staff(username: str) -> Staff | None:
    user = User.objects.filter(username=username).select_related("staff").first()
    return getattr(user, "staff", None) if user else None


@transaction.atomic
def seed(*, scale: int = 1, stdout=None) -> int:
    """The study club demo seeder (order 61). Returns the number of clubs created."""
    people = list(Staff.objects.filter(is_active=True).order_by("employee_number")[:60])
    if len(people) < 12:
        if stdout is not None:
            stdout.write(_("직원 명부 데모가 없어 학습 동호회 데모를 만들지 않았습니다."))
        return 0
    admin = _demo_staff("learning")
    me = _demo_staff("staff")
    created = 0
    for index, spec in enumerate(CLUBS):
        if Club.objects.filter(name=spec.name).exists():
            continue
        leader = me if index == 0 and me is not None else people[index * 11 % len(people)]
        club = club_create(
            name=spec.name, leader=leader, description=spec.description, founded_on=dt.date(2024, 3, 2)
        )
        members = [p for p in people[index * 3 + 2 :: 5][:7] if p.pk != leader.pk]
        for person in members:
            club_join(club=club, staff=person)
        Membership.objects.filter(club=club).update(joined_at=dt.datetime(2025, 1, 6, 9, tzinfo=dt.UTC))
        team = [leader, *members]
        by = admin or leader
        for number, (held_on, topic, notes) in enumerate(spec.meetings):
            if held_on > timezone.localdate():
                continue  # seeded during 2025 itself: a meeting not yet held is not logged
            meeting_log(
                club=club,
                by=by,
                held_on=held_on,
                topic=topic,
                notes=notes,
                attendees=team[number % 2 :: 1][:6],
            )
        for competition, entry_title, held_on, result in spec.entries:
            entry_record(
                club=club,
                by=by,
                competition=competition,
                entry_title=entry_title,
                held_on=held_on,
                team=team[:3],
                result=result,
            )
        if not spec.is_open:
            club.is_open = False
            club.save(update_fields=["is_open"])
        created += 1
    if stdout is not None:
        stdout.write(_("학습 동호회: %(count)s개") % {"count": created})
    return created


register_demo_seeder(DemoSeeder(key="learning_clubs", seed=seed, order=61))
