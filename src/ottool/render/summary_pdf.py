"""The summary for the doctor as a one-page PDF, laid out with fpdf2's own tools (tables,
multi_cell) in the handout's fonts (``render/pdf/fonts.py``) and colours.

The page stays one page on A4 and Letter. It is laid out as the document says; when
that spills over, it is laid out again with the parts the document allows to give way
shortened, step by step (:data:`STEPS`): the oldest concerns first, then long concerns
cut in slightly smaller type, then the least urgent signs, then smaller type still.
Each cut prints a line saying what was left out and where it is (docs/decisions.md,
"The summary for the doctor").
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

from ottool.core.errors import InputError
from ottool.core.i18n import _, language
from ottool.documents.summary_document import (
    SummaryDocument,
    concerns_left_out,
    cut_mark,
    signs_left_out,
)
from ottool.documents.wording import page_label

PAPERS = {"a4": "A4", "letter": "letter"}
MARGIN = 12.0
INK = (29, 42, 48)
MUTED = (74, 90, 97)
ACCENT = (31, 95, 102)
URGENT = (140, 29, 24)
LINE = (201, 214, 212)
SHADE = (236, 242, 241)
#: The table's marks that Noto Sans lacks, set in Noto Sans Symbols 2 (shipped).
SYMBOLS = "summarysymbols"
SYMBOL_MARKS = frozenset("✓◐")


@dataclass(frozen=True)
class Step:
    """How much of the long parts one layout keeps (None: all)."""

    concerns: int | None  # the latest concerns kept
    concern_chars: int  # a concern longer than this is cut
    signs: int | None  # the most urgent signs kept
    size: float  # body type in points


STEPS = (
    Step(None, 900, None, 9.0),
    Step(4, 420, None, 9.0),
    Step(3, 300, None, 8.5),
    Step(3, 260, 8, 8.0),
    Step(2, 200, 6, 8.0),
    Step(2, 150, 5, 7.5),
    Step(1, 120, 4, 7.5),
    Step(1, 100, 4, 7.0),
)


def summary_pdf(
    doc: SummaryDocument, *, paper: str = "a4", notes: list[str] | None = None
) -> bytes:
    """The summary as the bytes of a one-page PDF (the first step of :data:`STEPS` that
    fits, else the last)."""
    if paper.lower() not in PAPERS:
        raise InputError(f"unknown paper size '{paper}': use a4 or letter")
    import logging

    # fontTools reports tables it leaves out of a font subset; nothing a reader can act on.
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
    chars = set(json.dumps(_texts(doc), ensure_ascii=False))
    chars |= set(concerns_left_out(2) + signs_left_out(2) + cut_mark() + page_label(1, 1))
    for step in STEPS:
        pdf, fonts = _lay_out(doc, paper.lower(), step, chars)
        if pdf.page_no() == 1:
            break
    if fonts.lost and notes is not None:
        notes.append(
            _(
                "the PDF has no font on this computer for {characters}, so they print as "
                "'?'; the HTML summary shows them"
            ).format(characters=", ".join(sorted(fonts.lost)[:10]))
        )
    return bytes(pdf.output())


def _texts(doc: SummaryDocument) -> Any:
    data = dataclasses.asdict(doc)
    data.pop("facts")
    data.pop("clinic")
    if doc.clinic is not None:
        data["clinic"] = [doc.clinic.name, *doc.clinic.contact, doc.footer]
    return data


def _lay_out(doc: SummaryDocument, paper: str, step: Step, chars: set[str]) -> tuple[Any, Any]:
    from fpdf.fonts import FontFace

    from ottool.render.checklist_pdf import _clinic_header
    from ottool.render.pdf.fonts import FAMILY, SHIPPED, Fonts
    from ottool.render.pdf.library import fpdf_class

    size = step.size
    line = size * 0.44  # mm per line of body text
    footer = doc.footer

    class Page(fpdf_class()):  # type: ignore[misc]
        def footer(self) -> None:
            self.set_y(-9)
            self.set_font(FAMILY, "", 7)
            self.set_text_color(*MUTED)
            self.cell(self.epw * 0.8, 4, fit(footer), align="L")
            self.cell(0, 4, page_label(self.page_no(), "{nb}"), align="R")  # type: ignore[arg-type]

    pdf = Page(orientation="portrait", unit="mm", format=PAPERS[paper])
    pdf.set_creator("ottool")
    pdf.set_title(doc.words.title)
    pdf.set_lang(language())
    pdf.set_margins(MARGIN, MARGIN - 2, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=13)
    fonts = Fonts.for_text(pdf, chars)
    pdf.add_font(SYMBOLS, "", str(SHIPPED / "NotoSansSymbols2-Regular.ttf"))
    mark_face = FontFace(family=SYMBOLS)
    fit = fonts.fit
    pdf.alias_nb_pages()
    pdf.add_page()

    def text(value: str, pt: float = size, style: str = "", color: tuple[int, ...] = INK) -> None:
        pdf.set_font(FAMILY, style, pt)
        pdf.set_text_color(*color)
        pdf.multi_cell(0, pt * 0.44, fit(value), new_x="LMARGIN", new_y="NEXT")

    def legend(pt: float) -> None:
        """The marks and their words: each mark set in the symbol font itself (fpdf2's
        fallback fonts lose the type size of the words after a wrapped line)."""
        words = doc.words
        parts = [(mark, f" {label}  ") for mark, label in words.legend_areas]
        parts += [("", f"{words.overall}: ")]
        parts += [(mark, f" {label}  ") for mark, label in words.legend_result]
        parts += [("", words.legend_months)]
        pdf.set_text_color(*MUTED)
        for mark, label in parts:
            if mark:
                pdf.set_font(SYMBOLS if mark in SYMBOL_MARKS else FAMILY, "", pt)
                pdf.write(pt * 0.44, mark)
            pdf.set_font(FAMILY, "", pt)
            pdf.write(pt * 0.44, fit(label))
        pdf.ln(pt * 0.44)

    def heading(value: str) -> None:
        pdf.ln(line * 0.55)
        text(value, size + 1.5, "B", ACCENT)
        pdf.set_draw_color(*LINE)
        pdf.line(pdf.l_margin, pdf.get_y() + 0.3, pdf.w - pdf.r_margin, pdf.get_y() + 0.3)
        pdf.ln(line * 0.45)

    def table(**options: Any) -> Any:
        pdf.set_font(FAMILY, "", size)
        pdf.set_text_color(*INK)
        pdf.set_draw_color(*LINE)
        defaults: dict[str, Any] = {
            "width": pdf.epw,
            "line_height": line,
            "padding": (0.5, 1.0),
            "v_align": "TOP",
            "text_align": "LEFT",
            "headings_style": FontFace(emphasis="B", size_pt=size - 1, color=MUTED),
        }
        defaults.update(options)
        return pdf.table(**defaults)

    if doc.clinic is not None:
        _clinic_header(pdf, doc, FAMILY, size, fit)  # type: ignore[arg-type]
    text(doc.words.title, size + 6, "B", ACCENT)
    text(doc.made, size - 1, color=MUTED)
    pdf.ln(line * 0.4)
    pdf.set_font(FAMILY, "B", size)
    pairs = list(doc.details)
    left, right = pairs[0::2], pairs[1::2]
    widths = [
        max(pdf.get_string_width(fit(label)) for label, _v in side) + 2
        for side in (left, right or left)
    ]
    with table(
        col_widths=(widths[0], pdf.epw * 0.45 - widths[0], widths[1], pdf.epw * 0.55 - widths[1]),
        borders_layout="NONE",
        first_row_as_headings=False,
        padding=(0.3, 1.0, 0.3, 0),
    ) as details:
        for i in range(0, len(pairs), 2):
            row = details.row()
            for label, value in pairs[i : i + 2]:
                row.cell(fit(label), style=FontFace(emphasis="B"))
                row.cell(fit(value))

    heading(doc.words.over_time)
    if doc.columns:
        first = min(pdf.epw * 0.34, max(pdf.get_string_width(fit(r.name)) for r in doc.rows) + 4)
        each = (pdf.epw - first) / max(len(doc.columns), 4)
        with table(
            col_widths=(first, *[each] * len(doc.columns)),
            width=first + each * len(doc.columns),
            align="LEFT",
            text_align=("LEFT", *["CENTER"] * len(doc.columns)),
            borders_layout="HORIZONTAL_LINES",
            first_row_as_headings=True,
            v_align="MIDDLE",
        ) as grid:
            head = grid.row()
            head.cell(fit(doc.words.area))
            for column in doc.columns:
                head.cell(fit(f"{column.date}\n{column.checklist}"))
            for r in doc.rows:
                row = grid.row()
                if r.total:
                    row.cell(fit(r.name), style=FontFace(emphasis="B", fill_color=SHADE))
                    for mark in r.marks:
                        # Regular, not bold: a bold symbol from the fallback font spoils
                        # fpdf2's font choice for the text after the table.
                        row.cell(mark, style=_mark_style(mark, mark_face, SHADE))
                else:
                    row.cell(fit(r.name))
                    for mark in r.marks:
                        row.cell(mark, style=_mark_style(mark, mark_face))
        pdf.ln(line * 0.3)
        legend(size - 1.5)
        if doc.columns_note:
            text(doc.columns_note, size - 1.5, color=MUTED)
    else:
        text(doc.words.no_screenings)

    if doc.skills:
        heading(doc.skills_heading)
        # Only the answers some area has: an empty column would squeeze its heading.
        columns = [
            (label, attr)
            for label, attr in ((doc.words.not_yet, "not_yet"), (doc.words.sometimes, "sometimes"))
            if any(getattr(skill, attr) for skill in doc.skills)
        ]
        with table(
            col_widths=(pdf.epw * 0.24, *[pdf.epw * 0.76 / len(columns)] * len(columns)),
            borders_layout="HORIZONTAL_LINES",
            first_row_as_headings=True,
        ) as listed:
            head = listed.row()
            for label in ("", *(label for label, _attr in columns)):
                head.cell(fit(label))
            for skill in doc.skills:
                row = listed.row()
                row.cell(fit(skill.area))
                for _label, attr in columns:
                    row.cell(fit("; ".join(getattr(skill, attr))))

    heading(doc.words.signs)
    signs = doc.signs if step.signs is None else doc.signs[: step.signs]
    if signs:
        with table(
            col_widths=(pdf.epw * 0.58, pdf.epw * 0.17, pdf.epw * 0.25),
            borders_layout="HORIZONTAL_LINES",
            first_row_as_headings=True,
        ) as listed:
            head = listed.row()
            for label in (doc.words.sign, doc.words.when, doc.words.dates):
                head.cell(fit(label))
            for sign in signs:
                row = listed.row()
                row.cell(fit(sign.text))
                style = FontFace(emphasis="B", color=URGENT) if sign.urgent else None
                row.cell(fit(sign.when), style=style)
                row.cell(fit(", ".join(sign.dates)))
        if len(signs) < len(doc.signs):
            text(signs_left_out(len(doc.signs) - len(signs)), size - 1.5, color=MUTED)
    else:
        text(doc.words.none)

    heading(doc.words.concerns)
    concerns = doc.concerns if step.concerns is None else doc.concerns[-step.concerns :]
    if len(concerns) < len(doc.concerns):
        text(concerns_left_out(len(doc.concerns) - len(concerns)), size - 1.5, color=MUTED)
    if concerns:
        pdf.set_font(FAMILY, "", size)
        date_width = pdf.get_string_width("0000-00-00") + 3
        with table(
            col_widths=(date_width, pdf.epw - date_width),
            borders_layout="NONE",
            first_row_as_headings=False,
            padding=(0.4, 1.0, 0.4, 0),
        ) as listed:
            for concern in concerns:
                words = concern.text
                if len(words) > step.concern_chars:
                    words = (
                        words[: step.concern_chars].rsplit(" ", 1)[0].rstrip(".,;:") + cut_mark()
                    )
                row = listed.row()
                row.cell(fit(concern.date), style=FontFace(color=MUTED))
                row.cell(fit(_("“{text}”").format(text=words)))
    else:
        text(doc.words.none)

    heading(doc.plan_heading)
    if doc.plan:
        with table(
            col_widths=(pdf.epw * 0.4, pdf.epw * 0.3, pdf.epw * 0.3),
            borders_layout="HORIZONTAL_LINES",
            first_row_as_headings=True,
        ) as listed:
            head = listed.row()
            for label in (doc.words.activity, doc.words.dose, doc.words.kept):
                head.cell(fit(label))
            for activity in doc.plan:
                row = listed.row()
                row.cell(fit(activity.name))
                row.cell(fit(activity.dose))
                row.cell(fit(activity.kept))
    if doc.practice_note:
        text(doc.practice_note, size - 0.5, color=MUTED)

    pdf.ln(line * 0.6)
    for label, value in (
        (doc.words.referrals, doc.referrals or doc.words.no_referrals),
        (doc.words.next_check, doc.next_check),
    ):
        pdf.set_font(FAMILY, "B", size + 0.5)
        pdf.set_text_color(*ACCENT)
        pdf.write(line * 1.1, fit(f"{label}: "))
        pdf.set_font(FAMILY, "", size)
        pdf.set_text_color(*INK)
        pdf.write(line * 1.1, fit(value))
        pdf.ln(line * 1.3)
    pdf.ln(line * 0.3)
    pdf.set_draw_color(*LINE)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(line * 0.3)
    text(doc.disclaimer, size - 1.5, color=MUTED)
    return pdf, fonts


def _mark_style(mark: str, symbols: Any, fill: tuple[int, int, int] | None = None) -> Any:
    """A table cell's style for ``mark``: the symbol font for ✓ and ◐, the text's otherwise."""
    from fpdf.fonts import FontFace

    family = symbols.family if mark in SYMBOL_MARKS else None
    return FontFace(family=family, fill_color=fill)
