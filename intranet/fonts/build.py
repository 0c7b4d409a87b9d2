"""Make ``NotoSansKR-Hangul.otf`` from ``pylopdf_fonts_ko``'s Noto Sans KR (``intranet.fonts``):
``.venv/bin/python -m intranet.fonts.build``. Run it again after that package's font changes;
the same inputs give the same bytes (the source's timestamp is kept)."""

import sys

from fontTools import subset
from fontTools.ttLib import TTFont

from . import HANGUL, HANGUL_RANGES, full_path


def build(target=HANGUL) -> int:
    options = subset.Options(
        desubroutinize=True,  # fpdf2's own subsetting then has no subroutines to trace and prune
        notdef_outline=True,
        recommended_glyphs=True,
        name_IDs=["*"],  # the copyright, licence and names as they are
        name_languages=["*"],
        layout_features=[],
    )
    # Tables fpdf2 drops from what it embeds anyway (layout, vertical metrics, signature).
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx", "DSIG"]
    font = TTFont(str(full_path()), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[cp for first, last in HANGUL_RANGES for cp in range(first, last + 1)])
    subsetter.subset(font)
    font.save(str(target))
    return len(font.getGlyphOrder())


if __name__ == "__main__":
    glyphs = build()
    sys.stdout.write(f"{HANGUL}: {glyphs} glyphs, {HANGUL.stat().st_size:,} bytes\n")
