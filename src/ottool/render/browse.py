"""Tables for browsing content: `ottool milestones` and `ottool activities`."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ottool.content import Activity, Content, Milestone
from ottool.wording import dose_words


def print_milestones(content: Content, milestones: Sequence[Milestone], console: Console) -> None:
    """Milestones grouped by checklist, one row each."""
    if not milestones:
        console.print("No milestones match.")
        return
    table = Table(show_lines=False, expand=False)
    table.add_column("Age", justify="right", no_wrap=True)
    _id_column(table, milestones)
    table.add_column("Area")
    table.add_column("Milestone", overflow="fold")
    previous = None
    for m in milestones:
        if previous is not None and m.months != previous:
            table.add_section()
        table.add_row(
            f"{m.months} mo" if m.months != previous else "",
            Text(m.id),
            Text(content.domain_by_id[m.domain].name),
            Text(m.text),
        )
        previous = m.months
    console.print(table)
    console.print(
        f"[muted]{len(milestones)} milestones. Sources: {escape(_sources(milestones))}[/muted]"
    )


def print_activities(content: Content, activities: Sequence[Activity], console: Console) -> None:
    """Activities with their ages, areas and dose."""
    if not activities:
        console.print("No activities match.")
        return
    table = Table()
    _id_column(table, activities)
    table.add_column("Activity", overflow="fold")
    table.add_column("Ages", no_wrap=True)
    table.add_column("Areas")
    table.add_column("Dose")
    for a in activities:
        areas = "; ".join(content.domain_by_id[d].name for d in a.domains)
        ages = f"{a.min_months}–{a.max_months} mo"
        table.add_row(Text(a.id), Text(a.name), ages, Text(areas), Text(dose_words(a)))
    console.print(table)
    console.print(f"[muted]{len(activities)} activities.[/muted]")


def _id_column(table: Table, entries: Sequence[Milestone] | Sequence[Activity]) -> None:
    """Ids are what people copy into answer files and commands: always whole, never cut."""
    widest = max(len(e.id) for e in entries)
    table.add_column("Id", style="muted", no_wrap=True, min_width=widest)


def _sources(items: Sequence[Milestone]) -> str:
    return "; ".join(sorted({m.source for m in items}))
