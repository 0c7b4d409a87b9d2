"""``manage.py restore BACKUP_FOLDER``: check every checksum of a backup made by ``backup``, then
restore its database and files into an empty database and empty folders (see ``intranet.backup``)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from intranet.backup import BackupError, backup_restore, backup_verify


class Command(BaseCommand):
    help = _("백업의 체크섬을 모두 확인한 뒤 빈 데이터베이스와 빈 폴더에 복원합니다.")

    def add_arguments(self, parser):
        parser.add_argument("folder", help=_("backup 명령이 만든 백업 폴더"))
        parser.add_argument("--database", default="default", help=_("데이터베이스 별칭"))
        parser.add_argument(
            "--check-only", action="store_true", help=_("체크섬만 확인하고 아무것도 복원하지 않습니다.")
        )

    def handle(self, *args, folder, database, check_only, **options):
        try:
            if check_only:
                manifest = backup_verify(Path(folder))
            else:
                manifest = backup_restore(folder=Path(folder), alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        message = (
            _("백업이 온전합니다 (파일 %(files)s개).")
            if check_only
            else _("복원했습니다 (파일 %(files)s개).")
        )
        self.stdout.write(self.style.SUCCESS(message % {"files": len(manifest["files"])}))
