"""`ottool progress` in the terminal: practice kept against the plan's dose (a grid of
the last two weeks' days and a bar, symbols as well as colour), what moved to yes, and
the areas across screenings (:func:`ottool.render.history.print_progress`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.markup import escape
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ottool.core.i18n import _, format_date, ngettext
from ottool.core.practice_kept import ActivityPractice
from ottool.documents.wording import ANSWER_LABELS
from ottool.storage.history.practice import CurrentPlan
from ottool.storage.history.progress import Change, MilestoneMove
from ottool.storage.history.saved import SavedScreening

#: A day practiced, a day not (yet) practiced, in the grid of the last two weeks.
DONE, MISSED = "●", "·"
BAR_CELLS = 10


def print_child_progress(
    name: str,
    plan: CurrentPlan | None,
    kept: Sequence[ActivityPractice],
    moves: Sequence[MilestoneMove],
    screenings: Sequence[SavedScreening],
    changes: Mapping[str, Change],
    names: Mapping[str, Mapping[str, str]],
    console: Console,
) -> None:
    """The whole progress view of one child. ``names`` maps "activities", "milestones"
    and "areas" to id → name in the run's language."""
    from ottool.render.history import print_progress

    console.print()
    title = _("Practice for {child}").format(child=name)
    console.rule(f"[heading]{escape(title)}[/heading]", align="left")
    if plan is None or not kept:
        console.print(escape(_("There is no saved plan to practice yet.")))
    else:
        if plan.kind == "plan":
            since = _("Plan {number}, given on {date}.")
        else:
            since = _("The plan of screening {number} ({date}).")
        since = since.format(number=plan.number, date=format_date(plan.date))
        console.print(f"[muted]{escape(since)}[/muted]")
        console.print(_practice(kept, names.get("activities", {}), console))
        legend = _(
            "{done} a day practiced, {missed} a day not practiced (last week, then this "
            "week). The dose is the plan's days a week. Log practice with `ottool log`."
        ).format(done=DONE, missed=MISSED)
        console.print(f"[muted]{escape(legend)}[/muted]")
    if moves:
        console.print()
        heading = _("Now yes")  # not inside the f-string: the catalog's extractor reads it
        console.print(f"[heading]{escape(heading)}[/heading]")
        texts = names.get("milestones", {})
        for move in moves:
            text = texts.get(move.milestone, move.milestone)
            was = _("was “{answer}” on {date}").format(
                answer=_(ANSWER_LABELS[move.before]),  # type: ignore[index]
                date=format_date(dt.date.fromisoformat(move.before_date)),
            )
            console.print(Text.assemble(("✓ ", "on_track"), text, (f" ({was})", "muted")))
    if screenings:
        areas = names.get("areas", {})
        seen = {a for s in screenings for a in s.domain_statuses}
        shown = {a: n for a, n in areas.items() if a in seen}
        for s in screenings:
            for a in s.domain_statuses:
                shown.setdefault(a, a)
        print_progress(name, screenings, shown, changes, console)


#: The narrowest the activity's name may be in the practice table; where the table would
#: need it narrower, each activity is shown as its own small block instead.
NAME_MIN_WIDTH = 14


def _practice(
    kept: Sequence[ActivityPractice], names: Mapping[str, str], console: Console
) -> RenderableType:
    """The practice table, or, where the terminal is too narrow for it to keep the
    activity's name readable, one block per activity: its name, then a line each."""
    from rich.measure import Measurement

    table = _practice_table(kept, names)
    # Every other column at its full width (none of them wraps), the name at its least.
    longest = _longest_name(kept, names)
    natural = Measurement.get(console, console.options.update(width=10_000), table).maximum
    if natural - longest + min(NAME_MIN_WIDTH, longest) <= console.width:
        return table
    return Group(*(_practice_block(p, names) for p in kept))


def _practice_block(p: ActivityPractice, names: Mapping[str, str]) -> RenderableType:
    last, this = _grids(p)
    rows = Table.grid(padding=(0, 2))
    rows.add_column(style="muted", no_wrap=True)
    rows.add_column()
    rows.add_row(escape(_("Dose")), _dose(p))
    rows.add_row(escape(_("Last week")), _count(last, p.last_week, p.days_per_week))
    rows.add_row(escape(_("This week")), _count(this, p.this_week, p.days_per_week))
    rows.add_row(escape(_("Since the plan began")), _bar(p.since_plan, p.since_plan_target))
    name = Text(names.get(p.activity, p.activity), style="heading")
    return Group(name, Padding(rows, (0, 0, 1, 2), expand=False))


def _longest_name(kept: Sequence[ActivityPractice], names: Mapping[str, str]) -> int:
    return max((cell_len(names.get(p.activity, p.activity)) for p in kept), default=0)


def _grids(p: ActivityPractice) -> tuple[str, str]:
    """Last week's and this week's days, practiced or not."""
    days = set(p.recent_days)
    cells = [DONE if d in days else MISSED for d in p.recent_span]
    return "".join(cells[:7]), "".join(cells[7:])


def _dose(p: ActivityPractice) -> str:
    dose = ngettext("{n} day a week", "{n} days a week", p.days_per_week)
    return dose.format(n=p.days_per_week)


def _practice_table(kept: Sequence[ActivityPractice], names: Mapping[str, str]) -> Table:
    table = Table(show_header=True, header_style="heading", expand=False)
    longest = _longest_name(kept, names)
    table.add_column(_("Activity"), min_width=min(NAME_MIN_WIDTH, longest))
    table.add_column(_("Dose"), no_wrap=True)
    table.add_column(_("Last week"), no_wrap=True)
    table.add_column(_("This week"), no_wrap=True)
    table.add_column(_("Since the plan began"), no_wrap=True)
    for p in kept:
        last, this = _grids(p)
        table.add_row(
            escape(names.get(p.activity, p.activity)),
            _dose(p),
            _count(last, p.last_week, p.days_per_week),
            _count(this, p.this_week, p.days_per_week),
            _bar(p.since_plan, p.since_plan_target),
        )
    return table


def _style(done: int, target: int) -> str:
    return "on_track" if done >= target else "emerging" if done else "muted"


def _count(grid: str, done: int, target: int) -> Text:
    words = _("{done} of {target}").format(done=done, target=target)
    return Text.assemble((grid, _style(done, target)), " ", words)


def _bar(done: int, target: int) -> Text:
    full = BAR_CELLS if target == 0 else min(BAR_CELLS, round(BAR_CELLS * done / target))
    words = ngettext("{done} of {target} day", "{done} of {target} days", target)
    return Text.assemble(
        ("█" * full, _style(done, target)),
        ("░" * (BAR_CELLS - full), "muted"),
        " ",
        words.format(done=done, target=target),
    )
