"""What the benchmarks share: the repository root, logging, terminal padding and the child runner.

The import and survey benchmarks build their data in a child process on a throwaway SQLite file,
so they never touch ``var/ieum.sqlite3``, the PostgreSQL benchmark database or the parent's
Django settings (``make bench`` runs the HTTP part with production settings in this process).
"""

import json
import os
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BENCH_DIR = ROOT / "var" / "bench"
CHILD_TIMEOUT = float(os.environ.get("IEUM_BENCH_CHILD_TIMEOUT", "1800"))


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def pad(text: str, width: int) -> str:
    """Left-align for a terminal, where each Hangul syllable takes two columns."""
    shown = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return text + " " * max(0, width - shown)


def run_child(
    module: str,
    *,
    args: list[str] | None = None,
    env: dict[str, str] | None = None,
    extra_env: dict[str, str] | None = None,
    timeout: float = CHILD_TIMEOUT,
) -> dict:
    """Run ``python -m <module> --child [args]`` and return the JSON it printed last.

    By default on a fresh SQLite file: ``DATABASE_URL`` and ``REDIS_URL`` are dropped and
    ``IEUM_VAR_DIR`` points at a temporary directory, so the child's database is its own and is
    deleted afterwards. ``env`` (e.g. ``bench_http.bench_environment()``) replaces those settings
    for a child that works on the PostgreSQL benchmark database. The time limit keeps a hung
    child from hanging ``make bench``.
    """
    with tempfile.TemporaryDirectory(prefix=f"ieum-{module.rsplit('.', 1)[-1]}-") as var_dir:
        child_env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
        sqlite = {"DJANGO_SETTINGS_MODULE": "intranet.settings.dev", "IEUM_VAR_DIR": var_dir}
        child_env.update(env if env is not None else sqlite)
        child_env.update(extra_env or {})  # e.g. a DATABASE_URL of the caller's own throwaway database
        try:
            completed = subprocess.run(
                [sys.executable, "-m", module, "--child", *(args or [])],
                cwd=ROOT,
                env={k: v for k, v in child_env.items() if v != ""},
                capture_output=True,
                text=True,
                check=False,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired as exc:
            raise RuntimeError(f"{module} did not finish within {timeout:.0f} s") from exc
    if completed.returncode != 0:
        sys.stdout.write(completed.stdout + completed.stderr)
        raise RuntimeError(f"{module} failed (exit {completed.returncode})")
    return json.loads(completed.stdout.strip().splitlines()[-1])
