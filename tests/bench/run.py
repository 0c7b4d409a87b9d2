"""``make bench``: every benchmark of issues 2 to 6 in one run, then one summary table.

Parts, in this order (``IEUM_BENCH_ONLY=http,import,surveys`` picks some; other words in it pick
HTTP endpoints by substring, e.g. ``IEUM_BENCH_ONLY=directory``):

- ``http`` (``bench_http``): pages, survey results, Excel export and survey submission under
  load on gunicorn + PostgreSQL, against ``/healthz`` in the same run;
- ``import`` (``bench_import``): 20,000 staff rows, against a plain ``bulk_create``;
- ``learning`` (``bench_learning``): 200 concurrent enrolment requests for a 30-seat session on
  gunicorn + PostgreSQL (issue 4);
- ``programmes`` (``bench_programmes_export``): the Excel export of 400 performance programmes
  × 10 milestones × 50 updates, against a ``values_list`` fetch + plain openpyxl cells (issue 5);
- ``report`` (``bench_report``): the 2025 annual report and its PDF on the demo, against
  ``/healthz`` in the same process (issue 17);
- ``surveys`` (``bench_survey_results``): computing (time and peak memory), reading and exporting
  the results of the seeded 2025 survey (17,148 responses × 42 questions, PostgreSQL copy of the
  snapshot), against one ``values_list`` fetch of all its answers;
- ``system_survey`` (``bench_system_survey``): the system-users' survey (issue 13 §3), its results
  page p95 and Excel export against ``/healthz`` in the same process, and 12,575 invitations queued.

Every figure is shown as a ratio to its own part's baseline, measured on the same machine in the
same run, with PASS/FAIL against the issues' targets. A part that crashes is a FAIL and the
others still run. Exit status 1 when anything failed; the figures go to ``var/bench/results-*.json``.
"""

import json
import os
import platform
import sys
import time
import traceback
import urllib.parse
from datetime import datetime

from tests.bench.common import BENCH_DIR, ROOT, log, pad

PARTS = ("http", "import", "surveys", "learning", "programmes", "system_survey", "report")


def selection() -> tuple[list[str], list[str]]:
    """(parts to run, HTTP endpoint filters) from ``IEUM_BENCH_ONLY``."""
    words = [w.strip() for w in os.environ.get("IEUM_BENCH_ONLY", "").split(",") if w.strip()]
    parts = [w for w in words if w in PARTS]
    endpoints = [w for w in words if w not in PARTS]
    if not parts:
        parts = ["http"] if endpoints else list(PARTS)
    elif endpoints and "http" not in parts:
        parts.insert(0, "http")
    return [p for p in PARTS if p in parts], endpoints


def line(figure, value, unit, baseline, baseline_value, target, ok) -> dict:
    """One row of the summary: a figure, its part's baseline, the ratio and the verdict."""
    ratio = value / baseline_value if value is not None and baseline_value else float("nan")
    return {
        "figure": figure,
        "value": value,
        "unit": unit,
        "baseline": baseline,
        "baseline_value": baseline_value,
        "ratio": round(ratio, 3),
        "target": target,
        "result": "-" if ok is None else ("PASS" if ok else "FAIL"),
    }


def http_lines(report: dict) -> list[dict]:
    """Per page (the survey results page too): its queries at the full size against the small
    size's, its in-process CPU (median) against the /healthz requests interleaved with it, then
    its p95 against the /healthz runs beside it (issue 18); each line judged on its own targets
    (the p95 line also on the answers' statuses)."""
    out = []
    healthz_cpu = report.get("healthz_cpu_ms")
    small_staff = (report.get("small") or {}).get("staff")
    for row in report["rows"]:
        name = row.get("name") or urllib.parse.unquote(row["endpoint"])
        reasons = row["reasons"]
        if row["kind"] in ("page", "results"):
            out.append(
                line(
                    f"{name} queries",
                    row.get("queries"),
                    "queries",
                    f"at {small_staff:,} staff" if small_staff else "small size",
                    row.get("queries_small"),
                    "≤ 15, not growing",
                    not [r for r in reasons if r.startswith("queries")],
                )
            )
            out.append(
                line(
                    f"{name} CPU",
                    row.get("cpu_ms_in_process"),
                    "ms",
                    "/healthz CPU beside it",
                    row.get("healthz_cpu_ms_near", healthz_cpu),
                    "≤ 15 ms, ≤ 4× /healthz",
                    not [r for r in reasons if r.startswith("CPU")],
                )
            )
        near = row.get("neighbour_healthz_p95_ms") or report["baseline_p95_ms"]
        baseline = "/healthz p95" if row["kind"] == "baseline" else "neighbour /healthz p95"
        # CPU and queries have their own lines; the baseline's failures have no reason text.
        others = [r for r in reasons if not r.startswith(("CPU", "queries"))]
        ok = not others and (row["kind"] != "baseline" or row["result"] == "PASS")
        out.append(line(f"{name} p95", row["p95_ms"], "ms", baseline, near, row["target"], ok))
    if report.get("worker_pss_mb"):  # PSS: docs/speed.md, "Round 3"
        pss = max(report["worker_pss_mb"])
        ok = report["worker_rss_ok"]
        out.append(line("largest gunicorn worker PSS", pss, "MB", "-", None, "≤ 120 MB", ok))
    else:
        out.append(line("largest gunicorn worker PSS", None, "MB", "-", None, "≤ 120 MB", False))
    start = report.get("start") or {}
    if start:
        out.append(
            line(
                f"start state {start['fingerprint']}",
                None,
                "",
                "previous run's start",
                None,
                "the same rows",
                start.get("same_as_previous"),
            )
        )
    return out


def import_lines(r: dict) -> list[dict]:
    """Issue 18: at most 1.5× a plain bulk_create of the same rows in CPU seconds (this process
    and the database backend: the steady figure on a shared machine), on SQLite and, when a
    server answered, PostgreSQL; and issue 2's 30 s."""
    out = []
    for label, one in (("SQLite", r), ("PostgreSQL", r.get("postgresql"))):
        if not one:
            continue
        base = one["baseline_cpu_seconds"]
        ok = one["ok"] and bool(base) and one["import_cpu_seconds"] <= 1.5 * base
        name = f"import {one['rows']:,} rows, CPU ({label})"
        out.append(line(name, one["import_cpu_seconds"], "s", "bulk_create CPU", base, "< 30 s, ≤ 1.5×", ok))
    out.append(
        line(
            "re-import unchanged",
            r["reimport_unchanged_seconds"],
            "s",
            "bulk_create",
            r["baseline_bulk_create_seconds"],
            "-",
            None,
        )
    )
    return out


def survey_lines(r: dict) -> list[dict]:
    """The survey part's figures against a plain read of the answers: issue 18's compute ratio
    (≤ 1×) and peak memory (≤ 250 MB) are lines even when the report lacks them (then "-" and
    FAIL: a target is never passed unmeasured)."""
    from tests.bench.bench_survey_results import COMPUTE_RATIO_TARGET, PEAK_MB_TARGET, TARGETS

    base = r.get("baseline_values_list_seconds")
    compute = r.get("compute_seconds")
    within_ratio = compute is not None and bool(base) and compute <= COMPUTE_RATIO_TARGET * base
    rows = [
        line(
            "survey results computed",
            compute,
            "s",
            "values_list all answers",
            base,
            f"≤ {COMPUTE_RATIO_TARGET:g}× values_list, < 5 s",
            within_ratio and compute < TARGETS["compute_seconds"],
        )
    ]
    peak = r.get("compute_peak_mb")
    rows.append(
        line(
            "survey compute peak memory",
            peak,
            "MB",
            "-",
            None,
            f"≤ {PEAK_MB_TARGET:.0f} MB",
            peak is not None and peak <= PEAK_MB_TARGET,
        )
    )
    for figure, key, target in (
        ("survey results cached read", "cached_read_seconds", "< 1 s"),
        ("survey results, one department", "filtered_department_seconds", "-"),
        ("survey Excel export", "export_seconds", "< 5 s"),
    ):
        value = r.get(key)
        ok = None if key not in TARGETS else value is not None and value < TARGETS[key]
        rows.append(line(figure, value, "s", "values_list all answers", base, target, ok))
    return rows


def learning_lines(r: dict) -> list[dict]:
    """Issue 4: 200 concurrent enrolments for 30 seats; p95 against /healthz at the same concurrency."""
    ok = not r["problems"] and r["server_errors"] == 0
    figure = f"POST enrol ×{r['people']} at once, {r['seats']} seats"
    return [
        line(
            figure,
            r["enrol_p95_ms"],
            "ms p95",
            "/healthz p95",
            r["healthz_p95_ms"],
            "30 in, rest waitlisted",
            ok,
        )
    ]


def programmes_lines(r: dict) -> list[dict]:
    """Issue 5: the Excel export of 400 programmes under 2 s (roll-up computed, median)."""
    base, target = r["baseline_seconds"], f"< {r['target_seconds']:.0f} s (median)"
    return [
        line(
            f"programme export ×{r['programmes']} (median)",
            r["cold_median_seconds"],
            "s",
            "values_list + plain xlsx",
            base,
            target,
            r["ok"],
        ),
        line(
            f"programme export ×{r['programmes']} (max)",
            r["cold_max_seconds"],
            "s",
            "values_list + plain xlsx",
            base,
            "-",
            None,
        ),
        line(
            "programme export, roll-up cached",
            r["warm_median_seconds"],
            "s",
            "values_list + plain xlsx",
            base,
            "-",
            None,
        ),
    ]


def figure_text(value, unit: str) -> str:
    """A figure as the summary shows it: "-" when not measured, whole queries, ms and MB to one
    decimal, seconds to three."""
    if value is None:
        return "-"
    if unit == "queries":
        return f"{value:,d}"
    if unit in ("ms", "MB"):
        return f"{value:,.1f}"
    return f"{value:.3f}"


def ratio_text(ratio: float) -> str:
    """Enough digits that a small ratio (a cached read) does not show as 0.00; "-" without one."""
    if ratio != ratio:  # NaN: no baseline
        return "-"
    return f"{ratio:.1f}" if ratio >= 10 else f"{ratio:.2f}" if ratio >= 0.1 else f"{ratio:.3f}"


def print_summary(lines: list[dict], crashed: dict[str, str]) -> None:
    header = (
        f"{pad('figure', 40)} {'value':>10}  {pad('baseline (same run)', 24)} {'base':>9} {'ratio':>8}  "
        f"{pad('target', 30)} result"
    )
    print()
    print("SUMMARY: each figure as a ratio to its baseline measured in the same run")
    print(header)
    print("-" * len(header))
    for row in lines:
        value, base = figure_text(row["value"], row["unit"]), figure_text(row["baseline_value"], row["unit"])
        value = value if value == "-" else f"{value} {row['unit']}".strip()
        ratio = ratio_text(row["ratio"]) + ("×" if row["ratio"] == row["ratio"] else " ")
        print(
            f"{pad(row['figure'], 40)} {value:>10}  {pad(row['baseline'], 24)} {base:>9} "
            f"{ratio:>8}  {pad(row['target'], 30)} {row['result']}"
        )
    for part, error in crashed.items():
        print(
            f"{pad(part + ' benchmark', 40)} {'-':>10}  {'':24} {'':>9} {'':>8}  "
            f"{pad('runs to the end', 30)} FAIL"
        )
        print(f"    {error}")
    print()


def main() -> int:
    os.chdir(ROOT)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    parts, endpoints = selection()
    started_at = datetime.now()
    started = time.monotonic()
    log(f"parts: {', '.join(parts)}" + (f"; endpoints matching {endpoints}" if endpoints else ""))
    reports: dict[str, dict] = {}
    crashed: dict[str, str] = {}
    seconds: dict[str, float] = {}
    for part in parts:
        part_started = time.monotonic()
        log(f"=== {part} ===")
        try:
            if part == "http":
                from tests.bench import bench_http

                reports[part] = bench_http.run(endpoints)
            elif part == "import":
                from tests.bench import bench_import

                reports[part] = bench_import.run(sys.stdout)
            elif part == "learning":
                from tests.bench import bench_learning

                reports[part] = bench_learning.run()
            elif part == "programmes":
                from tests.bench import bench_programmes_export

                reports[part] = bench_programmes_export.run(sys.stdout)
            elif part == "system_survey":
                from tests.bench import bench_system_survey

                reports[part] = bench_system_survey.run(sys.stdout)
            elif part == "report":
                from tests.bench import bench_report

                reports[part] = bench_report.run(sys.stdout)
            else:
                from tests.bench import bench_survey_results

                reports[part] = bench_survey_results.run(sys.stdout)
        except Exception as exc:  # noqa: BLE001 - one part failing must not hide the others' figures
            traceback.print_exc()
            crashed[part] = f"{type(exc).__name__}: {exc}"
        seconds[part] = round(time.monotonic() - part_started, 1)
        log(f"{part} took {seconds[part]:.0f} s")

    lines = []
    if "http" in reports:
        lines += http_lines(reports["http"])
    if "import" in reports:
        lines += import_lines(reports["import"])
    if "surveys" in reports:
        from tests.bench import bench_survey_results

        if hasattr(bench_survey_results, "summary_lines"):  # the part's own rows, as the others
            lines += bench_survey_results.summary_lines(reports["surveys"], line)
        else:
            lines += survey_lines(reports["surveys"])
    if "learning" in reports:
        lines += learning_lines(reports["learning"])
    if "programmes" in reports:
        lines += programmes_lines(reports["programmes"])
    if "system_survey" in reports:
        from tests.bench.bench_system_survey import summary_lines

        lines += summary_lines(reports["system_survey"], line)
    if "report" in reports:
        from tests.bench.bench_report import summary_lines

        lines += summary_lines(reports["report"], line)
    print_summary(lines, crashed)
    load = os.getloadavg()[0]
    if load > (os.cpu_count() or 1):
        log(
            f"WARNING: load average {load:.1f} on {os.cpu_count()} CPUs: other processes shared the "
            "machine, so absolute times are inflated; the ratios and the HTTP cpu columns hold better."
        )
    total = time.monotonic() - started
    log(f"total {total:.0f} s ({', '.join(f'{p} {s:.0f} s' for p, s in seconds.items())})")
    report = {
        "started_at": started_at.isoformat(timespec="seconds"),
        "parts": parts,
        "seconds": seconds,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "summary": lines,
        "crashed": crashed,
        **reports,
    }
    out = BENCH_DIR / f"results-{started_at:%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2, default=str))
    log(f"wrote {out.relative_to(ROOT)}")
    failed = crashed or any(row["result"] == "FAIL" for row in lines)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
