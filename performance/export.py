"""Excel export of the programme table: the same filtered, sorted rows the page shows, all pages."""

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from intranet.korean import format_korean_date

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


def _snapshot_line(row) -> list:
    slipped = ", ".join(m["title"] for m in row.slipped_milestones or [])
    kpis = "; ".join(
        _("%(name)s %(baseline)s→%(target)s (실적 %(actual)s)")
        % {**k, "actual": "-" if k["actual"] is None else k["actual"]}
        for k in row.kpi_values or []
    )
    return [
        row.programme.code,
        row.programme.title,
        row.department.name,
        row.programme.owner.name,
        float(row.percent),
        str(Status(row.status).label),
        kpis,
        slipped,
        row.owner_comment,
    ]


SNAPSHOT_HEADERS = (
    gettext_lazy("과제코드"),
    gettext_lazy("과제명"),
    gettext_lazy("주관 부서"),
    gettext_lazy("담당자"),
    gettext_lazy("진척률(%)"),
    gettext_lazy("상태"),
    gettext_lazy("성과지표"),
    gettext_lazy("지연 일정"),
    gettext_lazy("담당자 의견"),
)


def snapshot_workbook(*, snapshot, rows) -> bytes:
    """The frozen snapshot, one row per programme, as it stood on the cut-off date."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("스냅숏")
    sheet.append(
        [
            _("%(date)s 기준 %(title)s")
            % {"date": format_korean_date(snapshot.cut_off), "title": snapshot.plan.title}
        ]
    )
    sheet.append([_("전체 진척률(%)"), float(snapshot.overall_percent)])
    sheet.append([str(h) for h in SNAPSHOT_HEADERS])
    for cell in sheet[3]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
    for row in rows:
        sheet.append(_snapshot_line(row))
    for i, width in enumerate((12, 40, 16, 12, 10, 10, 40, 30, 40), start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A4"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def snapshot_pdf(*, snapshot, rows) -> bytes:
    """The same snapshot as an A4 landscape PDF with the Korean font embedded (Noto Sans KR)."""
    import pylopdf_fonts_ko
    from fpdf import FPDF

    pdf = FPDF(orientation="L", format="A4")
    pdf.set_auto_page_break(auto=True, margin=12)
    font = str(pylopdf_fonts_ko.sans_path())
    pdf.add_font("NotoSansKR", fname=font)
    pdf.add_font("NotoSansKR", style="B", fname=font)  # table headings ask for bold: same face
    pdf.set_font("NotoSansKR", size=14)
    pdf.set_title(f"{snapshot.plan.title} {snapshot.cut_off:%Y-%m-%d}")
    pdf.add_page()
    pdf.cell(
        0,
        10,
        _("%(title)s · %(date)s 기준 스냅숏")
        % {"title": snapshot.plan.title, "date": format_korean_date(snapshot.cut_off)},
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font("NotoSansKR", size=10)
    pdf.cell(
        0,
        7,
        _("전체 진척률 %(percent)s%%") % {"percent": snapshot.overall_percent},
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font("NotoSansKR", size=8)
    widths = (18, 70, 30, 18, 15, 15, 111)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=5) as table:
        table.row(
            [
                _("과제코드"),
                _("과제명"),
                _("주관 부서"),
                _("담당자"),
                _("진척률"),
                _("상태"),
                _("지연 일정 · 담당자 의견"),
            ]
        )
        for row in rows:
            line = _snapshot_line(row)
            note = " / ".join(part for part in (line[7], line[8]) if part)
            table.row([line[0], line[1], line[2], line[3], f"{line[4]:.1f}%", line[5], note])
    return bytes(pdf.output())
