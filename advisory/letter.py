"""The appointment letter (위촉장) of one term as a PDF with Korean text and the agency's seal.

Same font as every PDF Ieum draws: Noto Sans KR from ``intranet.fonts``, never the operating
system's, so the letter looks the same on every server of a closed network. The seal is
``advisory/static/advisory/seal.png``; an agency replaces that file with its own seal image.
"""

from pathlib import Path

from django.utils.translation import gettext as _
from fpdf import FPDF

from intranet import fonts
from intranet.directory.models import Department
from intranet.korean import format_korean_date

SEAL = Path(__file__).resolve().parent / "static" / "advisory" / "seal.png"


def agency_name() -> str:
    """The root of the department tree is the agency (국방전산정보원 in the demo)."""
    root = (
        Department.objects.filter(parent__isnull=True, is_active=True).order_by("sort_order", "code").first()
    )
    return root.name if root else _("이음")


def letter_pdf(*, term, agency: str) -> bytes:
    return fonts.korean_pdf(lambda font: _letter_layout(font, term=term, agency=agency))


def _letter_layout(font, *, term, agency: str) -> FPDF:
    member = term.member
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_title(_("위촉장"))
    pdf.set_author(agency)
    fonts.add_font(pdf, font)
    pdf.add_page()
    pdf.set_draw_color(120, 20, 20)
    pdf.set_line_width(1.2)
    pdf.rect(12, 12, 186, 273)
    pdf.set_line_width(0.4)
    pdf.rect(15, 15, 180, 267)
    pdf.set_font("NotoSansKR", size=11)
    pdf.set_xy(22, 22)
    pdf.cell(0, 6, _("제 %(number)s 호") % {"number": term.letter_number or term.pk})
    pdf.set_font("NotoSansKR", size=36)
    pdf.set_y(48)
    pdf.cell(0, 20, _("위 촉 장"), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(16)
    pdf.set_font("NotoSansKR", size=14)
    facts = [
        (_("성명"), member.name),
        (_("소속"), member.affiliation + (f" {member.title}" if member.title else "")),
        (_("분야"), member.domain.name),
        (_("직위"), str(member.get_role_display())),
        (
            _("임기"),
            format_korean_date(term.starts_on) + " ~ " + format_korean_date(term.ends_on),
        ),
    ]
    for label, value in facts:
        pdf.set_x(40)
        pdf.cell(30, 11, label)
        pdf.multi_cell(110, 11, value, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(14)
    pdf.set_font("NotoSansKR", size=15)
    body = _("귀하를 %(agency)s 자문위원회 %(domain)s 분야 %(role)s(으)로 위촉합니다.") % {
        "agency": agency,
        "domain": member.domain.name,
        "role": member.get_role_display(),
    }
    if term.reappointment:
        body += " " + _("(%(n)s차 연임)") % {"n": term.reappointment}
    pdf.set_x(25)
    pdf.multi_cell(160, 10, body, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(14)
    pdf.cell(0, 10, format_korean_date(term.starts_on), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(14)
    pdf.set_font("NotoSansKR", size=22)
    signer = _("%(agency)s장") % {"agency": agency}
    pdf.cell(0, 14, signer, align="C", new_x="LMARGIN", new_y="NEXT")
    # The seal overlaps the end of the signer's title, as a stamped seal does.
    seal_x = 105 + pdf.get_string_width(signer) / 2 - 6
    pdf.image(str(SEAL), x=seal_x, y=pdf.get_y() - 20, w=26, h=26)
    return pdf
