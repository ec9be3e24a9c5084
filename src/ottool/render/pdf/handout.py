"""The home plan as a two-page handout: which block goes where.

Page 1 opens with the header, the therapist's notes (under the child's details,
as in the Markdown and HTML plans), "When to call" and the status; the activity
cards sit in two balanced columns (a card is never split when it fits a column:
it moves to the other column or the next page), then the tracker (fpdf2's
``table``), "When to call" when no box opened the plan (its plain signs in
fpdf2's balanced text columns) and the disclaimer; the sources are small print
at the foot of the last page. A plan that would spill onto a third page is set
again with a little less leading and narrower margins; longer plans
(``--max-activities 8``) take more pages.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from ottool.core.errors import InputError
from ottool.core.i18n import _, language
from ottool.documents.plan_document import ActivityCard, PlanDocument
from ottool.documents.result_document import CallSign
from ottool.documents.wording import page_label, week_label
from ottool.render.pdf.fonts import Fonts, shown_letters
from ottool.render.pdf.layout import (
    ACCENT,
    BODY,
    BOLD,
    MUTED,
    MUTED_TEXT,
    SMALL_PT,
    URGENT,
    Band,
    Barred,
    Beside,
    Block,
    Gap,
    Indented,
    Logo,
    Over,
    Rule,
    Sheet,
    Span,
    Stack,
    Style,
    Text,
    WritingLine,
    mark_width,
)
from ottool.render.pdf.library import fpdf_class
from ottool.render.pdf.pages import Pages
from ottool.render.pdf.parts import AreaRow, Marked, Tracker, cut_to

PAPERS = {"a4": "A4", "letter": "Letter"}
#: The default plan fits this many pages; a plan that would spill over is set a little tighter.
HANDOUT_PAGES = 2


@dataclasses.dataclass(frozen=True)
class Measure:
    """The page's measures at one level of tightness (0: as designed; 1, 2: tighter)."""

    leading: float  # body line height, as a multiple of the font size
    spacing: float  # blank space between blocks, as a share of the designed space
    top: float  # the top margin, mm
    side: float = 9.5  # left and right margins
    bottom: float = 12  # the footer line sits inside it
    gap: float = 5.0  # between columns
    row: float = 6.6  # a tracker row: room to tick a box


#: Every setting has the same margins and columns, so a paragraph breaks into the same
#: lines in each (fpdf2 breaks them once); tighter ones have less leading and space.
LEVELS = (
    Measure(leading=1.16, spacing=1.0, top=11),
    Measure(leading=1.09, spacing=0.4, top=9.5, row=6.0),
    Measure(leading=1.06, spacing=0.2, top=9.5, row=5.6),
    # The last resort before a third page: lines just clear of each other.
    Measure(leading=1.0, spacing=0.1, top=7.5, bottom=10.5, row=5.4),
)
FOOTER = Style(size=SMALL_PT + 0.5, colour=MUTED)
#: The steps and safety lines of a plan of more activities than the default.
DENSE_PT = 9.5


def plan_pdf(doc: PlanDocument, *, paper: str = "a4", notes: list[str] | None = None) -> bytes:
    """The plan as PDF bytes.

    Letters that no font on this computer can show (Chinese without a CJK system font)
    print as ``?``; a sentence saying which is appended to ``notes``.
    """
    if paper.lower() not in PAPERS:
        raise InputError(f"unknown paper size '{paper}': use a4 or letter")
    pdf, fonts = _new_pdf(doc, paper, printed_text(doc))
    sheet = Sheet(pdf, fonts, leading=LEVELS[0].leading)
    chosen = LEVELS[0]
    fewest = 0
    for measure in LEVELS:  # as designed, then tighter while that saves a page
        sheet.scale = measure.leading / LEVELS[0].leading
        pages = Handout(doc, sheet, measure, dry=True).lay_out()
        if not fewest or pages < fewest:
            chosen, fewest = measure, pages
        if fewest <= HANDOUT_PAGES:
            break
    sheet.scale = chosen.leading / LEVELS[0].leading
    Handout(doc, sheet, chosen).lay_out()
    data = bytes(pdf.output())
    if fonts.lost and notes is not None:
        notes.append(
            _(
                "the PDF has no font on this computer for {characters}, so they print as "
                "'?'; the HTML plan (--output plan.html) shows them, and a font for that "
                "script (such as Noto Sans CJK) lets the PDF show them too"
            ).format(characters=shown_letters(fonts.lost))
        )
    return data


def _new_pdf(doc: PlanDocument, paper: str, chars: set[str]) -> tuple[Any, Fonts]:
    import logging

    # fontTools reports tables it leaves out of a font subset; nothing a reader can act on.
    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
    pdf = fpdf_class()(orientation="portrait", unit="mm", format=PAPERS[paper.lower()])
    pdf.set_creator("ottool")
    # Document properties that screen readers and PDF viewers announce.
    pdf.set_title(doc.title)
    pdf.set_subject(doc.labels.subject)
    pdf.set_lang(language())
    if doc.therapist:
        pdf.set_author(doc.therapist)
    pdf.c_margin = 0
    return pdf, Fonts.for_text(pdf, chars)


def printed_text(doc: PlanDocument) -> set[str]:
    """Every character the PDF prints: status marks are drawn, so they need no font."""
    data = doc.as_data()
    data["overall"] = doc.next_step.words if doc.next_step else None
    data["areas"] = [(area.name, area.words) for area in doc.areas]
    data["labels"] = dataclasses.asdict(doc.labels)
    words = [doc.date_shown, doc.checklist, doc.tracker_note, page_label(10, 10)]
    words.append(doc.screening_date_shown)
    words.append(doc.therapist or "")  # printed in the header, not part of the plan's data
    words.append(doc.child_shown or "")
    words += [week_label(week) for week in range(1, doc.tracker_weeks + 1)]
    data["shown"] = words
    return set(json.dumps(data, ensure_ascii=False))


class Handout:
    """Places the plan's blocks on the pages of one PDF."""

    def __init__(
        self, doc: PlanDocument, sheet: Sheet, measure: Measure, *, dry: bool = False
    ) -> None:
        self.doc = doc
        self.sheet = sheet
        self.pdf = sheet.pdf
        self.m = measure
        self.left = measure.side
        self.width = self.pdf.w - 2 * measure.side
        self.half = (self.width - measure.gap) / 2
        self.top = measure.top
        self.bottom = self.pdf.h - measure.bottom
        self.pdf.set_margins(measure.side, measure.top, measure.side)
        self.pdf.set_auto_page_break(True, margin=measure.bottom - 0.5)
        room = self.width - self.sheet.string_width(page_label(10, 10), FOOTER) - 6
        footer = f"{doc.title} · {doc.date_shown}"
        if doc.clinic is not None:  # the clinic that gave the handout, and its phone
            footer = f"{doc.clinic.footer_line()} · {footer}"
        self.footer_left = cut_to(footer, room, sheet, FOOTER)
        self.pages = Pages(
            self.pdf,
            left=self.left,
            width=self.width,
            top=self.top,
            bottom=self.bottom,
            gap=measure.gap,
            dry=dry,
            split_pages=measure.spacing < 0.4,
        )

    def gap(self, height: float) -> Gap:
        return Gap(height * self.m.spacing)

    # Building blocks.

    def text(self, spans: list[Span], width: float | None = None, **options: Any) -> Text:
        return self.sheet.text(spans, width or self.width, **options)

    def heading(self, title: str, width: float, *, note: str | None = None) -> Stack:
        """A section heading with a rule under it; ``note`` follows it in small print."""
        spans = [Span(title, Style("B", 12, ACCENT))]
        if note:
            spans.append(Span("   " + note, MUTED_TEXT))
        return Stack([self.gap(2.5), self.text(spans, width, leading=1.2), Rule(self.pdf, width)])

    # The plan.

    def lay_out(self) -> int:
        """Place (and, unless dry, draw) the whole plan; the number of pages it takes."""
        doc = self.doc
        self.pages.place(self.header())
        if doc.notes:  # the therapist's own words first, under the child's details
            self.pages.place(Stack([self.gap(2.5), self.notes()]))
        if doc.call_box:  # then what to do and when, before the activities
            self.pages.place(Stack([self.gap(2.5), self.call_box()]))
        status = self.status()
        if status is not None:
            self.pages.place(Stack([self.gap(2.5), status]))
        intro = Stack(
            [self.heading(doc.labels.activities, self.width), self.text([Span(doc.intro)])]
        )
        cards = [self.card(n, card) for n, card in enumerate(doc.activities, start=1)]
        self.pages.place(intro, keep_with=sum(b.height for b in cards[0][:4]) if cards else 0)
        self.pages.columns(cards)
        self.tracker()
        if not doc.call_box:
            self.when_to_call()
        self.numbers_and_questions()
        # Clear room above the disclaimer, tight or not: it must not read as part of
        # the therapist's last note.
        room = Gap((5, 4, 3, 1.5)[LEVELS.index(self.m)])
        self.pages.place(Stack([room, self.text([Span(doc.disclaimer, MUTED_TEXT)])]))
        self.pages.at_foot(self.sources())
        if not self.pages.dry:
            self.footers()
        return self.pages.count

    def notes(self) -> Block:
        """The notes' label in bold with the first note on the same line; more notes follow
        it as a list."""
        label = Span(self.doc.labels.notes + ": ", Style("B", colour=ACCENT))
        notes = list(self.doc.notes)
        first = self.text([label, Span(notes[0])])
        if len(notes) == 1:
            return first
        return Stack([first, self.sheet.bullets([[Span(n)] for n in notes[1:]], self.width, "–")])

    def header(self) -> Block:
        doc, words = self.doc, self.doc.labels
        facts = [(words.child, doc.child_shown)] if doc.child_shown else []
        details = doc.details
        if details is not None and details.born:
            facts.append((words.born, details.born))
        facts += [(words.age, details.age if details else doc.age)]
        facts.append((words.checklist, doc.checklist))
        if doc.screening_date:  # a plan given on a later day than its screening
            facts.append((words.screened, doc.screening_date_shown))
        facts.append((words.date, doc.date_shown))
        if details is not None and details.next_check:
            facts.append((words.next_check, details.next_check))
        if doc.therapist:
            facts.append((words.therapist, doc.therapist))
        if doc.caregiver:
            facts.append((words.caregiver, doc.caregiver))
        blocks: list[Block] = []
        clinic = doc.clinic
        if clinic is not None:
            spans = [Span(clinic.name, Style("B", 10.5, ACCENT))]
            if clinic.contact_line():
                spans.append(Span("   " + clinic.contact_line(), MUTED_TEXT))
            logo = Logo(self.pdf, clinic.logo) if clinic.logo is not None else None
            text = self.text(spans, self.width - (logo.width + 3 if logo else 0))
            blocks += [Beside(logo, text) if logo else text, Gap(1.0)]
        title = self.text([Span(doc.title, Style("B", 17, ACCENT))], leading=1.3)
        return Stack([*blocks, title, self.text(_facts(facts))])

    def call_box(self) -> Block:
        """ "When to call": one row per urgency, most urgent first, each a paragraph: what
        to do, then its signs run on (the reported ones in bold and marked), as the printed
        HTML has them."""
        doc, words = self.doc, self.doc.labels
        inner = self.width - 9
        blocks: list[Block] = [
            self.gap(1.5),
            self.text([Span(doc.call_box_title, Style("B", 12, URGENT))], inner, leading=1.25),
        ]
        between = Span(" · ", MUTED_TEXT)
        for group in doc.call_box:
            colour = URGENT if group.urgent else ACCENT
            spans = [Span(group.heading, Style("B", colour=colour))]
            spans.append(Span(" " + group.when if group.when else ":"))
            said: list[list[Span]] = []
            for sign in group.signs:
                one = [Span(sign.text, BOLD if sign.reported else BODY)]
                if sign.reported:
                    one.append(Span(" " + words.you_noticed, Style("B", colour=URGENT)))
                said.append(one)
            said += [[Span(line, MUTED_TEXT)] for line in group.lines]
            for number, one in enumerate(said):
                spans += [between if number else Span(" "), *one]
            blocks += [self.gap(1.2), self.text(spans, inner)]
        blocks.append(Gap(1.5))
        return Band(self.pdf, Stack(blocks), self.width, URGENT)

    def numbers_and_questions(self) -> None:
        """Lines for the phone numbers (pre-filled where known) and, beside them, for the
        family's questions and notes for the next visit."""
        doc, words = self.doc, self.doc.labels
        half = self.half
        left: list[Block] = []
        if doc.contacts:
            left.append(self.heading(words.numbers, half))
            for contact in doc.contacts:
                known = " ".join(p for p in (contact.name, contact.phone) if p)
                spans = [Span(contact.role + " ", BOLD)]
                if known:
                    spans.append(Span(known))
                said = self.text(spans, half)
                if contact.phone:
                    left.append(said)
                else:  # the line to write the number on goes on after the words
                    end = self.sheet.string_width(contact.role + " " + known, BOLD) + 2
                    at = end if said.line_count == 1 and end < half * 0.7 else 0.0
                    line = WritingLine(self.pdf, half, 6.5 if self.m.spacing > 0.2 else 5.8, x=at)
                    left.append(Over(said, line) if at else Stack([said, line]))
                if contact.note:
                    left.append(self.text([Span(contact.note, MUTED_TEXT)], half))
        right: list[Block] = []
        if doc.question_lines:
            right.append(self.heading(words.questions, half))
            tall = 8.0 if self.m.spacing == 1.0 else 6.5 if self.m.spacing > 0.1 else 5.8
            right += [WritingLine(self.pdf, half, tall) for _ in range(doc.question_lines)]
        if left or right:
            self.pages.place(Beside(Stack(left), Stack(right), at=half + self.m.gap))

    def status(self) -> Block | None:
        doc, words = self.doc, self.doc.labels
        step = doc.next_step
        if not step and not doc.concerns:
            return None
        inner = self.width - 9
        blocks: list[Block] = [self.gap(1.5)]
        if step:
            label = Span(words.next_step + " ", Style("B", 10.5))
            label_w = self.sheet.string_width(label.text, label.style)
            # The label, the drawn mark, then the words (their first line indented past both).
            indent = label_w + mark_width(step.symbol)
            said = [Span(step.words, label.style)]
            line = self.text(said, inner, leading=1.35, first_indent=indent)
            blocks.append(Marked(line, self.sheet, label, step.symbol, label_w))
            blocks.append(self.text([Span(step.advice)], inner))
            if step.next_check:
                blocks.append(self.text([Span(step.next_check, BOLD)], inner))
            blocks += self.areas(inner)
        if doc.concerns:
            blocks += [
                self.gap(1.2),
                self.text([Span(words.your_note + " ", BOLD), Span(doc.concerns)], inner),
            ]
        blocks.append(Gap(1.5))
        colour = URGENT if step and step.urgent else ACCENT
        return Band(self.pdf, Stack(blocks), self.width, colour)

    def areas(self, width: float) -> list[Block]:
        """Each area and its status, two to a row."""
        if not self.doc.areas:
            return []
        column = (width - 4) / 2
        names = max(self.sheet.string_width(a.name, BODY) for a in self.doc.areas) + 2.5
        words = max(
            self.sheet.string_width(a.words, BOLD) + mark_width(a.symbol) for a in self.doc.areas
        )
        # The statuses whole where they can be; a long area name wraps instead.
        name_w = max(min(names, column - words), column * 0.35)
        rows: list[Block] = [self.gap(1)]
        areas = list(self.doc.areas)
        half = -(-len(areas) // 2)
        for row in range(half):
            cells = [areas[row]] + ([areas[row + half]] if row + half < len(areas) else [])
            rows.append(AreaRow(self.sheet, cells, column, name_w))
        return rows

    def card(self, number: int, card: ActivityCard) -> list[Block]:
        inner = self.half - 1
        words = self.doc.labels
        blocks: list[Block] = [self.gap(2.5)]
        blocks.append(self.text([Span(f"{number}. {card.name}", Style("B", 11, ACCENT))], inner))
        if card.why:
            blocks.append(self.text([Span(card.why, MUTED_TEXT)], inner))
        why = card.reason
        if card.practices:
            # "Practices skills you answered 'not yet': holds head steady; …"
            why = why.rstrip(".") + ": " + "; ".join(card.practices) + "."
        if why:  # a card the therapist chose has no reason line of its own
            blocks.append(self.text([Span(words.why + " ", BOLD), Span(why)], inner))
        facts = [(words.how_much, card.dose)]
        if card.routines:
            facts.append((words.fits_into, ", ".join(card.routines)))
        if card.materials:
            facts.append((words.you_need, ", ".join(card.materials)))
        blocks.append(self.text(_facts(facts), inner))
        # A plan of more activities than the default sets its steps and safety lines a
        # little smaller (as the printed HTML does), so that five keep to two pages.
        small = Style(size=DENSE_PT) if self.doc.dense else BODY
        for step, text in enumerate(card.steps, start=1):
            blocks.append(self.sheet.text([Span(text, small)], inner, bullet=f"{step}.", hang=4.5))
        if card.safety:
            # One line each, never run together as one paragraph.
            label = Span(words.safety + ":", Style("B", small.size, URGENT))
            lines = [[Span(line, small)] for line in card.safety]
            if self.m.spacing < 0.4:  # tight: the label runs in before the first line
                lines[0] = [Span(label.text + " ", label.style), *lines[0]]
            else:
                blocks.append(self.text([label]))
            blocks.append(self.sheet.bullets(lines, inner, "•"))
        return [blocks[0], *(Barred(self.pdf, block) for block in blocks[1:])]

    def tracker(self) -> None:
        doc = self.doc
        head = self.heading(doc.labels.tracker, self.width, note=doc.tracker_note)
        for first in range(1, doc.tracker_weeks + 1, 2):
            weeks = tuple(range(first, min(first + 2, doc.tracker_weeks + 1)))
            table = Tracker(self.sheet, doc, weeks, self.width, self.m.row)
            self.pages.place(Stack([head, table]) if first == 1 else Stack([self.gap(2), table]))

    def when_to_call(self) -> None:
        doc = self.doc
        if not doc.when_to_call:
            return
        head: Block | None = self.heading(doc.labels.when_to_call, self.width)
        for sign in doc.own_advice_signs:
            block = self.sign(sign)
            self.pages.place(Stack([head, block]) if head else block)
            head = None
        plain: list[list[Block]] = [
            [self.gap(0.6), self.sheet.bullets([[Span(s.text)]], self.half, "•")]
            for s in doc.other_signs
        ]
        if plain:
            if head:
                self.pages.place(head, keep_with=sum(b[1].height for b in plain[:3]))
            self.pages.columns(plain)
        self.pages.place(Stack([self.gap(1.2), self.text([Span(doc.call_advice, MUTED_TEXT)])]))

    def sign(self, sign: CallSign) -> Block:
        words = self.doc.labels
        spans = []
        if sign.urgent:
            spans.append(Span(words.urgent.upper() + " ", Style("B", colour=URGENT)))
        spans.append(Span(sign.text, BOLD if sign.reported else BODY))
        if sign.reported:
            spans.append(Span(" " + words.you_noticed, Style("B", colour=URGENT)))
        advice = self.text([Span(sign.advice, MUTED_TEXT)], self.width - 5)
        return Stack([self.gap(1.2), self.text(spans), Indented(advice, 5)])

    def sources(self) -> Block:
        size = SMALL_PT if self.m.spacing > 0.1 else SMALL_PT - 0.5
        small = Style(size=size, colour=MUTED)
        text = "; ".join(s.rstrip(".") for s in self.doc.sources) + "."
        spans = [
            Span(self.doc.labels.sources + " ", Style("B", size, MUTED)),
            Span(text, small),
        ]
        leading = 1.22 if self.m.spacing == 1.0 else 1.12 if self.m.spacing > 0.1 else 1.06
        return Stack(
            [
                Gap(1.5 * self.m.spacing + 1),
                Rule(self.pdf, self.width, 1.0),
                self.text(spans, leading=leading),
            ]
        )

    def footers(self) -> None:
        """The footer line of each page: the plan's title and date, and "Page N of M"."""
        total = self.pdf.pages_count
        top = self.pdf.h - self.m.bottom + 4.5
        self.pdf.set_auto_page_break(False)
        for number in range(1, total + 1):
            self.pdf.page = number
            # Each page says its own font again (fpdf2 remembers only the last page's).
            self.pdf.current_font_is_set_on_page = False
            right = page_label(number, total)
            right_w = self.sheet.string_width(right, FOOTER)
            self.sheet.print_at(self.left, top, 3.0, self.footer_left, FOOTER)
            self.sheet.print_at(self.pdf.w - self.left - right_w, top, 3.0, right, FOOTER)


def _facts(pairs: list[tuple[str, str]]) -> list[Span]:
    """``label value`` pairs in one paragraph; a no-break space keeps each label with the
    first word of its value, and wide spaces set the pairs apart."""
    spans: list[Span] = []
    for number, (label, value) in enumerate(pairs):
        if number:
            spans.append(Span("   "))
        spans += [Span(label.replace(" ", "\u00a0") + "\u00a0", BOLD), Span(value)]
    return spans
