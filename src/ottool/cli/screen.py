"""`ottool screen`: the milestone check, from a file of answers or asked question by question."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ottool.cli.child_options import ChildIdOption, read_child_id
from ottool.cli.common import (
    ClinicOption,
    DataDir,
    ExtraData,
    Lang,
    RegionOption,
    ScreenFormat,
    clinic,
    emit,
    fail,
    load,
    paper_for,
    refuse_one_file_twice,
    refuse_to_replace,
    region_for,
    shown,
    user_errors,
)
from ottool.cli.error_handler import EXIT_INTERRUPTED, on_interrupt
from ottool.cli.fhir import (
    BundleOption,
    BundleType,
    PatientOption,
    check_fhir_options,
)
from ottool.cli.next import IcsNameOption, IcsOption, calendar_for_result
from ottool.core.i18n import _, ngettext
from ottool.storage.atomic_write import is_stdout

if TYPE_CHECKING:
    from rich.console import Console

    from ottool.core.content import Content
    from ottool.core.screening import Answers, ScreeningResult
    from ottool.session import Screening


def screen(
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help=(
                _(
                    "Read the answers from this file instead of asking: YAML, or a FHIR "
                    "QuestionnaireResponse (JSON)."
                )
            ),
        ),
    ] = None,
    fmt: Annotated[
        ScreenFormat,
        typer.Option(
            "--format",
            help=_("text (for people), json, or fhir (a FHIR R4 Bundle for clinics)."),
        ),
    ] = ScreenFormat.text,
    output: Annotated[
        Path | None,
        typer.Option("--output", metavar="FILE", help=_("Write the result to this file.")),
    ] = None,
    max_activities: Annotated[
        int, typer.Option("--max-activities", min=1, max=20, help=_("Activities in the plan."))
    ] = 4,
    resume: Annotated[
        bool, typer.Option("--resume", help=_("Continue the screening that was interrupted."))
    ] = False,
    plan_output: Annotated[
        Path | None,
        typer.Option(
            "--plan-output",
            metavar="FILE",
            help=_("Also write the home plan to this file (.pdf, .html, .md, .txt or .json)."),
        ),
    ] = None,
    save: Annotated[
        bool,
        typer.Option("--save", help=_("Save the results on this computer (see `ottool history`).")),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help=_("Replace the --output, --plan-output and --ics files if they exist."),
        ),
    ] = False,
    child_id: ChildIdOption = None,
    patient_id: PatientOption = None,
    bundle: BundleOption = BundleType.collection,
    region: RegionOption = None,
    ics: IcsOption = None,
    ics_name: IcsNameOption = False,
    data_dir: DataDir = None,
    extra: ExtraData = None,
    clinic_file: ClinicOption = None,
    lang: Lang = None,
) -> None:
    from ottool import session

    content = load(data_dir)
    given_id = read_child_id(child_id)
    check_fhir_options(fmt is ScreenFormat.fhir, patient_id, bundle)
    region_id = region_for(content, region)  # a wrong --region fails before any questions
    output = None if is_stdout(output) else output
    # Before any question or score: an existing file is not replaced unasked.
    refuse_one_file_twice({"--output": output, "--plan-output": plan_output, "--ics": ics})
    refuse_to_replace(output, force)
    _check_plan_output(plan_output, output, force)
    refuse_to_replace(ics, force)
    if answers is None:
        given = _interview(content, resume)
        incoming = None
        from ottool.storage.draft import draft_path

        on_interrupt(
            _("your answers are kept in {file}; `ottool screen --resume` goes on").format(
                file=draft_path()
            )
        )
    else:
        with user_errors():
            read = session.read_answers(answers, content)
        for note in read.notes:  # a FHIR response to another form, and such
            typer.echo(note, err=True)
        given, incoming = read.answers, read.incoming
    with user_errors():
        screening = session.screen(
            content,
            given,
            region=region_id,
            max_activities=max_activities,
            incoming=incoming,
            clinic=clinic(),
            child_id=given_id,
        )
        if screening.result.unused_answers:
            _say_unused_answers(screening.result)
        if fmt is ScreenFormat.fhir:
            from ottool.cli.fhir import emit_screening_bundle

            emit_screening_bundle(
                screening, output, patient_id=patient_id, bundle=bundle, force=force
            )
        else:
            _show_result(screening, fmt, output, force)
        if plan_output is not None or save:
            for said in after_results(screening, plan_to=plan_output, save=save, force=force):
                typer.echo(said, err=True)
        if ics is not None:
            calendar_for_result(ics, screening.result, content, with_names=ics_name, force=force)
    if answers is None:
        from ottool.storage.draft import discard_draft

        # The draft stays until the results are saved or the parent declines: a
        # failure (or Ctrl-C) in the offers must not lose a single answer.
        if offer_after_results(screening, plan_written=plan_output is not None, saved=save):
            discard_draft()


def _check_plan_output(plan_output: Path | None, output: Path | None, force: bool) -> None:
    """Before any question: --plan-output names a file ottool can write, in a format its
    name names; ``-`` (standard output, as plain text) only when the result goes to a file."""
    if plan_output is None:
        return
    if is_stdout(plan_output):
        if output is None:
            fail(
                _(
                    "--plan-output - writes the plan on standard output, where the result "
                    "goes too; give the result a file with --output FILE, or the plan a "
                    "file name"
                )
            )
        return
    refuse_to_replace(plan_output, force)
    from ottool.render.registry import plan_format_for

    with user_errors():
        plan_format_for(plan_output)  # a wrong extension fails before any questions


def after_results(
    screening: Screening,
    *,
    plan_to: Path | None = None,
    save: bool = False,
    force: bool = False,
    full_path: bool = False,
) -> list[str]:
    """Save the results and write the plan to ``plan_to`` (when asked); the sentences
    that say what was done. InputError (nothing half-written) when one cannot be done.

    The screening is saved first: a plan that cannot be written (a damaged font, a full
    disk) must not lose the results. Its failure then also says they were saved.
    ``full_path`` names the plan's file by its full path (the questionnaire's offer,
    where the parent typed a bare name). ``plan_to`` ``-`` is standard output, as text.
    """
    from ottool import session
    from ottool.core.errors import InputError, Problem

    said: list[str] = []
    number = None
    if save:

        def noted(saved_as: int) -> None:
            on_interrupt(_("the results were saved as screening {number}").format(number=saved_as))

        number = session.save(screening, noted=noted)
        _warn_of_a_near_birth_date(screening, number)
        said.append(
            _("Saved as screening {number}. See them with: ottool history").format(number=number)
        )
    if plan_to is not None:
        stdout = is_stdout(plan_to)
        try:
            notes = session.write_plan(  # on the clinic's paper, when a clinic file says which
                screening.document,
                plan_to,
                fmt="text" if stdout else None,
                paper=paper_for(None),
                force=force,
            )
        except InputError as exc:
            if number is None:
                raise
            kept = _("the results were saved as screening {number}").format(number=number)
            raise InputError([*exc.problems, Problem(None, None, kept)]) from None
        if not stdout:
            where = plan_to.expanduser().absolute() if full_path else plan_to
            said.insert(0, _("Plan written to {file}.").format(file=shown(where)))
        said[1:1] = [_("Note: {note}.").format(note=note[:1].upper() + note[1:]) for note in notes]
    return said


def _warn_of_a_near_birth_date(screening: Screening, number: int) -> None:
    """One sentence on stderr when the history holds a child of the same name born a few
    days apart: a typo in a birth date makes another child, which is never merged."""
    from ottool.core.printable import printable
    from ottool.storage.history import near_birth_dates

    child = screening.record.child
    for other in near_birth_dates(child.name, child.birth_date):
        message = _(
            "ottool: note: {name} was saved before with birth date {other}; screening "
            "{number} says {born}, so it is kept as another child (if the date is a typo, "
            "delete it with `ottool history delete {number}` and save it again)"
        )
        said = message.format(
            name=child.name,
            other=other.isoformat(),
            born=child.birth_date.isoformat(),
            number=number,
        )
        typer.echo(printable(said), err=True)


def offer_after_results(
    screening: Screening, *, plan_written: bool = False, saved: bool = False
) -> bool:
    """At the end of the questionnaire: offer to write the plan to a file and to save the
    results (the questionnaire asks; this does what the parent chose).

    Offers already answered on the command line (--plan-output, --save) are skipped.
    True when the draft can go: the results are saved, or the parent said no to saving.
    """
    from ottool.cli import interview
    from ottool.core.errors import InputError, Problem

    offers = interview.AfterOffers()
    if not plan_written and offers.wants_plan_file():
        default = interview.plan_file_name(screening.result.child.name, screening.result.date)
        while (chosen := offers.ask_plan_file(default)) is not None:
            try:
                said = after_results(
                    screening, plan_to=chosen.path, force=chosen.force, full_path=True
                )
            except InputError as exc:
                offers.say_problem(exc)
                default = chosen.typed
                continue
            offers.say(" ".join(said))
            break
    if saved:
        return True
    save = offers.wants_to_save()
    if save is None:  # Ctrl-C or the end of input is no answer: keep the draft
        offers.say_draft_kept()
        return False
    if not save:
        return True  # the parent declined: the draft has done its job
    try:
        said = after_results(screening, save=True)
    except InputError as exc:
        from ottool.storage.draft import draft_path

        # Not saved: the run ends with exit 1 (the error handler prints these lines).
        kept = _(
            "your answers are kept in {file}: `ottool screen --resume` shows these results again"
        ).format(file=draft_path())
        raise InputError([*exc.problems, Problem(None, None, kept)]) from None
    offers.say(" ".join(said))
    return True


def _interview(content: Content, resume: bool) -> Answers:
    if not sys.stdin.isatty():
        fail(
            _(
                "no terminal to ask questions on; give the answers in a file with "
                "--answers FILE (see the README for its format)"
            )
        )
    from ottool.cli.interview import Interrupted, run_interview

    try:
        with user_errors():
            return run_interview(content, resume=resume)
    except Interrupted as stop:
        # The family was answering in its language: the way back in is said in it too.
        stopped = _(
            "Stopped. Your answers so far are kept in {file}.\n"
            "Run `ottool screen --resume` to continue where you left off."
        )
        typer.echo("\n" + stopped.format(file=stop.draft_path), err=True)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    raise AssertionError("unreachable")  # pragma: no cover


def _show_result(screening: Screening, fmt: ScreenFormat, output: Path | None, force: bool) -> None:
    """Print the result (or write it to ``output``) as JSON or for people."""
    if fmt is ScreenFormat.json:
        import msgspec

        from ottool.core.printable import json_text

        emit(json_text(msgspec.to_builtins(screening.record)) + "\n", output, force=force)
        return
    from ottool.render.terminal import print_plan, print_result

    def draw(console: Console) -> None:
        print_result(screening.result, screening.content, console, disclaimer=False)
        print_plan(screening.document, console, with_header=False)

    if output is None:
        from ottool.render.console import make_console

        draw(make_console())
    else:
        from ottool.render.plan_file import as_plain_text

        emit(as_plain_text(draw), output, force=force)


def _say_unused_answers(result: ScreeningResult) -> None:
    """One line on stderr: which answers were not scored, and why (checklist and age)."""
    from ottool.core.age import age_in_words

    ids = result.unused_answers
    n = len(ids)
    age = age_in_words(result.age.used)
    if result.age.corrected:
        age = _("{age} (corrected for prematurity)").format(age=age)
    said = ngettext(
        "{n} answer not used ({ids}): it is about a later age than the "
        "{months}-month checklist used at an age of {age}.",
        "{n} answers not used ({ids}): they are about a later age than the "
        "{months}-month checklist used at an age of {age}.",
        n,
    )
    text = said.format(n=n, ids=", ".join(ids), months=result.checklist.months, age=age)
    typer.echo(f"ottool: {text}", err=True)
