"""The facts of one child's summary for the doctor, gathered from the history.

Which child (a name and a birth date, docs/design.md §11), their saved screenings, the
plan being practiced (the latest plan given with `plan --save`, else the latest
screening's) and the next check (``core/next_check.py``), as
:class:`~ottool.documents.summary_facts.SummaryFacts`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, cast

from ottool.documents.summary_facts import (
    NextCheckFact,
    PlanActivity,
    PlanFact,
    PracticeFact,
    ScreeningFact,
    SignFact,
    SummaryFacts,
    age_fact,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ottool.core.content import Content
    from ottool.core.next_check import Why
    from ottool.core.practice_kept import ActivityPractice
    from ottool.storage.formats import ResultNextCheck
    from ottool.storage.history.identity import Child
    from ottool.storage.history.plans import SavedPlan
    from ottool.storage.history.saved import SavedScreening


def summary_facts(
    child: Child,
    content: Content,
    today: dt.date,
    kept: Sequence[ActivityPractice] | None = None,
) -> SummaryFacts:
    """Everything the summary says about ``child``, as of ``today``; ``kept`` is the
    practice kept of the current plan's activities (None: no practice log to read)."""
    from ottool.storage.history import list_screenings
    from ottool.storage.history.plans import list_plans

    saved = [
        s
        for s in list_screenings(child.name, born=child.born, child_id=child.child_id or None)
        if s.parsed is not None
    ]
    screenings = tuple(_screening(s) for s in saved)
    latest = saved[-1].parsed if saved else None
    birth = dt.date.fromisoformat(child.birth_date) if child.birth_date else None
    if birth is None and latest is not None:
        birth = latest.child.birth_date
    weeks = next(
        (
            s.parsed.child.gestational_weeks
            for s in reversed(saved)
            if s.parsed is not None and s.parsed.child.gestational_weeks
        ),
        None,
    )
    plan = _plan(saved, list_plans(child.name, born=child.born, child_id=child.child_id or None))
    return SummaryFacts(
        today=today,
        name=child.name,
        child_id=child.child_id or None,
        birth_date=birth,
        gestational_weeks=weeks,
        age_today=None if birth is None or birth > today else age_fact(birth, today, weeks),
        screenings=screenings,
        plan=plan,
        practice=None if kept is None else tuple(_practice(p) for p in kept),
        next_check=_next_check(
            screenings, birth, weeks, content, today, latest.next_check if latest else None
        ),
        coming_check=_coming(birth, weeks, content, today),
    )


def _screening(saved: SavedScreening) -> ScreeningFact:
    result = saved.parsed
    assert result is not None
    return ScreeningFact(
        number=saved.id,
        date=result.date,
        checklist_months=result.checklist.months,
        age_used_months=result.age.used_months,
        corrected=result.age.corrected,
        overall=result.overall,
        act=result.act,
        areas={d.id: d.status for d in result.domains},
        signs=tuple(SignFact(s.id, s.level, s.act) for s in result.warning_signs),
        concerns=result.concerns,
        referrals=None if result.referrals is None else tuple(result.referrals),
        not_yet=tuple(m for d in result.domains for m in d.not_yet),
        sometimes=tuple(m for d in result.domains for m in d.sometimes),
        region=result.region,
    )


def _practice(kept: ActivityPractice) -> PracticeFact:
    return PracticeFact(
        activity=kept.activity,
        days_per_week=kept.days_per_week,
        this_week=kept.this_week,
        last_week=kept.last_week,
        days_practiced=kept.since_plan,
        days_asked=kept.since_plan_target,
        minutes=kept.minutes,
    )


def _plan(saved: list[SavedScreening], plans: list[SavedPlan]) -> PlanFact | None:
    """The latest plan given, unless a screening came after it (then that one's plan)."""
    given = next((p for p in reversed(plans) if p.plan is not None), None)
    latest = saved[-1].parsed if saved else None
    plan = given.plan if given is not None else None
    if given is not None and plan is not None and (latest is None or plan.date >= latest.date):
        return PlanFact(
            date=plan.date,
            source="given",
            number=given.id,
            therapist=plan.therapist or given.therapist,
            activities=tuple(
                PlanActivity(
                    a.id,
                    a.minutes,
                    a.times_per_day,
                    a.days_per_week or a.card_days_per_week,
                    a.name,
                )
                for a in plan.activities
            ),
        )
    if latest is None or not latest.plan.activities:
        return None
    return PlanFact(
        date=latest.date,
        source="screening",
        number=saved[-1].id,
        activities=tuple(
            PlanActivity(a.id, a.minutes, a.times_per_day, a.days_per_week)
            for a in latest.plan.activities
        ),
    )


def _next_check(
    screenings: tuple[ScreeningFact, ...],
    birth: dt.date | None,
    weeks: int | None,
    content: Content,
    today: dt.date,
    recorded: ResultNextCheck | None = None,
) -> NextCheckFact | None:
    """The next check after the latest screening; a day passed with no screening since is
    ``overdue``. Without a screening, the next checklist's day from today. The check the
    latest result ``recorded`` is the one the family was told (and `ottool next` lists):
    it wins over one worked out again (near the end of the checklists, the doctor's
    30-month screening rather than a recheck)."""
    from ottool.core.age import FULL_TERM_WEEKS
    from ottool.core.next_check import NextCheck, next_check

    if birth is None or not content.checklists:
        return None
    gestation = weeks or FULL_TERM_WEEKS
    if not screenings:
        return _coming(birth, weeks, content, today)
    latest = screenings[-1]
    found = (
        NextCheck(recorded.date, recorded.months, cast("Why", recorded.why))
        if recorded is not None
        else next_check(
            birth,
            latest.date,
            latest.act or "next_check",
            content.checklists,
            gestational_weeks=gestation,
            max_months=content.max_months,
        )
    )
    overdue = found.why != "now" and found.date < today
    now_months = None
    from ottool.core.age import checklist_for
    from ottool.core.next_check import limit_months, used_months_on

    used = used_months_on(birth, gestation, today)
    if used <= limit_months(content.max_months):
        current = checklist_for(used, content.checklists).months
        if latest.checklist_months is None or current > latest.checklist_months:
            now_months = current  # a later checklist is due by the child's age today
    return NextCheckFact(found.date, found.months, found.why, overdue, now_months)


def _coming(
    birth: dt.date | None, weeks: int | None, content: Content, today: dt.date
) -> NextCheckFact | None:
    """The first check from ``today`` on: a checklist's day, or the hand-over."""
    from ottool.core.age import FULL_TERM_WEEKS
    from ottool.core.next_check import coming_checks

    if birth is None or not content.checklists:
        return None
    coming = coming_checks(
        birth, today, content.checklists, gestational_weeks=weeks or FULL_TERM_WEEKS,
        max_months=content.max_months,
    )  # fmt: skip
    return NextCheckFact(coming[0].date, coming[0].months, coming[0].why) if coming else None
