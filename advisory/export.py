"""Excel exports: the advice follow-up table and the attendance allowances for payment."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")  # white text on it: contrast 11:1
HEADER_FONT = Font(bold=True, color="FFFFFF")


def _workbook(title, header, rows, widths, *, date_columns=(), number_columns=()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(header)
    for cell in sheet[1]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in rows:
        sheet.append(row)
    for column in date_columns:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = "yyyy. m. d."
    for column in number_columns:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = "#,##0"
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def advice_workbook(*, rows) -> bytes:
    header = [
        _("회의일"),
        _("회의"),
        _("안건"),
        _("자문의견"),
        _("분야"),
        _("담당 부서"),
        _("회신 기한"),
        _("회신"),
        _("회신 내용·사유"),
        _("진행 상태"),
        _("이행률(%)"),
    ]
    data = (
        [
            timezone.localtime(a.meeting.held_at).date(),
            a.meeting.title,
            a.item.title,
            a.text,
            a.domain.name,
            a.department.name,
            a.due_on,
            str(a.get_response_display()) if a.response else "",
            a.response_reason,
            str(a.get_stage_display()),
            a.progress,
        ]
        for a in rows
    )
    widths = (12, 24, 30, 60, 10, 16, 12, 10, 40, 10, 8)
    return _workbook(_("자문의견 이행 현황"), header, data, widths, date_columns=(1, 7))


def allowance_workbook(*, rows) -> bytes:
    """One row per member and meeting attended: who is owed what, for payment. No contact or
    bank details: the payment office holds those."""
    header = [_("회의일"), _("회의"), _("위원"), _("소속"), _("분야"), _("수당(원)")]
    rows = list(rows)
    data = [
        [
            timezone.localtime(a.meeting.held_at).date(),
            a.meeting.title,
            a.member.name,
            a.member.affiliation,
            a.member.domain.name,
            a.allowance,
        ]
        for a in rows
    ]
    data.append(["", "", "", "", _("합계"), sum(a.allowance for a in rows)])
    return _workbook(
        _("참석 수당"), header, data, (12, 28, 12, 24, 10, 12), date_columns=(1,), number_columns=(6,)
    )
