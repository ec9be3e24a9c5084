"""A child saved without a name (the name is optional) is still a child of the history:
known by the birth date, followed by `next`, `log`, `progress` and `summary`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from followup import FIXTURE, MIA_BORN, SECOND, run, save_screening


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("OTTOOL_HOME", str(folder))
    monkeypatch.setenv("OTTOOL_DATA_DIR", str(FIXTURE))
    monkeypatch.setenv("COLUMNS", "120")
    save_screening(tmp_path, SECOND, name=None)
    return folder


def test_a_child_saved_without_a_name_is_followed_through(home: Path) -> None:
    # Before: `next`, `summary`, `progress` and `log` all said "No screenings are saved
    # yet" while `history` listed the screening.
    coming = run("next", "--format", "json")
    assert coming.exit_code == 0, coming.output
    (child,) = json.loads(coming.stdout)["children"]
    assert child["birth_date"] == MIA_BORN.isoformat() and child["checks"]
    summary = run("summary", "--format", "json")
    assert summary.exit_code == 0, summary.output
    assert json.loads(summary.stdout)["birth_date"] == MIA_BORN.isoformat()
    logged = run("log", "tummy-time", "--date", dt.date.today().isoformat())
    assert logged.exit_code == 0, logged.output
    assert run("progress").exit_code == 0
    assert "None" not in run("progress").stdout


def test_with_a_named_child_too_the_birth_date_chooses(home: Path, tmp_path: Path) -> None:
    save_screening(tmp_path, SECOND, name="Leo", born=MIA_BORN - dt.timedelta(days=20))
    both = run("summary", "--format", "json")
    assert both.exit_code == 1
    assert "a child with no name (born " + MIA_BORN.isoformat() + ")" in both.stderr
    assert "--born" in both.stderr
    chosen = run("summary", "--format", "json", "--born", MIA_BORN.isoformat())
    assert chosen.exit_code == 0, chosen.output
    assert json.loads(chosen.stdout)["name"] in (None, "")
