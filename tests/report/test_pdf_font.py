"""The report's PDF is drawn with the Hangul subset of Noto Sans KR (``intranet.fonts``): the
subset holds every Hangul syllable and symbol it promises with the full font's metrics, any text a
planner writes draws with no missing glyph, and a text the subset cannot draw (a Hanja) is drawn
with the full font instead."""

import re
import unicodedata

import pytest
from fontTools.ttLib import TTFont

from intranet import fonts
from intranet.report import export
from intranet.report.text import TextLine, TextSection

pdfium = pytest.importorskip("pypdfium2")

HANGUL_SYLLABLES = range(0xAC00, 0xD7A4)
# Rare syllables (each in no common word), the first and the last, and a Latin, digit and symbol mix.
RARE = "똠방각하 뷁 쀍 햏 갌 괢 꽸 뙑 쒧 퓮 흖 가 힣"
MIXED = "ISO/IEC 27001 (2025) · ★ 3.5% → ① ㈜이음 ㎡ “인용” ‘작은’ … ±5 ≤ 10 ℃ ₩1,000 ㄱㄴ café"


def _cmap_and_widths(path):
    font = TTFont(str(path), lazy=True)
    cmap = font.getBestCmap()
    widths = font["hmtx"].metrics
    return {cp: widths[name][0] for cp, name in cmap.items()}, font["head"].unitsPerEm


def test_the_subset_holds_what_it_promises_with_the_full_fonts_metrics():
    hangul, hangul_em = _cmap_and_widths(fonts.HANGUL)
    full, full_em = _cmap_and_widths(fonts.full_path())
    assert all(cp in hangul for cp in HANGUL_SYLLABLES)
    promised = {cp for first, last in fonts.HANGUL_RANGES for cp in range(first, last + 1) if cp in full}
    assert promised <= hangul.keys()  # HANGUL_RANGES changed without ``python -m intranet.fonts.build``
    assert hangul_em == full_em
    assert {cp: full[cp] for cp in hangul} == hangul  # same advance widths, so the same line breaks
    assert not any(0x4E00 <= cp <= 0x9FFF for cp in hangul)  # no Hanja: those come from the full font


def _sections(*paragraphs: str) -> list[TextSection]:
    line = TextLine(star=True, label="참석", value="16회", change="('24) 3회 → ('25) 16회", detail="", url="")
    return [TextSection("competence", "직원 역량", [line], [("서술", "\n".join(paragraphs), None)])]


def _drawn(monkeypatch, sections) -> tuple[str, list]:
    """The PDF's text (without whitespace, as lines wrap) and the fonts each layout used."""
    used, layout = [], export._report_pdf_layout

    def recorded(year, sections, font_path):
        used.append(font_path)
        return layout(year, sections, font_path)

    monkeypatch.setattr(export, "_report_pdf_layout", recorded)
    document = pdfium.PdfDocument(export._report_pdf_draw(2025, sections))
    text = "".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    return re.sub(r"\s+", "", text), used


def test_rare_hangul_latin_and_symbols_draw_with_the_subset(monkeypatch):
    every_97th = "".join(chr(cp) for cp in HANGUL_SYLLABLES[::97])
    sections = _sections(RARE, MIXED, every_97th)
    pdf = export._report_pdf_layout(2025, sections, fonts.HANGUL)
    assert [chr(cp) for font in pdf.fonts.values() for cp in font.missing_glyphs] == []
    assert fonts.font_covers(pdf)
    text, used = _drawn(monkeypatch, sections)
    assert used == [fonts.HANGUL]  # no second drawing with the full font
    for paragraph in (RARE, MIXED, every_97th):
        assert re.sub(r"\s+", "", paragraph) in text


def test_hanja_is_drawn_with_the_full_font(monkeypatch):
    sections = _sections("前年 對比 成果 향상")
    assert not fonts.font_covers(export._report_pdf_layout(2025, sections, fonts.HANGUL))
    text, used = _drawn(monkeypatch, sections)
    assert used == [fonts.HANGUL, fonts.full_path()]
    assert "前年對比成果향상" in text


def test_decomposed_hangul_is_drawn_as_syllables(monkeypatch):
    """Text pasted from macOS may come as jamo (NFD): drawn as the syllables, with the subset."""
    decomposed = unicodedata.normalize("NFD", "한글 보고서")
    assert decomposed != "한글 보고서"
    text, used = _drawn(monkeypatch, _sections(decomposed))
    assert used == [fonts.HANGUL]
    assert "한글보고서" in text
