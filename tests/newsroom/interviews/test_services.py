"""The rules of the leader interviews: asking, moderating, answering, publishing, notifying."""

import uuid

import pytest

from intranet.home.models import Notification
from newsroom.interviews import services
from newsroom.interviews.models import QUESTION_MAX_LENGTH, InterviewPage, Question
from newsroom.interviews.services import InterviewError
from tests.factories import StaffFactory, staff_with_login
from tests.newsroom.interviews.builders import answered, ask, editor, leader, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return {"boss": leader(name="정대현"), "me": staff_with_login(name="김민수"), "editor": editor()}


def test_named_question_keeps_the_asker_anonymous_keeps_nobody(people):
    named = ask(people["me"], people["boss"], "이름 밝힌 질문", anonymous=False)
    anonymous = ask(people["me"], people["boss"], "익명 질문", anonymous=True)
    assert named.asker == people["me"] and not named.is_anonymous
    assert anonymous.asker is None and anonymous.is_anonymous
    assert isinstance(anonymous.pk, uuid.UUID) and anonymous.status == Question.Status.PENDING


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "질문 내용을 적어 주세요"),
        ("   \n ", "질문 내용을 적어 주세요"),
        ("가" * (QUESTION_MAX_LENGTH + 1), "1000자 이내"),
    ],
)
def test_empty_or_too_long_question_is_refused_and_nothing_is_stored(people, text, message):
    with pytest.raises(InterviewError, match=message):
        ask(people["me"], people["boss"], text)
    assert not Question.objects.exists()


def test_question_only_to_a_leader_and_not_to_oneself(people):
    with pytest.raises(InterviewError, match="리더에게만"):
        ask(people["me"], StaffFactory())
    with pytest.raises(InterviewError, match="자기 자신"):
        ask(people["boss"], people["boss"])
    people["boss"].is_active = False
    people["boss"].save()
    with pytest.raises(InterviewError, match="리더에게만"):
        ask(people["me"], people["boss"])
    assert not Question.objects.exists()


def test_double_submit_makes_one_question(people):
    key = uuid.uuid4()
    first, created = services.question_ask(
        asker=people["me"], leader=people["boss"], text="한 번", anonymous=True, submission_key=key
    )
    again, created_again = services.question_ask(
        asker=people["me"], leader=people["boss"], text="한 번", anonymous=True, submission_key=key
    )
    assert (created, created_again) == (True, False) and again.pk == first.pk
    assert Question.objects.count() == 1


def test_select_decline_merge_and_deciding_twice(people):
    boss, ed = people["boss"], people["editor"]
    a, b, c = (ask(people["me"], boss, t) for t in ("가", "나", "다"))
    services.question_select(question_id=a.pk, by=boss)
    services.question_merge(question_id=b.pk, into_id=a.pk, by=ed)
    services.question_decline(question_id=c.pk, by=ed, reason="주제와 맞지 않습니다")
    a.refresh_from_db(), b.refresh_from_db(), c.refresh_from_db()
    assert a.status == Question.Status.SELECTED and a.decided_by == boss
    assert b.status == Question.Status.MERGED and b.duplicate_of == a
    assert list(a.duplicates.all()) == [b]
    assert c.status == Question.Status.DECLINED and c.decline_reason == "주제와 맞지 않습니다"
    for decide in (
        lambda: services.question_select(question_id=a.pk, by=boss),
        lambda: services.question_decline(question_id=b.pk, by=boss, reason="다시"),
        lambda: services.question_merge(question_id=c.pk, into_id=a.pk, by=ed),
    ):
        with pytest.raises(InterviewError, match="이미 처리된 질문"):
            decide()


def test_bad_decisions_are_refused(people):
    boss, other_boss = people["boss"], leader()
    a, b = ask(people["me"], boss, "가"), ask(people["me"], other_boss, "나")
    with pytest.raises(InterviewError, match="반려 사유"):
        services.question_decline(question_id=a.pk, by=boss, reason="  ")
    with pytest.raises(InterviewError, match="같은 리더"):
        services.question_merge(question_id=a.pk, into_id=b.pk, by=people["editor"])
    with pytest.raises(InterviewError, match="자기 자신에게 병합"):
        services.question_merge(question_id=a.pk, into_id=a.pk, by=boss)
    with pytest.raises(InterviewError, match="받은 리더나 뉴스룸 편집자"):
        services.question_select(question_id=a.pk, by=other_boss)
    with pytest.raises(InterviewError, match="받은 리더나 뉴스룸 편집자"):
        services.question_select(question_id=a.pk, by=people["me"])
    with pytest.raises(InterviewError, match="그런 질문이 없습니다"):
        services.question_select(question_id=uuid.uuid4(), by=boss)
    services.question_decline(question_id=b.pk, by=other_boss, reason="중복")
    c = ask(people["me"], other_boss, "다")
    with pytest.raises(InterviewError, match="병합되거나 반려된"):
        services.question_merge(question_id=c.pk, into_id=b.pk, by=other_boss)
    a.refresh_from_db()
    assert a.status == Question.Status.PENDING


def test_only_the_addressed_leader_answers_a_selected_question(people):
    boss, ed = people["boss"], people["editor"]
    question = ask(people["me"], boss)
    with pytest.raises(InterviewError, match="선정된 질문에만"):
        services.question_answer(question_id=question.pk, by=boss, answer="답")
    services.question_select(question_id=question.pk, by=ed)
    for someone in (ed, people["me"], leader()):
        with pytest.raises(InterviewError, match="질문을 받은 리더만"):
            services.question_answer(question_id=question.pk, by=someone, answer="답")
    with pytest.raises(InterviewError, match="답변 내용을 적어"):
        services.question_answer(question_id=question.pk, by=boss, answer=" ")
    with pytest.raises(InterviewError, match="5000자 이내"):
        services.question_answer(question_id=question.pk, by=boss, answer="가" * 5001)
    services.question_answer(question_id=question.pk, by=boss, answer="좋은 질문입니다.")
    question.refresh_from_db()
    assert (question.status, question.answer) == (Question.Status.ANSWERED, "좋은 질문입니다.")


def test_publishing_an_episode_notifies_named_askers_once(people):
    boss, me = people["boss"], people["me"]
    colleague = staff_with_login(name="이영희")
    named = answered(me, boss, "이름 밝힌 질문", anonymous=False)
    second_named = answered(me, boss, "또 하나", anonymous=False)
    anonymous = answered(colleague, boss, "익명 질문", anonymous=True)
    duplicate = ask(colleague, boss, "비슷한 질문", anonymous=False)
    services.question_merge(question_id=duplicate.pk, into_id=named.pk, by=boss)

    page = publish(boss, [named, second_named, anonymous])

    assert page.live and page.episode_number == 1
    assert set(page.questions.all()) == {named, second_named, anonymous}
    notes = Notification.objects.filter(key=f"newsroom-interview-episode:{page.pk}")
    assert sorted(n.recipient.name for n in notes) == ["김민수", "이영희"]  # me once; colleague by the merge
    assert "1회" in notes.first().title and notes.first().url == page.get_url()
    # Publishing again (a new revision in the admin) tells nobody a second time.
    page.save_revision(user=boss.user).publish(user=boss.user, skip_permission_checks=True)
    assert Notification.objects.filter(key=f"newsroom-interview-episode:{page.pk}").count() == 2
    # The answer is fixed once published, and the same questions cannot go into a second episode.
    with pytest.raises(InterviewError, match="이미 회차에 실린"):
        services.question_answer(question_id=named.pk, by=boss, answer="고침")
    with pytest.raises(InterviewError, match="아직 회차에 실리지 않은"):
        publish(boss, [named], title="2회")
    assert InterviewPage.objects.count() == 1


def test_publish_rules(people):
    boss, other_boss, ed = people["boss"], leader(), people["editor"]
    mine = answered(people["me"], boss)
    theirs = answered(people["me"], other_boss)
    pending = ask(people["me"], boss)
    with pytest.raises(InterviewError, match="한 리더의 답변만"):
        publish(ed, [mine, theirs])
    with pytest.raises(InterviewError, match="답변한 리더나 뉴스룸 편집자"):
        publish(other_boss, [mine])
    with pytest.raises(InterviewError, match="아직 회차에 실리지 않은"):
        publish(boss, [pending])
    with pytest.raises(InterviewError, match="회차 제목"):
        publish(boss, [mine], title=" ")
    assert not InterviewPage.objects.exists()
    first = publish(ed, [mine])  # an editor publishes for the leader
    second = publish(other_boss, [theirs], title="2회")
    assert (first.episode_number, second.episode_number) == (1, 2)
    assert first.leader == boss


def test_admin_publish_attaches_the_leaders_answered_questions(people):
    from tests.newsroom.interviews.builders import parent_page

    boss = people["boss"]
    question = answered(people["me"], boss)
    page = InterviewPage(title="관리자에서 만든 회차", slug="dm-admin", episode_number=7, leader=boss)
    parent_page().add_child(instance=page)
    page.save_revision(user=boss.user).publish(user=boss.user, skip_permission_checks=True)
    question.refresh_from_db()
    assert question.episode_id == page.pk
    assert Notification.objects.filter(recipient=people["me"]).count() == 1
