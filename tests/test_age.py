"""Age rules (DESIGN.md §3): chronological and corrected age, months, checklist choice."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ottool.age import Age, age_on, checklist_for, months_in_words
from ottool.errors import InputError

TODAY = dt.date(2026, 11, 1)
BIRTH = dt.date(2025, 1, 1)
CHECKLISTS = (2, 4, 6)
PROPS = settings(max_examples=150, deadline=None)


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
    # 24 weeks: 16 weeks early, 112 days.
    age = age_on(BIRTH, after(300), 24, today=TODAY)
    assert age.corrected_days == 300 - 112
    assert age.corrected_months == pytest.approx(188 / 30.4375)
    assert age.used_months == pytest.approx(188 / 30.4375)
    assert age.chronological_months == pytest.approx(300 / 30.4375)


def test_correction_stops_at_24_months() -> None:
    born = dt.date(2024, 1, 15)
    # 730 days = 23.98 months: still under 24 months, corrected.
    under = age_on(born, dt.date(2026, 1, 14), 30, today=TODAY)
    assert under.chronological_days == 730
    assert under.chronological_months < 24
    assert under.corrected_days == 730 - 70
    # Two calendar years (731 days, 24.02 months): no longer corrected.
    at = age_on(born, dt.date(2026, 1, 15), 30, today=TODAY)
    assert at.chronological_days == 731
    assert at.chronological_months >= 24
    assert at.corrected_days is None
    assert at.used_days == 731


def test_corrected_age_before_the_due_date_is_zero_not_negative() -> None:
    # Born at 28 weeks, screened 30 days later: 12 weeks before the due date.
    age = age_on(BIRTH, after(30), 28, today=TODAY)
    assert age.corrected_days == 0
    assert age.used_months == 0


def test_months_are_days_divided_by_30_4375() -> None:
    assert Age(1461, None).chronological_months == 48.0  # four years of 365.25 days
    assert Age(3044, None).chronological_months == pytest.approx(100.008, abs=1e-3)
    assert Age(30, None).used_months == pytest.approx(30 / 30.4375)
    corrected = Age(200, 144)
    assert corrected.used_months == pytest.approx(144 / 30.4375)
    assert corrected.chronological_months == pytest.approx(200 / 30.4375)


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
    # 60 months = 1826.25 days: 1826 days is still allowed, 1827 is not.
    assert age_on(born, after(1826, born), today=TODAY).chronological_days == 1826
    with pytest.raises(InputError, match="over 5 years old"):
        age_on(born, after(1827, born), today=TODAY)


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
    # 200 days is 6.6 months chronological; born at 30 weeks, corrected 130 days = 4.3 months.
    age = age_on(BIRTH, after(200), 30, today=TODAY)
    assert checklist_for(age.chronological_months, CHECKLISTS).months == 6
    assert checklist_for(age.used_months, CHECKLISTS).months == 4


@pytest.mark.parametrize(
    ("months", "words"),
    [
        (1.0, "1 month"),
        (0.5, "0 months and 2 weeks"),
        (5.9, "5 months and 3 weeks"),
        (12.0, "1 year"),
        (14.2, "1 year and 2 months"),
        (13.0, "1 year and 1 month"),
        (24.0, "2 years"),
    ],
)
def test_months_in_words(months: float, words: str) -> None:
    assert months_in_words(months) == words


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
        assert weeks < 37 and days / 30.4375 < 24
        assert age.corrected_days == max(0, days - (40 - weeks) * 7)
    else:
        assert weeks >= 37 or days / 30.4375 >= 24


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
