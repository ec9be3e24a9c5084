"""`ottool progress`: practice kept against the plan, and the answers across screenings."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated

import typer

from ottool.cli.child_options import BornOption, ChildOption, chosen_child
from ottool.cli.common import DataDir, Lang, user_errors
from ottool.i18n import _


class ProgressFormat(enum.StrEnum):
    terminal = "terminal"
    json = "json"


def progress(
    child: ChildOption = None,
    born: BornOption = None,
    fmt: Annotated[
        ProgressFormat, typer.Option("--format", help=_("terminal (for people) or json."))
    ] = ProgressFormat.terminal,
    data_dir: DataDir = None,
    lang: Lang = None,
) -> None:
    from ottool.history.record import child_record, progress_data

    who = chosen_child(child, born)
    with user_errors():
        record = child_record(who, dt.date.today())
    if fmt is ProgressFormat.json:
        import msgspec

        from ottool.printable import json_text

        typer.echo(json_text(msgspec.to_builtins(progress_data(record))))
        return
    from ottool.cli.history import _area_names
    from ottool.content import load_content
    from ottool.errors import InputError
    from ottool.i18n import language
    from ottool.render.console import make_console
    from ottool.render.progress import print_child_progress

    try:
        content = load_content(data_dir, lang=language())
        activities = {a.id: a.name for a in content.activities}
        milestones = {m.id: m.text for m in content.milestones}
    except InputError:
        activities, milestones = {}, {}  # ids instead of names: the record still shows
    area_names = _area_names(record.screenings, data_dir)
    print_child_progress(record, activities, milestones, area_names, make_console())
