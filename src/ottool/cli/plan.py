"""`ottool plan`: a printable home plan from a screening, or for an age and focus areas."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ottool.cli.child_options import ChildIdOption, read_child_id
from ottool.cli.common import (
    AREA_HELP,
    ClinicOption,
    DataDir,
    ExtraData,
    Lang,
    OldAreasOption,
    PaperOption,
    PlanFormat,
    RegionOption,
    clinic,
    emit,
    fail,
    load,
    paper_for,
    refuse_one_file_twice,
    refuse_to_replace,
    shown,
    user_errors,
)
from ottool.cli.next import IcsNameOption, IcsOption
from ottool.cli.plan_choices import (
    AddStepOption,
    BornOption,
    CaregiverOption,
    DoseOption,
    DropOption,
    FromPlanOption,
    SaveOption,
    StepOption,
    TreatingOption,
    WhyOption,
)
from ottool.core.i18n import N_, _
from ottool.session import PlanDetails
from ottool.storage.atomic_write import is_stdout

if TYPE_CHECKING:
    from ottool.core.content import Content
    from ottool.core.plan_edits import PlanEdits
    from ottool.core.vocabulary import FormatName
    from ottool.session import Plan


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
            "--from-history",
            metavar="NUMBER",
            help=_("A screening saved on this computer: its number (No.) in `ottool history`."),
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
            "--area", metavar="AREA", help=_("An area to focus on (repeatable).") + " " + AREA_HELP
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
        int | None,
        typer.Option(
            "--weeks", min=1, max=12, help=_("Weeks in the tick-box tracker (default: 2).")
        ),
    ] = None,
    max_activities: Annotated[
        int | None,
        typer.Option(
            "--max-activities",
            min=1,
            max=20,
            help=_(
                "Activities in the plan (default: 4; with --activity and no --area, "
                "the activities you name)."
            ),
        ),
    ] = None,
    drop: DropOption = None,
    dose: DoseOption = None,
    why: WhyOption = None,
    step: StepOption = None,
    add_step: AddStepOption = None,
    treating: TreatingOption = None,
    caregiver: CaregiverOption = None,
    from_plan: FromPlanOption = None,
    born: BornOption = None,
    child_id: ChildIdOption = None,
    save: SaveOption = False,
    fmt: Annotated[
        PlanFormat | None,
        typer.Option(
            "--format",
            help=_(
                "text, md, html, pdf, json, or yaml (the plan file to edit and print "
                "again with --from-plan) (default: from --output's extension)."
            ),
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", metavar="FILE", help=_("Write the plan here."))
    ] = None,
    paper: PaperOption = None,
    force: Annotated[
        bool, typer.Option("--force", help=_("Replace the --output file if it exists."))
    ] = False,
    region: RegionOption = None,
    ics: IcsOption = None,
    ics_name: IcsNameOption = False,
    data_dir: DataDir = None,
    extra: ExtraData = None,
    clinic_file: ClinicOption = None,
    lang: Lang = None,
    old_age: Annotated[
        float | None, typer.Option("--months", "--age", min=0, max=60, hidden=True)
    ] = None,
    old_areas: OldAreasOption = None,
) -> None:
    from ottool.core.plan_edits import gather_edits

    age_months = age_months if age_months is not None else old_age
    focus = [*(focus or ()), *(old_areas or ())]

    sources = [o for o in (from_file, from_history, age_months, from_plan) if o is not None]
    if len(sources) != 1:
        fail(
            _(
                "give exactly one of --from FILE, --from-history NUMBER, --from-plan NUMBER|FILE "
                "or --age-months N"
            )
        )
    from ottool.core.limits import MAX_NAME, MAX_NOTE, check_length

    with user_errors():  # before any work: a pasted page is not a name
        check_length("--child", child, MAX_NAME)
        check_length("--therapist", therapist, MAX_NAME)
        check_length("--caregiver", caregiver, MAX_NAME)
        for text in note or ():
            check_length("--note", text, MAX_NOTE)
        edits = gather_edits(
            add=activity or (),
            drop=drop or (),
            dose=dose or (),
            why=why or (),
            step=step or (),
            add_step=add_step or (),
        )
    output = None if is_stdout(output) else output
    refuse_one_file_twice({"--output": output, "--ics": ics})
    refuse_to_replace(output, force)
    refuse_to_replace(ics, force)
    if ics is not None and age_months is not None and born is None:
        fail(_(_ICS_NEEDS_A_SCREENING))
    content = load(data_dir)
    kind = _plan_format(fmt, output)
    with user_errors():
        made = _make_plan(
            content,
            edits,
            from_file=from_file,
            from_history=from_history,
            from_plan=from_plan,
            age_months=age_months,
            focus=tuple(focus or ()),
            max_activities=max_activities,
            details=PlanDetails(
                child=child,
                born=born,
                child_id=read_child_id(child_id),
                therapist=therapist,
                caregiver=caregiver,
                notes=tuple(note) if note else None,
                weeks=weeks,
                treating=tuple(treating) if treating else None,
                region=region,
            ),
        )
        for warning in made.warnings:  # the plan is made all the same: the therapist chose
            typer.echo(_("ottool: {warning}").format(warning=warning), err=True)
        if save and made.given.child.birth_date is None:
            from ottool.cli.plan_choices import needs_birth_date

            fail(needs_birth_date(made.given.child.name))
        if ics is not None and made.result is None and made.given.child.birth_date is None:
            fail(_(_ICS_NEEDS_A_SCREENING))
        # The handout first: a plan is kept only once it was given (written or shown).
        _emit_plan(
            made,
            kind,
            output,
            paper_for(paper.value if paper else None),
            force,
        )
        if save:
            from ottool.storage.history.plans import save_plan

            number = save_plan(made.given)
            typer.echo(
                _("Plan saved as plan {number} for {child}; reprint it with {command}.").format(
                    number=number,
                    child=made.given.child.name or _("(no name)"),
                    command=f"`ottool plan --from-plan {number}`",
                ),
                err=True,
            )
        if ics is not None:
            _write_calendar(made, ics, content, with_names=ics_name, force=force)


_ICS_NEEDS_A_SCREENING = N_(
    "--ics needs the child's birth date (--born DATE) or a screening (--from FILE or "
    "--from-history NUMBER)"
)


def _write_calendar(
    made: Plan, ics: Path, content: Content, *, with_names: bool, force: bool
) -> None:
    """The coming checks after the plan's screening, or, for a plan given by age, from
    the child's birth date."""
    from ottool import session
    from ottool.cli.next import calendar_for_result, write_calendar

    if made.result is not None:
        calendar_for_result(ics, made.result, content, with_names=with_names, force=force)
        return
    child = made.given.child
    assert child.birth_date is not None  # checked before the plan was written
    checks = session.coming_from_birth(child.name or "", child.birth_date, content)
    write_calendar(ics, [checks], with_names=with_names, force=force)


def _make_plan(
    content: Content,
    edits: PlanEdits,
    *,
    from_file: Path | None,
    from_history: int | None,
    from_plan: str | None,
    age_months: float | None,
    focus: tuple[str, ...],
    max_activities: int | None,
    details: PlanDetails,
) -> Plan:
    """The plan the options ask for: chosen (from a screening or an age) with the
    therapist's choices on top, or a plan given before, reprinted or revised."""
    from ottool import session

    result = None
    if from_file is not None:
        result = session.read_result(from_file, content)
    elif from_history is not None:
        result = session.saved(from_history, content).result
    return session.plan_from(
        content,
        result=result,
        screening=from_history,
        earlier=session.read_plan(from_plan) if from_plan is not None else None,
        age_months=age_months,
        focus=focus,
        edits=edits,
        max_activities=max_activities,
        details=details,
        clinic=clinic(),
    )


def _plan_format(fmt: PlanFormat | None, output: Path | None) -> FormatName:
    """The plan's format: --format, else --output's ending, else text (on the screen).

    A --format that contradicts --output's ending (md into plan.pdf) is refused.
    ``.yaml`` is the plan file a therapist edits and prints again.
    """
    from ottool.render.registry import PLAN_COMMAND_FORMATS, format_for, suffix_format

    if fmt is not None:
        named = suffix_format(output, PLAN_COMMAND_FORMATS) if output is not None else None
        if named is not None and named != fmt.value:
            fail(
                _("--format {format} does not match {file}: its name says {named}").format(
                    format=fmt.value, file=shown(output) if output else "", named=named
                )
            )
        return fmt.registered
    if output is None:
        return "text"
    with user_errors():
        return format_for(output, PLAN_COMMAND_FORMATS)
    raise AssertionError("unreachable")  # pragma: no cover


def _emit_plan(made: Plan, kind: FormatName, output: Path | None, paper: str, force: bool) -> None:
    """The plan in ``kind``, on the screen or in ``output``."""
    if kind == "text" and output is None:
        from ottool.render.console import make_console
        from ottool.render.terminal import print_plan

        print_plan(made.document, make_console())  # ends with the disclaimer
        return
    notes: list[str] = []
    written = _("Plan written to {file}.")
    data: str | bytes
    if kind == "yaml":
        from ottool.storage.given_plan import given_plan_yaml

        data = given_plan_yaml(made.given)
        written = _("Plan file written to {file}; edit it and print it with {command}.").format(
            file="{file}", command="`ottool plan --from-plan {file}`"
        )
    elif kind == "json":
        # The plan's JSON carries the plan as given, so `--from-plan plan.json` reads it.
        from ottool.core.printable import json_text
        from ottool.storage.formats import to_data

        data = json_text({**made.document.as_data(), "given": to_data(made.given)}) + "\n"
    else:
        if kind == "pdf" and output is None and sys.stdout.isatty():  # before the slow layout
            fail(_pdf_not_on_a_terminal())
        from ottool.render.registry import render_plan

        data = render_plan(made.document, kind, paper=paper, notes=notes)
    if output is None:
        _say_notes(notes)  # before the plan: what follows on standard output is the plan
    emit(data, output, force=force, written=written, not_on_a_terminal=_pdf_not_on_a_terminal())
    if output is not None:
        _say_notes(notes)


def _say_notes(notes: list[str]) -> None:
    for note in notes:
        typer.echo(_("ottool: note: {note}.").format(note=note), err=True)


def _pdf_not_on_a_terminal() -> str:
    return _("a PDF cannot be shown in the terminal; add --output plan.pdf")
