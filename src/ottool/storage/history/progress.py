"""Progress between screenings (docs/design.md §10): how each area changed, which
milestones moved to yes, and the ``ottool-progress/1`` document of `ottool progress`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ottool.core.vocabulary import Change
from ottool.storage.history.saved import SavedScreening

if TYPE_CHECKING:
    from ottool.core.practice_kept import ActivityPractice
    from ottool.storage.history.identity import Child
    from ottool.storage.history.practice import CurrentPlan

__all__ = [
    "STATUS_RANK",
    "Change",
    "MilestoneMove",
    "area_change",
    "changes_since_previous",
    "now_yes",
    "progress_data",
]

#: How far along an area is, for comparing two screenings. ``incomplete`` (too few
#: answers) says nothing about the child, so it has no rank and is never compared.


STATUS_RANK: dict[str, int] = {"discuss": 0, "emerging": 1, "on_track": 2}


def area_change(before: str | None, after: str | None, *, same_checklist: bool = True) -> Change:
    """What changed in one area between two screenings.

    ``better`` when the status moved up (discuss < emerging < on_track), ``same`` when it
    did not move, ``needs_attention`` when it moved down on the same checklist's
    questions or down to ``discuss``, ``new_questions`` when it moved down to
    ``emerging`` on another (later, harder) checklist: the child met new questions,
    nothing went backwards. ``unknown`` when either screening had too few answers in
    that area (``incomplete``) or lacks the area.
    """
    if before not in STATUS_RANK or after not in STATUS_RANK:
        return "unknown"
    gap = STATUS_RANK[after] - STATUS_RANK[before]
    if gap > 0:
        return "better"
    if gap == 0:
        return "same"
    if not same_checklist and after != "discuss":
        return "new_questions"
    return "needs_attention"


def changes_since_previous(screenings: Sequence[SavedScreening]) -> dict[str, Change]:
    """Each area's change from the second-to-last screening to the last (oldest first in).

    Empty when there are fewer than two screenings. Areas of either screening appear.
    """
    if len(screenings) < 2:
        return {}
    first, last = screenings[-2], screenings[-1]
    before, after = first.domain_statuses, last.domain_statuses
    same = first.checklist_months == last.checklist_months
    areas = list(after) + [a for a in before if a not in after]
    return {a: area_change(before.get(a), after.get(a), same_checklist=same) for a in areas}


@dataclass(frozen=True, slots=True)
class MilestoneMove:
    """A milestone answered "not yet" or "sometimes" once and "yes" at a later screening."""

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
    """The milestones that moved from not yet (or sometimes) to yes (oldest screening
    first in); a milestone counts while its latest answer is yes ("not sure" is no news)."""
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


def progress_data(
    child: Child,
    today: dt.date,
    plan: CurrentPlan | None,
    kept: Sequence[ActivityPractice],
    screenings: Sequence[SavedScreening],
    moves: Sequence[MilestoneMove],
) -> dict[str, Any]:
    """The ``ottool-progress/1`` document (``formats.Progress``), JSON-ready."""
    import msgspec

    from ottool.storage.formats import (
        PROGRESS_FORMAT,
        AreaOverTime,
        FollowChild,
        FollowPlan,
        NowYes,
        PracticeKept,
        Progress,
        ScreeningInBrief,
    )

    areas: dict[str, None] = {}
    for s in screenings:
        areas.update(dict.fromkeys(s.domain_statuses))
    document = Progress(
        format=PROGRESS_FORMAT,
        today=today,
        child=FollowChild(name=child.name or None, birth_date=child.born),
        plan=None
        if plan is None
        else FollowPlan(kind=plan.kind, number=plan.number, date=plan.date),
        practice=[
            PracticeKept(
                activity=p.activity,
                days_per_week=p.days_per_week,
                this_week=p.this_week,
                last_week=p.last_week,
                since_plan=p.since_plan,
                since_plan_target=p.since_plan_target,
                minutes=p.minutes,
                recent_days=list(p.recent_days),
            )
            for p in kept
        ],
        screenings=[
            ScreeningInBrief(
                id=s.id, date=s.date, checklist_months=s.checklist_months, overall=s.overall
            )
            for s in screenings
        ],
        areas=[
            AreaOverTime(id=a, statuses=[s.domain_statuses.get(a) for s in screenings])
            for a in areas
        ],
        now_yes=[
            NowYes(
                milestone=m.milestone,
                area=m.area,
                before=m.before,
                before_date=m.before_date,
                after_date=m.after_date,
            )
            for m in moves
        ],
    )
    data: dict[str, Any] = msgspec.to_builtins(document)
    return data
