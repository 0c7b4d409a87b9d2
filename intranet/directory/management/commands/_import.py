"""What ``import_departments`` and ``import_staff`` share: run synchronously, print the report."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from intranet.directory.imports import (
    import_run_execute,
    import_run_report_lines,
    import_run_start,
    import_run_summary,
)
from intranet.directory.models import ImportRun, Staff


class ImportCommand(BaseCommand):
    kind: str = ""

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("CSV 또는 XLSX 파일"))
        parser.add_argument("--dry-run", action="store_true", help=_("확인만 하고 저장하지 않습니다."))
        parser.add_argument("--by", metavar="EMPLOYEE_NUMBER", help=_("실행자 사번 (감사 기록용)"))

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("파일이 없습니다: %(path)s") % {"path": path})
        uploaded_by = None
        if options.get("by"):
            uploaded_by = Staff.objects.filter(employee_number=options["by"]).first()
            if uploaded_by is None:
                raise CommandError(_("사번 %(value)s인 직원이 없습니다.") % {"value": options["by"]})
        run = import_run_start(
            kind=self.kind,
            source=path,
            file_name=path.name,
            size=path.stat().st_size,
            uploaded_by=uploaded_by,
            dry_run=options["dry_run"],
            deactivate_missing=options.get("deactivate_missing", False),
        )
        if run.status == ImportRun.Status.QUEUED:
            run = import_run_execute(run_id=run.pk)
        run_report_write(
            self, run, _("가져오기를 거부했습니다 (오류 %(count)s건). 아무것도 저장하지 않았습니다.")
        )


def run_report_write(command: BaseCommand, run: ImportRun, refusal: str) -> None:
    """Print a run's Korean report (to stderr when it was refused) and its counts; a refused or
    failed run ends the command with ``refusal`` (``%(count)s``: the errors) and a non-zero exit.
    Shared by the file imports and the directory sync (``ldap_sync``)."""
    out = command.stdout if run.status == ImportRun.Status.DONE else command.stderr
    for line in import_run_report_lines(run=run):
        out.write(line)
    if run.status != ImportRun.Status.DONE:
        raise CommandError(refusal % {"count": sum(1 for e in run.errors if e.get("level") != "warning")})
    command.stdout.write(command.style.SUCCESS(import_run_summary(run=run)))
