"""The `ottool` command line: parses options, calls the core, picks a renderer.

No rules live here. Heavy libraries (Rich tables, questionary, the PDF library)
are imported inside the commands that need them so that `ottool --help` and a
JSON screening stay fast.
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ottool import __version__
from ottool.cli_common import AREA_HELP, ContentLanguage, DataDir, fail, load, user_errors
from ottool.error_handler import (
    EXIT_BUG,
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    HandledGroup,
    on_interrupt,
    report_bug,
)
from ottool.errors import caused_by_ctrl_c
from ottool.fhir_cli import fhir_app
from ottool.files import is_stdout
from ottool.history_cli import history_app

if TYPE_CHECKING:
    from ottool.content import Content
    from ottool.plan_document import PlanDocument
    from ottool.screening import Answers, ScreeningResult

app = typer.Typer(
    name="ottool",
    help=(
        "Milestone checks and home-activity plans for babies and toddlers (0-2 years), "
        "offline. A milestone check to help decide whether to talk to a professional; "
        "not a diagnosis."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=HandledGroup,  # one error handler around every command
)


class TextOrJson(enum.StrEnum):
    text = "text"
    json = "json"


class ScreenFormat(enum.StrEnum):
    terminal = "terminal"
    json = "json"
    fhir = "fhir"


class BrowseFormat(enum.StrEnum):
    terminal = "terminal"
    json = "json"


BrowseFormatOption = Annotated[
    BrowseFormat,
    typer.Option("--format", help="terminal (a table for people) or json (every field)."),
]


class SchemaName(enum.StrEnum):
    milestones = "milestones"
    activities = "activities"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ottool {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Milestone checks and home-activity plans for babies and toddlers, offline."""


@app.command()
def validate(
    data_dir: DataDir = None,
    fmt: Annotated[
        TextOrJson, typer.Option("--format", help="text (for people) or json.")
    ] = TextOrJson.text,
    language: Annotated[
        ContentLanguage | None,
        typer.Option(
            "--language",
            metavar="LANG",
            help="Also report every text without a translation in LANG: es (Spanish) or en.",
        ),
    ] = None,
) -> None:
    """Check the content files and report every problem with its file and line."""
    from ottool.content import check_content

    report = check_content(data_dir, complete_in=language.value if language else None)
    _note_local_content(data_dir)
    if fmt is TextOrJson.json:
        from ottool.render.validation import report_json

        typer.echo(report_json(report))
        raise typer.Exit(0 if report.content else 1)
    from ottool.printable import printable

    if report.content is None:
        for problem in report.errors:
            typer.echo(printable(str(problem)), err=True)
        count = len(report.errors)
        typer.echo(f"{count} problem{'s' if count != 1 else ''} found.", err=True)
        raise typer.Exit(1)
    from ottool.render.console import make_console
    from ottool.render.validation import print_summary

    print_summary(report, make_console(), language=language.value if language else None)
    from ottool.content import display_path, resolve_data_dir

    typer.echo(f"Checked the files in {printable(display_path(resolve_data_dir(data_dir)))}/.")


def _note_local_content(data_dir: Path | None) -> None:
    """An editor in a clone who runs plain `ottool validate` checks another copy: say so."""
    import os

    from ottool.content import MILESTONES_FILE, resolve_data_dir

    local = Path("data")
    if data_dir is not None or not (local / MILESTONES_FILE).is_file():
        return
    if local.resolve() == resolve_data_dir(None).resolve():
        return
    checked = "OTTOOL_DATA_DIR" if os.environ.get("OTTOOL_DATA_DIR") else "the installed content"
    typer.echo(
        f"Note: this folder has its own data/, but ottool checked {checked}; "
        "use --data-dir data to check your copy.",
        err=True,
    )


@app.command()
def schema(
    which: Annotated[
        SchemaName, typer.Argument(metavar="FILE", help="milestones or activities.")
    ] = SchemaName.milestones,
) -> None:
    """Print the JSON Schema of a content file (for YAML editor extensions)."""
    import json

    from ottool.content import json_schema

    typer.echo(json.dumps(json_schema(which.value), indent=2))


@app.command()
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


@app.command()
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


@app.command()
def screen(
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="FILE",
            help=(
                "Read the answers from this file instead of asking: YAML, or a FHIR "
                "QuestionnaireResponse (JSON)."
            ),
        ),
    ] = None,
    fmt: Annotated[
        ScreenFormat,
        typer.Option(
            "--format", help="terminal (for people), json, or fhir (a FHIR R4 Bundle for clinics)."
        ),
    ] = ScreenFormat.terminal,
    output: Annotated[
        Path | None, typer.Option("--output", metavar="FILE", help="Write the result to this file.")
    ] = None,
    max_activities: Annotated[
        int, typer.Option("--max-activities", min=1, max=20, help="Activities in the plan.")
    ] = 4,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue the screening that was interrupted.")
    ] = False,
    plan_output: Annotated[
        Path | None,
        typer.Option(
            "--plan-output",
            metavar="FILE",
            help="Also write the home plan to this file (.pdf, .html, .md, .txt or .json).",
        ),
    ] = None,
    save: Annotated[
        bool,
        typer.Option("--save", help="Save the results on this computer (see `ottool history`)."),
    ] = False,
    data_dir: DataDir = None,
) -> None:
    """Answer milestone questions about your child and get a home-activity plan."""
    from ottool.activity_choice import plan_for_result
    from ottool.plan_document import build_plan_document
    from ottool.resultdoc import result_to_data
    from ottool.screening import score

    content = load(data_dir)
    output = None if is_stdout(output) else output
    if plan_output is not None:
        from ottool.render.plan_file import format_from_suffix

        with user_errors():
            format_from_suffix(plan_output)  # a wrong extension fails before any questions
    if answers is None:
        given = _interview(content, resume)
        from ottool.interview import draft_path

        on_interrupt(f"your answers are kept in {draft_path()}; `ottool screen --resume` goes on")
    else:
        from ottool.answerfile import read_answers

        with user_errors():
            given = read_answers(answers, content)
    with user_errors():
        result = score(content, given)
        if result.unused_answers:
            _say_unused_answers(result)
        plan = plan_for_result(content, result, max_activities)
        result_data = result_to_data(result, plan)
        doc = build_plan_document(content, plan, result=result)
        if fmt is ScreenFormat.fhir:
            from ottool.answerfile import answers_to_data
            from ottool.fhir_cli import emit_screening_bundle

            emit_screening_bundle(content, result_data, answers_to_data(given), output)
        else:
            _show_result(content, result, result_data, doc, fmt, output)
        if plan_output is not None:
            from ottool.render.plan_file import write_plan

            write_plan(doc, plan_output)
            typer.echo(f"Plan written to {_shown(plan_output)}.", err=True)
        if save:
            from ottool.answerfile import answers_to_data
            from ottool.history_cli import save_results

            number = save_results(result_data, answers_to_data(given), result.content_version)
            typer.echo(f"Saved as screening {number}; see `ottool history`.", err=True)
    if answers is None:
        from ottool.interview import discard_draft, offer_after_results

        # The draft stays until the results are saved or the parent declines: a
        # failure (or Ctrl-C) in the offers must not lose a single answer.
        if offer_after_results(
            given, result, result_data, doc, plan_written=plan_output is not None, saved=save
        ):
            discard_draft()


class PlanFormat(enum.StrEnum):
    terminal = "terminal"
    md = "md"
    html = "html"
    pdf = "pdf"
    json = "json"


class Paper(enum.StrEnum):
    a4 = "a4"
    letter = "letter"


@app.command()
def plan(
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from", metavar="FILE", help="A result file from `ottool screen --format json`."
        ),
    ] = None,
    from_history: Annotated[
        int | None,
        typer.Option(
            "--from-history", metavar="ID", help="A screening saved on this computer (its id)."
        ),
    ] = None,
    age_months: Annotated[
        float | None,
        typer.Option(
            "--age-months", metavar="MONTHS", min=0, max=60, help="Plan for this age (months)."
        ),
    ] = None,
    focus: Annotated[
        list[str] | None,
        typer.Option(
            "--focus", metavar="AREA", help=f"An area to focus on (repeatable). {AREA_HELP}"
        ),
    ] = None,
    activity: Annotated[
        list[str] | None,
        typer.Option("--activity", metavar="ID", help="An activity id to include (repeatable)."),
    ] = None,
    child: Annotated[
        str | None, typer.Option("--child", metavar="NAME", help="The child's name.")
    ] = None,
    therapist: Annotated[
        str | None,
        typer.Option("--therapist", metavar="NAME", help="Your name, as it should be printed."),
    ] = None,
    note: Annotated[
        list[str] | None,
        typer.Option("--note", metavar="TEXT", help="A note for the family (repeatable)."),
    ] = None,
    weeks: Annotated[
        int, typer.Option("--weeks", min=1, max=12, help="Weeks in the tick-box tracker.")
    ] = 2,
    max_activities: Annotated[
        int, typer.Option("--max-activities", min=1, max=20, help="Activities in the plan.")
    ] = 4,
    fmt: Annotated[
        PlanFormat | None,
        typer.Option(
            "--format",
            help="terminal, md, html, pdf or json (default: from --output's extension).",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", metavar="FILE", help="Write the plan here.")
    ] = None,
    paper: Annotated[
        Paper, typer.Option("--paper", help="Paper size for PDF: a4 or letter.")
    ] = Paper.a4,
    data_dir: DataDir = None,
) -> None:
    """Make a printable home plan from a screening, or for an age and focus areas."""
    from ottool.activity_choice import plan_for_focus, plan_for_result
    from ottool.plan_document import build_plan_document

    sources = [o for o in (from_file, from_history, age_months) if o is not None]
    if len(sources) != 1:
        fail("give exactly one of --from FILE, --from-history ID or --age-months N")
    if age_months is None and (focus or activity):
        fail("--focus and --activity go with --age-months; a screening chooses its own")
    from ottool.limits import MAX_NAME, MAX_NOTE, check_length

    with user_errors():  # before any work: a pasted page is not a name
        check_length("--child", child, MAX_NAME)
        check_length("--therapist", therapist, MAX_NAME)
        for text in note or ():
            check_length("--note", text, MAX_NOTE)
    content = load(data_dir)
    output = None if is_stdout(output) else output
    kind = _plan_format(fmt, output)
    with user_errors():
        result = None
        if from_file is not None:
            from ottool.resultdoc import read_result

            result, _ = read_result(from_file, content)
        elif from_history is not None:
            from ottool.history import get_screening
            from ottool.resultdoc import result_from_data

            saved = get_screening(from_history)
            result, _ = result_from_data(saved.result, content, f"saved screening {from_history}")
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
        )
        _emit_plan(doc, kind, output, paper.value)


def _plan_format(fmt: PlanFormat | None, output: Path | None) -> str:
    """The plan's format: --format, else --output's extension, else the terminal.

    A --format that contradicts --output's extension (md into plan.pdf) is refused.
    """
    from ottool.render.plan_file import SUFFIXES, format_from_suffix

    if fmt is not None:
        named = SUFFIXES.get(output.suffix.lower()) if output is not None else None
        if named is not None and named != fmt.value and {named, fmt.value} != {"txt", "terminal"}:
            fail(f"--format {fmt.value} does not match {output}: its name says {named}")
        return fmt.value
    if output is None:
        return "terminal"

    with user_errors():
        return format_from_suffix(output)
    raise AssertionError("unreachable")  # pragma: no cover


def _emit_plan(doc: PlanDocument, kind: str, output: Path | None, paper: str) -> None:
    if kind == "terminal" or (kind == "txt" and output is None):
        from ottool.render.console import make_console
        from ottool.render.terminal import print_plan

        if output is None:
            print_plan(doc, make_console())  # ends with the disclaimer
            return
        kind = "txt"
    from ottool.render.plan_file import render_plan, write_plan

    if output is not None:
        write_plan(doc, output, fmt=kind, paper=paper)
        typer.echo(f"Plan written to {_shown(output)}.", err=True)
        return
    if kind == "pdf" and sys.stdout.isatty():
        fail("a PDF cannot be shown in the terminal; add --output plan.pdf")
    rendered = render_plan(doc, kind, paper=paper)
    if isinstance(rendered, bytes):
        sys.stdout.buffer.write(rendered)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(rendered)


app.add_typer(history_app, name="history")
app.add_typer(fhir_app, name="fhir")


def _interview(content: Content, resume: bool) -> Answers:
    if not sys.stdin.isatty():
        fail(
            "no terminal to ask questions on; give the answers in a file with "
            "--answers FILE (see the README for its format)"
        )
    from ottool.interview import Interrupted, run_interview

    try:
        with user_errors():
            return run_interview(content, resume=resume)
    except Interrupted as stop:
        typer.echo(
            f"\nStopped. Your answers so far are kept in {stop.draft_path}.\n"
            "Run `ottool screen --resume` to continue where you left off.",
            err=True,
        )
        raise typer.Exit(EXIT_INTERRUPTED) from None
    raise AssertionError("unreachable")  # pragma: no cover


def _show_result(
    content: Content,
    result: ScreeningResult,
    result_data: dict[str, Any],
    doc: PlanDocument,
    fmt: ScreenFormat,
    output: Path | None,
) -> None:
    """Print the result (or write it to ``output``) as JSON or for people."""
    from ottool.files import write_output

    if fmt is ScreenFormat.json:
        from ottool.printable import json_text

        text = json_text(result_data) + "\n"
        if output is None:
            sys.stdout.write(text)
        else:
            write_output(output, text, private=True)
        return
    from ottool.render.console import make_console
    from ottool.render.terminal import print_plan, print_result

    if output is None:
        console = make_console()
    else:
        from ottool.render.console import text_console
        from ottool.render.plan_file import TEXT_WIDTH

        console = text_console(TEXT_WIDTH)
    print_result(result, content, console, disclaimer=False)
    print_plan(doc, console, with_header=False)
    if output is not None:
        text = console.export_text(styles=False)
        lines = (line.rstrip() for line in text.strip("\n").splitlines())
        write_output(output, "\n".join(lines) + "\n", private=True)


def _say_unused_answers(result: ScreeningResult) -> None:
    """One line on stderr: which answers were not scored, and why (checklist and age)."""
    from ottool.age import months_in_words

    ids = result.unused_answers
    n = len(ids)
    age = months_in_words(result.age.used_months)
    if result.age.corrected:
        age += " (corrected for prematurity)"
    typer.echo(
        f"ottool: {n} answer{'s' if n != 1 else ''} not used ({', '.join(ids)}): "
        f"{'they are' if n != 1 else 'it is'} from a later checklist than the "
        f"{result.checklist.months}-month checklist used at an age of {age}.",
        err=True,
    )


def _shown(path: Path) -> str:
    """A path the user gave, safe to print (control characters shown, not obeyed)."""
    from ottool.printable import printable

    return printable(str(path))


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


def main() -> None:
    """Run the `ottool` command line (the console script goes through ottool.__main__)."""
    from ottool.streams import drop_unusable_width, prepare_streams, undecodable_argument

    prepare_streams()
    drop_unusable_width()
    problem = undecodable_argument(sys.argv[1:])
    if problem is not None:
        typer.echo(problem, err=True)
        raise SystemExit(EXIT_INPUT)
    try:
        app()
    except Exception as exc:  # outside any command (while Typer sets up): same rules
        if caused_by_ctrl_c(exc):
            raise SystemExit(EXIT_INTERRUPTED) from None
        report_bug(exc)
        raise SystemExit(EXIT_BUG) from None
    except KeyboardInterrupt:  # before or after a command ran: nothing was started
        raise SystemExit(EXIT_INTERRUPTED) from None
