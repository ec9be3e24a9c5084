"""`ottool checklist`: a blank checklist to print, or an answer file to fill in."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from ottool.cli.common import (
    ChecklistFormat,
    ClinicOption,
    DataDir,
    ForceOption,
    Lang,
    OldAgeOption,
    PaperOption,
    RegionOption,
    clinic,
    emit,
    fail,
    load,
    paper_for,
    refuse_to_replace,
    region_for,
    shown,
    user_errors,
)
from ottool.core.i18n import _
from ottool.storage.atomic_write import is_stdout


def checklist(
    months: Annotated[
        float | None,
        typer.Option(
            "--age-months",
            metavar="MONTHS",
            min=0,
            max=60,
            help=_("The child's age in months: the checklist for that age (such as 12)."),
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ChecklistFormat | None,
        typer.Option(
            "--format",
            help=_(
                "pdf, html or md (a checklist to print), or yaml (an answer file to fill in "
                "for `ottool screen --answers`); default: from --output's name, else md."
            ),
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", metavar="FILE", help=_("Write it to this file."))
    ] = None,
    force: ForceOption = False,
    born: Annotated[
        str | None,
        typer.Option(
            "--born",
            metavar="DATE",
            help=_(
                "The child's birth date (YYYY-MM-DD), instead of --age-months: the checklist "
                "for the child's age today (corrected for prematurity with "
                "--gestational-weeks), and an answer file filled in with it."
            ),
        ),
    ] = None,
    weeks: Annotated[
        int | None,
        typer.Option(
            "--gestational-weeks",
            metavar="WEEKS",
            min=22,
            max=44,
            help=_("Weeks of pregnancy at birth, with --born, for a baby born early."),
        ),
    ] = None,
    paper: PaperOption = None,
    region: RegionOption = None,
    data_dir: DataDir = None,
    clinic_file: ClinicOption = None,
    lang: Lang = None,
    old_months: OldAgeOption = None,
) -> None:
    from ottool import session
    from ottool.render.checklist import render_checklist

    age = months if months is not None else old_months
    if age is not None and born is not None:
        fail(_("give --age-months or --born, not both"))
    if weeks is not None and born is None:
        fail(_("--gestational-weeks goes with --born (the child's birth date)"))
    if age is None and born is None:
        fail(_("give the child's age: --age-months N (such as --age-months 12)"))
    output = None if is_stdout(output) else output
    kind = _format(fmt, output)
    refuse_to_replace(output, force)
    content = load(data_dir)
    the_clinic = clinic()
    with user_errors():
        said = None
        if born is not None:
            age, said = _age_today(born, weeks)
        assert age is not None
        doc = session.checklist(content, age, clinic=the_clinic, region=region_for(content, region))
        if said is not None:
            typer.echo(
                _("ottool: note: the checklist for an age of {age}.").format(age=said), err=True
            )
        if born is not None:
            doc = replace(doc, born=born.strip(), weeks=weeks)
        notes: list[str] = []
        rendered = render_checklist(
            doc, kind, paper=paper_for(paper.value if paper else None), notes=notes
        )
    for note in notes:
        typer.echo(_("ottool: note: {note}.").format(note=note), err=True)
    emit(
        rendered,
        output,
        force=force,
        private=False,
        written=_("The {months}-month checklist was written to {file}.").format(
            months=doc.months, file="{file}"
        ),
        not_on_a_terminal=_("a PDF cannot be shown in the terminal; add --output checklist.pdf"),
    )


def _age_today(born: str, weeks: int | None) -> tuple[float, str]:
    """The age used today (corrected for prematurity when it applies) of a child born on
    ``born``, in months and in words."""
    import datetime as dt

    from ottool.cli.child_options import read_date
    from ottool.core.age import FULL_TERM_WEEKS, age_in_words, age_on

    birth = read_date(born, "--born")
    assert birth is not None
    today = dt.date.today()
    age = age_on(birth, today, weeks or FULL_TERM_WEEKS, today=today)
    said = age_in_words(age.used)
    if age.corrected:
        said = _("{age} (corrected for prematurity)").format(age=said)
    return age.used_months, said


def _format(fmt: ChecklistFormat | None, output: Path | None) -> str:
    """--format, else --output's ending, else Markdown; a contradiction is refused."""
    from ottool.render.registry import CHECKLIST_FORMATS, format_for, suffix_format

    if fmt is not None:
        named = suffix_format(output, CHECKLIST_FORMATS) if output is not None else None
        if named is not None and named != fmt.value:
            fail(
                _("--format {format} does not match {file}: its name says {named}").format(
                    format=fmt.value, file=shown(output) if output else "", named=named
                )
            )
        return fmt.value
    if output is None:
        return "md"
    with user_errors():
        return format_for(output, CHECKLIST_FORMATS)
    raise AssertionError("unreachable")  # pragma: no cover
