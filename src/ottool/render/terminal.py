"""Rich views of a screening result and of a home plan."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ottool.age import FULL_TERM_WEEKS, Age, months_in_words
from ottool.content import Content
from ottool.plan_document import PlanDocument
from ottool.screening import DomainResult, ScreeningResult
from ottool.wording import (
    DISCLAIMER,
    STATUS_LABELS,
    overall_words,
    result_advice,
    unused_answers_note,
)


def _counts(d: DomainResult) -> str:
    parts = []
    for key, words in (("not_yet", "not yet"), ("sometimes", "sometimes"), ("unsure", "not sure")):
        n = len(getattr(d, key))
        if n:
            parts.append(f"{n} {words}")
    yes = len(d.yes)
    return ", ".join([f"{yes} yes", *parts]) if yes or parts else "no questions at this age"


def age_line(age: Age, gestational_weeks: int) -> str:
    """The sentence that says which age the screening used, and why."""
    if age.corrected:
        return (
            f"Age used: {months_in_words(age.used_months)}. Your baby was born "
            f"{FULL_TERM_WEEKS - gestational_weeks} weeks early, so we use their corrected age "
            f"({months_in_words(age.chronological_months)} since birth, "
            "minus the weeks born early). "
            "This is usual until age 2."
        )
    return f"Age used: {months_in_words(age.used_months)}."


def print_result(
    result: ScreeningResult, content: Content, console: Console, *, disclaimer: bool = True
) -> None:
    """The screening result: areas, the overall next step and any warning signs."""
    name = escape(result.child.name) if result.child.name else "your child"
    console.print()
    console.rule(f"[heading]Results for {name}[/heading]", align="left")
    console.print(age_line(result.age, result.child.gestational_weeks))
    checklist = f"Questions from the {result.checklist.months}-month milestones."
    if result.checklist.early:
        checklist += (
            " Your child is younger than that, so 'not yet' is expected for many of them"
            " and is not counted as a concern."
        )
    console.print(checklist)
    if result.unused_answers:
        console.print(escape(unused_answers_note(result.unused_answers, result.checklist.months)))
    console.print()
    table = Table(show_header=True, header_style="heading", expand=False)
    table.add_column("Area")
    table.add_column("Status", no_wrap=True)
    table.add_column("Answers", style="muted")
    for d in result.domains:
        symbol, words = STATUS_LABELS[d.status]
        table.add_row(
            Text(content.domain_by_id[d.id].name),
            Text(f"{symbol} {words}", style=d.status),
            _counts(d),
        )
    console.print(table)
    console.print()
    console.print(
        Panel(
            escape(result_advice(content, result)),
            title=f"[{result.overall}]{overall_words(result.overall)}[/{result.overall}]",
            title_align="left",
            padding=(0, 1),
        )
    )
    if result.warning_signs:
        console.print()
        console.print("[heading]What you noticed[/heading]")
        noticed: list[tuple[str, RenderableType | str]] = []
        for w in result.warning_signs:
            mark = "!!" if w.level == "urgent" else "!"
            noticed.append((mark, Text.assemble(w.text, "\n", (w.advice, "muted"))))
        console.print(Padding(_marked(noticed), (0, 0, 0, 2), expand=False))
    if result.concerns:
        console.print()
        console.print("[heading]Your note[/heading]")
        console.print(Padding(escape(result.concerns), (0, 0, 0, 2)))
        console.print(
            Padding("Share this with your child's doctor; your own worries count.", (0, 0, 0, 2))
        )
    if disclaimer:
        console.print()
        console.print(f"[muted]{DISCLAIMER}[/muted]")


def print_plan(doc: PlanDocument, console: Console, *, with_header: bool = True) -> None:
    """A home plan: the activities with steps, dose and safety, then when to call."""
    console.print()
    if with_header:
        console.rule(f"[heading]{escape(doc.title)}[/heading]", align="left")
        details = [f"Age: {doc.age}", f"Date: {doc.date}"]
        if doc.therapist:
            details.append(f"Therapist: {escape(doc.therapist)}")
        console.print(" · ".join(details))
        if doc.overall_advice:  # a plan from a screening: the next step, as on the result
            console.print()
            console.print(
                Panel(
                    escape(doc.overall_advice),
                    title=f"[heading]Next step: {escape(doc.overall or '')}[/heading]",
                    title_align="left",
                    padding=(0, 1),
                )
            )
    else:
        console.rule("[heading]Your home activity plan[/heading]", align="left")
    console.print(escape(doc.intro))
    for number, card in enumerate(doc.activities, start=1):
        parts: list[RenderableType] = []
        if card.why:
            parts.append(Text(card.why, style="italic"))
        why = card.reason
        if card.practices:
            why += " " + "; ".join(card.practices) + "."
        parts.append(Text(f"Why: {why}"))
        parts.append(Text.assemble(("Dose: ", "bold"), card.dose))
        if card.routines:
            parts.append(Text.assemble(("Fits into: ", "bold"), ", ".join(card.routines)))
        if card.materials:
            parts.append(Text.assemble(("You need: ", "bold"), ", ".join(card.materials)))
        steps = Table.grid(padding=(0, 1))
        steps.add_column(justify="right", no_wrap=True)
        steps.add_column()
        for i, step in enumerate(card.steps, start=1):
            steps.add_row(f"{i}.", Text(step))
        parts.append(Text("Steps", style="bold"))
        parts.append(steps)
        if card.safety:
            parts.append(Text("Safety", style="bold"))
            parts.append(_marked(("⚠", note) for note in card.safety))
        console.print()
        console.print(
            Panel(
                Group(*parts),
                title=f"[heading]{number}. {escape(card.name)}[/heading]",
                title_align="left",
                padding=(0, 1),
            )
        )
    if doc.when_to_call:
        # Compact on screen: every sign, but the advice only where it differs from the
        # general line (urgent signs) or matters now (signs the parent reported).
        console.print()
        console.print("[heading]When to call your child's doctor[/heading]")
        rows: list[tuple[str, RenderableType]] = []
        for sign in doc.when_to_call:
            text = Text(sign.text)
            if sign.reported:
                text.append(" (you noticed this)", style="bold")
            if sign.urgent or sign.reported:
                text.append("\n" + sign.advice, style="muted")
            rows.append(("!!" if sign.urgent else "!", text))
        console.print(Padding(_marked(rows), (0, 0, 0, 2), expand=False))
        console.print(Padding(Text(doc.call_advice), (0, 0, 0, 2), expand=False))
    if doc.notes:
        console.print()
        console.print("[heading]Notes from your therapist[/heading]")
        for note in doc.notes:
            console.print(f"  • {escape(note)}")
    console.print()
    console.print(f"[muted]{escape(doc.disclaimer)}[/muted]")


def _marked(rows: Iterable[tuple[str, RenderableType | str]]) -> Table:
    """Lines with a mark in front, wrapped lines kept clear of the mark."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for mark, text in rows:
        grid.add_row(mark, Text(text) if isinstance(text, str) else text)
    return grid
