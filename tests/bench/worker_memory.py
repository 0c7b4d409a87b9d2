"""Does a gunicorn worker stop growing? Many passes over every bench page, memory after each.

Starts gunicorn with the production configuration (``gunicorn.conf.py``, through
``bench_http.start_gunicorn``: preload unless ``IEUM_BENCH_PRELOAD=0``, ``max_requests`` off so no
worker is recycled) against ``IEUM_BENCH_DATABASE_URL`` (a copy of the seeded snapshot: this
script does not copy or seed it), drives every page of the HTTP bench with wrk for
``IEUM_MEMORY_SECONDS`` a page (8 clients), and after each pass prints each worker's RSS and PSS
(``/proc/<pid>/smaps_rollup``) and the arbiter's. Alone, not part of ``make bench``:

    IEUM_BENCH_DATABASE_URL=postgres://.../ieum_bench_copy REDIS_URL=redis://127.0.0.1:6379/8 \\
        .venv/bin/python -m tests.bench.worker_memory --passes 8
"""

import argparse
import json
import os
import shutil
import time
from pathlib import Path

from tests.bench import bench_http
from tests.bench.common import BENCH_DIR, log
from tests.bench.load import run_wrk


def memory_mb(pid: int) -> tuple[float, float]:
    """(RSS, PSS) of one process in MB, from ``smaps_rollup``."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, rest = line.partition(":")
        if name in ("Rss", "Pss"):
            fields[name] = int(rest.split()[0]) / 1024
    return round(fields["Rss"], 1), round(fields["Pss"], 1)


def workers_of(arbiter: int) -> list[int]:
    return sorted(int(p) for p in Path(f"/proc/{arbiter}/task/{arbiter}/children").read_text().split())


def snapshot(number: int, workers: list[int], arbiter: int) -> dict:
    return {"pass": number, "workers": {w: memory_mb(w) for w in workers}, "arbiter": memory_mb(arbiter)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("IEUM_MEMORY_SECONDS", "3")))
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian's package wrk)")
    os.environ.update(bench_http.bench_environment())
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    endpoints, _info = bench_http.login_and_endpoints([])
    pages = [e for e in endpoints if e.kind != "submit"]
    port = bench_http.free_port()
    process = bench_http.start_gunicorn(port, BENCH_DIR / "gunicorn-memory.log")
    rows = []
    try:
        bench_http.wait_for_health(process, port)
        deadline = time.monotonic() + 60
        while len(workers_of(process.pid)) < bench_http.WORKERS and time.monotonic() < deadline:
            time.sleep(0.5)  # /healthz answered from the first worker; the last may be forking
        workers = workers_of(process.pid)
        rows.append(
            {"pass": 0, "workers": {w: memory_mb(w) for w in workers}, "arbiter": memory_mb(process.pid)}
        )
        for number in range(1, args.passes + 1):
            for endpoint in pages:
                clients = 1 if endpoint.kind == "export" else endpoint.clients
                run_wrk(
                    host="127.0.0.1",
                    port=port,
                    path=endpoint.path,
                    headers=endpoint.headers,
                    clients=clients,
                    seconds=args.seconds,
                )
            now = workers_of(process.pid)
            if now != workers:
                log(f"workers changed: {workers} -> {now}")
                workers = now
            rows.append(
                {
                    "pass": number,
                    "workers": {w: memory_mb(w) for w in workers},
                    "arbiter": memory_mb(process.pid),
                }
            )
            shown = "  ".join(f"{rss:.0f}/{pss:.0f}" for rss, pss in rows[-1]["workers"].values())
            load = os.getloadavg()
            log(f"pass {number}: worker RSS/PSS MB {shown}; load {load[0]:.1f}")
    finally:
        bench_http.stop_gunicorn(process)
    first = rows[0]
    log(
        "before any request: "
        + "  ".join(f"{rss:.0f}/{pss:.0f}" for rss, pss in first["workers"].values())
        + f"; arbiter {first['arbiter'][0]:.0f}/{first['arbiter'][1]:.0f}"
    )
    (BENCH_DIR / "worker_memory.json").write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
