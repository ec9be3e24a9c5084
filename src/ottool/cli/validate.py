"""`ottool validate`: check the content files, every problem with its file and line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ottool.cli.common import (
    ClinicOption,
    ContentLanguage,
    DataDir,
    ExtraData,
    Lang,
    ListFormat,
    ListFormatOption,
)
from ottool.core.i18n import LANGUAGES, _, ngettext

if TYPE_CHECKING:
    pass


def validate(
    ctx: typer.Context,
    data_dir: DataDir = None,
    fmt: ListFormatOption = ListFormat.text,
    language: Annotated[
        ContentLanguage | None,
        typer.Option(
            "--language",
            metavar="LANG",
            help=_("Also report every text without a translation in LANG: {languages}.").format(
                languages=", ".join(LANGUAGES)
            ),
        ),
    ] = None,
    extra: ExtraData = None,
    clinic_file: ClinicOption = None,
    lang: Lang = None,
) -> None:
    from ottool import session
    from ottool.cli.common import LANG_GIVEN, clinic, extra_data
    from ottool.core.content import DEFAULT_LANGUAGE

    complete_in = language.value if language else None
    given = ctx.meta.get(LANG_GIVEN)
    if complete_in is None and given not in (None, DEFAULT_LANGUAGE):
        # `validate --lang es` checks the Spanish texts, as `--language es` does: the
        # two options cannot mean different things to a content editor.
        complete_in = given
    # Only a clinic file or overlay named here is checked (not the config folder's):
    # validate checks what it is shown, and a content editor's run stays the same.
    the_clinic = clinic(default=False)
    overlay = extra_data(default=False)
    report = session.check_content(
        data_dir, complete_in=complete_in, extra=overlay, clinic=the_clinic
    )
    _note_local_content(data_dir)
    if fmt is ListFormat.json:
        from ottool.render.validation import report_json

        typer.echo(report_json(report))
        raise typer.Exit(0 if report.content else 1)
    from ottool.core.printable import printable

    if report.content is None:
        from ottool.cli.error_handler import print_problems

        print_problems(list(report.errors))  # file:line: first, else ottool:
        count = len(report.errors)
        typer.echo(
            ngettext("{count} problem found.", "{count} problems found.", count).format(
                count=count
            ),
            err=True,
        )
        raise typer.Exit(1)
    from ottool.render.console import make_console
    from ottool.render.validation import print_summary

    print_summary(report, make_console(), language=complete_in)
    from ottool.core.content import display_path, resolve_data_dir

    folder = printable(display_path(resolve_data_dir(data_dir)))
    typer.echo(_("Checked the files in {folder}/.").format(folder=folder))
    if the_clinic is not None:
        typer.echo(_("The clinic file is valid: {name}.").format(name=printable(the_clinic.name)))
    if report.content.extra_data is not None:
        from ottool.render.browse import overlay_file

        count = len(report.content.extra_activities)
        typer.echo(
            ngettext(
                "The clinic's {file} adds {n} activity.",
                "The clinic's {file} adds {n} activities.",
                count,
            ).format(file=printable(overlay_file(report.content)), n=count)
        )


def _note_local_content(data_dir: Path | None) -> None:
    """An editor in a clone who runs plain `ottool validate` checks another copy: say so."""
    import os

    from ottool.core.content import MILESTONES_FILE, resolve_data_dir

    local = Path("data")
    if data_dir is not None or not (local / MILESTONES_FILE).is_file():
        return
    if local.resolve() == resolve_data_dir(None).resolve():
        return
    checked = "OTTOOL_DATA_DIR" if os.environ.get("OTTOOL_DATA_DIR") else _("the installed content")
    note = _(
        "this folder has its own data/, but ottool checked {checked}; use --data-dir data to "
        "check your copy"
    ).format(checked=checked)
    typer.echo(_("ottool: note: {note}.").format(note=note), err=True)
