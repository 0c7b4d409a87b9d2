"""A real Celery worker process for the tests marked ``worker``.

Unit tests run tasks eagerly; these tests prove the path through a broker and a separate worker
process: the test database is shared (a SQLite file, or PostgreSQL in CI) and the broker is the
configured one (the filesystem broker under var/, or Redis when REDIS_URL is set). Each test run
uses its own queue so parallel runs never take each other's tasks.
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from intranet.celery import app as celery_app

STARTUP_SECONDS = 60


def database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    user = db.get("USER") or "postgres"
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"


def wait_for(predicate, *, timeout: float = 30.0, interval: float = 0.2):
    """Poll until ``predicate()`` is truthy; return its value or fail after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    pytest.fail(f"gave up waiting after {timeout} s")


class Worker:
    """One ``celery worker`` process: ``mail_dir``, ``log_path``, ``process``."""

    def __init__(self, process, mail_dir, log_path):
        self.process, self.mail_dir, self.log_path = process, mail_dir, log_path

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def celery_worker_factory(transactional_db, tmp_path):
    """Start ``celery worker`` processes on one private queue, sharing one mail folder.

    ``start(env={...}, name="first")`` returns a ``Worker``; ``env`` adds to the worker's
    environment (another e-mail backend, a short broker visibility timeout). Each is stopped at
    the end, unless the test killed it first.
    """
    queue = f"ieum-test-{uuid.uuid4().hex[:8]}"
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    for option in ("data_folder_in", "processed_folder", "control_folder"):  # the filesystem broker's folders
        if option in settings.CELERY_BROKER_TRANSPORT_OPTIONS:
            Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS[option]).mkdir(parents=True, exist_ok=True)
    base_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "intranet.settings.test",
        "DATABASE_URL": database_url(),
        "IEUM_CELERY_QUEUE": queue,
        "IEUM_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "IEUM_EMAIL_FILE_PATH": str(mail_dir),
        "IEUM_TEST_DB_NAME": connection.settings_dict["NAME"],
    }
    workers = []

    def start(*, env: dict | None = None, name: str = "worker") -> Worker:
        log_path = tmp_path / f"{name}.log"
        with log_path.open("w") as log:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "intranet",
                    "worker",
                    "--queues",
                    queue,
                    "--pool",
                    "solo",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "--loglevel",
                    "INFO",
                    "--hostname",
                    f"{name}-{queue}@%h",
                ],
                env={**base_env, **(env or {})},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        worker = Worker(process, mail_dir, log_path)
        workers.append(worker)
        wait_for(
            lambda: "ready" in log_path.read_text() or process.poll() is not None, timeout=STARTUP_SECONDS
        )
        if process.poll() is not None:
            pytest.fail("celery worker exited:\n" + log_path.read_text())
        return worker

    previous = (celery_app.conf.task_always_eager, celery_app.conf.task_default_queue)
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield start
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = previous
        for worker in workers:
            if worker.process.poll() is None:
                worker.stop()


@pytest.fixture
def celery_worker_process(celery_worker_factory):
    """One real worker on a private queue; yields an object with ``mail_dir`` and ``log_path``."""
    return celery_worker_factory()
