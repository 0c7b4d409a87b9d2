"""The certificate of completion as a PDF with Korean text.

The font ships with the project (Noto Sans KR, ``intranet.fonts``), never the operating
system's, so the certificate looks the same on every server of a closed network.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF

from intranet import fonts
from intranet.korean import format_korean_date


def certificate_pdf(*, completion, verify_url: str) -> bytes:
    return fonts.korean_pdf(
        lambda font: _certificate_layout(font, completion=completion, verify_url=verify_url)
    )


def _certificate_layout(font, *, completion, verify_url: str) -> FPDF:
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_title(_("수료증"))
    pdf.set_author(_("이음"))
    fonts.add_font(pdf, font)
    pdf.add_page()
    pdf.set_draw_color(31, 58, 95)
    pdf.set_line_width(1.2)
    pdf.rect(12, 12, 186, 273)
    pdf.set_font("NotoSansKR", size=34)
    pdf.set_y(45)
    pdf.cell(0, 18, _("수 료 증"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(14)
    pdf.set_font("NotoSansKR", size=14)
    staff = completion.staff
    facts = [
        (_("성명"), staff.name),
        (_("소속"), staff.department.name if staff.department_id else ""),
        (_("과정명"), completion.course.title),
        (
            _("교육 기간"),
            format_korean_date(timezone.localtime(completion.session.starts_at).date())
            + " ~ "
            + format_korean_date(timezone.localtime(completion.session.ends_at).date()),
        ),
        (_("인정 시간"), _("%(hours)s시간") % {"hours": f"{completion.hours:g}"}),
    ]
    for label, value in facts:
        pdf.set_x(35)
        pdf.cell(35, 11, label)
        pdf.multi_cell(110, 11, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(16)
    pdf.set_font("NotoSansKR", size=15)
    pdf.multi_cell(
        0, 10, _("위 사람은 위의 교육 과정을 성실히 이수하였으므로 이 증서를 수여합니다."), align="C"
    )
    pdf.ln(12)
    pdf.cell(0, 10, format_korean_date(completion.completed_on), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font("NotoSansKR", size=20)
    pdf.cell(0, 12, _("교육 담당 부서장"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(255)
    pdf.set_font("NotoSansKR", size=10)
    pdf.cell(
        0, 6, _("확인 번호: %(code)s") % {"code": completion.code}, align="C", new_x="LMARGIN", new_y="NEXT"
    )
    pdf.cell(0, 6, _("진위 확인: %(url)s") % {"url": verify_url}, align="C")
    return pdf
