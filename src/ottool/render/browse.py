"""Tables for browsing content: `ottool milestones` and `ottool activities`."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ottool.core.content import Activity, Content, Milestone
from ottool.core.i18n import _, ngettext
from ottool.documents.wording import dose_words


def print_milestones(content: Content, milestones: Sequence[Milestone], console: Console) -> None:
    """Milestones grouped by checklist, one row each."""
    if not milestones:
        console.print(_("No milestones match."))
        return
    table = Table(show_lines=False, expand=False)
    table.add_column(_("Age"), justify="right", no_wrap=True)
    _id_column(table, milestones)
    table.add_column(_("Area"))
    table.add_column(_("Milestone"), overflow="fold")
    previous = None
    for m in milestones:
        if previous is not None and m.months != previous:
            table.add_section()
        table.add_row(
            _("{n} mo").format(n=m.months) if m.months != previous else "",
            Text(m.id),
            Text(content.domain_by_id[m.domain].name),
            Text(m.text),
        )
        previous = m.months
    console.print(table)
    count = ngettext("{n} milestone.", "{n} milestones.", len(milestones)).format(n=len(milestones))
    sources = _("Sources: {sources}").format(sources=_sources(milestones))
    console.print(f"[muted]{count} {escape(sources)}[/muted]")


def print_activities(content: Content, activities: Sequence[Activity], console: Console) -> None:
    """Activities with their ages, areas and dose."""
    if not activities:
        console.print(_("No activities match."))
        return
    table = Table()
    _id_column(table, activities)
    # The ages under the name: a column of their own leaves too little room at 80
    # columns for whole area names.
    table.add_column(_("Activity") + "\n" + _("Ages"), overflow="fold")
    # An area name is never cut ("relationsh…"): one name a line, and room for its
    # longest word.
    names = [content.domain_by_id[d].name for a in activities for d in a.domains]
    longest = max((len(w) for n in names for w in n.split()), default=0)
    table.add_column(_("Areas"), min_width=longest, overflow="fold")
    table.add_column(_("Dose"), overflow="fold")
    # A clinic's own activities are added: each says where it comes from, under its
    # ages (a column of its own would not fit 80 columns).
    overlay = content.extra_data is not None
    for a in activities:
        areas = "\n".join(content.domain_by_id[d].name for d in a.domains)
        ages = _("{low}–{high} mo").format(low=a.min_months, high=a.max_months)
        origin = f" · {activity_origin(content, a)}" if overlay else ""
        name = Text.assemble(a.name, "\n", (ages + origin, "muted"))
        table.add_row(Text(a.id), name, Text(areas), Text(dose_words(a)))
    console.print(table)
    count = ngettext("{n} activity.", "{n} activities.", len(activities))
    console.print(f"[muted]{escape(count.format(n=len(activities)))}[/muted]")
    if overlay:
        note = _("'{clinic}': from {file}; 'shipped': ottool's own activities.").format(
            clinic=_("clinic"), file=overlay_file(content)
        )
        console.print(f"[muted]{escape(note)}[/muted]")


def overlay_file(content: Content) -> str:
    """The clinic's activities file (``--extra-data``), as a path to show."""
    from ottool.core.content import ACTIVITIES_FILE, display_path

    assert content.extra_data is not None
    return display_path(content.extra_data / ACTIVITIES_FILE)


def activity_origin(content: Content, activity: Activity) -> str:
    """Where an activity comes from, in a word: the clinic's file or ottool's own."""
    return _("clinic") if activity.id in content.extra_activities else _("shipped")


def _id_column(table: Table, entries: Sequence[Milestone] | Sequence[Activity]) -> None:
    """Ids are what people copy into answer files and commands: always whole, never cut."""
    widest = max(len(e.id) for e in entries)
    table.add_column(_("Id"), style="muted", no_wrap=True, min_width=widest)


def _sources(items: Sequence[Milestone]) -> str:
    return "; ".join(sorted({m.source for m in items}))
