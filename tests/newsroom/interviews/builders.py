"""Builders for the interview tests: leaders, questions through the services, episodes.

``parent_page`` is the newsroom home page when that model is installed (after the merge) and the
site's root page before, so the tests run both ways.
"""

import uuid

from wagtail.models import Site

from newsroom.interviews import services
from tests.factories import staff_with_login


def leader(**fields):
    return staff_with_login(roles=["leader"], **fields)


def editor(**fields):
    return staff_with_login(roles=["editor"], **fields)


def ask(asker, to, text="질문입니다", *, anonymous=True, key=None):
    question, _created = services.question_ask(
        asker=asker, leader=to, text=text, anonymous=anonymous, submission_key=key or uuid.uuid4()
    )
    return question


def answered(asker, to, text="질문입니다", *, anonymous=False, answer="답변입니다"):
    question = ask(asker, to, text, anonymous=anonymous)
    services.question_select(question_id=question.pk, by=to)
    return services.question_answer(question_id=question.pk, by=to, answer=answer)


def parent_page():
    parent = services.episode_parent()
    if parent is None:  # the newsroom home page model exists but has no page in this test database
        parent = Site.objects.get(is_default_site=True).root_page
    return parent


def publish(by, questions, title="1회: 첫 질문들"):
    return services.episode_publish(
        by=by, title=title, question_ids=[q.pk for q in questions], parent=parent_page()
    )
