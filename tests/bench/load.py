"""A small closed-loop HTTP load driver (stdlib only) for ``make bench``.

Each client is a thread with its own keep-alive ``http.client`` connection, sending the next
request as soon as the previous answer is read, so "8 clients" means 8 requests in flight. A
shared counter hands out exactly ``requests`` requests; a deadline bounds the time as well.
Only loopback addresses are allowed: this is a benchmark, not a load generator for other hosts.
"""

import http.client
import statistics
import threading
import time
from dataclasses import dataclass, field

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass
class Result:
    """Latencies (seconds) of the answered requests, status counts and the wall time."""

    path: str
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    wall_seconds: float = 0.0
    bytes_received: int = 0

    @property
    def n(self) -> int:
        return len(self.latencies)

    @property
    def failures(self) -> int:
        """Requests that did not answer 200 (other statuses and transport errors)."""
        return sum(c for s, c in self.statuses.items() if s != 200) + len(self.errors)

    def percentile_ms(self, p: float) -> float:
        """Nearest-rank percentile, so p95 is a latency some request really had."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
        return ordered[rank - 1] * 1000

    @property
    def mean_ms(self) -> float:
        return statistics.fmean(self.latencies) * 1000 if self.latencies else float("nan")

    @property
    def rps(self) -> float:
        return self.n / self.wall_seconds if self.wall_seconds else 0.0


def run_load(
    *,
    host: str,
    port: int,
    path: str,
    headers: dict[str, str],
    clients: int,
    requests: int,
    max_seconds: float,
    timeout: float = 30.0,
) -> Result:
    """Send ``requests`` GETs of ``path`` from ``clients`` concurrent connections."""
    if host not in LOOPBACK:
        raise ValueError(f"the benchmark only talks to loopback, not {host!r}")
    result = Result(path=path)
    lock = threading.Lock()
    remaining = [requests]
    deadline = time.monotonic() + max_seconds

    def take() -> bool:
        with lock:
            if remaining[0] <= 0 or time.monotonic() > deadline:
                return False
            remaining[0] -= 1
            return True

    def client() -> None:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        try:
            while take():
                started = time.perf_counter()
                try:
                    conn.request("GET", path, headers=headers)
                    response = conn.getresponse()
                    body = response.read()
                    status = response.status
                except (OSError, http.client.HTTPException) as exc:
                    conn.close()  # the next request opens a fresh connection
                    with lock:
                        result.errors.append(f"{type(exc).__name__}: {exc}")
                    continue
                elapsed = time.perf_counter() - started
                with lock:
                    result.latencies.append(elapsed)
                    result.statuses[status] = result.statuses.get(status, 0) + 1
                    result.bytes_received += len(body)
        finally:
            conn.close()

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max_seconds + timeout + 5)
    result.wall_seconds = time.perf_counter() - started
    return result
