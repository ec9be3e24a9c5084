"""`ottool summary`: one page for the child's doctor (text, md, html, pdf or json)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from ottool.cli.child_options import BornOption, ChildIdOption, read_child_id, read_date
from ottool.cli.common import (
    ClinicOption,
    DataDir,
    ExtraData,
    ForceOption,
    Lang,
    PaperOption,
    SummaryFormat,
    clinic,
    fail,
    load,
    paper_for,
    refuse_to_replace,
    shown,
    user_errors,
)
from ottool.core.i18n import _
from ottool.core.printable import printable


def summary(
    child: Annotated[
        str | None,
        typer.Option(
            "--child",
            metavar="NAME",
            help=_("The child (default: the only child in the history)."),
            show_default=False,
        ),
    ] = None,
    born: BornOption = None,
    child_id: ChildIdOption = None,
    fmt: Annotated[
        SummaryFormat | None,
        typer.Option(
            "--format",
            help=_("text, md, html, pdf or json (default: from --output's name, else text)."),
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", metavar="FILE", help=_("Write the summary to this file.")),
    ] = None,
    force: ForceOption = False,
    paper: PaperOption = None,
    data_dir: DataDir = None,
    extra: ExtraData = None,
    clinic_file: ClinicOption = None,
    lang: Lang = None,
) -> None:
    from ottool.render.registry import SUMMARY_FORMATS, suffix_format
    from ottool.session import summary as write_summary
    from ottool.storage.atomic_write import is_stdout

    target = None if output is None or is_stdout(output) else output
    kind = fmt.value if fmt is not None else None
    if target is not None:
        named = suffix_format(target, SUMMARY_FORMATS)
        if kind is None and named is None:
            endings = ", ".join(f".{f}" for f in ("txt", "md", "html", "pdf", "json"))
            fail(
                _(
                    "cannot tell which format to write {file} in: its name should end in one "
                    "of {allowed}, or give --format"
                ).format(file=shown(target), allowed=endings)
            )
        kind = kind or named
    kind = kind or "text"
    if target is None and kind == "pdf" and sys.stdout.isatty():
        fail(_("a PDF cannot be shown in the terminal; add --output summary.pdf"))
    birth = read_date(born, "--born")
    given_id = read_child_id(child_id)
    refuse_to_replace(target, force)
    content = load(data_dir)
    the_clinic = clinic()
    notes: list[str] = []
    with user_errors():
        document = write_summary(
            content,
            target or Path("-"),
            child=child,
            born=None if birth is None else birth.isoformat(),
            child_id=given_id,
            fmt=kind,
            paper=paper_for(paper.value if paper else None),
            force=force,
            clinic=the_clinic,
            notes=notes,
        )
    for note in notes:
        typer.echo(_("ottool: note: {note}.").format(note=note), err=True)
    if target is not None:
        typer.echo(
            _("The summary for {child} was written to {file}.").format(
                child=printable(document.facts.name or "?"), file=shown(target)
            ),
            err=True,
        )
