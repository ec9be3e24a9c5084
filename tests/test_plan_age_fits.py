"""A plan for an age the child has not reached is refused: a three-month-old was handed
an 18-month plan with toast fingers and pasta. A younger age is a therapist's plan for
the skills a child has reached (or a correction for prematurity), and is kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from conftest import Run
from ottool.core.errors import InputError
from ottool.session import check_age_fits_birth

TODAY = dt.date(2026, 12, 3)


@pytest.mark.parametrize(("months", "fits"), [(3, True), (1, True), (4, True), (5, False),
                                              (20, False)])  # fmt: skip
def test_the_age_asked_must_be_one_the_child_can_be(months: int, fits: bool) -> None:
    born = dt.date(2026, 8, 20)  # 3 months and 13 days old on TODAY
    if fits:
        check_age_fits_birth(months, born, TODAY)  # younger: corrected for prematurity
    else:
        with pytest.raises(InputError, match="does not fit --born 2026-08-20"):
            check_age_fits_birth(months, born, TODAY)


def test_a_plan_for_a_younger_age_is_a_therapists_choice() -> None:
    born = dt.date(2025, 6, 1)  # 18 months old on TODAY
    for months in (0, 3, 9, 14, 18, 19):
        check_age_fits_birth(months, born, TODAY)
    with pytest.raises(InputError):
        check_age_fits_birth(20, born, TODAY)


def test_the_command_says_so_in_one_line_and_writes_nothing(
    cli: Callable[..., Run], tmp_path: object
) -> None:
    born = (dt.date.today() - dt.timedelta(days=100)).isoformat()
    run = cli("plan", "--age-months", "20", "--child", "Leo", "--born", born, "--save")
    assert run.exit_code == 1
    assert run.stderr.count("\n") == 1 and "does not fit --born" in run.stderr
    assert run.stdout == ""
