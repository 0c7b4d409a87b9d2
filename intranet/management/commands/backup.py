"""``manage.py backup DESTINATION``: the database, MEDIA_ROOT and the private files, with a
manifest of SHA-256 checksums, in a new folder under DESTINATION (see ``intranet.backup``)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from intranet.backup import BackupError, backup_create


class Command(BaseCommand):
    help = _("데이터베이스, 업로드 파일과 비공개 파일을 체크섬 목록과 함께 새 백업 폴더에 저장합니다.")

    def add_arguments(self, parser):
        parser.add_argument("destination", help=_("백업 폴더를 만들 곳"))
        parser.add_argument("--database", default="default", help=_("데이터베이스 별칭"))

    def handle(self, *args, destination, database, **options):
        try:
            summary = backup_create(destination=Path(destination), alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("백업을 만들었습니다: %(folder)s (파일 %(files)s개, %(size)s MB)")
                % {
                    "folder": summary.folder,
                    "files": summary.files,
                    "size": round(summary.bytes / 1024 / 1024, 1),
                }
            )
        )
        # The last line is the folder alone, for scripts that keep or copy it.
        self.stdout.write(str(summary.folder))
