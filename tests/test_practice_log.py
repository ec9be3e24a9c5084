"""`ottool log`: the practice log, its migration from an older history, and the tick list."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from followup import FIRST, FIXTURE, MIA_BORN, SECOND, TODAY, run, save_screening

OLD_HISTORY = Path(__file__).parent / "fixtures" / "history" / "version-2.sqlite3"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("OTTOOL_HOME", str(folder))
    monkeypatch.setenv("OTTOOL_DATA_DIR", str(FIXTURE))
    monkeypatch.setenv("NO_COLOR", "1")
    return folder


@pytest.fixture
def mia(home: Path, tmp_path: Path) -> Path:
    """Mia's two screenings, ten days ago and today; her plan is the second one's."""
    save_screening(tmp_path, FIRST, on=TODAY - dt.timedelta(days=10))
    save_screening(tmp_path, SECOND)
    return home / "history.sqlite3"


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    db = sqlite3.connect(path)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


# --------------------------------------------------------------------------- the migration


def test_a_history_made_by_the_previous_version_keeps_every_screening(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OTTOOL_DATA_DIR")  # the old history was made with the shipped content
    home.mkdir(mode=0o700)
    path = home / "history.sqlite3"
    shutil.copy(OLD_HISTORY, path)
    path.chmod(0o600)
    screenings = (
        "SELECT id, saved_at, child, result_json, answers_json, result_sha256 FROM screenings"
    )
    before = rows(path, screenings)
    assert rows(path, "PRAGMA user_version") == [(2,)] and len(before) == 3

    listed = run("history")
    assert listed.exit_code == 0, listed.output
    assert rows(path, "PRAGMA user_version") == [(3,)]
    assert rows(path, screenings) == before  # not one byte of a screening changed
    assert listed.stdout.count("Mia") == 2 and "Leo" in listed.stdout

    logged = run("log", "tummy-minute", "--child", "mia", "--date", "2026-05-25")
    assert logged.exit_code == 0, logged.output
    assert rows(path, "SELECT child, birth_date, screening_id, activity FROM practice") == [
        ("Mia", "2026-01-10", 2, "tummy-minute")
    ]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert OLD_HISTORY.read_bytes()[:16] == b"SQLite format 3\x00"  # the fixture is untouched


# --------------------------------------------------------------------------- logging


def test_logging_an_activity_links_it_to_the_plan_it_came_from(mia: Path) -> None:
    logged = run("log", "tummy-time", "--minutes", "5")
    assert logged.exit_code == 0, logged.output
    assert "Logged: Tummy time for Mia on" in logged.stdout
    yesterday = (TODAY - dt.timedelta(days=1)).isoformat()
    assert run("log", "open-hands", "--child", " MIA ", "--date", yesterday).exit_code == 0
    found = rows(
        mia, "SELECT activity, practiced_on, minutes, screening_id FROM practice ORDER BY id"
    )
    # Yesterday's practice followed the plan of the screening ten days ago (number 1).
    assert found == [("tummy-time", TODAY.isoformat(), 5, 2), ("open-hands", yesterday, None, 1)]
    assert stat.S_IMODE(mia.stat().st_mode) == 0o600


def test_undo_removes_only_the_last_entry(mia: Path) -> None:
    run("log", "tummy-time")
    run("log", "open-hands")
    undone = run("log", "--undo")
    assert undone.exit_code == 0 and "Removed: Open hands" in undone.stdout
    assert rows(mia, "SELECT activity FROM practice") == [("tummy-time",)]
    run("log", "--undo")
    nothing = run("log", "--undo")
    assert nothing.exit_code == 0 and "There is no practice logged" in nothing.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["log", "tummy"], "'tummy' is not an activity id (did you mean 'tummy-time'?)"),
        (["log", "tummy-time", "--date", "2026-02-30"], "--date '2026-02-30' is not a date"),
        (["log", "tummy-time", "--date", "2999-01-01"], "2999-01-01 is in the future"),
        (["log", "tummy-time", "--date", "2000-01-01"], "is before the child's birth date"),
        (["log", "tummy-time", "--minutes", "0"], "--minutes"),
        (["log", "tummy-time", "--child", "Noah"], "there are no saved screenings for 'Noah'"),
        (["log", "--undo", "tummy-time"], "--undo removes the last entry"),
        (["log"], "there is no terminal to show the tick list"),
    ],
)
def test_bad_input_is_one_clear_sentence(mia: Path, args: list[str], says: str) -> None:
    result = run(*args)
    assert result.exit_code != 0
    assert says in result.stderr
    assert "Traceback" not in result.output
    assert rows(mia, "SELECT COUNT(*) FROM practice") == [(0,)]


def test_an_activity_outside_the_plan_is_logged_with_a_note(mia: Path) -> None:
    result = run("log", "songs")
    assert result.exit_code == 0
    assert "not in the current plan" in result.stdout


def test_spanish(mia: Path) -> None:
    result = run("log", "tummy-time", "--lang", "es")
    assert result.exit_code == 0
    assert "Registrado" in result.stdout


# --------------------------------------------------------------------------- which child


def test_two_children_with_one_name_are_told_apart_by_birth_date(mia: Path, tmp_path: Path) -> None:
    other = MIA_BORN - dt.timedelta(days=60)
    save_screening(tmp_path, {}, name="mia", born=other)
    ambiguous = run("log", "tummy-time", "--child", "Mia")
    assert ambiguous.exit_code == 1
    assert f"Mia (born {MIA_BORN.isoformat()})" in ambiguous.stderr
    assert f"mia (born {other.isoformat()})" in ambiguous.stderr
    assert "--born" in ambiguous.stderr
    chosen = run("log", "tummy-time", "--child", "Mia", "--born", other.isoformat())
    assert chosen.exit_code == 0, chosen.output
    assert rows(mia, "SELECT birth_date FROM practice") == [(other.isoformat(),)]
    several = run("log", "tummy-time")
    assert several.exit_code == 1 and "several children" in several.stderr


def test_deleting_a_child_deletes_their_practice(mia: Path, tmp_path: Path) -> None:
    save_screening(tmp_path, {}, name="Leo")
    run("log", "tummy-time", "--child", "Mia")
    run("log", "songs", "--child", "Leo")
    run("history", "delete", "1", "--yes")
    assert rows(mia, "SELECT activity, screening_id FROM practice ORDER BY id") == [
        ("tummy-time", 2),
        ("songs", 3),
    ]
    assert run("history", "delete", "--child", "Mia", "--yes").exit_code == 0
    assert rows(mia, "SELECT activity FROM practice") == [("songs",)]


# --------------------------------------------------------------------------- the tick list


@pytest.mark.slow
def test_the_tick_list_logs_what_was_ticked_in_a_terminal(mia: Path, home: Path) -> None:
    import pexpect

    env = {**os.environ, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "ottool", "log"],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(30, 100),
    )
    child.expect("Which activities did you do today")
    child.expect("Mirror play")  # every activity of the plan is listed
    child.send(" ")  # tick the first
    child.send("\x1b[B")  # down
    child.send(" ")  # tick the second
    child.send("\r")
    child.expect("2 activities ticked")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    ticked = rows(mia, "SELECT practiced_on, screening_id FROM practice")
    assert ticked == [(TODAY.isoformat(), 2), (TODAY.isoformat(), 2)]


@pytest.mark.slow
def test_ctrl_c_in_the_tick_list_logs_nothing(mia: Path) -> None:
    import pexpect

    env = {**os.environ, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    child = pexpect.spawn(
        sys.executable, ["-m", "ottool", "log"], env=env, encoding="utf-8", timeout=20
    )
    child.expect("Which activities")
    child.send(" ")
    child.send("\x03")
    child.expect("Nothing logged")
    child.expect(pexpect.EOF)
    assert rows(mia, "SELECT COUNT(*) FROM practice") == [(0,)]


def test_history_of_a_name_two_children_share_lists_them(mia: Path, tmp_path: Path) -> None:
    other = MIA_BORN - dt.timedelta(days=60)
    save_screening(tmp_path, {}, name="Mia", born=other)
    shared = run("history", "--child", "mia")
    assert shared.exit_code == 1
    assert f"Mia (born {MIA_BORN.isoformat()})" in shared.stderr
    assert f"Mia (born {other.isoformat()})" in shared.stderr
