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
    title = escape(_("부서별 진척률 (%)"))
    desc = escape(_("부서별 가중 진척률: %(departments)s") % {"departments": ", ".join(shown) or "—"})
    chart_id = escape(chart_id)
    # Every label inside was escaped where it was put in.
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{chart_id}" role="img" aria-label="{title}" '
        f'aria-describedby="{chart_id}-desc" viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" {FONT} font-size="13">'
        f'<title>{title}</title><desc id="{chart_id}-desc">{desc}</desc>' + "".join(body) + "</svg>"
    )
