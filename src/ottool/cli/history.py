"""`ottool history`: list, show, compare, delete, export and import saved screenings.

Imported by the command line at start-up, so only Typer and the standard library are imported
here at module level; SQLite, Rich and the rest load inside the commands.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ottool.cli.child_options import ChildIdOption, read_child_id
from ottool.cli.common import DataDir as DataDirOption
from ottool.cli.common import ExportFormat, Lang, RegionOption
from ottool.cli.common import ListFormat as HistoryFormat
from ottool.core.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from ottool.core.content import Content
    from ottool.core.errors import InputError
    from ottool.core.screening import ScreeningResult
    from ottool.documents.plan_document import PlanDocument
    from ottool.storage.history.plans import SavedPlan
    from ottool.storage.history.saved import SavedScreening

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


FormatOption = Annotated[
    HistoryFormat, typer.Option("--format", help=_("text (for people) or json."))
]
#: --born: which child of a name, when two children share it.
BornOption = Annotated[
    str | None,
    typer.Option(
        "--born",
        metavar="DATE",
        help=_("The child's birth date (YYYY-MM-DD), when two children share a name."),
    ),
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
    child_id: ChildIdOption = None,
    fmt: FormatOption = HistoryFormat.text,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit",
            metavar="N",
            min=1,
            max=100_000,
            help=_("Screenings a page, newest first (default: 20; all with --format json)."),
        ),
    ] = None,
    page: Annotated[
        int,
        typer.Option("--page", metavar="N", min=1, help=_("Which page of --limit to show.")),
    ] = 1,
    data_dir: DataDirOption = None,
    lang: Lang = None,
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from ottool.cli.common import fail, user_errors

    if child is None and (fmt is HistoryFormat.text or limit is not None or page > 1):
        _print_page(limit or PAGE_SIZE, page, fmt, data_dir)
        return
    from ottool.storage.history import list_screenings
    from ottool.storage.history.plans import list_plans

    given_id = read_child_id(child_id)
    if given_id is not None and child is None:
        fail(_("--child-id chooses among the children called --child NAME; add --child"))
    with user_errors():
        if child is not None:
            child, born, given_id = _which_child(child, born, given_id)
        screenings = list_screenings(child, born=born, child_id=given_id)
        plans = list_plans(child, born=born, child_id=given_id)
    if not screenings and not plans:
        _no_screenings(child, fmt)
        return
    if child is None:
        _print_list(screenings, plans, fmt, data_dir)
    else:
        _print_progress(child, born, screenings, plans, fmt, data_dir)


@history_app.command(help=_("Show a saved screening as it was shown when it was made."))
def show(
    screening_id: Annotated[
        int, typer.Argument(metavar="NUMBER", help=_("The screening's number."))
    ],
    fmt: FormatOption = HistoryFormat.text,
    region: RegionOption = None,
    data_dir: DataDirOption = None,
    lang: Lang = None,
) -> None:
    from ottool.cli.common import user_errors
    from ottool.storage.history import get_screening

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
        from ottool.core.printable import json_text

        typer.echo(json_text(saved.result))
        return
    from ottool.cli.common import load
    from ottool.core.errors import InputError
    from ottool.render.console import make_console
    from ottool.render.history import print_saved_header, print_saved_summary
    from ottool.render.terminal import print_plan, print_result

    content = load(data_dir)
    if region is not None:
        from ottool.core.region import choose_region

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
    _given_from(saved.id, console)


def _given_from(screening_id: int, console: Any) -> None:
    """The plans a therapist gave from this screening: the plan above is the tool's own."""
    from rich.markup import escape

    from ottool.storage.history.plans import list_plans

    given = [p.id for p in list_plans() if p.screening_id == screening_id]
    if not given:
        return
    words = ngettext(
        "The plan given from this screening is plan {numbers}: see it with {command}.",
        "The plans given from this screening are plans {numbers}: see one with {command}.",
        len(given),
    ).format(
        numbers=", ".join(str(n) for n in given),
        command=f"`ottool plan --from-plan {given[-1]}`",
    )
    console.print()
    console.print(f"[bold]{escape(words)}[/bold]")


@history_app.command(
    help=_(
        "Delete a screening, a plan given, or all of a child's, for good (the data is "
        "erased from disk)."
    )
)
def delete(
    screening_id: Annotated[
        int | None,
        typer.Argument(
            metavar="[NUMBER]",
            help=_("The screening to delete (with the plans given from it)."),
        ),
    ] = None,
    child: Annotated[
        str | None,
        typer.Option(
            "--child",
            metavar="NAME",
            help=_("Delete everything of this child: screenings, plans given and practice."),
        ),
    ] = None,
    born: BornOption = None,
    plan: Annotated[
        int | None,
        typer.Option("--plan", metavar="N", help=_("Delete one plan given (its number).")),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", help=_("Do not ask for confirmation."))] = False,
    lang: Lang = None,
) -> None:
    from ottool.cli.common import fail, user_errors

    if [screening_id, child, plan].count(None) != 2:
        fail(_("give one of a screening NUMBER, --plan N or --child NAME to delete"))
    with user_errors():
        if screening_id is not None:
            _delete_screening(screening_id, yes)
        elif plan is not None:
            _delete_plan(plan, yes)
        else:
            assert child is not None
            _delete_child(child, born, yes)


def _delete_screening(screening_id: int, yes: bool) -> None:
    """Delete one screening and the plans given from it, after asking."""
    from ottool.core.printable import printable
    from ottool.storage.history import delete_screening, get_screening, plans_given_from

    saved = get_screening(screening_id)
    plans = plans_given_from(screening_id)
    if saved.child:
        question = _("Delete screening {number} of {child} from {date}?")
    else:
        question = _("Delete screening {number} from {date}?")
    question = question.format(number=screening_id, child=saved.child, date=saved.date)
    if plans:
        question += " " + ngettext(
            "Plan {numbers}, given from it, holds its answers and is deleted too.",
            "Plans {numbers}, given from it, hold its answers and are deleted too.",
            len(plans),
        ).format(numbers=", ".join(str(n) for n in plans))
    _confirm(printable(question), yes)
    notes: list[str] = []
    delete_screening(screening_id, notes=notes)
    done = _("Deleted screening {number}.").format(number=screening_id)
    if plans:
        done += " " + ngettext(
            "Deleted plan {numbers}, given from it.",
            "Deleted plans {numbers}, given from it.",
            len(plans),
        ).format(numbers=", ".join(str(n) for n in plans))
    typer.echo(done)
    _echo_notes(notes)


def _delete_plan(number: int, yes: bool) -> None:
    """Delete one plan given, after asking."""
    from ottool.core.printable import printable
    from ottool.storage.history import delete_plan
    from ottool.storage.history.plans import get_plan

    saved = get_plan(number)
    if saved.child:
        question = _("Delete plan {number} given to {child} on {date}?")
    else:
        question = _("Delete plan {number} given on {date}?")
    question = question.format(number=number, child=saved.child, date=saved.given_on)
    _confirm(printable(question), yes)
    notes: list[str] = []
    delete_plan(number, notes=notes)
    typer.echo(_("Deleted plan {number}.").format(number=number))
    _echo_notes(notes)


def _delete_child(child: str, born: str | None, yes: bool) -> None:
    """Delete every screening, plan given and practice of a child, after asking."""
    from ottool.cli.common import fail
    from ottool.core.printable import printable
    from ottool.storage.history import child_records, delete_child

    child, born, _id = _which_child(child, born)
    found = child_records(child, born=born)
    if not found.screenings and not found.plans:
        fail(_no_child_message(child))
    question = _("Delete {records} of {child}?").format(records=_records(found), child=child)
    _confirm(printable(question), yes)
    notes: list[str] = []
    deleted = delete_child(child, born=born, notes=notes)
    done = _("Deleted {records} of {child}.").format(records=_records(deleted), child=child)
    typer.echo(printable(done))
    _echo_notes(notes)


def _records(found: Any) -> str:
    """ "2 screenings, 1 plan given and 3 practices logged": what a child has (only the
    kinds they have)."""
    kinds = [
        (found.screenings, ngettext("{count} screening", "{count} screenings", found.screenings)),
        (found.plans, ngettext("{count} plan given", "{count} plans given", found.plans)),
        (
            found.practice,
            ngettext("{count} practice logged", "{count} practices logged", found.practice),
        ),
    ]
    parts = [words.format(count=n) for n, words in kinds if n] or [kinds[0][1].format(count=0)]
    if len(parts) == 1:
        return parts[0]
    return _("{these} and {last}").format(these=", ".join(parts[:-1]), last=parts[-1])


@history_app.command(
    "export",
    help=_(
        "Write the saved screenings, plans given and practice to a JSON Lines file, e.g. to "
        "move them to another computer."
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
    born: BornOption = None,
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
    from ottool.cli.common import fail, user_errors
    from ottool.core.printable import printable
    from ottool.storage.atomic_write import OutputExists, check_output, is_stdout
    from ottool.storage.history import list_screenings
    from ottool.storage.history.transfer import export_jsonl

    with user_errors():
        try:
            check_output(output, force=force)
        except OutputExists as exists:
            force = _confirm_replace(output, exists)
        if child is not None:
            child, born, _id = _which_child(child, born)
            if not list_screenings(child, born=born):
                fail(_no_child_message(child))
    also = ""
    if fmt is ExportFormat.fhir:
        from ottool.cli.fhir import export_history_fhir

        count = export_history_fhir(output, child, data_dir, force=force, born=born)
    else:
        left_out: list[int] = []
        with user_errors():
            moved = export_jsonl(output, child, born=born, force=force, left_out=left_out)
        count, also = moved.added, _also(moved.plans, moved.practice)
        for number in left_out:
            _echo_notes([_damaged_message(number) + _(", so it was left out of the export")])
    where = _("standard output") if is_stdout(output) else output
    # With --output - the screenings are on stdout, so the report goes to stderr.
    message = ngettext(
        "Exported {count} screening{also} to {where}.",
        "Exported {count} screenings{also} to {where}.",
        count,
    ).format(count=count, where=where, also=also)
    typer.echo(printable(message), err=is_stdout(output))


@history_app.command(
    "import",
    help=_(
        "Add the screenings, plans given and practice of an exported file; "
        "ones already saved are skipped."
    ),
)
def import_history(
    source: Annotated[
        Path, typer.Argument(metavar="FILE", help=_("A file from `history export`."))
    ],
    data_dir: DataDirOption = None,
    lang: Lang = None,
) -> None:
    from ottool.cli.common import load, user_errors
    from ottool.storage.history.transfer import import_jsonl

    content = load(data_dir)
    with user_errors():
        moved = import_jsonl(source, content=content)
    added, skipped = moved.added, moved.skipped
    message = ngettext("Imported {count} screening", "Imported {count} screenings", added)
    message = message.format(count=added) + _also(moved.plans, moved.practice)
    skipped += moved.plans_skipped + moved.practice_skipped
    if skipped:
        message += ngettext(
            "; {count} already saved was skipped", "; {count} already saved were skipped", skipped
        ).format(count=skipped)
    typer.echo(message + ".")


def _also(plans: int, practice: int) -> str:
    """ ", 2 plans given and 14 practices logged": what came with the screenings."""
    parts = []
    if plans:
        parts.append(ngettext("{count} plan given", "{count} plans given", plans))
    if practice:
        parts.append(ngettext("{count} practice logged", "{count} practices logged", practice))
    words = [
        p.format(count=n) for p, n in zip(parts, [n for n in (plans, practice) if n], strict=True)
    ]
    if not words:
        return ""
    return _(" with {things}").format(things=_(" and ").join(words))


# --------------------------------------------------------------------------- helpers


def _confirm(question: str, yes: bool) -> None:
    from ottool.cli.common import fail

    if yes:
        return
    if not sys.stdin.isatty():
        fail(_("nothing deleted: there is no terminal to ask for confirmation; add --yes"))
    if not _ask(_("{question} This cannot be undone.").format(question=question)):
        typer.echo(_("Nothing deleted."))
        raise typer.Exit(0)


def _ask(question: str) -> bool:
    """A yes-or-no question, no by default. Ctrl-C (or the end of input) is ottool's own
    interruption, exit 130 saying nothing was changed, not Click's "Aborted."."""
    import click

    try:
        return typer.confirm(question, default=False)
    except (click.exceptions.Abort, typer.Abort):  # Typer's own Abort is not Click's
        raise KeyboardInterrupt from None


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
    if not _ask(_("{file} already exists. Replace it?").format(file=output)):
        typer.echo(_("Nothing exported."))
        raise typer.Exit(0)
    return True


def _no_screenings(child: str | None, fmt: HistoryFormat) -> None:
    from ottool.cli.common import fail, user_errors
    from ottool.storage.history import list_screenings

    if child is not None:
        with user_errors():
            anyone = list_screenings()
        if anyone:
            fail(_no_child_message(child))
    if fmt is HistoryFormat.json:
        from ottool.storage.history.saved import history_list

        _echo_json(history_list(child, []))
    else:
        typer.echo(_(EMPTY))


def _which_child(
    name: str, born: str | None, child_id: str | None = None
) -> tuple[str, str | None, str | None]:
    """The child a --child NAME (and --born DATE, --child-id ID) means: a name two
    children share is an error that lists them with their birth dates (and ids). A name
    nobody has is left as it is, for the command's own "no screenings for" message."""
    from ottool.storage.history.identity import children, find_child
    from ottool.storage.history.saved import child_key

    if not any(child_key(c.name) == child_key(name) for c in children()):
        return name, born, child_id
    found = find_child(name, born, child_id)
    return found.name, found.born, found.child_id or None


def _no_child_message(child: str) -> str:
    from ottool.core.errors import did_you_mean
    from ottool.storage.history import children

    names = children()
    message = _("there are no saved screenings for '{child}'").format(child=child)
    if names:
        known = _(" (children in the history: {names})").format(names=", ".join(names))
        message += did_you_mean(child, names) + known
    return message


#: Screenings a page in the terminal list.
PAGE_SIZE = 20


def _print_page(limit: int, page: int, fmt: HistoryFormat, data_dir: Path | None) -> None:
    """One page of the list, newest first, the plans given after the first page's table,
    and how to see more."""
    from ottool import session
    from ottool.cli.common import user_errors
    from ottool.storage.history.plans import list_plans

    with user_errors():
        found = session.history_page(limit, page)
        plans = list_plans() if page == 1 else []
    if not found.total and not plans:
        _no_screenings(None, fmt)
        return
    if fmt is HistoryFormat.json:
        from ottool.storage.history.saved import history_list

        _echo_json(history_list(None, found.screenings, plans=plans))
        return
    from ottool.render.console import make_console
    from ottool.render.history import print_history, print_plans

    console = make_console()
    if found.screenings:
        print_history(found.screenings, console, total=found.total, first=found.first)
    elif found.total:
        message = _("There is no page {page}: {count} screenings make {pages} pages of {limit}.")
        pages = -(-found.total // limit)
        typer.echo(message.format(page=page, count=found.total, pages=pages, limit=limit))
    if found.more:
        more = _("See older ones with `ottool history --page {page}`.")
        console.print(f"[muted]{more.format(page=page + 1)}[/muted]")
    if plans:
        console.print()
        print_plans(plans, _activity_names(data_dir), console)


def _print_list(
    screenings: list[SavedScreening],
    plans: list[SavedPlan],
    fmt: HistoryFormat,
    data_dir: Path | None,
) -> None:
    if fmt is HistoryFormat.json:
        from ottool.storage.history.saved import history_list

        _echo_json(history_list(None, screenings, plans=plans))
        return
    from ottool.render.console import make_console
    from ottool.render.history import print_history, print_plans

    console = make_console()
    if screenings:
        print_history(screenings, console)
    if plans:
        console.print()
        print_plans(plans, _activity_names(data_dir), console)


def _print_progress(
    child: str,
    born: str | None,
    screenings: list[SavedScreening],
    plans: list[SavedPlan],
    fmt: HistoryFormat,
    data_dir: Path | None,
) -> None:
    """One child's screenings side by side, and the plans given beside them."""
    from ottool.storage.history.progress import changes_since_previous

    changes = changes_since_previous(screenings)
    name = next((s.child for s in reversed(screenings) if s.child), child)
    if fmt is HistoryFormat.json:
        from ottool.storage.history.saved import history_list

        _echo_json(history_list(name, screenings, changes, plans=plans, birth_date=born))
        return
    from ottool.render.console import make_console
    from ottool.render.history import print_plans, print_progress

    console = make_console()
    if screenings:
        areas = _area_names(screenings, data_dir)
        print_progress(name, screenings, areas, changes, console)
    if plans:
        console.print()
        print_plans(plans, _activity_names(data_dir), console)


def _activity_names(data_dir: Path | None) -> dict[str, str]:
    """Activity id → name in the run's language; empty when the content cannot be read."""
    from ottool.core.content import load_content
    from ottool.core.errors import InputError
    from ottool.core.i18n import language

    try:
        return {a.id: a.name for a in load_content(data_dir, lang=language()).activities}
    except InputError:
        return {}


def _area_names(screenings: list[SavedScreening], data_dir: Path | None) -> dict[str, str]:
    """Area id → name, in content order; ids the content lacks keep their id as name."""
    from ottool.core.content import load_content
    from ottool.core.errors import InputError
    from ottool.core.i18n import language

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

    from ottool import session

    entry = session.read_back(saved, content)
    result = entry.result if region is None else replace(entry.result, region=region)
    return result, session.shown_again(entry, content, region)


def _echo_json(data: dict[str, Any]) -> None:
    from ottool.core.printable import json_text

    typer.echo(json_text(data))
