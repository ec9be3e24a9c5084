"""Where blocks go: down the page, in two columns, onto the next page.

Blocks are placed whole where they fit (a block taller than a page is left to
fpdf2, which carries its lines over). Cards and signs flow in two columns as
level as can be: a card may go on in the second column, but moves to the next
page rather than split across pages.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ottool.render.pdf.layout import Block, Gap


class Pages:
    """The pages of one PDF, and where the next block goes.

    A ``dry`` run places the blocks without drawing them and only counts the pages:
    the handout tries each setting that way, then draws the one it keeps.
    """

    def __init__(
        self,
        pdf: Any,
        *,
        left: float,
        width: float,
        top: float,
        bottom: float,
        gap: float,
        dry: bool = False,
        split_pages: bool = False,
    ) -> None:
        self.pdf = pdf
        self.left = left
        self.width = width
        self.gap = gap
        self.half = (width - gap) / 2
        self.top = top
        self.bottom = bottom
        self.dry = dry
        #: A card may go on from the last column of a page to the next page (tight plans).
        self.split_pages = split_pages
        self.count = 0
        self.new_page()

    def new_page(self) -> None:
        if not self.dry:
            self.pdf.add_page()
        self.count += 1
        self.y = self.top

    def _draw(self, block: Block, x: float, y: float) -> float:
        """Draw ``block`` at (x, y); the y below it (on a later page if it went on over
        pages, as fpdf2 carries the lines of a block taller than the room)."""
        if self.dry:
            end = y + block.height
            full = self.bottom - self.top
            while end > self.bottom + 1e-6:
                self.count += 1
                end = self.top + min(end - self.bottom, full)
            return end
        page = self.pdf.page
        block.draw(x, y)
        if self.pdf.page != page:
            self.count = self.pdf.page
            return float(self.pdf.y)
        return max(y + block.height, float(self.pdf.y))

    def place(self, block: Block, *, keep_with: float = 0) -> None:
        """Put ``block`` here, or on a new page if it (and ``keep_with`` mm after it) does
        not fit below what is there but would on an empty page."""
        room = self.bottom - self.y
        needed = block.height + keep_with
        if needed > room and self.y > self.top and needed <= self.bottom - self.top:
            self.new_page()
        self.y = self._draw(block, self.left, self.y)

    def columns(self, units: list[list[Block]]) -> None:
        """Units (cards, signs) in two columns, as level as can be. A unit may go on in
        the second column, but moves to the next page rather than split across pages."""
        # A unit goes on in the next column only with its title and two blocks above
        # the break, and three below it (a card's safety lines never go on alone).
        pieces = [
            _Piece(block, start=number == 0, split=3 <= number <= len(unit) - 3)
            for unit in units
            for number, block in enumerate(unit)
        ]
        step = self.half + self.gap
        i = 0
        while i < len(pieces):
            room = self.bottom - self.y
            cuts = _fill(pieces, i, room, split_pages=self.split_pages)
            if cuts[0] == i:  # nothing fits below what is here
                if self.y > self.top:
                    self.new_page()
                    continue
                self.y = self._draw(pieces[i].block, self.left, self.y)  # taller than a page
                i += 1
                continue
            if cuts[1] == len(pieces):
                cuts = _balanced(pieces, i, room)
            tallest = 0.0
            for column, (start, end) in enumerate(((i, cuts[0]), (cuts[0], cuts[1]))):
                y = self.y
                for piece in _without_leading_gaps(pieces[start:end]):
                    y = self._draw(piece.block, self.left + column * step, y)
                tallest = max(tallest, y - self.y)
            i = cuts[1]
            if i < len(pieces):
                self.new_page()
            else:
                self.y += tallest

    def at_foot(self, block: Block) -> None:
        """``block`` at the foot of this page if it fits below what is there, else placed."""
        if self.y + block.height > self.bottom:
            self.place(block)
            return
        self._draw(block, self.left, self.bottom - block.height)
        self.y = self.bottom


@dataclasses.dataclass
class _Piece:
    """A block in a column flow: ``start`` begins a unit (a card), where a column or a
    page may break; ``split``: a column (not a page) may break before it."""

    block: Block
    start: bool
    split: bool

    @property
    def height(self) -> float:
        return self.block.height


def _without_leading_gaps(pieces: list[_Piece]) -> list[_Piece]:
    """No blank space at the top of a column."""
    skip = 0
    while skip < len(pieces) and isinstance(pieces[skip].block, Gap):
        skip += 1
    return pieces[skip:]


def _column_end(pieces: list[_Piece], start: int, room: float, *, last: bool) -> int:
    """Where a column that begins at ``start`` and is ``room`` tall ends; the last column
    of a page ends before a whole unit."""
    used, end = 0.0, start
    first = start
    while first < len(pieces) and isinstance(pieces[first].block, Gap):
        first += 1
    while end < len(pieces) and (end < first or used + pieces[end].height <= room + 1e-6):
        used += pieces[end].height if end >= first else 0.0
        end += 1
    if end == len(pieces):
        return end
    while end > start and not (pieces[end].start or (pieces[end].split and not last)):
        end -= 1
    return end


def _fill(
    pieces: list[_Piece], start: int, room: float, *, split_pages: bool = False
) -> tuple[int, int]:
    """The ends of the two columns of a page that begins at ``start``."""
    first = _column_end(pieces, start, room, last=False)
    if first == start:
        return first, first
    return first, _column_end(pieces, first, room, last=not split_pages)


def _balanced(pieces: list[_Piece], start: int, room: float) -> tuple[int, int]:
    """The shortest two columns (no taller than ``room``) that hold every piece."""
    low, high = max(p.height for p in pieces[start:]), room
    best = _fill(pieces, start, room)
    while high - low > 0.5:
        middle = (low + high) / 2
        cuts = _fill(pieces, start, middle)
        if cuts[1] == len(pieces):
            best, high = cuts, middle
        else:
            low = middle
    return best
