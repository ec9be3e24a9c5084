"""The file formats ottool reads and writes, declared once as msgspec Structs.

`ottool-result/1` (:class:`Result`, a screening and its plan), `ottool-history/1`
(:class:`HistoryLine`, one line of an exported history), `ottool-history-list/1`
(:class:`HistoryList`, `history --format json`), `ottool-draft/1` (:class:`Draft`,
an unfinished questionnaire) and the answer file (:class:`AnswerFile`, read from
YAML with line numbers by :mod:`ottool.storage.answerfile`). Writers build these Structs;
readers decode through :func:`decode_json` and :func:`convert`, so a damaged or
hostile file (5000-digit numbers, 100,000-deep nesting, ``Infinity``, wrong types) is
one clear :class:`~ottool.core.errors.InputError` naming the file and the field, never a
crash later. They hold ids, codes, dates and numbers, never a sentence, so a saved
screening reads the same in every language.

Numbers carry bounds: a value no real screening can have is refused here rather than
overflowing an age calculation or a SQLite column further on. Unknown keys are
allowed in results and history lines (docs/design.md §4: "more keys may be added").
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, TypeVar

import msgspec

from ottool.core.age import MAX_GESTATIONAL_WEEKS, MIN_GESTATIONAL_WEEKS
from ottool.core.errors import InputError, Problem, shown
from ottool.core.i18n import N_, _
from ottool.core.vocabulary import Answer

RESULT_FORMAT = "ottool-result/1"
HISTORY_FORMAT = "ottool-history/1"
DRAFT_FORMAT = "ottool-draft/1"
HISTORY_LIST_FORMAT = "ottool-history-list/1"
GIVEN_PLAN_FORMAT = "ottool-given-plan/1"
#: Lines of an exported history besides the screenings: a plan given, a practice logged.
HISTORY_PLAN_FORMAT = "ottool-history-plan/1"
HISTORY_PRACTICE_FORMAT = "ottool-history-practice/1"
#: What each format is, for "not an ottool result (expected ...)" errors.
FORMAT_NAMES: dict[str, str] = {
    RESULT_FORMAT: N_("an ottool result"),
    HISTORY_FORMAT: N_("an exported ottool history"),
    DRAFT_FORMAT: N_("a draft"),
    GIVEN_PLAN_FORMAT: N_("an ottool plan"),
    HISTORY_PLAN_FORMAT: N_("a plan of an exported ottool history"),
    HISTORY_PRACTICE_FORMAT: N_("a practice of an exported ottool history"),
}

#: Ages in months and days: generous bounds, far beyond the 5-year limit of an age.
Months = Annotated[float, msgspec.Meta(ge=-1000, le=1000)]
Days = Annotated[int, msgspec.Meta(ge=-36_600, le=36_600)]
ChecklistMonths = Annotated[int, msgspec.Meta(ge=0, le=120)]
Weeks = Annotated[int, msgspec.Meta(ge=MIN_GESTATIONAL_WEEKS, le=MAX_GESTATIONAL_WEEKS)]
Dose = Annotated[int, msgspec.Meta(ge=0, le=10_000)]


class ResultChild(msgspec.Struct, kw_only=True, frozen=True):
    name: str | None = None
    birth_date: dt.date
    gestational_weeks: Weeks | None = None


class ResultAge(msgspec.Struct, kw_only=True, frozen=True):
    chronological_months: Months
    corrected_months: Months | None = None
    used_months: Months | None = None
    corrected: bool = False
    chronological_days: Days | None = None
    corrected_days: Days | None = None


class ResultChecklist(msgspec.Struct, kw_only=True, frozen=True):
    months: ChecklistMonths
    early: bool = False


class ResultDomain(msgspec.Struct, kw_only=True, frozen=True):
    id: str
    status: str
    not_yet: list[str] = []
    sometimes: list[str] = []
    unsure: list[str] = []
    yes: list[str] = []


class ResultSign(msgspec.Struct, kw_only=True, frozen=True):
    id: str
    level: str | None = None
    #: The sign's own time frame (emergency, today, days, visit); absent in older results.
    act: str | None = None


class ResultNextCheck(msgspec.Struct, kw_only=True, frozen=True):
    """When to check again: ``why`` is now, recheck or next_checklist (docs/design.md §10)."""

    date: dt.date
    months: ChecklistMonths | None = None
    why: str


class ResultActivity(msgspec.Struct, kw_only=True, frozen=True):
    id: str
    #: Why it was chosen (vocabulary.Reason); kept so the plan reads the same again.
    reason: str = "age"
    #: The milestones it practices (answered not yet or sometimes).
    targets: list[str] = []
    minutes: Dose | None = None
    times_per_day: Dose | None = None
    days_per_week: Dose | None = None


class ResultPlan(msgspec.Struct, kw_only=True, frozen=True):
    activities: list[ResultActivity] = []


class Result(msgspec.Struct, kw_only=True, frozen=True):
    """`ottool-result/1`: what `screen --format json` writes and the history stores.

    Only ids, status codes, dates and numbers: a saved result reads the same in any
    language. The field order is the order written.
    """

    #: Checked by :func:`check_format` before the rest is read.
    format: str = RESULT_FORMAT
    date: dt.date
    child: ResultChild
    age: ResultAge
    checklist: ResultChecklist
    domains: list[ResultDomain]
    warning_signs: list[ResultSign] = []
    overall: str
    #: The result's one time frame; absent in results written before it existed
    #: (then decided again on reading, see docs/decisions.md).
    act: str | None = None
    #: Referral kinds for a result worth talking about; absent in older results.
    referrals: list[str] | None = None
    #: The region whose emergency number and early-intervention route were named;
    #: null for the neutral default.
    region: str | None = None
    next_check: ResultNextCheck | None = None
    concerns: str | None = None
    content_version: str = ""
    #: Answers to later checklists' milestones, not scored (absent before they were listed).
    unused_answers: list[str] = []
    plan: ResultPlan = ResultPlan()


class AnswerFileChild(msgspec.Struct, kw_only=True, frozen=True):
    name: str | None = None
    birth_date: dt.date
    gestational_weeks: Weeks | None = None


class AnswerFile(msgspec.Struct, kw_only=True, frozen=True):
    """An answer file (docs/design.md §4) as ottool writes it: the answers behind a saved screening.

    Parents write it as YAML, which :mod:`ottool.storage.answerfile` reads with line numbers and
    more spellings (``not yet``, ``sí``, YAML's yes/no); the keys it accepts are these
    fields. Absent answers are unsure; ``gestational_weeks`` absent means full term.
    """

    child: AnswerFileChild | None = None
    date: dt.date | None = None
    answers: dict[str, Answer] = {}
    warning_signs: dict[str, bool] = {}
    concerns: str | None = None


class HistoryLine(msgspec.Struct, kw_only=True, frozen=True):
    """One line of `history export`: `ottool-history/1`."""

    #: Checked by :func:`check_format` before the rest is read.
    format: str = HISTORY_FORMAT
    saved_at: dt.datetime
    result: Result
    answers: AnswerFile = AnswerFile()
    content_version: str | None = None


class HistorySummary(msgspec.Struct, kw_only=True, frozen=True):
    """One saved screening in a list of them: the facts a table of screenings shows."""

    id: int
    saved_at: str
    child: str | None
    date: str
    content_version: str
    age_used_months: float | None
    corrected: bool
    checklist_months: int | None
    overall: str | None
    #: Each area's status by area id.
    domains: dict[str, str]
    #: When to act, as the result said (None: saved before results named it).
    act: str | None = None


class HistoryList(msgspec.Struct, kw_only=True, frozen=True, omit_defaults=True):
    """`ottool-history-list/1`: what `ottool history --format json` writes.

    ``changes`` (each area's change since the screening before) is there only for
    one child's screenings (``--child``).
    """

    format: str  # required, so that omit_defaults still writes it
    child: str | None
    screenings: list[HistorySummary]
    changes: dict[str, str] | None = None
    #: The child's birth date (ISO), for one child's screenings.
    birth_date: str | None = None
    #: The plans given (one child's with ``--child``), oldest first.
    plans: list[PlanSummary] | None = None


class PlanSummary(msgspec.Struct, kw_only=True, frozen=True):
    """One plan given, in a list of them."""

    id: int
    saved_at: str
    date: str
    child: str | None
    birth_date: str | None
    therapist: str | None
    #: The saved screening it came from, when one.
    screening: int | None
    activities: list[str]


Count = Annotated[int, msgspec.Meta(ge=1, le=240)]
DaysPerWeek = Annotated[int, msgspec.Meta(ge=1, le=7)]
TrackerWeeks = Annotated[int, msgspec.Meta(ge=1, le=12)]
Text = Annotated[str, msgspec.Meta(max_length=2000)]
Name = Annotated[str, msgspec.Meta(max_length=200)]


class GivenActivity(
    msgspec.Struct, kw_only=True, frozen=True, omit_defaults=True, forbid_unknown_fields=True
):
    """One activity of a plan given, and the therapist's edits to it (docs/design.md §11)."""

    id: str
    #: Why it is in the plan (vocabulary.Reason): "chosen" for a therapist's pick.
    reason: str = "chosen"
    targets: list[str] = []
    minutes: Count | None = None
    times_per_day: Count | None = None
    days_per_week: DaysPerWeek | None = None
    #: The therapist's own "why" line for this family.
    why: Text | None = None
    #: Steps that replace the content's, in order (empty: the content's steps).
    steps: list[Text] = []
    #: Steps added after them.
    added_steps: list[Text] = []


class GivenChild(
    msgspec.Struct, kw_only=True, frozen=True, omit_defaults=True, forbid_unknown_fields=True
):
    name: Name | None = None
    birth_date: dt.date | None = None
    #: The clinic's own id for the child (``--child-id``).
    id: Name | None = None


class GivenPlan(msgspec.Struct, kw_only=True, frozen=True, forbid_unknown_fields=True):
    """`ottool-given-plan/1`: a plan as the therapist gave it, to reprint or revise.

    Written by `plan --save` (kept in the history) and `plan --output F.yaml` (a file
    the therapist may edit); read by `plan --from-plan N|FILE`. The activities are the
    ones given, in order, with the therapist's edits, so a reprint is the same plan
    even after the rules that chose it change.
    """

    format: str = GIVEN_PLAN_FORMAT
    date: dt.date
    child: GivenChild = GivenChild()
    therapist: Name | None = None
    caregiver: Name | None = None
    weeks: TrackerWeeks = 2
    notes: list[Text] = []
    #: Warning signs the therapist is treating: left out of "When to call".
    treating: list[str] = []
    #: The saved screening it came from (its number), when one.
    screening: int | None = None
    #: The age in months of a plan made for an age (no screening).
    age_months: Annotated[float, msgspec.Meta(ge=0, le=60)] | None = None
    focus: list[str] = []
    activities: list[GivenActivity] = []
    #: Activities the therapist dropped, so that a revision keeps them out.
    dropped: list[str] = []
    region: str | None = None
    #: The screening's result (``ottool-result/1``) for a plan from a screening, so the
    #: file reprints on another computer; written last, since nobody edits it.
    result: dict[str, Any] | None = None


class DraftChild(msgspec.Struct, kw_only=True):
    name: str | None = None
    birth_date: dt.date | None = None
    gestational_weeks: Weeks | None = None


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="minutes")


class Draft(msgspec.Struct, kw_only=True):
    """`ottool-draft/1`: an unfinished questionnaire in ottool's private folder (read and
    written by :mod:`ottool.storage.draft`). The questionnaire changes it as the parent
    answers, so unlike the other formats it is not frozen."""

    #: Checked by :func:`check_format` before the rest is read.
    format: str = DRAFT_FORMAT
    #: When the questionnaire started (local time, to the minute).
    started: str = msgspec.field(default_factory=_now)
    child: DraftChild = msgspec.field(default_factory=DraftChild)
    answers: dict[str, str] = {}
    #: The question the parent is at.
    position: Annotated[int, msgspec.Meta(ge=0, le=10_000)] = 0
    #: Warning signs asked about (None: not asked yet), True when seen.
    warning_signs: dict[str, bool] | None = None
    concerns: str | None = None
    concerns_asked: bool = False


T = TypeVar("T")


def to_data(value: msgspec.Struct) -> dict[str, Any]:
    """A Struct as JSON-ready data, leaving out the fields that are None (never written)."""
    data: dict[str, Any] = _without_none(msgspec.to_builtins(value))
    return data


def _without_none(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _without_none(v) for k, v in data.items() if v is not None}
    return data


def decode_json(
    raw: str | bytes, where: str, what: str = "JSON", *, line: int | None = None
) -> Any:
    """Plain data from JSON text; InputError for anything that is not plain, sane JSON.

    ``where`` names the file and ``what`` the expected content ("this is not {what}");
    ``line`` is given for one line of JSON Lines ("this line is not {what}").
    """
    try:
        return msgspec.json.decode(raw)
    except msgspec.DecodeError as exc:
        at = line or _line_of(raw, str(exc))
        message = (
            _("this line is not {what} ({reason})") if line else _("this is not {what} ({reason})")
        )
        raise _problem(where, at, message.format(what=_(what), reason=_lower(exc))) from None
    except msgspec.ValidationError as exc:  # e.g. a number too large to hold
        message = _("this JSON cannot be read ({reason})").format(reason=_lower(exc))
        raise _problem(where, line, message) from None
    except RecursionError:
        raise _problem(where, line, _("the JSON is nested too deeply to read")) from None


def convert(data: Any, kind: type[T], where: str, what: str, *, line: int | None = None) -> T:
    """``data`` checked against the Struct ``kind``; InputError naming the field otherwise."""
    try:
        return msgspec.convert(data, kind)
    except msgspec.ValidationError as exc:
        message = _("{what} is incomplete or damaged ({reason})")
        reason = _validation_reason(str(exc))
        raise _problem(where, line, message.format(what=_(what), reason=reason)) from None
    except RecursionError:
        message = _("{what} is nested too deeply to read").format(what=_(what))
        raise _problem(where, line, message) from None


def check_format(
    data: Any, expected: str, where: str, what: str | None = None, *, line: int | None = None
) -> dict[str, Any]:
    """``data`` itself when it is an object tagged ``"format": expected``.

    ``what`` names the expected kind of file; by default the format's own name
    (:data:`FORMAT_NAMES`).
    """
    found = data.get("format") if isinstance(data, dict) else None
    if not isinstance(data, dict) or found != expected:
        message = _('not {what} (expected "format": "{expected}", found {found})').format(
            what=_(what or FORMAT_NAMES[expected]), expected=expected, found=shown(found)
        )
        raise _problem(where, line, message)
    return data


def _problem(where: str, line: int | None, message: str) -> InputError:
    return InputError([Problem(where, line, message)])


#: msgspec's names of JSON types, as a reader says them.
_TYPE_WORDS = {
    "object": N_("an object"),
    "str": N_("text"),
    "int": N_("a whole number"),
    "float": N_("a number"),
    "array": N_("a list"),
    "bool": N_("true or false"),
    "null": N_("nothing (null)"),
    "date": N_("a date"),
    "datetime": N_("a date and time"),
}
_VALIDATION = (
    (re.compile(r"Expected `([^`]+)`, got `([^`]+)`"), N_("expected {0}, found {1}")),
    (re.compile(r"Object missing required field `([^`]+)`"), N_("the field '{0}' is missing")),
    (re.compile(r"Object contains unknown field `([^`]+)`"), N_("unknown field '{0}'")),
    (re.compile(r"Expected `([^`]+)` (>=|<=|>|<) (\S+)"), N_("expected {0} {1} {2}")),
    (re.compile(r"Invalid enum value (.+)"), N_("{0} is not one of the allowed values")),
)


def _validation_reason(text: str) -> str:
    """msgspec's validation message in the run's language: "Expected `object`, got `str`
    - at `$.child`" → "expected an object, found text, at $.child". A message of a kind
    not known here stays as msgspec wrote it."""
    said, _sep, path = text.partition(" - at `")
    for pattern, words in _VALIDATION:
        found = pattern.fullmatch(said)
        if found is not None:
            parts = [_(_TYPE_WORDS[g]) if g in _TYPE_WORDS else g for g in found.groups()]
            said = _(words).format(*parts)
            break
    else:
        said = said[:1].lower() + said[1:]
    if path:
        said = _("{reason}, at {path}").format(reason=said, path=path.rstrip("`"))
    return said


def _lower(exc: Exception) -> str:
    """The message with a lower-case start, unless it starts with a name like JSON."""
    text = str(exc)
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def _line_of(raw: str | bytes, message: str) -> int | None:
    """The line of msgspec's ``(byte N)`` in ``raw``, when the message names one."""
    import re

    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    if "truncated" in message:  # the file ended too early: point at its end
        return data.count(b"\n") + 1
    found = re.search(r"\(byte (\d+)\)", message)
    if found is None:
        return None
    return data[: int(found.group(1))].count(b"\n") + 1


# --------------------------------------------------------------------------- follow-through

PROGRESS_FORMAT = "ottool-progress/1"


class FollowChild(msgspec.Struct, kw_only=True, frozen=True):
    name: str | None
    birth_date: str | None


class FollowPlan(msgspec.Struct, kw_only=True, frozen=True):
    """The plan being practiced: a plan given (``plan``) or a screening's (``screening``)."""

    kind: str
    number: int
    date: dt.date


class PracticeKept(msgspec.Struct, kw_only=True, frozen=True):
    """One activity of the plan: days practiced against its dose (days a week)."""

    activity: str
    days_per_week: int
    this_week: int
    last_week: int
    since_plan: int
    since_plan_target: int
    minutes: int
    #: The days of last week and this one that were practiced.
    recent_days: list[dt.date]


class ScreeningInBrief(msgspec.Struct, kw_only=True, frozen=True):
    id: int
    date: str
    checklist_months: int | None
    overall: str | None


class AreaOverTime(msgspec.Struct, kw_only=True, frozen=True):
    """An area's status at each screening, oldest first (None: not in that screening)."""

    id: str
    statuses: list[str | None]


class NowYes(msgspec.Struct, kw_only=True, frozen=True):
    """A milestone answered not yet (or sometimes) before and yes since."""

    milestone: str
    area: str
    before: str
    before_date: str
    after_date: str


class Progress(msgspec.Struct, kw_only=True, frozen=True):
    """`ottool-progress/1`: what `ottool progress --format json` writes (one child)."""

    format: str = PROGRESS_FORMAT
    today: dt.date
    child: FollowChild
    plan: FollowPlan | None
    practice: list[PracticeKept]
    screenings: list[ScreeningInBrief]
    areas: list[AreaOverTime]
    now_yes: list[NowYes]


class HistoryPlanLine(msgspec.Struct, kw_only=True, frozen=True):
    """A plan given, as one line of `history export` (``ottool-history-plan/1``)."""

    format: str = HISTORY_PLAN_FORMAT
    saved_at: dt.datetime
    plan: GivenPlan
    #: The sha256 of the result of the screening the plan came from (how the import
    #: finds that screening again in another history).
    screening_sha256: Annotated[str, msgspec.Meta(pattern="^[0-9a-f]{64}$")] | None = None


class PracticeChild(msgspec.Struct, kw_only=True, frozen=True):
    name: Annotated[str, msgspec.Meta(max_length=200)] | None = None
    birth_date: dt.date | None = None


class HistoryPracticeLine(msgspec.Struct, kw_only=True, frozen=True, forbid_unknown_fields=True):
    """A practice logged, as one line of `history export` (``ottool-history-practice/1``)."""

    format: str = HISTORY_PRACTICE_FORMAT
    logged_at: dt.datetime
    child: PracticeChild
    activity: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    date: dt.date
    minutes: Annotated[int, msgspec.Meta(ge=1, le=1440)] | None = None


def looks_like_fhir(text: str) -> bool:
    """Whether an answer file is FHIR JSON (a JSON object naming its ``resourceType``).

    Here, not in :mod:`ottool.storage.fhir`, so that reading a YAML answer file does not
    load the FHIR code."""
    return text.lstrip("\ufeff \t\r\n").startswith("{") and '"resourceType"' in text
