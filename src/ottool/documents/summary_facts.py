"""The facts of the doctor's summary, ``ottool-summary/1`` (``summary --format json``):
ids, codes, dates and numbers, never a sentence, the same in every language.

They are gathered from the history by :mod:`ottool.storage.summary_facts` and worded
by :func:`ottool.documents.summary_document.build_summary_document`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ottool.core.age import FULL_TERM_WEEKS, age_of

SUMMARY_FORMAT = "ottool-summary/1"


@dataclass(frozen=True, slots=True)
class SignFact:
    """A warning sign reported at a screening: its id, level and time frame."""

    id: str
    level: str | None = None
    act: str | None = None


@dataclass(frozen=True, slots=True)
class ScreeningFact:
    """One saved screening as the summary uses it."""

    number: int
    date: dt.date
    checklist_months: int | None
    age_used_months: float | None
    corrected: bool
    overall: str | None
    act: str | None
    #: Each area's status by area id, in the result's order.
    areas: dict[str, str]
    signs: tuple[SignFact, ...] = ()
    concerns: str | None = None
    #: Referral kinds the result suggested (None in results older than them).
    referrals: tuple[str, ...] | None = None
    #: The milestones answered "not yet" and "sometimes" (ids, in the result's order).
    not_yet: tuple[str, ...] = ()
    sometimes: tuple[str, ...] = ()
    #: The region whose early-intervention route the result named (None: neutral).
    region: str | None = None


@dataclass(frozen=True, slots=True)
class PlanActivity:
    """An activity of the plan being practiced, and its dose."""

    id: str
    minutes: int | None = None
    times_per_day: int | None = None
    days_per_week: int | None = None
    #: A clinic's own activity: its card's title, as the plan given kept it.
    name: str | None = None


@dataclass(frozen=True, slots=True)
class PlanFact:
    """The plan being practiced: the latest plan given, else the latest screening's."""

    date: dt.date
    #: "given" (a therapist's plan kept with `plan --save`) or "screening".
    source: str
    activities: tuple[PlanActivity, ...]
    number: int | None = None
    #: Who gave it (a plan given with --therapist), so the doctor knows whom to call.
    therapist: str | None = None


@dataclass(frozen=True, slots=True)
class PracticeFact:
    """Practice kept of one activity of the plan since it began (``core/practice_kept.py``):
    days practiced against the days its dose asks for, this week's and last week's."""

    activity: str
    days_per_week: int
    this_week: int
    last_week: int
    days_practiced: int
    days_asked: int
    minutes: int = 0


@dataclass(frozen=True, slots=True)
class NextCheckFact:
    """When to check again (docs/design.md §10), from the latest screening and today.

    ``overdue`` is True when that check's day has passed with no screening since.
    """

    date: dt.date
    months: int | None
    why: str
    overdue: bool = False
    #: The checklist of the child's age today, when it is a later one than the latest
    #: screening's (its day has passed with no screening since).
    now_months: int | None = None


@dataclass(frozen=True, slots=True)
class AgeFact:
    chronological_months: float
    corrected_months: float | None
    corrected: bool


@dataclass(frozen=True, slots=True)
class SummaryFacts:
    """``ottool-summary/1``: one child's history as the doctor's page uses it."""

    today: dt.date
    name: str | None
    birth_date: dt.date | None
    gestational_weeks: int | None
    age_today: AgeFact | None
    screenings: tuple[ScreeningFact, ...]
    plan: PlanFact | None
    #: None when this history keeps no practice log; empty when nothing is logged.
    practice: tuple[PracticeFact, ...] | None
    next_check: NextCheckFact | None
    #: The first check from today on (a checklist's day or the hand-over), said after a
    #: check that is overdue or "now".
    coming_check: NextCheckFact | None = None
    #: The clinic's own id for the child (``--child-id``), when one was given.
    child_id: str | None = None
    format: str = SUMMARY_FORMAT


def age_fact(birth_date: dt.date, today: dt.date, weeks: int | None) -> AgeFact:
    """The child's age today, corrected while it applies (docs/design.md §3)."""
    age = age_of(birth_date, today, weeks or FULL_TERM_WEEKS)
    corrected = age.corrected_months
    return AgeFact(
        chronological_months=round(age.chronological_months, 2),
        corrected_months=None if corrected is None else round(corrected, 2),
        corrected=age.corrected,
    )
