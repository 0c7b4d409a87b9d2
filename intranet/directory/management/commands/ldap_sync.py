"""``manage.py ldap_sync``: staff from the agency directory, with the HR import's report."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intranet.directory.models import Staff

from ._import import run_report_write


class Command(BaseCommand):
    help = gettext_lazy(
        "기관 디렉터리(LDAP/AD)에서 직원을 가져옵니다. 모든 항목을 먼저 확인하고, 오류가 하나라도 "
        "있으면 아무것도 저장하지 않습니다. 디렉터리에 없는 직원은 퇴직 처리합니다."
    )

    def add_arguments(self, parser):
        dry_run_help = gettext_lazy("확인만 하고 저장하지 않습니다.")
        parser.add_argument("--dry-run", action="store_true", help=dry_run_help)
        parser.add_argument("--by", metavar="EMPLOYEE_NUMBER", help=gettext_lazy("실행자 사번 (감사 기록용)"))

    def handle(self, *args, **options):
        if not getattr(settings, "IEUM_LDAP_ENABLED", False):
            raise CommandError(_("기관 디렉터리 설정(IEUM_LDAP_SERVER_URI 등)이 없습니다. README를 보세요."))
        started_by = None
        if options.get("by"):
            started_by = Staff.objects.filter(employee_number=options["by"]).first()
            if started_by is None:
                raise CommandError(_("사번 %(value)s인 직원이 없습니다.") % {"value": options["by"]})
        from intranet.directory.ldap_sync import directory_staff_sync

        run = directory_staff_sync(dry_run=options["dry_run"], started_by=started_by)
        run_report_write(
            self, run, _("동기화를 거부했습니다 (오류 %(count)s건). 아무것도 저장하지 않았습니다.")
        )
