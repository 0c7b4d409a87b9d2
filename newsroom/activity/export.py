"""Excel export of the PR log: the same filtered, sorted rows the page shows, every page."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")  # white text on it: contrast 11:1
HEADER_FONT = Font(bold=True, color="FFFFFF")
WIDTHS = (12, 16, 50, 12, 40, 40)


def pr_workbook(*, rows) -> bytes:
    """One sheet: date (a real date), channel, title, reach (a number), link, attachment names."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("홍보 실적")
    sheet.append([_("날짜"), _("매체"), _("제목"), _("도달 수"), _("링크"), _("첨부")])
    for cell in sheet[1]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for activity in rows:
        sheet.append(
            [
                activity.date,
                str(activity.get_channel_display()),
                activity.title,
                activity.reach,
                activity.link,
                ", ".join(a.filename for a in activity.attachments.all()),
            ]
        )
    for (cell,) in sheet.iter_rows(min_row=2, min_col=1, max_col=1):
        cell.number_format = "yyyy. m. d."
    for (cell,) in sheet.iter_rows(min_row=2, min_col=4, max_col=4):
        cell.number_format = "#,##0"
    for i, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
