"""The bench's pure judgement (no database, no server): a page's query and CPU targets, the
start-state fingerprint and the summary lines. ``make bench`` itself is not part of the suite;
these check that its verdicts can fail and that an unmeasured figure never passes."""

from tests.bench import bench_http, run
from tests.bench.bench_http import PAGE, compare_fingerprint, fingerprint, page_reasons


def reasons(**kwargs):
    figures = {"queries": 8, "small_queries": 8, "cpu_ms": 10.0, "healthz_cpu_ms": 3.0} | kwargs
    return page_reasons(PAGE, **figures)


def test_a_page_within_every_target_passes():
    assert reasons() == []


def test_queries_growing_with_size_fail_even_under_the_budget():
    assert reasons(queries=9, small_queries=8) == ["queries grow with size (8 → 9)"]
    assert reasons(queries=7, small_queries=8) == []  # fewer at full size: not a query per row


def test_queries_over_the_budget_fail_even_when_flat():
    assert reasons(queries=16, small_queries=16) == ["queries: 16 > 15"]


def test_unmeasured_figures_fail():
    assert reasons(queries=None) == ["queries not counted"]
    assert reasons(small_queries=None) == ["queries not counted at the small size"]
    assert reasons(cpu_ms=None) == ["CPU not measured"]
    assert reasons(healthz_cpu_ms=None) == ["CPU of /healthz not measured"]


def test_cpu_fails_over_15_ms_and_over_4_times_healthz():
    assert reasons(cpu_ms=15.0, healthz_cpu_ms=3.75) == []
    assert reasons(cpu_ms=15.1, healthz_cpu_ms=5.0) == ["CPU 15.1 ms > 15"]
    assert reasons(cpu_ms=12.0, healthz_cpu_ms=2.0) == ["CPU 6.0× /healthz > 4×"]


COUNTS = {"directory_staff": 19939, "surveys_response": 17148, "advisory_advice": -1}


def test_fingerprint_compares_row_counts_with_the_previous_run():
    assert fingerprint(COUNTS) == fingerprint(dict(reversed(COUNTS.items())))  # order does not matter
    assert compare_fingerprint(COUNTS, None)[0] is None
    same, text = compare_fingerprint(COUNTS, dict(COUNTS))
    assert same is True and fingerprint(COUNTS) in text and "directory_staff=19,939" in text
    drifted, text = compare_fingerprint(COUNTS | {"directory_staff": 20139}, COUNTS)
    assert drifted is False and "directory_staff 19939→20139" in text


def http_report(**row):
    page = {
        "endpoint": "/directory/",
        "name": "directory list",
        "kind": "page",
        "target": "p95 < 150 ms",
        "p95_ms": 40.0,
        "neighbour_healthz_p95_ms": 20.0,
        "queries": 9,
        "queries_small": 9,
        "cpu_ms_in_process": 11.0,
        "result": "PASS",
        "reasons": [],
    } | row
    healthz = {
        "endpoint": "/healthz",
        "name": "/healthz",
        "kind": "baseline",
        "target": "p95 < 150 ms",
        "p95_ms": 20.0,
        "neighbour_healthz_p95_ms": 20.0,
        "result": "PASS",
        "reasons": [],
    }
    return {
        "rows": [healthz, page],
        "healthz_cpu_ms": 3.0,
        "baseline_p95_ms": 20.0,
        "worker_rss_mb": [140.0, 146.5],
        "worker_pss_mb": [82.0, 84.5],
        "worker_rss_ok": True,
        "small": {"staff": 633},
        "start": {"fingerprint": "abc", "same_as_previous": True},
    }


def verdicts(report):
    return {line["figure"]: line["result"] for line in run.http_lines(report)}


def test_summary_judges_queries_cpu_and_p95_on_their_own_lines():
    assert verdicts(http_report()) == {
        "/healthz p95": "PASS",
        "directory list queries": "PASS",
        "directory list CPU": "PASS",
        "directory list p95": "PASS",
        "largest gunicorn worker PSS": "PASS",
        "start state abc": "PASS",
    }
    failing = http_report(reasons=["CPU 6.0× /healthz > 4×", "queries grow with size (3 → 9)"], result="FAIL")
    shown = verdicts(failing)
    assert shown["directory list CPU"] == shown["directory list queries"] == "FAIL"
    assert shown["directory list p95"] == "PASS"  # its own targets held
    slow = verdicts(http_report(reasons=["p95 > 5× /healthz"], result="FAIL"))
    assert slow["directory list p95"] == "FAIL" and slow["directory list CPU"] == "PASS"


def test_summary_fails_what_was_not_measured():
    report = http_report()
    report["worker_pss_mb"] = []
    report["start"]["same_as_previous"] = False
    shown = verdicts(report)
    assert shown["largest gunicorn worker PSS"] == "FAIL"
    assert shown["start state abc"] == "FAIL"
    survey = {line["figure"]: line for line in run.survey_lines({"baseline_values_list_seconds": 2.0})}
    assert survey["survey results computed"]["result"] == "FAIL"
    assert survey["survey compute peak memory"]["result"] == "FAIL"
    assert run.figure_text(None, "ms") == "-" and run.ratio_text(float("nan")) == "-"


def test_survey_compute_must_not_exceed_a_plain_read():
    figures = {"baseline_values_list_seconds": 2.0, "compute_seconds": 2.4, "compute_peak_mb": 180.0}
    survey = {line["figure"]: line for line in run.survey_lines(figures)}
    assert survey["survey results computed"]["result"] == "FAIL"  # 1.2× a plain read
    assert survey["survey compute peak memory"]["result"] == "PASS"
    figures["compute_seconds"] = 1.9
    assert run.survey_lines(figures)[0]["result"] == "PASS"


def test_small_size_database_is_named_after_the_bench_database():
    assert bench_http.small_database_url().endswith(f"/{bench_http.database_name()}_small")


class FakeClock:
    """``time.process_time`` for ``interleaved_cpu``: each call advances it by what the request
    being timed costs."""

    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_cpu_is_measured_interleaved_with_healthz_after_warm_up():
    clock, calls = FakeClock(), []

    def request(name, ms):
        def call():
            calls.append(name)
            clock.now += ms / 1000

        return call

    page_ms, healthz_ms = bench_http.interleaved_cpu(
        request("page", 12), request("healthz", 3), 4, warmup=2, clock=clock
    )
    assert calls == ["healthz", "page"] * 6  # two unmeasured pairs, then four measured ones
    assert [round(v, 6) for v in page_ms] == [12.0] * 4
    assert [round(v, 6) for v in healthz_ms] == [3.0] * 4


def test_a_load_spike_moves_both_sides_and_an_outlier_moves_no_median():
    steady = bench_http.cpu_figures([10.0] * 40, [3.0] * 40)
    assert steady["cpu_ms"] == 10.0 and steady["healthz_cpu_ms"] == 3.0 and steady["cpu_ratio"] == 3.33
    # A few requests preempted or caught by a garbage collection: the mean moves, the median not.
    spiky = bench_http.cpu_figures([10.0] * 36 + [80.0] * 4, [3.0] * 38 + [40.0] * 2)
    assert spiky["cpu_ms"] == 10.0 and spiky["healthz_cpu_ms"] == 3.0 and spiky["cpu_mean_ms"] == 17.0
    # The whole page measured under load (×1.5): its interleaved /healthz was too, the ratio holds.
    loaded = bench_http.cpu_figures([15.0] * 40, [4.5] * 40)
    assert loaded["cpu_ratio"] == steady["cpu_ratio"]
    assert reasons(cpu_ms=loaded["cpu_ms"], healthz_cpu_ms=loaded["healthz_cpu_ms"]) == []
    assert bench_http.cpu_figures([], [3.0])["cpu_ms"] is None  # unmeasured: fails (above)


def test_summary_judges_cpu_against_the_healthz_beside_the_page():
    # The run's pooled /healthz is 3.0 ms; this page was measured while /healthz took 5.0 ms.
    beside = verdicts(http_report(cpu_ms_in_process=14.0, healthz_cpu_ms_near=5.0))
    assert beside["directory list CPU"] == "PASS"
    line = next(
        x for x in run.http_lines(http_report(healthz_cpu_ms_near=5.0)) if x["figure"].endswith("CPU")
    )
    assert line["baseline_value"] == 5.0


def test_the_survey_results_page_is_judged_on_queries_and_cpu_too():
    assert bench_http.TARGETS["results"].cpu and bench_http.TARGETS["results"].ratio == 5.0
    shown = verdicts(
        http_report(kind="results", name="survey results", reasons=["CPU 18.0 ms > 15"], result="FAIL")
    )
    assert shown["survey results CPU"] == "FAIL" and shown["survey results queries"] == "PASS"


def test_the_survey_compute_peak_is_the_child_s_own_not_its_parent_s():
    """A child's ``ru_maxrss`` starts at its parent's high-water mark (Linux keeps it across
    exec): the compute child of a full run reported the bench parent's peak. ``peak_mb`` reads
    the child's own."""
    import subprocess
    import sys

    from tests.bench.bench_survey_results import peak_mb

    ballast = bytearray(160 * 1024 * 1024)
    ballast[::4096] = b"\x01" * len(ballast[::4096])  # touch every page: it is resident
    code = "from tests.bench.bench_survey_results import peak_mb; print(peak_mb())"
    child = float(
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    )
    assert peak_mb() > 160
    assert child < 100
    del ballast
