"""Build the fonts ottool ships for its PDF handouts, from the pymupdf-fonts package.

Run once when the fonts change (``python scripts/build_fonts.py``); the results are
committed in src/ottool/render/fonts/ with the SIL Open Font License they come under.

- Noto Sans regular and bold: every character they have, without hinting (screen
  hinting does nothing on paper and is a third of the file).
- Noto Sans Symbols, Symbols 2 and Math, cut down to the symbols people type (arrows,
  ticks, boxes, stars, dingbats, mathematical operators, pictographs): their PostScript
  (CFF) outlines converted to TrueType outlines, because fpdf2 embeds every font as TrueType and
  poppler rejects a CFF font embedded that way ("Mismatch between font type and
  embedded font file").

Building at release time means a PDF never waits for fonts to be unpacked, cut down
or converted: the shipped files are read as they are.
"""

from __future__ import annotations

import importlib
import io
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

OUT = Path(__file__).resolve().parents[1] / "src" / "ottool" / "render" / "fonts"

#: The symbol blocks people type: punctuation to arrows, mathematical operators, shapes,
#: miscellaneous symbols, dingbats; pictographs and emoticons (as outlines).
SYMBOLS = ((0x2000, 0x2BFF), (0x1F300, 0x1F6FF), (0x1F780, 0x1F9FF))

#: (pymupdf-fonts module, shipped file, character ranges kept or None for all)
FONTS = (
    ("NotoSans_Regular", "NotoSans-Regular.ttf", None),
    ("NotoSans_Bold", "NotoSans-Bold.ttf", None),
    ("NotoSansSymbols_Regular", "NotoSansSymbols-Regular.ttf", SYMBOLS),
    ("NotoSansSymbols2_Regular", "NotoSansSymbols2-Regular.ttf", SYMBOLS),
    ("NotoSansMath_Regular", "NotoSansMath-Regular.ttf", SYMBOLS),
)


def build(module: str, ranges: tuple[tuple[int, int], ...] | None) -> bytes:
    data = bytes(importlib.import_module(f"pymupdf_fonts.{module}").fontbuffer)
    font = TTFont(io.BytesIO(data))
    cmap = font.getBestCmap()
    wanted = [c for c in cmap if ranges is None or any(lo <= c <= hi for lo, hi in ranges)]
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.drop_tables += ["TTFA"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    if "CFF " in font or "CFF2" in font:
        cff_to_glyf(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def cff_to_glyf(font: TTFont) -> None:
    """Replace a font's CFF outlines with TrueType (quadratic) ones, in place."""
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    for table in ("CFF ", "CFF2", "VORG"):
        if table in font:
            del font[table]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    font.sfntVersion = "\x00\x01\x00\x00"
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for name in (
        "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
        "maxStackElements", "maxSizeOfInstructions", "maxComponentElements",
    ):  # fmt: skip
        setattr(maxp, name, 0)
    maxp.maxZones = 1
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for module, name, ranges in FONTS:
        data = build(module, ranges)
        (OUT / name).write_bytes(data)
        print(f"{name}: {len(data) // 1024} KiB", file=sys.stderr)


if __name__ == "__main__":
    main()
