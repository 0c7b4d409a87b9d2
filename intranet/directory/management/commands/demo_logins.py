"""``manage.py demo_logins [--port N]``: what ``make run`` prints before it starts the server,
so a newcomer knows where to go and which demo account shows which role."""

import unicodedata

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from intranet.directory.demo import DEMO_PASSWORD, DEMO_USERS


def display_width(text: str) -> int:
    """Hangul takes two columns in a terminal; pad by what the eye sees, not by len()."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


class Command(BaseCommand):
    help = _("이음 주소와 역할별 데모 계정을 보여 줍니다.")

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help=_("웹 서버 포트 (기본 8000)"))

    def handle(self, *args, port, **options):
        rows = [(_("아이디"), _("비밀번호"), _("역할"), _("해 볼 일"))]
        for user in DEMO_USERS:
            role = str(user.role.label) if user.role else _("최고 관리자")
            rows.append((user.username, DEMO_PASSWORD, role, str(user.try_this)))
        widths = [max(display_width(row[i]) for row in rows) for i in range(3)]
        self.stdout.write(_("이음이 %(url)s 에서 열립니다.") % {"url": f"http://127.0.0.1:{port}/"})
        self.stdout.write(_("데모 계정 (시연용 비밀번호이니 운영 환경에서는 쓰지 마세요):"))
        for index, row in enumerate(rows):
            line = "  ".join([*(pad(cell, widths[i]) for i, cell in enumerate(row[:3])), row[3]])
            self.stdout.write(f"  {line}")
            if index == 0:
                self.stdout.write("  " + "-" * (sum(widths) + 6 + display_width(row[3])))
