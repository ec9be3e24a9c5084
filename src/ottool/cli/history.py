"""`ottool history`: list, show, compare, delete, export and import saved screenings.

Imported by the command line at start-up, so only Typer and the standard library are imported
here at module level; SQLite, Rich and the rest load inside the commands.
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ottool.cli.child_options import BornOption
from ottool.cli.common import DataDir as DataDirOption
from ottool.cli.common import Lang, RegionOption
from ottool.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from ottool.content import Content
    from ottool.errors import InputError
    from ottool.history.saved import SavedScreening
    from ottool.plan_document import PlanDocument
    from ottool.screening import ScreeningResult

history_app = typer.Typer(
    help=(
        _(
            "The screenings saved on this computer (private to you): list them, see a "
            "child's progress, show, delete, export or import them."
        )
    ),
    invoke_without_command=True,
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class HistoryFormat(enum.StrEnum):
    terminal = "terminal"
    json = "json"


class ExportFormat(enum.StrEnum):
    jsonl = "jsonl"
    fhir = "fhir"


FormatOption = Annotated[
    HistoryFormat, typer.Option("--format", help=_("terminal (for people) or json."))
]
EMPTY = N_("No screenings are saved yet. Save one at the end of `ottool screen`.")


@history_app.callback(
    help=_("List the saved screenings, or show one child's progress with --child.")
)
def history(
    ctx: typer.Context,
    child: Annotated[
        str | None,
        typer.Option(
            "--child", metavar="NAME", help=_("Only this child's screenings, side by side.")
        ),
    ] = None,
    born: BornOption = None,
    fmt: FormatOption = HistoryFormat.terminal,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            metavar="N",
            min=1,
            max=100_000,
            help=_("Screenings a page, newest first (default: 50 in the terminal, all in JSON)."),
        ),
    ] = None,
    page: Annotated[
        int, typer.Option("--page", metavar="N", min=1, help=_("Which page of --limit to show."))
    ] = 1,
    data_dir: DataDirOption = None,
    lang: Lang = None,
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from ottool.cli.common import user_errors
    from ottool.history import list_screenings

    if child is None and (fmt is HistoryFormat.terminal or limit is not None or page > 1):
        _print_page(limit or PAGE_SIZE, page, fmt)
        return
    with user_errors():
        screenings = list_screenings(child)
    if child is not None and screenings:
        from ottool.cli.child_options import chosen_child

        who = chosen_child(child, born)  # two children of that name: say which they are
        screenings = [s for s in screenings if who.owns(s)]
    if not screenings:
        _no_screenings(child, fmt)
        return
    if child is None:
        _print_list(screenings, fmt)
    else:
        _print_progress(child, screenings, fmt, data_dir)


@history_app.command(help=_("Show a saved screening as it was shown when it was made."))
def show(
    screening_id: Annotated[
        int, typer.Argument(metavar="NUMBER", help=_("The screening's number."))
    ],
    fmt: FormatOption = HistoryFormat.terminal,
    region: RegionOption = None,
    data_dir: DataDirOption = None,
    lang: Lang = None,
) -> None:
    from ottool.cli.common import user_errors
    from ottool.history import get_screening

    with user_errors():
        saved = get_screening(screening_id)
    if saved.damaged:
        from ottool.cli.common import fail

        fail(
            _damaged_message(saved.id)
            + _("; it cannot be shown. `ottool history delete {number}` removes it").format(
                number=saved.id
            )
        )
    if fmt is HistoryFormat.json:
        from ottool.printable import json_text

        typer.echo(json_text(saved.result))
        return
    from ottool.cli.common import load
    from ottool.errors import InputError
    from ottool.render.console import make_console
    from ottool.render.history import print_saved_header, print_saved_summary
    from ottool.render.terminal import print_plan, print_result

    content = load(data_dir)
    if region is not None:
        from ottool.region import choose_region

        with user_errors():
            region = choose_region(content, region)
    console = make_console()
    print_saved_header(saved, console)
    try:
        result, doc = _rebuild(saved, content, region)
    except InputError as exc:
        if saved.content_version:
            why = _(
                "This screening was saved with other content (version {version}), "
                "so it cannot be shown in full: {reason}"
            )
        else:
            why = _(
                "This screening was saved with other content, so it cannot be shown in full: "
                "{reason}"
            )
        why = why.format(version=saved.content_version, reason=exc.problems[0].message)
        names = {d.id: d.name for d in content.domains}
        print_saved_summary(saved, console, why, names)
        return
    print_result(result, content, console, disclaimer=False)
    print_plan(doc, console, with_header=False)


@history_app.command(
    help=_("Delete a screening, or all of a child's, for good (the data is erased from disk).")
)
def delete(
    screening_id: Annotated[
        int | None, typer.Argument(metavar="[NUMBER]", help=_("The screening to delete."))
    ] = None,
    child: Annotated[
        str | None,
        typer.Option("--child", metavar="NAME", help=_("Delete every screening of this child.")),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", help=_("Do not ask for confirmation."))] = False,
    lang: Lang = None,
) -> None:
    from ottool.cli.common import fail, user_errors
    from ottool.history import delete_child, delete_screening, get_screening, list_screenings
    from ottool.printable import printable

    if (screening_id is None) == (child is None):
        fail(_("give either a screening NUMBER or --child NAME to delete"))
    with user_errors():
        if screening_id is not None:
            saved = get_screening(screening_id)
            if saved.child:
                question = _("Delete screening {number} of {child} from {date}?")
            else:
                question = _("Delete screening {number} from {date}?")
            question = question.format(number=screening_id, child=saved.child, date=saved.date)
            _confirm(printable(question), yes)
            notes: list[str] = []
            delete_screening(screening_id, notes=notes)
            typer.echo(_("Deleted screening {number}.").format(number=screening_id))
            _echo_notes(notes)
            return
        assert child is not None
        count = len(list_screenings(child))
        if not count:
            fail(_no_child_message(child))
        question = ngettext(
            "Delete {count} screening of {child}?", "Delete {count} screenings of {child}?", count
        )
        _confirm(printable(question.format(count=count, child=child)), yes)
        notes = []
        deleted = delete_child(child, notes=notes)
        done = ngettext(
            "Deleted {count} screening of {child}.",
            "Deleted {count} screenings of {child}.",
            deleted,
        )
        typer.echo(printable(done.format(count=deleted, child=child)))
        _echo_notes(notes)


@history_app.command(
    "export",
    help=_(
        "Write the saved screenings to a JSON Lines file, e.g. to move them to another computer."
    ),
)
def export_history(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            metavar="FILE",
            help=_("The JSON Lines file to write (private to you); - for stdout."),
        ),
    ],
    child: Annotated[
        str | None, typer.Option("--child", metavar="NAME", help=_("Only this child's screenings."))
    ] = None,
    fmt: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            help=_("jsonl (for `history import`) or fhir (a FHIR R4 Bundle a line, for clinics)."),
        ),
    ] = ExportFormat.jsonl,
    data_dir: DataDirOption = None,
    force: Annotated[
        bool, typer.Option("--force", help=_("Replace the output file if it exists."))
    ] = False,
    lang: Lang = None,
) -> None:
    from ottool.atomic_write import OutputExists, check_output, is_stdout
    from ottool.cli.common import fail, user_errors
    from ottool.history import list_screenings
    from ottool.history.transfer import export_jsonl
    from ottool.printable import printable

    with user_errors():
        try:
            check_output(output, force=force)
        except OutputExists as exists:
            force = _confirm_replace(output, exists)
        if child is not None and not list_screenings(child):
            fail(_no_child_message(child))
    if fmt is ExportFormat.fhir:
        from ottool.cli.fhir import export_history_fhir

        count = export_history_fhir(output, child, data_dir, force=force)
    else:
        left_out: list[int] = []
        with user_errors():
            count = export_jsonl(output, child, force=force, left_out=left_out)
        for number in left_out:
            _echo_notes([_damaged_message(number) + _(", so it was left out of the export")])
    where = _("standard output") if is_stdout(output) else output
    # With --output - the screenings are on stdout, so the report goes to stderr.
    message = ngettext(
        "Exported {count} screening to {where}.", "Exported {count} screenings to {where}.", count
    ).format(count=count, where=where)
    typer.echo(printable(message), err=is_stdout(output))


@history_app.command(
    "import", help=_("Add the screenings of an exported file; ones already saved are skipped.")
)
def import_history(
    source: Annotated[
        Path, typer.Argument(metavar="FILE", help=_("A file from `history export`."))
    ],
    lang: Lang = None,
) -> None:
    from ottool.cli.common import user_errors
    from ottool.history.transfer import import_jsonl

    with user_errors():
        added, skipped = import_jsonl(source)
    message = ngettext("Imported {count} screening", "Imported {count} screenings", added)
    message = message.format(count=added)
    if skipped:
        message += ngettext(
            "; {count} already saved was skipped", "; {count} already saved were skipped", skipped
        ).format(count=skipped)
    typer.echo(message + ".")


# --------------------------------------------------------------------------- helpers


def save_results(
    result_data: dict[str, Any], answers_data: dict[str, Any], content_version: str
) -> int:
    """Save a screening's results and return its number; what Ctrl-C says stays true.

    Ctrl-C can land just after SQLite committed, before ottool could note it: then the
    history itself is asked whether the result is there.
    """
    from ottool.error_handler import on_interrupt
    from ottool.history import save_screening, saved_number

    try:
        number = save_screening(result_data, answers_data, content_version)
        on_interrupt(_("the results were saved as screening {number}").format(number=number))
    except KeyboardInterrupt:
        found = saved_number(result_data)
        if found is not None:
            on_interrupt(_("the results were saved as screening {number}").format(number=found))
        raise
    return number


def _confirm(question: str, yes: bool) -> None:
    from ottool.cli.common import fail

    if yes:
        return
    if not sys.stdin.isatty():
        fail(_("nothing deleted: there is no terminal to ask for confirmation; add --yes"))
    if not typer.confirm(
        _("{question} This cannot be undone.").format(question=question), default=False
    ):
        typer.echo(_("Nothing deleted."))
        raise typer.Exit(0)


def _damaged_message(number: int) -> str:
    return _("saved screening {number} is damaged (what was stored cannot be read)").format(
        number=number
    )


def _echo_notes(notes: list[str]) -> None:
    for note in notes:
        typer.echo(_("ottool: note: {note}.").format(note=note), err=True)


def _confirm_replace(output: Path, exists: InputError) -> bool:
    """Ask before replacing an existing file (a backup, maybe); refuse with no one to ask."""
    if not sys.stdin.isatty():
        raise exists
    if not typer.confirm(
        _("{file} already exists. Replace it?").format(file=output), default=False
    ):
        typer.echo(_("Nothing exported."))
        raise typer.Exit(0)
    return True


def _no_screenings(child: str | None, fmt: HistoryFormat) -> None:
    from ottool.cli.common import fail, user_errors
    from ottool.history import list_screenings

    if child is not None:
        with user_errors():
            anyone = list_screenings()
        if anyone:
            fail(_no_child_message(child))
    if fmt is HistoryFormat.json:
        from ottool.history.saved import history_list

        _echo_json(history_list(child, []))
    else:
        typer.echo(_(EMPTY))


def _no_child_message(child: str) -> str:
    from ottool.errors import did_you_mean
    from ottool.history import children

    names = children()
    message = _("there are no saved screenings for '{child}'").format(child=child)
    if names:
        known = _(" (children in the history: {names})").format(names=", ".join(names))
        message += did_you_mean(child, names) + known
    return message


#: Screenings a page in the terminal list.
PAGE_SIZE = 50


def _print_page(limit: int, page: int, fmt: HistoryFormat) -> None:
    """One page of the list, newest first, and how to see more."""
    from ottool.cli.common import user_errors
    from ottool.history.listing import latest_screenings

    with user_errors():
        screenings, total = latest_screenings(limit, page)
    if not total:
        _no_screenings(None, fmt)
        return
    if fmt is HistoryFormat.json:
        from ottool.history.saved import history_list

        _echo_json(history_list(None, screenings))
        return
    from ottool.render.console import make_console
    from ottool.render.history import print_history

    print_history(screenings, make_console(), total=total, first=limit * (page - 1) + 1)
    if limit * page < total:
        more = _("Newest first; see older ones with `ottool history --page {page}`.")
        typer.echo(more.format(page=page + 1))


def _print_list(screenings: list[SavedScreening], fmt: HistoryFormat) -> None:
    if fmt is HistoryFormat.json:
        from ottool.history.saved import history_list

        _echo_json(history_list(None, screenings))
        return
    from ottool.render.console import make_console
    from ottool.render.history import print_history

    print_history(screenings, make_console())


def _print_progress(
    child: str, screenings: list[SavedScreening], fmt: HistoryFormat, data_dir: Path | None
) -> None:
    from ottool.history.progress import changes_since_previous

    changes = changes_since_previous(screenings)
    name = next((s.child for s in reversed(screenings) if s.child), child)
    if fmt is HistoryFormat.json:
        from ottool.history.saved import history_list

        _echo_json(history_list(name, screenings, changes))
        return
    from ottool.render.console import make_console
    from ottool.render.history import print_progress

    print_progress(name, screenings, _area_names(screenings, data_dir), changes, make_console())


def _area_names(screenings: list[SavedScreening], data_dir: Path | None) -> dict[str, str]:
    """Area id → name, in content order; ids the content lacks keep their id as name."""
    from ottool.content import load_content
    from ottool.errors import InputError
    from ottool.i18n import language

    try:
        # The names in the run's language, as in every other table of the same screenings.
        known = {d.id: d.name for d in load_content(data_dir, lang=language()).domains}
    except InputError:
        known = {}  # the history can still be shown, with area ids
    seen = {a for s in screenings for a in s.domain_statuses}
    names = {a: n for a, n in known.items() if a in seen}
    for s in screenings:
        for a in s.domain_statuses:
            names.setdefault(a, a)
    return names


def _rebuild(
    saved: SavedScreening, content: Content, region: str | None = None
) -> tuple[ScreeningResult, PlanDocument]:
    """The saved result and its plan document, rebuilt with the current content (and
    ``region``'s words when one is given)."""
    from dataclasses import replace

    from ottool.plan_document import build_plan_document
    from ottool.result_json import result_from_data

    result, plan = result_from_data(saved.result, content, f"saved screening {saved.id}")
    if region is not None:
        result = replace(result, region=region)
    return result, build_plan_document(content, plan, result=result)


def _echo_json(data: dict[str, Any]) -> None:
    from ottool.printable import json_text

    typer.echo(json_text(data))
