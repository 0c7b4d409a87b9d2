from django.utils.translation import gettext_lazy as _

from intranet.directory.models import ImportRun

from ._import import ImportCommand


class Command(ImportCommand):
    help = _("인사 시스템에서 내보낸 직원 파일(사번, 성명, 부서코드 ...)을 가져옵니다.")
    kind = ImportRun.Kind.STAFF

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--deactivate-missing", action="store_true", help=_("파일에 없는 직원을 퇴직 처리합니다.")
        )
