"""PostgreSQL only: a GIN index over the characters of ``Staff.search_key``.

Directory search matches ``search_key LIKE '%word%'``, which no B-tree can serve, so every search
read every staff row (about 12 ms at 20,000 staff, for the count of each results page). With this
index the search first narrows to the rows holding every character of the word (``selectors.
staff_search_q`` adds ``string_to_array(search_key, NULL) @> ARRAY[...]``) and checks the LIKE on
those only. Characters, not pg_trgm's trigrams: Korean queries are mostly one or two syllables
("김", "교육"), from which trigrams can be made none. SQLite keeps the plain scan.
"""

from django.db import migrations

INDEX = "directory_staff_search_chars"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON directory_staff "
            "USING gin (string_to_array(search_key, NULL))"
        )
        # Fresh statistics, or the planner may not trust the new index on a large table.
        schema_editor.execute("ANALYZE directory_staff")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_importrun_heartbeat")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
