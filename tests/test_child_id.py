"""A clinic's own id for the child (docs/design.md §11, "Children"; issue 26 item 4):
`--child-id ID` on the commands that take `--child`, kept with the child in the history
(history schema version 5), printed beside the name on the handout and the summary, and
telling apart two children of one name born the same day."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ANSWERS_DIR, Run
from ottool.storage.history import list_screenings
from ottool.storage.history.identity import children
from ottool.storage.history.migrations import SCHEMA_VERSION
from ottool.storage.history.plans import list_plans

Cli = Callable[..., Run]
VERSION_4 = Path(__file__).parent / "fixtures" / "history" / "version-4.sqlite3"
LEO = ANSWERS_DIR / "leo-4-months-head-turn.yaml"
BORN = "2026-07-01"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("OTTOOL_HOME", str(folder))
    monkeypatch.delenv("OTTOOL_DATA_DIR", raising=False)
    return folder


@pytest.fixture
def two_leos(home: Path, tmp_path: Path, cli: Cli) -> Path:
    """Two children called Leo, born the same day, screened a day apart with the clinic's
    ids MRN-1 and MRN-2."""
    other = tmp_path / "other-leo.yaml"
    text = LEO.read_text("utf-8").replace("date: 2026-11-03", "date: 2026-11-04")
    other.write_text(text.replace("gm-4m-head-steady: sometimes", "gm-4m-head-steady: yes"))
    for answers, child_id in ((LEO, "MRN-1"), (other, "MRN-2")):
        run = cli("screen", "--answers", answers, "--save", "--child-id", child_id)
        assert run.exit_code == 0, run.output
    return home


def test_a_version_4_history_is_upgraded_keeping_every_record(home: Path, cli: Cli) -> None:
    """Made by the previous ottool (schema 4): three screenings, a plan given and a
    practice logged, all kept, with no id; a screening saved now with an id joins Leo."""
    shutil.copy(VERSION_4, home / "history.sqlite3")
    (home / "history.sqlite3").chmod(0o600)
    old = sqlite3.connect(VERSION_4)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 4
    old.close()
    assert sorted(s.child or "" for s in list_screenings()) == ["Leo", "Mia", "Sam"]
    db = sqlite3.connect(home / "history.sqlite3")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
    for table, count in (("screenings", 3), ("plans", 1), ("practice", 1)):
        assert db.execute(f"SELECT count(*), max(child_id) FROM {table}").fetchone() == (count, "")
    db.close()
    assert f"Leo (born {BORN})" in [c.described() for c in children()]
    # Leo's records kept without an id stay his once the clinic starts giving one.
    later = LEO.read_text("utf-8").replace("date: 2026-11-03", "date: 2026-12-01")
    (home / "later.yaml").write_text(later, "utf-8")
    assert (
        cli("screen", "--answers", home / "later.yaml", "--save", "--child-id", "A7").exit_code == 0
    )
    leos = [c for c in children() if c.name == "Leo"]
    assert [c.described() for c in leos] == [f"Leo (born {BORN}, id A7)"]
    run = cli("history", "--child", "Leo", "--format", "json")
    assert run.exit_code == 0, run.output
    assert len(list_screenings("Leo", child_id="A7")) == 2
    assert len(list_plans("Leo", child_id="A7")) == 1


def test_a_name_and_birth_date_two_children_share_is_an_error_listing_their_ids(
    two_leos: Path, cli: Cli
) -> None:
    for command in (["progress"], ["log", "tummy-minute"], ["summary"], ["next"]):
        run = cli(*command, "--child", "Leo")
        assert run.exit_code == 1, (command, run.output)
        said = " ".join(run.stderr.split())
        assert f"Leo (born {BORN}, id MRN-1)" in said and f"Leo (born {BORN}, id MRN-2)" in said
        assert "--child-id" in said and "Traceback" not in run.output
    run = cli("history", "--child", "leo", "--born", BORN)
    assert run.exit_code == 1 and "id MRN-2" in run.stderr


def test_the_id_chooses_the_child_for_each_command(two_leos: Path, cli: Cli) -> None:
    run = cli(
        "log", "tummy-minute", "--child", "Leo", "--child-id", "MRN-2", "--date", "2026-11-05"
    )
    assert run.exit_code == 0, run.output
    second = cli("progress", "--child", "Leo", "--child-id", "MRN-2", "--format", "json")
    first = cli("progress", "--child", "Leo", "--child-id", "MRN-1", "--format", "json")
    assert second.exit_code == first.exit_code == 0, second.output + first.output
    assert '"2026-11-04"' in second.stdout and '"2026-11-03"' not in second.stdout
    assert '"2026-11-03"' in first.stdout and '"2026-11-04"' not in first.stdout
    db = sqlite3.connect(two_leos / "history.sqlite3")
    assert db.execute("SELECT child_id FROM practice").fetchall() == [("MRN-2",)]
    db.close()
    assert cli("next", "--child", "Leo", "--child-id", "MRN-1").exit_code == 0
    run = cli("history", "--child", "Leo", "--child-id", "MRN-1", "--format", "json")
    assert run.exit_code == 0 and '"2026-11-04"' not in run.stdout
    unknown = cli("progress", "--child", "Leo", "--child-id", "MRN-9")
    assert unknown.exit_code == 1 and "MRN-9" in unknown.stderr and "MRN-1" in unknown.stderr


def test_the_id_prints_beside_the_name_and_is_kept_with_a_plan(two_leos: Path, cli: Cli) -> None:
    # A plan from a screening takes the id kept with it.
    run = cli("plan", "--from-history", "2", "--format", "md", "--save")
    assert run.exit_code == 0, run.output
    assert "**Child:** Leo (id MRN-2)" in run.stdout
    assert [p.child_id for p in list_plans("Leo")] == ["MRN-2"]
    html = cli("plan", "--from-plan", "1", "--format", "html")
    assert "<dd>Leo (id MRN-2)</dd>" in html.stdout
    summary = cli("summary", "--child", "Leo", "--child-id", "MRN-1")
    assert summary.exit_code == 0, summary.output
    assert "Child: Leo (id MRN-1)" in summary.stdout
    es = cli("summary", "--child", "Leo", "--child-id", "MRN-1", "--lang", "es")
    assert "Leo (id. MRN-1)" in es.stdout
    # A plan for an age, for a child given by name, birth date and id.
    run = cli(
        "plan", "--age-months", "4", "--child", "Ana", "--born", BORN, "--child-id", "C-3",
        "--save", "--format", "json",
    )  # fmt: skip
    assert run.exit_code == 0, run.output
    assert '"child_id": "C-3"' in run.stdout and '"id": "C-3"' in run.stdout
    assert [p.child_id for p in list_plans("Ana")] == ["C-3"]


def test_in_spanish_the_ambiguity_says_which_option_chooses(two_leos: Path, cli: Cli) -> None:
    run = cli("progress", "--child", "Leo", "--lang", "es")
    said = " ".join(run.stderr.split())
    assert run.exit_code == 1
    assert f"Leo (nació el {BORN}, id. MRN-1)" in said and "agregue --child-id ID" in said


@pytest.mark.parametrize("bad", ["", "   ", "x" * 65, "a\tb"])
def test_an_id_that_is_not_one_is_one_clear_error(home: Path, cli: Cli, bad: str) -> None:
    run = cli("screen", "--answers", LEO, "--child-id", bad)
    assert run.exit_code == 1
    assert "--child-id" in run.stderr and "is not an id" in run.stderr
    assert "Traceback" not in run.output


def test_an_export_carries_the_ids_into_another_history(
    two_leos: Path, tmp_path: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("log", "tummy-minute", "--child", "Leo", "--child-id", "MRN-2").exit_code == 0
    assert cli("plan", "--from-history", "1", "--save", "--format", "md").exit_code == 0
    out = tmp_path / "leos.jsonl"
    assert cli("history", "export", "--output", out).exit_code == 0
    other = tmp_path / "other-home"
    other.mkdir(mode=0o700)
    monkeypatch.setenv("OTTOOL_HOME", str(other))
    run = cli("history", "import", out)
    assert run.exit_code == 0, run.output
    assert [c.described() for c in children()] == [
        f"Leo (born {BORN}, id MRN-1)",
        f"Leo (born {BORN}, id MRN-2)",
    ]
    db = sqlite3.connect(other / "history.sqlite3")
    assert db.execute("SELECT child_id FROM screenings ORDER BY id").fetchall() == [
        ("MRN-1",),
        ("MRN-2",),
    ]
    assert db.execute("SELECT child_id FROM plans").fetchall() == [("MRN-1",)]
    assert db.execute("SELECT child_id FROM practice").fetchall() == [("MRN-2",)]
    db.close()
