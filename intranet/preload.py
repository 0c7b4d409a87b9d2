"""What gunicorn's arbiter loads before it forks the web workers (``gunicorn.conf.py``,
``preload_app``), so that the workers share those memory pages instead of each loading its own.

``warm()`` imports what every worker needs sooner or later: the URLconf with every view module
(14 MB a process, loaded by the first request otherwise), the survey export with openpyxl and
numpy (21 MB, loaded by the first Excel download otherwise) and fpdf2 with fontTools (24 MB and
about 0.3 s of CPU, paid by each worker's first PDF otherwise). ``before_fork()`` closes anything a
worker must not inherit (database connections, cache sockets) and freezes the objects made so
far, so that the garbage collector never writes to, and so copies, the shared pages.
"""

import gc
import logging
import os

logger = logging.getLogger(__name__)
_warmed = False


def warm() -> None:
    from django.urls import get_resolver

    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 (imports every urls and views module)
    resolver.reverse_dict  # noqa: B018
    import fpdf  # noqa: F401 (the report's, letters' and certificates' PDFs)

    import intranet.surveys.export  # noqa: F401 (openpyxl, and numpy through it)


def before_fork() -> None:
    """Called by the arbiter before each worker is forked."""
    global _warmed
    if not _warmed:
        _warmed = True
        warm()
    from django.core.cache import caches
    from django.db import connections

    connections.close_all()
    for cache in caches.all(initialized_only=True):
        cache.close()
    threads = len(os.listdir(f"/proc/{os.getpid()}/task")) if os.path.isdir("/proc") else 1
    if threads > 1:
        logger.warning("gunicorn's arbiter runs %s threads before forking a worker", threads)
    gc.collect()
    gc.freeze()
