"""`ottool next`: the coming checks of each saved child (or one), and `--ics FILE`, the
calendar file that `next`, `screen` and `plan` write (through ``ottool.session``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ottool.cli.child_options import BornOption, ChildIdOption, ChildOption, chosen_child
from ottool.cli.common import (
    DataDir,
    Lang,
    ListFormat,
    ListFormatOption,
    load,
    refuse_to_replace,
    shown,
    user_errors,
)
from ottool.core.i18n import _, ngettext

if TYPE_CHECKING:
    from ottool.core.content import Content
    from ottool.core.screening import ScreeningResult
    from ottool.documents.coming_checks import ChildChecks

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


def next_checks(
    child: ChildOption = None,
    born: BornOption = None,
    child_id: ChildIdOption = None,
    fmt: ListFormatOption = ListFormat.text,
    ics: IcsOption = None,
    ics_name: IcsNameOption = False,
    force: Annotated[
        bool, typer.Option("--force", help=_("Replace the --ics file if it exists."))
    ] = False,
    data_dir: DataDir = None,
    lang: Lang = None,
) -> None:
    from ottool import session

    refuse_to_replace(ics, force)
    content = load(data_dir)
    today = dt.date.today()
    asked = child is not None or born is not None or child_id is not None
    who = chosen_child(child, born, child_id) if asked else None
    with user_errors():
        found = session.coming(who, content, today)
    if fmt is ListFormat.json:
        from ottool.core.printable import json_text

        typer.echo(json_text(_as_data(found, today)))
    elif not found:
        typer.echo(_("No screenings are saved yet. Save one at the end of `ottool screen`."))
    else:
        from ottool.render.console import make_console

        _print_checks(found, make_console())
    if ics is not None:
        write_calendar(ics, found, with_names=ics_name, force=force)


def write_calendar(
    path: Path, children: list[ChildChecks], *, with_names: bool, force: bool
) -> None:
    """Write the calendar file (private) and say so on stderr."""
    from ottool import session

    with user_errors():
        count = session.write_calendar(children, path, with_names=with_names, force=force)
    message = ngettext(
        "Calendar with {count} check written to {file}.",
        "Calendar with {count} checks written to {file}.",
        count,
    )
    typer.echo(message.format(count=count, file=shown(path)), err=True)


def calendar_for_result(
    path: Path, result: ScreeningResult, content: Content, *, with_names: bool, force: bool
) -> None:
    """``--ics`` on `screen` and `plan`: the coming checks after one screening."""
    from ottool import session

    write_calendar(path, [session.coming_for(result, content)], with_names=with_names, force=force)


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

    from ottool.core.i18n import format_date
    from ottool.documents.coming_checks import check_title

    table = Table(show_header=True, header_style="heading", expand=False)
    table.add_column(_("Child"))
    table.add_column(_("Date"))
    table.add_column(_("Check"))
    for child in children:
        for number, check in enumerate(child.checks):
            who = ""
            if number == 0:
                who = _("{name} (born {date})").format(
                    name=child.name or _("(no name)"), date=child.birth_date.isoformat()
                )
            table.add_row(
                escape(who),
                format_date(check.date),
                escape(check_title(check, child.act, child.emergency)),
            )
        table.add_section()
    console.print(table)
    console.print(
        "[muted]"
        + escape(_("Add them to your calendar with --ics FILE (the names stay out of it)."))
        + "[/muted]"
    )
