"""`ottool-progress/1` (:class:`Progress`): what `ottool progress --format json` writes."""

from __future__ import annotations

import datetime as dt

import msgspec

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
