"""The interview screens: HTML shown as text, moderation through the queue, double submit,
the episode page, the demo, and the query budgets at two sizes."""

import datetime as dt
import uuid
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from intranet.home.models import Notification
from newsroom.interviews.models import InterviewPage, Question
from tests.factories import staff_with_login
from tests.newsroom.interviews.builders import answered, ask, leader, publish

SEOUL = ZoneInfo("Asia/Seoul")

pytestmark = pytest.mark.django_db

EVIL = '<script>alert("x")</script><b>굵게</b>'
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;굵게&lt;/b&gt;"


@pytest.fixture
def boss():
    return leader(name="정대현")


def boss_client(client, boss):
    client.force_login(boss.user)
    return client


def test_ask_form_double_submit_and_bad_input(login_as, boss):
    me = login_as(name="김민수")
    page = me.get("/newsroom/interviews/")
    assert "정대현" in page.content.decode()
    key = str(uuid.uuid4())
    data = {"leader": boss.pk, "text": "질문", "identity": "named", "submission_key": key}
    assert me.post("/newsroom/interviews/", data).status_code == 302
    assert me.post("/newsroom/interviews/", data).status_code == 302
    assert Question.objects.count() == 1
    for bad, message in (
        ({"text": ""}, "질문 내용을 적어 주세요."),
        ({"text": "가" * 1001}, "1000자 이내"),
        ({"leader": me.staff.pk}, "목록에 있는 리더를 골라 주세요."),
        ({"leader": ""}, "질문을 받을 리더를 골라 주세요."),
    ):
        response = me.post("/newsroom/interviews/", {**data, "submission_key": str(uuid.uuid4()), **bad})
        assert response.status_code == 400 and message in response.content.decode()
    assert Question.objects.count() == 1


def test_html_in_a_question_shows_as_text_everywhere(client, boss):
    asker = staff_with_login(name="김민수")
    pending = ask(asker, boss, EVIL)
    done = answered(asker, boss, EVIL, answer=EVIL)
    boss_client(client, boss)
    for url in ("/newsroom/interviews/queue/", f"/newsroom/interviews/questions/{done.pk}/answer/"):
        html = client.get(url).content.decode()
        assert ESCAPED in html and "<script>alert" not in html and "<b>굵게" not in html
    page = publish(boss, [done])
    html = client.get(page.get_url()).content.decode()
    assert html.count(ESCAPED) == 2 and "<script>alert" not in html
    assert pending.text == EVIL  # stored as sent, escaped when shown


def test_moderation_through_the_queue(client, boss):
    asker = staff_with_login()
    a, b, c = (ask(asker, boss, t) for t in ("가 질문", "나 질문", "다 질문"))
    boss_client(client, boss)
    queue = client.get("/newsroom/interviews/queue/").content.decode()
    assert all(t in queue for t in ("가 질문", "나 질문", "다 질문"))
    client.post(f"/newsroom/interviews/questions/{a.pk}/decide/", {"action": "select"})
    client.post(f"/newsroom/interviews/questions/{b.pk}/decide/", {"action": "merge", "into": str(a.pk)})
    response = client.post(
        f"/newsroom/interviews/questions/{c.pk}/decide/", {"action": "decline"}, follow=True
    )
    assert "반려 사유를 적어 주세요." in response.content.decode()
    client.post(f"/newsroom/interviews/questions/{c.pk}/decide/", {"action": "decline", "reason": "주제 밖"})
    response = client.post(
        f"/newsroom/interviews/questions/{a.pk}/decide/", {"action": "select"}, follow=True
    )
    assert "이미 처리된 질문입니다" in response.content.decode()
    statuses = dict(Question.objects.values_list("text", "status"))
    assert statuses == {"가 질문": "selected", "나 질문": "merged", "다 질문": "declined"}
    # Answer, publish, and the asker of the named question is told once.
    response = client.post(f"/newsroom/interviews/questions/{a.pk}/answer/", {"answer": ""})
    assert response.status_code == 400 and "답변 내용을 적어 주세요." in response.content.decode()
    client.post(f"/newsroom/interviews/questions/{a.pk}/answer/", {"answer": "답변입니다"})
    response = client.post("/newsroom/interviews/publish/", {"title": "1회", "questions": [str(a.pk)]})
    page = InterviewPage.objects.get()
    assert response.status_code == 302 and response["Location"] == page.get_url()
    again = client.post("/newsroom/interviews/publish/", {"title": "1회", "questions": [str(a.pk)]})
    assert again.status_code == 400 and InterviewPage.objects.count() == 1
    assert not Notification.objects.exists()  # every question was anonymous


def test_leader_sees_only_own_queue_editor_sees_all(login_as, boss):
    asker = staff_with_login()
    other = leader(name="이부장")
    ask(asker, boss, "정대현님께")
    ask(asker, other, "이부장님께")
    mine = login_as("leader")
    mine.force_login(boss.user)
    html = mine.get("/newsroom/interviews/queue/").content.decode()
    assert "정대현님께" in html and "이부장님께" not in html
    editor = login_as("editor")
    html = editor.get("/newsroom/interviews/queue/").content.decode()
    assert "정대현님께" in html and "이부장님께" in html


@pytest.mark.parametrize("size", [3, 60])
def test_queue_query_budget(client, boss, django_assert_num_queries, size):
    asker = staff_with_login()
    for i in range(size):
        ask(asker, boss, f"질문 {i}", anonymous=bool(i % 2))
    for i in range(size // 3):
        answered(asker, boss, f"답변된 {i}")
    boss_client(client, boss)
    client.get("/newsroom/interviews/queue/")
    with django_assert_num_queries(6):  # the same at both sizes
        assert client.get("/newsroom/interviews/queue/").status_code == 200


@pytest.mark.parametrize("size", [2, 40])
def test_episode_page_and_ask_page_query_budget(login_as, boss, django_assert_num_queries, size):
    askers = [staff_with_login() for _ in range(3)]
    questions = [answered(askers[i % 3], boss, f"질문 {i}", anonymous=bool(i % 2)) for i in range(size)]
    page = publish(boss, questions)
    for i in range(size // 2):
        publish(boss, [answered(askers[0], boss, f"다른 {i}")], title=f"회차 {i}")
    reader = login_as()
    reader.get(page.get_url())
    # The same at both sizes; Wagtail's routing (site, each level's page, the restrictions) comes
    # from intranet.routing's kept generation, so none of its queries is left.
    with django_assert_num_queries(5):
        response = reader.get(page.get_url())
    assert (
        response.status_code == 200
        and response.content.decode().count('data-testid="episode-question"') == size
    )
    reader.get("/newsroom/interviews/")
    with django_assert_num_queries(6):
        assert reader.get("/newsroom/interviews/").status_code == 200


@pytest.mark.parametrize(
    "moment",
    # after 2025; and in 2025 before the episodes' dates (they are dated the day of seeding)
    [dt.datetime(2026, 6, 15, 14, 0, tzinfo=SEOUL), dt.datetime(2025, 3, 10, 10, 0, tzinfo=SEOUL)],
    ids=["mid-2026", "march-2025"],
)
def test_demo_keeps_questions_without_the_newsroom_home(db, moment):
    """The demo needs the directory demo's accounts; without the newsroom home page model it makes
    the questions and answers but no episode. With it, the two episodes of 2025 come first
    (numbers 1 and 2, dated in 2025, anonymous questions) and the two living ones after them."""
    from django.apps import apps

    from newsroom.interviews.demo import EPISODES_2025, QUESTIONS, seed

    for username, roles in (("leader", ["leader"]), ("editor", ["editor"]), ("staff", []), ("planner", [])):
        person = staff_with_login(roles=roles)
        person.user.username = username
        person.user.save()
    with time_machine.travel(moment, tick=False):
        seed()
        seed()  # idempotent
        today = timezone.localdate()
    episodes = InterviewPage.objects.count()
    past = sum(len(pairs) for _title, _day, pairs in EPISODES_2025) if episodes else 0
    assert Question.objects.count() == len(QUESTIONS) + past
    statuses = list(Question.objects.values_list("status", flat=True))
    assert statuses.count("answered") == 5 + past and "merged" in statuses and "declined" in statuses
    assert "pending" in statuses and "selected" in statuses
    assert Question.objects.filter(is_anonymous=True, asker__isnull=True).exists()
    try:
        apps.get_model("newsroom", "NewsroomIndexPage")
    except LookupError:
        assert not episodes
    else:
        assert episodes in (0, 2 + len(EPISODES_2025))
    if episodes:
        for page in InterviewPage.objects.order_by("episode_number"):
            published = timezone.localtime(page.first_published_at).date()
            if page.episode_number <= len(EPISODES_2025):
                assert published.year == 2025 or published == today
                answered = set(page.questions.values_list("answered_on", flat=True))
                assert all(day <= published for day in answered)
                assert not page.questions.filter(is_anonymous=False).exists()
            else:
                assert published == today
