"""Age rules (docs/design.md §3): chronological and corrected age, months, checklist choice."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ottool.core.age import (
    Age,
    CalendarAge,
    add_months,
    age_in_words,
    age_on,
    checklist_for,
    due_date,
    months_in_words,
)
from ottool.core.errors import InputError
from properties import examples

TODAY = dt.date(2026, 11, 1)
BIRTH = dt.date(2025, 1, 1)
CHECKLISTS = (2, 4, 6)
PROPS = settings(max_examples=examples(150), deadline=None)


def after(days: int, start: dt.date = BIRTH) -> dt.date:
    return start + dt.timedelta(days=days)


# --- chronological and corrected age -------------------------------------------------


def test_chronological_age_is_the_difference_in_days() -> None:
    age = age_on(dt.date(2026, 1, 1), dt.date(2026, 3, 2), today=TODAY)
    assert age.chronological_days == 31 + 28 + 1  # January, February, 1 March
    assert age.corrected_days is None
    assert not age.corrected
    assert age.corrected_months is None
    assert age.used_days == 60


def test_full_term_by_default_means_no_correction() -> None:
    age = age_on(BIRTH, after(100), today=TODAY)
    assert age.corrected_days is None
    assert age.used_days == 100


def test_born_at_36_weeks_is_corrected() -> None:
    age = age_on(BIRTH, after(100), 36, today=TODAY)
    assert age.corrected
    assert age.corrected_days == 100 - (40 - 36) * 7  # 72
    assert age.used_days == 72
    assert age.chronological_days == 100


def test_born_at_37_weeks_is_not_corrected() -> None:
    age = age_on(BIRTH, after(100), 37, today=TODAY)
    assert not age.corrected
    assert age.corrected_days is None
    assert age.used_days == 100


def test_corrected_days_formula_for_very_preterm() -> None:
    # 24 weeks: 16 weeks early, 112 days. Born 2025-01-01, due 2025-04-23; seen 2025-10-28.
    age = age_on(BIRTH, after(300), 24, today=TODAY)
    assert age.corrected_days == 300 - 112
    assert age.corrected_age == CalendarAge(6, 5, 31)  # 23 April → 23 October, + 5 days
    assert age.corrected_months == pytest.approx(6 + 5 / 31)
    assert age.used_months == age.corrected_months
    assert age.chronological == CalendarAge(9, 27, 31)  # 1 January → 1 October, + 27 days
    assert age.chronological_months == pytest.approx(9 + 27 / 31)


def test_correction_stops_at_24_months() -> None:
    born = dt.date(2024, 1, 15)
    # 730 days: a day short of two calendar years, still corrected.
    under = age_on(born, dt.date(2026, 1, 14), 30, today=TODAY)
    assert under.chronological_days == 730
    assert under.chronological.months == 23
    assert under.corrected_days == 730 - 70
    # The second birthday: no longer corrected.
    at = age_on(born, dt.date(2026, 1, 15), 30, today=TODAY)
    assert at.chronological == CalendarAge(24, 0, 31)
    assert at.corrected_days is None
    assert at.used_days == 731
    assert at.used_months == 24


def test_corrected_age_before_the_due_date_is_zero_not_negative() -> None:
    # Born at 28 weeks, screened 30 days later: 12 weeks before the due date.
    age = age_on(BIRTH, after(30), 28, today=TODAY)
    assert age.corrected_days == 0
    assert age.used_months == 0


# --- calendar months -----------------------------------------------------------------


def test_a_first_birthday_is_12_months_not_11_months_and_4_weeks() -> None:
    # The reviewer's case: 365 days is 11.99 months of 30.4375 days, but a year by the calendar.
    age = age_on(dt.date(2025, 12, 1), dt.date(2026, 12, 1), today=dt.date(2027, 1, 1))
    assert age.used == CalendarAge(12, 0, 31)
    assert age.used_months == 12.0
    assert checklist_for(age.used_months, (2, 4, 6, 9, 12, 15)).months == 12
    assert age_in_words(age.used) == "1 year"


@pytest.mark.parametrize(
    ("born", "seen", "months", "days"),
    [
        # A month later is the same day number, or that month's last day when it has none.
        (dt.date(2025, 1, 31), dt.date(2025, 2, 27), 0, 27),
        (dt.date(2025, 1, 31), dt.date(2025, 2, 28), 1, 0),
        (dt.date(2024, 1, 31), dt.date(2024, 2, 28), 0, 28),  # a leap year: 29 February
        (dt.date(2024, 1, 31), dt.date(2024, 2, 29), 1, 0),
        (dt.date(2025, 1, 31), dt.date(2025, 3, 30), 1, 30),  # 28 February + 30 days
        (dt.date(2025, 1, 31), dt.date(2025, 3, 31), 2, 0),
        (dt.date(2025, 3, 31), dt.date(2025, 4, 30), 1, 0),
        (dt.date(2025, 8, 31), dt.date(2026, 2, 28), 6, 0),
        (dt.date(2024, 2, 29), dt.date(2025, 2, 28), 12, 0),  # a leap-day birthday
        (dt.date(2025, 3, 15), dt.date(2025, 9, 14), 5, 30),
        (dt.date(2025, 3, 15), dt.date(2025, 9, 15), 6, 0),
    ],
)
def test_calendar_months_at_month_ends(
    born: dt.date, seen: dt.date, months: int, days: int
) -> None:
    used = age_on(born, seen, today=TODAY).used
    assert (used.months, used.days) == (months, days)


def test_add_months_keeps_the_day_or_takes_the_last_one() -> None:
    assert add_months(dt.date(2025, 1, 31), 1) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2025, 1, 31), 3) == dt.date(2025, 4, 30)
    assert add_months(dt.date(2025, 11, 15), 2) == dt.date(2026, 1, 15)
    assert add_months(dt.date(2026, 1, 15), -2) == dt.date(2025, 11, 15)


def test_preterm_corrected_age_counts_calendar_months_from_the_due_date() -> None:
    # Born 2025-03-01 at 32 weeks: due 8 weeks later, 2025-04-26.
    born = dt.date(2025, 3, 1)
    assert due_date(born, 32) == dt.date(2025, 4, 26)
    age = age_on(born, dt.date(2025, 10, 26), 32, today=TODAY)
    assert age.used == CalendarAge(6, 0, 31)  # six months from the due date, to the day
    assert age.chronological == CalendarAge(7, 25, 31)
    assert checklist_for(age.used_months, (2, 4, 6, 9)).months == 6
    day_before = age_on(born, dt.date(2025, 10, 25), 32, today=TODAY)
    assert day_before.used.months == 5
    assert checklist_for(day_before.used_months, (2, 4, 6, 9)).months == 4


def test_decimal_months_divide_by_the_days_of_that_month() -> None:
    # From 15 February the month counted is 15 February → 15 March: 28 days.
    age = age_on(dt.date(2025, 1, 15), dt.date(2025, 3, 1), today=TODAY)
    assert age.used == CalendarAge(1, 14, 28)
    assert age.used_months == 1.5
    assert Age(0, None, TODAY).used_months == 0


def test_tenths_are_cut_not_rounded() -> None:
    # 11 months and 30 days of 31: 11.97 months, written 11.9 (its checklist is still 9).
    assert CalendarAge(11, 30, 31).tenths == 11.9
    assert CalendarAge(12, 0, 31).tenths == 12.0
    assert CalendarAge(4, 18, 30).tenths == 4.6
    assert CalendarAge(0, 3, 30).tenths == 0.1


def test_same_day_screening_is_age_zero() -> None:
    age = age_on(BIRTH, BIRTH, today=TODAY)
    assert age.chronological_days == 0
    assert age.used_months == 0


# --- errors --------------------------------------------------------------------------


def test_future_birth_date_is_an_input_error() -> None:
    with pytest.raises(InputError) as err:
        age_on(dt.date(2026, 12, 1), dt.date(2026, 12, 5), today=TODAY)
    assert "birth date 2026-12-01 is in the future" in str(err.value)


def test_future_screening_date_is_an_input_error() -> None:
    with pytest.raises(InputError, match="screening date 2026-11-02 is in the future"):
        age_on(BIRTH, dt.date(2026, 11, 2), today=TODAY)


def test_screening_before_birth_is_an_input_error() -> None:
    with pytest.raises(InputError) as err:
        age_on(dt.date(2026, 5, 10), dt.date(2026, 5, 1), today=TODAY)
    message = str(err.value)
    assert "2026-05-01" in message and "before the birth date 2026-05-10" in message


def test_age_over_five_years_is_an_input_error() -> None:
    born = dt.date(2020, 1, 1)
    # The fifth birthday is still allowed, the day after it is not.
    assert age_on(born, dt.date(2025, 1, 1), today=TODAY).used == CalendarAge(60, 0, 31)
    with pytest.raises(InputError, match="over 5 years old"):
        age_on(born, dt.date(2025, 1, 2), today=TODAY)


@pytest.mark.parametrize("weeks", [21, 45, 0, -3, 100])
def test_gestational_weeks_outside_22_to_44_is_an_input_error(weeks: int) -> None:
    with pytest.raises(InputError) as err:
        age_on(BIRTH, after(100), weeks, today=TODAY)
    assert f"between 22 and 44, got {weeks}" in str(err.value)
    assert len(err.value.problems) == 1


@pytest.mark.parametrize("weeks", [22, 44])
def test_gestational_weeks_22_and_44_are_allowed(weeks: int) -> None:
    age = age_on(BIRTH, after(400), weeks, today=TODAY)
    assert age.chronological_days == 400
    assert age.corrected == (weeks < 37)


def test_errors_are_one_sentence_without_a_file() -> None:
    with pytest.raises(InputError) as err:
        age_on(BIRTH, after(-1), today=TODAY)
    [problem] = err.value.problems
    assert problem.file is None and problem.line is None
    assert "\n" not in problem.message


# --- checklist choice ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("months", "checklist"),
    [
        (2.0, 2),  # exactly on a checklist
        (4.0, 4),
        (6.0, 6),
        (3.99, 2),  # between: the one below
        (5.9, 4),
        (6.01, 6),  # beyond the last
        (30.0, 6),
    ],
)
def test_checklist_is_the_greatest_months_not_above_the_age(months: float, checklist: int) -> None:
    choice = checklist_for(months, CHECKLISTS)
    assert choice.months == checklist
    assert choice.early is False


@pytest.mark.parametrize("months", [0.0, 1.0, 1.99])
def test_younger_than_the_first_checklist_gets_it_early(months: float) -> None:
    choice = checklist_for(months, CHECKLISTS)
    assert choice.months == 2
    assert choice.early is True


def test_checklist_choice_does_not_need_sorted_input() -> None:
    assert checklist_for(5, (6, 2, 4)).months == 4
    assert checklist_for(1, (6, 4, 2)).months == 2


def test_no_checklists_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no checklists"):
        checklist_for(3, ())


def test_checklist_uses_corrected_age() -> None:
    # 200 days is 6 months 19 days chronological; born at 30 weeks, corrected 4 months 9 days.
    age = age_on(BIRTH, after(200), 30, today=TODAY)
    assert checklist_for(age.chronological_months, CHECKLISTS).months == 6
    assert checklist_for(age.used_months, CHECKLISTS).months == 4


@pytest.mark.parametrize(
    ("months", "words"),
    [
        (1.0, "1 month"),
        (0.5, "2 weeks"),
        (5.9, "5 months and 3 weeks"),
        (7.5, "7 months and 2 weeks"),
        (12.0, "1 year"),
        (14.2, "1 year and 2 months"),
        (13.0, "1 year and 1 month"),
        (24.0, "2 years"),
    ],
)
def test_months_in_words(months: float, words: str) -> None:
    assert months_in_words(months) == words


@pytest.mark.parametrize(
    ("age", "words"),
    [
        (CalendarAge(0, 0, 31), "0 months"),
        (CalendarAge(0, 1, 31), "1 day"),
        (CalendarAge(0, 6, 31), "6 days"),
        (CalendarAge(0, 7, 31), "1 week"),
        (CalendarAge(5, 3, 30), "5 months and 3 days"),
        (CalendarAge(5, 27, 30), "5 months and 3 weeks"),
        (CalendarAge(11, 30, 31), "11 months and 4 weeks"),
        (CalendarAge(12, 0, 31), "1 year"),
        (CalendarAge(14, 20, 31), "1 year and 2 months"),
    ],
)
def test_calendar_age_in_words(age: CalendarAge, words: str) -> None:
    assert age_in_words(age) == words


def test_calendar_age_in_words_in_spanish() -> None:
    from ottool.core.i18n import speaking

    with speaking("es"):
        assert age_in_words(CalendarAge(5, 3, 30)) == "5 meses y 3 días"
        assert age_in_words(CalendarAge(0, 1, 30)) == "1 día"
        assert age_in_words(CalendarAge(7, 14, 30)) == "7 meses y 2 semanas"
        assert age_in_words(CalendarAge(13, 0, 30)) == "1 año y 1 mes"


# --- properties ----------------------------------------------------------------------

days_st = st.integers(min_value=0, max_value=1826)
weeks_st = st.integers(min_value=22, max_value=44)


@PROPS
@given(days=days_st, weeks=weeks_st)
def test_corrected_age_never_exceeds_chronological(days: int, weeks: int) -> None:
    age = age_on(BIRTH, after(days), weeks, today=dt.date(2030, 1, 1))
    assert age.used_days <= age.chronological_days
    assert age.used_months >= 0
    if age.corrected_days is not None:
        assert 0 <= age.corrected_days <= days
        assert weeks < 37 and age.chronological.months < 24
        assert age.corrected_days == max(0, days - (40 - weeks) * 7)
    else:
        assert weeks >= 37 or age.chronological.months >= 24


@PROPS
@given(months=st.floats(min_value=0, max_value=60, allow_nan=False))
def test_chosen_checklist_is_not_above_the_age_unless_early(months: float) -> None:
    choice = checklist_for(months, CHECKLISTS)
    assert choice.months in CHECKLISTS
    if choice.early:
        assert months < min(CHECKLISTS) and choice.months == min(CHECKLISTS)
    else:
        assert choice.months <= months
        # and no checklist fits better
        assert not [c for c in CHECKLISTS if choice.months < c <= months]


@PROPS
@given(d1=days_st, d2=days_st, weeks=weeks_st)
def test_age_used_and_checklist_are_monotonic_in_age(d1: int, d2: int, weeks: int) -> None:
    lo, hi = sorted((d1, d2))
    today = dt.date(2030, 1, 1)
    young = age_on(BIRTH, after(lo), weeks, today=today)
    old = age_on(BIRTH, after(hi), weeks, today=today)
    assert young.used_months <= old.used_months
    assert (
        checklist_for(young.used_months, CHECKLISTS).months
        <= checklist_for(old.used_months, CHECKLISTS).months
    )


@PROPS
@given(days=days_st, w1=weeks_st, w2=weeks_st)
def test_age_used_is_monotonic_in_gestational_weeks(days: int, w1: int, w2: int) -> None:
    lo, hi = sorted((w1, w2))
    today = dt.date(2030, 1, 1)
    assert (
        age_on(BIRTH, after(days), lo, today=today).used_days
        <= age_on(BIRTH, after(days), hi, today=today).used_days
    )


# Birth dates over several years, month ends and leap days included.
births_st = st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2026, 12, 31))
FAR = dt.date(2035, 1, 1)
SHIPPED_CHECKLISTS = (2, 4, 6, 9, 12, 15, 18, 24)


@PROPS
@given(born=births_st, d1=days_st, d2=days_st, weeks=weeks_st)
def test_calendar_age_is_monotonic_in_the_screening_date(
    born: dt.date, d1: int, d2: int, weeks: int
) -> None:
    lo, hi = sorted((d1, d2))
    young = age_on(born, after(lo, born), weeks, today=FAR)
    old = age_on(born, after(hi, born), weeks, today=FAR)
    assert young.chronological_months <= old.chronological_months
    assert young.used_months <= old.used_months
    assert (young.used.months, young.used.days) <= (old.used.months, old.used.days) or (
        young.corrected and not old.corrected  # the second birthday: correction stops
    )


@PROPS
@given(born=births_st, n=st.sampled_from(SHIPPED_CHECKLISTS), weeks=weeks_st)
def test_the_day_a_child_turns_n_months_is_checklist_n(born: dt.date, n: int, weeks: int) -> None:
    # Counted from the due date while the correction applies, else from the birth date.
    start = due_date(born, weeks)
    day = add_months(start, n)
    if weeks >= 37 or age_on(born, day, weeks, today=FAR).chronological.months >= 24:
        start = born
        day = add_months(born, n)
    age = age_on(born, day, weeks, today=FAR)
    assert age.used.months == n and age.used.days == 0
    assert age.used_months == n
    assert checklist_for(age.used_months, SHIPPED_CHECKLISTS).months == n
    if day - dt.timedelta(days=1) >= born:
        before = age_on(born, day - dt.timedelta(days=1), weeks, today=FAR)
        assert before.used.months < n
        earlier = checklist_for(before.used_months, SHIPPED_CHECKLISTS)
        assert earlier.months < n or earlier.early


@PROPS
@given(born=births_st, days=days_st, weeks=weeks_st)
def test_decimal_months_agree_with_whole_months(born: dt.date, days: int, weeks: int) -> None:
    age = age_on(born, after(days, born), weeks, today=FAR)
    for calendar in (age.chronological, age.used):
        assert 0 <= calendar.days < calendar.month_days
        assert 28 <= calendar.month_days <= 31
        assert int(calendar.decimal_months) == calendar.months
        assert int(calendar.tenths) == calendar.months
        assert calendar.tenths <= calendar.decimal_months < calendar.months + 1
        # the same count from the start date: whole months reached, the rest in days
        start = after(days, born) - dt.timedelta(days=age.used_days)
        if calendar is age.used:
            reached = add_months(start, calendar.months)
            assert reached + dt.timedelta(days=calendar.days) == after(days, born)
            assert add_months(start, calendar.months + 1) > after(days, born)
