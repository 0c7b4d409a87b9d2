"""The annual report's pages: a year's report, its PDF and DOCX, and several years side by side.
Planners and leaders read it (the figures come from records of every module, each linked to
those records); planners write its narrative in the admin (``ReportNarrative`` snippets)."""

from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from intranet.roles import Role, has_role
from intranet.years import FIRST_YEAR, LAST_YEAR, year_default, year_parse

from . import SECTIONS, report_build, report_compare, report_years_with_data
from .export import DOCX_TYPE, empty_section, report_docx, report_intro, report_pdf, report_title
from .text import report_text, short_year, value_text

COMPARE_MAX = 5


def can_read_report(user) -> bool:
    return has_role(user, Role.PLANNER) or has_role(user, Role.LEADER)


def _require_reader(request):
    if not can_read_report(request.user):
        raise PermissionDenied(_("연간 성과보고서는 성과 기획자와 리더만 볼 수 있습니다."))


def _year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404(
            _("연도는 %(first)s부터 %(last)s 사이여야 합니다.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return year


def report_latest(request):
    _require_reader(request)
    year = year_default(with_data=report_years_with_data())
    return redirect("report:year", year=year)


def report_page(request, year):
    _require_reader(request)
    year = _year(year)
    report = report_build(year=year)
    years = report_years_with_data()
    context = {
        "report": report,
        "sections": report_text(report, request.user),
        "year": year,
        "years": years,
        "previous_short": short_year(year - 1),
        "short": short_year(year),
        "compare_url": reverse("report:compare") + "?" + urlencode({"years": f"{year - 1},{year}"}),
        "can_edit": has_role(request.user, Role.PLANNER),
        "title": report_title(year),
        "intro": report_intro(),
        "empty_section": empty_section(),
    }
    return render(request, "report/report.html", context)


def _filename(year: int, ext: str) -> str:
    return f"ieum-annual-report-{year}.{ext}"


def report_pdf_download(request, year):
    _require_reader(request)
    year = _year(year)
    data = report_pdf(report_build(year=year))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(year, "pdf")}"'
    return response


def report_docx_download(request, year):
    _require_reader(request)
    year = _year(year)
    data = report_docx(report_build(year=year))
    response = HttpResponse(data, content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_filename(year, "docx")}"'
    return response


def report_compare_page(request):
    """``?years=2024,2025`` (up to five years, oldest first on the page)."""
    _require_reader(request)
    available = report_years_with_data()
    raw = request.GET.get("years", "")
    error = ""
    parsed = [year_parse(part) for part in raw.split(",") if part.strip()] if raw else []
    if raw and (None in parsed or not parsed):
        error = _("비교할 연도는 2024,2025처럼 쉼표로 나눈 네 자리 연도로 적어 주세요.")
        parsed = []
    years = sorted(set(parsed))[-COMPARE_MAX:] if parsed else sorted(available[:2])
    if len(set(parsed)) > COMPARE_MAX:
        error = _("한 번에 %(n)s개 연도까지 비교할 수 있습니다. 최근 %(n)s개 연도를 보여 드립니다.") % {
            "n": COMPARE_MAX
        }
    rows = report_compare(years=years)
    titles = dict(SECTIONS)
    table = []
    for row in rows:
        table.append(
            {
                "section": str(titles.get(row.section, row.section)),
                "label": row.label,
                "values": [value_text(v, row.unit) if v is not None else "–" for v in row.values],
            }
        )
    context = {"years": years, "years_with_data": available, "rows": table, "error": error}
    return render(request, "report/compare.html", context, status=200)
