"""`ottool screen`: the milestone check, from a file of answers or asked question by question."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ottool.atomic_write import is_stdout
from ottool.cli.common import (
    DataDir,
    Lang,
    RegionOption,
    fail,
    load,
    refuse_to_replace,
    user_errors,
)
from ottool.cli.fhir import (
    BundleOption,
    BundleType,
    PatientOption,
    check_fhir_options,
    incoming_context,
)
from ottool.cli.next import IcsNameOption, IcsOption, calendar_for_result, check_calendar_path
from ottool.error_handler import EXIT_INTERRUPTED, on_interrupt
from ottool.i18n import _, ngettext

if TYPE_CHECKING:
    from rich.console import Console

    from ottool.content import Content
    from ottool.plan_document import PlanDocument
    from ottool.screening import Answers, ScreeningResult


class ScreenFormat(enum.StrEnum):
    terminal = "terminal"
    json = "json"
    fhir = "fhir"


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
            help=_("terminal (for people), json, or fhir (a FHIR R4 Bundle for clinics)."),
        ),
    ] = ScreenFormat.terminal,
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
            "--force", help=_("Replace the --output and --plan-output files if they exist.")
        ),
    ] = False,
    patient_id: PatientOption = None,
    bundle: BundleOption = BundleType.collection,
    region: RegionOption = None,
    ics: IcsOption = None,
    ics_name: IcsNameOption = False,
    data_dir: DataDir = None,
    lang: Lang = None,
) -> None:
    from ottool.activity_choice import plan_for_result
    from ottool.plan_document import build_plan_document
    from ottool.region import choose_region
    from ottool.result_json import result_to_data
    from ottool.screening import score

    content = load(data_dir)
    check_fhir_options(fmt is ScreenFormat.fhir, patient_id, bundle)
    with user_errors():  # a wrong --region fails before any questions
        region_id = choose_region(content, region)
    output = None if is_stdout(output) else output
    # Before any question or score: an existing file is not replaced unasked.
    refuse_to_replace(output, force)
    refuse_to_replace(plan_output, force)
    check_calendar_path(ics, force)
    if plan_output is not None:
        from ottool.render.plan_file import format_from_suffix

        with user_errors():
            format_from_suffix(plan_output)  # a wrong extension fails before any questions
    if answers is None:
        given = _interview(content, resume)
        incoming = None
        from ottool.interview import draft_path

        on_interrupt(
            _("your answers are kept in {file}; `ottool screen --resume` goes on").format(
                file=draft_path()
            )
        )
    else:
        from ottool.answerfile import read_answers

        with user_errors():
            given = read_answers(answers, content)
            incoming = incoming_context(answers)  # a FHIR response's subject, and warnings
    with user_errors():
        result = score(content, given, region=region_id)
        if result.unused_answers:
            _say_unused_answers(result)
        plan = plan_for_result(content, result, max_activities)
        result_data = result_to_data(result, plan)
        doc = build_plan_document(content, plan, result=result)
        if fmt is ScreenFormat.fhir:
            from ottool.answerfile import answers_to_data
            from ottool.cli.fhir import emit_screening_bundle

            emit_screening_bundle(
                content,
                result_data,
                answers_to_data(given),
                output,
                incoming=incoming,
                patient_id=patient_id,
                bundle=bundle,
                force=force,
            )
        else:
            _show_result(content, result, result_data, doc, fmt, output, force)
        if plan_output is not None or save:
            from ottool.cli.after import after_results

            for said in after_results(
                doc, result, result_data, given, plan_to=plan_output, save=save, force=force
            ):
                typer.echo(said, err=True)
        if ics is not None:
            calendar_for_result(ics, result_data, content, with_names=ics_name, force=force)
    if answers is None:
        from ottool.interview import discard_draft, offer_after_results

        # The draft stays until the results are saved or the parent declines: a
        # failure (or Ctrl-C) in the offers must not lose a single answer.
        if offer_after_results(
            given, result, result_data, doc, plan_written=plan_output is not None, saved=save
        ):
            discard_draft()


def _interview(content: Content, resume: bool) -> Answers:
    if not sys.stdin.isatty():
        fail(
            _(
                "no terminal to ask questions on; give the answers in a file with "
                "--answers FILE (see the README for its format)"
            )
        )
    from ottool.interview import Interrupted, run_interview

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


def _show_result(
    content: Content,
    result: ScreeningResult,
    result_data: dict[str, Any],
    doc: PlanDocument,
    fmt: ScreenFormat,
    output: Path | None,
    force: bool,
) -> None:
    """Print the result (or write it to ``output``) as JSON or for people."""
    from ottool.atomic_write import write_output

    if fmt is ScreenFormat.json:
        from ottool.printable import json_text

        text = json_text(result_data) + "\n"
        if output is None:
            sys.stdout.write(text)
        else:
            write_output(output, text, private=True, force=force)
        return
    from ottool.render.terminal import print_plan, print_result

    def draw(console: Console) -> None:
        print_result(result, content, console, disclaimer=False)
        print_plan(doc, console, with_header=False)

    if output is None:
        from ottool.render.console import make_console

        draw(make_console())
    else:
        from ottool.render.plan_file import as_plain_text

        write_output(output, as_plain_text(draw), private=True, force=force)


def _say_unused_answers(result: ScreeningResult) -> None:
    """One line on stderr: which answers were not scored, and why (checklist and age)."""
    from ottool.age import age_in_words

    ids = result.unused_answers
    n = len(ids)
    age = age_in_words(result.age.used)
    if result.age.corrected:
        age = _("{age} (corrected for prematurity)").format(age=age)
    said = ngettext(
        "{n} answer not used ({ids}): it is from a later checklist than the "
        "{months}-month checklist used at an age of {age}.",
        "{n} answers not used ({ids}): they are from a later checklist than the "
        "{months}-month checklist used at an age of {age}.",
        n,
    )
    text = said.format(n=n, ids=", ".join(ids), months=result.checklist.months, age=age)
    typer.echo(f"ottool: {text}", err=True)
