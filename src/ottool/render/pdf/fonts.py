"""The handout's fonts: which are added to the PDF, and what to print where none has a letter.

Text is set in Noto Sans, shipped with ottool (src/ottool/render/fonts/, built by
scripts/build_fonts.py) so that a PDF never waits for a font to be unpacked or cut
down. Characters it lacks come from fpdf2's fallback fonts, added only when the
text needs them: Noto's symbol fonts (shipped, as TrueType), FiraGO from
pymupdf-fonts for Arabic, Hebrew, Devanagari, Thai and Georgian (shaped by HarfBuzz
through fpdf2's text shaping), then DejaVu Sans and a CJK font of the computer.
Whatever no font can show becomes words or ASCII (``→`` → ``->``), then its
plain-Latin form (``Ł`` → ``L``), then ``?``: a plan never fails over a character.
"""

from __future__ import annotations

import functools
import importlib
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SHIPPED = Path(__file__).resolve().parent.parent / "fonts"
#: The text face, regular and bold. Two faces only: each costs time to read and embed.
TEXT = {"": "NotoSans-Regular.ttf", "B": "NotoSans-Bold.ttf"}
FAMILY = "noto"
SYMBOLS = (
    "NotoSansSymbols2-Regular.ttf",
    "NotoSansSymbols-Regular.ttf",
    "NotoSansMath-Regular.ttf",
)
#: pymupdf-fonts' FiraGO: Arabic, Hebrew, Devanagari, Thai, Georgian and more.
SCRIPTS = {"": "FiraGO_Regular", "B": "FiraGO_Bold"}
#: Unicode blocks whose letters must be shaped: Hebrew to Sinhala (Hebrew, Arabic,
#: Syriac, Thaana, N'Ko, the Indic scripts), Thai and Lao, and Arabic presentation forms.
SHAPED_RANGES = ((0x0590, 0x0DFF), (0x0E00, 0x0EFF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))
SYSTEM_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
    Path("/System/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)
DEJAVU = "DejaVuSans.ttf"
#: Fonts with Chinese, Japanese and Korean characters that systems commonly have.
CJK_NAMES = (
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJKsc-Regular.otf",
    "DroidSansFallbackFull.ttf",
    "DroidSansFallback.ttf",
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "msyh.ttc",
)

#: Symbols no font here has, as words or ASCII; the words beside them carry the meaning.
SYMBOL_FALLBACK = {
    "✓": "(yes)",
    "✔": "(yes)",
    "✗": "(no)",
    "✘": "(no)",
    "◐": "(half)",
    "⚠": "(!)",
    "→": "->",
    "←": "<-",
    "⇒": "=>",
    "☐": "[ ]",
    "☑": "[x]",
    "•": "-",
    "·": "-",
    "–": "-",
    "—": "-",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "…": "...",
    "\u00a0": " ",
    # Letters that have no accent-free form in Unicode's decomposition.
    "Ł": "L",
    "ł": "l",
    "Đ": "D",
    "đ": "d",
    "ı": "i",
    "Œ": "OE",
    "œ": "oe",
}


def text_font_files() -> dict[str, Path]:
    """The shipped Noto Sans files by style ("" regular, "B" bold), for other PDFs."""
    return {style: SHIPPED / name for style, name in TEXT.items()}


@dataclass
class Fonts:
    """The fonts added to one PDF, and every character they can print."""

    pdf: Any
    covered: set[int]
    shaping: bool = False
    #: Letters no font here has, printed as "?" (said to the user).
    lost: set[str] = field(default_factory=set)
    _fitted: dict[str, str] = field(default_factory=dict)

    @classmethod
    def for_text(cls, pdf: Any, chars: set[str], *, fallbacks: bool = True) -> Fonts:
        """Add the text face, and the fallback fonts ``chars`` need, to ``pdf``.

        Text with letters to shape (Arabic, Hebrew, Devanagari...) is set in FiraGO
        throughout, Latin included: a run of such letters with the spaces between them
        stays in one font, so fpdf2 shapes and orders it as one (word order kept, and
        read back in logical order).
        """
        files = text_font_files()
        # HarfBuzz and FiraGO (unpacked from pymupdf-fonts) only for text that needs them.
        shaped = fallbacks and any(needs_shaping(ord(c)) for c in chars) and _has_shaper()
        if shaped:
            scripts = {style: _unpacked(module) for style, module in SCRIPTS.items()}
            if scripts[""] is not None:
                files = {style: path or scripts[""] for style, path in scripts.items()}
        for style, path in files.items():
            pdf.add_font(FAMILY, style, str(path))
        covered = set(pdf.fonts[FAMILY].cmap)
        fonts = cls(pdf, covered, shaping=shaped)
        if shaped:
            # Arabic joined and right to left, Devanagari with its conjuncts (HarfBuzz).
            pdf.set_text_shaping(True)
        missing = {ord(c) for c in chars} - covered
        missing = {c for c in missing if unicodedata.category(chr(c))[0] not in "CZ"}
        if missing and fallbacks:
            fonts._add_fallbacks(missing)
        return fonts

    def _add_fallbacks(self, missing: set[int]) -> None:
        added: list[str] = []
        for number, path in enumerate(_candidates(missing)):
            wanted = missing & cmap_of(path)
            if not wanted:
                continue
            family = f"fallback{number}"
            self.pdf.add_font(family, "", str(path))
            added.append(family)
            self.covered |= wanted
            missing -= wanted
            if not missing:
                break
        if added:
            self.pdf.set_fallback_fonts(added, exact_match=False)

    def fit(self, text: str) -> str:
        """``text`` with every character a font here can print."""
        return "".join(self._fit_char(c) for c in text)

    def _fit_char(self, char: str) -> str:
        known = self._fitted.get(char)
        if known is None:
            known = self._fitted[char] = self._replace(char)
        return known

    def _can_print(self, code: int) -> bool:
        # The fonts' own "characters" like U+FFFD would print as empty boxes: only real glyphs.
        return code != 0xFFFD and code in self.covered

    def _replace(self, char: str) -> str:
        if char == "\n" or self._can_print(ord(char)):
            return char
        if char == "\t":
            return " "
        if unicodedata.category(char)[0] == "C":
            return ""  # control and format characters print as nothing
        if char in SYMBOL_FALLBACK:
            return self.fit(SYMBOL_FALLBACK[char])
        plain = unicodedata.normalize("NFKD", char)
        kept = "".join(c for c in plain if not unicodedata.combining(c) and self._can_print(ord(c)))
        if not kept and unicodedata.category(char)[0] in "LNS":  # letters, digits, emoji
            self.lost.add(char)
        return kept or "?"


def shown_letters(lost: set[str]) -> str:
    """The letters no font could print, for a note: the first ten, in order."""
    letters = sorted(lost)
    return ", ".join(letters[:10]) + (", ..." if len(letters) > 10 else "")


def needs_shaping(code: int) -> bool:
    return any(low <= code <= high for low, high in SHAPED_RANGES)


def _candidates(missing: set[int]) -> Iterator[Path]:
    """Fallback font files, best first; each is read only if the one before left gaps."""
    for name in SYMBOLS:
        yield SHIPPED / name
    dejavu = find_system_font(DEJAVU)
    if dejavu is not None:
        yield dejavu
    if any(code >= 0x2E80 for code in missing):
        for name in CJK_NAMES:
            path = find_system_font(name)
            if path is not None:
                yield path


@functools.cache
def _has_shaper() -> bool:
    """Whether fpdf2 can shape text (it needs uharfbuzz)."""
    try:
        importlib.import_module("uharfbuzz")
    except ImportError:
        return False
    return True


@functools.cache
def _unpacked(module: str) -> Path | None:
    """A font of pymupdf-fonts (shipped as a compressed Python module) as a file of this run."""
    try:
        data = bytes(importlib.import_module(f"pymupdf_fonts.{module}").fontbuffer)
    except (ImportError, AttributeError):
        return None
    holder = tempfile.TemporaryDirectory(prefix="ottool-fonts-")
    _KEEP.append(holder)  # lives as long as the process
    path = Path(holder.name) / f"{module}.ttf"
    path.write_bytes(data)
    return path


_KEEP: list[Any] = []


@functools.cache
def cmap_of(path: Path) -> frozenset[int]:
    """The characters a font file has, read without loading the whole font (once a process)."""
    from fontTools.ttLib import TTCollection, TTFont

    try:
        if path.suffix.lower() in (".ttc", ".otc"):
            with TTCollection(str(path), lazy=True) as collection:
                return frozenset(collection.fonts[0].getBestCmap() or {})
        with TTFont(str(path), lazy=True) as font:
            return frozenset(font.getBestCmap() or {})
    except Exception:  # a broken system font is simply not used
        return frozenset()


@functools.cache
def find_system_font(name: str) -> Path | None:
    for folder in SYSTEM_DIRS:
        if not folder.is_dir():
            continue
        for candidate in (folder / name, *folder.glob(f"*/{name}"), *folder.glob(f"*/*/{name}")):
            if candidate.is_file():
                return candidate
    return None
