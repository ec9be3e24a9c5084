"""The history's formats: `ottool-history/1` and the plan and practice lines of
`history export`, and `ottool-history-list/1` (`history --format json`)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec

from ottool.storage.formats.base import (
    HISTORY_FORMAT,
    HISTORY_PLAN_FORMAT,
    HISTORY_PRACTICE_FORMAT,
)
from ottool.storage.formats.plan import GivenPlan
from ottool.storage.formats.screening import AnswerFile, Result


class HistoryLine(msgspec.Struct, kw_only=True, frozen=True):
    """One line of `history export`: `ottool-history/1`."""

    #: Checked by :func:`check_format` before the rest is read.
    format: str = HISTORY_FORMAT
    saved_at: dt.datetime
    result: Result
    answers: AnswerFile = AnswerFile()
    content_version: str | None = None
    #: The clinic's own id for the child (``--child-id``), when one was kept.
    child_id: Annotated[str, msgspec.Meta(min_length=1, max_length=64)] | None = None


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
    #: The clinic's own id for the child (``--child-id``), when one was kept.
    id: Annotated[str, msgspec.Meta(min_length=1, max_length=64)] | None = None


class HistoryPracticeLine(msgspec.Struct, kw_only=True, frozen=True, forbid_unknown_fields=True):
    """A practice logged, as one line of `history export` (``ottool-history-practice/1``)."""

    format: str = HISTORY_PRACTICE_FORMAT
    logged_at: dt.datetime
    child: PracticeChild
    activity: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    date: dt.date
    minutes: Annotated[int, msgspec.Meta(ge=1, le=1440)] | None = None
