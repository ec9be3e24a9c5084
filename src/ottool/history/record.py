"""One child's record over time: their screenings, the plan being practiced, the practice
kept and what moved to yes. What `ottool progress` and `ottool summary` show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ottool.formats import (
    AreaOverTime,
    FollowChild,
    NowYes,
    PracticeKept,
    Progress,
    ScreeningInBrief,
)
from ottool.history import list_screenings
from ottool.history.identity import ChildId
from ottool.history.practice import PracticeEntry, practice_of
from ottool.history.progress import (
    ActivityPractice,
    MilestoneMove,
    now_yes,
    practice_against_plan,
)
from ottool.history.saved import SavedScreening


@dataclass(frozen=True, slots=True)
class ChildRecord:
    child: ChildId
    today: dt.date
    screenings: list[SavedScreening]  # oldest first
    #: The latest screening on or before today: its plan is the one practiced.
    plan_screening: SavedScreening | None
    entries: list[PracticeEntry]
    practice: list[ActivityPractice]
    moves: list[MilestoneMove]

    @property
    def areas(self) -> list[str]:
        """Every area id of the screenings, in the order first seen."""
        seen: dict[str, None] = {}
        for s in self.screenings:
            seen.update(dict.fromkeys(s.domain_statuses))
        return list(seen)


def child_record(child: ChildId, today: dt.date, *, path: Path | None = None) -> ChildRecord:
    """Everything the history holds about ``child`` up to ``today``."""
    screenings = [s for s in list_screenings(child.name, path=path) if child.owns(s)]
    current = [s for s in screenings if s.date <= today.isoformat()]
    plan_screening = current[-1] if current else None
    entries = practice_of(child, path=path)
    practice: list[ActivityPractice] = []
    if plan_screening is not None and plan_screening.parsed is not None:
        plan = [(a.id, a.days_per_week or 7) for a in plan_screening.parsed.plan.activities]
        start = dt.date.fromisoformat(plan_screening.date)
        practice = practice_against_plan(
            plan, [(e.activity, e.date) for e in entries], start, today
        )
    return ChildRecord(
        child, today, screenings, plan_screening, entries, practice, now_yes(screenings)
    )


def progress_data(record: ChildRecord) -> Progress:
    """The record as `ottool-progress/1`."""
    plan = record.plan_screening
    return Progress(
        today=record.today,
        child=FollowChild(name=record.child.name, birth_date=record.child.birth_date),
        plan_screening=None if plan is None else plan.id,
        plan_date=None if plan is None else plan.date,
        practice=[
            PracticeKept(
                activity=p.activity,
                days_per_week=p.days_per_week,
                this_week=p.this_week,
                last_week=p.last_week,
                since_plan=p.since_plan,
                since_plan_target=p.since_plan_target,
                recent_days=list(p.recent_days),
            )
            for p in record.practice
        ],
        screenings=[
            ScreeningInBrief(
                id=s.id, date=s.date, checklist_months=s.checklist_months, overall=s.overall
            )
            for s in record.screenings
        ],
        areas=[
            AreaOverTime(id=a, statuses=[s.domain_statuses.get(a) for s in record.screenings])
            for a in record.areas
        ],
        now_yes=[
            NowYes(
                milestone=m.milestone,
                area=m.area,
                before=m.before,
                before_date=m.before_date,
                after_date=m.after_date,
            )
            for m in record.moves
        ],
    )
