"""`ottool log`: record the practice of the current plan's activities (the practice log).

`ottool log ACTIVITY [--child NAME] [--date D] [--minutes N]` for scripts; with no
activity, a tick list of the plan's activities for today; `--undo` removes the last entry.
"""

from __future__ import annotations

import datetime as dt
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from ottool.cli.child_options import BornOption, ChildOption, chosen_child, read_date
from ottool.cli.common import DataDir, Lang, fail, load, user_errors
from ottool.i18n import _, ngettext

if TYPE_CHECKING:
    from ottool.content import Content
    from ottool.history.practice import PracticeEntry


def log(
    activity: Annotated[
        str | None,
        typer.Argument(
            metavar="[ACTIVITY]",
            help=_("The activity's id (see the plan); without it, tick today's activities."),
        ),
    ] = None,
    child: ChildOption = None,
    born: BornOption = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="YYYY-MM-DD", help=_("The day it was practiced (default: today).")
        ),
    ] = None,
    minutes: Annotated[
        int | None,
        typer.Option("--minutes", metavar="N", min=1, max=1440, help=_("How many minutes.")),
    ] = None,
    undo: Annotated[
        bool, typer.Option("--undo", help=_("Remove the last practice logged."))
    ] = False,
    data_dir: DataDir = None,
    lang: Lang = None,
) -> None:
    from ottool.history import get_screening
    from ottool.history.practice import current_screening, log_practice, undo_last

    if undo:
        if activity is not None or date is not None or minutes is not None:
            fail(
                _("--undo removes the last entry; give it without an activity, --date or --minutes")
            )
        who = chosen_child(child, born) if child is not None or born is not None else None
        with user_errors():
            removed = undo_last(who)
        if removed is None:
            typer.echo(_("There is no practice logged to remove."))
            return
        typer.echo(_said(_("Removed: {activity} for {child} on {date}."), removed, load(data_dir)))
        return
    today = dt.date.today()
    on = read_date(date, "--date") or today
    who = chosen_child(child, born)
    content = load(data_dir)
    with user_errors():
        number = current_screening(who, on)
        plan = get_screening(number).activity_ids if number is not None else []
    if activity is None:
        if date is not None or minutes is not None:
            fail(_("give the ACTIVITY to log with --date or --minutes"))
        chosen = _tick(plan, content)
    else:
        known = content.activity_by_id
        if activity not in known:
            from ottool.errors import did_you_mean

            message = _("'{activity}' is not an activity id") + did_you_mean(
                activity, plan or known
            )
            if plan:
                message += " " + _("(this plan's: {ids})").format(ids=", ".join(plan))
            fail(message.format(activity=activity))
        chosen = [activity]
    for activity_id in chosen:
        with user_errors():
            entry = log_practice(who, activity_id, on, minutes, screening_id=number, today=today)
        typer.echo(_said(_("Logged: {activity} for {child} on {date}."), entry, content))
        if plan and activity_id not in plan:
            typer.echo(_("(It is not in the current plan; it is logged all the same.)"))


def _tick(plan: list[str], content: Content) -> list[str]:
    """The activities ticked in the tick list; exits when there is nothing to ask or no one."""
    if not plan:
        fail(_("there is no saved plan to tick for this child; give the ACTIVITY to log"))
    if not sys.stdin.isatty():
        fail(_("there is no terminal to show the tick list; give the ACTIVITY to log"))
    from ottool.interview import ask_practiced

    names = content.activity_by_id
    choices = [(a, names[a].name if a in names else a) for a in plan]
    chosen = ask_practiced(_("Which activities did you do today?"), choices)
    if not chosen:
        typer.echo(_("Nothing logged."))
        raise typer.Exit(0)
    count = len(chosen)
    typer.echo(
        ngettext("{count} activity ticked.", "{count} activities ticked.", count).format(
            count=count
        )
    )
    return chosen


def _said(message: str, entry: PracticeEntry, content: Content) -> str:
    from ottool.i18n import format_date
    from ottool.printable import printable

    found = content.activity_by_id.get(entry.activity)
    name = found.name if found is not None else entry.activity
    child = entry.child.name or _("your child")
    return printable(message.format(activity=name, child=child, date=format_date(entry.date)))
