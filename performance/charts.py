"""Server-rendered SVG chart of progress by department: no script, nothing from outside.

An ``<svg role="img">`` with ``aria-label``, ``<title>`` and ``<desc>``; the page shows a text
table of the same figures beside it. Colours as in ``intranet.surveys.charts`` (ink on white
4.5:1 and more; the bar is labelled with its number, so colour carries nothing alone).
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

INK = "#1A1A1A"
BAR = "#1F5FA8"
TRACK = "#E6E6E6"
GRID = "#767676"
FONT = "font-family=\"'Noto Sans KR','Apple SD Gothic Neo','Malgun Gothic',sans-serif\""


def department_progress_chart(figures, *, chart_id: str = "performance-departments") -> SafeString:
    """Departments as horizontal bars on 0–100 %, each with its % written at the end."""
    label_w, plot_w, row_h, top = 170, 400, 28, 26
    width, height = label_w + plot_w + 70, top + row_h * len(figures) + 10
    x = lambda v: label_w + v / 100 * plot_w  # noqa: E731
    body = []
    for tick in range(0, 101, 25):
        body.append(
            f'<line x1="{x(tick):.1f}" y1="{top - 6}" x2="{x(tick):.1f}" y2="{height - 10}" '
            f'stroke="{GRID}" stroke-width="0.5"/>'
            f'<text x="{x(tick):.1f}" y="{top - 10}" text-anchor="middle" fill="{INK}">{tick}%</text>'
        )
    shown = []
    for i, figure in enumerate(figures):
        y = top + i * row_h
        name = escape(figure.department.name)
        percent = float(figure.percent)
        shown.append(f"{figure.department.name} {percent:.1f}%")
        body.append(
            f"<g><title>{name}: {percent:.1f}%</title>"
            f'<text x="{label_w - 8}" y="{y + 18}" text-anchor="end" fill="{INK}">{name}</text>'
            f'<rect x="{label_w}" y="{y + 6}" width="{plot_w}" height="{row_h - 12}" fill="{TRACK}"/>'
            f'<rect x="{label_w}" y="{y + 6}" width="{x(percent) - label_w:.1f}" height="{row_h - 12}" '
            f'fill="{BAR}"/>'
            f'<text x="{x(percent) + 6:.1f}" y="{y + 18}" fill="{INK}">{percent:.1f}%</text></g>'
        )
    title = escape(_("부서별 진척률"))
    desc = escape(_("부서별 가중 진척률: %(departments)s") % {"departments": ", ".join(shown) or "—"})
    chart_id = escape(chart_id)
    # Every label inside was escaped where it was put in.
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{chart_id}" role="img" aria-label="{title}" '
        f'aria-describedby="{chart_id}-desc" viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" {FONT} font-size="13">'
        f'<title>{title}</title><desc id="{chart_id}-desc">{desc}</desc>' + "".join(body) + "</svg>"
    )


def burnup_chart(points, *, chart_id: str = "performance-burnup") -> SafeString:
    """Planned (dashed) and actual (solid, with dots) cumulative % by month, 0–100 %."""
    left, top, plot_w, plot_h = 48, 20, 480, 220
    width, height = left + plot_w + 20, top + plot_h + 60
    x = lambda month: left + (month - 0.5) / 12 * plot_w  # noqa: E731
    y = lambda value: top + plot_h - value / 100 * plot_h  # noqa: E731
    body = []
    for tick in range(0, 101, 25):
        body.append(
            f'<line x1="{left}" y1="{y(tick):.1f}" x2="{left + plot_w}" y2="{y(tick):.1f}" '
            f'stroke="{GRID}" stroke-width="0.5"/>'
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" fill="{INK}">{tick}%</text>'
        )
    for point in points:
        label = escape(_("%(month)s월") % {"month": point.month})
        body.append(
            f'<text x="{x(point.month):.1f}" y="{top + plot_h + 18}" text-anchor="middle" fill="{INK}">'
            f"{label}</text>"
        )
    planned = " ".join(f"{x(p.month):.1f},{y(p.planned):.1f}" for p in points)
    body.append(
        f'<polyline points="{planned}" fill="none" stroke="{GRID}" stroke-width="2" stroke-dasharray="6 4"/>'
    )
    done = [p for p in points if p.actual is not None]
    if done:
        actual = " ".join(f"{x(p.month):.1f},{y(p.actual):.1f}" for p in done)
        body.append(f'<polyline points="{actual}" fill="none" stroke="{BAR}" stroke-width="3"/>')
        for p in done:
            tip = escape(_("%(month)s월 실적 %(value).1f%%") % {"month": p.month, "value": p.actual})
            body.append(
                f"<g><title>{tip}</title>"
                f'<circle cx="{x(p.month):.1f}" cy="{y(p.actual):.1f}" r="4" fill="{BAR}"/></g>'
            )
    legend_y = top + plot_h + 44
    planned_label, actual_label = escape(_("계획 (점선)")), escape(_("실적 (실선)"))
    body.append(
        f'<line x1="{left}" y1="{legend_y - 4}" x2="{left + 30}" y2="{legend_y - 4}" stroke="{GRID}" '
        f'stroke-width="2" stroke-dasharray="6 4"/>'
        f'<text x="{left + 36}" y="{legend_y}" fill="{INK}">{planned_label}</text>'
        f'<line x1="{left + 160}" y1="{legend_y - 4}" x2="{left + 190}" y2="{legend_y - 4}" stroke="{BAR}" '
        f'stroke-width="3"/>'
        f'<text x="{left + 196}" y="{legend_y}" fill="{INK}">{actual_label}</text>'
    )
    last = done[-1] if done else None
    title = escape(_("월별 누적 진척률: 계획과 실적 (추진 일정 기준)"))
    if last:
        desc = _("%(month)s월 현재 계획 %(planned).1f%%, 실적 %(actual).1f%%") % {
            "month": last.month,
            "planned": last.planned,
            "actual": last.actual,
        }
    else:
        desc = _("아직 실적이 없습니다.")
    chart_id = escape(chart_id)
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{chart_id}" role="img" aria-label="{title}" '
        f'aria-describedby="{chart_id}-desc" viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" {FONT} font-size="13">'
        f'<title>{title}</title><desc id="{chart_id}-desc">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )
