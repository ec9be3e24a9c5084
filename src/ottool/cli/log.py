"""`ottool log`: record the practice of the current plan's activities (the practice log).

`ottool log ACTIVITY [--child NAME] [--born DATE] [--date D] [--minutes N]` for scripts;
with no activity, a tick list of the plan's activities for today; `--undo` removes the
child's last entry (the only child, or --child/--born). Everything is done through
``ottool.session``; this module asks and says.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Annotated

import typer

from ottool.cli.child_options import BornOption, ChildIdOption, ChildOption, chosen_child, read_date
from ottool.cli.common import ClinicOption, DataDir, ExtraData, Lang, fail, load, user_errors
from ottool.core.i18n import _, ngettext

if TYPE_CHECKING:
    from ottool.core.content import Content
    from ottool.storage.history.identity import Child
    from ottool.storage.history.practice import PracticeEntry


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
    child_id: ChildIdOption = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="DATE",
            help=_("The day it was practiced, YYYY-MM-DD (default: today)."),
        ),
    ] = None,
    minutes: Annotated[
        int | None,
        typer.Option("--minutes", metavar="N", help=_("How many minutes (1 to 240).")),
    ] = None,
    undo: Annotated[
        bool, typer.Option("--undo", help=_("Remove the last practice logged."))
    ] = False,
    data_dir: DataDir = None,
    extra: ExtraData = None,
    clinic_file: ClinicOption = None,
    lang: Lang = None,
) -> None:
    from ottool import session

    if undo:
        if activity is not None or date is not None or minutes is not None:
            fail(
                _("--undo removes the last entry; give it without an activity, --date or --minutes")
            )
        # Always one child (the only one, or --child/--born): never another family's entry.
        who = chosen_child(child, born, child_id)
        with user_errors():
            removed = session.undo_practice(who)
        if removed is None:
            typer.echo(_("There is no practice logged to remove."))
            return
        said = _said(_("Removed: {activity} for {child} on {date}."), removed, load(data_dir))
        typer.echo(said)
        return
    on = read_date(date, "--date")
    who = chosen_child(child, born, child_id)
    content = load(data_dir)
    if activity is None:
        if date is not None or minutes is not None:
            fail(_("give the ACTIVITY to log with --date or --minutes"))
        chosen = _tick(who, content)
    else:
        chosen = [activity]
    with user_errors():
        logged = session.log_practice(who, chosen, content, on=on, minutes=minutes)
    for done in logged:
        said = _said(_("Logged: {activity} for {child} on {date}."), done.entry, content, done.name)
        typer.echo(said)
        if not done.in_plan:
            typer.echo(_("(It is not in the current plan; it is logged all the same.)"))


def _tick(child: Child, content: Content) -> list[str]:
    """The activities ticked in the tick list; exits when there is nothing to ask or no one."""
    from ottool import session

    with user_errors():
        plan = session.plan_today(child)
    if plan is None or not plan.activities:
        fail(_("there is no saved plan to tick for this child; give the ACTIVITY to log"))
    if not sys.stdin.isatty():
        fail(_("there is no terminal to show the tick list; give the ACTIVITY to log"))
    from ottool.cli.interview import ask_practiced

    names = {**plan.names, **{a.id: a.name for a in content.activities}}
    choices = [(a, names.get(a, a)) for a in plan.activity_ids]
    chosen = ask_practiced(_("Which activities did you do today?"), choices)
    if not chosen:
        typer.echo(_("Nothing logged."))
        raise typer.Exit(0)
    count = len(chosen)
    ticked = ngettext("{count} activity ticked.", "{count} activities ticked.", count)
    typer.echo(ticked.format(count=count))
    return chosen


def _said(message: str, entry: PracticeEntry, content: Content, title: str = "") -> str:
    """``message`` about ``entry``: the activity by its title (``title``, the one the plan
    kept for a clinic's own activity, else the content's), the child, the day."""
    from ottool.core.i18n import format_date
    from ottool.core.printable import printable

    found = content.activity_by_id.get(entry.activity)
    name = title or (found.name if found is not None else entry.activity)
    child = entry.child.name or _("your child")
    when = format_date(entry.date)
    return printable(message.format(activity=name, child=child, date=when))
