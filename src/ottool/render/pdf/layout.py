"""Blocks of a printed page, laid out by fpdf2 and placed by the handout.

Each paragraph is an fpdf2 text region (``TextColumns``): fpdf2 breaks its lines,
mixes its styles, falls back to other fonts and shapes scripts that need it. A
region's lines are broken once: the handout reads the height to decide where the
block goes (a card stays whole, a heading stays with what follows), then draws the
same lines there. A block taller than a page is drawn by fpdf2 over as many pages
as it needs.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from ottool.render.pdf.fonts import FAMILY, Fonts

PT = 25.4 / 72  # millimetres in a point
BODY_PT = 10
SMALL_PT = 7  # sources and the page footer: fine print

INK = (29, 42, 48)
MUTED = (70, 84, 90)
ACCENT = (31, 95, 102)
URGENT = (140, 29, 24)
RULE = (185, 202, 200)
SHADE = (236, 243, 242)
GRID = (120, 140, 144)


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


class Block(Protocol):
    """Something with a height that draws itself with its top-left corner at (x, y)."""

    @property
    def height(self) -> float: ...

    def draw(self, x: float, y: float) -> None: ...


@functools.cache
def _region_class() -> Any:
    from fpdf.text_region import Extents, TextColumns

    class Region(TextColumns):
        """fpdf2's text columns, with their lines broken once (measured, then drawn),
        and placed where the handout puts them."""

        _lines: list[Any] | None = None

        def collect_lines(self) -> list[Any]:
            if self._lines is None:
                self._lines = super().collect_lines()
            return list(self._lines)

        def move_to(self, left: float) -> None:
            widths = [right - start for start, right in self._cols]
            gaps = [b.left - a.right for a, b in zip(self._cols, self._cols[1:], strict=False)]
            cols = [Extents(left, left + widths[0])]
            for width, gap in zip(widths[1:], gaps, strict=True):
                start = cols[-1].right + gap
                cols.append(Extents(start, start + width))
            self._cols = cols
            self._cur_column = 0

    return Region


class Sheet:
    """The PDF being made, its fonts and the leading of its body text.

    Paragraphs are kept by what they say and how wide they are: laying the plan out
    again a little tighter reuses their lines (only the leading changes, by ``scale``),
    so fpdf2 breaks each paragraph's lines once whatever the tries.
    """

    def __init__(self, pdf: Any, fonts: Fonts, *, leading: float) -> None:
        self.pdf = pdf
        self.fonts = fonts
        self.leading = leading  # line height as a multiple of the font size
        self.scale = 1.0  # body leading of this try, as a share of ``leading``
        self._made: dict[tuple[Any, ...], Text] = {}

    def text(
        self,
        spans: Sequence[Span],
        width: float,
        *,
        leading: float | None = None,
        bullet: str = "",
        hang: float = 0.0,
        first_indent: float = 0.0,
        columns: int = 1,
        gap: float = 0.0,
    ) -> Text:
        """A paragraph of ``spans`` broken into lines ``width`` mm wide (its text hanging
        ``hang`` mm in after a ``bullet``; in ``columns`` balanced columns). An explicit
        ``leading`` stays as it is; the body's follows ``scale``."""
        return self._text((tuple(spans),), width, leading, bullet, hang, first_indent, columns, gap)

    def bullets(
        self,
        items: Sequence[Sequence[Span]],
        width: float,
        bullet: str,
        *,
        columns: int = 1,
        gap: float = 0.0,
        hang: float = 4.5,
    ) -> Text:
        """One paragraph per item, each with its ``bullet``, flowing in ``columns``."""
        paragraphs = tuple(tuple(item) for item in items)
        return self._text(paragraphs, width, None, bullet, hang, 0.0, columns, gap)

    def _text(self, *key: Any) -> Text:
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = Text(self, *key)
        return made

    def string_width(self, text: str, style: Style) -> float:
        self.pdf.set_font(FAMILY, style.face, style.size)
        return float(self.pdf.get_string_width(self.fonts.fit(text)))

    def print_at(self, x: float, y: float, height: float, text: str, style: Style) -> None:
        """One short line of text (no wrapping), centred in a line ``height`` tall at
        (x, y): an fpdf2 cell, so fallback fonts and shaping apply."""
        pdf = self.pdf
        pdf.set_font(FAMILY, style.face, style.size)
        pdf.set_text_color(*style.colour)
        pdf.set_xy(x, y)
        text = self.fonts.fit(text)
        pdf.cell(w=pdf.get_string_width(text) + 0.01, h=height, text=text)


class Text:
    """Paragraphs in an fpdf2 text region: measured once, drawn where placed."""

    def __init__(
        self,
        sheet: Sheet,
        paragraphs: Sequence[Sequence[Span]],
        width: float,
        leading: float | None,
        bullet: str,
        hang: float,
        first_indent: float,
        columns: int,
        gap: float,
    ) -> None:
        pdf = sheet.pdf
        self.pdf = pdf
        self.sheet = sheet
        self.scales = leading is None  # the body's leading, which a tighter try changes
        leading = leading or sheet.leading
        self.columns = columns
        region = _region_class()(
            pdf,
            ncols=columns,
            gutter=gap,
            balance=columns > 1,
            l_margin=0,
            r_margin=pdf.w - width,
            line_height=leading,
            wrapmode="WORD",
            skip_leading_spaces=True,
        )
        fit = sheet.fonts.fit
        for spans in paragraphs:
            if not spans:
                continue
            first = spans[0].style
            pdf.set_font(FAMILY, first.face, first.size)
            pdf.set_text_color(*first.colour)
            with region.paragraph(
                indent=hang if bullet else 0,
                bullet_string=fit(bullet),
                bullet_r_margin=max(hang - sheet.string_width(bullet, first), 0.5)
                if bullet
                else None,
                first_line_indent=first_indent,
            ) as paragraph:
                for span in spans:
                    pdf.set_font(FAMILY, span.style.face, span.style.size)
                    pdf.set_text_color(*span.style.colour)
                    text = fit(span.text)
                    # In pieces: fpdf2 copies the rest of a piece at each line break, so
                    # one 100,000-letter piece would take quadratic time.
                    for start in range(0, len(text), CHUNK):
                        piece = text[start : start + CHUNK]
                        _write(paragraph, piece, shaping=sheet.fonts.shaping)
        self.region = region
        pdf.x = 0
        self.lines = region.collect_lines()
        total = sum(line.line.height or 0 for line in self.lines)
        if columns > 1:
            # Balanced columns: about the total shared out, and one more line at most.
            longest = max((line.line.height or 0 for line in self.lines), default=0)
            total = min(total, total / columns + longest)
        self._height = float(total)
        self.line_count = len(self.lines)

    @property
    def scale(self) -> float:
        return self.sheet.scale if self.scales else 1.0

    @property
    def height(self) -> float:
        return self._height * self.scale

    @property
    def first_line_height(self) -> float:
        return (self.lines[0].line.height or 0) * self.scale if self.lines else self.height

    def draw(self, x: float, y: float) -> None:
        scale = self.scale
        # The lines as broken, each as tall as this try's leading makes it.
        self.region._lines = [
            wrapper._replace(line=wrapper.line._replace(height=(wrapper.line.height or 0) * scale))
            for wrapper in self.lines
        ]
        self.region.move_to(x)
        self.pdf.set_xy(x, y)
        self.region.render()


CHUNK = 1000  # characters of a span handed to fpdf2 at once


def _write(paragraph: Any, text: str, *, shaping: bool) -> None:
    """Add ``text`` to an fpdf2 paragraph; with text shaping, in bidirectional runs.

    fpdf2 2.8's text regions skip the Unicode bidirectional algorithm that its cells
    apply, so Arabic or Hebrew in a line would print in logical order, left to right.
    The runs are made as ``multi_cell`` makes them, and the region lays them out.
    """
    if not shaping:
        paragraph.write(text)
        return
    pdf = paragraph.pdf
    runs = pdf._preload_bidirectional_text(pdf.normalize_text(text), False)
    paragraph._text_fragments.extend(runs)


@dataclass
class Gap:
    """Blank space."""

    height: float

    def draw(self, x: float, y: float) -> None:
        """Blank space draws nothing."""


@dataclass
class Stack:
    """Blocks one under the other, as one block."""

    blocks: list[Block]

    @property
    def height(self) -> float:
        return sum(block.height for block in self.blocks)

    def draw(self, x: float, y: float) -> None:
        for block in self.blocks:
            block.draw(x, y)
            y += block.height


@dataclass
class Indented:
    """A block drawn ``by`` mm to the right of where it is placed."""

    block: Block
    by: float

    @property
    def height(self) -> float:
        return self.block.height

    def draw(self, x: float, y: float) -> None:
        self.block.draw(x + self.by, y)


@dataclass
class Rule:
    """A thin line across ``width`` at the foot of its own ``height``."""

    pdf: Any
    width: float
    height: float = 1.4
    colour: tuple[int, int, int] = RULE

    def draw(self, x: float, y: float) -> None:
        self.pdf.set_draw_color(*self.colour)
        self.pdf.set_line_width(0.35)
        self.pdf.line(x, y + self.height - 0.2, x + self.width, y + self.height - 0.2)


@dataclass
class Band:
    """A block on a shaded band with a coloured edge (the status and "when to call")."""

    pdf: Any
    block: Block
    width: float
    colour: tuple[int, int, int]
    inset: float = 5.0

    @property
    def height(self) -> float:
        return self.block.height

    def draw(self, x: float, y: float) -> None:
        self.pdf.set_fill_color(*SHADE)
        self.pdf.rect(x, y, self.width, self.height, style="F")
        self.pdf.set_fill_color(*self.colour)
        self.pdf.rect(x, y, 1.3, self.height, style="F")
        self.block.draw(x + self.inset, y)


@dataclass
class Barred:
    """A block with a coloured bar down its left side (an activity card)."""

    pdf: Any
    block: Block
    colour: tuple[int, int, int] = ACCENT

    @property
    def height(self) -> float:
        return self.block.height

    def draw(self, x: float, y: float) -> None:
        self.block.draw(x, y)
        self.pdf.set_draw_color(*self.colour)
        self.pdf.set_line_width(0.8)
        self.pdf.line(x - 3, y, x - 3, y + self.height)


@dataclass
class WritingLine:
    """A line to write on, at the foot of its own ``height``."""

    pdf: Any
    width: float
    height: float = 7.0
    x: float = 0.0  # where the line starts, from the block's left edge

    def draw(self, x: float, y: float) -> None:
        self.pdf.set_draw_color(*GRID)
        self.pdf.set_line_width(0.25)
        bottom = y + self.height - 1.0
        self.pdf.line(x + self.x, bottom, x + self.width, bottom)


class Beside:
    """Two blocks side by side: the second ``at`` mm right of the first (by default,
    just after the first's width)."""

    def __init__(self, first: Any, second: Block, *, at: float | None = None) -> None:
        self.first = first
        self.second = second
        self.at = at if at is not None else first.width + 3
        self.height = max(first.height, second.height)

    def draw(self, x: float, y: float) -> None:
        self.first.draw(x, y)
        self.second.draw(x + self.at, y)


class Over:
    """Two blocks drawn at the same place (words, and the line to write on after them)."""

    def __init__(self, first: Block, second: Block) -> None:
        self.first = first
        self.second = second
        self.height = max(first.height, second.height)

    def draw(self, x: float, y: float) -> None:
        self.first.draw(x, y)
        self.second.draw(x, y)


class Logo:
    """A clinic's logo (PNG or SVG bytes), at most 12 mm tall and 40 mm wide."""

    def __init__(self, pdf: Any, logo: Any) -> None:
        self.pdf = pdf
        self.logo = logo
        self.width, self.height = logo.size_within(40.0, 12.0)

    def draw(self, x: float, y: float) -> None:
        import io

        self.pdf.image(io.BytesIO(self.logo.data), x=x, y=y, w=self.width, h=self.height)


def mark_width(symbol: str) -> float:
    """The room a status mark takes, with the space after it (mm)."""
    if symbol in ("✓", "◐"):
        return MARK + 1.4
    return MARK * max(1, len(symbol) * 0.75) + 1.4


MARK = 3.2  # a status mark's height (mm)


def mark(pdf: Any, symbol: str, x: float, y: float, height: float) -> float:
    """Draw a status mark (✓ ◐ ! ?) in a box ``height`` tall at (x, y); return its width.

    Drawn rather than set in a symbol font, in the status's colour; the status's
    words beside it carry the meaning.
    """
    size = MARK
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
        pdf.set_font(FAMILY, "B", 7.5)
        text_w = pdf.get_string_width(symbol)
        pdf.text(x + (width - text_w) / 2, cy + 0.95, symbol)
        return width + 1.4
    return size + 1.4
