"""Parts of the handout drawn their own way: the status line with its mark, the rows of
areas, and the tracker (fpdf2's ``table``)."""

from __future__ import annotations

import dataclasses
from typing import Any

from ottool.documents.plan_document import PlanDocument
from ottool.documents.wording import week_label
from ottool.render.pdf.fonts import FAMILY
from ottool.render.pdf.layout import (
    BODY,
    BODY_PT,
    BOLD,
    GRID,
    PT,
    SHADE,
    Sheet,
    Span,
    Style,
    Text,
    mark,
    mark_width,
)

#: Padding of a tracker's name cells: top and bottom, then left and right (mm).
NAME_PAD = (0.3, 1.5)
#: A drawn tick box of an activity done on some days a week, and the room after it (mm).
BOX = 3.6
BOX_GAP = 2.6


def cut_to(text: str, width: float, sheet: Sheet, style: Style = BODY) -> str:
    """``text``, cut with an ellipsis to fit ``width`` mm on one line."""
    if sheet.string_width(text, style) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest start that fits with its ellipsis
        middle = (low + high + 1) // 2
        if sheet.string_width(text[:middle].rstrip() + "…", style) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


@dataclasses.dataclass
class Marked:
    """The "Next step:" line: the label, a drawn status mark, then the status's words."""

    line: Text
    sheet: Sheet
    label: Span
    symbol: str
    label_w: float

    @property
    def height(self) -> float:
        return self.line.height

    def draw(self, x: float, y: float) -> None:
        first = self.line.first_line_height
        # The label first, so that text extraction reads "Next step: Contact…".
        self.sheet.print_at(x, y, first, self.label.text, self.label.style)
        mark(self.sheet.pdf, self.symbol, x + self.label_w, y, first)
        self.line.draw(x, y)


class AreaRow:
    """One row of areas: each name, its drawn mark and its status in words."""

    def __init__(self, sheet: Sheet, areas: list[Any], column: float, name_w: float) -> None:
        self.pdf = sheet.pdf
        self.column = column
        self.name_w = name_w
        self.cells = [
            (
                sheet.text([Span(a.name)], name_w - 1),
                a.symbol,
                sheet.text([Span(a.words, BOLD)], column - name_w - mark_width(a.symbol) + 0.5),
            )
            for a in areas
        ]
        self.height = max(max(n.height, w.height) for n, _, w in self.cells)

    def draw(self, x: float, y: float) -> None:
        for number, (name, symbol, words) in enumerate(self.cells):
            left = x + number * (self.column + 4)
            name.draw(left, y)
            first = words.first_line_height
            width = mark(self.pdf, symbol, left + self.name_w, y, first)
            words.draw(left + self.name_w + width, y)


class Tracker:
    """One tracker table (fpdf2's ``table``): activities down the side, a box per day."""

    def __init__(
        self, sheet: Sheet, doc: PlanDocument, weeks: tuple[int, ...], width: float, row: float
    ) -> None:
        self.sheet = sheet
        self.doc = doc
        self.weeks = weeks
        self.width = width
        days = len(doc.tracker_days)
        # Tighter settings give the names more room (cells of 8.6 mm still hold "Wed" in
        # bold 10 pt), so that fewer names take two lines.
        self.name_w = min(62.0, width * 0.34) if row >= 6.6 else width - 8.6 * len(weeks) * days
        self.cell_w = (width - self.name_w) / (len(weeks) * days)
        line = sheet.leading * BODY_PT * PT
        self.line = line
        self.names = [
            short_name(sheet, card.tracker_name or card.name, self.name_w - 3)
            for card in doc.activities
        ]
        self.row_heights = [max(row, n.line_count * line + 1.4) for n in self.names]
        self.height = 10 + sum(self.row_heights)

    def draw(self, x: float, y: float) -> None:
        from fpdf.fonts import FontFace

        pdf, doc = self.sheet.pdf, self.doc
        fit = self.sheet.fonts.fit
        days = len(doc.tracker_days)
        widths = (self.name_w, *([self.cell_w] * (len(self.weeks) * days)))
        day_size = BODY_PT if self.cell_w >= 8 else 8.5
        pdf.set_xy(x, y)
        pdf.set_font(FAMILY, "", BODY_PT)
        pdf.set_text_color(*BODY.colour)
        pdf.set_draw_color(*GRID)
        pdf.set_fill_color(255, 255, 255)
        pdf.set_line_width(0.25)
        heading = FontFace(emphasis="BOLD", fill_color=SHADE, color=BODY.colour)
        with pdf.table(
            width=self.width,
            col_widths=widths,
            align="LEFT",
            text_align="LEFT",
            line_height=self.line,
            num_heading_rows=2,
            headings_style=heading,
            padding=(0.3, 0.2),
            v_align="MIDDLE",
            first_row_as_headings=True,
            repeat_headings=0,
        ) as table:
            top = table.row(min_height=5)
            top.cell(fit(doc.labels.activity), rowspan=2, v_align="MIDDLE", padding=NAME_PAD)
            for week in self.weeks:
                top.cell(fit(week_label(week)), colspan=days, align="CENTER")
            row = table.row(min_height=5)
            for _week in self.weeks:
                for day in doc.tracker_days:
                    row.cell(
                        fit(day), align="CENTER", style=FontFace(size_pt=day_size, emphasis="BOLD")
                    )
            for card, name, height in zip(
                doc.activities, self.names, self.row_heights, strict=True
            ):
                row = table.row(min_height=height)
                row.cell(name.text, padding=NAME_PAD)
                if card.tracker_boxes >= days:  # a box under each day
                    for _ in range(len(self.weeks) * days):
                        row.cell("")
                else:  # its days a week as boxes across the week, drawn below
                    for _week in self.weeks:
                        row.cell("", colspan=days)
        self.draw_boxes(x, float(pdf.y))

    def draw_boxes(self, x: float, bottom: float) -> None:
        """The tick boxes of the activities done fewer days than every day: as many as
        their days a week, side by side across each week (ticked on whichever days), as
        the HTML tracker has them. ``bottom`` is the foot of the table, drawn."""
        pdf, days = self.sheet.pdf, len(self.doc.tracker_days)
        span = self.cell_w * days
        top = bottom - sum(self.row_heights)
        pdf.set_draw_color(*GRID)
        pdf.set_line_width(0.25)
        for card, height in zip(self.doc.activities, self.row_heights, strict=True):
            boxes = card.tracker_boxes
            if 0 < boxes < days:
                size = min(BOX, height - 1.6)
                step = min(size + BOX_GAP, (span - 3) / boxes)
                for week in range(len(self.weeks)):
                    left = x + self.name_w + week * span + 1.5
                    for number in range(boxes):
                        pdf.rect(left + number * step, top + (height - size) / 2, size, size)
            top += height


@dataclasses.dataclass
class Name:
    text: str
    line_count: int


def short_name(sheet: Sheet, name: str, width: float) -> Name:
    """The activity's name on at most two lines, ending in "…" when cut (the card above
    has the full name)."""
    text = sheet.fonts.fit(name)
    lines = sheet.text([Span(text)], width).line_count
    if lines <= 2:
        return Name(text, lines)
    # Only the words that could fill two lines are tried, however long the name.
    words: list[str] = []
    for word in text.split():
        words.append(word)
        if sheet.string_width(" ".join(words), BODY) > 2 * width:
            break
    while len(words) > 1:
        words.pop()
        short = " ".join(words).rstrip(",;:") + "…"
        if sheet.text([Span(short)], width).line_count <= 2:
            return Name(short, 2)
    return Name(cut_to(text[:400], width * 2, sheet), 2)
