"""Practice kept (docs/design.md §10): per activity of a plan, the days practiced against
its dose. Pure functions of dates; what `ottool progress` and `ottool summary` show.

A day counts once however many times the activity was practiced that day. A week runs
Monday to Sunday; "this week" is the current one up to today. The plan's span runs
from the day it began (the plan given, or the screening) to today; its target is the
dose (days a week) over that span, rounded up and never more than the days in it.
Days before the plan began (another plan's) and after today are not counted.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: Days a week when a plan says nothing (the content's default dose).
EVERY_DAY = 7


@dataclass(frozen=True, slots=True)
class ActivityPractice:
    """How often one activity of the plan was practiced, against the plan's dose."""

    activity: str
    days_per_week: int
    this_week: int
    last_week: int
    #: Days practiced since the plan began, up to today.
    since_plan: int
    #: The days the dose asks for over that span (days a week × weeks, rounded up).
    since_plan_target: int
    #: Minutes logged since the plan began (entries without minutes add nothing).
    minutes: int
    #: The days of last week and this one that were practiced, oldest first.
    recent_days: tuple[dt.date, ...]
    #: Every day from last week's Monday to today, oldest first (for a grid).
    recent_span: tuple[dt.date, ...]

    @property
    def kept_share(self) -> float:
        """Days practiced over the days the dose asks for (0 to 1; 1 when none are due)."""
        if self.since_plan_target == 0:
            return 1.0
        return min(1.0, self.since_plan / self.since_plan_target)


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def practice_kept(
    plan: Sequence[tuple[str, int | None]],
    practiced: Iterable[tuple[str, dt.date, int | None]],
    start: dt.date,
    today: dt.date,
) -> list[ActivityPractice]:
    """Per activity of ``plan`` ((id, days a week or None for every day), in plan
    order), the days practiced from ``start`` (the plan's first day) to ``today``.

    ``practiced`` holds (activity id, day, minutes or None) for each logged practice,
    in any order; practice of activities not in the plan is not counted here.
    """
    this_monday = week_start(today)
    last_monday = this_monday - dt.timedelta(days=7)
    span_days = max((today - start).days + 1, 0)
    recent = tuple(
        last_monday + dt.timedelta(days=n) for n in range((today - last_monday).days + 1)
    )
    entries = [(a, d, m) for a, d, m in practiced if start <= d <= today]
    out = []
    for activity, dose in plan:
        days_per_week = dose or EVERY_DAY
        days = {d for a, d, _m in entries if a == activity}
        out.append(
            ActivityPractice(
                activity=activity,
                days_per_week=days_per_week,
                this_week=sum(1 for d in days if d >= this_monday),
                last_week=sum(1 for d in days if last_monday <= d < this_monday),
                since_plan=len(days),
                since_plan_target=min(span_days, math.ceil(days_per_week * span_days / 7)),
                minutes=sum(m or 0 for a, _d, m in entries if a == activity),
                recent_days=tuple(sorted(d for d in days if d >= last_monday)),
                recent_span=recent,
            )
        )
    return out
