"""Server-rendered SVG charts of survey results: no script, no library, nothing from outside.

Each chart is an ``<svg role="img">`` with ``aria-label``, ``<title>`` and ``<desc>``; the page
shows a text table of the same figures beside it (``data["areas"]``, ``data["heatmap"]``). Text
colours are chosen against their background by WCAG contrast, so every label reaches 4.5:1.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .results import SUPPRESSED_MESSAGE

INK = "#1A1A1A"
WHITE = "#FFFFFF"
BLACK = "#000000"
BAR = "#1F5FA8"
WHISKER = "#1A1A1A"
GRID = "#767676"
HIDDEN_FILL = "#E6E6E6"
HIDDEN_STRIPE = "#C8C8C8"
LOW = (0xF1, 0xF6, 0xFB)
HIGH = (0x0B, 0x3C, 0x6F)
FONT = "font-family=\"'Noto Sans KR','Apple SD Gothic Neo','Malgun Gothic',sans-serif\""


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two ``#RRGGBB`` colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour_on(fill: str) -> str:
    """Black or white, whichever reads better on ``fill``: one of them always reaches 4.58:1."""
    return BLACK if contrast_ratio(BLACK, fill) >= contrast_ratio(WHITE, fill) else WHITE


def heat_colour(score: float, low: float, high: float) -> str:
    """A sequential blue: the higher the score within the shown range, the darker."""
    t = 0.5 if high <= low else min(1.0, max(0.0, (score - low) / (high - low)))
    rgb = [round(a + (b - a) * t) for a, b in zip(LOW, HIGH, strict=True)]
    return "#{:02X}{:02X}{:02X}".format(*rgb)


def _hatch(pattern_id: str) -> str:
    return (
        f'<defs><pattern id="{pattern_id}" width="8" height="8" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="8" height="8" fill="{HIDDEN_FILL}"/>'
        f'<line x1="0" y1="0" x2="0" y2="8" stroke="{HIDDEN_STRIPE}" stroke-width="3"/></pattern></defs>'
    )


def _frame(chart_id: str, width: int, height: int, title: str, desc: str, body: list[str]) -> SafeString:
    title, desc = escape(title), escape(desc)
    # Every label inside was escaped where it was put in.
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{escape(chart_id)}" role="img" '
        f'aria-label="{title}" aria-describedby="{escape(chart_id)}-desc" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" {FONT} font-size="13">'
        f'<title>{title}</title><desc id="{escape(chart_id)}-desc">{desc}</desc>' + "".join(body) + "</svg>"
    )


def area_bar_chart(data: dict, *, chart_id: str = "survey-areas") -> SafeString:
    """Areas in rank order as horizontal bars on 0–100, with 95 % interval whiskers."""
    areas = data.get("areas") or []
    label_w, plot_w, row_h, top = 170, 420, 30, 28
    width, height = label_w + plot_w + 70, top + row_h * len(areas) + 10
    x = lambda v: label_w + v / 100 * plot_w  # noqa: E731
    body = [_hatch(f"{chart_id}-hatch")]
    for tick in range(0, 101, 20):
        body.append(
            f'<line x1="{x(tick):.1f}" y1="{top - 6}" x2="{x(tick):.1f}" y2="{height - 10}" '
            f'stroke="{GRID}" stroke-width="0.5"/>'
            f'<text x="{x(tick):.1f}" y="{top - 10}" text-anchor="middle" fill="{INK}">{tick}</text>'
        )
    shown = []
    for i, area in enumerate(areas):
        y = top + i * row_h
        name = escape(area["name"])
        rank = f"{area['rank']}. " if area.get("rank") else ""
        body.append(
            f'<text x="{label_w - 8}" y="{y + 19}" text-anchor="end" fill="{INK}">{rank}{name}</text>'
        )
        if area.get("suppressed"):
            body.append(
                f"<g><title>{name}: {escape(SUPPRESSED_MESSAGE)}</title>"
                f'<rect x="{label_w}" y="{y + 5}" width="{plot_w}" height="{row_h - 10}" '
                f'fill="url(#{chart_id}-hatch)"/>'
                f'<text x="{label_w + 8}" y="{y + 19}" fill="{INK}">{escape(_("비공개"))}</text></g>'
            )
            continue
        score = area["score"]
        shown.append(f"{area['name']} {score}")
        body.append(
            f"<g><title>{name}: {score}</title>"
            f'<rect x="{label_w}" y="{y + 6}" width="{x(score) - label_w:.1f}" '
            f'height="{row_h - 12}" fill="{BAR}"/>'
        )
        if area.get("ci_low") is not None:
            lo, hi, mid = x(area["ci_low"]), x(area["ci_high"]), y + row_h / 2
            body.append(
                f'<line x1="{lo:.1f}" y1="{mid}" x2="{hi:.1f}" y2="{mid}" '
                f'stroke="{WHISKER}" stroke-width="1.5"/>'
                f'<line x1="{lo:.1f}" y1="{mid - 5}" x2="{lo:.1f}" y2="{mid + 5}" stroke="{WHISKER}"/>'
                f'<line x1="{hi:.1f}" y1="{mid - 5}" x2="{hi:.1f}" y2="{mid + 5}" stroke="{WHISKER}"/>'
            )
        end = x(area["ci_high"]) if area.get("ci_high") is not None else x(score)
        body.append(f'<text x="{end + 6:.1f}" y="{y + 19}" fill="{INK}">{score:.2f}</text></g>')
    title = _("영역별 점수 (100점 만점, 막대 끝 선은 95% 신뢰구간)")
    desc = _("높은 순: %(areas)s") % {"areas": ", ".join(shown)}
    return _frame(chart_id, width, height, title, desc, body)


def heatmap_chart(data: dict, *, chart_id: str = "survey-heatmap") -> SafeString:
    """Departments × areas; hidden cells hatched grey with a label, never a number."""
    heatmap = data.get("heatmap") or {"columns": [], "rows": []}
    columns = [{"code": "__overall__", "name": _("종합")}, *heatmap["columns"]]
    label_w, cell_w, cell_h, top = 170, 84, 30, 44
    width = label_w + cell_w * len(columns) + 10
    height = top + cell_h * len(heatmap["rows"]) + 10
    cells = [row["overall"] for row in heatmap["rows"]] + [
        c for row in heatmap["rows"] for c in row["cells"].values()
    ]
    scores = [c["score"] for c in cells if not c.get("suppressed")]
    low, high = (min(scores), max(scores)) if scores else (0.0, 100.0)
    pattern = f"{chart_id}-hatch"
    body = [_hatch(pattern)]
    for j, column in enumerate(columns):
        cx = label_w + j * cell_w + cell_w / 2
        body.append(
            f'<text x="{cx:.1f}" y="{top - 12}" text-anchor="middle" fill="{INK}">'
            f"{escape(column['name'])}</text>"
        )
    hidden_label = escape(_("비공개"))
    for i, row in enumerate(heatmap["rows"]):
        y = top + i * cell_h
        label = escape(row["label"])
        body.append(f'<text x="{label_w - 8}" y="{y + 20}" text-anchor="end" fill="{INK}">{label}</text>')
        for j, column in enumerate(columns):
            cell = row["overall"] if j == 0 else row["cells"][column["code"]]
            cx = label_w + j * cell_w
            name = escape(column["name"])
            if cell.get("suppressed"):
                body.append(
                    f"<g><title>{label} · {name}: {escape(SUPPRESSED_MESSAGE)}</title>"
                    f'<rect x="{cx}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" '
                    f'fill="url(#{pattern})"/>'
                    f'<text x="{cx + cell_w / 2 - 1:.1f}" y="{y + 19}" text-anchor="middle" fill="{INK}">'
                    f"{hidden_label}</text></g>"
                )
                continue
            fill = heat_colour(cell["score"], low, high)
            body.append(
                f"<g><title>{label} · {name}: {cell['score']:.2f} (n={cell['n']})</title>"
                f'<rect x="{cx}" y="{y}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{fill}"/>'
                f'<text x="{cx + cell_w / 2 - 1:.1f}" y="{y + 19}" text-anchor="middle" '
                f'fill="{text_colour_on(fill)}">{cell["score"]:.1f}</text></g>'
            )
    title = _("정보체계별 영역 점수") if heatmap.get("dimension") == "system" else _("부서별 영역 점수")
    desc = _("색이 진할수록 점수가 높습니다. 빗금 칸은 응답자가 적어 표시하지 않습니다.")
    return _frame(chart_id, width, height, title, desc, body)
