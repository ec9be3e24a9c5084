"""`ottool milestones` and `ottool activities`: browse the content."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ottool.cli.common import AREA_HELP, DataDir, fail, load

if TYPE_CHECKING:
    from ottool.content import Content


class BrowseFormat(enum.StrEnum):
    terminal = "terminal"
    json = "json"


BrowseFormatOption = Annotated[
    BrowseFormat,
    typer.Option("--format", help="terminal (a table for people) or json (every field)."),
]


def milestones(
    months: Annotated[
        int | None, typer.Option("--months", help="Only the checklist at this age (months).")
    ] = None,
    domain: Annotated[
        str | None,
        typer.Option("--domain", metavar="AREA", help=f"Only this area. {AREA_HELP}"),
    ] = None,
    fmt: BrowseFormatOption = BrowseFormat.terminal,
    data_dir: DataDir = None,
) -> None:
    """List the milestones, grouped by checklist age."""
    content = load(data_dir)
    _check_domain(content, domain)
    if months is not None and months not in content.checklists:
        known = ", ".join(str(m) for m in content.checklists)
        fail(f"there is no {months}-month checklist (checklists: {known} months)")
    chosen = [
        m
        for m in content.milestones
        if (months is None or m.months == months) and (domain is None or m.domain == domain)
    ]
    chosen.sort(key=lambda m: m.months)
    if fmt is BrowseFormat.json:
        _echo_entries("milestones", chosen)
        return
    from ottool.render.browse import print_milestones
    from ottool.render.console import make_console

    print_milestones(content, chosen, make_console())


def activities(
    age: Annotated[
        float | None,
        typer.Option("--age", metavar="MONTHS", help="Only activities that fit this age (months)."),
    ] = None,
    domain: Annotated[
        str | None,
        typer.Option("--domain", metavar="AREA", help=f"Only this area. {AREA_HELP}"),
    ] = None,
    search: Annotated[
        str | None, typer.Option("--search", help="Only activities whose text contains this.")
    ] = None,
    fmt: BrowseFormatOption = BrowseFormat.terminal,
    data_dir: DataDir = None,
) -> None:
    """List the home activities, with ages, areas and dose."""
    content = load(data_dir)
    _check_domain(content, domain)
    needle = search.casefold() if search else None
    chosen = [
        a
        for a in content.activities
        if (age is None or a.fits_age(age))
        and (domain is None or domain in a.domains)
        and (needle is None or needle in _activity_text(a))
    ]
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


def _activity_text(activity: object) -> str:
    from ottool.content import Activity

    assert isinstance(activity, Activity)
    parts = [activity.id, activity.name, activity.why, *activity.steps, *activity.materials]
    parts += activity.routines
    return " ".join(parts).casefold()


def _check_domain(content: Content, domain: str | None) -> None:
    if domain is not None and domain not in content.domain_by_id:
        from ottool.errors import did_you_mean

        known = list(content.domain_by_id)
        hint = did_you_mean(domain, known)
        fail(f"'{domain}' is not a known area{hint} (known: {', '.join(known)})")
