"""`ottool fhir`, and the FHIR output of `screen --format fhir` and `history export`.

Imported by the command line at start-up, so only Typer and the standard library load here at
module level; the FHIR shapes (msgspec) load inside the commands.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ottool.cli.common import DataDir, Lang, OldAgeOption, emit, user_errors, whole_months
from ottool.core.i18n import _

if TYPE_CHECKING:
    from ottool.session import Screening

fhir_app = typer.Typer(
    help=_(
        "FHIR R4 for clinics: the checklists as Questionnaires for forms tools and "
        "clinic record systems, and ottool's code systems. See also `screen --format fhir` "
        "and `history export --format fhir`."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class BundleType(StrEnum):
    collection = "collection"
    transaction = "transaction"


BundleOption = Annotated[
    BundleType,
    typer.Option(
        "--bundle",
        help=_(
            "collection (a set of resources), or transaction (PUTs with fixed ids a FHIR "
            "server takes as they are; safe to send twice)."
        ),
    ),
]
PatientOption = Annotated[
    str | None,
    typer.Option(
        "--patient-id",
        metavar="ID",
        help=_("For FHIR: the child's Patient id in the clinic's system (the subject)."),
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", metavar="FILE", help=_("Write the JSON to this file.")),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help=_("Replace the output file if it exists."))
]


@fhir_app.command(
    help=_(
        "Write a checklist as a FHIR R4 Questionnaire (or every checklist as a Bundle), "
        "in English with its Spanish as translations."
    )
)
def questionnaire(
    months: Annotated[
        int | None,
        typer.Option(
            "--age-months",
            metavar="MONTHS",
            help=_("Only the checklist at this age (months); without it, all in one Bundle."),
        ),
    ] = None,
    output: OutputOption = None,
    bundle: BundleOption = BundleType.collection,
    force: ForceOption = False,
    data_dir: DataDir = None,
    lang: Lang = None,
    old_months: OldAgeOption = None,
) -> None:
    from ottool import session

    if months is None:
        months = whole_months(old_months)

    with user_errors():
        text = session.fhir_questionnaires(data_dir, months, bundle.value)
    written = (
        _("Questionnaire written to {file}.")
        if months is not None
        else _("Questionnaires written to {file}.")
    )
    emit(text, output, private=False, force=force, written=written)


@fhir_app.command(
    help=_(
        "Write ottool's FHIR CodeSystems (answers, areas, warning signs, results) as a "
        "Bundle, so a terminology server can check every code ottool writes."
    )
)
def codesystem(
    output: OutputOption = None,
    bundle: BundleOption = BundleType.collection,
    force: ForceOption = False,
    data_dir: DataDir = None,
    lang: Lang = None,
) -> None:
    from ottool import session

    with user_errors():
        text = session.fhir_codesystems(data_dir, bundle.value)
    emit(text, output, private=False, force=force, written=_("Code systems written to {file}."))


def check_fhir_options(fhir_format: bool, patient_id: str | None, bundle: BundleType) -> None:
    """Before any question: ``--patient-id`` and ``--bundle`` need ``--format fhir``, and
    the id must be one FHIR allows."""
    from ottool.cli.common import fail

    if not fhir_format and (patient_id is not None or bundle is not BundleType.collection):
        fail(_("--patient-id and --bundle go with --format fhir"))
    if patient_id is not None:
        from ottool.storage.fhir.bundle import patient

        with user_errors():
            patient(patient_id)


def emit_screening_bundle(
    screening: Screening,
    output: Path | None,
    *,
    patient_id: str | None = None,
    bundle: BundleType = BundleType.collection,
    force: bool = False,
) -> None:
    """`screen --format fhir`: the screening's Bundle on stdout or in a private file.

    What a FHIR answer file said about whom it is about is kept in the Bundle;
    ``--patient-id`` sets the subject.
    """
    from ottool import session

    text, left_out = session.fhir_screening(screening, patient_id=patient_id, kind=bundle.value)
    _say_left_out(left_out, None)
    emit(text, output, private=True, force=force)


def _say_left_out(left_out: list[str], number: int | None) -> None:
    if not left_out:
        return
    from ottool.core.i18n import ngettext

    shown = ", ".join(left_out[:5]) + (", ..." if len(left_out) > 5 else "")
    message = ngettext(
        "{count} answer is not a question of the checklist's form, so the FHIR response "
        "leaves it out: {ids}",
        "{count} answers are not questions of the checklist's form, so the FHIR response "
        "leaves them out: {ids}",
        len(left_out),
    ).format(count=len(left_out), ids=shown)
    if number is not None:
        message = _("screening {number}: {message}").format(number=number, message=message)
    typer.echo(_("ottool: note: {note}.").format(note=message), err=True)


def export_history_fhir(
    output: Path,
    child: str | None,
    data_dir: Path | None,
    *,
    force: bool = False,
    born: str | None = None,
) -> int:
    """`history export --format fhir`: one screening Bundle a line (NDJSON), private.

    Returns how many screenings were written.
    """
    from ottool import session
    from ottool.storage.atomic_write import write_output

    with user_errors():
        lines, notes = session.fhir_history(child, data_dir, born=born)
        for number, left_out in notes:
            _say_left_out(left_out, number)
        write_output(output, "".join(lines), private=True, force=force)
    return len(lines)
