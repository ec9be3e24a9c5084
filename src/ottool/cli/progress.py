"""`ottool progress`: practice kept against the plan, and the answers across screenings."""

from __future__ import annotations

import typer

from ottool.cli.child_options import BornOption, ChildIdOption, ChildOption, chosen_child
from ottool.cli.common import (
    ClinicOption,
    DataDir,
    ExtraData,
    Lang,
    ListFormat,
    ListFormatOption,
    load,
    user_errors,
)
from ottool.core.i18n import _


def progress(
    child: ChildOption = None,
    born: BornOption = None,
    child_id: ChildIdOption = None,
    fmt: ListFormatOption = ListFormat.text,
    data_dir: DataDir = None,
    extra: ExtraData = None,
    clinic_file: ClinicOption = None,
    lang: Lang = None,
) -> None:
    from ottool import session

    who = chosen_child(child, born, child_id)
    content = load(data_dir)
    with user_errors():
        found = session.progress(who, content)
    if fmt is ListFormat.json:
        from ottool.core.printable import json_text

        typer.echo(json_text(found.data()))
        return
    from ottool.render.console import make_console
    from ottool.render.progress import print_child_progress

    names = {
        # A clinic's own activity without its folder: the title the plan kept.
        "activities": {
            **(found.practice.plan.names if found.practice.plan else {}),
            **{a.id: a.name for a in content.activities},
        },
        "milestones": {m.id: m.text for m in content.milestones},
        "areas": {d.id: d.name for d in content.domains},
    }
    p = found.practice
    print_child_progress(
        who.name or _("your child"),
        p.plan,
        p.kept,
        found.moves,
        found.screenings,
        found.changes,
        names,
        make_console(),
    )
