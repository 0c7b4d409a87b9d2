"""What gunicorn's arbiter does before forking the web workers (gunicorn.conf.py, preload)."""

import gc
import sys

from django.db import connections

from intranet import preload


def test_before_fork_loads_the_views_and_the_export_and_closes_the_connections(monkeypatch):
    closed = []
    # (The test database's connection cannot really close: it is SQLite in memory.)
    monkeypatch.setattr(connections, "close_all", lambda: closed.append(True))
    try:
        preload.before_fork()
        assert "intranet.surveys.export" in sys.modules
        assert "intranet.surveys.views" in sys.modules
        assert "fpdf.output" in sys.modules  # fpdf2 and fontTools, for the PDFs
        assert closed  # a worker must not share the arbiter's database socket
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
