"""Noto Sans KR for the PDFs Ieum draws with fpdf2, in two files.

``pylopdf_fonts_ko``'s Noto Sans KR (``full_path()``) holds 24,964 glyphs: every Hangul syllable,
8,653 Hanja and more. fpdf2 parses its tables when a font is added and subsets its CFF outlines
when the PDF is written, at a cost that grows with the whole font, not with the few hundred glyphs
a document uses. ``HANGUL`` is a subset of it made once by ``python -m intranet.fonts.build``
(``HANGUL_RANGES``: all 11,172 Hangul syllables, the compatibility jamo, Latin, Greek, Cyrillic,
punctuation and the symbols a Korean report writes; 12,944 glyphs, 2.2 MB), outlines, hints and
metrics as they are, subroutines expanded so that the subsetter has none to trace. Only the glyphs
it leaves out differ: a text that needs one of those (a Hanja) is drawn with the full font instead
(``font_covers``). Both are under the SIL Open Font License 1.1 (``OFL.txt``, no reserved font
name), which allows subsetting and redistributing with the licence kept.
"""

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF

HERE = Path(__file__).resolve().parent
HANGUL = HERE / "NotoSansKR-Hangul.otf"
FAMILY = "NotoSansKR"

# What ``HANGUL`` keeps of the full font (inclusive ranges; code points the font lacks are skipped).
HANGUL_RANGES = (
    (0x0000, 0x007F),  # ASCII (with the control characters the font maps)
    (0x00A0, 0x017F),  # Latin-1 and Latin Extended-A
    (0x0370, 0x04FF),  # Greek and Cyrillic
    (0x2000, 0x206F),  # general punctuation: ‘’ “” … – — • ‰ ※
    (0x20A0, 0x20CF),  # currency: ₩ €
    (0x2100, 0x21FF),  # letterlike (℃ №), number forms (Ⅰ ½), arrows (→)
    (0x2200, 0x22FF),  # mathematical operators (± ≤ ≥ ∼)
    (0x2460, 0x24FF),  # enclosed alphanumerics (①)
    (0x2500, 0x27BF),  # box drawing, geometric shapes (■ ○ ◎), symbols (★ ☆ ☎), dingbats (✓)
    (0x3000, 0x303F),  # CJK symbols and punctuation (「」 『』 《》 【】 〜)
    (0x3130, 0x318F),  # Hangul compatibility jamo (ㄱ ㅎ)
    (0x3200, 0x33FF),  # enclosed CJK (㈜ ㉠) and CJK compatibility (㎡ ㎏)
    (0xAC00, 0xD7A3),  # the 11,172 Hangul syllables
    (0xFF00, 0xFFEF),  # halfwidth and fullwidth forms (％ （ ）)
)


def full_path() -> Path:
    import pylopdf_fonts_ko

    return pylopdf_fonts_ko.sans_path()


def add_font(pdf, path: Path, *, family: str = FAMILY, styles: tuple[str, ...] = ("",)) -> None:
    """``pdf.add_font`` (once per style asked for: a table heading asks for bold, drawn with the
    same face) without recomputing the font's bounding boxes when the subset is written: that
    draws every used glyph twice (fpdf2 compiles the CFF table twice) to shrink a box that the
    full font's box already encloses, and the PDF's font descriptor keeps the full font's box
    anyway."""
    for style in styles:
        pdf.add_font(family, style, str(path))
    for font in pdf.fonts.values():
        font.ttfont.recalcBBoxes = False


def font_covers(pdf) -> bool:
    """Whether every character drawn so far had a glyph in the fonts added (fpdf2 notes each
    one it could not draw, and would leave it out of the PDF)."""
    return not any(getattr(font, "missing_glyphs", None) for font in pdf.fonts.values())


def korean_pdf(layout: Callable[[Path], "FPDF"]) -> bytes:
    """The PDF ``layout(font)`` draws, where ``layout`` adds ``font`` with ``add_font``: drawn with
    the Hangul subset, which embeds in a fraction of the full font's time, and drawn again with
    the full font if the text has a character the subset lacks (a Hanja). Every PDF Ieum draws
    (the annual report, certificates, appointment letters, programme snapshots) goes through here."""
    pdf = layout(HANGUL)
    if not font_covers(pdf):
        pdf = layout(full_path())
    return bytes(pdf.output())
