"""The coming checks of a child: the next check after their latest screening and every
checklist's day up to the content's ``max_months`` (the rules are
:mod:`ottool.next_check`'s; this module reads them off saved or fresh results)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ottool.age import checklist_for
from ottool.next_check import NextCheck, coming_checks, limit_months, next_check, used_months_on
from ottool.vocabulary import ACTS

if TYPE_CHECKING:
    from ottool.content import Content
    from ottool.history.saved import SavedScreening

#: The act a saved result stands for when it was saved without one (before results
#: named their act): the overall step's usual act.
ACT_OF_OVERALL = {
    "urgent": "today",
    "discuss": "visit",
    "monitor": "recheck",
    "incomplete": "recheck",
    "on_track": "next_check",
}


def act_of(result: dict[str, Any]) -> str:
    """The result's ``act``, or the one its overall step stands for."""
    act = result.get("act")
    if isinstance(act, str) and act in ACTS:
        return act
    return ACT_OF_OVERALL.get(str(result.get("overall")), "next_check")


def next_check_of(saved: SavedScreening, content: Content) -> NextCheck | None:
    """The next check after a saved screening; None when its result is not a whole one."""
    return next_check_after(saved.result, content)


def next_check_after(result: dict[str, Any], content: Content) -> NextCheck | None:
    """The next check after the screening in ``result`` (``ottool-result/1`` data)."""
    from ottool.age import FULL_TERM_WEEKS
    from ottool.history.saved import parse_result

    parsed = parse_result(result)
    if parsed is None:
        return None
    return next_check(
        parsed.child.birth_date,
        parsed.date,
        act_of(result),
        content.checklists,
        gestational_weeks=parsed.child.gestational_weeks or FULL_TERM_WEEKS,
        max_months=content.max_months,
    )


def coming_checks_after(
    result: dict[str, Any], content: Content, today: dt.date
) -> list[NextCheck]:
    """From ``today`` on: the next check after the screening in ``result`` (today when it
    is "now" or already due), then each later checklist's day up to ``max_months`` and
    the hand-over to the doctor's developmental screening; one check per checklist."""
    from ottool.age import FULL_TERM_WEEKS
    from ottool.history.saved import parse_result

    parsed = parse_result(result)
    first = next_check_after(result, content)
    if parsed is None or first is None:
        return []
    weeks = parsed.child.gestational_weeks or FULL_TERM_WEEKS
    if first.date < today:
        # Overdue: due today, on the checklist of the child's age today (or the hand-over
        # when ottool's checklists are behind them).
        used = used_months_on(parsed.child.birth_date, weeks, today)
        months = None
        if used <= limit_months(content.max_months):
            months = checklist_for(used, content.checklists).months
        first = NextCheck(today, months, first.why)
    checks = [first]
    for check in coming_checks(
        parsed.child.birth_date,
        today,
        content.checklists,
        gestational_weeks=weeks,
        max_months=content.max_months,
    ):
        if check.date > first.date and check.months != first.months:
            checks.append(check)
    return checks
