"""`ottool milestones` and `ottool activities`: browse the content (rules: content_search)."""

from __future__ import annotations

import enum
from typing import Annotated, Any

import typer

from ottool.cli.common import AREA_HELP, DataDir, Lang, load, user_errors
from ottool.i18n import _


class BrowseFormat(enum.StrEnum):
    terminal = "terminal"
    json = "json"


BrowseFormatOption = Annotated[
    BrowseFormat,
    typer.Option("--format", help=_("terminal (a table for people) or json (every field).")),
]


#: --domain, the same for both lists.
DomainOption = Annotated[
    str | None,
    typer.Option("--domain", metavar="AREA", help=_("Only this area.") + " " + AREA_HELP),
]


def milestones(
    months: Annotated[
        int | None, typer.Option("--months", help=_("Only the checklist at this age (months)."))
    ] = None,
    domain: DomainOption = None,
    fmt: BrowseFormatOption = BrowseFormat.terminal,
    data_dir: DataDir = None,
    lang: Lang = None,
) -> None:
    from ottool.content_search import find_milestones

    content = load(data_dir)
    with user_errors():
        chosen = find_milestones(content, months=months, area=domain)
    if fmt is BrowseFormat.json:
        _echo_entries("milestones", chosen)
        return
    from ottool.render.browse import print_milestones
    from ottool.render.console import make_console

    print_milestones(content, chosen, make_console())


def activities(
    age: Annotated[
        float | None,
        typer.Option(
            "--age", metavar="MONTHS", help=_("Only activities that fit this age (months).")
        ),
    ] = None,
    domain: DomainOption = None,
    search: Annotated[
        str | None, typer.Option("--search", help=_("Only activities whose text contains this."))
    ] = None,
    fmt: BrowseFormatOption = BrowseFormat.terminal,
    data_dir: DataDir = None,
    lang: Lang = None,
) -> None:
    from ottool.content_search import find_activities

    content = load(data_dir)
    with user_errors():
        chosen = find_activities(content, age=age, area=domain, search=search)
    if fmt is BrowseFormat.json:
        _echo_entries("activities", chosen)
        return
    from ottool.render.browse import print_activities
    from ottool.render.console import make_console

    print_activities(content, chosen, make_console())


def _echo_entries(key: str, entries: list[Any]) -> None:
    """``{key: [...]}`` with every field of each entry, as in the content file."""
    import json

    import msgspec

    data = {key: [msgspec.to_builtins(e) for e in entries]}
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
