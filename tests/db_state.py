"""Transactional tests (live server, real Celery worker, thread races) and the migrated state.

pytest-django flushes every table after a transactional test. Data the migrations wrote (role
groups, the Wagtail root, the education and newsroom home pages, content types, permissions) is
gone for whatever test runs next in this process, unless it is restored. The ``transactional_db``
override below wraps every such test: it starts from an empty database with the content types
under their original ids, and restores the whole migrated state after the final flush. A test that
needs the migrated state during its run also asks for ``django_db_serialized_rollback`` (use the
fixtures, not ``@pytest.mark.django_db(transaction=True)``: the marker bypasses this override).
"""

from contextlib import contextmanager

import pytest


@pytest.fixture
def _migrated_state(django_db_setup, django_db_blocker):
    """Start and leave every transactional test with the database as the migrations left it.

    Live-server and worker tests are transactional: pytest-django flushes every table after each one. With
    the serialized rollback (``live_url``), Django restores the migrated state (role groups, the
    Wagtail root and home page, content types, permissions) at the start of the test, but it flushes
    without ``post_migrate`` at the end, leaving no content types for whatever test runs next in
    this process, and another transactional test's flush leaves content types re-created under new
    ids, which the restore would collide with. So: empty the tables before the restore, and restore
    again after the final flush. Content types are cached per process, so the cache is cleared too.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connections

    def snapshots():
        for alias in connections:
            contents = getattr(connections[alias], "_test_serialized_contents", None)
            if contents is not None:
                yield alias, contents

    with django_db_blocker.unblock():
        for alias, contents in snapshots():
            call_command("flush", database=alias, interactive=False, inhibit_post_migrate=True, verbosity=0)
            restore_content_types(alias, contents)
        ContentType.objects.clear_cache()
    yield
    with django_db_blocker.unblock():
        for alias, contents in snapshots():
            # A test without the serialized rollback was flushed with post_migrate, which made
            # content types and permissions again under new ids: empty once more, then restore.
            call_command("flush", database=alias, interactive=False, inhibit_post_migrate=True, verbosity=0)
            restore_content_types(alias, contents)
            connections[alias].creation.deserialize_db_from_string(contents)
        reset_sequences()
        ContentType.objects.clear_cache()


def restore_content_types(alias, contents):
    """Put the content types back first, under their original ids: deserializing a Wagtail page
    subclass (its serialized row carries no ``id``) makes ``Page.__init__`` look up its content
    type, and in an empty table that creates one under a new id, which the content types restored
    later collide with (any page a data migration creates, e.g. the education home)."""
    import json

    from django.core import serializers

    types = [o for o in json.loads(contents) if o["model"] == "contenttypes.contenttype"]
    for obj in serializers.deserialize("json", json.dumps(types), using=alias):
        obj.save()


def reset_sequences():
    """After a restore wrote rows with their original ids, move PostgreSQL's sequences past them
    (the flush set them back to 1); SQLite needs nothing."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connections

    for alias in connections:
        connection = connections[alias]
        statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
        if statements:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)


@pytest.fixture
def transactional_db(_migrated_state, _django_db_helper):
    """pytest-django's ``transactional_db`` (which ``live_server`` requests), inside the
    migrated-state guard above."""


@pytest.fixture
def migrated_db(transactional_db, django_db_serialized_rollback):
    """A transactional test that starts from the migrated state, with PostgreSQL's sequences moved
    past the restored rows (``live_url`` does the same for browser tests)."""
    reset_sequences()


@contextmanager
def kept_for_the_module(django_db_blocker):
    """Rows a module fixture writes once for all its tests: inside one outer transaction, rolled
    back after the module's last test. Each test (``db``) runs in a savepoint of its own, so what
    a test writes is gone for the next one, which starts from the rows as the fixture left them.

    Every test of such a module must want those rows: pytest keeps a module fixture from its first
    test to the module's end, so a test that needs an empty database belongs in another module."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)
