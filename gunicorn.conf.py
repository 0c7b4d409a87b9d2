"""gunicorn's settings for Ieum's web process: the one production command (README, "Production
deployment") and what ``make bench`` starts, so that the bench measures what production runs.

    .venv/bin/gunicorn -c gunicorn.conf.py intranet.wsgi

- ``preload_app``: Django, every app, the URLconf and every view module are imported once in the
  arbiter (``intranet.wsgi`` then ``intranet.preload``) and the workers share those pages copy on
  write; ``gc.freeze()`` before the fork keeps the collector from writing to (and so copying)
  them. Nothing opens a database connection, a Redis socket or a thread before the fork
  (``intranet.preload`` closes any that exist, to be sure). A code deploy needs a restart, not a
  ``HUP``, since the arbiter holds the old code.
- ``max_requests`` with jitter: a backstop that recycles a worker after some thousands of
  requests (one at a time, not all at once), not a substitute for bounded per-process caches.

Any setting can still be given on the command line (``--bind``, ``--workers``), which wins.
"""

import os

# numpy (loaded with openpyxl by intranet.preload) would start a BLAS thread pool in the arbiter;
# the web process does no linear algebra.
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

bind = os.environ.get("IEUM_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("IEUM_WEB_WORKERS", "4"))
timeout = 60
preload_app = os.environ.get("IEUM_WEB_PRELOAD", "1") == "1"
max_requests = 5000
max_requests_jitter = 500


def pre_fork(server, worker):
    if server.cfg.preload_app:
        from intranet.preload import before_fork

        before_fork()
