"""Benchmark: the annual report (issue 17), as a ratio to ``/healthz`` in the same process.

A fresh SQLite file gets the demo (``seed_demo --scale 1``: the 2025 report year and the living
year), then the report of 2025, its PDF and ``/healthz`` are each requested ``REPEATS`` times
(``IEUM_BENCH_REPORT_REPEATS``, default 15) through Django's test client as the demo planner,
after one warm-up request each (the survey engine's cached results, Wagtail's site root). The
PDF's warm-up is its one drawing (later requests of the same text take it from the cache,
``intranet/report/export.py``): its time is reported too, as the first export's, with all a fresh
process pays for it (importing fpdf2 and fontTools, which gunicorn's arbiter does once before
forking: ``intranet/preload.py``). Beside it, the median of three more drawings of the same text
in the same process, without the cache: what a worker pays for each new text. The
figure is the median; the target is DESIGN.md's "≤ 10× /healthz" for a page. The query count of
one rendering is reported beside it (fixed whatever the years of data: tests/report). Alone:
``.venv/bin/python -m tests.bench.bench_report``.
"""

import io
import json
import os
import statistics
import sys
import time

from tests.bench.common import run_child

REPEATS = int(os.environ.get("IEUM_BENCH_REPORT_REPEATS", "15"))
TARGET_RATIO = 10.0
URLS = {
    "healthz": "/healthz",
    "report": "/performance/report/2025/",
    "pdf": "/performance/report/2025/report.pdf",
}


def _child() -> dict:
    import django

    django.setup()
    from django.conf import settings

    for folder in ("celery/queue", "celery/processed", "celery/control", "mail", "cache"):
        (settings.VAR_DIR / folder).mkdir(parents=True, exist_ok=True)  # as ``make var`` does
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from intranet.report import report_build
    from intranet.report.export import _report_pdf_draw
    from intranet.report.text import report_text

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("seed_demo", scale=1, stdout=io.StringIO())
    seed_seconds = time.perf_counter() - started
    client = Client()
    client.force_login(User.objects.get(username="planner"))
    medians, queries, first = {}, {}, {}
    for name, url in URLS.items():
        t = time.perf_counter()
        response = client.get(url)
        first[name] = (time.perf_counter() - t) * 1000
        assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        queries[name] = len(captured)
        times = []
        for _ in range(REPEATS):
            t = time.perf_counter()
            client.get(url)
            times.append(time.perf_counter() - t)
        medians[name] = statistics.median(times) * 1000
    redraws = []
    with translation.override(settings.LANGUAGE_CODE):
        sections = report_text(report_build(year=2025))
        for _ in range(3):
            t = time.perf_counter()
            _report_pdf_draw(2025, sections)
            redraws.append(time.perf_counter() - t)
    base = medians["healthz"]
    return {
        "repeats": REPEATS,
        "seed_seconds": round(seed_seconds, 1),
        "healthz_ms": round(base, 2),
        "report_ms": round(medians["report"], 2),
        "pdf_ms": round(medians["pdf"], 2),
        "pdf_first_ms": round(first["pdf"], 2),
        "pdf_redraw_ms": round(statistics.median(redraws) * 1000, 2),
        "report_ratio": round(medians["report"] / base, 1),
        "pdf_ratio": round(medians["pdf"] / base, 1),
        "report_queries": queries["report"],
        "pdf_queries": queries["pdf"],
        "target_ratio": TARGET_RATIO,
        "ok": medians["report"] / base <= TARGET_RATIO,
    }


def run(stdout=sys.stdout) -> dict:
    r = run_child("tests.bench.bench_report")
    stdout.write(
        f"annual report 2025 on the scale-1 demo (seeded in {r['seed_seconds']} s; median of {r['repeats']}, "
        f"test client in one process)\n"
        f"  /healthz {r['healthz_ms']:.2f} ms · report {r['report_ms']:.1f} ms ({r['report_ratio']}×, "
        f"{r['report_queries']} queries) · PDF {r['pdf_ms']:.1f} ms "
        f"({r['pdf_ratio']}×, {r['pdf_queries']} queries; first drawing {r['pdf_first_ms']:.0f} ms, "
        f"drawn again {r['pdf_redraw_ms']:.0f} ms)\n"
    )
    return r


def summary_lines(r: dict, line) -> list[dict]:
    """The rows of ``run.py``'s summary (``line`` is its row builder)."""
    base = r["healthz_ms"]
    return [
        line(
            "GET /performance/report/2025/ median",
            r["report_ms"],
            "ms",
            "/healthz median",
            base,
            f"≤ {r['target_ratio']:.0f}× /healthz",
            r["ok"],
        ),
        line("GET …/2025/report.pdf median", r["pdf_ms"], "ms", "/healthz median", base, "-", None),
        line(
            "GET …/2025/report.pdf first (drawn)",
            r["pdf_first_ms"],
            "ms",
            "-",
            None,
            "≤ 1000 ms",
            r["pdf_first_ms"] <= 1000.0,
        ),
        line("…/2025/report.pdf drawn again (same process)", r["pdf_redraw_ms"], "ms", "-", None, "-", None),
    ]


if __name__ == "__main__":
    if "--child" in sys.argv:
        print(json.dumps(_child()))
    else:
        run(sys.stdout)
