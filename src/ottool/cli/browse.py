"""`ottool milestones` and `ottool activities`: browse the content (rules: content_search)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from ottool.cli.common import (
    AREA_HELP,
    ClinicOption,
    DataDir,
    ExtraData,
    Lang,
    ListFormat,
    OldAgeOption,
    OldAreaOption,
    load,
    user_errors,
    whole_months,
)
from ottool.core.i18n import _

BrowseFormatOption = Annotated[
    ListFormat,
    typer.Option("--format", help=_("text (a table for people) or json (every field).")),
]


#: --area, the same for both lists (earlier names still work unlisted: cli.common).
DomainOption = Annotated[
    str | None,
    typer.Option("--area", metavar="AREA", help=_("Only this area.") + " " + AREA_HELP),
]


def _one_of(value: Any, old: Any) -> Any:
    """An option given under its name or its earlier one (the name wins when both are)."""
    return value if value is not None else old


def milestones(
    months: Annotated[
        int | None,
        typer.Option(
            "--age-months", metavar="MONTHS", help=_("Only the checklist at this age (months).")
        ),
    ] = None,
    domain: DomainOption = None,
    fmt: BrowseFormatOption = ListFormat.text,
    data_dir: DataDir = None,
    extra: ExtraData = None,
    clinic_file: ClinicOption = None,
    lang: Lang = None,
    old_months: OldAgeOption = None,
    old_domain: OldAreaOption = None,
) -> None:
    from ottool import session

    content = load(data_dir)
    if months is None:
        months = whole_months(old_months)
    with user_errors():
        chosen = session.milestones(content, months=months, area=_one_of(domain, old_domain))
    if fmt is ListFormat.json:
        _echo_entries("milestones", chosen)
        return
    from ottool.render.browse import print_milestones
    from ottool.render.console import make_console

    print_milestones(content, chosen, make_console())


activities_app = typer.Typer(
    invoke_without_command=True,
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@activities_app.callback(help=_("List the home activities, with ages, areas and dose."))
def activities(
    ctx: typer.Context,
    age: Annotated[
        float | None,
        typer.Option(
            "--age-months", metavar="MONTHS", help=_("Only activities that fit this age (months).")
        ),
    ] = None,
    domain: DomainOption = None,
    search: Annotated[
        str | None, typer.Option("--search", help=_("Only activities whose text contains this."))
    ] = None,
    fmt: BrowseFormatOption = ListFormat.text,
    data_dir: DataDir = None,
    extra: ExtraData = None,
    clinic_file: ClinicOption = None,
    lang: Lang = None,
    old_age: OldAgeOption = None,
    old_domain: OldAreaOption = None,
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from ottool import session

    content = load(data_dir)
    with user_errors():
        chosen = session.activities(
            content, age=_one_of(age, old_age), area=_one_of(domain, old_domain), search=search
        )
    if fmt is ListFormat.json:
        _echo_entries("activities", chosen, session.activity_origins(content, chosen))
        return
    from ottool.render.browse import print_activities
    from ottool.render.console import make_console

    print_activities(content, chosen, make_console())


@activities_app.command(
    "show", help=_("Print one activity as a card, as the printed plan shows it.")
)
def show_activity(
    activity_id: Annotated[
        str,
        typer.Argument(metavar="ID", help=_("The activity's id (see `ottool activities`).")),
    ],
    fmt: BrowseFormatOption = ListFormat.text,
    data_dir: DataDir = None,
    extra: ExtraData = None,
    clinic_file: ClinicOption = None,
    lang: Lang = None,
) -> None:
    from ottool import session

    content = load(data_dir)
    with user_errors():
        activity = session.activity(content, activity_id)
    if fmt is ListFormat.json:
        _echo_entries("activities", [activity])
        return
    from ottool.render.console import make_console
    from ottool.render.terminal import print_card

    print_card(session.activity_card(content, activity), make_console())


def _echo_entries(key: str, entries: list[Any], origins: list[str] | None = None) -> None:
    """``{key: [...]}`` with every field of each entry, as in the content file; with
    ``origins``, each entry's ``origin`` too ("shipped", or the clinic's file)."""
    import json

    import msgspec

    items = [msgspec.to_builtins(e) for e in entries]
    if origins is not None:
        for item, origin in zip(items, origins, strict=True):
            item["origin"] = origin
    data = {key: items}
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
