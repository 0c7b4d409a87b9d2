"""``make bench``: logged-in load on the directory and home pages against ``/healthz``, same run.

Absolute milliseconds depend on the machine; the ratio to ``/healthz`` (a bare Django view with
one ``SELECT 1``, served by the same gunicorn under the same load) is what DESIGN.md budgets:
each page's p95 within 10× of ``/healthz``'s and under 150 ms at 8 concurrent clients.

Steps: create the PostgreSQL database ``ieum_bench`` if missing, migrate, seed ``--scale 60``
(about 20,000 staff; reused when already there), collect static files, start gunicorn with the
production settings on a free loopback port, log in by writing a session, drive the load, count
the queries of each page in-process, print the table and write ``var/bench/results-*.json``.
Settings come from ``IEUM_BENCH_*`` variables (see tests/bench/README.md).
"""

import json
import os
import platform
import secrets
import socket
import subprocess
import sys
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime
from pathlib import Path

from tests.bench.load import Result, run_load

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = ROOT / "var" / "bench"
SEED_MARKER = BENCH_DIR / "seeded-by.txt"

DATABASE_URL = os.environ.get("IEUM_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ieum_bench")
SCALE = int(os.environ.get("IEUM_BENCH_SCALE", "60"))
MIN_STAFF = int(os.environ.get("IEUM_BENCH_MIN_STAFF", str(round(SCALE * 19000 / 60))))
REQUESTS = int(os.environ.get("IEUM_BENCH_REQUESTS", "400"))
WARMUP = int(os.environ.get("IEUM_BENCH_WARMUP", "40"))
CLIENTS = int(os.environ.get("IEUM_BENCH_CLIENTS", "8"))
WORKERS = int(os.environ.get("IEUM_BENCH_WORKERS", "4"))
THREADS = int(os.environ.get("IEUM_BENCH_THREADS", "1"))
MAX_SECONDS = float(os.environ.get("IEUM_BENCH_MAX_SECONDS", "120"))  # per endpoint
# Comma-separated substrings: load only matching endpoints (the baseline always runs).
ONLY = [s for s in os.environ.get("IEUM_BENCH_ONLY", "").split(",") if s]
RATIO_TARGET = 10.0
P95_TARGET_MS = 150.0
QUERY_BUDGET = 15

BASELINE = "/healthz"


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def bench_environment() -> dict[str, str]:
    """Production settings with example values; the same for subprocesses and this process."""
    return {
        "DJANGO_SETTINGS_MODULE": "intranet.settings.production",
        "DATABASE_URL": DATABASE_URL,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "PYTHONUNBUFFERED": "1",
    }


def manage(*args: str, timeout: float = 900, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=os.environ.copy(),
        timeout=timeout,
        check=check,
        capture_output=not check,
        text=True,
    )


def admin_connection():
    """A connection to the server's ``postgres`` database, to create or drop ``ieum_bench``."""
    import psycopg

    url = urllib.parse.urlsplit(DATABASE_URL)
    return psycopg.connect(
        host=url.hostname or "127.0.0.1",
        port=url.port or 5432,
        user=url.username or "postgres",
        password=url.password,
        dbname="postgres",
        autocommit=True,
        connect_timeout=10,
    )


def database_name() -> str:
    return urllib.parse.urlsplit(DATABASE_URL).path.lstrip("/")


def ensure_database(*, drop: bool = False) -> None:
    from psycopg import sql

    name = database_name()
    with admin_connection() as conn:
        if drop:
            log(f"dropping database {name} to reseed it")
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            log(f"creating database {name}")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def staff_count() -> int:
    import psycopg

    with psycopg.connect(DATABASE_URL, connect_timeout=10) as conn:
        table = conn.execute("SELECT to_regclass('directory_staff')").fetchone()[0]
        if table is None:
            return 0
        return conn.execute("SELECT count(*) FROM directory_staff").fetchone()[0]


def analyze() -> None:
    """Refresh the planner's statistics: right after a bulk seed they say "no rows", and the
    planner then sorts every match instead of walking the (is_active, name) index (1 ms vs 30 ms)."""
    import psycopg

    with psycopg.connect(DATABASE_URL, autocommit=True, connect_timeout=10) as conn:
        conn.execute("VACUUM ANALYZE")


def seed_demo_available() -> bool:
    return manage("help", "seed_demo", check=False, timeout=120).returncode == 0


def prepare_database() -> str:
    """Migrate and seed; returns which seeder made the data."""
    have_seed_demo = seed_demo_available()
    previous = SEED_MARKER.read_text().strip() if SEED_MARKER.exists() else ""
    # Data made by the stand-in is replaced once the real seed_demo exists.
    ensure_database(drop=have_seed_demo and previous == "seed_fallback")
    log("migrate")
    manage("migrate", "--noinput", "-v0")
    count = staff_count()
    if count >= MIN_STAFF:
        analyze()
        log(f"reusing database {database_name()}: {count:,} staff already there ({previous or 'unknown'})")
        return previous or "unknown"
    started = time.monotonic()
    if have_seed_demo:
        log(f"manage.py seed_demo --scale {SCALE}")
        manage("seed_demo", "--scale", str(SCALE), timeout=1800)
        seeder = "seed_demo"
    else:
        log(
            f"manage.py seed_demo is not there yet; seeding with tests/bench/seed_fallback.py --scale {SCALE}"
        )
        subprocess.run(
            [sys.executable, "-m", "tests.bench.seed_fallback", "--scale", str(SCALE)],
            cwd=ROOT,
            env=os.environ.copy(),
            timeout=1800,
            check=True,
        )
        seeder = "seed_fallback"
    analyze()
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    SEED_MARKER.write_text(seeder + "\n")
    log(f"seeded {staff_count():,} staff in {time.monotonic() - started:.1f} s")
    return seeder


def login_and_targets() -> tuple[dict[str, str], list[str], dict]:
    """A session cookie for a staff user, and the endpoints to load (with a real profile).

    Production cookies are Secure, so a log-in form over plain HTTP would not keep its session;
    writing the session row directly is what ``force_login`` does in tests.
    """
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import Group, User
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection

    from intranet.directory.models import Staff

    user = User.objects.filter(username="staff").first()
    if user is None or not Staff.objects.filter(user=user).exists():
        user, _ = User.objects.get_or_create(username="bench-staff")
        user.groups.add(*Group.objects.filter(name="staff"))
        if not Staff.objects.filter(user=user).exists():
            me = Staff.objects.filter(user__isnull=True, is_active=True, department__isnull=False)
            me = me.order_by("pk").first()
            me.user = user
            me.save(update_fields=["user"])
    me = Staff.objects.select_related("department").get(user=user)
    others = Staff.objects.filter(is_active=True, department__isnull=False).exclude(pk=me.pk).order_by("pk")
    profile = others[others.count() // 2]

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    cookie = f"sessionid={session.session_key}"
    paths = [
        BASELINE,
        "/directory/?q=" + urllib.parse.quote("김"),
        "/directory/?q=" + urllib.parse.quote("교육을"),
        f"/directory/{profile.employee_number}/",
        "/",
        "/directory/org/",
        "/directory/",
    ]
    if ONLY:
        paths = [p for p in paths if p == BASELINE or any(o in urllib.parse.unquote(p) for o in ONLY)]
    info = {
        "user": user.username,
        "user_staff": me.employee_number,
        "user_department": me.department.name if me.department else None,
        "profile": profile.employee_number,
        "staff_total": Staff.objects.count(),
        "staff_active": Staff.objects.filter(is_active=True).count(),
    }
    connection.close()
    return {"Cookie": cookie, "Accept-Language": "ko", "User-Agent": "ieum-bench"}, paths, info


def count_queries(paths: list[str], cookie: str) -> dict[str, dict]:
    """Queries per request for each page, measured in-process on a second (warm) request."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="ko")
    client.cookies["sessionid"] = cookie.split("=", 1)[1]
    counts = {}
    for path in paths:
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path)
            elapsed = time.perf_counter() - started
        sql_ms = sum(float(q["time"]) for q in captured.captured_queries) * 1000
        counts[path] = {
            "status": response.status_code,
            "queries": len(captured),
            "sql_ms": round(sql_ms, 1),
            "single_request_ms": round(elapsed * 1000, 1),
            "slowest": sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:3],
        }
    connection.close()
    return counts


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int, log_path: Path) -> subprocess.Popen:
    worker_class = "gthread" if THREADS > 1 else "sync"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "intranet.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        "--threads",
        str(THREADS),
        "--worker-class",
        worker_class,
        "--timeout",
        "60",
        "--log-level",
        "warning",
        "--error-logfile",
        str(log_path),
    ]
    log(f"gunicorn: {WORKERS} workers × {THREADS} threads ({worker_class}) on 127.0.0.1:{port}")
    return subprocess.Popen(command, cwd=ROOT, env=os.environ.copy(), start_new_session=True)


def stop_gunicorn(process: subprocess.Popen) -> None:
    """SIGTERM lets the arbiter stop its workers; SIGKILL the arbiter only if it hangs."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
    log("gunicorn stopped")


def wait_for_health(process: subprocess.Popen, port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}; see var/bench/gunicorn.log")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{BASELINE}", timeout=5) as response:
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.25)
    raise RuntimeError(f"/healthz did not answer 200 within {timeout:.0f} s")


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process, from /proc (0 where that is not available)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_snapshot(process: subprocess.Popen) -> dict[str, dict[int, float]]:
    """CPU seconds used so far by each gunicorn worker and each PostgreSQL backend of the
    benchmark database: per-request CPU cost does not depend on what else loads the machine."""
    try:
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    except OSError:
        children = []
    with admin_connection() as conn:
        backends = conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [database_name()],
        ).fetchall()
    return {
        "app": {int(pid): process_cpu_seconds(int(pid)) for pid in children},
        "db": {pid: process_cpu_seconds(pid) for (pid,) in backends},
    }


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds between two snapshots; a process that started in between counts from zero."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def machine_load() -> dict[str, float | None]:
    """Load average and CPU pressure: other work on the machine inflates every latency."""
    load = os.getloadavg()
    pressure = None
    try:
        line = Path("/proc/pressure/cpu").read_text().splitlines()[0]
        pressure = float(line.split("avg60=")[1].split()[0])
    except (OSError, IndexError, ValueError):
        pass
    return {"load_1m": round(load[0], 2), "load_5m": round(load[1], 2), "cpu_pressure_avg60": pressure}


def verdict(result: Result, baseline_p95: float, queries: int | None, is_baseline: bool) -> tuple[str, list]:
    reasons = []
    if result.failures or result.n == 0:
        reasons.append(f"{result.failures} non-200 answers {dict(result.statuses)} {result.errors[:1]}")
    if result.percentile_ms(95) >= P95_TARGET_MS:
        reasons.append(f"p95 ≥ {P95_TARGET_MS:.0f} ms")
    if not is_baseline and result.percentile_ms(95) > RATIO_TARGET * baseline_p95:
        reasons.append(f"p95 > {RATIO_TARGET:.0f}× /healthz")
    if queries is not None and queries > QUERY_BUDGET:
        reasons.append(f"{queries} queries > {QUERY_BUDGET}")
    return ("FAIL" if reasons else "PASS"), reasons


def pad(text: str, width: int) -> str:
    """Left-align for a terminal, where each Hangul syllable takes two columns."""
    shown = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - shown)


def cpu(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def print_table(rows: list[dict]) -> None:
    columns = (
        f"{'n':>5} {'fail':>4} {'p50 ms':>7} {'p95 ms':>7} {'req/s':>7} {'×hz p95':>7} {'SQL':>4} "
        f"{'cpu app':>7} {'cpu db':>6}"
    )
    header = f"{pad('endpoint', 32)} {columns}  result"
    print()
    print(header)
    print("-" * len(header))
    for row in rows:
        queries = "-" if row["queries"] is None else row["queries"]
        reasons = "  " + "; ".join(row["reasons"]) if row["reasons"] else ""
        print(
            f"{pad(urllib.parse.unquote(row['endpoint']), 32)} {row['n']:>5} {row['failures']:>4} "
            f"{row['p50_ms']:>7.1f} {row['p95_ms']:>7.1f} {row['rps']:>7.1f} "
            f"{row['p95_ratio_to_healthz']:>7.2f} {queries:>4} "
            f"{cpu(row['app_cpu_ms_per_request']):>7} {cpu(row['db_cpu_ms_per_request']):>6}  "
            f"{row['result']}{reasons}"
        )
    print()


def main() -> int:
    os.chdir(ROOT)
    os.environ.update(bench_environment())
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    started_at = datetime.now()
    seeder = prepare_database()
    log("collectstatic")
    manage("collectstatic", "--noinput", "-v0")
    headers, paths, info = login_and_targets()
    me = f"{info['user']} ({info['user_staff']}, {info['user_department']})"
    log(f"logged in as {me}; profile {info['profile']}")
    queries = count_queries(paths, headers["Cookie"])

    port = free_port()
    gunicorn_log = BENCH_DIR / "gunicorn.log"
    process = start_gunicorn(port, gunicorn_log)
    results: dict[str, Result] = {}
    cpu_ms: dict[str, dict[str, float]] = {}
    load_before = machine_load()
    try:
        wait_for_health(process, port)
        for path in paths:
            shown = urllib.parse.unquote(path)
            log(f"{shown}: {WARMUP} warm-up, then {REQUESTS} requests from {CLIENTS} clients")
            common = {"host": "127.0.0.1", "port": port, "path": path, "headers": headers}
            run_load(**common, clients=CLIENTS, requests=WARMUP, max_seconds=MAX_SECONDS)
            before = cpu_snapshot(process)
            results[path] = run_load(**common, clients=CLIENTS, requests=REQUESTS, max_seconds=MAX_SECONDS)
            after = cpu_snapshot(process)
            count = max(1, results[path].n)
            cpu_ms[path] = {k: round(1000 * cpu_used(before[k], after[k]) / count, 2) for k in after}
    finally:
        stop_gunicorn(process)
    load_after = machine_load()

    baseline_p95 = results[BASELINE].percentile_ms(95)
    rows = []
    for path, result in results.items():
        is_baseline = path == BASELINE
        page_queries = None if is_baseline else queries[path]["queries"]
        outcome, reasons = verdict(result, baseline_p95, page_queries, is_baseline)
        rows.append(
            {
                "endpoint": path,
                "n": result.n,
                "failures": result.failures,
                "statuses": {str(k): v for k, v in result.statuses.items()},
                "errors": result.errors[:5],
                "p50_ms": round(result.percentile_ms(50), 2),
                "p95_ms": round(result.percentile_ms(95), 2),
                "mean_ms": round(result.mean_ms, 2),
                "max_ms": round(max(result.latencies, default=0) * 1000, 2),
                "rps": round(result.rps, 1),
                "p95_ratio_to_healthz": round(result.percentile_ms(95) / baseline_p95, 2),
                "queries": page_queries,
                "sql_ms_single_request": queries[path]["sql_ms"],
                "app_cpu_ms_per_request": cpu_ms.get(path, {}).get("app"),
                "db_cpu_ms_per_request": cpu_ms.get(path, {}).get("db"),
                "bytes_per_response": round(result.bytes_received / result.n) if result.n else 0,
                "result": outcome,
                "reasons": reasons,
            }
        )
    print_table(rows)
    print(
        f"targets: p95 ≤ {RATIO_TARGET:.0f}× /healthz p95 ({RATIO_TARGET * baseline_p95:.1f} ms) and "
        f"< {P95_TARGET_MS:.0f} ms, every answer 200, ≤ {QUERY_BUDGET} queries a page; "
        f"{CLIENTS} clients, gunicorn {WORKERS}×{THREADS}, {os.cpu_count()} CPUs, "
        f"{info['staff_total']:,} staff ({seeder})"
    )
    print(
        "cpu app / cpu db: CPU ms per request used by the gunicorn workers and by the PostgreSQL "
        "backends (from /proc), which other load on the machine does not inflate."
    )
    busiest = max(load_before["load_1m"], load_after["load_1m"])
    if busiest > (os.cpu_count() or 1):
        log(
            f"WARNING: the machine was busy (load {load_before['load_1m']} → {load_after['load_1m']}, "
            f"{os.cpu_count()} CPUs, CPU pressure {load_after['cpu_pressure_avg60']}%): other processes "
            "shared the CPUs, so latencies are inflated; compare the cpu columns and rerun when idle."
        )
    report = {
        "started_at": started_at.isoformat(timespec="seconds"),
        "config": {
            "database": database_name(),
            "scale": SCALE,
            "seeder": seeder,
            "requests": REQUESTS,
            "warmup": WARMUP,
            "clients": CLIENTS,
            "gunicorn_workers": WORKERS,
            "gunicorn_threads": THREADS,
            "settings": os.environ["DJANGO_SETTINGS_MODULE"],
        },
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "data": info,
        "machine_load": {"before": load_before, "after": load_after},
        "targets": {"p95_ratio": RATIO_TARGET, "p95_ms": P95_TARGET_MS, "queries": QUERY_BUDGET},
        "results": rows,
        "queries": queries,
    }
    out = BENCH_DIR / f"results-{started_at:%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2, default=str))
    log(f"wrote {out.relative_to(ROOT)}")
    failed = [row["endpoint"] for row in rows if row["result"] != "PASS"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
