"""`ottool progress` in the terminal: practice kept against the plan's dose (a small grid
of days and a bar, symbols as well as colour), what moved to yes, and the areas over time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ottool.history.progress import ActivityPractice
from ottool.history.record import ChildRecord
from ottool.i18n import _, format_date
from ottool.wording import ANSWER_LABELS

#: A day practiced, a day not (yet) practiced, in the grid of the last two weeks.
DONE, MISSED = "●", "·"
BAR_CELLS = 10


def print_child_progress(
    record: ChildRecord,
    activity_names: Mapping[str, str],
    milestone_texts: Mapping[str, str],
    area_names: Mapping[str, str],
    console: Console,
) -> None:
    """The whole progress view of one child."""
    from ottool.history.progress import changes_since_previous
    from ottool.render.history import print_progress

    name = record.child.name or _("your child")
    plan = record.plan_screening
    console.print()
    title = _("Practice for {child}").format(child=name)
    console.rule(f"[heading]{escape(title)}[/heading]", align="left")
    if plan is None or not record.practice:
        console.print(escape(_("There is no saved plan to practice yet.")))
    else:
        since = _("The plan of screening {number} ({date}).").format(
            number=plan.id, date=format_date(_day(plan.date))
        )
        console.print(f"[muted]{escape(since)}[/muted]")
        console.print(_practice_table(record.practice, activity_names))
        legend = _(
            "{done} a day practiced, {missed} a day not practiced. The dose is the plan's "
            "days a week. Log practice with `ottool log`."
        ).format(done=DONE, missed=MISSED)
        console.print(f"[muted]{escape(legend)}[/muted]")
    if record.moves:
        console.print()
        console.print(f"[heading]{escape(_('Now yes'))}[/heading]")
        for move in record.moves:
            text = milestone_texts.get(move.milestone, move.milestone)
            was = _("was “{answer}” on {date}").format(
                answer=_(ANSWER_LABELS[move.before]),  # type: ignore[index]
                date=format_date(_day(move.before_date)),
            )
            console.print(Text.assemble(("✓ ", "on_track"), text, (f" ({was})", "muted")))
    print_progress(
        name,
        record.screenings,
        area_names,
        changes_since_previous(record.screenings),
        console,
    )


def _practice_table(practice: list[ActivityPractice], names: Mapping[str, str]) -> Table:
    table = Table(show_header=True, header_style="heading", expand=False)
    table.add_column(_("Activity"))
    table.add_column(_("Dose"), no_wrap=True)
    table.add_column(_("Last week"), no_wrap=True)
    table.add_column(_("This week"), no_wrap=True)
    table.add_column(_("Since the plan began"), no_wrap=True)
    for p in practice:
        days = set(p.recent_days)
        cells = [DONE if d in days else MISSED for d in p.recent_span]
        last, this = "".join(cells[:7]), "".join(cells[7:])
        table.add_row(
            escape(names.get(p.activity, p.activity)),
            _("{n} days a week").format(n=p.days_per_week),
            _count(last, p.last_week, p.days_per_week),
            _count(this, p.this_week, p.days_per_week),
            _bar(p.since_plan, p.since_plan_target),
        )
    return table


def _count(grid: str, done: int, target: int) -> Text:
    style = "on_track" if done >= target else "emerging" if done else "muted"
    return Text.assemble(
        (grid, style), " ", _("{done} of {target}").format(done=done, target=target)
    )


def _bar(done: int, target: int) -> Text:
    full = BAR_CELLS if target == 0 else min(BAR_CELLS, round(BAR_CELLS * done / target))
    style = "on_track" if done >= target else "emerging" if done else "muted"
    return Text.assemble(
        ("█" * full, style),
        ("░" * (BAR_CELLS - full), "muted"),
        " ",
        _("{done} of {target} days").format(done=done, target=target),
    )


def _day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)
