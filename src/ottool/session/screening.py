"""Answers read and scored: a screening, its result read back from a file or the history,
saved in the history, and what the history holds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ottool.core.errors import InputError

if TYPE_CHECKING:
    from ottool.core.activity_choice import HomePlan
    from ottool.core.clinic import Clinic
    from ottool.core.content import Content
    from ottool.core.screening import Answers, ScreeningResult
    from ottool.core.vocabulary import Change
    from ottool.documents.plan_document import PlanDocument
    from ottool.storage.fhir import Context
    from ottool.storage.formats import AnswerFile, Result
    from ottool.storage.history.saved import SavedScreening


#: Activities in a plan when nobody says otherwise.
DEFAULT_ACTIVITIES = 4


@dataclass(frozen=True)
class GivenAnswers:
    """What an answer file held: the answers, whom a FHIR response was about, and what
    the user should know about the file (another form's response, say)."""

    answers: Answers
    incoming: Context | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Screening:
    """A scored screening with its plan and its document, every decision made."""

    content: Content
    answers: Answers
    result: ScreeningResult
    plan: HomePlan
    #: Whom a FHIR answer file was about (kept in a FHIR Bundle); None otherwise.
    incoming: Context | None = field(default=None, compare=False)
    #: The clinic whose details the plan document carries.
    clinic: Clinic | None = field(default=None, compare=False)
    #: The language the screening was made in, which its plan document speaks.
    language: str = field(default="en", compare=False)
    #: The clinic's own id for the child (``--child-id``): printed beside the name and
    #: kept with the screening when it is saved.
    child_id: str | None = field(default=None, compare=False)

    @cached_property
    def document(self) -> PlanDocument:
        """The printed plan, built the first time it is asked for (a JSON screening
        never needs it), in the language the screening was made in."""
        from ottool.core.i18n import speaking
        from ottool.documents.plan_document import build_plan_document

        with speaking(self.language):
            return build_plan_document(
                self.content,
                self.plan,
                result=self.result,
                clinic=self.clinic,
                child_id=self.child_id,
            )

    @cached_property
    def record(self) -> Result:
        """The screening as an `ottool-result/1` document (what is printed and saved)."""
        from ottool.storage.result_json import result_to_struct

        return result_to_struct(self.result, self.plan)

    @cached_property
    def answer_file(self) -> AnswerFile:
        """The answers as an answer file (what is saved beside the result, and sent as FHIR)."""
        from ottool.storage.answerfile import answers_to_file

        return answers_to_file(self.answers)


def read_answers(path: Path, content: Content) -> GivenAnswers:
    """The answers in a YAML answer file or a FHIR QuestionnaireResponse.

    The file is read once: a pipe (``/dev/stdin``) cannot be read a second time, and a
    FHIR response's subject must come from the same bytes as its answers.
    """
    from ottool.core.yamlsource import read_text
    from ottool.storage.answerfile import MAX_ANSWER_FILE_BYTES, answers_from_text
    from ottool.storage.formats import looks_like_fhir

    name = str(path)
    text = read_text(path, name=name, max_bytes=MAX_ANSWER_FILE_BYTES)
    answers = answers_from_text(text, content, name)
    if not looks_like_fhir(text):
        return GivenAnswers(answers)
    from ottool.storage.fhir import response_context

    incoming, notes = response_context(text, name)
    return GivenAnswers(answers, incoming, tuple(notes))


def screen(
    content: Content,
    answers: Answers,
    *,
    region: str | None = None,
    max_activities: int = DEFAULT_ACTIVITIES,
    incoming: Context | None = None,
    clinic: Clinic | None = None,
    child_id: str | None = None,
) -> Screening:
    """Score ``answers``, choose the home activities and build the plan document (with
    ``clinic``'s details on it, when the run has a clinic)."""
    from ottool.core.activity_choice import plan_for_result
    from ottool.core.i18n import language
    from ottool.core.screening import score

    result = score(content, answers, region=region)
    plan = plan_for_result(content, result, max_activities)
    return Screening(content, answers, result, plan, incoming, clinic, language(), child_id)


def read_result(path: Path, content: Content) -> ScreeningResult:
    """The screening in a result file (`ottool screen --format json`); a file of answers
    given instead is pointed to `ottool screen --answers`, which is what scores answers."""
    from ottool.core.i18n import _
    from ottool.core.printable import printable
    from ottool.storage import result_json
    from ottool.storage.answerfile import read_answers as read_answer_file

    try:
        return result_json.read_result(path, content)[0]
    except InputError as not_a_result:
        try:
            read_answer_file(path, content)
        except InputError:
            raise not_a_result from None  # not answers either: say the result's problem
        raise InputError(
            _(
                "{file} holds answers, not a result: score them with "
                "`ottool screen --answers {file}` (add --plan-output FILE for the plan)"
            ).format(file=printable(str(path)))
        ) from None


@dataclass(frozen=True)
class SavedResult:
    """A saved screening read back with the current content: its result and its plan."""

    saved: SavedScreening
    result: ScreeningResult
    plan: HomePlan


def saved(number: int, content: Content) -> SavedResult:
    """Saved screening ``number``, read back with the current content (InputError when
    there is none, or when the current content cannot show it)."""
    from ottool.storage.history import get_screening

    return read_back(get_screening(number), content)


def read_back(entry: SavedScreening, content: Content) -> SavedResult:
    """A saved screening's result and plan, read with the current content."""
    from ottool.core.i18n import _
    from ottool.storage.result_json import result_from_data

    where = _("saved screening {number}").format(number=entry.id)
    result, plan = result_from_data(entry.result, content, where)
    return SavedResult(entry, result, plan)


def save(screening: Screening, *, noted: Callable[[int], None] | None = None) -> int:
    """Save ``screening`` in the history and return its number.

    ``noted`` hears the number as soon as the screening is saved, even when Ctrl-C lands
    just after SQLite committed (the history is then asked whether the result is there),
    so what an interruption reports stays true.
    """
    from ottool.storage.history import save_result, saved_number_of

    try:
        number = save_result(
            screening.record, screening.answer_file, child_id=screening.child_id or ""
        )
    except KeyboardInterrupt:
        found = saved_number_of(screening.record)
        if found is not None and noted is not None:
            noted(found)
        raise
    if noted is not None:
        noted(number)
    return number


@dataclass(frozen=True)
class Log:
    """The saved screenings (of one child, or all), oldest first, and how each area
    changed since the child's previous screening."""

    screenings: list[SavedScreening]
    changes: dict[str, Change]


def log(child: str | None = None) -> Log:
    """What the history holds: every screening, or ``child``'s with the changes."""
    from ottool.storage.history import list_screenings
    from ottool.storage.history.progress import changes_since_previous

    screenings = list_screenings(child)
    changes = changes_since_previous(screenings) if child is not None else {}
    return Log(screenings, changes)
