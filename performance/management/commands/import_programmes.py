"""Import the planning spreadsheet into a year's plan from the command line (all or nothing)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from intranet.directory.imports import ImportRejected, import_report_lines
from performance.models import Plan
from performance.services import PerformanceError, programme_import


class Command(BaseCommand):
    help = (
        "성과업무 계획표(CSV/XLSX)를 연도별 계획으로 가져옵니다. "
        "오류가 하나라도 있으면 아무것도 저장하지 않습니다."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("path", type=Path)

    def handle(self, *args, year, path, **options):
        plan = Plan.objects.filter(year=year).first()
        if plan is None:
            raise CommandError(_("%(year)s년 계획이 없습니다.") % {"year": year})
        if not path.is_file():
            raise CommandError(_("파일이 없습니다: %(path)s") % {"path": path})
        try:
            result = programme_import(plan=plan, path=path)
        except ImportRejected as rejected:
            for line in import_report_lines(issues=[i.as_dict() for i in rejected.issues]):
                self.stderr.write(line)
            raise CommandError(
                _("가져오지 않았습니다: 오류 %(count)s건") % {"count": len(rejected.issues)}
            ) from None
        except PerformanceError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(_("과제 %(count)s개를 가져왔습니다.") % {"count": len(result.created)})
