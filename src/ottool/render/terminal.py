"""Rich views of a screening result and of a home plan.

Both views lay out a finished document (:mod:`ottool.documents.result_document`,
:mod:`ottool.documents.plan_document`): every word and every decision (what is urgent,
which advice shows) comes from there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ottool.core.content import Content
from ottool.core.screening import ScreeningResult
from ottool.documents.plan_document import ActivityCard, PlanDocument
from ottool.documents.result_document import (
    CallSign,
    NextStep,
    ResultDocument,
    build_result_document,
)
from ottool.documents.wording import Labels, labels


def print_result(
    result: ScreeningResult, content: Content, console: Console, *, disclaimer: bool = True
) -> None:
    """The screening result: areas, the overall next step and any warning signs."""
    print_result_document(build_result_document(content, result), console, disclaimer=disclaimer)


def print_result_document(
    doc: ResultDocument, console: Console, *, disclaimer: bool = True
) -> None:
    """A result document: areas, the overall next step and any warning signs."""
    words = doc.labels
    console.print()
    console.rule(f"[heading]{escape(doc.title)}[/heading]", align="left")
    console.print(escape(doc.age_line))
    console.print(escape(doc.checklist_line))
    if doc.unused_note:
        console.print(escape(doc.unused_note))
    console.print()
    table = Table(show_header=True, header_style="heading", expand=False)
    table.add_column(words.area)
    table.add_column(words.status, no_wrap=True)
    table.add_column(words.answers, style="muted")
    for area in doc.areas:
        table.add_row(Text(area.name), Text(area.status, style=area.code), area.answers)
    console.print(table)
    console.print()
    step = doc.next_step
    console.print(_box(_step_body(step), Text(step.label, style=step.code), console.width))
    if doc.noticed:
        console.print()
        console.print(f"[heading]{escape(words.what_you_noticed)}[/heading]")
        noticed = [
            (
                w.mark,
                Text.assemble(w.text, *(("\n", (w.advice, "muted")) if w.advice else ())),
            )
            for w in doc.noticed
        ]
        console.print(Padding(_marked(noticed), (0, 0, 0, 2), expand=False))
    if doc.concerns:
        console.print()
        console.print(f"[heading]{escape(words.your_note_heading)}[/heading]")
        console.print(Padding(escape(doc.concerns), (0, 0, 0, 2)))
        if doc.concerns_hint:
            console.print(Padding(escape(doc.concerns_hint), (0, 0, 0, 2)))
    if disclaimer:
        console.print()
        console.print(f"[muted]{escape(doc.disclaimer)}[/muted]")


#: A box's border, padding and the spaces Rich puts around its title take these columns.
_TITLE_MARGIN = 6


def _box(body: RenderableType, title: Text, width: int | None) -> Panel:
    """A box with ``title`` on its top border, or, when the title would not fit there in
    ``width`` columns (Rich cuts it with "…"), as the box's first line, wrapped like any
    text. ``width`` None: the border."""
    if width is None or title.cell_len + _TITLE_MARGIN <= width:
        return Panel(body, title=title, title_align="left", padding=(0, 1))
    return Panel(Group(title, body), padding=(0, 1))


def _step_body(step: NextStep) -> Text:
    """A result box: the advice, then the next check on a line of its own."""
    body = Text(step.advice)
    if step.next_check:
        body.append("\n" + step.next_check, style="bold")
    return body


def _sign_text(sign: CallSign) -> Text:
    """A noticed sign, and its advice under it unless an earlier sign said the same."""
    text = Text(sign.text)
    if sign.advice:
        text.append("\n" + sign.advice, style="muted")
    return text


def print_plan(doc: PlanDocument, console: Console, *, with_header: bool = True) -> None:
    """A home plan: the child's details, the therapist's notes, when to call (most
    urgent first), then the activities with steps, dose and safety."""
    words = doc.labels
    console.print()
    if with_header:
        console.rule(f"[heading]{escape(doc.title)}[/heading]", align="left")
        if doc.clinic:
            console.print(escape(" · ".join([doc.clinic.name, *doc.clinic.contact])))
        details = [f"{words.age} {doc.age}", f"{words.date} {doc.date_shown}"]
        if doc.screening_date:  # a plan given on a later day than its screening
            details.insert(1, f"{words.screened} {doc.screening_date_shown}")
        if doc.details and doc.details.born:
            details.insert(0, f"{words.born} {doc.details.born}")
        if doc.child_id and doc.child_shown:  # the title has the name; the id is said here
            details.insert(0, f"{words.child} {doc.child_shown}")
        if doc.details and doc.details.next_check:
            details.append(f"{words.next_check} {doc.details.next_check}")
        if doc.therapist:
            details.append(f"{words.therapist} {doc.therapist}")
        if doc.caregiver:
            details.append(f"{words.caregiver} {doc.caregiver}")
        console.print(escape(" · ".join(details)))
    else:
        console.rule(f"[heading]{escape(words.your_plan)}[/heading]", align="left")
    if doc.notes:
        console.print()
        console.print(f"[heading]{escape(words.notes)}[/heading]")
        for note in doc.notes:
            console.print(f"  • {escape(note)}")
    if doc.call_box:
        console.print()
        console.print(_call_box(doc, with_header=with_header))
    if with_header and doc.next_step:  # a plan from a screening: the next step
        console.print()
        title = Text(f"{words.next_step} {doc.next_step.label}", style="heading")
        console.print(_box(_step_body(doc.next_step), title, console.width))
    console.print()
    console.print(escape(doc.intro))
    for number, card in enumerate(doc.activities, start=1):
        console.print()
        console.print(card_panel(card, words, number, width=console.width))
    console.print()
    console.print(f"[muted]{escape(doc.disclaimer)}[/muted]")


def _call_box(doc: PlanDocument, *, with_header: bool = True) -> Panel:
    """ "When to call": each time frame, most urgent first, and its signs."""
    parts: list[RenderableType] = []
    for row in doc.call_box:
        head = Text(row.heading, style="urgent" if row.urgent else "heading")
        head.append(" " + row.when if row.when else ":", style="")
        parts.append(head)
        rows: list[tuple[str, RenderableType]] = []
        for sign in row.signs:
            text = Text(sign.text, style="bold" if sign.reported else "")
            if sign.reported:
                text.append(" " + doc.labels.you_noticed, style="bold")
            # Under a result (no header), a reported sign's advice was just shown
            # under "What you noticed": said once.
            if sign.own_advice and sign.advice and with_header:
                text.append("\n" + sign.advice, style="muted")
            rows.append(("•", text))
        rows += [("•", Text(line, style="italic")) for line in row.lines]
        parts.append(Padding(_marked(rows), (0, 0, 0, 2)))
    return Panel(
        Group(*parts),
        title=f"[heading]{escape(doc.call_box_title)}[/heading]",
        title_align="left",
        padding=(0, 1),
    )


def print_card(card: ActivityCard, console: Console) -> None:
    """One activity card on its own (`ottool activities show`), without the plan's "why"."""
    console.print(card_panel(replace(card, reason="", practices=()), labels()))


def card_panel(
    card: ActivityCard, words: Labels, number: int | None = None, *, width: int | None = None
) -> Panel:
    """An activity as a panel: its why, dose, routines, materials, steps and safety."""
    parts: list[RenderableType] = []
    if card.why:
        parts.append(Text(card.why, style="italic"))
    if card.reason:
        why = card.reason
        if card.practices:
            why += " " + "; ".join(card.practices) + "."
        parts.append(Text(f"{words.why} {why}"))
    parts.append(Text.assemble((words.how_much + " ", "bold"), card.dose))
    if card.routines:
        parts.append(Text.assemble((words.fits_into + " ", "bold"), ", ".join(card.routines)))
    if card.materials:
        parts.append(Text.assemble((words.you_need + " ", "bold"), ", ".join(card.materials)))
    steps = Table.grid(padding=(0, 1))
    steps.add_column(justify="right", no_wrap=True)
    steps.add_column()
    for i, step in enumerate(card.steps, start=1):
        steps.add_row(f"{i}.", Text(step))
    parts.append(Text(words.steps, style="bold"))
    parts.append(steps)
    if card.safety:
        parts.append(Text(words.safety, style="bold"))
        parts.append(_marked(("⚠", note) for note in card.safety))
    title = f"{number}. {card.name}" if number is not None else card.name
    return _box(Group(*parts), Text(title, style="heading"), width)


def _marked(rows: Iterable[tuple[str, RenderableType | str]]) -> Table:
    """Lines with a mark in front, wrapped lines kept clear of the mark."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for mark, text in rows:
        grid.add_row(mark, Text(text) if isinstance(text, str) else text)
    return grid
