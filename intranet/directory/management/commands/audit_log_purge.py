"""``manage.py audit_log_purge [--years N] [--yes]``: the retention procedure, the only way rows
leave the personal-data access log and the lock-out record.

PIPA asks to keep access records for at least two years, so N is at least 2 (the default). On
PostgreSQL the append-only trigger lets a DELETE through only inside a transaction marked by this
command and only for rows older than two years; run it as the database owner, by hand or from the
operator's yearly job, never from the site.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

TABLES = (("directory_personaldataaccess", "accessed_at"), ("directory_lockout", "locked_at"))
MINIMUM_YEARS = 2


class Command(BaseCommand):
    help = _("보존 기간(최소 2년)이 지난 개인정보 열람 기록과 로그인 잠금 기록을 삭제합니다.")

    def add_arguments(self, parser):
        parser.add_argument("--years", type=int, default=MINIMUM_YEARS, help=_("보존 연수 (2 이상)"))
        parser.add_argument("--yes", action="store_true", help=_("확인 없이 삭제합니다."))

    def handle(self, *args, years, yes, **options):
        if years < MINIMUM_YEARS:
            raise CommandError(_("보존 기간은 2년 이상이어야 합니다."))
        # A day's margin over the calendar years keeps leap days on the safe side of the trigger.
        cutoff = timezone.now() - timedelta(days=365 * years + years // 4 + 1)
        if not yes:
            raise CommandError(_("삭제하려면 --yes 를 붙여 다시 실행하십시오."))
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL ieum.audit_retention = 'purge'")
            for table, column in TABLES:
                cursor.execute(f"DELETE FROM {table} WHERE {column} < %s", [cutoff])
                self.stdout.write(
                    _("%(table)s: %(count)d건 삭제 (%(cutoff)s 이전)")
                    % {"table": table, "count": cursor.rowcount, "cutoff": cutoff.date().isoformat()}
                )
