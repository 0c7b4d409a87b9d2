"""Excel export of the programme review: one row per course of the year, as the page shows it."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")  # white text on it: contrast 11:1
HEADER_FONT = Font(bold=True, color="FFFFFF")
WIDTHS = (36, 16, 10, 10, 12, 10, 12, 10, 30, 12, 50)


def review_workbook(*, year: int, rows) -> bytes:
    """Course, category, enrolled, completed, completion rate (%), hours per person, hours awarded,
    feedback score (100 points; empty when there is none to show), why it is empty, decision,
    reason."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("%(year)s년 과정 검토") % {"year": year}
    sheet.append(
        [
            _("과정명"),
            _("분류"),
            _("신청 인원"),
            _("수료 인원"),
            _("수료율(%)"),
            _("과정 시간"),
            _("인정 시간 합계"),
            _("만족도"),
            _("만족도 비고"),
            _("다음 해 결정"),
            _("결정 사유"),
        ]
    )
    for cell in sheet[1]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in rows:
        review = row.current_review
        sheet.append(
            [
                row.title,
                str(row.get_category_display()),
                row.enrolled,
                row.completed,
                row.rate,
                float(row.hours),
                float(row.awarded_hours or 0),
                row.feedback.score if row.feedback else None,
                row.feedback.reason if row.feedback else "",
                str(review.get_decision_display()) if review else "",
                review.reason if review else "",
            ]
        )
    for cells in sheet.iter_rows(min_row=2, min_col=5, max_col=8):
        for cell in cells:
            cell.number_format = "0.0"
    for i, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
