"""When to check again (docs/design.md §10): the next check date after a screening, and the
coming checks of a child. Pure functions of dates and the content's checklist ages.

The next check is:

- **now** (the screening date) when the result's ``act`` is sooner than any check
  (``emergency``, ``today``, ``days``, ``visit``): the step is to talk with
  someone, not to wait for a checklist;
- **recheck**, about four weeks (28 days) on after a ``monitor`` or ``incomplete``
  result (``act`` ``recheck``), or on the day the next checklist's age is reached
  when that comes sooner; a baby screened before the first checklist's age (a
  newborn) is rechecked on the day they reach it, never earlier;
- **next_checklist**, the day the child's age used reaches the next checklist's
  months (``act`` ``next_check``): corrected age while it applies, chronological
  from the second birthday on (correction stops at 24 months, so a preterm child
  can reach the 24-month checklist on their second birthday).

ottool's checklists stop at the content's ``max_months`` (whole months of age
used). A check is never before the screening date and never after the day the
child's age used reaches ``max_months + 1`` months, the first day ottool no longer
serves them. When the next check would fall there or later (a child beyond the
last checklist, or a recheck four weeks on that passes the limit), the check is
the hand-over on that day, with ``months`` None: no ottool checklist is due, and
the result names the doctor's developmental screening instead (AAP: at 9, 18 and
30 months; with the shipped ``max_months: 29`` the hand-over is the 30-month
birthday). ``why`` keeps the reason (``next_checklist`` or ``recheck``).
See docs/decisions.md ("Next check").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ottool.core.age import (
    FULL_TERM_WEEKS,
    MAX_AGE_MONTHS,
    age_of,
    checklist_for,
    due_date,
)
from ottool.core.errors import InputError, shown
from ottool.core.i18n import _
from ottool.core.vocabulary import ACTS, Act

if TYPE_CHECKING:
    from ottool.core.content import Content
    from ottool.core.screening import ScreeningResult

#: Why the next check is on its date.
Why = Literal["now", "recheck", "next_checklist"]
#: Acts sooner than any check (docs/design.md §4): the next check is the screening date.
NOW_ACTS: frozenset[Act] = frozenset({"emergency", "today", "days", "visit"})
#: About four weeks: a recheck after ``monitor`` or ``incomplete``.
RECHECK_DAYS = 28


@dataclass(frozen=True, slots=True)
class NextCheck:
    """A check date, the checklist months due then (None: the hand-over past the last
    checklist, see the module docstring), and why it is on that date."""

    date: dt.date
    months: int | None
    why: Why


def used_months_on(birth_date: dt.date, gestational_weeks: int, day: dt.date) -> int:
    """Whole months of age used on ``day`` (corrected while it applies)."""
    return age_of(birth_date, day, gestational_weeks).used.months


def reaches(
    birth_date: dt.date, gestational_weeks: int, months: int, *, not_before: dt.date
) -> dt.date:
    """The first day on or after ``not_before`` when the age used is ``months`` whole months.

    The age used never goes down from one day to the next (it jumps up on the
    second birthday, when correction stops), so the first such day is found by
    halving the span.
    """
    low = not_before
    if used_months_on(birth_date, gestational_weeks, low) >= months:
        return low
    # Months + 1 calendar months (31 days at most each) after the due date, the age
    # used has surely reached ``months``.
    start = max(birth_date, due_date(birth_date, gestational_weeks))
    high = max(low, start + dt.timedelta(days=31 * (months + 1)))
    while (high - low).days > 1:
        middle = low + (high - low) // 2
        if used_months_on(birth_date, gestational_weeks, middle) >= months:
            high = middle
        else:
            low = middle
    return high


def limit_months(max_months: int | None) -> int:
    """The last whole month of age used that ottool serves (``max_months``, else 5 years)."""
    return MAX_AGE_MONTHS - 1 if max_months is None else max_months


def next_check(
    birth_date: dt.date,
    screening_date: dt.date,
    act: Act | str,
    checklists: Collection[int],
    *,
    gestational_weeks: int = FULL_TERM_WEEKS,
    max_months: int | None = None,
) -> NextCheck:
    """The next check after a screening on ``screening_date`` whose result's act is ``act``.

    ``checklists`` are the content's checklist ages in months and ``max_months`` its
    oldest age served (``Content.checklists``, ``Content.max_months``). See the
    module docstring for the rules; in short:

    - ``emergency``/``today``/``days``/``visit``: ``NextCheck(screening_date, <the
      checklist used>, "now")``;
    - ``recheck``: 28 days on, or the day the next checklist's age is reached when
      sooner, ``why="recheck"``, ``months`` the checklist due on that day;
    - ``next_check``: the day the age used reaches the next checklist's months,
      ``why="next_checklist"``.

    Never before ``screening_date``; never after the day the age used reaches
    ``max_months + 1`` months, and on that day ``months`` is None (the hand-over to
    the doctor's developmental screening; no ottool checklist is left). Raises
    :class:`InputError` when there are no checklists, ``ValueError`` for an act that
    is not one of docs/design.md §4's (a bug in the caller).
    """
    if not checklists:
        raise InputError(_("the content has no checklists"))
    used_now = used_months_on(birth_date, gestational_weeks, screening_date)
    if act in NOW_ACTS:
        return NextCheck(screening_date, checklist_for(used_now, checklists).months, "now")
    if act not in ("recheck", "next_check"):
        raise ValueError(f"unknown act {shown(act)}; expected one of {', '.join(ACTS)}")
    limit = limit_months(max_months)
    hand_over = reaches(birth_date, gestational_weeks, limit + 1, not_before=screening_date)
    later = sorted(m for m in checklists if used_now < m <= limit)
    due = hand_over
    if later:
        due = reaches(birth_date, gestational_weeks, later[0], not_before=screening_date)
    why: Why = "next_checklist"
    if act == "recheck":
        why = "recheck"
        # A baby screened before the first checklist's age (a newborn, on the 2-month
        # checklist asked early) is checked again when they reach that age, as the
        # CDC's 2-month checklist is meant: four weeks on would ask the same questions
        # too early again.
        if used_now >= min(checklists):
            due = min(due, screening_date + dt.timedelta(days=RECHECK_DAYS), hand_over)
    if due >= hand_over:
        return NextCheck(hand_over, None, why)
    used = used_months_on(birth_date, gestational_weeks, due)
    return NextCheck(due, checklist_for(used, checklists).months, why)


def next_check_for(content: Content, result: ScreeningResult, act: Act | str) -> NextCheck:
    """:func:`next_check` for a scored screening and its ``act``, with the content's ages."""
    child = result.child
    return next_check(
        child.birth_date,
        result.date,
        act,
        content.checklists,
        gestational_weeks=child.gestational_weeks,
        max_months=content.max_months,
    )


def coming_checks(
    birth_date: dt.date,
    from_date: dt.date,
    checklists: Collection[int],
    *,
    gestational_weeks: int = FULL_TERM_WEEKS,
    max_months: int | None = None,
    hand_over: bool = True,
) -> tuple[NextCheck, ...]:
    """Every check from ``from_date`` on: each checklist's day, up to ``max_months``.

    One ``NextCheck(date, months, "next_checklist")`` per checklist whose age is
    reached on or after ``from_date`` (a checklist reached today is listed; one
    reached before is not), in date order; then, when ``hand_over``, the day ottool
    stops serving the child (age used ``max_months + 1`` months) with ``months``
    None, the doctor's developmental screening. For a calendar of coming checks.
    """
    limit = limit_months(max_months)
    checks = []
    for months in sorted(m for m in checklists if m <= limit):
        day = reaches(birth_date, gestational_weeks, months, not_before=birth_date)
        if day >= from_date:
            checks.append(NextCheck(day, months, "next_checklist"))
    if hand_over:
        day = reaches(birth_date, gestational_weeks, limit + 1, not_before=birth_date)
        if day >= from_date:
            checks.append(NextCheck(day, None, "next_checklist"))
    return tuple(checks)


def coming_after(
    first: NextCheck,
    birth_date: dt.date,
    today: dt.date,
    checklists: Collection[int],
    *,
    gestational_weeks: int = FULL_TERM_WEEKS,
    max_months: int | None = None,
) -> tuple[NextCheck, ...]:
    """The coming checks from ``today`` on, after a screening whose next check is ``first``.

    ``first`` comes first; when its day has passed (or it was "now"), it is due
    ``today``, on the checklist of the child's age today (the hand-over, months None,
    once ottool's checklists are behind the child). Then each later checklist's day up
    to ``max_months`` and the hand-over (:func:`coming_checks`), one check a checklist.
    Never before ``today``, never after the hand-over.
    """
    limit = limit_months(max_months)
    if first.date < today:
        used = used_months_on(birth_date, gestational_weeks, today)
        months = checklist_for(used, checklists).months if used <= limit else None
        first = NextCheck(today, months, first.why)
    later = coming_checks(
        birth_date,
        today,
        checklists,
        gestational_weeks=gestational_weeks,
        max_months=max_months,
    )
    if first.months is None:  # the hand-over: nothing comes after it
        return (first,)
    return (first, *(c for c in later if c.date > first.date and c.months != first.months))
