"""Run in a restored environment (``python -m tests.core.backup_probe``): print as JSON the row
count of every table, the SHA-256 of every uploaded and private file, and what a learning admin
gets from the page that serves a learning evidence file."""

import hashlib
import json
from pathlib import Path

import django


def table_counts(connection) -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def file_checksums() -> dict[str, str]:
    from django.conf import settings

    from intranet.storage import private_media_root

    sums = {}
    for name, root in (("media", Path(settings.MEDIA_ROOT)), ("private-media", private_media_root())):
        for path in sorted(p for p in root.rglob("*") if p.is_file() and p.name != ".gitkeep"):
            sums[f"{name}/{path.relative_to(root).as_posix()}"] = hashlib.sha256(
                path.read_bytes()
            ).hexdigest()
    return sums


def main() -> None:
    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from intranet.roles import Role, has_role
    from learning.records.models import ExternalRecord

    setup_test_environment()  # the test client's host name is allowed
    counts, files = table_counts(connection), file_checksums()  # before the log-in writes a session
    admin = next(
        u for u in get_user_model().objects.filter(is_active=True) if has_role(u, Role.LEARNING_ADMIN)
    )
    record = ExternalRecord.objects.order_by("pk").first()
    client = Client()
    client.force_login(admin)
    response = client.get(f"/learning/records/{record.pk}/evidence/")
    body = b"".join(response.streaming_content) if response.status_code == 200 else b""
    print(
        json.dumps(
            {
                "counts": counts,
                "files": files,
                "evidence": {
                    "name": f"private-media/{record.evidence.name}",
                    "status": response.status_code,
                    "sha256": hashlib.sha256(body).hexdigest(),
                    "disposition": response.get("Content-Disposition", ""),
                },
            }
        )
    )


if __name__ == "__main__":
    main()
