"""The ``learning`` part of ``make bench`` (issue 4): 200 people click "enrol" on one 30-seat
session at the same moment, over HTTP, on PostgreSQL behind gunicorn.

Checks: no 5xx (every POST answers 302), exactly 30 enrolled and 170 waitlisted, one enrolment per
person, waitlist numbers dense 1..200 with the seats on the first 30 (first come, first served in
the order the requests reached the session's row lock), and the audit holds one event per person.
Prints the enrolment request's p95 as a ratio to ``/healthz`` measured in the same run with the
same concurrency. It reuses the server and load helpers of ``bench_http`` and ``load``; the
database only needs migrations (no ``seed_demo``): the people and the course are created here.
"""

import os
import urllib.parse

from tests.bench import bench_http
from tests.bench.common import BENCH_DIR, ROOT, log
from tests.bench.load import Request, run_requests

PEOPLE = int(os.environ.get("IEUM_BENCH_LEARNING_PEOPLE", "200"))
SEATS = int(os.environ.get("IEUM_BENCH_LEARNING_SEATS", "30"))
USERNAME = "bench-learning-{:03d}"
RATIO_TARGET = 10.0


def prepare(people: int, seats: int):
    """A fresh course and session (a new one each run), ``people`` staff with log-ins, and for
    each a session cookie and a CSRF cookie/token pair, written the way the test client does."""
    import datetime as dt

    from django.contrib.auth.models import Group, User
    from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
    from django.utils import timezone

    from intranet.directory.models import Department, Staff
    from learning.models import Category, CoursePage, LearningHomePage, Session
    from tests.bench.survey_submit import session_cookie

    home = LearningHomePage.objects.first()
    if home is None:
        raise RuntimeError("the education home page is missing (learning migration 0002)")
    department, _ = Department.objects.get_or_create(code="BENCH-L", defaults={"name": "벤치마크부"})
    staff_group = Group.objects.filter(name="staff")
    now = timezone.now()
    course = CoursePage(
        title=f"[bench] 동시 신청 {now:%Y%m%d%H%M%S}",
        slug=f"bench-{now:%Y%m%d%H%M%S%f}",
        category=Category.IT_TRAINING,
        hours=4,
    )
    home.add_child(instance=course)
    session = Session.objects.create(
        course=course,
        title="1차",
        starts_at=now + dt.timedelta(days=10),
        ends_at=now + dt.timedelta(days=10, hours=4),
        capacity=seats,
        enrol_opens_at=now - dt.timedelta(hours=1),
        enrol_closes_at=now + dt.timedelta(days=9),
        cancel_cutoff_at=now + dt.timedelta(days=8),
        promotion_cutoff_at=now + dt.timedelta(days=9),
    )
    cookies = []
    for n in range(people):
        user, _ = User.objects.get_or_create(username=USERNAME.format(n))
        user.groups.add(*staff_group)
        Staff.objects.get_or_create(
            user=user,
            defaults={"employee_number": f"BL{n:05d}", "name": f"벤치{n:03d}", "department": department},
        )
        secret = _get_new_csrf_string()
        cookies.append((session_cookie(user), f"csrftoken={secret}", _mask_cipher_secret(secret)))
    return session, cookies


def verify(session_id: int, people: int, seats: int) -> list[str]:
    from django.db.models import Count

    from learning.models import Enrolment, EnrolmentEvent

    rows = list(Enrolment.objects.filter(session_id=session_id).order_by("queue_number"))
    problems = []
    states = [e.state for e in rows]
    if len(rows) != people:
        problems.append(f"{len(rows)} enrolments for {people} people")
    if states.count("enrolled") != seats:
        problems.append(f"{states.count('enrolled')} enrolled, {seats} seats")
    if states.count("waitlisted") != people - seats:
        problems.append(f"{states.count('waitlisted')} waitlisted, expected {people - seats}")
    if states != ["enrolled"] * seats + ["waitlisted"] * (people - seats):
        problems.append("seats did not go to the first numbers in line")
    if [e.queue_number for e in rows] != list(range(1, len(rows) + 1)):
        problems.append("waitlist numbers are not dense 1..N")
    twice = (
        Enrolment.objects.filter(session_id=session_id)
        .values("staff")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    if twice.exists():
        problems.append(f"{twice.count()} people enrolled twice")
    events = list(
        EnrolmentEvent.objects.filter(enrolment__session_id=session_id)
        .order_by("pk")
        .values_list("enrolment__queue_number", flat=True)
    )
    if events != sorted(events) or len(events) != people:
        problems.append("the audit order differs from the queue order")
    return problems


def run() -> dict:
    os.chdir(ROOT)
    os.environ.update(bench_http.bench_environment())
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    for folder in ("queue", "processed", "control"):
        (bench_http.VAR_DIR / "celery" / folder).mkdir(parents=True, exist_ok=True)
    start = None
    if bench_http.restore_snapshot():  # the same rows as every run (see bench_http)
        start = bench_http.start_state("snapshot")  # printed, and compared with the HTTP part's
    else:
        bench_http.ensure_database(drop=False)
    log("migrate")
    bench_http.manage("migrate", "--noinput", "-v0")
    import django

    django.setup()
    session, cookies = prepare(PEOPLE, SEATS)
    log(f"session {session.pk}: {SEATS} seats, {PEOPLE} people")

    port = bench_http.free_port()
    process = bench_http.start_gunicorn(port, BENCH_DIR / "gunicorn-learning.log")
    origin = f"http://127.0.0.1:{port}"
    plain = {"Accept-Language": "ko", "User-Agent": "ieum-bench"}
    path = f"/learning/sessions/{session.pk}/enrol/"
    posts = [
        Request(
            "POST",
            path,
            {
                **plain,
                "Cookie": f"{cookie}; {csrf_cookie}",
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": origin,
            },
            urllib.parse.urlencode({"csrfmiddlewaretoken": token}).encode(),
        )
        for cookie, csrf_cookie, token in cookies
    ]
    common = {"host": "127.0.0.1", "port": port, "clients": PEOPLE, "max_seconds": bench_http.MAX_SECONDS}
    try:
        bench_http.wait_for_health(process, port)
        health = [Request("GET", bench_http.BASELINE, plain)] * PEOPLE
        run_requests(requests=health[:40], **{**common, "clients": 8})  # warm the workers
        baseline, _ = run_requests(requests=health, name=bench_http.BASELINE, **common)
        enrol, _answers = run_requests(requests=posts, name=path, expected_status=302, **common)
    finally:
        bench_http.stop_gunicorn(process)
    server_errors = sum(c for s, c in enrol.statuses.items() if s >= 500)
    problems = verify(session.pk, PEOPLE, SEATS)
    if enrol.failures:
        problems.append(f"{enrol.failures} requests did not answer 302: {enrol.statuses} {enrol.errors[:3]}")
    if start is not None and start["same_as_previous"] is False:
        problems.append("it did not start from the same rows as the previous part or run")
    ratio = enrol.percentile_ms(95) / baseline.percentile_ms(95)
    report = {
        "people": PEOPLE,
        "seats": SEATS,
        "statuses": {str(k): v for k, v in enrol.statuses.items()},
        "server_errors": server_errors,
        "enrol_p50_ms": round(enrol.percentile_ms(50), 2),
        "enrol_p95_ms": round(enrol.percentile_ms(95), 2),
        "healthz_p95_ms": round(baseline.percentile_ms(95), 2),
        "p95_ratio_to_healthz": round(ratio, 2),
        "problems": problems,
        "start": start,
        "load_average": os.getloadavg()[0],
    }
    log(
        f"enrol p95 {report['enrol_p95_ms']} ms, /healthz p95 {report['healthz_p95_ms']} ms "
        f"at {PEOPLE} concurrent: ratio {ratio:.2f}×; statuses {report['statuses']}"
    )
    for problem in problems:
        log(f"PROBLEM: {problem}")
    return report
