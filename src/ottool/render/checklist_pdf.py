"""A blank checklist as PDF, laid out with fpdf2's own tools (table, multi_cell).

One page when it fits; otherwise two, the questions on the first and the warning
signs with the space for worries on the second. Text is Noto Sans, as on the
handout (the fonts come from ``render.pdf``), with the handout's fallback fonts for
letters Noto Sans lacks (a clinic's name in Chinese, Arabic, a symbol); what no font
on the computer can show prints as "?" and is named in one note. The tick boxes are
the box of the PDF's own ZapfDingbats font, which every reader has, so they need no
font file.
"""

from __future__ import annotations

import dataclasses
import io
import warnings
from typing import Any

from ottool.core.errors import InputError
from ottool.core.i18n import _, language
from ottool.documents.checklist_document import ChecklistDocument
from ottool.documents.wording import page_label

PAPERS = {"a4": "A4", "letter": "letter"}
MARGIN = 11.0
#: The body text's size in points (the handout's).
BODY_PT = 9.5
MAX_PAGES = 2
#: Lines to write worries on.
CONCERN_LINES = 5
#: ZapfDingbats' "o": a box with a shadow, the usual tick box of paper forms.
BOX = "o"
BOX_FONT = "zapfdingbats"
INK = (29, 42, 48)
MUTED = (74, 90, 97)
ACCENT = (31, 95, 102)
URGENT = (140, 29, 24)
LINE = (201, 214, 212)


def checklist_pdf(
    doc: ChecklistDocument, *, paper: str = "a4", notes: list[str] | None = None
) -> bytes:
    """The checklist as PDF bytes: one page where it fits, two at most.

    Letters that no font on this computer can show (Chinese without a CJK system font)
    print as ``?``; a sentence saying which is appended to ``notes``.
    """
    if paper.lower() not in PAPERS:
        raise InputError(f"unknown paper size '{paper}': use a4 or letter")
    import logging

    # fontTools reports tables it leaves out of a font subset; nothing a reader can act on.
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
    chars = set("".join(_strings(doc)))
    flowing, lost = _lay_out(doc, paper.lower(), BODY_PT, chars)
    chosen = flowing
    if flowing.page_no() > 1:
        # Two pages: the questions on the first, the warning signs and the worries
        # together on the second, rather than a list of signs cut in two.
        split, lost = _lay_out(doc, paper.lower(), BODY_PT, chars, signs_on_new_page=True)
        if split.page_no() <= MAX_PAGES:
            chosen = split
    data = bytes(chosen.output())
    if lost and notes is not None:
        from ottool.render.pdf.fonts import shown_letters

        notes.append(
            _(
                "the checklist PDF has no font on this computer for {characters}, so they "
                "print as '?'; the HTML checklist (--output checklist.html) shows them, and "
                "a font for that script (such as Noto Sans CJK) lets the PDF show them too"
            ).format(characters=shown_letters(lost))
        )
    return data


def _strings(value: Any) -> list[str]:
    """Every piece of text in ``value`` (a document, its parts), to choose the fonts."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = [getattr(value, f.name) for f in dataclasses.fields(value)]
    elif isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _strings(item)]
    return []


def _lay_out(
    doc: ChecklistDocument,
    paper: str,
    size: float,
    chars: set[str],
    *,
    signs_on_new_page: bool = False,
) -> tuple[Any, set[str]]:
    """The checklist laid out on a new PDF, and the letters no font could print."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    from ottool.render.pdf.fonts import FAMILY, Fonts

    footer_left = " · ".join([doc.title, *([doc.clinic.footer_line()] if doc.clinic else [])])

    class Sheet(FPDF):
        def footer(self) -> None:
            self.set_y(-9)
            self.set_font(family, "", 7)
            self.set_text_color(*MUTED)
            self.cell(
                self.epw * 0.75, 4, _fitting(self, fit(footer_left), self.epw * 0.72), align="L"
            )
            self.cell(0, 4, page_label(self.page_no(), "{nb}"), align="R")  # type: ignore[arg-type]

    pdf = Sheet(orientation="portrait", unit="mm", format=PAPERS[paper])
    pdf.set_creator("ottool")
    pdf.set_title(doc.title)
    pdf.set_lang(language())
    pdf.set_margins(MARGIN, MARGIN - 2, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=13)
    family = FAMILY
    # Noto Sans, and the fallback fonts the text needs; ``fit`` puts "?" for the rest.
    fonts = Fonts.for_text(pdf, chars)
    fit = fonts.fit
    box_face = FontFace(family=BOX_FONT, size_pt=size + 1, color=MUTED)
    pdf.add_page()
    line = size * 0.45  # mm per line of body text
    words = doc.words

    def text(value: str, pt: float = size, style: str = "", color: tuple[int, ...] = INK) -> None:
        pdf.set_font(family, style, pt)
        pdf.set_text_color(*color)
        pdf.multi_cell(0, pt * 0.45, fit(value), new_x="LMARGIN", new_y="NEXT")

    def heading(value: str) -> None:
        pdf.ln(line * 0.5)
        text(value, size + 2, "B", ACCENT)
        pdf.set_draw_color(*LINE)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
        pdf.ln(line * 0.3)

    if doc.clinic is not None:
        _clinic_header(pdf, doc, family, size, fit)
    text(doc.title, size + 6, "B", ACCENT)
    text(f"{doc.ages} {doc.early}", size - 0.5, color=MUTED)
    pdf.ln(line * 0.4)
    _fill_lines(pdf, family, size, line, [fit(w) for w in _fill_labels(words)])

    heading(words.questions)
    text(words.tick_one, size - 0.5, color=MUTED)
    pdf.ln(line * 0.3)
    answer_width = 17.0
    pdf.set_font(family, "", size)
    pdf.set_draw_color(*LINE)
    with pdf.table(
        col_widths=(pdf.epw - answer_width * len(doc.answers), *[answer_width] * len(doc.answers)),
        width=pdf.epw,
        text_align=("LEFT", *["CENTER"] * len(doc.answers)),
        borders_layout="HORIZONTAL_LINES",
        headings_style=FontFace(emphasis="B", size_pt=size - 2, color=MUTED),
        line_height=line,
        padding=(0.6, 1.0),
        first_row_as_headings=True,
    ) as table:
        head = table.row()
        head.cell(fit(words.question))
        for _answer, label in doc.answers:
            head.cell(fit(label))
        for area in doc.areas:
            row = table.row()
            row.cell(
                fit(area.name),
                colspan=len(doc.answers) + 1,
                style=FontFace(emphasis="B", color=ACCENT),
            )
            for q in area.questions:
                row = table.row()
                row.cell(fit(q.text))
                for _kind in doc.answers:
                    row.cell(BOX, style=box_face)

    if signs_on_new_page:
        pdf.add_page()
    if doc.signs:
        heading(words.signs)
        text(words.tick_signs, size - 0.5, color=MUTED)
        pdf.ln(line * 0.2)
        pdf.set_font(family, "", size)
        box_width = 7.0
        column = pdf.epw / 2 - box_width
        with pdf.table(
            col_widths=(box_width, column, box_width, column),
            width=pdf.epw,
            text_align="LEFT",
            borders_layout="NONE",
            line_height=line,
            padding=(0.4, 1.0, 0.4, 0),
            first_row_as_headings=False,
            v_align="TOP",
        ) as table:
            half = (len(doc.signs) + 1) // 2
            columns = (doc.signs[:half], doc.signs[half:])
            for i in range(half):
                row = table.row()
                for signs in columns:
                    if i >= len(signs):
                        row.cell("")
                        row.cell("")
                        continue
                    sign = signs[i]
                    label = f"{words.urgent} " if sign.urgent else ""
                    style = FontFace(emphasis="B", color=URGENT) if sign.urgent else None
                    row.cell(BOX, style=box_face)
                    row.cell(fit(f"{label}{sign.text}"), style=style)
        pdf.ln(line * 0.2)
        text(doc.call_advice, size - 0.5)

    heading(words.concerns)
    text(words.concerns_hint, size - 0.5, color=MUTED)
    pdf.set_draw_color(*MUTED)
    for _line in range(CONCERN_LINES):
        pdf.ln(size * 0.8)
        pdf.line(pdf.l_margin, pdf.get_y(), pdf.w - pdf.r_margin, pdf.get_y())
    pdf.ln(line * 1.2)
    text(words.bring_it, size - 0.5, "B")
    pdf.ln(line * 0.2)
    text(doc.disclaimer, size - 2, color=MUTED)
    for source in doc.sources:
        text(source, size - 2, color=MUTED)
    pdf.alias_nb_pages()
    return pdf, fonts.lost


def _clinic_header(
    pdf: Any, doc: ChecklistDocument, family: str, size: float, fit: Any = str
) -> None:
    """The clinic's logo, name and contact details across the top, with a rule under them."""
    clinic = doc.clinic
    assert clinic is not None
    top = pdf.get_y()
    x = pdf.l_margin
    if clinic.logo is not None:
        width, height = clinic.logo.size_within(40, 11)
        with warnings.catch_warnings():  # the image library's notes are not the reader's
            warnings.simplefilter("ignore")
            pdf.image(io.BytesIO(clinic.logo.data), x=x, y=top, w=width, h=height)
        x += width + 4
    pdf.set_xy(x, top)
    pdf.set_font(family, "B", size + 1)
    pdf.set_text_color(*INK)
    pdf.multi_cell(0, size * 0.5, fit(clinic.name), align="L", new_x="LEFT", new_y="NEXT")
    if clinic.contact:
        pdf.set_font(family, "", size - 1)
        pdf.set_text_color(*MUTED)
        contact = " · ".join(" ".join(part.split()) for part in clinic.contact)
        pdf.multi_cell(0, size * 0.42, fit(contact), align="L", new_x="LMARGIN", new_y="NEXT")
    bottom = max(pdf.get_y(), top + (11 if clinic.logo is not None else 0)) + 1.5
    pdf.set_draw_color(*LINE)
    pdf.line(pdf.l_margin, bottom, pdf.w - pdf.r_margin, bottom)
    pdf.set_xy(pdf.l_margin, bottom + 2)


def _fill_labels(words: Any) -> tuple[str, ...]:
    return (words.child_name, words.birth_date, words.born_early, words.date_filled)


def _fill_lines(pdf: Any, family: str, size: float, line: float, labels: list[str]) -> None:
    """The child's details as labels on lines to write on: two to a row, or a row of
    its own for a label too long to leave room to write beside it (Spanish)."""
    half = pdf.epw / 2
    pdf.set_font(family, "", size)
    pdf.set_text_color(*INK)
    pdf.set_draw_color(*INK)
    rows: list[tuple[str, ...]] = []
    for pair in (tuple(labels[0:2]), tuple(labels[2:4])):
        if all(pdf.get_string_width(f"{label}:") < half - 30 for label in pair):
            rows.append(pair)
        else:
            rows += [(label,) for label in pair]
    for row in rows:
        y = pdf.get_y() + line * 1.4
        width_each = pdf.epw / len(row)
        for j, label in enumerate(row):
            x = pdf.l_margin + j * width_each
            shown = f"{label}:"
            pdf.text(x, y, shown)
            start = x + pdf.get_string_width(shown) + 1.5
            pdf.line(start, y + 0.6, x + width_each - (5 if len(row) > 1 else 0), y + 0.6)
        pdf.set_y(y + line * 0.6)


def _fitting(pdf: Any, text: str, width: float) -> str:
    """``text`` cut (with an ellipsis) to fit ``width`` in the current font."""
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"
