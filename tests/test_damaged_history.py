"""A damaged history is read as far as it can be, never with an unexpected error:
deeply nested JSON in an old file, a child's only screening damaged, bytes where a name
belongs (each found by trying damaged files; each stopped ottool with exit 3)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from conftest import ANSWERS_DIR
from followup import run


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("OTTOOL_HOME", str(folder))
    monkeypatch.delenv("OTTOOL_DATA_DIR", raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    return folder


def version_1(home: Path, result_json: str) -> None:
    """A history as the first released ottool wrote it, with one stored result."""
    path = home / "history.sqlite3"
    db = sqlite3.connect(path)
    db.execute(
        "CREATE TABLE screenings (id INTEGER PRIMARY KEY AUTOINCREMENT, saved_at TEXT NOT"
        " NULL, child TEXT, result_json TEXT NOT NULL, answers_json TEXT NOT NULL)"
    )
    db.execute("PRAGMA user_version = 1")
    db.execute(
        "INSERT INTO screenings (saved_at, child, result_json, answers_json)"
        " VALUES ('2026-01-01T00:00:00+00:00', 'Sam', ?, '{}')",
        (result_json,),
    )
    db.commit()
    db.close()
    os.chmod(path, 0o600)


COMMANDS = [
    ("history",),
    ("summary",),
    ("next",),
    ("progress",),
    ("history", "export", "--output", "-"),
]


@pytest.mark.parametrize(
    "stored", ["[" * 50_000, "null", '{"date": 7}'], ids=["deep", "null", "wrong-type"]
)
def test_an_old_history_with_a_damaged_row_is_still_read(home: Path, stored: str) -> None:
    version_1(home, stored)
    for command in COMMANDS:
        done = run(*command)
        assert done.exit_code in (0, 1), (command, done.output)
        assert "unexpected error" not in done.output
    assert "Sam" in run("history").stdout  # the row is still there, to export or delete


def test_bytes_where_a_name_belongs_are_a_damaged_row(home: Path) -> None:
    answers = ANSWERS_DIR / "sam-18-months-not-walking.yaml"
    assert run("screen", "--answers", answers, "--save", "--format", "json").exit_code == 0
    db = sqlite3.connect(home / "history.sqlite3")
    db.execute("UPDATE screenings SET child = x'fffe'")
    db.commit()
    db.close()
    for command in COMMANDS:
        done = run(*command)
        assert done.exit_code in (0, 1), (command, done.output)
        assert "unexpected error" not in done.output
    shown = run("history", "show", "1")
    assert shown.exit_code == 1 and "damaged" in shown.stderr


@pytest.mark.parametrize(
    ("table", "column", "value"),
    [
        ("practice", "minutes", "abc"),
        ("practice", "practiced_on", "2026-13-45"),
        ("plans", "birth_date", "2026-02-30"),
    ],
)
def test_a_damaged_practice_or_plan_cell_leaves_the_rest_readable(
    home: Path, table: str, column: str, value: str
) -> None:
    """A practice logged with minutes 'abc' or on day '2026-13-45', or a plan given for a
    child born '2026-02-30', is left out; progress, the summary, next and the export of
    everything else go on (each stopped ottool with exit 3)."""
    answers = ANSWERS_DIR / "leo-4-months-head-turn.yaml"
    assert run("screen", "--answers", answers, "--save").exit_code == 0
    assert run("plan", "--from-history", "1", "--save", "--output", home / "p.md").exit_code == 0
    assert run("log", "tummy-minute").exit_code == 0
    db = sqlite3.connect(home / "history.sqlite3")
    db.execute(f"UPDATE {table} SET {column} = ?", (value,))
    db.commit()
    db.close()
    born = ("--born", "2026-07-01")
    commands = [("history", "export", "--output", "-"), ("next",), ("history",),
                ("progress", *born), ("summary", *born)]  # fmt: skip
    for command in commands:
        done = run(*command)
        assert done.exit_code in (0, 1), (command, done.output)
    exported = run("history", "export", "--output", "-")
    assert exported.exit_code == 0 and '"format": "ottool-result/1"' in exported.stdout
