"""`ottool fhir`, and the FHIR output of `screen --format fhir` and `history export`.

Imported by the command line at start-up, so only Typer and the standard library load here at
module level; the FHIR shapes (msgspec) load inside the commands.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ottool.cli.common import DataDir, Lang, user_errors
from ottool.i18n import _

if TYPE_CHECKING:
    from ottool.content import Content

fhir_app = typer.Typer(
    help=_(
        "FHIR R4 for clinics: the checklists as Questionnaires for forms tools and "
        "clinic record systems. See also `screen --format fhir` and "
        "`history export --format fhir`."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@fhir_app.command(
    help=_("Write a checklist as a FHIR R4 Questionnaire (or every checklist as a Bundle).")
)
def questionnaire(
    months: Annotated[
        int | None,
        typer.Option(
            "--months",
            metavar="N",
            help=_("Only the checklist at this age (months); without it, all in one Bundle."),
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", metavar="FILE", help=_("Write the JSON to this file.")),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help=_("Replace the output file if it exists."))
    ] = False,
    data_dir: DataDir = None,
    lang: Lang = None,
) -> None:
    from ottool import fhir
    from ottool.content import load_content
    from ottool.i18n import language

    code = language()  # --lang, else the environment's
    with user_errors():
        content = load_content(data_dir, lang=code)
        resource = (
            fhir.questionnaires_bundle(content, code)
            if months is None
            else fhir.build_questionnaire(content, months, code)
        )
        _emit(fhir.to_json(resource), output, private=False, force=force)
    if output is not None:
        written = (
            _("Questionnaire written to {file}.")
            if months is not None
            else _("Questionnaires written to {file}.")
        )
        typer.echo(written.format(file=output), err=True)


def emit_screening_bundle(
    content: Content,
    result: Mapping[str, Any],
    answers: Mapping[str, Any],
    output: Path | None,
    *,
    force: bool = False,
) -> None:
    """`screen --format fhir`: the screening's Bundle on stdout or in a private file."""
    from ottool import fhir

    bundle = fhir.screening_bundle(content, result, answers)
    _emit(fhir.to_json(bundle), output, private=True, force=force)


def export_history_fhir(
    output: Path, child: str | None, data_dir: Path | None, *, force: bool = False
) -> int:
    """`history export --format fhir`: one screening Bundle a line (NDJSON), private.

    Returns how many screenings were written.
    """
    from ottool import fhir
    from ottool.atomic_write import write_output
    from ottool.content import load_content
    from ottool.errors import InputError
    from ottool.history import list_screenings
    from ottool.i18n import language

    with user_errors():
        # Display texts in the run's language (--lang); codes and ids are the same in any.
        content = load_content(data_dir, lang=language())
        screenings = list_screenings(child)
        lines = []
        for saved in screenings:
            try:
                bundle = fhir.screening_bundle(content, saved.result, saved.answers)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise InputError(
                    _(
                        "nothing exported: saved screening {number} is incomplete or damaged "
                        "({error}: {details})"
                    ).format(number=saved.id, error=type(exc).__name__, details=exc)
                ) from None
            lines.append(fhir.to_json_line(bundle))
        write_output(output, "".join(lines), private=True, force=force)
    return len(lines)


def _emit(text: str, output: Path | None, *, private: bool, force: bool) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from ottool.atomic_write import write_output

    write_output(output, text, private=private, force=force)
