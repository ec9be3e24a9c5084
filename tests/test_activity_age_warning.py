"""A therapist's `--activity` outside the child's age (issue 26): one warning line on
standard error, and the plan is made all the same (the therapist may choose it). An
activity that practices a skill the screening found not reached yet, whose checklist
age is in its range, is meant for the child (docs/design.md §5): no warning."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ANSWERS_DIR, Run
from ottool.core.content import load_content

Cli = Callable[..., Run]
SAM = ANSWERS_DIR / "sam-18-months-not-walking.yaml"  # 18 months, not taking steps yet
SHIPPED = load_content()
FINGER_FOODS = SHIPPED.activity_by_id["finger-foods"]
TUMMY = SHIPPED.activity_by_id["tummy-minute"]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("OTTOOL_HOME", str(folder))
    monkeypatch.delenv("OTTOOL_DATA_DIR", raising=False)
    return folder


def warnings(run: Run) -> list[str]:
    return [line for line in run.stderr.splitlines() if "is meant for" in line or "es para" in line]


def test_an_activity_for_older_children_is_kept_with_one_warning(home: Path, cli: Cli) -> None:
    assert not FINGER_FOODS.fits_age(3)
    run = cli("plan", "--age-months", "3", "--child", "Leo", "--activity", "finger-foods",
              "--format", "json")  # fmt: skip
    assert run.exit_code == 0, run.output
    low, high = FINGER_FOODS.min_months, FINGER_FOODS.max_months
    assert warnings(run) == [
        f"ottool: 'finger-foods' is meant for {low} to {high} months; Leo is 3 months."
    ]
    assert '"id": "finger-foods"' in run.stdout  # the plan holds it all the same


def test_without_a_name_and_in_spanish(home: Path, cli: Cli) -> None:
    run = cli("plan", "--age-months", "24", "--activity", "tummy-minute", "--format", "md")
    low, high = TUMMY.min_months, TUMMY.max_months
    assert warnings(run) == [
        f"ottool: 'tummy-minute' is meant for {low} to {high} months; the child is 2 years."
    ]
    run = cli("plan", "--age-months", "24", "--activity", "tummy-minute", "--format", "md",
              "--lang", "es", "--child", "Ana")  # fmt: skip
    assert run.exit_code == 0, run.output
    assert warnings(run) == [
        f"ottool: 'tummy-minute' es para niños de {low} a {high} meses; Ana tiene 2 años."
    ]


def test_an_activity_in_range_or_for_a_skill_not_reached_has_no_warning(
    home: Path, cli: Cli
) -> None:
    run = cli("plan", "--age-months", "12", "--activity", "finger-foods", "--format", "md")
    assert run.exit_code == 0 and warnings(run) == []
    assert cli("screen", "--answers", SAM, "--save", "--format", "json").exit_code == 0
    # Cruising is for 8 to 15 months, and Sam (18 months) is not taking steps yet.
    run = cli("plan", "--from-history", "1", "--activity", "pull-to-stand-cruising",
              "--activity", "tummy-minute", "--format", "md", "--save")  # fmt: skip
    assert run.exit_code == 0, run.output
    said = warnings(run)
    assert len(said) == 1 and said[0].startswith("ottool: 'tummy-minute' is meant for 0 to 6")
    assert said[0].endswith("Sam is 1 year and 6 months.")
    # Revising that plan warns about this run's choices only.
    again = cli("plan", "--from-plan", "1", "--weeks", "3", "--format", "md")
    assert again.exit_code == 0 and warnings(again) == []
