"""Excel export of the programme table: the same filtered, sorted rows the page shows, all pages."""

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from intranet import fonts
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


def _actions_text(row) -> str:
    """The action items agreed for one programme: title, owner, due date and state."""
    return "; ".join(
        _("%(title)s (%(owner)s, %(due)s까지, %(state)s)")
        % {
            "title": item.title,
            "owner": item.owner.name,
            "due": format_korean_date(item.due_date),
            "state": item.get_status_display(),
        }
        for item in row.action_items.all()
    )


def _snapshot_line(comparison) -> list:
    """One programme: the frozen figures, today's beside them, the change, and the actions."""
    row = comparison.row
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
        round(comparison.now.percent, 1),
        str(Status(comparison.now.status).label),
        round(comparison.change, 1),
        kpis,
        slipped,
        row.owner_comment,
        _actions_text(row),
    ]


SNAPSHOT_HEADERS = (
    gettext_lazy("과제코드"),
    gettext_lazy("과제명"),
    gettext_lazy("주관 부서"),
    gettext_lazy("담당자"),
    gettext_lazy("스냅숏 진척률(%)"),
    gettext_lazy("스냅숏 상태"),
    gettext_lazy("오늘 진척률(%)"),
    gettext_lazy("오늘 상태"),
    gettext_lazy("변화(%p)"),
    gettext_lazy("성과지표"),
    gettext_lazy("지연 일정"),
    gettext_lazy("담당자 의견"),
    gettext_lazy("조치 사항"),
)


def _today_line(snapshot, as_of) -> str:
    return _("%(title)s · %(date)s 기준 스냅숏 · 오늘(%(today)s) 값과 비교") % {
        "title": snapshot.title,
        "date": format_korean_date(snapshot.cut_off),
        "today": format_korean_date(as_of),
    }


def snapshot_workbook(*, snapshot, comparisons, as_of) -> bytes:
    """The frozen snapshot beside today's figures, one row per programme, with the meeting's
    action items (what the meeting page shows)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("스냅숏")
    sheet.append([_today_line(snapshot, as_of)])
    sheet.append([_("전체 진척률(%)"), float(snapshot.overall_percent), str(snapshot.plan.title)])
    sheet.append([str(h) for h in SNAPSHOT_HEADERS])
    for cell in sheet[3]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for comparison in comparisons:
        sheet.append(_snapshot_line(comparison))
    for cells in sheet.iter_rows(min_row=4, min_col=5, max_col=9):
        for cell in cells:
            if isinstance(cell.value, float):
                cell.number_format = "0.0"
    for i, width in enumerate((12, 40, 16, 12, 10, 10, 10, 10, 10, 40, 30, 40, 50), start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A4"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def snapshot_pdf(*, snapshot, comparisons, as_of) -> bytes:
    """The same comparison as an A4 landscape PDF with the Korean font embedded (Noto Sans KR)."""
    return fonts.korean_pdf(lambda font: _snapshot_layout(font, snapshot, comparisons, as_of))


def _snapshot_layout(font, snapshot, comparisons, as_of):
    from fpdf import FPDF

    pdf = FPDF(orientation="L", format="A4")
    pdf.set_auto_page_break(auto=True, margin=12)
    fonts.add_font(pdf, font, styles=("", "B"))  # table headings ask for bold: same face
    pdf.set_font("NotoSansKR", size=14)
    pdf.set_title(f"{snapshot.title} {snapshot.cut_off:%Y-%m-%d}")
    pdf.add_page()
    pdf.cell(0, 10, _today_line(snapshot, as_of), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("NotoSansKR", size=10)
    pdf.cell(
        0,
        7,
        _("%(plan)s · 스냅숏 전체 진척률 %(percent)s%%")
        % {"plan": snapshot.plan.title, "percent": snapshot.overall_percent},
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font("NotoSansKR", size=7)
    widths = (16, 52, 24, 14, 17, 17, 13, 60, 64)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=4) as table:
        table.row(
            [
                _("과제코드"),
                _("과제명"),
                _("주관 부서"),
                _("담당자"),
                _("스냅숏"),
                _("오늘"),
                _("변화(%p)"),
                _("지연 일정 · 담당자 의견"),
                _("조치 사항"),
            ]
        )
        for comparison in comparisons:
            line = _snapshot_line(comparison)
            note = " / ".join(part for part in (line[10], line[11]) if part)
            table.row(
                [
                    line[0],
                    line[1],
                    line[2],
                    line[3],
                    f"{line[4]:.1f}% {line[5]}",
                    f"{line[6]:.1f}% {line[7]}",
                    f"{line[8]:+.1f}",
                    note,
                    line[12],
                ]
            )
    return pdf
