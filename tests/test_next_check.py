"""The next check date (docs/design.md §10): now, a recheck about four weeks on, or the next
checklist's age reached; never in the past, never past the ages ottool serves."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ottool.core.age import add_months, age_of, due_date
from ottool.core.errors import InputError
from ottool.core.next_check import (
    RECHECK_DAYS,
    NextCheck,
    coming_checks,
    next_check,
)
from properties import examples

CHECKLISTS = (2, 4, 6, 9, 12, 15, 18, 24)  # the shipped content's
MAX = 29
BORN = dt.date(2025, 12, 1)
PROPS = settings(max_examples=examples(150), deadline=None)


def check(
    seen: dt.date, act: str, *, born: dt.date = BORN, weeks: int = 40, max_months: int = MAX
) -> NextCheck:
    return next_check(born, seen, act, CHECKLISTS, gestational_weeks=weeks, max_months=max_months)


# --- the three reasons ---------------------------------------------------------------


@pytest.mark.parametrize("act", ["emergency", "today", "days", "visit"])
def test_a_talk_with_someone_act_makes_the_check_now(act: str) -> None:
    assert check(dt.date(2026, 12, 1), act) == NextCheck(dt.date(2026, 12, 1), 12, "now")


def test_on_track_is_checked_again_on_the_day_of_the_next_checklist() -> None:
    # 12 months on 1 December 2026: the 15-month checklist on 1 March 2027.
    assert check(dt.date(2026, 12, 1), "next_check") == NextCheck(
        dt.date(2027, 3, 1), 15, "next_checklist"
    )
    # Younger than the first checklist: its day.
    assert check(dt.date(2025, 12, 20), "next_check") == NextCheck(
        dt.date(2026, 2, 1), 2, "next_checklist"
    )


def test_monitor_is_checked_again_four_weeks_on() -> None:
    assert check(dt.date(2026, 12, 1), "recheck") == NextCheck(dt.date(2026, 12, 29), 12, "recheck")


def test_a_recheck_is_on_the_next_checklist_day_when_that_comes_first() -> None:
    # 8 months 24 days: the 9-month checklist in a week, before the four weeks are up.
    assert check(dt.date(2026, 8, 25), "recheck") == NextCheck(dt.date(2026, 9, 1), 9, "recheck")


def test_a_month_end_birth_reaches_its_checklist_on_the_last_day_of_a_short_month() -> None:
    born = dt.date(2025, 8, 31)
    # 4 months on 31 December; the 6-month checklist on 28 February.
    assert check(dt.date(2026, 1, 10), "next_check", born=born) == NextCheck(
        dt.date(2026, 2, 28), 6, "next_checklist"
    )


def test_a_preterm_baby_is_due_at_corrected_age() -> None:
    born = dt.date(2025, 1, 1)  # at 30 weeks: due 12 March
    assert due_date(born, 30) == dt.date(2025, 3, 12)
    got = check(dt.date(2025, 4, 1), "next_check", born=born, weeks=30)
    assert got == NextCheck(dt.date(2025, 5, 12), 2, "next_checklist")  # 2 months after due


def test_correction_stops_on_the_second_birthday() -> None:
    # Born at 30 weeks: corrected the 24-month checklist would be in March 2027, but on
    # the second birthday the age used is the chronological 24 months.
    born = dt.date(2025, 1, 1)
    got = check(dt.date(2026, 10, 1), "next_check", born=born, weeks=30)
    assert got == NextCheck(dt.date(2027, 1, 1), 24, "next_checklist")


# --- beyond the last checklist -------------------------------------------------------


def test_beyond_the_last_checklist_the_check_is_the_hand_over_at_30_months() -> None:
    # 25 months: no ottool checklist is left; the day ottool stops serving (30 months)
    # is the doctor's 30-month developmental screening, months None.
    seen = add_months(BORN, 25)
    assert check(seen, "next_check") == NextCheck(add_months(BORN, 30), None, "next_checklist")


def test_a_recheck_past_the_last_month_served_is_capped_at_the_hand_over() -> None:
    seen = add_months(BORN, 29) + dt.timedelta(days=10)  # 29 months 10 days: served
    got = check(seen, "recheck")
    assert got == NextCheck(add_months(BORN, 30), None, "recheck")
    assert got.date < seen + dt.timedelta(days=RECHECK_DAYS)


def test_a_recheck_that_stays_within_the_ages_served_keeps_its_checklist() -> None:
    seen = add_months(BORN, 28)
    assert check(seen, "recheck") == NextCheck(seen + dt.timedelta(days=28), 24, "recheck")


def test_content_without_an_age_limit_hands_over_at_five_years() -> None:
    got = next_check(BORN, add_months(BORN, 25), "next_check", CHECKLISTS)
    assert got == NextCheck(add_months(BORN, 60), None, "next_checklist")


def test_no_checklists_is_an_input_error_and_an_unknown_act_a_bug() -> None:
    with pytest.raises(InputError, match="no checklists"):
        next_check(BORN, BORN, "next_check", ())
    with pytest.raises(ValueError, match="unknown act 'soon'"):
        next_check(BORN, BORN, "soon", CHECKLISTS)


# --- the coming checks ---------------------------------------------------------------


def test_coming_checks_list_each_checklist_day_then_the_hand_over() -> None:
    got = coming_checks(BORN, dt.date(2026, 12, 1), CHECKLISTS, max_months=MAX)
    assert [(c.date, c.months) for c in got] == [
        (dt.date(2026, 12, 1), 12),  # today's checklist is still coming
        (dt.date(2027, 3, 1), 15),
        (dt.date(2027, 6, 1), 18),
        (dt.date(2027, 12, 1), 24),
        (dt.date(2028, 6, 1), None),
    ]
    assert {c.why for c in got} == {"next_checklist"}
    without = coming_checks(BORN, dt.date(2026, 12, 2), CHECKLISTS, max_months=MAX, hand_over=False)
    assert [c.months for c in without] == [15, 18, 24]


def test_coming_checks_of_a_preterm_baby_are_at_corrected_age_until_two() -> None:
    born = dt.date(2025, 1, 1)  # 30 weeks, due 12 March 2025
    got = coming_checks(born, born, CHECKLISTS, gestational_weeks=30, max_months=MAX)
    assert got[0] == NextCheck(dt.date(2025, 5, 12), 2, "next_checklist")
    assert got[-2] == NextCheck(dt.date(2027, 1, 1), 24, "next_checklist")
    assert got[-1] == NextCheck(dt.date(2027, 7, 1), None, "next_checklist")


# --- properties ----------------------------------------------------------------------

births = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2026, 12, 31))
weeks_st = st.integers(min_value=22, max_value=44)
ages = st.integers(min_value=0, max_value=29 * 31)
acts = st.sampled_from(["emergency", "today", "days", "visit", "recheck", "next_check"])


def _served_screening(born: dt.date, days: int, weeks: int) -> dt.date | None:
    seen = born + dt.timedelta(days=days)
    return seen if age_of(born, seen, weeks).used.months <= MAX else None


def _hand_over(born: dt.date, weeks: int) -> dt.date:
    return coming_checks(born, born, CHECKLISTS, gestational_weeks=weeks, max_months=MAX)[-1].date


@PROPS
@given(born=births, days=ages, weeks=weeks_st, act=acts)
def test_never_before_the_screening_nor_after_the_ages_served(
    born: dt.date, days: int, weeks: int, act: str
) -> None:
    seen = _served_screening(born, days, weeks)
    if seen is None:
        return
    got = check(seen, act, born=born, weeks=weeks)
    assert got.date >= seen
    used = age_of(born, got.date, weeks).used.months
    if got.months is None:
        # only the hand-over: the first day past max_months, never later
        assert got.date == _hand_over(born, weeks)
        assert used == MAX + 1
    else:
        assert used <= MAX
        assert got.months in CHECKLISTS and got.months <= max(used, min(CHECKLISTS))
    if act in ("emergency", "today", "days", "visit"):
        assert (got.date, got.why) == (seen, "now")
    if act == "recheck" and age_of(born, seen, weeks).used.months >= min(CHECKLISTS):
        assert got.date <= seen + dt.timedelta(days=RECHECK_DAYS)
    elif act == "recheck":  # screened before the first checklist's age: checked at it
        assert (got.date, got.months) == (
            coming_checks(born, born, CHECKLISTS, gestational_weeks=weeks, max_months=MAX)[0].date,
            min(CHECKLISTS),
        )


@PROPS
@given(born=births, days=ages, weeks=weeks_st)
def test_a_recheck_is_never_later_than_the_next_checklist(
    born: dt.date, days: int, weeks: int
) -> None:
    seen = _served_screening(born, days, weeks)
    if seen is None:
        return
    monitor = check(seen, "recheck", born=born, weeks=weeks)
    on_track = check(seen, "next_check", born=born, weeks=weeks)
    now = check(seen, "visit", born=born, weeks=weeks)
    assert now.date <= monitor.date <= on_track.date


@PROPS
@given(born=births, days=ages, weeks=weeks_st)
def test_the_next_checklist_is_due_on_the_day_its_age_is_reached(
    born: dt.date, days: int, weeks: int
) -> None:
    seen = _served_screening(born, days, weeks)
    if seen is None:
        return
    got = check(seen, "next_check", born=born, weeks=weeks)
    if got.months is None:
        return
    assert got.date > seen
    assert age_of(born, got.date, weeks).used.months >= got.months
    assert age_of(born, got.date - dt.timedelta(days=1), weeks).used.months < got.months
    assert got in coming_checks(born, seen, CHECKLISTS, gestational_weeks=weeks, max_months=MAX)


@PROPS
@given(born=births, days=ages, weeks=weeks_st, act=acts, later=st.integers(0, 400))
def test_the_coming_checks_are_never_in_the_past_nor_after_the_ages_served(
    born: dt.date, days: int, weeks: int, act: str, later: int
) -> None:
    """``ottool next`` and the calendar: from today on, one check a checklist, in date
    order, never before today, never after the hand-over."""
    from ottool.core.next_check import coming_after

    seen = _served_screening(born, days, weeks)
    if seen is None:
        return
    first = check(seen, act, born=born, weeks=weeks)
    today = seen + dt.timedelta(days=later)
    got = coming_after(first, born, today, CHECKLISTS, gestational_weeks=weeks, max_months=MAX)
    assert got and all(c.date >= today for c in got)
    assert all(c.date <= max(_hand_over(born, weeks), today) for c in got)
    assert [c.date for c in got] == sorted(c.date for c in got)
    months = [c.months for c in got]
    assert len(months) == len(set(months))  # one check a checklist
    assert None not in months[:-1]  # the hand-over, when listed, is the last
    if first.date >= today:
        assert got[0] == first
