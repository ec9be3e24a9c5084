"""The summary for the doctor as a one-page PDF, in the handout's type and colours.

It is laid out with the handout's building blocks (:mod:`ottool.render.pdf`: fonts,
line breaking, headings, the status marks, the footer). The page must stay one page:
when the lists (signs, concerns, practice, milestones now yes) would spill over, the
oldest entries of the longest list give way first, and a line says how many more
are in `--format json`; as a last resort the body type is set smaller.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from ottool.i18n import _, language, ngettext
from ottool.render.pdf import (
    ACCENT,
    BOLD,
    FOOTER,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MUTED_TEXT,
    PAPERS,
    RULE,
    SMALL_LINE_MM,
    Item,
    Span,
    _Faces,
    _footer,
    _mark,
    _Pages,
    _Plan,
    _print_line,
    keep,
    wrap,
)
from ottool.render.summary_text import NOT_CHECKED, overall_symbol, status_symbol
from ottool.summary_document import SummaryDocument
from ottool.wording import page_label

#: List names in the order they give way when the page is full (longest first wins).
LISTS = ("signs", "concerns", "practice", "now_yes")


def summary_pdf(doc: SummaryDocument, *, paper: str = "a4") -> bytes:
    """The summary as the bytes of a one-page PDF."""
    import logging

    from fpdf import FPDF

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
    pdf = FPDF(orientation="portrait", unit="mm", format=PAPERS[paper.lower()])
    pdf.set_auto_page_break(auto=False)
    pdf.set_creator("ottool")
    pdf.set_title(doc.labels.title)
    pdf.set_lang(language())
    chars = set(json.dumps(dataclasses.asdict(doc), ensure_ascii=False))
    faces = _Faces.for_text(pdf, chars | set(page_label(1, 1)))
    limits = {name: len(getattr(doc, name)) for name in LISTS}
    level = 0
    while True:
        pages = _Pages(MARGIN_TOP, pdf.h - MARGIN_BOTTOM, MARGIN_X, pdf.w - 2 * MARGIN_X)
        _Summary(doc, faces, pages, level=level, limits=limits).lay_out()
        if len(pages.pages) == 1:
            break
        longest = max(LISTS, key=lambda name: limits[name])
        if limits[longest] > 3:
            limits[longest] -= max(1, limits[longest] // 4)
        elif level < 2:
            level += 1
        else:
            break  # what is left is the disclaimer and the headings: print it as it is
    footer = wrap(
        [Span(f"{doc.labels.title} · {doc.date_shown}", FOOTER)],
        pdf.w - 2 * MARGIN_X - 30,
        faces=faces,
        height=SMALL_LINE_MM,
        max_lines=1,
    )[0]
    for number, placed in enumerate(pages.pages, start=1):
        pdf.add_page()
        for x, y, item in placed:
            item.draw(pdf, x, y)
        _footer(pdf, faces, footer, faces.fit(page_label(number, len(pages.pages))))
    return bytes(pdf.output())


class _Summary(_Plan):
    """The summary's page items, made with the handout's text, heading and fact blocks."""

    def __init__(
        self,
        summary: SummaryDocument,
        faces: _Faces,
        pages: _Pages,
        *,
        level: int,
        limits: dict[str, int],
    ) -> None:
        super().__init__(None, faces, pages, level=level)  # type: ignore[arg-type]
        self.summary = summary
        self.limits = limits

    def lay_out(self) -> None:
        doc, words = self.summary, self.summary.labels
        full = self.pages.width
        head = self.text(
            [Span(words.title, dataclasses.replace(BOLD, size=16, colour=ACCENT))], full, height=7.5
        )
        self.pages.place(keep([*head, *self.facts(list(doc.facts), full)]))
        self.pages.place(self.heading(words.areas, full))
        if doc.columns:
            self.pages.place(self.grid(full))
            self.pages.place(self.text([Span(words.legend, MUTED_TEXT)], full))
            if doc.columns_note:
                self.pages.place(self.text([Span(doc.columns_note, MUTED_TEXT)], full))
        else:
            self.pages.place(self.text([Span(words.none)], full))
        quote = _("“{text}”")
        self.section(words.signs, "signs", [f"{d}: {t} ({a})" for d, t, a in doc.signs])
        self.section(
            words.concerns, "concerns", [f"{d}: {quote.format(text=t)}" for d, t in doc.concerns]
        )
        self.section(words.practice, "practice", [f"{n}: {k}" for n, k in doc.practice])
        self.section(words.now_yes, "now_yes", list(doc.now_yes))
        self.section(words.referrals, "", list(doc.referrals))
        self.section(words.next_check, "", [doc.next_check] if doc.next_check else [])
        room = Item(3, lambda pdf, x, y: None)
        self.pages.place(keep([room, *self.text([Span(doc.disclaimer, MUTED_TEXT)], full)]))

    def section(self, title: str, name: str, lines: list[str]) -> None:
        full = self.pages.width
        items = self.heading(title, full)
        if not lines:
            items += self.text([Span(self.summary.labels.none, MUTED_TEXT)], full)
        limit = self.limits.get(name, len(lines)) if name else len(lines)
        # The latest entries stay (the lists are oldest first).
        left_out = len(lines) - limit
        for line in lines[left_out:]:
            items += self.bullet([Span(line)], full, "•")
        if left_out > 0:
            more = ngettext(
                "and {count} earlier, in `--format json`",
                "and {count} earlier, in `--format json`",
                left_out,
            ).format(count=left_out)
            items += self.text([Span(more, MUTED_TEXT)], full, x=4.5)
        self.pages.place(keep(items[:4]) + items[4:])

    def grid(self, width: float) -> list[Item]:
        """Areas down, screenings across; each cell a status mark."""
        doc, faces = self.summary, self.faces
        names = [faces.fit(r.name) for r in doc.areas] + [faces.fit(doc.labels.overall)]
        name_w = min(max(faces.width(n, BOLD) for n in names) + 3, width * 0.3)
        cell_w = min((width - name_w) / max(len(doc.columns), 1), 22.0)
        row_h = self.line + 0.6
        head_style = dataclasses.replace(MUTED_TEXT, size=6.5)

        def header(pdf: Any, left: float, top: float) -> None:
            for number, date in enumerate(doc.columns):
                text = wrap(
                    [Span(faces.fit(date), head_style)],
                    cell_w - 1,
                    faces=faces,
                    height=3.2,
                    max_lines=1,
                )[0]
                _print_line(pdf, faces, text, left + name_w + number * cell_w + 0.5, top + 0.5)

        items = [Item(4.2, header)]
        rows = [(r.name, [status_symbol(s) for s in r.statuses]) for r in doc.areas]
        rows.append((doc.labels.overall, [overall_symbol(o) for o in doc.overall]))
        for number, (name, symbols) in enumerate(rows):
            last = number == len(rows) - 1
            line = wrap(
                [Span(faces.fit(name), BOLD if last else MUTED_TEXT)],
                name_w - 2,
                faces=faces,
                height=row_h,
                max_lines=1,
            )[0]

            def draw(
                pdf: Any, left: float, top: float, line: Any = line, symbols: list[str] = symbols
            ) -> None:
                pdf.set_draw_color(*RULE)
                pdf.set_line_width(0.2)
                pdf.line(left, top, left + name_w + cell_w * len(symbols), top)
                _print_line(pdf, faces, line, left, top)
                for column, symbol in enumerate(symbols):
                    x = left + name_w + column * cell_w + cell_w / 2 - 1.8
                    if symbol == NOT_CHECKED:
                        _print_line(
                            pdf,
                            faces,
                            wrap([Span("–", MUTED_TEXT)], 5, faces=faces, height=row_h)[0],
                            x + 0.8,
                            top,
                        )
                    else:
                        _mark(pdf, symbol, x, top, row_h)

            items.append(Item(row_h, draw))
        return keep(items)
