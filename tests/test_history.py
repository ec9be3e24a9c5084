"""The private screening history: saving, listing, progress, deleting, moving, upgrading."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from ottool.cli.history import history_app
from ottool.core.errors import InputError
from ottool.storage.history import (
    delete_child,
    delete_screening,
    get_screening,
    list_screenings,
    save_screening,
)
from ottool.storage.history.migrations import SCHEMA_VERSION
from ottool.storage.history.progress import area_change
from ottool.storage.history.transfer import export_jsonl, import_jsonl

FIXTURE = Path(__file__).parent / "fixtures" / "content"
BIRTH = "2026-01-01"
# Both dates use the 4-month checklist of the fixture content.
FIRST = {"gm-4m-head-steady": "not yet", "gm-4m-pushes-up-elbows": "yes", "fm-4m-holds-toy": "yes",
         "fm-4m-hands-to-mouth": "yes", "se-4m-smiles-for-attention": "yes"}  # fmt: skip
SECOND = {"gm-4m-head-steady": "yes", "gm-4m-pushes-up-elbows": "yes",
          "fm-4m-holds-toy": "sometimes", "fm-4m-hands-to-mouth": "yes",
          "se-4m-smiles-for-attention": "yes"}  # fmt: skip


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("OTTOOL_HOME", str(folder))
    monkeypatch.setenv("OTTOOL_DATA_DIR", str(FIXTURE))
    monkeypatch.setenv("NO_COLOR", "1")
    return folder


def screen(
    tmp_path: Path, answers: dict[str, str], *, name: str = "Mia", date: str = "2026-05-15"
) -> dict[str, Any]:
    """A result document made the way users make one: `ottool screen --format json`."""
    from ottool.cli import app

    data = {"child": {"name": name, "birth_date": BIRTH}, "date": date, "answers": answers}
    answer_file = tmp_path / f"answers-{name}-{date}.yaml"
    answer_file.write_text(yaml.safe_dump(data), encoding="utf-8")
    run = CliRunner().invoke(
        app,
        ["screen", "--answers", str(answer_file), "--format", "json", "--data-dir", str(FIXTURE)],
    )
    assert run.exit_code == 0, run.output
    result: dict[str, Any] = json.loads(run.stdout)
    return result


def save(result: dict[str, Any]) -> int:
    return save_screening(result, {"answers": {}}, result["content_version"])


def history(*args: str) -> Any:
    return CliRunner().invoke(history_app, list(args))


def db_path(home: Path) -> Path:
    return home / "history.sqlite3"


def on_disk(path: Path) -> bytes:
    """The database and its WAL, as bytes: what someone reading the disk would find."""
    wal = Path(f"{path}-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


# --------------------------------------------------------------------------- saving and listing


def test_saved_screenings_are_listed_oldest_first_and_shown(home: Path, tmp_path: Path) -> None:
    later = screen(tmp_path, SECOND, date="2026-06-01")
    earlier = screen(tmp_path, FIRST)
    later_id, earlier_id = save(later), save(earlier)

    saved = list_screenings()
    assert [s.id for s in saved] == [earlier_id, later_id]  # by screening date
    first = saved[0]
    assert (first.child, first.date, first.checklist_months) == ("Mia", "2026-05-15", 4)
    assert first.overall == "discuss"
    assert first.age_used_months == earlier["age"]["used_months"]
    assert first.domain_statuses["gross_motor"] == "discuss"
    assert get_screening(later_id).result == later

    listing = history()
    assert listing.exit_code == 0
    assert "May 15, 2026" in listing.stdout and "Mia" in listing.stdout
    # Its time frame (act) in words, with its symbol: never calmer than its headline.
    assert "! Talk with your" in listing.stdout

    shown = history("show", str(earlier_id), "--format", "json")
    assert json.loads(shown.stdout) == earlier
    terminal = history("show", str(earlier_id))
    assert terminal.exit_code == 0
    assert "Results for Mia" in terminal.stdout
    assert "Your home activity plan" in terminal.stdout


def test_the_same_result_saved_twice_is_kept_once(home: Path, tmp_path: Path) -> None:
    result = screen(tmp_path, FIRST)
    assert save(result) == save(result)
    assert len(list_screenings()) == 1


def test_a_child_is_matched_whatever_the_case_and_spaces(home: Path, tmp_path: Path) -> None:
    save(screen(tmp_path, FIRST, name="Mia Rose"))
    save(screen(tmp_path, FIRST, name="Sam"))
    assert [s.child for s in list_screenings("  mia   ROSE ")] == ["Mia Rose"]


def test_an_empty_history_says_so_and_succeeds(home: Path) -> None:
    run = history()
    assert run.exit_code == 0
    assert "No screenings are saved yet" in run.stdout
    assert not db_path(home).exists()  # looking does not create a database


def test_a_missing_screening_is_one_clear_error(home: Path, tmp_path: Path) -> None:
    save(screen(tmp_path, FIRST))
    with pytest.raises(InputError, match="there is no saved screening 7; see `ottool history`"):
        get_screening(7)
    run = history("show", "7")
    assert run.exit_code == 1
    assert "there is no saved screening 7" in run.output
    assert "Traceback" not in run.output


def test_a_screening_saved_with_other_content_is_shown_from_what_was_stored(
    home: Path, tmp_path: Path
) -> None:
    result = screen(tmp_path, FIRST)
    result["domains"][0]["yes"] = ["gm-4m-retired-milestone"]
    number = save(result)
    run = history("show", str(number))
    assert run.exit_code == 0, run.output
    assert "saved with other content" in run.stdout
    assert "Worth talking about" in run.stdout


@pytest.mark.slow
def test_sixteen_screenings_saved_at_the_same_moment_are_all_kept(
    home: Path, tmp_path: Path
) -> None:
    base = screen(tmp_path, FIRST)
    (tmp_path / "result.json").write_text(json.dumps(base), encoding="utf-8")
    script = (
        "import json, sys, time\n"
        "from ottool.storage.history import save_screening\n"
        "result = json.load(open(sys.argv[1]))\n"
        "result['concerns'] = 'note ' + sys.argv[2]\n"
        "time.sleep(max(0.0, float(sys.argv[3]) - time.time()))\n"
        "print(save_screening(result, {}, 'v'))\n"
    )
    start = time.time() + 3  # all of them past Python's start-up, then at once
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(tmp_path / "result.json"), str(i), str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(16)
    ]
    outputs = [w.communicate(timeout=60) for w in workers]
    assert all(w.returncode == 0 for w in workers), [err for _, err in outputs]
    assert sorted(int(out) for out, _ in outputs) == list(range(1, 17))
    kept = list_screenings()
    assert sorted(s.result["concerns"] for s in kept) == sorted(f"note {i}" for i in range(16))


# --------------------------------------------------------------------------- progress


def test_progress_shows_what_got_better_stayed_the_same_or_needs_attention(
    home: Path, tmp_path: Path
) -> None:
    save(screen(tmp_path, FIRST))  # movement: discuss; hands: on track; feelings: on track
    save(screen(tmp_path, SECOND, date="2026-06-01"))  # on track; emerging; on track
    run = history("--child", "mia")
    assert run.exit_code == 0, run.output
    rows = {line.split("│")[1].strip(): line for line in run.stdout.splitlines() if "│" in line}
    assert "↑ Better" in rows["Movement (large"]
    assert "↓ Needs attention" in rows["Hands and fingers"]
    assert "= Same" in rows["Feelings and"]
    assert "May 15, 2026" in run.stdout and "June 1, 2026" in run.stdout
    legend = " ".join(run.stdout.split())
    assert (
        "↓ needs attention, → new questions at this age (a later checklist). From least "
        "to most settled: worth talking about, coming along, on track." in legend
    )

    data = json.loads(history("--child", "MIA", "--format", "json").stdout)
    assert data["changes"] == {
        "gross_motor": "better",
        "fine_motor": "needs_attention",
        "social_emotional": "same",
    }
    assert [s["date"] for s in data["screenings"]] == ["2026-05-15", "2026-06-01"]


def test_too_few_answers_is_never_compared() -> None:
    assert area_change("incomplete", "on_track") == "unknown"
    assert area_change("discuss", "incomplete") == "unknown"
    assert area_change("emerging", "on_track") == "better"
    assert area_change("on_track", "discuss") == "needs_attention"


def test_a_harder_checklist_is_new_questions_not_needs_attention() -> None:
    # ✓ on the 4-month checklist, ◐ on the 6-month one: new questions, nothing lost.
    assert area_change("on_track", "emerging", same_checklist=False) == "new_questions"
    # The same questions answered less well, or a move to "talk about it", still say so.
    assert area_change("on_track", "emerging") == "needs_attention"
    assert area_change("on_track", "discuss", same_checklist=False) == "needs_attention"
    assert area_change("emerging", "on_track", same_checklist=False) == "better"


def test_an_unknown_child_is_an_error_that_names_the_children(home: Path, tmp_path: Path) -> None:
    save(screen(tmp_path, FIRST))
    run = history("--child", "Mai")
    assert run.exit_code == 1
    assert "did you mean 'Mia'?" in run.output


# --------------------------------------------------------------------------- deleting


def test_deleting_a_child_erases_their_data_from_disk(home: Path, tmp_path: Path) -> None:
    save(screen(tmp_path, FIRST, name="Zebulonia"))
    save(screen(tmp_path, SECOND, name="Zebulonia", date="2026-06-01"))
    kept = save(screen(tmp_path, FIRST, name="Mia"))
    assert b"Zebulonia" in on_disk(db_path(home))

    assert delete_child(" zebulonia ").screenings == 2
    assert [s.id for s in list_screenings()] == [kept]
    assert b"Zebulonia" not in on_disk(db_path(home))
    assert b"zebulonia" not in on_disk(db_path(home))  # nor the matching key


def test_deleting_one_screening_from_the_command_line(home: Path, tmp_path: Path) -> None:
    number = save(screen(tmp_path, FIRST, name="Quentinella"))
    asked = history("delete", str(number))  # no terminal and no --yes
    assert asked.exit_code == 1
    assert "--yes" in asked.output
    assert len(list_screenings()) == 1

    run = history("delete", str(number), "--yes")
    assert run.exit_code == 0
    assert run.stdout.strip() == f"Deleted screening {number}."
    assert list_screenings() == []
    assert b"Quentinella" not in on_disk(db_path(home))
    assert not delete_screening(number)
    assert history("delete", str(number), "--yes").exit_code == 1


def test_deleting_a_child_from_the_command_line(home: Path, tmp_path: Path) -> None:
    save(screen(tmp_path, FIRST))
    save(screen(tmp_path, SECOND, date="2026-06-01"))
    run = history("delete", "--child", "MIA", "--yes")
    assert run.exit_code == 0
    assert run.stdout.strip() == "Deleted 2 screenings of Mia."  # the name as saved
    assert history("delete", "--yes").exit_code == 1  # neither a number nor --child


# --------------------------------------------------------------------------- moving


def test_export_then_import_into_a_new_home_keeps_everything_once(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save(screen(tmp_path, FIRST))
    save(screen(tmp_path, SECOND, date="2026-06-01"))
    save(screen(tmp_path, FIRST, name="Sam"))
    exported = tmp_path / "mia.jsonl"
    run = history("export", "--child", "mia", "--output", str(exported))
    assert run.exit_code == 0 and "Exported 2 screenings" in run.stdout
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600
    lines = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    assert [line["format"] for line in lines] == ["ottool-history/1"] * 2
    assert {"saved_at", "content_version", "result", "answers"} <= set(lines[0])

    monkeypatch.setenv("OTTOOL_HOME", str(tmp_path / "other-computer"))
    assert import_jsonl(exported)[:2] == (2, 0)
    assert import_jsonl(exported)[:2] == (0, 2)
    again = history("import", str(exported))
    assert again.stdout.strip() == "Imported 0 screenings; 2 already saved were skipped."
    moved = list_screenings()
    assert [s.result for s in moved] == [line["result"] for line in lines]
    assert [s.saved_at for s in moved] == [line["saved_at"] for line in lines]


def test_a_bad_line_in_an_import_names_the_file_and_line_and_adds_nothing(
    home: Path, tmp_path: Path
) -> None:
    result = screen(tmp_path, FIRST)
    good = {"format": "ottool-history/1", "saved_at": "2026-05-15T10:00:00+00:00",
            "content_version": "x", "result": result, "answers": {}}  # fmt: skip
    source = tmp_path / "history.jsonl"
    source.write_text(json.dumps(good) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"{source}:2: this line is not JSON"):
        import_jsonl(source)
    source.write_text(json.dumps(good) + "\n" + json.dumps({**good, "result": {}}) + "\n")
    run = history("import", str(source))
    assert run.exit_code == 1
    assert f"{source}:2: " in run.output and "not an ottool result" in run.output
    assert list_screenings() == []


# --------------------------------------------------------------------------- the file itself


def test_the_history_is_private_to_its_owner(home: Path, tmp_path: Path) -> None:
    old = os.umask(0)  # even with a careless umask
    try:
        save(screen(tmp_path, FIRST))
    finally:
        os.umask(old)
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    for file in home.glob("history.sqlite3*"):
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file


def test_a_version_1_history_is_upgraded_and_keeps_every_screening(
    home: Path, tmp_path: Path
) -> None:
    result = screen(tmp_path, FIRST, name=" Mia ")
    other = screen(tmp_path, SECOND, name="Sam", date="2026-06-01")
    home.mkdir(mode=0o700)
    old = sqlite3.connect(db_path(home))
    old.executescript(
        "CREATE TABLE screenings (id INTEGER PRIMARY KEY AUTOINCREMENT, saved_at TEXT NOT NULL,"
        " child TEXT, result_json TEXT NOT NULL, answers_json TEXT NOT NULL);"
        "PRAGMA user_version = 1;"
    )
    rows = [(result, "Mia"), (other, "Sam"), (result, "Mia")]  # v1 did not prevent duplicates
    old.executemany(
        "INSERT INTO screenings (saved_at, child, result_json, answers_json) VALUES (?, ?, ?, ?)",
        [("2026-06-01T09:00:00+00:00", child, json.dumps(r), "{}") for r, child in rows],
    )
    old.commit()
    old.close()

    mias = list_screenings("mia")
    assert [s.id for s in mias] == [1, 3]
    assert mias[0].date == "2026-05-15"
    assert mias[0].content_version == result["content_version"]
    assert [s.date for s in list_screenings()] == ["2026-05-15", "2026-05-15", "2026-06-01"]
    assert import_jsonl(_export(tmp_path))[:2] == (0, 3)  # duplicates are recognised after upgrade
    check = sqlite3.connect(db_path(home))
    assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
    assert check.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    check.close()


def _export(tmp_path: Path) -> Path:
    out = tmp_path / "all.jsonl"
    export_jsonl(out)
    return out


def _foreign_text(path: Path) -> None:
    path.write_text("my shopping list\n", encoding="utf-8")


def _foreign_sqlite(path: Path) -> None:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE recipes (name TEXT)")
    db.commit()
    db.close()


def _damaged_history(path: Path) -> None:
    for i in range(40):
        save_screening(
            {"format": "ottool-result/1", "date": "2026-05-15", "note": "x" * 3000 + str(i)},
            {},
            "v",
        )
    raw = bytearray(path.read_bytes())
    page = 4096
    assert len(raw) > 4 * page
    raw[2 * page : 4 * page] = b"\xa5" * (2 * page)  # scribble over two pages past the schema
    path.write_bytes(bytes(raw))


@pytest.mark.parametrize("make", [_foreign_text, _foreign_sqlite, _damaged_history])
def test_a_foreign_or_damaged_file_is_refused_and_left_untouched(
    home: Path, tmp_path: Path, make: Any
) -> None:
    home.mkdir(mode=0o700, exist_ok=True)
    path = db_path(home)
    make(path)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    expected = "history.sqlite3 is not an ottool history database (or is damaged)"
    writes = (lambda: save(screen(tmp_path, FIRST)), lambda: delete_child("Mia"))
    reads: tuple[Any, ...] = (list_screenings,)
    if make is _damaged_history:
        # Reading checks only the pages it reads (docs/decisions.md, "History at clinic
        # scale"): a damaged page read is refused, intact rows may still be listed.
        reads = ()
        try:
            list_screenings()
        except InputError as error:
            assert expected in str(error)
    for attempt in (*writes, *reads):
        with pytest.raises(InputError, match=re.escape(expected)) as error:
            attempt()
        assert "it was left untouched" in str(error.value)
    run = history()
    assert "Traceback" not in run.output
    if make is not _damaged_history or run.exit_code:
        assert run.exit_code == 1 and expected in run.output
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in home.iterdir()) == ["history.sqlite3"]


def test_a_history_from_a_newer_ottool_is_refused_and_left_untouched(
    home: Path, tmp_path: Path
) -> None:
    save(screen(tmp_path, FIRST))
    newer = sqlite3.connect(db_path(home))
    newer.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    newer.commit()
    newer.close()
    before = (db_path(home).read_bytes(), db_path(home).stat().st_mtime_ns)
    with pytest.raises(InputError, match="newer ottool") as error:
        list_screenings()
    assert "left untouched" in str(error.value)
    with pytest.raises(InputError, match="newer ottool"):
        save(screen(tmp_path, SECOND, date="2026-06-01"))
    assert (db_path(home).read_bytes(), db_path(home).stat().st_mtime_ns) == before


def test_the_history_command_loads_nothing_heavy_at_start_up() -> None:
    code = (
        "import sys, ottool.cli.history\n"
        "heavy = {'sqlite3', 'rich', 'ottool.storage.history', 'ottool.core.content', 'yaml'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c"])
def test_a_name_with_a_unicode_line_separator_survives_export_and_import(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, separator: str
) -> None:
    """JSON Lines are split on newline only; U+2028/U+2029 are written escaped."""
    result = screen(tmp_path, FIRST, name="Mia")
    result["child"]["name"] = f"Mia{separator}Rose"
    save(result)
    exported = tmp_path / "moved.jsonl"
    export_jsonl(exported)
    raw = exported.read_text(encoding="utf-8")
    assert "\u2028" not in raw and "\u2029" not in raw
    assert raw.count("\n") == 1
    monkeypatch.setenv("OTTOOL_HOME", str(tmp_path / "other-computer"))
    assert import_jsonl(exported)[:2] == (1, 0)
    assert list_screenings()[0].result["child"]["name"] == f"Mia{separator}Rose"


def test_an_export_from_an_older_ottool_with_a_raw_line_separator_imports(
    home: Path, tmp_path: Path
) -> None:
    result = screen(tmp_path, FIRST)
    result["child"]["name"] = "Mia\u2028Rose"
    line = {"format": "ottool-history/1", "saved_at": "2026-05-15T10:00:00+00:00",
            "content_version": "x", "result": result, "answers": {}}  # fmt: skip
    source = tmp_path / "old.jsonl"
    source.write_text(json.dumps(line, ensure_ascii=False) + "\r\n", encoding="utf-8")
    assert "\u2028" in source.read_text(encoding="utf-8")
    assert import_jsonl(source)[:2] == (1, 0)
    assert list_screenings()[0].result["child"]["name"] == "Mia\u2028Rose"


@pytest.mark.slow
def test_any_unicode_name_and_concern_round_trip_through_export_and_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from properties import examples

    monkeypatch.setenv("OTTOOL_DATA_DIR", str(FIXTURE))
    base = screen(tmp_path, FIRST)
    text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
    runs = iter(range(10**6))

    @settings(max_examples=examples(40), deadline=None, suppress_health_check=list(HealthCheck))
    @given(name=text, concerns=text)
    def round_trip(name: str, concerns: str) -> None:
        n = next(runs)
        monkeypatch.setenv("OTTOOL_HOME", str(tmp_path / f"a{n}"))
        result = json.loads(json.dumps(base))
        result["child"]["name"] = name
        result["concerns"] = concerns
        save(result)
        exported = tmp_path / f"e{n}.jsonl"
        export_jsonl(exported)
        monkeypatch.setenv("OTTOOL_HOME", str(tmp_path / f"b{n}"))
        assert import_jsonl(exported)[:2] == (1, 0)
        moved = list_screenings()[0].result
        assert (moved["child"]["name"], moved["concerns"]) == (name, concerns)

    round_trip()
