"""On PostgreSQL the database itself refuses to change or delete the personal-data access log and
the lock-out record, whoever asks (a superuser in the admin, a raw UPDATE from a shell).

The only DELETE it lets through is the retention purge (``manage.py audit_log_purge``), which
marks its transaction with ``SET LOCAL ieum.audit_retention = 'purge'`` and may remove only rows
older than the two years that PIPA asks to keep. SQLite, the embedded default, has no such trigger:
there the model and its queryset refuse, and the test runner's flush (plain DELETEs) still works.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION ieum_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND current_setting('ieum.audit_retention', true) = 'purge'
       AND (to_jsonb(OLD) ->> TG_ARGV[0])::timestamptz < now() - interval '2 years' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""

TABLES = (("directory_personaldataaccess", "accessed_at"), ("directory_lockout", "locked_at"))


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    for table, column in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION ieum_audit_append_only('{column}')"
        )


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, _column in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS ieum_audit_append_only()")


class Migration(migrations.Migration):
    dependencies = [("directory", "0004_access_log_purpose_and_lockout_record")]

    operations = [migrations.RunPython(install, remove, elidable=False)]
