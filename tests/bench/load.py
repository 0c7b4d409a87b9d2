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


WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) unexpected = 0 end
function response(status, headers, body)
  if status ~= %(expected)d then unexpected = unexpected + 1 end
end
function done(summary, latency, requests)
  local unexpected = 0
  for _, thread in ipairs(threads) do unexpected = unexpected + thread:get("unexpected") end
  local e = summary.errors
  io.write(string.format(
    "IEUM-WRK %%d %%d %%d %%d %%d %%.1f %%d %%d %%d\\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95), latency.max,
    latency.mean, unexpected, e.connect + e.read + e.write + e.timeout, summary.bytes))
end
"""


@dataclass
class WrkResult:
    """What ``wrk`` measured for one path (its latencies are in microseconds; only the summary
    comes back, so the percentiles are wrk's own, from its histogram)."""

    path: str
    n: int
    wall_seconds: float
    p50_ms: float
    p95_ms: float
    max_ms: float
    mean_ms: float
    unexpected: int
    transport_errors: int
    bytes_received: int
    expected_status: int = 200

    @property
    def failures(self) -> int:
        return self.unexpected + self.transport_errors

    @property
    def statuses(self) -> dict[int, int]:
        return (
            {self.expected_status: self.n - self.unexpected, -1: self.unexpected}
            if self.unexpected
            else {self.expected_status: self.n}
        )

    @property
    def errors(self) -> list[str]:
        return [f"{self.transport_errors} transport errors"] if self.transport_errors else []

    @property
    def latencies(self) -> list[float]:
        return [self.max_ms / 1000] if self.n else []

    def percentile_ms(self, p: float) -> float:
        return {50: self.p50_ms, 95: self.p95_ms}[p]

    @property
    def rps(self) -> float:
        return self.n / self.wall_seconds if self.wall_seconds else 0.0


def run_wrk(
    *,
    host: str,
    port: int,
    path: str,
    headers: dict[str, str],
    clients: int,
    seconds: float,
    expected_status: int = 200,
    wrk: str = "wrk",
) -> WrkResult:
    """``seconds`` of GETs of ``path`` from ``clients`` keep-alive connections with wrk (Debian's
    ``wrk`` package: a C load generator, lighter on the shared cores than Python threads)."""
    import subprocess
    import tempfile

    if host not in LOOPBACK:
        raise ValueError(f"the benchmark only talks to loopback, not {host!r}")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % {"expected": expected_status})
    command = [wrk, "-t", str(min(2, clients)), "-c", str(clients), "-d", f"{max(1, round(seconds))}s"]
    command += ["--timeout", "30s", "-s", script.name]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://{host}:{port}{path}")
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=False)
    finally:
        import os

        os.unlink(script.name)
    line = next((x for x in completed.stdout.splitlines() if x.startswith("IEUM-WRK ")), None)
    if line is None:
        raise RuntimeError(f"wrk failed: {completed.stdout[-500:]} {completed.stderr[-500:]}")
    n, duration_us, p50, p95, top, mean, unexpected, errors, size = line.split()[1:]
    return WrkResult(
        path=path,
        n=int(n),
        wall_seconds=int(duration_us) / 1e6,
        p50_ms=int(p50) / 1000,
        p95_ms=int(p95) / 1000,
        max_ms=int(top) / 1000,
        mean_ms=float(mean) / 1000,
        unexpected=int(unexpected),
        transport_errors=int(errors),
        bytes_received=int(size),
        expected_status=expected_status,
    )
