"""`ottool plan`: a printable home plan from a screening, or for an age and focus areas."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ottool.atomic_write import is_stdout
from ottool.cli.common import (
    AREA_HELP,
    DataDir,
    Lang,
    RegionOption,
    fail,
    load,
    refuse_to_replace,
    shown,
    user_errors,
)
from ottool.cli.next import IcsNameOption, IcsOption, calendar_for_result, check_calendar_path
from ottool.i18n import _

if TYPE_CHECKING:
    from ottool.content import Content
    from ottool.plan_document import PlanDocument
    from ottool.screening import ScreeningResult


class PlanFormat(enum.StrEnum):
    terminal = "terminal"
    md = "md"
    html = "html"
    pdf = "pdf"
    json = "json"


class Paper(enum.StrEnum):
    a4 = "a4"
    letter = "letter"


def plan(
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from", metavar="FILE", help=_("A result file from `ottool screen --format json`.")
        ),
    ] = None,
    from_history: Annotated[
        int | None,
        typer.Option(
            "--from-history", metavar="ID", help=_("A screening saved on this computer (its id).")
        ),
    ] = None,
    age_months: Annotated[
        float | None,
        typer.Option(
            "--age-months", metavar="MONTHS", min=0, max=60, help=_("Plan for this age (months).")
        ),
    ] = None,
    focus: Annotated[
        list[str] | None,
        typer.Option(
            "--focus", metavar="AREA", help=_("An area to focus on (repeatable).") + " " + AREA_HELP
        ),
    ] = None,
    activity: Annotated[
        list[str] | None,
        typer.Option("--activity", metavar="ID", help=_("An activity id to include (repeatable).")),
    ] = None,
    child: Annotated[
        str | None, typer.Option("--child", metavar="NAME", help=_("The child's name."))
    ] = None,
    therapist: Annotated[
        str | None,
        typer.Option("--therapist", metavar="NAME", help=_("Your name, as it should be printed.")),
    ] = None,
    note: Annotated[
        list[str] | None,
        typer.Option("--note", metavar="TEXT", help=_("A note for the family (repeatable).")),
    ] = None,
    weeks: Annotated[
        int, typer.Option("--weeks", min=1, max=12, help=_("Weeks in the tick-box tracker."))
    ] = 2,
    max_activities: Annotated[
        int, typer.Option("--max-activities", min=1, max=20, help=_("Activities in the plan."))
    ] = 4,
    fmt: Annotated[
        PlanFormat | None,
        typer.Option(
            "--format",
            help=_("terminal, md, html, pdf or json (default: from --output's extension)."),
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", metavar="FILE", help=_("Write the plan here."))
    ] = None,
    paper: Annotated[
        Paper, typer.Option("--paper", help=_("Paper size for PDF: a4 or letter."))
    ] = Paper.a4,
    force: Annotated[
        bool, typer.Option("--force", help=_("Replace the --output file if it exists."))
    ] = False,
    region: RegionOption = None,
    ics: IcsOption = None,
    ics_name: IcsNameOption = False,
    data_dir: DataDir = None,
    lang: Lang = None,
) -> None:
    from ottool.activity_choice import plan_for_focus, plan_for_result
    from ottool.plan_document import build_plan_document

    sources = [o for o in (from_file, from_history, age_months) if o is not None]
    if len(sources) != 1:
        fail(_("give exactly one of --from FILE, --from-history ID or --age-months N"))
    if age_months is None and (focus or activity):
        fail(_("--focus and --activity go with --age-months; a screening chooses its own"))
    from ottool.limits import MAX_NAME, MAX_NOTE, check_length

    with user_errors():  # before any work: a pasted page is not a name
        check_length("--child", child, MAX_NAME)
        check_length("--therapist", therapist, MAX_NAME)
        for text in note or ():
            check_length("--note", text, MAX_NOTE)
    output = None if is_stdout(output) else output
    refuse_to_replace(output, force)
    check_calendar_path(ics, force)
    if ics is not None and age_months is not None:
        fail(_("--ics needs a screening (--from FILE or --from-history ID) to know the child"))
    content = load(data_dir)
    kind = _plan_format(fmt, output)
    with user_errors():
        result = None
        if from_file is not None:
            result = _read_result(from_file, content)
        elif from_history is not None:
            from ottool.history import get_screening
            from ottool.result_json import result_from_data

            saved = get_screening(from_history)
            where = _("saved screening {number}").format(number=from_history)
            result = result_from_data(saved.result, content, where)[0]
        from ottool.region import choose_region

        # --region, else the region the screening named, else the locale's.
        if region is None and result is not None and result.region is not None:
            region_id: str | None = result.region
        else:
            region_id = choose_region(content, region)
        if result is not None:
            home_plan = plan_for_result(content, result, max_activities)
        else:
            assert age_months is not None
            home_plan = plan_for_focus(
                content,
                age_months,
                focus=focus or (),
                activity_ids=activity or (),
                max_activities=max_activities,
            )
        doc = build_plan_document(
            content,
            home_plan,
            result=result,
            child=child,
            therapist=therapist,
            notes=note or (),
            weeks=weeks,
            region=region_id,
        )
        _emit_plan(doc, kind, output, paper.value, force)
        if ics is not None and result is not None:
            from ottool.result_json import result_to_data

            data = result_to_data(result, home_plan)
            calendar_for_result(ics, data, content, with_names=ics_name, force=force)


def _read_result(path: Path, content: Content) -> ScreeningResult:
    """The screening in a result file; a file of answers given instead is pointed to
    `ottool screen --answers`, which is what scores answers."""
    from ottool.errors import InputError
    from ottool.result_json import read_result

    try:
        return read_result(path, content)[0]
    except InputError as not_a_result:
        from ottool.answerfile import read_answers

        try:
            read_answers(path, content)
        except InputError:
            raise not_a_result from None  # not answers either: say the result's problem
        raise InputError(
            _(
                "{file} holds answers, not a result: score them with "
                "`ottool screen --answers {file}` (add --plan-output FILE for the plan)"
            ).format(file=shown(path))
        ) from None


def _plan_format(fmt: PlanFormat | None, output: Path | None) -> str:
    """The plan's format: --format, else --output's extension, else the terminal.

    A --format that contradicts --output's extension (md into plan.pdf) is refused.
    """
    from ottool.render.plan_file import SUFFIXES, format_from_suffix

    if fmt is not None:
        named = SUFFIXES.get(output.suffix.lower()) if output is not None else None
        if named is not None and named != fmt.value and {named, fmt.value} != {"txt", "terminal"}:
            fail(
                _("--format {format} does not match {file}: its name says {named}").format(
                    format=fmt.value, file=output, named=named
                )
            )
        return fmt.value
    if output is None:
        return "terminal"

    with user_errors():
        return format_from_suffix(output)
    raise AssertionError("unreachable")  # pragma: no cover


def _emit_plan(doc: PlanDocument, kind: str, output: Path | None, paper: str, force: bool) -> None:
    if kind == "terminal" or (kind == "txt" and output is None):
        from ottool.render.console import make_console
        from ottool.render.terminal import print_plan

        if output is None:
            print_plan(doc, make_console())  # ends with the disclaimer
            return
        kind = "txt"
    from ottool.render.plan_file import render_plan, write_plan

    notes: list[str] = []
    if output is not None:
        write_plan(doc, output, fmt=kind, paper=paper, force=force, notes=notes)
        typer.echo(_("Plan written to {file}.").format(file=shown(output)), err=True)
        for note in notes:
            typer.echo(_("ottool: note: {note}.").format(note=note), err=True)
        return
    if kind == "pdf" and sys.stdout.isatty():
        fail(_("a PDF cannot be shown in the terminal; add --output plan.pdf"))
    rendered = render_plan(doc, kind, paper=paper, notes=notes)
    for note in notes:
        typer.echo(_("ottool: note: {note}.").format(note=note), err=True)
    if isinstance(rendered, bytes):
        sys.stdout.buffer.write(rendered)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(rendered)
