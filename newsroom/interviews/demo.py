"""The demo of "국장님, DM 왔습니다": questions from staff to the demo leader, two episodes of
2025 (the interviews the agency's 2025 report names in section 9, dated in 2025 so that the 2025
annual report counts them), two published the day the demo is seeded (the living year), and
questions still pending, selected, merged and declined.

Questions and answers are data (the agency's 2025 topics: 장병e음, 엠피스봇, 만족도 86.4점, AICC,
자문위원 개편, 설문 재설계 …, with the report's own figures), not interface text. The report does
not say how many interviews were held; two is the demo's number.

Every question goes through the services; the demo is idempotent (a second
run finds the first demo question and stops). Without the newsroom home page (before that model
is merged in) the episodes are not created and their questions stay answered, awaiting one.
"""

import datetime
import uuid

from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.directory.models import Staff
from intranet.registry import DemoSeeder, register_demo_seeder

from . import services
from .models import Question

NAMESPACE = uuid.UUID("6a1f0e52-9d0c-4c43-8d0e-2d8a4b5c6e01")

# (question, named?, answer or None, episode 1/2 or None, declined reason or None)
QUESTIONS = [
    (
        "장병e음이 정부혁신 박람회 대표 사례로 뽑혔는데, 내년에는 어떤 서비스를 더 붙일 계획인가요?",
        True,
        "입대 전부터 전역 후까지 한 곳에서 쓰는 서비스가 목표입니다. "
        "내년에는 군 가족 서비스와 생성형 AI 맞춤 안내를 넓히겠습니다.",
        1,
        None,
    ),
    (
        "엠피스봇 정확도가 90%까지 올랐다고 들었습니다. 95% 목표는 언제쯤 가능할까요?",
        False,
        "자체 GPU와 오픈소스 sLLM으로 학습 데이터를 계속 보강하고 있습니다. "
        "연말 고도화가 끝나면 95%를 넘길 수 있다고 봅니다.",
        1,
        None,
    ),
    (
        "재택근무나 유연근무를 더 넓힐 생각은 없으신가요?",
        False,
        "업무 공백이 없도록 부서별로 시범 운영을 해 보고, 결과를 보고 넓히겠습니다.",
        1,
        None,
    ),
    (
        "내부직원 만족도가 86.4점으로 올랐는데, 리더십이 1위가 된 비결이 궁금합니다.",
        True,
        "직원 여러분이 이렇게 질문을 보내 주시는 것 자체가 비결입니다. "
        "소통간담회와 원장 단상도 계속하겠습니다.",
        2,
        None,
    ),
    (
        "AI·클라우드 교육을 더 늘려 주실 수 있나요?",
        False,
        "전문가 초빙강연과 외부 세미나 참석(16회)을 올해보다 늘리고, 학습 동호회 지원도 계속합니다.",
        2,
        None,
    ),
    (
        "방첩사 평가에서 처음으로 '우수'를 받았는데 직원들에게 포상 계획이 있나요?",
        True,
        None,
        None,
        None,
    ),  # selected, awaiting the answer
    ("사이버보안 교육이 너무 많아요. 줄일 수 없을까요?", False, None, None, None),  # pending
    ("신규 직원 멘토링 제도를 만들어 주세요.", True, None, None, None),  # pending
    ("AI·클라우드 교육 과정을 늘려 주세요!", False, None, "merge:4", None),  # merged into the AI question
    (
        "점심시간을 한 시간 반으로 늘려 주세요.",
        False,
        None,
        None,
        "인터뷰 주제와 맞지 않아 복무 담당 부서로 전달했습니다.",
    ),
]
SELECTED = {5}

# The 2025 episodes: (title, published on (month, day), [(question, answer)]). Asked three weeks,
# decided two weeks and answered one week before publication. Anonymous questions, so that seeding
# tells no one today about an episode of 2025.
EPISODES_2025 = [
    (
        "AICC와 새 자문위원회, 국장님께 묻다",
        (6, 20),
        [
            (
                "예비군 민원창구를 AICC로 통합한다고 들었습니다. 정말 24시간 상담이 가능해지나요?",
                "예비군 보이스봇과 챗봇을 도입해 24시간 365일 멈추지 않는 상담을 하려 합니다. "
                "260만 예비군의 불편을 줄이는 것이 목표입니다.",
            ),
            (
                "올해 자문위원회를 전면 개편한다는데, 무엇이 달라지나요?",
                "성과관리 중심, 특정 위원 위주였던 구조를 바꿔 성과관리·법률·정보화 3개 영역으로 "
                "다시 꾸립니다. 기관의 일에 맞는 자문을 받겠습니다.",
            ),
        ],
    ),
    (
        "설문 재설계와 예측모델, 그 뒷이야기",
        (11, 21),
        [
            (
                "정보체계 이용자 만족도 설문을 왜 처음부터 다시 설계했나요?",
                "이용자가 왜 불만족하는지 정확히 알고 싶었습니다. 적극적으로 알린 덕분에 표본도 "
                "2,278명에서 12,575명으로 늘었습니다.",
            ),
            (
                "인건비 집행 예측모델 정확도가 크게 올랐다고 들었습니다. 비결이 무엇인가요?",
                "데이터 전처리를 자동화하고 딥러닝 알고리즘을 적용했습니다. '23년 88.11%에서 "
                "97.62%까지 올랐습니다.",
            ),
        ],
    ),
]


def _staff(username: str) -> Staff | None:
    user = User.objects.filter(username=username).select_related("staff").first()
    return getattr(user, "staff", None) if user else None


def seed(*, scale: int = 1, stdout=None) -> None:
    def say(message):
        if stdout is not None:
            stdout.write(message)

    leader, editor = _staff("leader"), _staff("editor")
    askers = [s for s in (_staff("staff"), _staff("planner"), _staff("owner"), _staff("learning")) if s]
    if leader is None or editor is None or not askers:
        say(_("직원 명부 데모(leader, editor 계정)가 없어 리더 인터뷰 데모를 만들지 않았습니다."))
        return
    first_key = uuid.uuid5(NAMESPACE, "0")
    if Question.objects.filter(submission_key=first_key).exists():
        say(_("리더 인터뷰 데모가 이미 있어 그대로 두었습니다."))
        return
    made = []
    for index, (text, named, _answer, _episode, _reason) in enumerate(QUESTIONS):
        question, _created = services.question_ask(
            asker=askers[index % len(askers)],
            leader=leader,
            text=text,
            anonymous=not named,
            submission_key=uuid.uuid5(NAMESPACE, str(index)),
        )
        made.append(question)
    for index, (_text, _named, answer, episode, reason) in enumerate(QUESTIONS):
        question = made[index]
        if isinstance(episode, str) and episode.startswith("merge:"):
            services.question_merge(question_id=question.pk, into_id=made[int(episode[6:])].pk, by=editor)
        elif reason:
            services.question_decline(question_id=question.pk, by=editor, reason=reason)
        elif answer or index in SELECTED:
            services.question_select(question_id=question.pk, by=leader)
            if answer:
                services.question_answer(question_id=question.pk, by=leader, answer=answer)
    parent = services.episode_parent()
    has_index = _newsroom_index_exists()
    if parent is None or not has_index:
        say(_("소식 첫 페이지가 없어 인터뷰 회차는 만들지 않고 질문과 답변만 넣었습니다."))
        return
    for number, (title, (month, day), pairs) in enumerate(EPISODES_2025):
        _episode_2025(number, title, datetime.date(2025, month, day), pairs, askers, leader, editor, parent)
    titles = {1: "장병e음에서 엠피스봇까지, 국장님께 묻다", 2: "만족도 86.4점, 그 다음은?"}
    for number, title in titles.items():
        ids = [made[i].pk for i, spec in enumerate(QUESTIONS) if spec[3] == number]
        services.episode_publish(by=editor, title=title, question_ids=ids, parent=parent)
    say(
        _("리더 인터뷰 데모: 질문 %(count)s건, 회차 %(episodes)s개를 만들었습니다.")
        % {"count": len(made) + sum(len(e[2]) for e in EPISODES_2025), "episodes": 2 + len(EPISODES_2025)}
    )


def _episode_2025(number, title, published, pairs, askers, leader, editor, parent) -> None:
    """Ask, answer and publish one 2025 episode through the services, then date it and its
    questions in 2025 (never after today: a demo seeded early in 2025 dates them today)."""
    from .models import InterviewPage

    today = timezone.localdate()
    ids = []
    for index, (text, answer) in enumerate(pairs):
        question, _created = services.question_ask(
            asker=askers[index % len(askers)],
            leader=leader,
            text=text,
            anonymous=True,
            submission_key=uuid.uuid5(NAMESPACE, f"2025:{number}:{index}"),
        )
        services.question_select(question_id=question.pk, by=leader)
        services.question_answer(question_id=question.pk, by=leader, answer=answer)
        ids.append(question.pk)
    page = services.episode_publish(by=editor, title=title, question_ids=ids, parent=parent)

    def day(weeks_before: int) -> datetime.date:
        return min(published - datetime.timedelta(weeks=weeks_before), today)

    Question.objects.filter(pk__in=ids).update(asked_on=day(3), decided_on=day(2), answered_on=day(1))
    moment = timezone.make_aware(datetime.datetime.combine(day(0), datetime.time(10, 0)))
    moment = min(moment, timezone.now())
    InterviewPage.objects.filter(pk=page.pk).update(
        first_published_at=moment, last_published_at=moment, latest_revision_created_at=moment
    )
    page.revisions.update(created_at=moment)


def _newsroom_index_exists() -> bool:
    from django.apps import apps

    try:
        apps.get_model("newsroom", "NewsroomIndexPage")
    except LookupError:
        return False
    return True


register_demo_seeder(DemoSeeder(key="newsroom_interviews", seed=seed, order=60))
