"""Progress over time: how each area changed between screenings, which milestones
moved to yes, and how much of the plan's practice was kept."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ottool.history.saved import SavedScreening


Change = Literal["better", "same", "needs_attention", "unknown"]

#: How far along an area is, for comparing two screenings. ``incomplete`` (too few
#: answers) says nothing about the child, so it has no rank and is never compared.


STATUS_RANK: dict[str, int] = {"discuss": 0, "emerging": 1, "on_track": 2}


def area_change(before: str | None, after: str | None) -> Change:
    """What changed in one area between two screenings.

    ``better`` when the status moved up (discuss < emerging < on_track), ``same`` when it
    did not move, ``needs_attention`` when it moved down, ``unknown`` when either
    screening had too few answers in that area (``incomplete``) or lacks the area.
    """
    if before not in STATUS_RANK or after not in STATUS_RANK:
        return "unknown"
    gap = STATUS_RANK[after] - STATUS_RANK[before]
    return "better" if gap > 0 else "same" if gap == 0 else "needs_attention"


def changes_since_previous(screenings: Sequence[SavedScreening]) -> dict[str, Change]:
    """Each area's change from the second-to-last screening to the last (oldest first in).

    Empty when there are fewer than two screenings. Areas of either screening appear.
    """
    if len(screenings) < 2:
        return {}
    before, after = screenings[-2].domain_statuses, screenings[-1].domain_statuses
    areas = list(after) + [a for a in before if a not in after]
    return {a: area_change(before.get(a), after.get(a)) for a in areas}


# --------------------------------------------------------------------------- practice kept


@dataclass(frozen=True, slots=True)
class ActivityPractice:
    """How often one activity of the plan was practiced, against the plan's dose.

    Days count once however many times that day it was practiced. A week runs Monday
    to Sunday; "this week" is the current one, up to today.
    """

    activity: str
    days_per_week: int
    this_week: int
    last_week: int
    #: Days practiced since the plan began (its screening's date) up to today.
    since_plan: int
    #: The days the dose asks for over that span (days a week × weeks, rounded up).
    since_plan_target: int
    #: The days of the last two weeks practiced, oldest first (for a small grid).
    recent_days: tuple[dt.date, ...]
    #: The last two weeks' days, Monday of last week to today.
    recent_span: tuple[dt.date, ...]


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def practice_against_plan(
    plan: Sequence[tuple[str, int]],
    practiced: Sequence[tuple[str, dt.date]],
    start: dt.date,
    today: dt.date,
) -> list[ActivityPractice]:
    """Per activity of ``plan`` ((id, days a week), in plan order), the days practiced.

    ``practiced`` holds (activity id, day) pairs, any order; days before ``start``
    (another plan's) and after ``today`` are not counted.
    """
    this_monday = week_start(today)
    last_monday = this_monday - dt.timedelta(days=7)
    span_days = max((today - start).days + 1, 0)
    recent = tuple(
        last_monday + dt.timedelta(days=n) for n in range((today - last_monday).days + 1)
    )
    out = []
    for activity, days_per_week in plan:
        days = {d for a, d in practiced if a == activity and start <= d <= today}
        out.append(
            ActivityPractice(
                activity=activity,
                days_per_week=days_per_week,
                this_week=sum(1 for d in days if d >= this_monday),
                last_week=sum(1 for d in days if last_monday <= d < this_monday),
                since_plan=len(days),
                since_plan_target=min(span_days, math.ceil(days_per_week * span_days / 7)),
                recent_days=tuple(sorted(d for d in days if d >= last_monday)),
                recent_span=recent,
            )
        )
    return out


# --------------------------------------------------------------------------- answers over time


@dataclass(frozen=True, slots=True)
class MilestoneMove:
    """A milestone answered "not yet" or "sometimes" once and "yes" at the latest screening."""

    milestone: str
    area: str
    before: str  # not_yet or sometimes: the last answer before it became yes
    before_date: str
    after_date: str  # the screening where it was first yes after that


def answers_by_milestone(screening: SavedScreening) -> dict[str, tuple[str, str]]:
    """Milestone id → (area id, answer) as one saved screening recorded them."""
    found: dict[str, tuple[str, str]] = {}
    parsed = screening.parsed
    if parsed is None:
        return found
    for area in parsed.domains:
        for answer in ("not_yet", "sometimes", "unsure", "yes"):
            for milestone in getattr(area, answer):
                found[milestone] = (area.id, answer)
    return found


def now_yes(screenings: Sequence[SavedScreening]) -> list[MilestoneMove]:
    """The milestones that moved from not yet (or sometimes) to yes, oldest screening first
    in; a milestone counts when its latest answer is yes."""
    last: dict[str, tuple[str, str, str]] = {}  # milestone → (area, answer, date)
    moves: dict[str, MilestoneMove] = {}
    for s in screenings:
        for milestone, (area, answer) in answers_by_milestone(s).items():
            before = last.get(milestone)
            if answer == "yes" and before is not None and before[1] in ("not_yet", "sometimes"):
                moves[milestone] = MilestoneMove(milestone, area, before[1], before[2], s.date)
            elif answer in ("not_yet", "sometimes"):
                moves.pop(milestone, None)
            if answer != "unsure":
                last[milestone] = (area, answer, s.date)
    return list(moves.values())
