"""Excel export of the programme table: the same filtered, sorted rows the page shows, all pages."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .models import Status

HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")  # white text on it: contrast 11:1
HEADER_FONT = Font(bold=True, color="FFFFFF")
WIDTHS = (12, 40, 16, 20, 12, 10, 12, 40)


def programmes_workbook(*, plan, rows) -> bytes:
    """One sheet: code, title, origin, department, owner, % (a number), status, override reason."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("성과업무 과제")
    sheet.append(
        [
            _("과제코드"),
            _("과제명"),
            _("유형"),
            _("주관 부서"),
            _("담당자"),
            _("진척률(%)"),
            _("상태"),
            _("상태 지정 사유"),
        ]
    )
    for cell in sheet[1]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in rows:
        programme = row.programme
        sheet.append(
            [
                programme.code,
                programme.title,
                str(programme.get_origin_display()),
                programme.department.name,
                programme.owner.name,
                round(row.percent, 1),
                str(Status(row.status).label),
                row.state.override_reason,
            ]
        )
    for cells in sheet.iter_rows(min_row=2, min_col=6, max_col=6):
        for cell in cells:
            cell.number_format = "0.0"
    for i, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
