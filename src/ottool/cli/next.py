"""`ottool next`: the coming checks of each saved child (or one), and `--ics FILE`, the
calendar file that `next`, `screen` and `plan` write."""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ottool.cli.child_options import BornOption, ChildOption, read_date
from ottool.cli.common import DataDir, Lang, fail, load, shown, user_errors
from ottool.i18n import _

if TYPE_CHECKING:
    from ottool.calendar_file import ChildChecks
    from ottool.content import Content

IcsOption = Annotated[
    Path | None,
    typer.Option(
        "--ics",
        metavar="FILE",
        help=_(
            "Also write the coming checks as a calendar file (.ics): one all-day event each, "
            "a reminder a week before."
        ),
    ),
]
IcsNameOption = Annotated[
    bool,
    typer.Option(
        "--ics-name",
        help=_("Put the child's name in the calendar's events (left out by default)."),
    ),
]


class NextFormat(enum.StrEnum):
    terminal = "terminal"
    json = "json"


def next_checks(
    child: ChildOption = None,
    born: BornOption = None,
    fmt: Annotated[
        NextFormat, typer.Option("--format", help=_("terminal (for people) or json."))
    ] = NextFormat.terminal,
    ics: IcsOption = None,
    ics_name: IcsNameOption = False,
    force: Annotated[
        bool, typer.Option("--force", help=_("Replace the --ics file if it exists."))
    ] = False,
    data_dir: DataDir = None,
    lang: Lang = None,
) -> None:
    from ottool.history import list_screenings
    from ottool.history.coming import coming_checks_after
    from ottool.history.identity import children_in_history, choose_child

    check_calendar_path(ics, force)
    content = load(data_dir)
    today = dt.date.today()
    birth = read_date(born, "--born")
    with user_errors():
        if child is None and birth is None:
            kids = children_in_history()
            if not kids:
                typer.echo(
                    _("No screenings are saved yet. Save one at the end of `ottool screen`.")
                )
                return
        else:
            kids = [choose_child(child, birth)]
        found = []
        for kid in kids:
            saved = [s for s in list_screenings(kid.name) if kid.owns(s)]
            if saved and kid.birth_date is not None:
                from ottool.calendar_file import ChildChecks

                checks = coming_checks_after(saved[-1].result, content, today)
                found.append(ChildChecks(kid.key, kid.name, kid.birth_date, checks))
    if fmt is NextFormat.json:
        from ottool.printable import json_text

        typer.echo(json_text(_as_data(found, today)))
    else:
        from ottool.render.console import make_console

        _print_checks(found, make_console())
    if ics is not None:
        write_calendar(ics, found, with_names=ics_name, force=force)


def check_calendar_path(path: Path | None, force: bool) -> None:
    """Before any work: exit 1 when ``--ics`` names an existing file and --force is not given."""
    if path is None:
        return
    from ottool.atomic_write import check_output

    with user_errors():
        check_output(path, force=force)


def write_calendar(
    path: Path, children: list[ChildChecks], *, with_names: bool, force: bool
) -> None:
    """Write the calendar file (private) and say so on stderr."""
    from ottool.atomic_write import write_output
    from ottool.calendar_file import calendar_bytes

    with user_errors():
        write_output(
            path, calendar_bytes(children, with_names=with_names), private=True, force=force
        )
    count = sum(len(c.checks) for c in children)
    message = _("Calendar with {count} checks written to {file}.")
    typer.echo(message.format(count=count, file=shown(path)), err=True)


def calendar_for_result(
    path: Path, result: dict[str, Any], content: Content, *, with_names: bool, force: bool
) -> None:
    """``--ics`` on `screen` and `plan`: the coming checks after one result."""
    from ottool.calendar_file import ChildChecks
    from ottool.history.coming import coming_checks_after
    from ottool.history.saved import child_key, parse_result

    parsed = parse_result(result)
    if parsed is None:
        fail(_("the result has no child's birth date, so no check can be put in a calendar"))
    checks = coming_checks_after(result, content, dt.date.today())
    name = parsed.child.name
    children = [ChildChecks(child_key(name), name, parsed.child.birth_date, checks)]
    write_calendar(path, children, with_names=with_names, force=force)


def _as_data(children: list[ChildChecks], today: dt.date) -> dict[str, Any]:
    return {
        "format": "ottool-next/1",
        "today": today.isoformat(),
        "children": [
            {
                "name": c.name,
                "birth_date": c.birth_date.isoformat(),
                "checks": [
                    {"date": k.date.isoformat(), "months": k.months, "why": k.why} for k in c.checks
                ],
            }
            for c in children
        ],
    }


def _print_checks(children: list[ChildChecks], console: Any) -> None:
    from rich.markup import escape
    from rich.table import Table

    from ottool.calendar_file import check_title
    from ottool.i18n import format_date

    table = Table(show_header=True, header_style="heading", expand=False)
    table.add_column(_("Child"))
    table.add_column(_("Date"))
    table.add_column(_("Check"))
    for child in children:
        for number, check in enumerate(child.checks):
            who = (child.name or _("(no name)")) if number == 0 else ""
            table.add_row(escape(who), format_date(check.date), escape(check_title(check)))
        table.add_section()
    console.print(table)
    console.print(
        "[muted]"
        + escape(_("Add them to your calendar with --ics FILE (the names stay out of it)."))
        + "[/muted]"
    )
