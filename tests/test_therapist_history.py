"""Children and plans in the history (issue 26, items 2 and 4): a child is a name and a
birth date, a history made by the previous ottool (schema version 2) is upgraded with
every screening kept, and the plans a therapist gave are kept beside the screenings."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run
from ottool.core.errors import InputError
from ottool.storage.formats import GivenActivity, GivenChild, GivenPlan
from ottool.storage.history import list_screenings
from ottool.storage.history.identity import children, find_child
from ottool.storage.history.migrations import SCHEMA_VERSION
from ottool.storage.history.plans import get_plan, list_plans, save_plan

#: Made by the previous ottool (history version 2): two children called Leo, born
#: 2026-03-10 (screened at 6 months) and 2025-08-02 (screened at 13 months).
OLD_HISTORY = Path(__file__).parent / "fixtures" / "history" / "two-leos-version-2.sqlite3"
YOUNG, OLDER = "2026-03-10", "2025-08-02"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir(mode=0o700)
    shutil.copy(OLD_HISTORY, folder / "history.sqlite3")
    (folder / "history.sqlite3").chmod(0o600)
    monkeypatch.setenv("OTTOOL_HOME", str(folder))
    monkeypatch.delenv("OTTOOL_DATA_DIR", raising=False)
    return folder


def given(child: str = "Leo", born: str | None = YOUNG, **extra: object) -> GivenPlan:
    return GivenPlan(
        date=dt.date(2026, 9, 20),
        child=GivenChild(name=child, birth_date=dt.date.fromisoformat(born) if born else None),
        therapist="A. Rivera, OT",
        activities=[GivenActivity(id="turn-both-ways", minutes=3, why="For Leo's neck")],
        **extra,  # type: ignore[arg-type]
    )


def test_the_old_history_is_upgraded_with_both_children_kept(home: Path) -> None:
    assert sqlite3.connect(OLD_HISTORY).execute("PRAGMA user_version").fetchone()[0] == 2
    saved = list_screenings()
    assert [(s.id, s.child, s.birth_date) for s in saved] == [(1, "Leo", YOUNG), (2, "Leo", OLDER)]
    db = sqlite3.connect(home / "history.sqlite3")
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
    assert db.execute("SELECT count(*) FROM plans").fetchone()[0] == 0
    db.close()
    assert stat.S_IMODE((home / "history.sqlite3").stat().st_mode) == 0o600
    assert [c.described() for c in children()] == [
        f"Leo (born {YOUNG})",
        f"Leo (born {OLDER})",
    ]


def test_a_name_two_children_share_is_an_error_that_lists_them(home: Path) -> None:
    with pytest.raises(InputError) as raised:
        find_child("leo")
    message = str(raised.value)
    assert "'leo' is the name of 2 children in the history" in message
    assert f"Leo (born {YOUNG}), Leo (born {OLDER})" in message
    assert "add --born DATE" in message
    assert find_child("LEO", OLDER).birth_date == OLDER
    with pytest.raises(InputError, match="no child called 'Leo' was born on 2020-01-01"):
        find_child("Leo", "2020-01-01")


def test_history_child_says_which_leo_and_shows_one(home: Path, cli: Callable[..., Run]) -> None:
    run = cli("history", "--child", "Leo")
    assert run.exit_code == 1
    assert f"Leo (born {YOUNG}), Leo (born {OLDER}); add --born DATE" in run.stderr
    assert "Traceback" not in run.output
    run = cli("history", "--child", "Leo", "--born", OLDER, "--format", "json")
    assert run.exit_code == 0, run.output
    data = json.loads(run.stdout)
    assert [s["id"] for s in data["screenings"]] == [2]
    assert data["birth_date"] == OLDER


def test_plans_given_are_kept_and_listed_beside_screenings(
    home: Path, cli: Callable[..., Run]
) -> None:
    number = save_plan(given(screening=1))
    assert number == 1
    kept = get_plan(number)
    assert (kept.child, kept.birth_date, kept.therapist) == ("Leo", YOUNG, "A. Rivera, OT")
    assert kept.plan == given(screening=1)
    assert kept.activity_ids == ["turn-both-ways"]
    assert [p.id for p in list_plans("leo", born=YOUNG)] == [1]
    assert list_plans("leo", born=OLDER) == []
    run = cli("history", "--child", "Leo", "--born", YOUNG, "--format", "json")
    data = json.loads(run.stdout)
    assert [s["id"] for s in data["screenings"]] == [1]
    assert data["plans"] == [
        {"id": 1, "saved_at": kept.saved_at, "date": "2026-09-20", "child": "Leo",
         "birth_date": YOUNG, "therapist": "A. Rivera, OT", "screening": 1,
         "activities": ["turn-both-ways"]}
    ]  # fmt: skip
    text = cli("history", "--child", "Leo", "--born", YOUNG).stdout
    assert "Plans given" in text and "Looking and" in text and "A. Rivera, OT" in text
    assert "ottool plan --from-plan NUMBER" in " ".join(text.split())
    listed = cli("history").stdout
    assert "Plans given" in listed and "A. Rivera, OT" in listed


def test_a_plan_of_a_child_not_screened_makes_the_child_known(home: Path) -> None:
    save_plan(given(child="Ana", born="2026-01-05"))
    assert find_child("ana").birth_date == "2026-01-05"


def test_no_saved_plan_is_said_plainly(home: Path) -> None:
    with pytest.raises(InputError, match="there is no saved plan 7; see `ottool history`"):
        get_plan(7)


def test_deleting_one_leo_deletes_his_plans_and_keeps_the_other(
    home: Path, cli: Callable[..., Run]
) -> None:
    save_plan(given())
    save_plan(given(born=OLDER))
    run = cli("history", "delete", "--child", "Leo", "--born", YOUNG, "--yes")
    assert run.exit_code == 0, run.output
    assert [s.birth_date for s in list_screenings()] == [OLDER]
    assert [p.birth_date for p in list_plans()] == [OLDER]
    refused = cli("history", "delete", "--child", "Leo", "--yes")
    assert refused.exit_code == 0  # only one Leo is left: no need to say which
    assert list_screenings() == [] and list_plans() == []


def test_export_of_one_leo_says_which_and_takes_born(
    home: Path, cli: Callable[..., Run], tmp_path: Path
) -> None:
    run = cli("history", "export", "--child", "Leo", "--output", tmp_path / "leo.jsonl")
    assert run.exit_code == 1 and "add --born DATE" in run.stderr
    run = cli("history", "export", "--child", "Leo", "--born", OLDER,
              "--output", tmp_path / "leo.jsonl")  # fmt: skip
    assert run.exit_code == 0, run.output
    lines = (tmp_path / "leo.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(line)["result"]["child"]["birth_date"] for line in lines] == [OLDER]
