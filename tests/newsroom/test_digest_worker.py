"""The digest through a real Celery worker: sent once although the task runs twice.

Its own module: a module-level ``django_db`` marker would set the database up before the
migrated-state guard of ``tests/db_state.py`` runs (see there).
"""

import pytest

from newsroom import services, tasks
from newsroom.models import DigestDelivery
from tests.factories import StaffFactory
from tests.newsroom import builders
from tests.worker import wait_for


@pytest.mark.worker
def test_digest_through_a_real_worker_is_sent_once_when_the_task_runs_twice(
    migrated_db, celery_worker_process
):
    issue = builders.issue(month=7, title="칠월호")
    person = StaffFactory(email="worker-digest@agency.example", email_notifications=False)
    services.subscription_set(staff=person, digest=True)
    tasks.issue_digest_send.delay(issue.pk)
    tasks.issue_digest_send.delay(issue.pk)
    wait_for(lambda: DigestDelivery.objects.filter(issue=issue, staff=person).exists(), timeout=60)
    # Both tasks have run once the log shows two successes.
    wait_for(lambda: celery_worker_process.log_path.read_text().count("succeeded") >= 2, timeout=60)
    sent = [p.read_text() for p in celery_worker_process.mail_dir.iterdir()]
    digests = [text for text in sent if "worker-digest@agency.example" in text]
    assert len(digests) == 1
    assert DigestDelivery.objects.filter(issue=issue).count() == 1
