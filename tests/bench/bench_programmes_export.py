"""Benchmark: the Excel export of 400 performance programmes (issue 5: under 2 s).

The plan holds 400 programmes × 10 milestones × 50 progress updates (and a KPI on every fourth,
which is KPI-driven), written in bulk on a fresh SQLite file. The figure is the export view
itself (``performance.views.overview_xlsx``: the plan overview, the filter, the table's order and
the workbook) called with a request, without the HTTP stack:

- **cold**: the roll-up cache cleared before each call, so every call computes all 400
  programmes' progress and status from their 4,000 milestones (the first export after a change);
- **warm**: the roll-up cached, as when the plan page was seen since the last change.

Each is repeated (``IEUM_BENCH_EXPORT_REPEATS``, default 7) and reported as median and max; the
verdict is on the cold median against 2 s. The baseline, measured in the same run on the same
database, is the least any export must pay: one ``values_list`` fetch of the programmes' exported
columns and of their milestones, plus openpyxl writing the same number of cells to a workbook
without styles. ``run(stdout)`` works in a child process (``common.run_child``, settings
``intranet.settings.dev``). Alone: ``.venv/bin/python -m tests.bench.bench_programmes_export``.
"""

import datetime as dt
import io
import json
import os
import statistics
import sys
import time

from tests.bench.common import run_child

PROGRAMMES = int(os.environ.get("IEUM_BENCH_EXPORT_PROGRAMMES", "400"))
MILESTONES = 10
UPDATES = 50
REPEATS = int(os.environ.get("IEUM_BENCH_EXPORT_REPEATS", "7"))
YEAR = 2025
TARGET_SECONDS = 2.0
DEPARTMENTS = 20


def build() -> dict:
    """The plan, in bulk: programmes, milestones (10 % each, the first half done), KPIs, updates."""
    from django.contrib.auth.models import User

    from intranet.directory.models import Department, Staff
    from performance.models import KPI, Milestone, Plan, Programme, ProgressUpdate

    departments = Department.objects.bulk_create(
        Department(code=f"PD{i:03d}", name=f"성과부서{i}", sort_order=i) for i in range(DEPARTMENTS)
    )
    owners = Staff.objects.bulk_create(
        Staff(employee_number=f"P{n:05d}", name=f"담당자{n}", department=departments[n % DEPARTMENTS])
        for n in range(DEPARTMENTS * 2)
    )
    reader = User.objects.create_user("bench-reader")
    Staff.objects.filter(pk=owners[0].pk).update(user=reader)
    plan = Plan.objects.create(year=YEAR, title=f"{YEAR}년 성과업무 프로그램")
    programmes = Programme.objects.bulk_create(
        Programme(
            plan=plan,
            code=f"{YEAR}-{i:04d}",
            title=f"벤치 과제 {i}",
            origin=Programme.Origin.values[i % len(Programme.Origin.values)],
            department=departments[i % DEPARTMENTS],
            owner=owners[i % len(owners)],
            weight=1 + i % 3,
            progress_mode=Programme.ProgressMode.KPI if i % 4 == 0 else Programme.ProgressMode.MILESTONES,
        )
        for i in range(PROGRAMMES)
    )
    Milestone.objects.bulk_create(
        (
            Milestone(
                programme=p,
                title=f"일정 {m + 1}",
                due_date=dt.date(YEAR, m + 1, 15),
                weight=100 // MILESTONES,
                done_on=dt.date(YEAR, m + 1, 10) if m < (i % MILESTONES) else None,
            )
            for i, p in enumerate(programmes)
            for m in range(MILESTONES)
        ),
        batch_size=2000,
    )
    KPI.objects.bulk_create(
        KPI(programme=p, name="지표", unit="%", baseline=50, target=90, actual=50 + i % 45)
        for i, p in enumerate(programmes)
        if i % 4 == 0
    )
    ProgressUpdate.objects.bulk_create(
        (
            ProgressUpdate(programme=p, author=p.owner, comment=f"{u + 1}번째 추진 실적입니다.")
            for p in programmes
            for u in range(UPDATES)
        ),
        batch_size=2000,
    )
    return {"plan": plan, "reader": reader}


def _times(fn, repeat: int, before=None) -> tuple[list[float], object]:
    times, result = [], None
    for _ in range(repeat):
        if before is not None:
            before()
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return times, result


def _baseline(plan) -> object:
    """The least an export pays: the rows it shows, read as tuples, written as plain cells."""
    from openpyxl import Workbook

    from performance.models import Milestone, Programme

    rows = list(
        Programme.objects.filter(plan=plan)
        .order_by("code")
        .values_list("code", "title", "origin", "department__name", "owner__name", "status_override_reason")
    )
    milestones = list(
        Milestone.objects.filter(programme__plan=plan).values_list(
            "programme_id", "due_date", "weight", "done_on"
        )
    )
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["과제코드", "과제명", "유형", "주관 부서", "담당자", "진척률(%)", "상태", "상태 지정 사유"])
    for code, title, origin, department, owner, reason in rows:
        sheet.append([code, title, origin, department, owner, 50.0, "정상 추진", reason])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return len(milestones), buffer.getvalue()


def _child() -> dict:
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import RequestFactory
    from openpyxl import load_workbook

    from performance.models import Milestone, ProgressUpdate
    from performance.views import overview_xlsx

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    data = build()
    build_seconds = time.perf_counter() - started

    request = RequestFactory().get("/performance/export.xlsx", HTTP_ACCEPT_LANGUAGE="ko")
    request.user = data["reader"]
    request.LANGUAGE_CODE = "ko"

    def export() -> bytes:
        response = overview_xlsx(request)
        assert response.status_code == 200, response.status_code
        return response.content

    baseline_times, _ = _times(lambda: _baseline(data["plan"]), REPEATS)
    cold_times, content = _times(export, REPEATS, before=cache.clear)
    export()  # fills the roll-up cache
    warm_times, _ = _times(export, REPEATS)
    sheet = load_workbook(io.BytesIO(content), read_only=True).active
    exported_rows = sheet.max_row - 1
    assert exported_rows == PROGRAMMES, exported_rows
    baseline = statistics.median(baseline_times)
    cold, warm = statistics.median(cold_times), statistics.median(warm_times)
    return {
        "programmes": PROGRAMMES,
        "milestones": Milestone.objects.count(),
        "updates": ProgressUpdate.objects.count(),
        "repeats": REPEATS,
        "build_seconds": round(build_seconds, 1),
        "baseline_seconds": round(baseline, 4),
        "baseline_max_seconds": round(max(baseline_times), 4),
        "cold_median_seconds": round(cold, 4),
        "cold_max_seconds": round(max(cold_times), 4),
        "warm_median_seconds": round(warm, 4),
        "warm_max_seconds": round(max(warm_times), 4),
        "cold_ratio": round(cold / baseline, 2),
        "warm_ratio": round(warm / baseline, 2),
        "export_bytes": len(content),
        "target_seconds": TARGET_SECONDS,
        "ok": cold < TARGET_SECONDS,
    }


def run(stdout=sys.stdout) -> dict:
    """Time the export in a child process on a throwaway database; print and return the figures."""
    r = run_child("tests.bench.bench_programmes_export")
    lines = [
        f"programme Excel export, {r['programmes']} programmes × {r['milestones'] // r['programmes']} "
        f"milestones × {r['updates'] // r['programmes']} updates (SQLite, {r['repeats']} repeats each; "
        f"built in {r['build_seconds']} s)",
        f"  baseline (values_list of the rows and milestones + plain openpyxl cells): "
        f"median {r['baseline_seconds']:.3f} s, max {r['baseline_max_seconds']:.3f} s",
        f"  export, roll-up computed: median {r['cold_median_seconds']:.3f} s, "
        f"max {r['cold_max_seconds']:.3f} s ({r['cold_ratio']}× baseline; "
        f"target < {r['target_seconds']:.0f} s: {'PASS' if r['ok'] else 'FAIL'})",
        f"  export, roll-up cached:   median {r['warm_median_seconds']:.3f} s, "
        f"max {r['warm_max_seconds']:.3f} s ({r['warm_ratio']}× baseline; {r['export_bytes']:,} bytes)",
    ]
    stdout.write("\n".join(lines) + "\n")
    return r


if __name__ == "__main__":
    if "--child" in sys.argv:
        print(json.dumps(_child()))
    else:
        run(sys.stdout)
