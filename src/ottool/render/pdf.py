"""A home plan as a printable PDF (fpdf2): a two-page handout on A4 or Letter.

The default plan (four activities, a two-week tracker, "When to call", notes,
disclaimer and sources) fits two pages: a compact header and status block, the
activity cards in two columns (a card moves to the next column rather than
splitting, where it can), a tracker and "When to call" across the width, and
the sources as small print at the foot of the last page. Body text is 10 pt.

ottool breaks lines and pages itself and prints each finished line with
fpdf2's ``text()``: every character's width is looked up once, so any text
(a 200,000-character name, a 1,500-word activity) wraps in linear time and
never meets fpdf2's "not enough horizontal space" or "too high" errors.

Text is set in Noto Sans from the ``pymupdf-fonts`` package. Characters it lacks
come from the first fallback font that has them (Noto's symbol fonts, DejaVu
Sans, a CJK system font), cut down to just those characters and, when the font
has PostScript (CFF) outlines, converted to TrueType outlines so that it is
embedded as what it is. Fallback fonts are read only when the text needs them.
Whatever no font can show becomes words or ASCII (``→`` → ``->``), then its
plain-Latin form (``Ł`` → ``L``), then ``?``: a plan never fails over a character.
The status symbols (✓ ◐ ! ?) are drawn beside their words.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ottool.core.errors import InputError
from ottool.core.i18n import _, language
from ottool.documents.plan_document import ActivityCard, PlanDocument
from ottool.documents.result_document import CallSign
from ottool.documents.wording import page_label, week_label

PAPERS = {"a4": "A4", "letter": "Letter"}
#: The default plan fits this many pages; a plan that would spill over is set a little tighter.
HANDOUT_PAGES = 2

PT = 25.4 / 72  # millimetres in a point
BODY_PT = 10
LINE_MM = 4.1  # line height for body text: 1.15 spacing
TIGHT_LINE_MM = 3.85
TIGHTEST_LINE_MM = 3.75  # still clear of accents on capitals (Á, É) in Noto Sans
SMALL_PT = 7  # sources and the page footer: fine print
SMALL_LINE_MM = 3.0
TIGHTEST_SMALL_LINE_MM = 2.75
MARGIN_X = 12
TIGHT_MARGIN_X = 9.5
MARGIN_TOP = 11
TIGHT_MARGIN_TOP = 9.5
MARGIN_BOTTOM = 12  # the footer line sits inside it
COLUMN_GAP = 6.5
TIGHT_COLUMN_GAP = 5.0

INK = (29, 42, 48)
MUTED = (70, 84, 90)
ACCENT = (31, 95, 102)
URGENT = (140, 29, 24)
RULE = (185, 202, 200)
SHADE = (236, 243, 242)
GRID = (120, 140, 144)

#: Symbols the fonts may lack, as words or ASCII; the words beside them carry the meaning.
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


#: Noto fonts shipped (as compressed Python modules) by the pymupdf-fonts package.
_NOTO_TEXT = {"": "NotoSans_Regular", "B": "NotoSans_Bold"}
_NOTO_EXTRA = ("NotoSansSymbols2_Regular", "NotoSansSymbols_Regular", "NotoSansMath_Regular")
#: pymupdf-fonts' FiraGO: Arabic, Hebrew, Devanagari, Thai, Georgian and more, which
#: Noto Sans lacks. These scripts need shaping (joined Arabic letters, Devanagari
#: conjuncts) and right-to-left order, so their runs go through fpdf2's HarfBuzz
#: shaping (uharfbuzz) instead of plain ``text()``.
_SCRIPTS_FONT = "FiraGO_Regular"
_SHAPED_FAMILY = "scripts"
#: Unicode blocks whose letters must be shaped: Hebrew to Sinhala (Hebrew, Arabic,
#: Syriac, Thaana, N'Ko, the Indic scripts), Thai and Lao, and Arabic presentation forms.
_SHAPED_RANGES = ((0x0590, 0x0DFF), (0x0E00, 0x0EFF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))
_SYSTEM_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
    Path("/System/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)
_DEJAVU = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
#: Fonts with Chinese, Japanese and Korean characters that systems commonly have.
_CJK_NAMES = (
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJKsc-Regular.otf",
    "DroidSansFallbackFull.ttf",
    "DroidSansFallback.ttf",
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "msyh.ttc",
)


def plan_pdf(doc: PlanDocument, *, paper: str = "a4", notes: list[str] | None = None) -> bytes:
    """The plan as PDF bytes.

    Letters that no font on this computer can show (Chinese without a CJK system font)
    print as ``?``; a sentence saying which is appended to ``notes``.
    """
    if paper.lower() not in PAPERS:
        raise InputError(f"unknown paper size '{paper}': use a4 or letter")
    import logging

    from fpdf import FPDF

    # fontTools reports tables it leaves out of a font subset; nothing a reader can act on.
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
    pdf = FPDF(orientation="portrait", unit="mm", format=PAPERS[paper.lower()])
    pdf.set_auto_page_break(auto=False)
    pdf.set_creator("ottool")
    # Document properties that screen readers and PDF viewers announce.
    pdf.set_title(doc.title)
    pdf.set_subject(doc.labels.subject)
    pdf.set_lang(language())
    if doc.therapist:
        pdf.set_author(doc.therapist)
    faces = _Faces.for_text(pdf, _printed_text(doc))
    pages = _lay_out(doc, faces, pdf.w, pdf.h, level=0)
    for level in (1, 2):  # tighter, then tightest, while that saves a page
        if len(pages.pages) <= HANDOUT_PAGES:
            break
        tighter = _lay_out(doc, faces, pdf.w, pdf.h, level=level)
        if len(tighter.pages) < len(pages.pages):
            pages = tighter
    # The title and date, cut to what fits beside "Page 10 of 10".
    room = pdf.w - 2 * MARGIN_X - faces.width(faces.fit(page_label(10, 10)), FOOTER) - 6
    footer = wrap(
        [Span(f"{doc.title} · {doc.date_shown}", FOOTER)],
        room,
        faces=faces,
        height=SMALL_LINE_MM,
        max_lines=1,
    )[0]
    for number, placed in enumerate(pages.pages, start=1):
        pdf.add_page()
        for x, y, item in placed:
            item.draw(pdf, x, y)
        _footer(pdf, faces, footer, faces.fit(page_label(number, len(pages.pages))))
    data = bytes(pdf.output())
    if faces.lost and notes is not None:
        shown = ", ".join(sorted(faces.lost)[:10]) + (", ..." if len(faces.lost) > 10 else "")
        notes.append(
            _(
                "the PDF has no font on this computer for {characters}, so they print as "
                "'?'; the HTML plan (--output plan.html) shows them, and a font for that "
                "script (such as Noto Sans CJK) lets the PDF show them too"
            ).format(characters=shown)
        )
    return data


def _lay_out(
    doc: PlanDocument, faces: _Faces, width: float, height: float, *, level: int
) -> _Pages:
    """Lay the plan out; ``level`` 1 and 2 set it tighter (for plans that would spill over)."""
    tight = level > 0
    # Tight: narrower side margins too (longer languages, Spanish, need the room).
    side, top = (TIGHT_MARGIN_X, TIGHT_MARGIN_TOP) if tight else (MARGIN_X, MARGIN_TOP)
    pages = _Pages(
        top,
        height - MARGIN_BOTTOM,
        side,
        width - 2 * side,
        split_pages=tight,
        gap=TIGHT_COLUMN_GAP if tight else COLUMN_GAP,
    )
    _Plan(doc, faces, pages, level=level).lay_out()
    return pages


# --- text: styles, widths and line breaking --------------------------------------------------


@dataclass(frozen=True)
class Style:
    """How a piece of text looks: ``face`` is "" or "B" (bold).

    Two faces only: each font costs time to read and to embed, and muted colour
    sets lead-ins and the disclaimer apart as well as italics would.
    """

    face: str = ""
    size: float = BODY_PT
    colour: tuple[int, int, int] = INK


BODY = Style()
BOLD = Style("B")
MUTED_TEXT = Style(colour=MUTED)


@dataclass(frozen=True)
class Span:
    text: str
    style: Style = BODY


@dataclass
class Line:
    """One laid-out line: pieces of text at offsets from the line's left edge."""

    pieces: list[tuple[float, str, Style]]
    height: float


NBSP = "\u00a0"
_TOKENS = re.compile(r"\n|[ \t]+|[^ \t\n]+")


class _Enough(Exception):
    """Raised inside :func:`wrap` once it has the lines asked for."""


#: Millimetres a line may exceed its width by rounding alone (far below a printed dot).
_WIDTH_SLACK = 1e-6


def wrap(
    spans: Sequence[Span],
    width: float,
    *,
    faces: _Faces,
    height: float = LINE_MM,
    indent: float = 0,
    max_lines: int | None = None,
) -> list[Line]:
    """Break ``spans`` into lines at most ``width`` mm wide; later lines start at ``indent``.

    Greedy, at spaces; a word wider than a line is cut between characters.
    Linear in the length of the text; with ``max_lines``, stops there.
    """
    # A width measured on the whole text (a column made as wide as its longest word) is the
    # sum of the same character widths in another order, and may differ in the last bits.
    width += _WIDTH_SLACK
    lines: list[Line] = []
    pieces: list[tuple[float, str, Style]] = []
    x = 0.0
    space: tuple[float, str, Style] | None = None  # a pending space, kept only mid-line

    def finish() -> None:
        nonlocal pieces, x, space
        lines.append(Line(_merge(pieces), height))
        pieces, x, space = [], indent, None
        if max_lines is not None and len(lines) >= max_lines:
            raise _Enough

    def add(text: str, style: Style) -> None:
        # A non-breaking space only holds words together; it prints as a space.
        pieces.append((x, text.replace(NBSP, " "), style))

    try:
        for span in spans:
            style = span.style
            for token in _TOKENS.findall(faces.fit(span.text)):
                if token == "\n":
                    finish()
                    continue
                if token[0] in " \t":
                    if pieces:
                        space = (x, " ", style)
                    continue
                word_width = faces.width(token, style)
                gap = faces.width(" ", space[2]) if space else 0.0
                if pieces and x + gap + word_width > width:
                    finish()
                    gap = 0.0
                elif space:
                    pieces.append(space)
                space = None
                x += gap
                start = 0
                while x + word_width > width and start < len(token):
                    # A word longer than the line: as many characters as fit, then the rest.
                    count, used = faces.prefix_fitting(token, start, style, max(width - x, 0.0))
                    add(token[start : start + count], style)
                    start += count
                    word_width -= used
                    finish()
                if start < len(token):
                    add(token[start:], style)
                    x += word_width
        if pieces or not lines:
            finish()
    except _Enough:
        pass
    return lines


def _merge(pieces: list[tuple[float, str, Style]]) -> list[tuple[float, str, Style]]:
    """Join neighbouring pieces of one style, so each line prints in few calls."""
    merged: list[tuple[float, str, Style]] = []
    for x, text, style in pieces:
        if merged and merged[-1][2] == style:
            start, before, _ = merged[-1]
            merged[-1] = (start, before + text, style)
        else:
            merged.append((x, text, style))
    return merged


# --- fonts -----------------------------------------------------------------------------------


@dataclass
class _Faces:
    """The document's fonts: which one prints each character, and how wide it is."""

    pdf: Any
    family: str
    covered: Callable[[int], bool]
    fallbacks: list[tuple[str, set[int]]] = field(default_factory=list)
    #: Characters (spaces) that stay in a run of shaped text rather than start a new run.
    shaped_joiners: set[int] = field(default_factory=set)
    #: Letters no font here has, printed as "?" (said to the user).
    lost: set[str] = field(default_factory=set)
    _fitted: dict[str, str] = field(default_factory=dict)
    _widths: dict[tuple[str, str], float] = field(default_factory=dict)

    @classmethod
    def for_text(cls, pdf: Any, chars: set[str]) -> _Faces:
        """Add the best fonts available for ``chars`` to ``pdf``."""
        files = _noto_files() or _system_files(_DEJAVU)
        if not files:
            for style in ("", "B"):
                pdf.set_font("helvetica", style, BODY_PT)
            return cls(pdf, "helvetica", lambda code: code < 256 and not 0x7F <= code < 0xA0)
        for style in ("", "B"):
            # A missing bold file is printed in the regular face.
            pdf.add_font("plan", style, str(files.get(style, files[""])))
        cmap: set[int] = set(pdf.fonts["plan"].cmap)
        faces = cls(pdf, "plan", cmap.__contains__)
        missing = {ord(c) for c in chars if c not in "\n\t"} - cmap
        missing = {c for c in missing if unicodedata.category(chr(c))[0] not in "CZ"}
        if missing:
            faces._add_fallbacks(missing)
        return faces

    def _add_fallbacks(self, missing: set[int]) -> None:
        shaped = {code for code in missing if _needs_shaping(code)}
        if shaped:
            self._add_scripts_font(missing)
        for number, path in enumerate(_fallback_candidates(missing)):
            if not missing:
                break
            wanted = missing & _cmap(path)
            if not wanted:
                continue
            subset = _truetype_subset(path, wanted)
            if subset is None:
                continue
            family = f"fallback{number}"
            self.pdf.add_font(family, "", str(subset))
            self.fallbacks.append((family, wanted))
            missing -= wanted

    def _add_scripts_font(self, missing: set[int]) -> None:
        """FiraGO, whole (fpdf2 keeps only the glyphs used), for the scripts to shape.

        It is TrueType already, and cutting it down here would cost seconds (its
        shaping tables are large); fpdf2's own subsetting at output keeps what shaping
        used. Takes the characters it has out of ``missing``.
        """
        path = _noto_file(_noto_dir(), _SCRIPTS_FONT) if _has_noto() else None
        if path is None or not _has_shaper():
            return
        wanted = missing & _cmap(path)
        if not wanted:
            return
        self.pdf.add_font(_SHAPED_FAMILY, "", str(path))
        # Spaces and marks between shaped letters stay in the same run (word order).
        joiners = {*range(0x20, 0x41), 0xA0, 0x200C, 0x200D}  # space, digits, punctuation
        self.fallbacks.insert(0, (_SHAPED_FAMILY, wanted))
        self.shaped_joiners = joiners & _cmap(path)
        missing -= wanted

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
        if code == 0xFFFD:
            return False
        return self.covered(code) or any(code in chars for _, chars in self.fallbacks)

    def _replace(self, char: str) -> str:
        if char in "\n\t" or self._can_print(ord(char)):
            return char
        if unicodedata.category(char)[0] == "C":
            return ""  # control and format characters print as nothing
        if char in SYMBOL_FALLBACK:
            return self.fit(SYMBOL_FALLBACK[char])
        plain = unicodedata.normalize("NFKD", char)
        kept = "".join(c for c in plain if not unicodedata.combining(c) and self._can_print(ord(c)))
        if not kept and unicodedata.category(char)[0] in "LN":
            self.lost.add(char)
        return kept or "?"

    def font_key(self, char: str, face: str) -> tuple[str, str]:
        """The (family, style) that prints ``char``."""
        code = ord(char)
        if self.covered(code):
            return self.family, face
        for family, chars in self.fallbacks:
            if code in chars:
                return family, ""
        return self.family, face

    def char_width(self, char: str, face: str) -> float:
        """Width of ``char`` at 1 pt, in millimetres."""
        known = self._widths.get((char, face))
        if known is None:
            family, style = self.font_key(char, face)
            font = self.pdf.fonts[family + style]
            _, points = font.get_text_width(char, 1, None)
            known = self._widths[(char, face)] = points * PT
        return known

    def width(self, text: str, style: Style) -> float:
        return sum(self.char_width(c, style.face) for c in text) * style.size

    def prefix_fitting(
        self, text: str, start: int, style: Style, width: float
    ) -> tuple[int, float]:
        """How many characters of ``text`` from ``start`` fit ``width`` (at least one), and
        how wide they are."""
        used = 0.0
        for i in range(start, len(text)):
            char = self.char_width(text[i], style.face) * style.size
            if used + char > width and i > start:
                return i - start, used
            used += char
        return len(text) - start, used

    def runs(self, text: str, face: str) -> Iterator[tuple[str, str, str]]:
        """``text`` cut into (family, style, text) runs, one font each."""
        start = 0
        key = self.font_key(text[0], face) if text else (self.family, face)
        for i, char in enumerate(text):
            this = self.font_key(char, face)
            if key[0] == _SHAPED_FAMILY and ord(char) in self.shaped_joiners:
                this = key  # "محمد علي" is one run, so its words keep right-to-left order
            if this != key:
                yield (*key, text[start:i])
                start, key = i, this
        if start < len(text):
            yield (*key, text[start:])


def _needs_shaping(code: int) -> bool:
    return any(low <= code <= high for low, high in _SHAPED_RANGES)


@functools.cache
def _has_shaper() -> bool:
    """Whether fpdf2 can shape text (it needs uharfbuzz)."""
    try:
        importlib.import_module("uharfbuzz")
    except ImportError:
        return False
    return True


def _printed_text(doc: PlanDocument) -> set[str]:
    """Every character the PDF prints: status marks are drawn, so they need no font."""
    import json

    data = doc.as_data()
    data["overall"] = doc.next_step.words if doc.next_step else None
    data["areas"] = [(area.name, area.words) for area in doc.areas]
    data["labels"] = dataclasses.asdict(doc.labels)
    words = [doc.date_shown, doc.checklist, doc.tracker_note, page_label(10, 10)]
    words.append(doc.therapist or "")  # printed in the header, not part of the plan's data
    words += [week_label(week) for week in range(1, doc.tracker_weeks + 1)]
    data["shown"] = words
    return set(json.dumps(data, ensure_ascii=False))


@functools.cache
def _cmap(path: Path) -> frozenset[int]:
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


def _truetype_subset(path: Path, chars: set[int]) -> Path | None:
    """A small TrueType font with just ``chars`` from ``path``, converted from CFF if needed.

    fpdf2 embeds every font as TrueType; a CFF (PostScript-outline) font embedded
    that way makes poppler warn "Mismatch between font type and embedded font file"
    and some viewers draw wrong glyphs. Cutting the font down first keeps this fast.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(str(path), fontNumber=0, lazy=False)
        options = subset.Options()
        options.layout_features = []
        options.notdef_outline = True
        options.name_IDs = ["*"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=sorted(chars))
        subsetter.subset(font)
        if "CFF " in font or "CFF2" in font:
            _cff_to_glyf(font)
        out = _font_dir() / f"subset-{len(list(_font_dir().iterdir()))}.ttf"
        font.save(str(out))
        return out
    except Exception:  # a font that cannot be cut down is simply not used
        return None


def _cff_to_glyf(font: Any) -> None:
    """Replace a font's CFF outlines with TrueType (quadratic) ones, in place."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

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
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, name, 0)
    maxp.maxZones = 1
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0


def _fallback_candidates(missing: set[int]) -> Iterator[Path]:
    folder = _noto_dir()
    if _has_noto():
        for module in _NOTO_EXTRA:
            path = _noto_file(folder, module)
            if path is not None:
                yield path
    dejavu = _system_files({"": _DEJAVU[""]})
    if dejavu:
        yield dejavu[""]
    if any(code >= 0x2E80 for code in missing):
        yield from _system_files_named(_CJK_NAMES)


def _noto_files() -> dict[str, Path] | None:
    if not _has_noto():
        return None
    folder = _noto_dir()
    found = {style: _noto_file(folder, module) for style, module in _NOTO_TEXT.items()}
    paths = {style: path for style, path in found.items() if path is not None}
    return paths if "" in paths else None


@functools.cache
def _has_noto() -> bool:
    try:
        importlib.import_module("pymupdf_fonts")
    except ImportError:
        return False
    return True


@functools.cache
def _font_dir() -> Path:
    """A private folder for this run's font files: fallback subsets (and Noto, without a cache)."""
    # The folder lives as long as the process; the fonts unpack in milliseconds.
    holder = tempfile.TemporaryDirectory(prefix="ottool-fonts-")
    _KEEP.append(holder)
    return Path(holder.name)


_KEEP: list[Any] = []


@functools.cache
def _noto_dir() -> Path:
    """Where the Noto fonts are unpacked: a cache kept between runs, else a private folder.

    pymupdf-fonts ships each font xz-compressed inside a Python module; unpacking
    two of them takes longer than laying out the whole plan, so it happens once.
    """
    import os
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("pymupdf-fonts")
    except PackageNotFoundError:
        release = "unknown"
    home = os.environ.get("OTTOOL_HOME")
    if home:
        base = Path(home) / "cache"
    else:
        import platformdirs

        base = Path(platformdirs.user_cache_dir("ottool", appauthor=False))
    folder = base / f"fonts-{release}"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        probe = folder / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        return _font_dir()  # no cache to be had: unpack into the private folder
    return folder


#: The largest font file ottool reads from its cache (Noto Sans is about 0.5 MB).
_MAX_FONT_BYTES = 32 * 1024 * 1024


def _noto_file(folder: Path, module: str) -> Path | None:
    """The unpacked font, checked against the digest written beside it when it was unpacked.

    A cached font that was damaged (cut short, overwritten, made a folder or a link to
    ``/dev/zero``) does not match and is unpacked again, so one bad file in the cache
    never stops every later PDF.
    """
    path = folder / f"{module}.ttf"
    digest_file = folder / f"{module}.sha256"
    if _cached_font_ok(path, digest_file):
        return path
    try:
        buffer = bytes(importlib.import_module(f"pymupdf_fonts.{module}").fontbuffer)
    except (ImportError, AttributeError):
        return None
    # Whole or not at all, so a run that reads the cache meanwhile never sees half a font;
    # the font goes first and its digest last, so a digest always names a whole font.
    import hashlib
    import os

    try:
        for target, data in ((path, buffer), (digest_file, hashlib.sha256(buffer).hexdigest())):
            partial = folder / f".{target.name}.{os.getpid()}.tmp"
            try:
                partial.write_bytes(data if isinstance(data, bytes) else data.encode())
                if target.is_dir() and not target.is_symlink():
                    import shutil

                    shutil.rmtree(target)
                os.replace(partial, target)
            finally:
                partial.unlink(missing_ok=True)
    except OSError:
        path = _font_dir() / f"{module}.ttf"
        path.write_bytes(buffer)
    return path


def _cached_font_ok(path: Path, digest_file: Path) -> bool:
    """Whether ``path`` is a regular file whose SHA-256 is the one recorded beside it."""
    import hashlib
    import os
    import stat

    try:
        found = os.stat(path)
        if not stat.S_ISREG(found.st_mode) or not 0 < found.st_size <= _MAX_FONT_BYTES:
            return False
        digest = os.stat(digest_file)
        if not stat.S_ISREG(digest.st_mode) or digest.st_size != 64:
            return False
        expected = digest_file.read_text(encoding="ascii")
        return hashlib.sha256(path.read_bytes()).hexdigest() == expected
    except (OSError, UnicodeError):
        return False


def _system_files(names: dict[str, str]) -> dict[str, Path]:
    wanted = {style: _find_system_font(name) for style, name in names.items()}
    found = {style: path for style, path in wanted.items() if path is not None}
    return found if "" in found else {}


def _system_files_named(names: Iterable[str]) -> Iterator[Path]:
    for name in names:
        path = _find_system_font(name)
        if path is not None:
            yield path


@functools.cache
def _find_system_font(name: str) -> Path | None:
    for folder in _SYSTEM_DIRS:
        if not folder.is_dir():
            continue
        for candidate in (folder / name, *folder.glob(f"*/{name}"), *folder.glob(f"*/*/{name}")):
            if candidate.is_file():
                return candidate
    return None


# --- drawing ---------------------------------------------------------------------------------


def _print_line(pdf: Any, faces: _Faces, line: Line, x: float, y: float) -> None:
    """Print a laid-out line whose top-left corner is at (x, y)."""
    for offset, text, style in line.pieces:
        size = style.size * PT
        baseline = y + (line.height - size) / 2 + 0.78 * size
        pdf.set_text_color(*style.colour)
        left = x + offset
        for family, face, run in faces.runs(text, style.face):
            pdf.set_font(family, face, style.size)
            width = faces.width(run, style)
            if family == _SHAPED_FAMILY:
                _print_shaped(pdf, run, left, baseline, width, size)
            else:
                pdf.text(left, baseline, run)
            left += width


def _print_shaped(
    pdf: Any, run: str, left: float, baseline: float, width: float, size: float
) -> None:
    """A run of Arabic, Devanagari... shaped by HarfBuzz, in its own direction.

    fpdf2 shapes only in ``cell()``; the cell is placed so that its baseline
    (top + half its height + 0.3 of the font size) is the line's.
    """
    pdf.set_text_shaping(True)
    try:
        pdf.set_xy(left - pdf.c_margin, baseline - 0.8 * size)
        pdf.cell(w=width + 2 * pdf.c_margin, h=size, text=run)
    finally:
        pdf.set_text_shaping(False)


def _mark(pdf: Any, symbol: str, x: float, y: float, height: float) -> float:
    """Draw a status mark (✓ ◐ ! ?) in a box ``height`` tall at (x, y); return its width."""
    size = 3.2
    cx, cy = x + size / 2, y + height / 2
    if symbol == "✓":
        pdf.set_draw_color(*ACCENT)
        pdf.set_line_width(0.55)
        pdf.polyline([(x + 0.3, cy), (x + 1.2, cy + 1.1), (x + size, cy - 1.3)])
    elif symbol == "◐":
        pdf.set_draw_color(*ACCENT)
        pdf.set_fill_color(*ACCENT)
        pdf.set_line_width(0.3)
        pdf.circle(x=cx, y=cy, radius=size / 2 - 0.15, style="D")
        pdf.solid_arc(cx, cy, size / 2 - 0.15, 90, 270, style="F")
    else:
        colour = URGENT if "!" in symbol else MUTED
        pdf.set_fill_color(*colour)
        pdf.set_text_color(255, 255, 255)
        width = size * max(1, len(symbol) * 0.75)
        pdf.rect(x, cy - size / 2, width, size, style="F", round_corners=True, corner_radius=0.8)
        pdf.set_font(pdf.font_family or "helvetica", "B", 7.5)
        text_w = pdf.get_string_width(symbol)
        pdf.text(x + (width - text_w) / 2, cy + 0.95, symbol)
        return width + 1.4
    return size + 1.4


FOOTER = Style(size=SMALL_PT + 0.5, colour=MUTED)


def _footer(pdf: Any, faces: _Faces, left: Line, right: str) -> None:
    """The footer line: the plan's title and date at the left, the page number at the right."""
    style = FOOTER
    y = pdf.h - MARGIN_BOTTOM + 4.5
    right_w = faces.width(right, style)
    _print_line(pdf, faces, left, MARGIN_X, y)
    _print_line(pdf, faces, Line([(0, right, style)], SMALL_LINE_MM), pdf.w - MARGIN_X - right_w, y)


# --- pages -----------------------------------------------------------------------------------

Draw = Callable[[Any, float, float], None]


@dataclass
class Item:
    """A slice of the page, as tall as ``height``; a page or column may break before it."""

    height: float
    draw: Draw
    breakable: bool = True
    space: bool = False  # blank space only: dropped at the top of a column
    column_break: bool = False  # may move to the next column of the same page


def _nothing(pdf: Any, x: float, y: float) -> None:
    """Blank space draws nothing."""


def gap(height: float) -> Item:
    return Item(height, _nothing, space=True)


def keep(items: list[Item]) -> list[Item]:
    """The items as one block that a column or page break does not split, where it can."""
    for item in items[1:]:
        item.breakable = False
    return items


def keep_on_page(items: list[Item], *, lines: int = 3) -> list[Item]:
    """The items as one block that may go on in the next column, but not on the next page.

    At least ``lines`` items stay together at either end of a column break.
    """
    keep(items)
    for item in items[lines + 1 : len(items) - lines + 1]:
        item.column_break = True
    return items


@dataclass
class _Pages:
    """Places items top to bottom, in one or more columns, page after page."""

    top: float
    bottom: float
    left: float
    width: float
    pages: list[list[tuple[float, float, Item]]] = field(default_factory=lambda: [[]])
    y: float = 0.0
    #: A card may go on from the last column of a page to the next page (tight plans).
    split_pages: bool = False
    gap: float = COLUMN_GAP

    def __post_init__(self) -> None:
        self.y = self.top

    def column_width(self, columns: int) -> float:
        return (self.width - self.gap * (columns - 1)) / columns

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.top

    def place(self, items: list[Item], columns: int = 1, *, keep_with: float = 0) -> None:
        """Flow ``items`` from the current position; several columns end level.

        ``keep_with`` is the room (mm) that what comes next needs on the same page.
        """
        if keep_with and self.y + sum(i.height for i in items) + keep_with > self.bottom:
            self.new_page()
        rest = items
        step = self.column_width(columns) + self.gap
        while rest:
            room = self.bottom - self.y
            full = self.bottom - self.top
            filled, end = _fill(rest, room, full, columns, split_pages=self.split_pages)
            if end == len(rest) and columns > 1:
                filled = _balanced(rest, room, full, columns)
            if end == 0:
                self.new_page()
                continue
            for number, column in enumerate(filled):
                y = self.y
                for item in column:
                    self.pages[-1].append((self.left + number * step, y, item))
                    y += item.height
            rest = rest[end:]
            if rest:
                self.new_page()
            else:
                self.y += max(sum(i.height for i in column) for column in filled)

    def place_at_foot(self, items: list[Item]) -> None:
        """Put ``items`` at the foot of this page if they fit below what is there, else flow."""
        height = sum(i.height for i in items)
        if self.y + height > self.bottom:
            self.place(items)
            return
        y = self.bottom - height
        for item in items:
            self.pages[-1].append((self.left, y, item))
            y += item.height
        self.y = self.bottom


def _fill(
    items: list[Item], room: float, full: float, columns: int, *, split_pages: bool = False
) -> tuple[list[list[Item]], int]:
    """Fill up to ``columns`` columns ``room`` tall; return them and the next item's index.

    A column ends before the last breakable item that still fits. A block
    that cannot fit in this short column but would in a full one moves on;
    a block taller than a full column is split where it must.
    """
    filled: list[list[Item]] = []
    i = 0
    for column in range(columns):
        last = column == columns - 1
        while i < len(items) and items[i].space:
            i += 1  # no blank space at the top of a column
        start, used, j = i, 0.0, i
        while j < len(items) and used + items[j].height <= room + 1e-6:
            used += items[j].height
            j += 1
        if j < len(items):
            cut = next(
                (
                    k
                    for k in range(j, start, -1)
                    if items[k].breakable or (items[k].column_break and (split_pages or not last))
                ),
                start,
            )
            if cut == start and j > start:
                block = _block_height(items, start)
                cut = start if block <= full and room < full else j
            j = cut
        filled.append(items[start:j])
        i = j
        if i >= len(items):
            break
    return filled, i


def _block_height(items: list[Item], start: int) -> float:
    """Height of the unbreakable block that begins at ``start``."""
    height = items[start].height
    for item in items[start + 1 :]:
        if item.breakable:
            break
        height += item.height
    return height


def _balanced(items: list[Item], room: float, full: float, columns: int) -> list[list[Item]]:
    """The shortest columns (no taller than ``room``) that hold every item."""
    low, high = max(i.height for i in items), room
    best, _ = _fill(items, room, full, columns)
    for _ in range(24):
        if high - low < 0.5:
            break
        middle = (low + high) / 2
        filled, end = _fill(items, middle, full, columns)
        if end == len(items):
            best, high = filled, middle
        else:
            low = middle
    return best


# --- the plan --------------------------------------------------------------------------------


class _Plan:
    """Turns the plan document into page items: header, status, cards, tracker and the rest."""

    def __init__(self, doc: PlanDocument, faces: _Faces, pages: _Pages, *, level: int) -> None:
        self.doc = doc
        self.faces = faces
        self.pages = pages
        # Tight: a little less leading and space, for plans that would just spill over.
        tight = level > 0
        self.line = (LINE_MM, TIGHT_LINE_MM, TIGHTEST_LINE_MM)[level]
        self.spacing = (1.0, 0.4, 0.2)[level]
        self.tight = tight
        self.level = level
        self.row = (6.6, 6.0, 5.6)[level]  # a tracker row: room to tick a box

    def gap(self, height: float) -> Item:
        return gap(height * self.spacing)

    def lay_out(self) -> None:
        full = self.pages.width
        half = self.pages.column_width(2)
        self.pages.place([*self.header(full), *self.status(full)])
        self.pages.place(
            keep(
                [
                    *self.heading(self.doc.labels.activities, full),
                    *self.text([Span(self.doc.intro)], full),
                ]
            )
        )
        cards: list[Item] = []
        for number, card in enumerate(self.doc.activities, start=1):
            cards += self.card(number, card, half)
        self.pages.place(cards, columns=2)
        self.pages.place(self.tracker(full))
        self.when_to_call(full, half)
        if self.doc.notes:
            notes = self.heading(self.doc.labels.notes, full)
            for note in self.doc.notes:
                notes += self.bullet([Span(note)], full, "–")
            self.pages.place(keep(notes[:3]) + notes[3:])
        # Clear room above the disclaimer, tight or not: it must not read as part of
        # the therapist's last note.
        # Not a gap: a gap at the start of a placed block is dropped like one at the top
        # of a column, and the disclaimer must not read as the therapist's last note.
        room = Item((5, 4, 3)[self.level], _nothing)
        self.pages.place(keep([room, *self.text([Span(self.doc.disclaimer, MUTED_TEXT)], full)]))
        self.pages.place_at_foot(self.sources(full))

    # Building blocks.

    def lines(
        self, lines: Iterable[Line], x: float = 0, *, bar: tuple[int, int, int] | None = None
    ) -> list[Item]:
        """One item per line, each drawing its line ``x`` mm in (and a slice of a side bar)."""
        faces = self.faces

        def item(line: Line) -> Item:
            def draw(pdf: Any, left: float, top: float) -> None:
                if bar is not None:
                    pdf.set_draw_color(*bar)
                    pdf.set_line_width(0.8)
                    pdf.line(left - 3, top, left - 3, top + line.height)
                _print_line(pdf, faces, line, left + x, top)

            return Item(line.height, draw)

        return [item(line) for line in lines]

    def text(
        self,
        spans: Sequence[Span],
        width: float,
        *,
        x: float = 0,
        indent: float = 0,
        height: float | None = None,
        bar: tuple[int, int, int] | None = None,
    ) -> list[Item]:
        lines = wrap(spans, width - x, faces=self.faces, height=height or self.line, indent=indent)
        return self.lines(lines, x, bar=bar)

    def bullet(
        self,
        spans: Sequence[Span],
        width: float,
        marker: str,
        *,
        bar: tuple[int, int, int] | None = None,
    ) -> list[Item]:
        """A hanging paragraph: ``marker`` in the margin, the text aligned after it."""
        items = self.text(spans, width, x=4.5, bar=bar)
        first = items[0].draw
        faces = self.faces
        marker_line = Line([(0, faces.fit(marker), spans[0].style)], items[0].height)

        def draw(pdf: Any, left: float, top: float) -> None:
            # The marker first, so that text extraction reads "1. Lay your baby…".
            _print_line(pdf, faces, marker_line, left + 0.5, top)
            first(pdf, left, top)

        items[0] = Item(items[0].height, draw)
        return items

    def heading(self, title: str, width: float, *, note: str | None = None) -> list[Item]:
        """A section heading with a rule under it; ``note`` follows it in small print."""
        spans = [Span(title, Style("B", 12, ACCENT))]
        if note:
            spans.append(Span("   " + note, MUTED_TEXT))
        items = [self.gap(2.5), *self.text(spans, width, height=5.8)]
        last = items[-1].draw

        def draw(pdf: Any, left: float, top: float) -> None:
            last(pdf, left, top)
            pdf.set_draw_color(*RULE)
            pdf.set_line_width(0.35)
            pdf.line(left, top + 5.8, left + width, top + 5.8)

        items[-1] = Item(items[-1].height + 1.4, draw)
        return keep(items)

    def facts(
        self, pairs: list[tuple[str, str]], width: float, *, bar: tuple[int, int, int] | None = None
    ) -> list[Item]:
        """``label value`` pairs side by side, a pair moving to a new line when it does not fit."""
        faces = self.faces
        lines: list[Line] = []
        pieces: list[tuple[float, str, Style]] = []
        x = 0.0
        space = 4.5  # mm between pairs
        for label, value in pairs:
            # A non-breaking space keeps each label with the first word of its value.
            pair = wrap(
                [Span(label + "\u00a0", BOLD), Span(value)], width, faces=faces, height=self.line
            )
            pair_w = _line_width(faces, pair[0])
            if len(pair) == 1 and pieces and x + space + pair_w <= width:
                pieces += [(x + space + at, text, style) for at, text, style in pair[0].pieces]
                x += space + pair_w
                continue
            if pieces:
                lines.append(Line(pieces, self.line))
            if len(pair) == 1:
                pieces, x = list(pair[0].pieces), pair_w
            else:
                lines += pair
                pieces, x = [], 0.0
        if pieces:
            lines.append(Line(pieces, self.line))
        return self.lines(lines, bar=bar)

    # Sections.

    def header(self, width: float) -> list[Item]:
        doc, words = self.doc, self.doc.labels
        items = self.text([Span(doc.title, Style("B", 17, ACCENT))], width, height=8)
        facts = []
        if doc.child:
            facts.append((words.child, doc.child))
        facts += [
            (words.age, doc.age),
            (words.checklist, doc.checklist),
            (words.date, doc.date_shown),
        ]
        if doc.therapist:
            facts.append((words.therapist, doc.therapist))
        items += self.facts(facts, width)
        return keep(items)

    def status(self, width: float) -> list[Item]:
        doc, words = self.doc, self.doc.labels
        step = doc.next_step
        if not step and not doc.concerns:
            return []
        inner = width - 9
        colour = URGENT if step and step.urgent else ACCENT
        body: list[Item] = [self.gap(1.5)]
        if step:
            label = self.faces.fit(words.next_step)
            label_w = self.faces.width(label + " ", Style("B", 10.5))
            body += self.text(
                [Span(step.words, Style("B", 10.5))],
                inner,
                x=label_w + 6.5,
                height=5,
            )
            body[1] = self._with_label(body[1], label, step.symbol, label_w)
            body += self.text([Span(step.advice)], inner)
            if step.next_check:
                body += self.text([Span(step.next_check, BOLD)], inner)
            body += self.areas(inner)
        if doc.concerns:
            body += [
                self.gap(1.2),
                *self.text([Span(words.your_note + " ", BOLD), Span(doc.concerns)], inner),
            ]
        body.append(gap(1.5))
        return [self.gap(2.5), *keep(self._boxed(body, width, colour))]

    def _with_label(self, item: Item, label: str, symbol: str, label_w: float) -> Item:
        faces = self.faces
        line = Line([(0, label, Style("B", 10.5))], item.height)
        first = item.draw

        def draw(pdf: Any, left: float, top: float) -> None:
            _print_line(pdf, faces, line, left, top)
            _mark(pdf, symbol, left + label_w, top, item.height)
            first(pdf, left, top)

        return Item(item.height, draw)

    def _boxed(self, items: list[Item], width: float, colour: tuple[int, int, int]) -> list[Item]:
        """``items`` on a shaded band with a coloured edge; each item shades its own slice."""

        def boxed(item: Item) -> Item:
            def draw(pdf: Any, left: float, top: float) -> None:
                pdf.set_fill_color(*SHADE)
                pdf.rect(left, top, width, item.height + 0.05, style="F")
                pdf.set_fill_color(*colour)
                pdf.rect(left, top, 1.3, item.height + 0.05, style="F")
                item.draw(pdf, left + 5, top)

            return Item(item.height, draw, item.breakable, space=False)

        return [boxed(item) for item in items]

    def areas(self, width: float) -> list[Item]:
        """Each area and its status, in two columns (each as wide as its own longest name
        and status; a long name wraps rather than push the areas into one column)."""
        doc = self.doc
        if not doc.areas:
            return []
        faces = self.faces
        cells = [(faces.fit(a.name), a.symbol, faces.fit(a.words)) for a in doc.areas]
        mark_w, between = 5.0, 4.0
        rows = -(-len(cells) // 2)
        columns = [cells[:rows], cells[rows:]] if len(cells) > 1 else [cells]
        names = [max(faces.width(n, BODY) for n, _, _ in c) + 2.5 for c in columns]
        words = [max(faces.width(w, BOLD) for _, _, w in c) + mark_w for c in columns]
        over = sum(names) + sum(words) + between * (len(columns) - 1) - width
        if over > 0 and len(columns) > 1:
            # Take the missing room from the longer names, which then wrap.
            cap = max(names)
            while cap > 20 and sum(min(n, cap) for n in names) + sum(words) + between > width:
                cap -= 1
            names = [min(n, cap) for n in names]
        layout = []  # per column: its left edge, name width and status width
        x = 0.0
        for number in range(len(columns)):
            last = number == len(columns) - 1
            right = width if last else x + names[number] + words[number]
            layout.append((x, names[number], right - x - names[number] - mark_w))
            x = right + between
        items: list[Item] = [self.gap(1)]
        for row in range(rows):
            lines = []
            height = self.line
            for (left, name_w, words_w), column in zip(layout, columns, strict=True):
                if row >= len(column):
                    continue
                name, symbol, status = column[row]
                name_lines = wrap(
                    [Span(name)], name_w - 1, faces=faces, height=self.line, max_lines=2
                )
                word_line = wrap(
                    [Span(status, BOLD)], words_w, faces=faces, height=self.line, max_lines=1
                )[0]
                lines.append((left, name_w, name_lines, symbol, word_line))
                height = max(height, len(name_lines) * self.line)
            items.append(Item(height, functools.partial(self._area_row, lines)))
        return items

    def _area_row(
        self,
        cells: list[tuple[float, float, list[Line], str, Line]],
        pdf: Any,
        left: float,
        top: float,
    ) -> None:
        for x, name_w, names, symbol, words in cells:
            for number, name in enumerate(names):
                _print_line(pdf, self.faces, name, left + x, top + number * self.line)
            mark_w = _mark(pdf, symbol, left + x + name_w, top, self.line)
            _print_line(pdf, self.faces, words, left + x + name_w + mark_w, top)

    def card(self, number: int, card: ActivityCard, width: float) -> list[Item]:
        inner = width - 1
        bar = ACCENT
        items: list[Item] = [self.gap(2.5)]
        items += self.text(
            [Span(f"{number}. {card.name}", Style("B", 11, ACCENT))], inner, height=5.2, bar=bar
        )
        if card.why:
            items += self.text([Span(card.why, MUTED_TEXT)], inner, bar=bar)
        why = card.reason
        if card.practices:
            # "Practices skills you answered 'not yet': holds head steady; …"
            why = why.rstrip(".") + ": " + "; ".join(card.practices) + "."
        words = self.doc.labels
        if why:  # a card the therapist chose has no reason line of its own
            items += self.text([Span(words.why + " ", BOLD), Span(why)], inner, bar=bar)
        facts = [(words.how_much, card.dose)]
        if card.routines:
            facts.append((words.fits_into, ", ".join(card.routines)))
        if card.materials:
            facts.append((words.you_need, ", ".join(card.materials)))
        items += self.facts(facts, inner, bar=bar)
        for step, text in enumerate(card.steps, start=1):
            items += self.bullet([Span(text)], inner, f"{step}.", bar=bar)
        if card.safety:
            items += self.text(
                [Span(words.safety + ": ", Style("B", colour=URGENT)), Span(" ".join(card.safety))],
                inner,
                bar=bar,
            )
        return keep_on_page(items)

    def tracker(self, width: float) -> list[Item]:
        doc = self.doc
        items = self.heading(doc.labels.tracker, width, note=doc.tracker_note)
        for first in range(1, doc.tracker_weeks + 1, 2):
            weeks = tuple(range(first, min(first + 2, doc.tracker_weeks + 1)))
            table = self.weeks_table(weeks, width)
            # The heading stays with the first table; each table stays whole where it can.
            items = keep([*items, *table]) if first == 1 else [*items, *keep([self.gap(2), *table])]
        return items

    def weeks_table(self, weeks: tuple[int, ...], width: float) -> list[Item]:
        """One table: activity names down the side, a box per day of ``weeks`` across."""
        doc, faces = self.doc, self.faces
        days = len(doc.tracker_days)
        # Tight: a wider name column, so that longer names keep to one line.
        name_w = min(80.0, width * 0.42) if self.tight else min(62.0, width * 0.34)
        cell_w = (width - name_w) / (len(weeks) * days)
        day_style = Style("B", BODY_PT if cell_w >= 8 else 8.5)

        def week_row(pdf: Any, left: float, top: float) -> None:
            pdf.set_draw_color(*GRID)
            pdf.set_line_width(0.25)
            pdf.set_fill_color(*SHADE)
            pdf.rect(left, top, width, 10, style="DF")
            for number, week in enumerate(weeks):
                x = left + name_w + number * days * cell_w
                pdf.line(x, top, x, top + 10)
                label = faces.fit(week_label(week))
                label_w = faces.width(label, BOLD)
                line = Line([(0, label, BOLD)], 5)
                _print_line(pdf, faces, line, x + (days * cell_w - label_w) / 2, top)
                for day_number, day in enumerate(doc.tracker_days):
                    cx = x + day_number * cell_w
                    if day_number:
                        pdf.line(cx, top + 5, cx, top + 10)
                    text = faces.fit(day)
                    day_w = faces.width(text, day_style)
                    line = Line([(0, text, day_style)], 5)
                    _print_line(pdf, faces, line, cx + (cell_w - day_w) / 2, top + 5)
            pdf.line(left + name_w, top + 5, left + width, top + 5)
            line = Line([(0, faces.fit(doc.labels.activity), BOLD)], 10)
            _print_line(pdf, faces, line, left + 1.5, top)

        rows = [Item(10, week_row)]
        for card in doc.activities:
            lines = wrap([Span(card.name)], name_w - 3, faces=faces, height=self.line, max_lines=3)
            if len(lines) > 2:  # the card has the full name; the tracker only points to it
                short = faces.fit(_shorten(card.name, lines[:2]))
                lines = wrap([Span(short)], name_w - 3, faces=faces, height=self.line)[:2]
            height = max(self.row, len(lines) * self.line + 1.4)
            rows.append(
                Item(
                    height,
                    functools.partial(
                        self._tracker_row, lines, name_w, cell_w, len(weeks) * days, width
                    ),
                )
            )
        return keep(rows)

    def _tracker_row(
        self,
        lines: list[Line],
        name_w: float,
        cell_w: float,
        cells: int,
        width: float,
        pdf: Any,
        left: float,
        top: float,
    ) -> None:
        height = max(self.row, len(lines) * self.line + 1.4)
        pdf.set_draw_color(*GRID)
        pdf.set_line_width(0.25)
        pdf.rect(left, top, width, height)
        y = top + (height - len(lines) * self.line) / 2
        for line in lines:
            _print_line(pdf, self.faces, line, left + 1.5, y)
            y += self.line
        for number in range(cells):
            pdf.line(
                left + name_w + number * cell_w, top, left + name_w + number * cell_w, top + height
            )

    def when_to_call(self, full: float, half: float) -> None:
        doc = self.doc
        if not doc.when_to_call:
            return
        head = self.heading(doc.labels.when_to_call, full)
        # Urgent and reported signs with their own advice; the rest in two columns,
        # followed by the advice they share.
        own = doc.own_advice_signs
        plain = [s.text for s in doc.other_signs]
        for number, sign in enumerate(own):
            block = self.sign(sign, full)
            self.pages.place(keep(head + block) if number == 0 else keep(block))
        if plain:
            signs: list[Item] = []
            for text in plain:
                signs += keep([self.gap(0.6), *self.bullet([Span(text)], half, "•")])
            if not own:
                self.pages.place(head, keep_with=_block_height(signs, 0))
            self.pages.place(signs, columns=2)
        self.pages.place(
            keep([self.gap(1.2), *self.text([Span(doc.call_advice, MUTED_TEXT)], full)])
        )

    def sign(self, sign: CallSign, width: float) -> list[Item]:
        spans = []
        words = self.doc.labels
        if sign.urgent:
            spans.append(Span(words.urgent.upper() + " ", Style("B", colour=URGENT)))
        spans.append(Span(sign.text, BOLD if sign.reported else BODY))
        if sign.reported:
            spans.append(Span(" " + words.you_noticed, Style("B", colour=URGENT)))
        items = [self.gap(1.2), *self.text(spans, width)]
        items += self.text([Span(sign.advice, MUTED_TEXT)], width, x=5)
        return items

    def sources(self, width: float) -> list[Item]:
        style = Style(size=SMALL_PT, colour=MUTED)
        label = Style("B", SMALL_PT, MUTED)
        text = "; ".join(s.rstrip(".") for s in self.doc.sources) + "."
        lines = wrap(
            [Span(self.doc.labels.sources + " ", label), Span(text, style)],
            width,
            faces=self.faces,
            height=SMALL_LINE_MM if self.level < 2 else TIGHTEST_SMALL_LINE_MM,
        )

        def rule(pdf: Any, left: float, top: float) -> None:
            pdf.set_draw_color(*RULE)
            pdf.set_line_width(0.3)
            pdf.line(left, top + 1.5, left + width, top + 1.5)

        return keep([Item(3 if self.level < 2 else 2, rule), *self.lines(lines)])


def _line_width(faces: _Faces, line: Line) -> float:
    if not line.pieces:
        return 0.0
    at, text, style = line.pieces[-1]
    return at + faces.width(text, style)


def _shorten(name: str, lines: list[Line]) -> str:
    """The words of the first lines of ``name``, ending in an ellipsis."""
    shown = " ".join("".join(text for _, text, _ in line.pieces) for line in lines)
    return shown[: max(len(shown) - 2, 1)].rstrip() + "\u2026"
