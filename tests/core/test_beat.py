"""Every periodic task in the beat schedule names a task the worker knows.

A typo in a task path fails silently at run time (beat sends, no worker consumes); this catches it.
"""

import pytest
from django.conf import settings

from intranet.celery import app


@pytest.mark.parametrize("entry", sorted(settings.CELERY_BEAT_SCHEDULE))
def test_beat_entry_names_a_registered_task(entry):
    app.loader.import_default_modules()
    assert settings.CELERY_BEAT_SCHEDULE[entry]["task"] in app.tasks
