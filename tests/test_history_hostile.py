"""What an attacker's pass found in the history: forged imports, deletions that left data
behind, a read-only history, a birth-date typo, impossible practice, clashing outputs."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from followup import FIRST, MIA_BORN, SECOND, TODAY, private_home, run, save_screening


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return private_home(tmp_path, monkeypatch)


def rows(home: Path, sql: str) -> list[tuple[Any, ...]]:
    db = sqlite3.connect(home / "history.sqlite3")
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def count(home: Path, table: str) -> int:
    return int(rows(home, f"SELECT COUNT(*) FROM {table}")[0][0])


# --------------------------------------------------------------------------- 1. import


@pytest.fixture
def exported(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Mia's real export (two screenings, a plan given, two practices), read as lines;
    OTTOOL_HOME then points at an empty history on "another computer"."""
    save_screening(tmp_path, FIRST, on=TODAY - dt.timedelta(days=10))
    save_screening(tmp_path, SECOND)
    given = run("plan", "--from-history", "2", "--therapist", "A. Rivera, OT", "--save")
    assert given.exit_code == 0, given.output
    assert run("log", "tummy-time", "--minutes", "10").exit_code == 0
    assert run("log", "open-hands", "--minutes", "5").exit_code == 0
    out = tmp_path / "mia.jsonl"
    assert run("history", "export", "--output", out).exit_code == 0
    monkeypatch.setenv("OTTOOL_HOME", str(tmp_path / "other-computer"))
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def write_lines(path: Path, lines: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


def first_of(lines: list[dict[str, Any]], kind: str) -> int:
    return next(i for i, line in enumerate(lines) if line["format"] == kind)


SCREENING, PLAN, PRACTICE = "ottool-history/1", "ottool-history-plan/1", "ottool-history-practice/1"


def _overall_fine(lines: list[dict[str, Any]]) -> int:
    i = first_of(lines, SCREENING)
    lines[i]["result"]["overall"] = "fine"
    return i


def _seven_months(lines: list[dict[str, Any]]) -> int:
    i = first_of(lines, SCREENING)
    lines[i]["result"]["checklist"]["months"] = 7
    return i


def _huge_concern(lines: list[dict[str, Any]]) -> int:
    i = first_of(lines, SCREENING) + 1
    lines[i]["result"]["concerns"] = "worried " * 250_000  # 2 MB
    return i


def _calm_overall(lines: list[dict[str, Any]]) -> int:
    i = first_of(lines, SCREENING)  # movement is "discuss" in the first screening
    assert any(d["status"] == "discuss" for d in lines[i]["result"]["domains"])
    lines[i]["result"]["overall"] = "on_track"
    lines[i]["result"]["act"] = "next_check"
    return i


def _future_practice(lines: list[dict[str, Any]]) -> int:
    i = first_of(lines, PRACTICE)
    lines[i]["date"] = (TODAY + dt.timedelta(days=30)).isoformat()
    return i


def _practice_before_birth(lines: list[dict[str, Any]]) -> int:
    i = first_of(lines, PRACTICE)
    lines[i]["date"] = (MIA_BORN - dt.timedelta(days=3)).isoformat()
    return i


def _ghost_child(lines: list[dict[str, Any]]) -> int:
    i = first_of(lines, PRACTICE)
    lines[i]["child"] = {"name": "Nobody", "birth_date": "2026-01-01"}
    return i


def _same_moment_other_minutes(lines: list[dict[str, Any]]) -> int:
    i = first_of(lines, PRACTICE)
    lines.append({**lines[i], "minutes": 200})
    return len(lines) - 1


def _a_whole_day(lines: list[dict[str, Any]]) -> int:
    i = first_of(lines, PRACTICE)
    lines[i]["minutes"] = 1440
    return i


def _twice_a_whole_day(lines: list[dict[str, Any]]) -> int:
    i = first_of(lines, PRACTICE)
    lines[i]["minutes"] = 200
    lines.append({**lines[i], "logged_at": "2026-01-01T10:00:00+00:00", "minutes": 100})
    return len(lines) - 1


def _plan_unknown_activity(lines: list[dict[str, Any]]) -> int:
    i = first_of(lines, PLAN)
    lines[i]["plan"]["activities"][0]["id"] = "juggling"
    return i


def _plan_in_the_future(lines: list[dict[str, Any]]) -> int:
    i = first_of(lines, PLAN)
    lines[i]["plan"]["date"] = (TODAY + dt.timedelta(days=400)).isoformat()
    return i


def _next_check_far_away(lines: list[dict[str, Any]]) -> int:
    i = first_of(lines, SCREENING)
    lines[i]["result"]["next_check"] = {"date": "2999-01-01", "months": 4, "why": "recheck"}
    return i


def _next_check_before(lines: list[dict[str, Any]]) -> int:
    i = first_of(lines, SCREENING)
    lines[i]["result"]["next_check"] = {"date": "1999-01-01", "months": 4, "why": "recheck"}
    return i


FORGERIES: dict[str, tuple[Callable[[list[dict[str, Any]]], int], str]] = {
    "overall fine": (_overall_fine, "'fine' is not one of the allowed values, at $.result.overall"),
    "7-month checklist": (_seven_months, "there is no 7-month checklist"),
    "2 MB concern": (_huge_concern, "the parent's note is too long: 2,000,000 characters"),
    "overall calmer than areas": (_calm_overall, "the overall step on_track contradicts"),
    "practice in the future": (_future_practice, "is in the future"),
    "practice before birth": (_practice_before_birth, "is before the child's birth date"),
    "ghost child": (_ghost_child, "has no screening and no plan given"),
    "same moment other minutes": (_same_moment_other_minutes, "at the same moment"),
    "a whole day": (_a_whole_day, "the minutes must be between 1 and 240"),
    "two lines over a day": (_twice_a_whole_day, "would make 300 that day"),
    "plan of an unknown activity": (_plan_unknown_activity, "'juggling' is not in the content"),
    "plan in the future": (_plan_in_the_future, "is in the future"),
    "next check in 2999": (_next_check_far_away, "the next check (2999-01-01) is not one"),
    "next check in 1999": (_next_check_before, "the next check (1999-01-01) is not one"),
}


@pytest.mark.parametrize("forgery", list(FORGERIES))
def test_a_forged_record_is_refused_naming_its_line_and_nothing_is_imported(
    exported: list[dict[str, Any]], tmp_path: Path, forgery: str
) -> None:
    forge, says = FORGERIES[forgery]
    lines = [json.loads(json.dumps(line)) for line in exported]
    index = forge(lines)
    source = write_lines(tmp_path / "forged.jsonl", lines)

    done = run("history", "import", source)
    assert done.exit_code == 1, done.output
    message = done.stderr.strip()
    # A code the format's types refuse (an unknown overall) is said as the decoder says
    # every damaged field: the file and line first.
    assert message.startswith((f"ottool: {source}:{index + 1}: ", f"{source}:{index + 1}: ")), (
        message
    )
    assert says in " ".join(message.split()), message
    assert "\n" not in message and "Traceback" not in done.output
    assert len(message) < 400  # a sentence, never the 2 MB echoed back
    listed = run("history", "--format", "json")
    assert json.loads(listed.stdout)["screenings"] == []  # all or nothing


def test_the_real_export_is_imported_whole(exported: list[dict[str, Any]], tmp_path: Path) -> None:
    source = write_lines(tmp_path / "real.jsonl", exported)
    done = run("history", "import", source)
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == (
        "Imported 2 screenings with 1 plan given and 2 practices logged."
    )
    again = run("history", "import", source)
    assert "5 already saved were skipped" in again.stdout


# --------------------------------------------------------------------------- 5. a day's practice


def test_a_day_of_practice_is_capped_per_activity_and_in_all(home: Path, tmp_path: Path) -> None:
    save_screening(tmp_path, SECOND)
    assert run("log", "tummy-time", "--minutes", "1440").exit_code == 1  # one entry: 4 h at most
    assert run("log", "tummy-time", "--minutes", "200").exit_code == 0
    again = run("log", "tummy-time", "--minutes", "200")
    assert again.exit_code == 1
    assert "200 more minutes of tummy-time on" in again.stderr
    assert "would make 400 that day; one activity is at most 240 minutes" in again.stderr
    assert run("log", "tummy-time", "--minutes", "40").exit_code == 0  # exactly 240
    for activity in ("open-hands", "mirror-play"):
        assert run("log", activity, "--minutes", "240").exit_code == 0  # 720 in all
    over = run("log", "songs", "--minutes", "1")
    assert over.exit_code == 1
    assert "all activities together are at most 720 minutes" in over.stderr
    yesterday = (TODAY - dt.timedelta(days=1)).isoformat()
    assert run("log", "tummy-time", "--minutes", "240", "--date", yesterday).exit_code == 0
    assert [m for (m,) in rows(home, "SELECT SUM(minutes) FROM practice")] == [960]


# --------------------------------------------------------------------------- 2. delete


def on_disk(home: Path) -> bytes:
    files = [home / "history.sqlite3", home / "history.sqlite3-wal"]
    return b"".join(f.read_bytes() for f in files if f.exists())


def test_a_child_with_only_plans_given_can_be_deleted(home: Path) -> None:
    born = (TODAY - dt.timedelta(days=100)).isoformat()
    given = run("plan", "--age-months", "3", "--child", "Leocadio", "--born", born, "--save")
    assert given.exit_code == 0, given.output
    asked = run("history", "delete", "--child", "leocadio")  # no terminal, no --yes
    assert asked.exit_code == 1 and count(home, "plans") == 1
    done = run("history", "delete", "--child", "leocadio", "--yes")
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == "Deleted 1 plan given of Leocadio."
    assert count(home, "plans") == 0
    assert b"eocadio" not in on_disk(home)


def test_deleting_a_child_deletes_screenings_plans_and_practice(home: Path, tmp_path: Path) -> None:
    save_screening(tmp_path, FIRST, on=TODAY - dt.timedelta(days=10))
    save_screening(tmp_path, SECOND)
    assert run("plan", "--from-history", "2", "--save").exit_code == 0
    assert run("log", "tummy-time", "--minutes", "10").exit_code == 0
    done = run("history", "delete", "--child", "Mia", "--yes")
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == (
        "Deleted 2 screenings, 1 plan given and 1 practice logged of Mia."
    )
    assert [count(home, t) for t in ("screenings", "plans", "practice")] == [0, 0, 0]


def test_deleting_a_screening_deletes_the_plans_given_from_it(home: Path, tmp_path: Path) -> None:
    save_screening(tmp_path, FIRST, on=TODAY - dt.timedelta(days=10))
    second = save_screening(tmp_path, SECOND, concerns="Quentinella sneezes a lot")
    assert run("plan", "--from-history", "2", "--save").exit_code == 0  # plan 1: holds it
    assert run("plan", "--from-history", "1", "--save").exit_code == 0  # plan 2: the first's
    assert b"Quentinella" in on_disk(home)

    done = run("history", "delete", "2", "--yes")
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == "Deleted screening 2. Deleted plan 1, given from it."
    assert [n for (n,) in rows(home, "SELECT id FROM plans")] == [2]
    assert b"Quentinella" not in on_disk(home)  # its answers are nowhere any more
    assert second["concerns"] == "Quentinella sneezes a lot"


def test_one_plan_given_can_be_deleted(home: Path, tmp_path: Path) -> None:
    save_screening(tmp_path, SECOND)
    assert run("plan", "--from-history", "1", "--save").exit_code == 0
    assert (
        run("plan", "--from-history", "1", "--therapist", "Wrong Person", "--save").exit_code == 0
    )
    assert run("log", "tummy-time").exit_code == 0  # follows plan 2
    done = run("history", "delete", "--plan", "2", "--yes")
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == "Deleted plan 2."
    assert [n for (n,) in rows(home, "SELECT id FROM plans")] == [1]
    assert rows(home, "SELECT plan_id FROM practice") == [(None,)]  # kept, unlinked
    assert b"Wrong Person" not in on_disk(home)
    missing = run("history", "delete", "--plan", "9", "--yes")
    assert missing.exit_code == 1
    assert "there is no saved plan 9" in missing.stderr
    both = run("history", "delete", "1", "--plan", "1", "--yes")
    assert both.exit_code == 1
    assert "give one of a screening NUMBER, --plan N or --child NAME" in both.stderr


# --------------------------------------------------------------------------- 3. read-only


READING = [
    ("history",),
    ("history", "--child", "Mia"),
    ("history", "show", "1"),
    ("history", "export", "--output", "-"),
    ("next",),
    ("progress",),
    ("summary", "--format", "md", "--output", "-"),
]


@pytest.fixture
def unwritable_home(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Mia's history in a folder the user may read but not write (as root, who writes
    anywhere, the folder is said to be unwritable the way os.access says it)."""
    save_screening(tmp_path, FIRST, on=TODAY - dt.timedelta(days=10))
    save_screening(tmp_path, SECOND)
    assert run("plan", "--from-history", "2", "--save").exit_code == 0
    real_access = os.access

    def access(path: Any, mode: int, **kwargs: Any) -> bool:
        if Path(path) == home and mode & os.W_OK:
            return False
        return real_access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", access)
    return home


@pytest.mark.parametrize("command", READING, ids=" ".join)
def test_a_history_in_a_read_only_folder_can_still_be_read(
    unwritable_home: Path, command: tuple[str, ...]
) -> None:
    done = run(*command)
    assert done.exit_code == 0, done.output
    assert "Mia" in done.stdout or "gross_motor" in done.stdout or "Movement" in done.stdout


def test_writing_to_a_history_in_a_read_only_folder_is_one_sentence(
    unwritable_home: Path,
) -> None:
    done = run("log", "tummy-time")
    assert done.exit_code == 1
    assert done.stderr.strip() == (
        f"ottool: the OTTOOL_HOME folder {unwritable_home} cannot be used: "
        "you cannot read and write in it"
    )


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes anywhere")
def test_a_history_in_a_folder_made_read_only_can_still_be_listed_and_exported(
    home: Path, tmp_path: Path
) -> None:
    save_screening(tmp_path, SECOND)
    home.chmod(0o500)
    try:
        listed = run("history")
        exported = run("history", "export", "--output", "-")
        logged = run("log", "tummy-time")
    finally:
        home.chmod(0o700)
    assert listed.exit_code == 0 and "Mia" in listed.stdout, listed.output
    assert exported.exit_code == 0 and '"ottool-history/1"' in exported.stdout
    assert logged.exit_code == 1 and len(logged.stderr.strip().splitlines()) == 1


# ------------------------------------------------------------------ 9. Ctrl-C at a question


def _spawn(*args: str | Path) -> Any:
    import sys

    import pexpect

    env = {**os.environ, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    return pexpect.spawn(
        sys.executable,
        ["-m", "ottool", *[str(a) for a in args]],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(30, 100),
    )


@pytest.mark.slow
@pytest.mark.parametrize("command", ["delete", "export"])
def test_ctrl_c_at_a_confirmation_is_ottools_interruption(
    home: Path, tmp_path: Path, command: str
) -> None:
    import pexpect

    save_screening(tmp_path, SECOND)
    existing = tmp_path / "backup.jsonl"
    existing.write_text("my backup\n", encoding="utf-8")
    args = ["delete", "1"] if command == "delete" else ["export", "--output", existing]
    child = _spawn("history", *args)
    child.expect("This cannot be undone" if command == "delete" else "Replace it?")
    child.send("\x03")
    child.expect(pexpect.EOF)
    if child.isalive():
        child.wait()  # its exit status: close() would kill it
    child.close()
    said = " ".join(str(child.before).split())
    assert child.exitstatus == 130, said
    assert "ottool: interrupted; nothing was changed." in said
    assert "Aborted" not in said
    assert count(home, "screenings") == 1
    assert existing.read_text(encoding="utf-8") == "my backup\n"


# --------------------------------------------------------------------------- 10. huge ids

HUGE = "x" * 10_000


@pytest.mark.parametrize(
    "args",
    [
        ("log", HUGE),
        ("history", "--child", HUGE),
        ("history", "show", HUGE),
        ("plan", "--age-months", "4", "--activity", HUGE),
        ("next", "--child", HUGE),
        (HUGE,),
    ],
    ids=["log", "history --child", "history show", "plan --activity", "next --child", "command"],
)
def test_a_huge_id_is_shortened_in_the_message(
    home: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    save_screening(tmp_path, SECOND)
    done = run(*args)
    assert done.exit_code in (1, 2), done.output
    assert len(done.output) < 1200, done.output[:300]
    assert "x" * 39 + "…" in done.output
    assert "x" * 41 not in done.output


def test_a_long_path_or_sentence_is_not_shortened() -> None:
    from ottool.core.errors import shortened

    path = "/tmp/" + "a" * 150 + "/answers.yaml:3: the child's name is too long"
    assert shortened(path) == path
    assert (
        shortened(f"'{HUGE}' is not an activity id") == "'" + "x" * 39 + "…' is not an activity id"
    )


# --------------------------------------------------------------------------- 8. a newborn's check


def test_a_newborn_is_rechecked_when_the_2_month_checklist_is_due_not_at_4_weeks() -> None:
    from ottool.core.next_check import next_check

    born = dt.date(2026, 11, 20)
    ages = [2, 4, 6, 9, 12, 15, 18, 24, 30]
    got = next_check(born, dt.date(2026, 11, 27), "recheck", ages, max_months=29)
    assert (got.date, got.months, got.why) == (dt.date(2027, 1, 20), 2, "recheck")
    # From two months on, a recheck is about four weeks on, as before.
    later = next_check(born, dt.date(2027, 1, 25), "recheck", ages, max_months=29)
    assert later.date == dt.date(2027, 2, 22)


# --------------------------------------------------------------------------- 4. a birth-date typo


def test_a_birth_date_a_few_days_off_warns_and_keeps_two_children(
    home: Path, tmp_path: Path
) -> None:
    save_screening(tmp_path, FIRST, on=TODAY - dt.timedelta(days=10))
    typo = MIA_BORN + dt.timedelta(days=3)
    answers = tmp_path / "typo.yaml"
    answers.write_text(
        f"child: {{name: Mia, birth_date: {typo}}}\ndate: {TODAY}\n"
        "answers: {gm-4m-head-steady: yes}\n",
        encoding="utf-8",
    )
    done = run("screen", "--answers", answers, "--save")
    assert done.exit_code == 0, done.output
    note = " ".join(done.stderr.split())
    assert (
        f"ottool: note: Mia was saved before with birth date {MIA_BORN}; screening 2 says "
        f"{typo}, so it is kept as another child" in note
    )
    assert "`ottool history delete 2`" in note
    assert sorted(rows(home, "SELECT birth_date FROM screenings")) == [
        (MIA_BORN.isoformat(),),
        (typo.isoformat(),),
    ]  # never merged
    # Another Mia, born months apart, is another child: no note.
    other = tmp_path / "other.yaml"
    other.write_text(
        f"child: {{name: Mia, birth_date: {MIA_BORN - dt.timedelta(days=100)}}}\n"
        f"date: {TODAY}\nanswers: {{}}\n",
        encoding="utf-8",
    )
    second = run("screen", "--answers", other, "--save")
    assert second.exit_code == 0, second.output
    assert "saved before with birth date" not in second.stderr


# --------------------------------------------------------------------------- 6. outputs first


def test_two_outputs_naming_one_file_are_refused_before_anything(
    home: Path, tmp_path: Path
) -> None:
    answers = tmp_path / "mia.yaml"
    answers.write_text(
        f"child: {{name: Mia, birth_date: {MIA_BORN}}}\nanswers: {{gm-4m-head-steady: yes}}\n",
        encoding="utf-8",
    )
    same = tmp_path / "mia.ics"
    for args in (
        ("screen", "--answers", answers, "--plan-output", same, "--ics", same, "--save"),
        ("screen", "--plan-output", same, "--ics", tmp_path / "." / "mia.ics"),  # questions
        ("plan", "--age-months", "4", "--born", MIA_BORN, "--output", same, "--ics", same),
    ):
        done = run(*args)
        assert done.exit_code == 1, done.output
        assert done.stderr.strip().endswith(f"name the same file {same}; give each its own")
        assert not same.exists() and not (home / "history.sqlite3").exists()


def test_an_output_in_a_missing_folder_is_refused_before_the_questions(
    home: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "no-such-folder" / "mia.ics"
    done = run("screen", "--ics", missing)  # the questionnaire would start after the checks
    assert done.exit_code == 1, done.output
    assert done.stderr.strip() == (
        f"ottool: cannot write {missing}: the folder {missing.parent} does not exist"
    )


# --------------------------------------------------------------------------- 7. six screenings


@pytest.mark.parametrize("columns", ["80", "110"])
def test_six_screenings_side_by_side_fit_or_become_blocks(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    for days in (60, 50, 40, 30, 20, 10):
        save_screening(tmp_path, FIRST if days % 20 else SECOND, on=TODAY - dt.timedelta(days=days))
    monkeypatch.setenv("COLUMNS", columns)
    done = run("history", "--child", "Mia")
    assert done.exit_code == 0, done.output
    lines = done.stdout.splitlines()
    assert all(len(line) <= int(columns) for line in lines), max(lines, key=len)
    tables = [line for line in lines if line.startswith(("│", "┃"))]
    assert all(line.rstrip().endswith(("│", "┃")) for line in tables)  # no cut border
    text = " ".join(done.stdout.split())
    assert "Since the screening before" in text and "Cannot comp " not in text
    for number in range(1, 7):
        assert f"(no. {number})" in text
