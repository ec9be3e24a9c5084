"""`ottool progress`: practice kept against the plan's dose, and answers across screenings."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup import FIRST, FIXTURE, MIA_BORN, SECOND, TODAY, run, save_screening
from ottool.history.progress import practice_against_plan, week_start


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("OTTOOL_HOME", str(folder))
    monkeypatch.setenv("OTTOOL_DATA_DIR", str(FIXTURE))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    return folder


@pytest.fixture
def mia(home: Path, tmp_path: Path) -> Path:
    save_screening(tmp_path, FIRST, on=TODAY - dt.timedelta(days=20))
    save_screening(tmp_path, SECOND, on=TODAY - dt.timedelta(days=13))
    return home


def days_ago(n: int) -> str:
    return (TODAY - dt.timedelta(days=n)).isoformat()


def test_practice_is_counted_by_days_against_the_dose(mia: Path) -> None:
    for n in (0, 0, 1, 7, 8, 9, 30):  # twice today counts once; 30 days ago was before the plan
        assert run("log", "tummy-time", "--date", days_ago(n)).exit_code == 0
    data = json.loads(run("progress", "--format", "json").stdout)
    assert data["format"] == "ottool-progress/1"
    assert data["child"] == {"name": "Mia", "birth_date": MIA_BORN.isoformat()}
    assert data["plan_screening"] == 2 and data["plan_date"] == days_ago(13)
    tummy = next(p for p in data["practice"] if p["activity"] == "tummy-time")
    monday = week_start(TODAY)
    this_week = sum(1 for n in (0, 1, 7, 8, 9) if TODAY - dt.timedelta(days=n) >= monday)
    assert tummy["this_week"] == this_week
    assert (
        tummy["this_week"]
        + tummy["last_week"]
        + sum(1 for n in (7, 8, 9) if TODAY - dt.timedelta(days=n) < monday - dt.timedelta(days=7))
        == 5
    )
    assert tummy["since_plan"] == 5
    assert tummy["since_plan_target"] == 14  # 7 days a week over the 14 days since the plan
    others = [p for p in data["practice"] if p["activity"] != "tummy-time"]
    assert others and all(p["since_plan"] == 0 for p in others)


def test_answers_that_moved_to_yes_are_named(mia: Path) -> None:
    data = json.loads(run("progress", "--format", "json").stdout)
    moved = {m["milestone"]: m["before"] for m in data["now_yes"]}
    # not yet → yes and sometimes → yes count; not yet → sometimes does not (yet).
    assert moved == {"gm-4m-head-steady": "not_yet", "fm-4m-hands-to-mouth": "sometimes"}
    assert [a["id"] for a in data["areas"]] == ["gross_motor", "fine_motor", "social_emotional"]
    assert len(data["screenings"]) == 2


def test_the_terminal_view_uses_symbols_as_well_as_colour(mia: Path) -> None:
    run("log", "tummy-time")
    shown = run("progress", "--child", "mia")
    assert shown.exit_code == 0, shown.output
    out = shown.stdout
    assert "Practice for Mia" in out
    assert "●" in out and "·" in out and "█" in out and "░" in out
    assert "1 of 7" in out and "1 of 14 days" in out
    assert "Now yes" in out and "Holds head steady without support" in out
    assert "Progress for Mia" in out  # the areas side by side
    assert "\x1b[" not in out  # NO_COLOR: words and symbols carry it all


def test_an_unknown_child_is_one_clear_error(mia: Path) -> None:
    result = run("progress", "--child", "Noa")
    assert result.exit_code == 1
    assert "there are no saved screenings for 'Noa'" in result.stderr


def test_no_history_at_all(home: Path) -> None:
    result = run("progress")
    assert result.exit_code == 1
    assert "No screenings are saved yet" in result.stderr


@given(
    dose=st.integers(min_value=1, max_value=7),
    start_back=st.integers(min_value=0, max_value=90),
    practiced=st.lists(st.integers(min_value=-5, max_value=120), max_size=60),
)
def test_counts_never_exceed_the_days_there_were(
    dose: int, start_back: int, practiced: list[int]
) -> None:
    today = dt.date(2026, 6, 17)
    start = today - dt.timedelta(days=start_back)
    done = [("a", today - dt.timedelta(days=n)) for n in practiced]
    (p,) = practice_against_plan([("a", dose)], done, start, today)
    span = start_back + 1
    assert 0 <= p.this_week <= today.weekday() + 1
    assert 0 <= p.last_week <= 7
    assert p.since_plan <= span and p.since_plan_target <= span
    assert dose * (span // 7) <= p.since_plan_target <= dose * -(-span // 7)
    assert p.this_week + p.last_week <= p.since_plan
    assert all(start <= d <= today for d in p.recent_days)
