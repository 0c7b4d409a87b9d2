from django.utils.translation import gettext_lazy as _

from intranet.directory.models import ImportRun

from ._import import ImportCommand


class Command(ImportCommand):
    help = _("인사 시스템에서 내보낸 부서 파일(부서코드, 부서명, 상위부서코드, 부서장사번)을 가져옵니다.")
    kind = ImportRun.Kind.DEPARTMENTS
