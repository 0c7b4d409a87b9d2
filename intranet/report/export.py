"""The annual report as PDF (fpdf2, Noto Sans KR from ``intranet.fonts``, never the system's
fonts) and as DOCX (python-docx). Both write the same ``report_text`` the page shows, line for
line."""

import hashlib
import io
import unicodedata

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from intranet import fonts

from . import Report
from .text import TextSection, report_text

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT = fonts.FAMILY
# The PDF of a given text is kept this long under a key made of that text (PDF_CACHE_VERSION: bump
# it when the layout below changes).
PDF_CACHE_SECONDS = 24 * 3600
PDF_CACHE_VERSION = 2


def report_title(year: int) -> str:
    return _("%(year)s년 연간 성과보고서") % {"year": year}


def report_intro() -> str:
    return _("모든 수치는 이음에 기록된 그해와 전해의 기록에서 계산했습니다. ★는 전년보다 나아진 수치입니다.")


def empty_section() -> str:
    return _("이 해에 기록된 수치가 없습니다.")


def _image_bytes(image) -> io.BytesIO | None:
    """The narrative photo, scaled down once (a Wagtail rendition), or None if its file is gone."""
    try:
        rendition = image.get_rendition("max-1200x900")
        with rendition.file.open("rb") as handle:
            return io.BytesIO(handle.read())
    except (OSError, ValueError):
        return None


def _pdf_key(year: int, sections: list[TextSection]) -> str:
    """A key made of everything the PDF draws: the title's year and language, every line, detail and
    narrative, and each photo's file (a replaced photo is a new file name). The same words give
    the same PDF, so a cached one is never stale; a changed figure is a new key."""
    digest = hashlib.sha256()
    parts = [str(PDF_CACHE_VERSION), str(year), get_language() or ""]
    for section in sections:
        parts += [section.key, section.title]
        for line in section.lines:
            parts += [line.text, line.detail]
        for heading, body, image in section.narratives:
            parts += [heading, body]
            if image is not None:
                parts += [str(image[0].pk), image[0].file.name, image[1]]
    for part in parts:
        digest.update(part.encode())
        digest.update(b"\0")
    return f"report:pdf:{digest.hexdigest()}"


def report_pdf(report: Report) -> bytes:
    """The PDF of the report's text. The report's figures are computed on every request anyway;
    the PDF of the very same text is then taken from the cache (``_pdf_key``) instead of being
    drawn again."""
    sections: list[TextSection] = report_text(report)
    key = _pdf_key(report.year, sections)
    data = cache.get(key)
    if data is None:
        data = _report_pdf_draw(report.year, sections)
        cache.set(key, data, PDF_CACHE_SECONDS)
    return data


def _report_pdf_draw(year: int, sections: list[TextSection]) -> bytes:
    return fonts.korean_pdf(lambda font: _report_pdf_layout(year, sections, font))


def _report_pdf_layout(year: int, sections: list[TextSection], font_path):
    from fpdf import FPDF

    pdf = FPDF(orientation="P", unit="mm", format="A4")
    pdf.set_title(report_title(year))
    fonts.add_font(pdf, font_path)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    def para(text, size=10.5, height=6, indent=0.0):
        pdf.set_font(FONT, size=size)
        pdf.set_x(pdf.l_margin + indent)
        # Composed syllables (text pasted from macOS can come as jamo), which the fonts draw as one.
        text = unicodedata.normalize("NFC", text)
        pdf.multi_cell(width - indent, height, text, new_x="LMARGIN", new_y="NEXT")

    para(report_title(year), size=20, height=11)
    para(report_intro(), size=9.5)
    pdf.ln(3)
    for section in sections:
        pdf.ln(2)
        para(section.title, size=14, height=8)
        if not section.lines:
            para(empty_section())
        for line in section.lines:
            para("- " + line.text)
            if line.detail:
                para("* " + line.detail, size=9, height=5, indent=5)
        for heading, body, image in section.narratives:
            pdf.ln(1)
            if heading:
                para(heading, size=11.5, height=7)
            for paragraph in body.split("\n"):
                para(paragraph)
            if image is not None:
                data = _image_bytes(image[0])
                if data is not None:
                    pdf.image(data, w=min(width, 120))
                para(image[1], size=9, height=5)
    return pdf


def report_docx(report: Report) -> bytes:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    sections = report_text(report)
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Noto Sans KR"
    normal.font.size = Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Sans KR")
    document.core_properties.title = report_title(report.year)
    document.add_heading(report_title(report.year), level=0)
    document.add_paragraph(report_intro())
    for section in sections:
        document.add_heading(section.title, level=1)
        if not section.lines:
            document.add_paragraph(empty_section())
        for line in section.lines:
            document.add_paragraph(line.text, style="List Bullet")
            if line.detail:
                document.add_paragraph("* " + line.detail, style="List Bullet 2")
        for heading, body, image in section.narratives:
            if heading:
                document.add_heading(heading, level=2)
            for paragraph in body.split("\n"):
                document.add_paragraph(paragraph)
            if image is not None:
                data = _image_bytes(image[0])
                if data is not None:
                    document.add_picture(data, width=Cm(12))
                document.add_paragraph(image[1])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
