"""Excel export of survey results: the same dict the page shows, with the same suppression.

Built from ``survey_results`` (so from the cache for the whole survey), never from answers, so
a hidden figure cannot reach the file: where the dict holds ``{"suppressed": True}`` the cell
says ``SUPPRESSED_MESSAGE``.
"""

import io
from collections.abc import Mapping

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .models import Survey
from .results import SUPPRESSED_MESSAGE, survey_results

HEADER_FILL = PatternFill("solid", fgColor="1F3A5F")  # white text on it: contrast 11:1
HEADER_FONT = Font(bold=True, color="FFFFFF")
NUMBER_FORMAT = "0.00"


def _value(result: Mapping | None, key: str):
    """A number from a result, or the message where the result is hidden."""
    if not result or result.get("suppressed"):
        return str(SUPPRESSED_MESSAGE)
    return result.get(key)


def _sheet(workbook: Workbook, title: str, header: list[str], rows: list[list], widths=None):
    sheet = workbook.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    for row in rows:
        sheet.append(row)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, float):
                cell.number_format = NUMBER_FORMAT
    for i, width in enumerate(widths or [], start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    return sheet


def _summary_rows(data: dict) -> list[list]:
    participation = data["participation"]
    overall = data["overall"]
    comparison = data.get("comparison") or {}
    previous = comparison.get("overall") or {}
    filters = ", ".join(f"{k}={v}" for k, v in data["filters"].items()) or _("전체")
    return [
        [_("설문"), data["survey"]["title"]],
        [_("연도"), data["survey"]["year"]],
        [_("범위"), filters],
        [_("대상자 수"), participation["audience"]],
        [_("응답자 수"), participation["responses"]],
        [_("응답률(%)"), participation["response_rate"]],
        [_("종합 점수(100점)"), _value(overall, "score")],
        [_("응답자 수(종합)"), _value(overall, "n")],
        [_("95% 신뢰구간 하한"), _value(overall, "ci_low")],
        [_("95% 신뢰구간 상한"), _value(overall, "ci_high")],
        [_("긍정 응답 비율(%)"), _value(overall, "favourable")],
        [_("전년 점수"), _value(previous, "previous") if comparison else None],
        [_("전년 대비"), _value(previous, "delta") if comparison else None],
        [_("신뢰구간 방법"), _("정규 근사: 평균 ± 1.96 × 표준편차 / √n")],
        [_("공개 기준"), _("%(n)s명 미만 집단은 표시하지 않습니다") % {"n": data["min_group_size"]}],
    ]


def _area_rows(data: dict) -> list[list]:
    return [
        [
            area.get("rank"),
            area["name"],
            _value(area, "score"),
            _value(area, "n"),
            _value(area, "ci_low"),
            _value(area, "ci_high"),
            _value(area, "favourable"),
        ]
        for area in data["areas"]
    ]


def _question_rows(data: dict) -> list[list]:
    rows = []
    for q in data["questions"]:
        result = q["result"]
        if result.get("suppressed"):
            detail = str(SUPPRESSED_MESSAGE)
        elif "counts" in result:
            detail = " / ".join(f"{c['label']}: {c['count']} ({c['share']}%)" for c in result["counts"])
        elif "texts" in result:
            detail = _("서술형 응답 %(n)s건") % {"n": result["n"]}
        else:
            detail = " / ".join(f"{k}: {v}" for k, v in result["distribution"].items())
        rows.append(
            [
                q["section"],
                q["code"],
                q["text"],
                q["kind"],
                q["area"] or "",
                _value(result, "n"),
                _value(result, "score") if "score" in result or result.get("suppressed") else None,
                _value(result, "favourable") if "favourable" in result or result.get("suppressed") else None,
                _value(result, "enps") if "enps" in result else None,
                detail,
            ]
        )
    return rows


def _heatmap_rows(data: dict) -> tuple[list[str], list[list]]:
    heatmap = data.get("heatmap") or {"columns": [], "rows": []}
    by_system = heatmap.get("dimension") == "system"
    header = [_("정보체계") if by_system else _("부서"), _("종합")] + [c["name"] for c in heatmap["columns"]]
    rows = [
        [row["label"], _value(row["overall"], "score")]
        + [_value(row["cells"][c["code"]], "score") for c in heatmap["columns"]]
        for row in heatmap["rows"]
    ]
    return header, rows


def _comparison_rows(data: dict) -> list[list]:
    comparison = data.get("comparison")
    if not comparison or comparison.get("suppressed"):
        return []
    rows = [
        [_("종합"), "", _value(comparison["overall"], "previous"), _value(comparison["overall"], "current")]
    ]
    rows[0].append(_value(comparison["overall"], "delta"))
    for area in comparison["areas"]:
        if area.get("status") == "new":
            rows.append([_("영역"), area["name"], None, None, _("신규")])
        else:
            rows.append(
                [
                    _("영역"),
                    area["name"],
                    _value(area, "previous"),
                    _value(area, "current"),
                    _value(area, "delta"),
                ]
            )
    labels = {"new": _("신규 문항"), "method_changed": _("측정 방식 변경으로 비교 안 함")}
    for q in comparison["questions"]:
        if q["status"] != "matched":
            rows.append([_("문항"), q["text"], None, None, labels[q["status"]]])
        else:
            rows.append(
                [_("문항"), q["text"], _value(q, "previous"), _value(q, "current"), _value(q, "delta")]
            )
    return rows


def survey_results_workbook(*, survey: Survey, filters: Mapping | None = None) -> bytes:
    """The results as an .xlsx file (bytes). A hidden group gets one sheet with the message."""
    data = survey_results(survey=survey, filters=filters)
    workbook = Workbook()
    workbook.remove(workbook.active)
    if data.get("suppressed"):
        _sheet(
            workbook, _("요약"), [_("설문"), data["survey"]["title"]], [[str(SUPPRESSED_MESSAGE)]], [24, 60]
        )
        return _save(workbook)
    _sheet(workbook, _("요약"), [_("항목"), _("값")], _summary_rows(data), [24, 60])
    _sheet(
        workbook,
        _("영역"),
        [
            _("순위"),
            _("영역"),
            _("점수"),
            _("응답자 수"),
            _("신뢰구간 하한"),
            _("신뢰구간 상한"),
            _("긍정 비율(%)"),
        ],
        _area_rows(data),
        [8, 20, 12, 12, 14, 14, 14],
    )
    _sheet(
        workbook,
        _("문항"),
        [
            _("구역"),
            _("코드"),
            _("문항"),
            _("유형"),
            _("영역"),
            _("응답 수"),
            _("점수"),
            _("긍정 비율(%)"),
            _("eNPS"),
            _("분포"),
        ],
        _question_rows(data),
        [14, 16, 50, 10, 16, 10, 10, 12, 10, 50],
    )
    header, rows = _heatmap_rows(data)
    by_system = (data.get("heatmap") or {}).get("dimension") == "system"
    _sheet(
        workbook,
        _("정보체계×영역") if by_system else _("부서×영역"),
        header,
        rows,
        [24] + [14] * (len(header) - 1),
    )
    _sheet(
        workbook,
        _("전년 비교"),
        [_("구분"), _("항목"), _("전년"), _("올해"), _("증감")],
        _comparison_rows(data),
        [10, 50, 12, 12, 14],
    )
    return _save(workbook)


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
