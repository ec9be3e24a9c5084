"""A home plan as a printable PDF (fpdf2): A4 or Letter, 11 pt body, page numbers.

Text is set in Noto Sans from the ``pymupdf-fonts`` package when it is
installed, with Noto symbol fonts (and any CJK font the system has) filling in
characters Noto Sans lacks. Without it, DejaVu Sans from the system, and as a
last resort the PDF core font Helvetica. Whatever the fonts cannot show is
replaced by words or ASCII (``✓`` → ``+``), then by its plain-Latin form
(``Ł`` → ``L``), then by ``?``: a family's plan never fails to print over a
character.
"""

from __future__ import annotations

import functools
import importlib
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ottool.errors import InputError
from ottool.plandoc import ActivityCard, CallSign, PlanDocument

PAPERS = {"a4": "A4", "letter": "Letter"}

BODY_PT = 11
LINE_MM = 4.7  # line height for 11 pt text: about 1.2 spacing
INK = (29, 42, 48)
MUTED = (70, 84, 90)
ACCENT = (31, 95, 102)
URGENT = (140, 29, 24)
RULE = (185, 202, 200)
SHADE = (236, 243, 242)

#: Symbols the fonts may lack, as words or ASCII; the words beside them carry the meaning.
SYMBOL_FALLBACK = {
    "✓": "+",
    "✔": "+",
    "✗": "x",
    "✘": "x",
    "◐": "~",
    "⚠": "!",
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
_NOTO_TEXT = {"": "NotoSans_Regular", "B": "NotoSans_Bold", "I": "NotoSans_Italic"}
_NOTO_EXTRA = ("NotoSansSymbols2_Regular", "NotoSansMath_Regular", "NotoSansSymbols_Regular")
_SYSTEM_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
    Path("/System/Library/Fonts"),
    Path("C:/Windows/Fonts"),
)
_DEJAVU = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
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


def plan_pdf(doc: PlanDocument, *, paper: str = "a4") -> bytes:
    """The plan as PDF bytes."""
    if paper.lower() not in PAPERS:
        raise InputError(f"unknown paper size '{paper}': use a4 or letter")
    import logging

    # fontTools reports tables it leaves out of a font subset; nothing a reader can act on.
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
    pdf = _PlanPDF(PAPERS[paper.lower()])
    pdf.fit = _set_up_fonts(pdf, _document_text(doc))
    pdf.footer_text = pdf.fit(f"{doc.title} · {doc.date}")
    # Document properties that screen readers and PDF viewers announce.
    pdf.set_title(doc.title)
    pdf.set_subject("Home activity plan: a milestone check, not a diagnosis")
    pdf.set_lang("en")
    if doc.therapist:
        pdf.set_author(doc.therapist)
    pdf.add_page()
    _Layout(pdf, doc).draw()
    return bytes(pdf.output())


# --- fonts ---------------------------------------------------------------------------------


@dataclass
class _Fitter:
    """Makes text printable with the fonts in the document."""

    covered: Callable[[int], bool]
    cache: dict[str, str] = field(default_factory=dict)

    def __call__(self, text: str) -> str:
        return "".join(self._char(c) for c in text)

    def _char(self, char: str) -> str:
        known = self.cache.get(char)
        if known is not None:
            return known
        fitted = self._replace(char)
        self.cache[char] = fitted
        return fitted

    def _replace(self, char: str) -> str:
        if char in "\n\t" or self.covered(ord(char)):
            return char
        if char in SYMBOL_FALLBACK:
            return SYMBOL_FALLBACK[char]
        plain = unicodedata.normalize("NFKD", char)
        kept = "".join(c for c in plain if not unicodedata.combining(c) and self.covered(ord(c)))
        return kept or "?"


def _document_text(doc: PlanDocument) -> set[str]:
    import json

    return set(json.dumps(doc.as_data(), ensure_ascii=False))


def _set_up_fonts(pdf: Any, chars: set[str]) -> _Fitter:
    """Add the best fonts available for ``chars`` and return the matching text fitter."""
    files = _noto_files() or _system_files(_DEJAVU)
    if not files:
        pdf.family = "helvetica"
        return _Fitter(lambda code: code < 256 and code not in range(0x80, 0xA0))
    pdf.family = "plan"
    for style, path in files.items():
        pdf.add_font("plan", style, str(path))
    cmap: set[int] = set(pdf.fonts["plan"].cmap)
    missing = {ord(c) for c in chars} - cmap
    fallbacks = []
    for number, path in enumerate(_fallback_candidates(missing)):
        if not missing:
            break
        covers = _cmap(path)
        if missing & covers:
            family = f"fallback{number}"
            pdf.add_font(family, "", str(path))
            fallbacks.append(family)
            cmap |= covers
            missing -= covers
    if fallbacks:
        pdf.set_fallback_fonts(fallbacks, exact_match=False)
    # The fonts' own "characters" like U+FFFF would print as empty boxes: only real glyphs count.
    return _Fitter(lambda code: code in cmap and code != 0xFFFD)


def _cmap(path: Path) -> set[int]:
    """The characters a font file has, read without loading the whole font."""
    from fontTools.ttLib import TTCollection, TTFont  # type: ignore[import-untyped]

    try:
        if path.suffix.lower() in (".ttc", ".otc"):
            with TTCollection(str(path), lazy=True) as collection:
                return set(collection.fonts[0].getBestCmap() or {})
        with TTFont(str(path), lazy=True) as font:
            return set(font.getBestCmap() or {})
    except Exception:  # a broken system font is simply not used
        return set()


def _fallback_candidates(missing: set[int]) -> Iterator[Path]:
    if not missing:
        return
    noto = _noto_dir()
    if noto is not None:
        for module in _NOTO_EXTRA:
            path = _noto_file(noto, module)
            if path is not None:
                yield path
    dejavu = _system_files({"": _DEJAVU[""]})
    if dejavu:
        yield dejavu[""]
    if any(code >= 0x2E80 for code in missing):
        yield from _system_files_named(_CJK_NAMES)


def _noto_files() -> dict[str, Path] | None:
    folder = _noto_dir()
    if folder is None:
        return None
    found = {style: _noto_file(folder, module) for style, module in _NOTO_TEXT.items()}
    paths = {style: path for style, path in found.items() if path is not None}
    return paths if "" in paths else None


@functools.cache
def _noto_dir() -> Path | None:
    """A private folder for the Noto font files, unpacked from pymupdf-fonts on first use."""
    try:
        importlib.import_module("pymupdf_fonts")
    except ImportError:
        return None
    # The folder lives as long as the process; the fonts unpack in milliseconds.
    holder = tempfile.TemporaryDirectory(prefix="ottool-fonts-")
    _KEEP.append(holder)
    return Path(holder.name)


_KEEP: list[Any] = []


def _noto_file(folder: Path, module: str) -> Path | None:
    path = folder / f"{module}.ttf"
    if path.exists():
        return path
    try:
        buffer = importlib.import_module(f"pymupdf_fonts.{module}").fontbuffer
    except (ImportError, AttributeError):
        return None
    path.write_bytes(bytes(buffer))
    return path


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


# --- layout --------------------------------------------------------------------------------


def _make_pdf_class() -> Any:
    from fpdf import FPDF

    class PlanPDF(FPDF):
        fit: Callable[[str], str]
        footer_text: str
        family: str

        def __init__(self, paper: str | tuple[float, float]) -> None:
            super().__init__(orientation="portrait", unit="mm", format=paper)
            self.set_margins(16, 13, 16)
            self.set_auto_page_break(auto=True, margin=15)
            self.fit = str
            self.footer_text = ""
            self.family = "helvetica"
            self.set_creator("ottool")

        def footer(self) -> None:
            self.set_y(-11)
            self.set_font(self.family, "", 9)
            self.set_text_color(*MUTED)
            self.cell(0, 4, self.footer_text, align="L")
            self.set_x(self.l_margin)
            self.cell(0, 4, f"Page {self.page_no()} of {{nb}}", align="R")

    return PlanPDF


def _scratch_like(pdf: Any) -> Any:
    """A page as wide as ``pdf``'s and too tall to ever break, with the same fonts."""
    scratch = _make_pdf_class()((pdf.w, 10_000))
    scratch.set_auto_page_break(auto=False)
    scratch.fonts.update(pdf.fonts)
    scratch._fallback_font_ids = pdf._fallback_font_ids
    scratch._fallback_font_exact_match = pdf._fallback_font_exact_match
    scratch.family = pdf.family
    scratch.add_page()
    return scratch


def _PlanPDF(paper: str | tuple[float, float]) -> Any:
    return _make_pdf_class()(paper)


class _Layout:
    """Draws the plan document onto the PDF, top to bottom."""

    def __init__(self, pdf: Any, doc: PlanDocument) -> None:
        self.pdf = pdf
        self.doc = doc
        self.fit: Callable[[str], str] = pdf.fit
        self.scratch: Any = None

    def draw(self) -> None:
        self.header()
        self.status()
        self.heading("Why these activities")
        self.paragraph(self.doc.intro)
        self.heading("Activities", keep_with=24)
        for number, card in enumerate(self.doc.activities, start=1):
            self.keep_together(functools.partial(self.card, number=number, card=card), accent=True)
        self.tracker()
        self.when_to_call()
        self.notes()
        self.closing()

    # Text helpers: each takes the target (the PDF or a dry-run recorder).

    def font(self, style: str = "", size: float = BODY_PT, p: Any = None) -> None:
        (p or self.pdf).set_font(self.pdf.family, style, size)

    def paragraph(
        self, text: str, *, style: str = "", colour: tuple[int, int, int] = INK, p: Any = None
    ) -> None:
        p = p or self.pdf
        self.font(style, p=p)
        p.set_text_color(*colour)
        p.multi_cell(0, LINE_MM, self.fit(text), align="L", new_x="LMARGIN", new_y="NEXT")

    def labelled(self, label: str, value: str, p: Any = None) -> None:
        """``label`` in bold, then ``value``, wrapping under the label's start."""
        p = p or self.pdf
        p.set_text_color(*INK)
        self.font("B", p=p)
        p.write(LINE_MM, self.fit(label) + " ")
        self.font("", p=p)
        p.write(LINE_MM, self.fit(value))
        p.ln(LINE_MM)

    def facts(self, pairs: list[tuple[str, str]], p: Any = None) -> None:
        """Short ``label value`` pairs side by side, a pair never split across lines."""
        p = p or self.pdf
        gap = "      "
        p.set_text_color(*INK)
        right = p.w - p.r_margin
        for i, (label, value) in enumerate(pairs):
            label, value = self.fit(label) + " ", self.fit(value)
            self.font("B", p=p)
            width = p.get_string_width(label)
            self.font("", p=p)
            width += p.get_string_width(value)
            if i and p.get_x() + width > right:
                p.ln(LINE_MM)
            elif i:
                p.write(LINE_MM, gap)
            self.font("B", p=p)
            p.write(LINE_MM, label)
            self.font("", p=p)
            p.write(LINE_MM, value)
        p.ln(LINE_MM)

    def heading(self, text: str, *, keep_with: float = 16) -> None:
        p = self.pdf
        if p.get_y() + 10 + keep_with > p.page_break_trigger:
            p.add_page()
        p.ln(2.5)
        self.font("B", 13.5)
        p.set_text_color(*ACCENT)
        p.cell(0, 7, self.fit(text), new_x="LMARGIN", new_y="NEXT")
        p.set_draw_color(*RULE)
        p.set_line_width(0.4)
        p.line(p.l_margin, p.get_y(), p.w - p.r_margin, p.get_y())
        p.ln(1.8)

    def keep_together(self, draw: Callable[[Any], None], *, accent: bool = False) -> None:
        """Draw a block on one page: move it to the next page if it would split."""
        p = self.pdf
        height = self.measure(draw)
        room = p.page_break_trigger - p.get_y()
        if height > room and height <= p.page_break_trigger - p.t_margin:
            p.add_page()
        top = p.get_y()
        draw(p)
        if accent:
            p.set_draw_color(*ACCENT)
            p.set_line_width(0.9)
            p.line(p.l_margin - 3.5, top + 1, p.l_margin - 3.5, p.get_y() - 1.5)

    def measure(self, draw: Callable[[Any], None]) -> float:
        """The height ``draw`` takes, found by drawing on an endless scratch page.

        The scratch PDF shares the real one's fonts, so this costs one more drawing;
        fpdf2's own dry run copies the whole document each time, fonts included.
        """
        if self.scratch is None:
            self.scratch = _scratch_like(self.pdf)
        s = self.scratch
        s.set_xy(s.l_margin, s.t_margin)
        draw(s)
        return float(s.get_y() - s.t_margin)

    # Sections.

    def header(self) -> None:
        p, doc = self.pdf, self.doc
        self.font("B", 18)
        p.set_text_color(*ACCENT)
        p.multi_cell(0, 8.5, self.fit(doc.title), new_x="LMARGIN", new_y="NEXT")
        p.ln(0.8)
        details = []
        if doc.child:
            details.append(("Child:", doc.child))
        details += [
            ("Age:", doc.age),
            ("Checklist:", f"{doc.checklist_months} months"),
            ("Date:", doc.date),
        ]
        if doc.therapist:
            details.append(("Therapist:", doc.therapist))
        self.facts(details)

    def status(self) -> None:
        doc = self.doc
        if not doc.overall and not doc.concerns:
            return
        self.keep_together(self._status_block)

    def _status_block(self, p: Any) -> None:
        doc = self.doc
        p.ln(3)
        top = p.get_y()
        p.set_left_margin(self.pdf.l_margin + 4)
        p.set_x(p.l_margin)
        if doc.overall:
            self.font("B", p=p)
            p.set_text_color(*INK)
            p.multi_cell(
                0, LINE_MM, self.fit(f"Next step: {doc.overall}"), new_x="LMARGIN", new_y="NEXT"
            )
            if doc.overall_advice:
                self.paragraph(doc.overall_advice, p=p)
            if doc.areas:
                p.ln(1)
                width = max(p.get_string_width(self.fit(a.name)) for a in doc.areas) + 8
                for area in doc.areas:
                    self.font("", p=p)
                    p.set_text_color(*INK)
                    p.cell(width, LINE_MM, self.fit(area.name))
                    self.font("B", p=p)
                    p.cell(0, LINE_MM, self.fit(area.status), new_x="LMARGIN", new_y="NEXT")
        if doc.concerns:
            p.ln(1)
            self.labelled("Your note:", doc.concerns, p=p)
        p.set_left_margin(self.pdf.l_margin - 4)
        colour = URGENT if doc.overall and doc.overall.startswith("!!") else ACCENT
        p.set_draw_color(*colour)
        p.set_line_width(1.2)
        p.line(p.l_margin, top, p.l_margin, p.get_y())
        p.ln(1)

    def card(self, p: Any, number: int, card: ActivityCard) -> None:
        p.ln(1.5)
        self.font("B", 12.5, p=p)
        p.set_text_color(*ACCENT)
        p.multi_cell(0, 6.2, self.fit(f"{number}. {card.name}"), new_x="LMARGIN", new_y="NEXT")
        if card.why:
            self.paragraph(card.why, style="I", colour=MUTED, p=p)
        why = card.reason
        if card.practises:
            why += " Skills it practises: " + "; ".join(card.practises) + "."
        self.labelled("Why:", why, p=p)
        facts = [("How much:", card.dose)]
        if card.routines:
            facts.append(("Fits into:", ", ".join(card.routines)))
        if card.materials:
            facts.append(("You need:", ", ".join(card.materials)))
        self.facts(facts, p=p)
        self.font("B", p=p)
        p.set_text_color(*INK)
        p.cell(0, LINE_MM + 0.6, "Steps", new_x="LMARGIN", new_y="NEXT")
        self.numbered(p, card.steps)
        if card.safety:
            self.labelled("Safety:", " ".join(card.safety), p=p)
        p.ln(1)

    def numbered(self, p: Any, items: Iterable[str]) -> None:
        for i, item in enumerate(items, start=1):
            self.font("", p=p)
            p.set_text_color(*INK)
            p.set_x(p.l_margin)
            p.cell(7, LINE_MM, f"{i}.", align="R")
            p.set_x(p.l_margin + 8.5)
            p.multi_cell(0, LINE_MM, self.fit(item), align="L", new_x="LMARGIN", new_y="NEXT")

    def tracker(self) -> None:
        doc = self.doc
        rows = len(doc.activities)
        table_height = 8 + 7.6 * (rows + 2) + 4
        self.heading("Tracker", keep_with=table_height + 8)
        self.paragraph(
            "Tick a box each day you do the activity. Bring this sheet to your next visit."
        )
        # Two weeks side by side in one table: half the headers, and a fortnight at a glance.
        for first in range(1, doc.tracker_weeks + 1, 2):
            weeks = tuple(range(first, min(first + 2, doc.tracker_weeks + 1)))
            self.keep_together(functools.partial(self._weeks, weeks=weeks))

    def _weeks(self, p: Any, weeks: tuple[int, ...]) -> None:
        from fpdf.fonts import FontFace

        doc = self.doc
        days = len(doc.tracker_days)
        p.ln(2)
        heading = FontFace(emphasis="BOLD", color=INK, fill_color=SHADE)
        p.set_draw_color(120, 140, 144)
        p.set_line_width(0.25)
        width = p.w - p.l_margin - p.r_margin
        cells = len(weeks) * days
        name_mm = 48 if len(weeks) == 2 else 60
        with p.table(
            col_widths=(name_mm, *([(width - name_mm) / cells] * cells)),
            text_align=("LEFT", *(["CENTER"] * (len(weeks) * days))),
            line_height=LINE_MM,
            padding=(1.3, 0.6),
            headings_style=heading,
            num_heading_rows=2,
            width=width,
        ) as table:
            row = table.row()
            self.font("B", p=p)
            row.cell("Activity", rowspan=2)
            for week in weeks:
                row.cell(f"Week {week}", colspan=days)
            row = table.row()
            self.font("B", 9 if len(weeks) == 2 else BODY_PT, p=p)
            for _ in weeks:
                for day in doc.tracker_days:
                    row.cell(self.fit(day))
            self.font("", p=p)
            for card in doc.activities:
                row = table.row()
                row.cell(self.fit(card.name))
                for _ in range(len(weeks) * days):
                    row.cell("")
        p.ln(1)

    def when_to_call(self) -> None:
        doc = self.doc
        if not doc.when_to_call:
            return
        self.heading("When to call your child's doctor")
        # Urgent and reported signs with their own advice; the rest in two columns,
        # followed by the advice they share.
        for sign in doc.when_to_call:
            if sign.urgent or sign.reported:
                self.keep_together(functools.partial(self._sign, sign=sign))
        plain = [s.text for s in doc.when_to_call if not (s.urgent or s.reported)]
        if plain:
            self.keep_together(functools.partial(self._plain_signs, texts=plain))
        self.paragraph(doc.call_advice)

    def _plain_signs(self, p: Any, texts: list[str]) -> None:
        half = (len(texts) + 1) // 2
        p.set_text_color(*INK)
        self.font("", p=p)
        with p.table(
            col_widths=(1, 1),
            text_align="LEFT",
            line_height=LINE_MM,
            padding=(0.5, 1.5, 0.5, 0),
            borders_layout="NONE",
            v_align="TOP",
            first_row_as_headings=False,
            width=p.w - p.l_margin - p.r_margin,
        ) as table:
            rights = [*texts[half:], ""][:half]
            for left, right in zip(texts[:half], rights, strict=True):
                row = table.row()
                row.cell(self.fit(f"• {left}"))
                row.cell(self.fit(f"• {right}") if right else "")
        p.ln(1.5)

    def _sign(self, p: Any, sign: CallSign) -> None:
        p.set_x(p.l_margin)
        if sign.urgent:
            self.font("B", p=p)
            p.set_text_color(*URGENT)
            p.write(LINE_MM, "URGENT: ")
        p.set_text_color(*INK)
        self.font("", p=p)
        p.write(LINE_MM, self.fit(sign.text))
        if sign.reported:
            self.font("B", p=p)
            p.write(LINE_MM, " (you noticed this)")
        p.ln(LINE_MM)
        p.set_left_margin(self.pdf.l_margin + 5)
        p.set_x(p.l_margin)
        self.paragraph(sign.advice, colour=MUTED, p=p)
        p.set_left_margin(self.pdf.l_margin - 5)
        p.ln(1.2)

    def notes(self) -> None:
        if not self.doc.notes:
            return
        self.heading("Notes from your therapist")
        for note in self.doc.notes:
            self.font("")
            p = self.pdf
            p.set_text_color(*INK)
            p.cell(5, LINE_MM, "-")
            p.multi_cell(0, LINE_MM, self.fit(note), align="L", new_x="LMARGIN", new_y="NEXT")

    def closing(self) -> None:
        doc = self.doc

        def disclaimer(p: Any) -> None:
            p.ln(3)
            p.set_draw_color(*RULE)
            p.set_line_width(0.3)
            p.line(p.l_margin, p.get_y(), p.w - p.r_margin, p.get_y())
            p.ln(2)
            self.paragraph(doc.disclaimer, style="I", colour=MUTED, p=p)
            p.ln(1)

        self.keep_together(disclaimer)
        # The sources are fine print and may run on to the next page.
        p = self.pdf
        self.font("B", 9.5, p=p)
        p.set_text_color(*MUTED)
        p.write(4.3, "Sources: ")
        self.font("", 9.5, p=p)
        p.write(4.3, self.fit("; ".join(s.rstrip(".") for s in doc.sources)))
        p.ln(4.3)
