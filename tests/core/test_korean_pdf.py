"""``intranet.fonts.korean_pdf``: every PDF Ieum draws (report, certificate, appointment letter,
programme snapshot) is laid out with the Hangul subset first and again with the full font only
when the text needs a glyph the subset lacks."""

import io
import re

import pytest
from fpdf import FPDF
from pypdf import PdfReader

from intranet import fonts


def _layout(text: str, used: list):
    def layout(font):
        used.append(font)
        pdf = FPDF()
        fonts.add_font(pdf, font, styles=("", "B"))
        pdf.add_page()
        pdf.set_font(fonts.FAMILY, style="B", size=12)
        pdf.multi_cell(0, 8, text)
        return pdf

    return layout


@pytest.mark.parametrize(
    ("text", "fonts_used"),
    [
        ("홍길동 수료증 ★ ① ㈜ 2025년", [fonts.HANGUL]),
        ("성명 金成勳", [fonts.HANGUL, fonts.full_path()]),
    ],
)
def test_the_subset_first_and_the_full_font_only_when_a_glyph_is_missing(text, fonts_used):
    used: list = []
    data = fonts.korean_pdf(_layout(text, used))
    assert used == fonts_used
    drawn = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert re.sub(r"\s+", "", text) in re.sub(r"[\s\x00]+", "", drawn)  # pypdf's text has NULs here
