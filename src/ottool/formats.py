"""The JSON formats ottool reads back, declared once as msgspec Structs.

`ottool-result/1` (a screening and its plan), `ottool-history/1` (one line of an
exported history) and `ottool-draft/1` (an unfinished questionnaire). Every reader
decodes through :func:`decode_json` and :func:`convert`, so a damaged or hostile file
(5000-digit numbers, 100,000-deep nesting, ``Infinity``, wrong types) is one clear
:class:`~ottool.errors.InputError` naming the file and the field, never a crash later.

Numbers carry bounds: a value no real screening can have is refused here rather than
overflowing an age calculation or a SQLite column further on. Unknown keys are
allowed in results and history lines (DESIGN.md §4: "more keys may be added").
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, TypeVar

import msgspec

from ottool.errors import InputError, Problem, shown

RESULT_FORMAT = "ottool-result/1"
HISTORY_FORMAT = "ottool-history/1"
DRAFT_FORMAT = "ottool-draft/1"

#: Ages in months and days: generous bounds, far beyond the 5-year limit of an age.
Months = Annotated[float, msgspec.Meta(ge=-1000, le=1000)]
Days = Annotated[int, msgspec.Meta(ge=-36_600, le=36_600)]
ChecklistMonths = Annotated[int, msgspec.Meta(ge=0, le=120)]
Weeks = Annotated[int, msgspec.Meta(ge=22, le=44)]
Dose = Annotated[int, msgspec.Meta(ge=0, le=10_000)]
AnswerWord = Literal["yes", "sometimes", "not_yet", "unsure"]

_STRUCT: dict[str, Any] = {"kw_only": True, "frozen": True}


class ResultChild(msgspec.Struct, **_STRUCT):
    birth_date: dt.date
    name: str | None = None
    gestational_weeks: Weeks | None = None


class ResultAge(msgspec.Struct, **_STRUCT):
    chronological_months: Months
    used_months: Months | None = None
    corrected_months: Months | None = None
    corrected: bool = False
    chronological_days: Days | None = None
    corrected_days: Days | None = None


class ResultChecklist(msgspec.Struct, **_STRUCT):
    months: ChecklistMonths
    early: bool = False


class ResultDomain(msgspec.Struct, **_STRUCT):
    id: str
    status: str
    not_yet: list[str] = []
    sometimes: list[str] = []
    unsure: list[str] = []
    yes: list[str] = []


class ResultSign(msgspec.Struct, **_STRUCT):
    id: str
    level: str | None = None


class ResultActivity(msgspec.Struct, **_STRUCT):
    id: str
    reason: str = "age"
    targets: list[str] = []
    minutes: Dose | None = None
    times_per_day: Dose | None = None
    days_per_week: Dose | None = None


class ResultPlan(msgspec.Struct, **_STRUCT):
    activities: list[ResultActivity] = []


class Result(msgspec.Struct, **_STRUCT):
    """`ottool-result/1`: what `screen --format json` writes and the history stores."""

    format: Literal["ottool-result/1"]
    date: dt.date
    child: ResultChild
    age: ResultAge
    checklist: ResultChecklist
    domains: list[ResultDomain]
    overall: str
    warning_signs: list[ResultSign] = []
    concerns: str | None = None
    content_version: str = ""
    plan: ResultPlan = ResultPlan()
    #: Answers to later checklists' milestones, not scored (absent before they were listed).
    unused_answers: list[str] = []


class AnswersChild(msgspec.Struct, **_STRUCT):
    birth_date: dt.date
    name: str | None = None
    gestational_weeks: Weeks | None = None


class SavedAnswers(msgspec.Struct, **_STRUCT):
    """The answers behind a saved screening, in answer-file form (see answerfile.py)."""

    child: AnswersChild | None = None
    date: dt.date | None = None
    answers: dict[str, AnswerWord] = {}
    warning_signs: dict[str, bool] = {}
    concerns: str | None = None


class HistoryLine(msgspec.Struct, **_STRUCT):
    """One line of `history export`: `ottool-history/1`."""

    format: Literal["ottool-history/1"]
    saved_at: dt.datetime
    result: Result
    answers: SavedAnswers = SavedAnswers()
    content_version: str | None = None


class DraftChild(msgspec.Struct, **_STRUCT):
    name: str | None = None
    birth_date: dt.date | None = None
    gestational_weeks: Weeks | None = None


class Draft(msgspec.Struct, **_STRUCT):
    """`ottool-draft/1`: an unfinished questionnaire in ottool's private folder."""

    format: Literal["ottool-draft/1"]
    child: DraftChild = DraftChild()
    answers: dict[str, str] = {}
    position: Annotated[int, msgspec.Meta(ge=0, le=10_000)] = 0
    warning_signs: dict[str, bool] | None = None
    concerns: str | None = None
    concerns_asked: bool = False
    started: str = ""


T = TypeVar("T")


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
        this = "this line" if line else "this"
        raise _problem(where, at, f"{this} is not {what} ({_lower(exc)})") from None
    except msgspec.ValidationError as exc:  # e.g. a number too large to hold
        raise _problem(where, line, f"this JSON cannot be read ({_lower(exc)})") from None
    except RecursionError:
        raise _problem(where, line, "the JSON is nested too deeply to read") from None


def convert(data: Any, kind: type[T], where: str, what: str, *, line: int | None = None) -> T:
    """``data`` checked against the Struct ``kind``; InputError naming the field otherwise."""
    try:
        return msgspec.convert(data, kind)
    except msgspec.ValidationError as exc:
        raise _problem(where, line, f"{what} is incomplete or damaged ({_lower(exc)})") from None
    except RecursionError:
        raise _problem(where, line, f"{what} is nested too deeply to read") from None


def check_format(
    data: Any, expected: str, where: str, what: str, *, line: int | None = None
) -> dict[str, Any]:
    """``data`` itself when it is an object tagged ``"format": expected``."""
    found = data.get("format") if isinstance(data, dict) else None
    if not isinstance(data, dict) or found != expected:
        message = f'not {what} (expected "format": "{expected}", found {shown(found)})'
        raise _problem(where, line, message)
    return data


def _problem(where: str, line: int | None, message: str) -> InputError:
    return InputError([Problem(where, line, message)])


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
