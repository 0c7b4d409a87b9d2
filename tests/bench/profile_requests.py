"""CPU per request of a few pages, in-process, against the benchmark database (not run by tests).

The HTTP benchmark's latencies depend on whatever else loads the machine; the CPU a request costs
does not. This serves requests through Django's WSGI handler in this process (production
settings, DEBUG off, the same database ``make bench`` seeds) and reports, per path, the Python
CPU milliseconds per request (``time.process_time``), the wall time spent waiting for the
database, and the query count; ``--profile`` adds cProfile's top functions.

Run ``make bench`` (or its HTTP part) once first: it seeds the database and collects the static
files this reuses. Then, e.g.::

    IEUM_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/ieum_bench_speed \\
        .venv/bin/python -m tests.bench.profile_requests /healthz '/directory/?q=김' --profile
    .venv/bin/python -m tests.bench.profile_requests --submit 40   # the survey POST path

Paths are requested as the demo user ``staff``; ``--submit N`` runs the submission scenario of
``survey_submit`` for N people in-process and reports the POSTs.
"""

import argparse
import cProfile
import io
import os
import pstats
import secrets
import statistics
import sys
import time
import urllib.parse

from tests.bench.common import BENCH_DIR, ROOT, log

DATABASE_URL = os.environ.get("IEUM_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ieum_bench")


def setup() -> None:
    os.chdir(ROOT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intranet.settings.production")
    os.environ.setdefault("DATABASE_URL", DATABASE_URL)
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    os.environ.setdefault("IEUM_VAR_DIR", str(BENCH_DIR / "var"))
    import logging

    import django

    django.setup()
    logging.disable(logging.WARNING)


class QueryTimer:
    """A database execute wrapper: how many queries and how long the database took."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


def measure(send, n: int, warmup: int, profile: bool):
    """Call ``send(i)`` ``warmup`` then ``n`` times; CPU ms, DB ms and queries per call."""
    from django.db import connection

    for i in range(warmup):
        send(-1 - i)
    timer = QueryTimer()
    cpu, wall = [], []
    profiler = cProfile.Profile() if profile else None
    with connection.execute_wrapper(timer):
        for i in range(n):
            started_cpu, started = time.process_time(), time.perf_counter()
            if profiler:
                profiler.enable()
            send(i)
            if profiler:
                profiler.disable()
            cpu.append(time.process_time() - started_cpu)
            wall.append(time.perf_counter() - started)
    row = {
        "cpu_ms": 1000 * statistics.mean(cpu),
        "cpu_median_ms": 1000 * statistics.median(cpu),
        # The fastest tenth: on a machine others load, closer to what a request costs alone.
        "cpu_p10_ms": 1000 * statistics.quantiles(cpu, n=10)[0],
        "wall_ms": 1000 * statistics.mean(wall),
        "db_ms": 1000 * timer.seconds / n,
        "queries": timer.count / n,
    }
    if profiler:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).strip_dirs()
        stats.sort_stats("cumulative").print_stats(60)
        stats.sort_stats("tottime").print_stats(30)
        row["profile"] = out.getvalue()
    return row


def client_for(username: str):
    from django.contrib.auth.models import User
    from django.test import Client

    from tests.bench.survey_submit import session_cookie

    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="ko")
    cookie = session_cookie(User.objects.get(username=username))
    client.cookies["sessionid"] = cookie.split("=", 1)[1]
    return client


def pages(paths: list[str], n: int, warmup: int, profile: bool, username: str) -> None:
    """GETs through Django's WSGI handler, as gunicorn calls it (the test client's template
    signals copy every context and would inflate the figures)."""
    from django.contrib.auth.models import User
    from django.core.handlers.wsgi import WSGIHandler

    from tests.bench.bench_http import wsgi_get
    from tests.bench.survey_submit import browser_cookie

    handler = WSGIHandler()
    cookie = browser_cookie(User.objects.get(username=username))
    for path in paths:

        def send(_i, path=path):
            status, _size = wsgi_get(handler, path, cookie)
            assert status == 200, (path, status)

        report(path, measure(send, n, warmup, profile))


def submit(people: int, profile: bool) -> None:
    """The submission scenario in-process: GET each person's answer page, then time the POSTs."""
    from django.test import Client

    from tests.bench import survey_submit
    from tests.bench.load import Answer

    scenario = survey_submit.prepare(people=people)
    try:
        path = f"/surveys/{scenario.survey_pk}/answer/"
        clients, pages_seen = [], {}
        for n, cookie in enumerate(scenario.cookies):
            client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="ko", enforce_csrf_checks=True)
            client.cookies["sessionid"] = cookie.split("=", 1)[1]
            response = client.get(path)
            headers = [("Set-Cookie", f"csrftoken={client.cookies['csrftoken'].value}; Path=/")]
            pages_seen[n] = Answer(response.status_code, headers, response.content)
            clients.append(client)
        posts = survey_submit.answer_requests(scenario, pages_seen, {}, "http://127.0.0.1")
        warmup = min(5, people // 4)

        def send(i):
            n = i if i >= 0 else -1 - i
            n = n + warmup if i >= 0 else n
            body = posts[n].body.decode()
            response = clients[n].post(
                path,
                body,
                content_type="application/x-www-form-urlencoded",
                HTTP_ORIGIN="http://127.0.0.1",
            )
            assert response.status_code == 302, response.status_code

        report(f"POST {path}", measure(send, people - warmup, warmup, profile))
        problems = survey_submit.verify(scenario)
        log("database checks: " + ("ok" if not problems else "; ".join(problems)))
    finally:
        survey_submit.cleanup(scenario)


def report(name: str, row: dict) -> None:
    log(
        f"{urllib.parse.unquote(name):40} cpu {row['cpu_ms']:6.1f} ms (median {row['cpu_median_ms']:5.1f}, "
        f"p10 {row['cpu_p10_ms']:5.1f})  "
        f"db wait {row['db_ms']:5.1f} ms  wall {row['wall_ms']:6.1f} ms  queries {row['queries']:.1f}"
    )
    if "profile" in row:
        print(row["profile"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=[])
    parser.add_argument("-n", type=int, default=100, help="measured requests per path")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions")
    parser.add_argument("--user", default="staff")
    parser.add_argument("--submit", type=int, default=0, metavar="N", help="submission scenario, N people")
    args = parser.parse_args()
    setup()
    if args.paths:
        pages(args.paths, args.n, args.warmup, args.profile, args.user)
    if args.submit:
        submit(args.submit, args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
