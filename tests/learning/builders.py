"""Builders for learning tests: the education home, courses (one by one, or thousands at once
with raw inserts for the query-budget tests), sessions with open windows, admins."""

import datetime as dt
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from learning.cache import catalogue_cache_clear
from learning.models import Category, CoursePage, LearningHomePage, Session
from tests.factories import staff_with_login


def learning_admin():
    return staff_with_login(roles=["learning admin"])


def learning_home() -> LearningHomePage:
    return LearningHomePage.objects.get()


def build_course(
    *, title="데이터 분석 기초", category=Category.IT_TRAINING, hours=Decimal("8"), **fields
) -> CoursePage:
    home = learning_home()
    slug = fields.pop("slug", None) or f"course-{CoursePage.objects.count() + 1}-{abs(hash(title)) % 10000}"
    course = CoursePage(title=title, slug=slug, category=category, hours=hours, **{"year": 2025, **fields})
    home.add_child(instance=course)
    return course


def build_session(
    course=None, *, capacity=30, starts_in=dt.timedelta(days=10), waitlist=True, **fields
) -> Session:
    course = course or build_course()
    now = timezone.now()
    starts = now + starts_in
    values = {
        "course": course,
        "title": "1차",
        "starts_at": starts,
        "ends_at": starts + dt.timedelta(hours=4),
        "place": "본관 3층 대회의실",
        "capacity": capacity,
        "waitlist_enabled": waitlist,
        "enrol_opens_at": now - dt.timedelta(days=5),
        "enrol_closes_at": starts - dt.timedelta(days=1),
        "cancel_cutoff_at": starts - dt.timedelta(days=2),
        "promotion_cutoff_at": starts - dt.timedelta(days=1),
    }
    values.update(fields)
    return Session.objects.create(**values)


def build_started_session(course=None, *, capacity=5, title="1차", started=dt.timedelta(hours=1)) -> Session:
    """A session that started ``started`` ago, its enrolment window and cut-offs past."""
    now = timezone.now()
    past = now - dt.timedelta(days=2)
    return build_session(
        course,
        capacity=capacity,
        title=title,
        starts_in=-started,
        enrol_opens_at=now - dt.timedelta(days=10),
        enrol_closes_at=past,
        cancel_cutoff_at=past,
        promotion_cutoff_at=past,
    )


def run_together(target, items) -> list[str]:
    """Call ``target(item)`` for every item in its own thread, all released at once by a barrier
    (each thread closes its database connection). Returns the errors raised, as reprs."""
    import threading

    barrier = threading.Barrier(len(items))
    errors = []

    def run(item):
        from django.db import connection as thread_connection

        try:
            barrier.wait()
            target(item)
        except Exception as exc:  # noqa: BLE001 - returned to the test, which asserts on them
            errors.append(repr(exc))
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def bulk_courses(
    count: int, *, category=Category.IT_TRAINING, sessions_per_course=1, capacity=30
) -> list[int]:
    """``count`` live course pages under the education home, written with a few bulk inserts
    (Wagtail's ``add_child`` would take a query per page and Django cannot bulk_create a
    multi-table child), each with its sessions. Returns the new page ids."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    home = learning_home()
    content_type = ContentType.objects.get_for_model(CoursePage)
    start = home.numchild
    pages = []
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

    def step(n):
        digits = ""
        for _ in range(4):
            n, rest = divmod(n, 36)
            digits = alphabet[rest] + digits
        return digits

    for i in range(count):
        n = start + i + 1
        pages.append(
            Page(
                title=f"대량 과정 {n}",
                draft_title=f"대량 과정 {n}",
                slug=f"bulk-{n}",
                content_type=content_type,
                path=home.path + step(n),
                depth=home.depth + 1,
                numchild=0,
                url_path=f"{home.url_path}bulk-{n}/",
                locale_id=home.locale_id,
                live=True,
            )
        )
    created = Page.objects.bulk_create(pages, batch_size=500)
    Page.objects.filter(pk=home.pk).update(numchild=start + count)
    table = CoursePage._meta.db_table
    columns = [f.column for f in CoursePage._meta.local_fields]
    defaults = {
        "page_ptr_id": None,
        "category": category,
        "year": 2025,
        "summary": "",
        "description": "",
        "goals": "",
        "audience": "",
        "instructor_id": None,
        "instructor_name": "외부 강사",
        "hours": Decimal("4"),
        "is_mandatory": False,
        "requires_approval": False,
        "feedback_mode": "anonymous",
        "previous_course_id": None,
    }
    rows = [tuple({**defaults, "page_ptr_id": p.pk}[c] for c in columns) for p in created]
    placeholders = ", ".join(["%s"] * len(columns))
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({placeholders})", rows
        )
    now = timezone.now()
    sessions = []
    for p in created:
        for k in range(sessions_per_course):
            starts = now + dt.timedelta(days=10 + k)
            sessions.append(
                Session(
                    course_id=p.pk,
                    title=f"{k + 1}차",
                    starts_at=starts,
                    ends_at=starts + dt.timedelta(hours=4),
                    capacity=capacity,
                    enrol_opens_at=now - dt.timedelta(days=1),
                    enrol_closes_at=starts - dt.timedelta(days=1),
                    cancel_cutoff_at=starts - dt.timedelta(days=2),
                    promotion_cutoff_at=starts - dt.timedelta(days=1),
                )
            )
    Session.objects.bulk_create(sessions, batch_size=1000)
    catalogue_cache_clear()  # raw inserts send no signal (as the demo seeder)
    return [p.pk for p in created]
