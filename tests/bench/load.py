"""A small closed-loop HTTP load driver (stdlib only) for ``make bench``.

Each client is a thread with its own keep-alive ``http.client`` connection, sending the next
request as soon as the previous answer is read, so "8 clients" means 8 requests in flight. A
shared counter hands out exactly ``requests`` requests (``run_load``: one GET repeated;
``run_requests``: a list of distinct requests, e.g. one form submission per person); a deadline
bounds the time as well.
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
    expected_status: int = 200

    @property
    def n(self) -> int:
        return len(self.latencies)

    @property
    def failures(self) -> int:
        """Requests that did not answer as expected (other statuses and transport errors)."""
        return sum(c for s, c in self.statuses.items() if s != self.expected_status) + len(self.errors)

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


@dataclass(frozen=True)
class Request:
    """One HTTP request to send; ``body`` is sent as is (form-encoded for a POST)."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None = None


@dataclass(frozen=True)
class Answer:
    """What came back for one request, kept only when the caller asks (``keep=True``)."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes


def run_load(
    *,
    host: str,
    port: int,
    path: str,
    headers: dict[str, str],
    clients: int,
    requests: int,
    max_seconds: float,
    expected_status: int = 200,
    timeout: float = 30.0,
) -> Result:
    """Send ``requests`` GETs of ``path`` from ``clients`` concurrent connections."""
    request = Request("GET", path, headers)
    return run_requests(
        host=host,
        port=port,
        requests=[request] * requests,
        clients=clients,
        max_seconds=max_seconds,
        expected_status=expected_status,
        timeout=timeout,
        name=path,
    )[0]


def run_requests(
    *,
    host: str,
    port: int,
    requests: list[Request],
    clients: int,
    max_seconds: float,
    expected_status: int = 200,
    timeout: float = 30.0,
    name: str = "",
    keep: bool = False,
) -> tuple[Result, dict[int, Answer]]:
    """Send each of ``requests`` once, in order, from ``clients`` concurrent connections.

    Returns the latencies and, with ``keep``, each request's answer by its index (to read a form
    or check a redirect). A request not sent before the deadline is simply missing from both.
    """
    if host not in LOOPBACK:
        raise ValueError(f"the benchmark only talks to loopback, not {host!r}")
    result = Result(path=name or (requests[0].path if requests else ""), expected_status=expected_status)
    answers: dict[int, Answer] = {}
    lock = threading.Lock()
    position = [0]
    deadline = time.monotonic() + max_seconds

    def take() -> int | None:
        with lock:
            if position[0] >= len(requests) or time.monotonic() > deadline:
                return None
            position[0] += 1
            return position[0] - 1

    def client() -> None:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
        try:
            while (index := take()) is not None:
                request = requests[index]
                started = time.perf_counter()
                try:
                    conn.request(request.method, request.path, body=request.body, headers=request.headers)
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
                    if keep:
                        answers[index] = Answer(status, response.getheaders(), body)
        finally:
            conn.close()

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max_seconds + timeout + 5)
    result.wall_seconds = time.perf_counter() - started
    return result, answers
