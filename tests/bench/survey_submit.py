"""The survey submission scenario of ``make bench``: N people answer an open survey, 10 at once.

Issue 3's target: submitting stays under 100 ms p95 with 10 people submitting at once. The
scenario goes through the real pages, so the CSRF check, the row lock on the audience member and
the Celery hand-off are all in the measured time:

1. ``prepare``: an open anonymous survey with the questions of the seeded 2025 culture survey
   (40 questions), and ``people`` audience members, each a staff record with a log-in
   (``bench-submit-NNN``) and a session. Only these people are in its audience, so no other page
   the benchmark loads shows the survey.
2. ``answer_requests``: GET each person's answer page (status 200), read the CSRF token and the
   answer form's own field names from it, and build that person's POST: one choice per radio
   question, one or two boxes per checkbox question, some free text, ``action=submit``.
3. The caller POSTs them all from 10 clients (each must answer 302 to the thanks page), then
   replays every POST (each must answer 409), then ``verify`` checks the database: exactly one
   response per person, every member marked as submitted, every posted answer stored once.
4. ``cleanup`` deletes the survey, its answers and the sessions (also at the start of a run, for
   what an interrupted run left behind).
"""

import random
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser

from tests.bench.load import Answer, Request

TITLE = "[bench] 제출 부하 측정 설문"
CULTURE_SURVEY_TITLE = "2025년 내부직원 만족도 조사"
USERNAME = "bench-submit-{:03d}"


@dataclass
class Scenario:
    survey_pk: int
    cookies: list[str]  # one ``sessionid=…`` per person
    questions: int
    answers_posted: list[int] = field(default_factory=list)  # non-empty answers in each POST


def session_cookie(user) -> str:
    """A ``sessionid`` cookie for ``user``, written the way ``force_login`` does."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "intranet.directory.auth.StaffModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"sessionid={session.session_key}"


def browser_cookie(user) -> str:
    """The cookies a signed-in browser sends on every page: the session and the CSRF cookie it
    was given on its first page (without it Django makes a new secret and sets the cookie on
    every answer, which no browser that has seen one page asks for)."""
    from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
    from django.utils.crypto import get_random_string

    return f"{session_cookie(user)}; csrftoken={get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS)}"


def cleanup(scenario: Scenario | None = None) -> int:
    """Delete the benchmark's surveys (answers first: answers and responses are PROTECTed) and
    the scenario's sessions."""
    from django.contrib.sessions.models import Session
    from django.db import transaction

    from intranet.surveys.models import (
        Answer,
        AudienceMember,
        HeldResponse,
        Response,
        Section,
        Survey,
        SurveyQuestion,
    )

    surveys = list(Survey.objects.filter(title=TITLE).values_list("pk", flat=True))
    with transaction.atomic():
        HeldResponse.objects.filter(survey__in=surveys).delete()
        Answer.objects.filter(response__survey__in=surveys).delete()
        Response.objects.filter(survey__in=surveys).delete()
        AudienceMember.objects.filter(survey__in=surveys).delete()
        SurveyQuestion.objects.filter(survey__in=surveys).delete()
        Section.objects.filter(survey__in=surveys).delete()
        Survey.objects.filter(pk__in=surveys).delete()
    if scenario is not None:
        keys = [cookie.split("=", 1)[1] for cookie in scenario.cookies]
        Session.objects.filter(session_key__in=keys).delete()
    return len(surveys)


def _now_plus(**delta):
    import datetime

    from django.utils import timezone

    return timezone.now() + datetime.timedelta(**delta)


def prepare(*, people: int) -> Scenario:
    """The open survey, its audience of ``people`` and their sessions (see the module docstring)."""
    from django.contrib.auth.models import Group, User
    from django.db import transaction
    from django.utils import timezone

    from intranet.directory.models import Staff
    from intranet.surveys.counts import results_counts_changed
    from intranet.surveys.models import AudienceMember, Section, Survey, SurveyQuestion

    cleanup()
    source = Survey.objects.filter(title=CULTURE_SURVEY_TITLE).first()
    if source is None:
        raise RuntimeError(f"the seeded survey {CULTURE_SURVEY_TITLE!r} is missing; run seed_demo")
    staff_group = Group.objects.filter(name="staff")
    with transaction.atomic():
        survey = Survey.objects.create(
            title=TITLE,
            year=source.year,
            mode=Survey.Mode.ANONYMOUS,
            status=Survey.Status.OPEN,
            opens_at=_now_plus(hours=-1),
            closes_at=_now_plus(days=1),
            audience_all=False,
            launched_at=timezone.now(),
        )
        sections = {}
        for section in Section.objects.filter(survey=source):
            sections[section.pk] = Section.objects.create(
                survey=survey, title=section.title, order=section.order
            )
        questions = SurveyQuestion.objects.bulk_create(
            SurveyQuestion(
                survey=survey,
                section=sections[q.section_id],
                bank_question_id=q.bank_question_id,
                order=q.order,
                required=q.required,
            )
            for q in SurveyQuestion.objects.filter(survey=source, is_archived=False)
        )
        cookies, members = [], []
        free = Staff.objects.filter(user__isnull=True, is_active=True, department__isnull=False).order_by(
            "-pk"
        )
        free = iter(free[:people])
        for n in range(people):
            user, _created = User.objects.get_or_create(username=USERNAME.format(n))
            user.groups.add(*staff_group)
            staff = Staff.objects.filter(user=user).first()
            if staff is None:
                staff = next(free)
                staff.user = user
                staff.save(update_fields=["user"])
            members.append(
                AudienceMember(
                    survey=survey, staff=staff, department_id=staff.department_id, grade=staff.grade
                )
            )
            cookies.append(session_cookie(user))
        AudienceMember.objects.bulk_create(members)
        results_counts_changed(survey.pk)
    return Scenario(survey_pk=survey.pk, cookies=cookies, questions=len(questions))


class AnswerForm(HTMLParser):
    """The answer form's CSRF token and fields: radio/checkbox values by name, textarea names."""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.token = ""
        self.options: dict[str, tuple[str, list[str]]] = {}  # name → (type, values)
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("data-testid") == "answer-form":
            self.inside = True
        if not self.inside:
            return
        if tag == "input" and attrs.get("name") == "csrfmiddlewaretoken":
            self.token = attrs.get("value", "")
        elif tag == "input" and attrs.get("type") in ("radio", "checkbox"):
            _kind, values = self.options.setdefault(attrs["name"], (attrs["type"], []))
            values.append(attrs["value"])
        elif tag == "textarea":
            self.texts.append(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False


def _csrf_cookie(answer: Answer) -> str:
    for name, value in answer.headers:
        if name.lower() == "set-cookie" and value.startswith("csrftoken="):
            return value.split(";", 1)[0]
    return ""


def page_requests(scenario: Scenario, headers: dict[str, str]) -> list[Request]:
    """Each person's GET of the answer page (to read the form and the CSRF token)."""
    path = f"/surveys/{scenario.survey_pk}/answer/"
    return [Request("GET", path, {**headers, "Cookie": cookie}) for cookie in scenario.cookies]


def answer_requests(
    scenario: Scenario, pages: dict[int, Answer], headers: dict[str, str], origin: str
) -> list[Request]:
    """One POST per person, filled from that person's answer page (fields named as the form has)."""
    path = f"/surveys/{scenario.survey_pk}/answer/"
    posts = []
    scenario.answers_posted = []
    for n, cookie in enumerate(scenario.cookies):
        page = pages.get(n)
        if page is None or page.status != 200:
            raise RuntimeError(f"answer page of person {n}: {page.status if page else 'no answer'}")
        form = AnswerForm()
        form.feed(page.body.decode())
        csrf_cookie = _csrf_cookie(page)
        if not form.token or not csrf_cookie or len(form.options) + len(form.texts) != scenario.questions:
            raise RuntimeError(
                f"answer form of person {n}: token {bool(form.token)}, cookie {bool(csrf_cookie)}, "
                f"{len(form.options) + len(form.texts)} fields for {scenario.questions} questions"
            )
        rng = random.Random(n)
        fields = [("csrfmiddlewaretoken", form.token)]
        for name, (kind, values) in form.options.items():
            picked = [rng.choice(values)] if kind == "radio" else rng.sample(values, min(2, len(values)))
            fields += [(name, value) for value in picked]
        written = [name for name in form.texts if rng.random() < 0.4]
        fields += [(name, f"벤치마크 의견 {n}번: 회의가 조금 줄면 좋겠습니다.") for name in written]
        fields.append(("action", "submit"))
        scenario.answers_posted.append(len(form.options) + len(written))
        post_headers = {
            **headers,
            "Cookie": f"{cookie}; {csrf_cookie}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": origin,
        }
        posts.append(Request("POST", path, post_headers, urllib.parse.urlencode(fields).encode()))
    return posts


def redirect_problems(scenario: Scenario, answers: dict[int, Answer]) -> list[str]:
    """Every accepted submission redirects to the thanks page; say which did not."""
    thanks = f"/surveys/{scenario.survey_pk}/thanks/"
    problems = []
    for n in range(len(scenario.cookies)):
        answer = answers.get(n)
        location = {k.lower(): v for k, v in answer.headers}.get("location", "") if answer else ""
        if answer is None or answer.status != 302 or not location.endswith(thanks):
            problems.append(f"person {n}: {answer.status if answer else 'no answer'} {location}")
    return problems


def verify(scenario: Scenario) -> list[str]:
    """Exactly one submission per person: counts of responses, answers and submitted members.
    An open anonymous survey holds its submissions encrypted (``holding``): those are counted
    (and their answers read with the key) beside any response in clear."""
    from intranet.surveys.holding import held_decrypt
    from intranet.surveys.models import Answer as StoredAnswer
    from intranet.surveys.models import AudienceMember, HeldResponse, Response

    people = len(scenario.cookies)
    held = list(HeldResponse.objects.filter(survey_id=scenario.survey_pk).values_list("sealed", flat=True))
    responses = Response.objects.filter(survey_id=scenario.survey_pk).count() + len(held)
    submitted = AudienceMember.objects.filter(survey_id=scenario.survey_pk, has_submitted=True).count()
    stored = StoredAnswer.objects.filter(response__survey_id=scenario.survey_pk).count()
    stored += sum(len(held_decrypt(survey_id=scenario.survey_pk, blob=blob)["q"]) for blob in held)
    problems = []
    if responses != people:
        problems.append(f"{responses} responses stored for {people} people")
    if submitted != people:
        problems.append(f"{submitted} of {people} members marked as submitted")
    if stored != sum(scenario.answers_posted):
        problems.append(f"{stored} answers stored, {sum(scenario.answers_posted)} posted")
    return problems
