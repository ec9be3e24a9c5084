"""FHIR R4 for clinics (docs/fhir.md): the checklists as Questionnaires, ottool's code
systems, a screening as a Bundle and the saved screenings as NDJSON, each as JSON text
with what the reader should know (answers the form has no question for).

They take the typed record of a screening (``ottool-result/1`` as
:class:`~ottool.storage.formats.Result` and its :class:`~ottool.storage.formats.AnswerFile`),
never loose dictionaries."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ottool.core.errors import InputError

if TYPE_CHECKING:
    from ottool.core.content import Content
    from ottool.session.screening import Screening
    from ottool.storage.fhir.resources import BundleKind


def contents(data_dir: Path | None) -> tuple[Content, dict[str, Content]]:
    """The content in English (a form's own text) and in every other shipped language."""
    from ottool.core.content import LANGUAGES, load_content

    content = load_content(data_dir)
    others = {lang: load_content(data_dir, lang=lang) for lang in LANGUAGES if lang != "en"}
    return content, others


def fhir_questionnaires(data_dir: Path | None, months: int | None, kind: BundleKind) -> str:
    """The checklist at ``months`` as a Questionnaire, or every checklist as a Bundle of
    ``kind`` (collection or transaction), as JSON."""
    from ottool.storage import fhir

    content, translations = contents(data_dir)
    resource = (
        fhir.questionnaires_bundle(content, translations, kind)
        if months is None
        else fhir.build_questionnaire(content, months, translations)
    )
    return str(fhir.to_json(resource))


def fhir_codesystems(data_dir: Path | None, kind: BundleKind) -> str:
    """ottool's CodeSystems as a Bundle of ``kind``, as JSON."""
    from ottool.storage import fhir

    content, translations = contents(data_dir)
    return str(fhir.to_json(fhir.codesystems_bundle(content, translations, kind)))


def fhir_screening(
    screening: Screening, *, patient_id: str | None = None, kind: BundleKind = "collection"
) -> tuple[str, list[str]]:
    """The screening's Bundle as JSON, and the answers its form has no question for.

    Whom a FHIR answer file was about is kept; ``patient_id`` sets the subject."""
    from ottool.storage import fhir

    context = screening.incoming or fhir.Context()
    if patient_id is not None:
        context = fhir.with_patient(context, patient_id)
    record, given = screening.record, screening.answer_file
    content = screening.content
    left_out = fhir.answers_left_out(content, record.checklist.months, given)
    resource = fhir.screening_bundle(content, record, given, context=context, kind=kind)
    return str(fhir.to_json(resource)), left_out


def fhir_history(
    child: str | None, data_dir: Path | None, *, born: str | None = None
) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The saved screenings (``child``'s, or all) as one Bundle a line (NDJSON lines), and
    for each screening with answers its form has no question for, its number and their
    ids. InputError naming the first screening that cannot be read: nothing is exported."""
    import msgspec

    from ottool.core.content import load_content
    from ottool.core.i18n import _, language
    from ottool.storage import fhir
    from ottool.storage.formats import AnswerFile
    from ottool.storage.history import list_screenings

    # Display texts in the run's language (--lang); codes and ids are the same in any.
    content = load_content(data_dir, lang=language())
    lines = []
    notes = []
    for saved in list_screenings(child, born=born):
        result = saved.parsed
        try:
            if result is None:
                raise ValueError(_("not a whole ottool result"))
            answers = msgspec.convert(saved.answers, AnswerFile)
            bundle = fhir.screening_bundle(content, result, answers, issued=_saved_at(saved))
        except (msgspec.ValidationError, ValueError) as exc:
            raise InputError(
                _(
                    "nothing exported: saved screening {number} is incomplete or damaged "
                    "({error}: {details})"
                ).format(number=saved.id, error=type(exc).__name__, details=exc)
            ) from None
        left_out = fhir.answers_left_out(content, result.checklist.months, answers)
        if left_out:
            notes.append((saved.id, left_out))
        lines.append(fhir.to_json_line(bundle))
    return lines, notes


def _saved_at(saved: Any) -> str | None:
    """When a saved screening was saved, as a FHIR instant (its Bundle's timestamp)."""
    import datetime as dt

    try:
        moment = dt.datetime.fromisoformat(str(saved.saved_at))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
