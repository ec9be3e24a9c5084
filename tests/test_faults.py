"""Hostile input and faults (issue 10): no data loss, and a clear message for every bad input.

Each test is one thing a user (or a bad day) can do: a misspelled name, an output path
that is not an ordinary file, a damaged JSON file, a full disk, Ctrl-C at a bad moment.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import FIXTURE_DIR, Run
from ottool.core.content import load_content
from ottool.core.errors import InputError
from ottool.storage.draft import load_draft
from ottool.storage.history import list_screenings
from properties import examples
from test_history import FIRST, SECOND, history, home, save, screen

__all__ = ["home"]  # the fixture, shared with test_history

# --------------------------------------------------------------------------- history export


def test_exporting_a_misspelled_child_is_an_error_and_keeps_the_backup(
    home: Path, tmp_path: Path
) -> None:
    save(screen(tmp_path, FIRST))
    backup = tmp_path / "backup.jsonl"
    backup.write_text("the only backup\n")
    run = history("export", "--child", "Mai", "--output", str(backup), "--force")
    assert run.exit_code == 1
    assert "no saved screenings for 'Mai'" in run.output and "did you mean 'Mia'" in run.output
    assert backup.read_text() == "the only backup\n"


def test_an_existing_export_file_is_not_replaced_without_force(home: Path, tmp_path: Path) -> None:
    save(screen(tmp_path, FIRST))
    backup = tmp_path / "backup.jsonl"
    backup.write_text("last week's backup\n")
    run = history("export", "--output", str(backup))  # CliRunner's stdin is no terminal
    assert run.exit_code == 1 and "already exists" in run.output and "--force" in run.output
    assert backup.read_text() == "last week's backup\n"
    assert history("export", "--output", str(backup), "--force").exit_code == 0
    assert backup.read_text().startswith('{"format": "ottool-history/1"')


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_an_export_never_replaces_the_history_itself(
    home: Path, tmp_path: Path, suffix: str
) -> None:
    save(screen(tmp_path, FIRST))
    save(screen(tmp_path, SECOND, date="2026-06-01"))
    target = home / f"history.sqlite3{suffix}"
    target.touch()
    before = target.read_bytes()
    run = history("export", "--output", str(target), "--force")
    assert run.exit_code == 1 and "ottool's own history" in run.output
    assert target.read_bytes() == before
    assert len(list_screenings()) == 2


def test_an_export_to_dash_goes_to_standard_output(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    save(screen(tmp_path, FIRST))
    run = history("export", "--output", "-")
    assert run.exit_code == 0
    assert run.stdout.startswith('{"format": "ottool-history/1"') and run.stdout.count("\n") == 1
    assert "Exported 1 screening to standard output." in run.stderr
    assert not Path("-").exists()


# --------------------------------------------------------------------------- --output


@pytest.fixture
def plan_args() -> list[str]:
    return ["plan", "--age-months", "4", "--data-dir", str(FIXTURE_DIR)]


def test_a_format_that_contradicts_the_file_name_is_refused(
    cli: Callable[..., Run], plan_args: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "plan.pdf"
    run = cli(*plan_args, "--format", "md", "--output", out)
    assert run.exit_code == 1 and "--format md does not match" in run.stderr
    assert not out.exists()
    assert cli(*plan_args, "--format", "terminal", "--output", tmp_path / "p.txt").exit_code == 0


def test_plan_output_dash_is_standard_output(
    cli: Callable[..., Run], plan_args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run = cli(*plan_args, "--format", "md", "--output", "-")
    assert run.exit_code == 0 and run.stdout.startswith("# ")
    assert not Path("-").exists()


def test_an_empty_output_name_is_a_clear_error(
    cli: Callable[..., Run], plan_args: list[str]
) -> None:
    run = cli(*plan_args, "--format", "md", "--output", "")
    assert run.exit_code == 1 and "give a file name" in run.stderr


def test_a_plan_to_a_device_leaves_the_device_in_place(
    cli: Callable[..., Run], plan_args: list[str], tmp_path: Path
) -> None:
    device = null_device(tmp_path)
    before = device.stat()
    run = cli(*plan_args, "--format", "md", "--output", device)
    assert run.exit_code == 0
    after = device.stat()
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def null_device(folder: Path) -> Path:
    """A private copy of /dev/null when allowed (root), so a failing test cannot break the
    real one; otherwise /dev/null itself, which an ordinary user cannot replace anyway."""
    private = folder / "null"
    try:
        os.mknod(private, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        return Path("/dev/null")
    return private


# --------------------------------------------------------------------------- OTTOOL_HOME


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (lambda p: p.write_text("a file"), "it is a file, not a folder"),
        (lambda p: p.parent.write_text("a file"), "part of its path is a file"),
    ],
)
def test_an_ottool_home_that_cannot_be_a_folder_is_one_clear_line(
    cli: Callable[..., Run],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    make: Callable[[Path], object],
    why: str,
) -> None:
    home = tmp_path / "here" / "ottool"
    home.parent.mkdir()
    if "path" in why:
        home.parent.rmdir()
    make(home)
    monkeypatch.setenv("OTTOOL_HOME", str(home))
    answers = tmp_path / "answers.yaml"
    answers.write_text("child: {birth_date: 2026-01-10}\ndate: 2026-05-20\n")
    for args in (
        ["history"],
        ["screen", "--answers", answers, "--save", "--data-dir", FIXTURE_DIR],
    ):
        run = cli(*args)
        assert run.exit_code == 1, run.output
        assert f"the OTTOOL_HOME folder {home} cannot be used: {why}" in run.stderr
        assert "unexpected" not in run.output


# --------------------------------------------------------------------------- JSON inputs

HOSTILE_JSON = {
    "a 5000-digit number": '{"format": "ottool-result/1", "date": ' + "9" * 5000 + "}",
    "100,000-deep nesting": "[" * 100_000 + "]" * 100_000,
    "Infinity": '{"format": "ottool-result/1", "age": {"chronological_months": Infinity}}',
    "NaN": "NaN",
    "a huge float": '{"format": "ottool-result/1", "age": {"chronological_months": 1e999}}',
}


def exported_line(tmp_path: Path) -> dict[str, Any]:
    """One good line of `history export`, as plain data to spoil."""
    return {
        "format": "ottool-history/1",
        "saved_at": "2026-05-15T10:00:00+00:00",
        "content_version": "x",
        "result": screen(tmp_path, FIRST),
        "answers": {
            "child": {"birth_date": "2026-01-01"},
            "answers": {"se-4m-smiles-for-attention": "yes"},
        },
    }


@pytest.mark.parametrize("text", HOSTILE_JSON.values(), ids=HOSTILE_JSON.keys())
def test_hostile_json_is_one_clear_line_everywhere(
    cli: Callable[..., Run], home: Path, tmp_path: Path, text: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(text)
    for args in (["history", "import", bad], ["plan", "--from", bad]):
        run = cli(*args)
        assert run.exit_code == 1, run.output
        assert run.stderr.startswith(f"{bad}:") and run.stderr.count("\n") == 1
        assert len(run.stderr) < 300 and "unexpected" not in run.stderr
    home.mkdir(parents=True, exist_ok=True)
    (home / "draft.json").write_text(text)
    with pytest.raises(InputError, match="move it away"):
        load_draft(load_content(FIXTURE_DIR))


@pytest.mark.parametrize(
    ("spoil", "field"),
    [
        (lambda e: e["result"]["child"].update(name=12345), "$.result.child.name"),
        (lambda e: e["result"]["plan"]["activities"][0].update(targets=5), "targets"),
        (lambda e: e["result"]["age"].update(chronological_days=10**30), "chronological_days"),
        (lambda e: e["result"].update(domains="all"), "$.result.domains"),
        (
            lambda e: e["answers"]["answers"].update({"se-4m-smiles-for-attention": 3}),
            "$.answers.answers",
        ),
        (lambda e: e.update(saved_at="yesterday"), "$.saved_at"),
    ],
)
def test_an_import_with_wrong_types_is_refused_naming_the_field(
    home: Path, tmp_path: Path, spoil: Callable[[dict[str, Any]], None], field: str
) -> None:
    entry = exported_line(tmp_path)
    spoil(entry)
    source = tmp_path / "history.jsonl"
    source.write_text(json.dumps(entry) + "\n")
    run = history("import", str(source))
    assert run.exit_code == 1
    assert f"{source}:1: this screening is incomplete or damaged" in run.output
    assert field in run.output
    assert list_screenings() == []


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)


@pytest.mark.slow
@settings(max_examples=examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_whatever_an_import_holds_it_is_refused_or_shown_and_planned(
    tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    """Any field replaced by any JSON value: the import is refused in one line, or the
    screening it adds can be shown and planned from (the crash the issue found)."""
    folder = tmp_path_factory.mktemp("import")
    entry = _GOOD_LINE.copy() if _GOOD_LINE else {}
    entry = json.loads(json.dumps(entry))
    path = data.draw(st.sampled_from(_PATHS))
    spot = entry
    for key in path[:-1]:
        spot = spot[key]
    spot[path[-1]] = data.draw(json_values)
    source = folder / "history.jsonl"
    source.write_text(json.dumps(entry) + "\n")
    env = {"OTTOOL_HOME": str(folder / "home"), "OTTOOL_DATA_DIR": str(FIXTURE_DIR)}
    with pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        run = history("import", str(source))
        assert run.exit_code in (0, 1), run.output
        if run.exit_code == 1:
            assert run.output.count("\n") == 1 and "unexpected" not in run.output
            return
        for args in (["show", "1"], ["show", "1", "--format", "json"]):
            shown = history(*args)
            assert shown.exit_code == 0, shown.output
        from ottool.cli import app

        planned = CliRunner().invoke(app, ["plan", "--from-history", "1", "--format", "md"])
        assert planned.exit_code in (0, 1), planned.output
        assert "unexpected" not in planned.output


_GOOD_LINE: dict[str, Any] = {}
_PATHS: list[tuple[Any, ...]] = [
    ("result", "child", "name"),
    ("result", "child", "birth_date"),
    ("result", "child", "gestational_weeks"),
    ("result", "date"),
    ("result", "age", "chronological_months"),
    ("result", "age", "corrected_months"),
    ("result", "age", "chronological_days"),
    ("result", "age", "corrected"),
    ("result", "checklist", "months"),
    ("result", "checklist", "early"),
    ("result", "domains"),
    ("result", "domains", 0, "status"),
    ("result", "domains", 0, "yes"),
    ("result", "warning_signs"),
    ("result", "overall"),
    ("result", "concerns"),
    ("result", "plan"),
    ("result", "plan", "activities", 0, "targets"),
    ("result", "plan", "activities", 0, "reason"),
    ("answers",),
    ("answers", "answers"),
    ("saved_at",),
    ("content_version",),
]


@pytest.fixture(autouse=True, scope="module")
def _good_line(tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("good")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OTTOOL_DATA_DIR", str(FIXTURE_DIR))
        _GOOD_LINE.update(exported_line(folder))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format": "ottool-draft/1", "position": -100}', "position"),
        ('{"format": "ottool-draft/1", "answers": [1, 2]}', "$.answers"),
        ('{"format": "ottool-draft/1", "child": {"birth_date": 20260101}}', "birth_date"),
        ('{"format": "ottool-draft/1", "child": {"gestational_weeks": 1000}}', "weeks"),
        ('{"format": "something else"}', 'expected "format": "ottool-draft/1"'),
    ],
)
def test_an_edited_draft_is_one_clear_error(home: Path, text: str, message: str) -> None:
    home.mkdir(parents=True)
    (home / "draft.json").write_text(text)
    with pytest.raises(InputError, match="move it away") as caught:
        load_draft(load_content(FIXTURE_DIR))
    assert message in str(caught.value) and str(home / "draft.json") in str(caught.value)


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize("number", ["0", "9223372036854775808", "9" * 4000])
def test_a_screening_number_out_of_range_is_a_clear_error(
    cli: Callable[..., Run], home: Path, tmp_path: Path, number: str
) -> None:
    save(screen(tmp_path, FIRST))
    for args in (
        ["history", "show", number],
        ["history", "delete", number, "--yes"],
        ["plan", "--from-history", number],
    ):
        run = cli(*args)
        assert run.exit_code == 1, run.output
        assert "there is no saved screening" in run.stderr and len(run.stderr) < 200
    assert len(list_screenings()) == 1


def test_importing_duplicates_does_not_use_up_numbers(home: Path, tmp_path: Path) -> None:
    first = save(screen(tmp_path, FIRST))
    exported = tmp_path / "all.jsonl"
    assert history("export", "--output", str(exported)).exit_code == 0
    for _ in range(3):
        assert history("import", str(exported)).exit_code == 0
    assert save(screen(tmp_path, SECOND, date="2026-06-01")) == first + 1


def test_a_huge_yaml_number_is_not_echoed_in_full(cli: Callable[..., Run], tmp_path: Path) -> None:
    for digits in (400, 5000):
        answers = tmp_path / "answers.yaml"
        answers.write_text(
            f"child: {{birth_date: 2026-01-10, gestational_weeks: {'9' * digits}}}\n"
        )
        run = cli("screen", "--answers", answers, "--data-dir", FIXTURE_DIR)
        assert run.exit_code == 1 and "answers.yaml:1:" in run.stderr
        assert len(run.stderr) < 300


# --------------------------------------------------------------------------- size limits


@pytest.mark.parametrize(
    "args",
    [
        ["screen", "--answers", "/dev/zero"],
        ["history", "import", "/dev/zero"],
        ["plan", "--from", "/dev/zero"],
    ],
)
def test_a_file_without_a_size_is_read_only_up_to_the_limit(
    cli: Callable[..., Run], home: Path, args: list[str]
) -> None:
    run = cli(*args, *(["--data-dir", FIXTURE_DIR] if args[0] != "history" else []))
    assert run.exit_code == 1 and "/dev/zero: the file is too large; the limit is" in run.stderr


def test_content_linked_to_dev_zero_is_refused(cli: Callable[..., Run], content_copy: Path) -> None:
    (content_copy / "activities.yaml").unlink()
    (content_copy / "activities.yaml").symlink_to("/dev/zero")
    run = cli("validate", "--data-dir", content_copy)
    assert run.exit_code == 1 and "activities.yaml: the file is too large" in run.stderr


def test_a_draft_linked_to_dev_zero_is_refused(home: Path) -> None:
    home.mkdir(parents=True)
    (home / "draft.json").symlink_to("/dev/zero")
    with pytest.raises(InputError, match="not a regular file"):
        load_draft(load_content(FIXTURE_DIR))


# --------------------------------------------------------------------------- the history file


def test_a_delete_on_a_full_disk_reports_that_the_screening_is_deleted(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    keep = save(screen(tmp_path, FIRST))
    gone = save(screen(tmp_path, SECOND, date="2026-06-01"))

    class FullDisk(sqlite3.Connection):
        """VACUUM needs room for a copy of the file: on a full disk it fails."""

        def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
            if sql == "VACUUM":
                error = sqlite3.OperationalError("database or disk is full")
                error.sqlite_errorcode = 13  # type: ignore[attr-defined]
                raise error
            return super().execute(sql, *args)

    real_connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: real_connect(*a, **k, factory=FullDisk))
    run = history("delete", str(gone), "--yes")
    assert run.exit_code == 0, run.output
    assert f"Deleted screening {gone}." in run.stdout
    assert "could not be compacted afterwards (the disk is full)" in run.stderr
    monkeypatch.setattr(sqlite3, "connect", real_connect)
    assert [s.id for s in list_screenings()] == [keep]


def test_a_foreign_database_with_a_screenings_table_is_left_untouched(
    cli: Callable[..., Run], home: Path
) -> None:
    home.mkdir(parents=True)
    path = home / "history.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE screenings (patient TEXT, score INTEGER)")
        db.execute("INSERT INTO screenings VALUES ('x', 1)")
        db.execute("PRAGMA user_version = 1")
    db.close()
    before = path.read_bytes()
    run = cli("history")
    assert run.exit_code == 1 and "is not an ottool history database" in run.stderr
    assert path.read_bytes() == before
    assert sorted(p.name for p in home.iterdir()) == ["history.sqlite3"]  # no WAL, no SHM


def test_a_read_only_shm_left_behind_does_not_block_saving(home: Path, tmp_path: Path) -> None:
    save(screen(tmp_path, FIRST))
    reader = sqlite3.connect(home / "history.sqlite3")  # keeps the -shm there to look at
    reader.execute("SELECT count(*) FROM screenings").fetchone()
    shm = home / "history.sqlite3-shm"
    shm.chmod(0o400)  # as a run under another umask, or a careless copy, leaves it
    save(screen(tmp_path, SECOND, date="2026-06-01"))
    assert shm.stat().st_mode & 0o777 == 0o600
    reader.close()
    assert len(list_screenings()) == 2


def test_a_read_only_history_names_the_file_that_is_read_only(tmp_path: Path) -> None:
    from ottool.storage.history.sqlite_file import _sqlite_problem

    path = tmp_path / "history.sqlite3"
    path.touch()
    shm = tmp_path / "history.sqlite3-shm"
    shm.touch()
    shm.chmod(0o400)
    error = sqlite3.OperationalError("attempt to write a readonly database")
    error.sqlite_errorcode = 8  # type: ignore[attr-defined]
    assert f"{shm} is read-only" in str(_sqlite_problem(error, path))


# --------------------------------------------------------------------------- Ctrl-C and the draft


def test_ctrl_c_just_after_the_save_committed_says_it_was_saved(
    cli: Callable[..., Run], home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ottool.storage.history

    real_save = ottool.storage.history.save_screening

    def save_then_ctrl_c(*args: Any, **kwargs: Any) -> int:
        real_save(*args, **kwargs)  # committed ...
        raise KeyboardInterrupt  # ... and Ctrl-C before ottool could note it

    monkeypatch.setattr(ottool.storage.history, "save_screening", save_then_ctrl_c)
    answers = tmp_path / "answers.yaml"
    answers.write_text("child: {name: Ida, birth_date: 2026-01-10}\ndate: 2026-05-20\n")
    run = cli("screen", "--answers", answers, "--save", "--data-dir", FIXTURE_DIR)
    assert run.exit_code == 130
    assert "interrupted; the results were saved as screening 1." in run.stderr
    assert "nothing was changed" not in run.stderr
    assert [s.child for s in list_screenings()] == ["Ida"]


def _finish_questionnaire(child: Any) -> None:
    from test_interview import answer_child, choose

    answer_child(child, name="Ada")
    for position in ("1 of 5", "2 of 5", "3 of 5", "4 of 5", "5 of 5"):
        choose(child, position, "1")
    child.expect("Have you noticed any of these")
    child.send("\r")
    child.expect("Anything else")
    child.sendline("")
    child.expect("Results for Ada")
    child.expect("Write this plan")
    child.send("n\r")
    child.expect("Save these results")


@pytest.mark.slow
def test_answers_survive_a_failed_save_and_resume_shows_the_results(tmp_path: Path) -> None:
    import pexpect

    from test_interview import spawn

    home = tmp_path / "home"
    home.mkdir()
    (home / "history.sqlite3").write_text("not a database")  # every save fails
    child = spawn(home)
    _finish_questionnaire(child)
    child.send("y\r")
    child.expect(r"is\s+not\s+an\s+ottool")
    child.expect(r"your\s+answers\s+are\s+kept")
    child.expect(pexpect.EOF)
    if child.isalive():
        child.wait()  # its exit status: close() would kill it
    child.close()
    assert child.exitstatus == 1  # not saved: the run did not succeed
    assert (home / "draft.json").exists()

    (home / "history.sqlite3").unlink()  # the problem is fixed
    child = spawn(home, "--resume")
    child.expect("Results for Ada")
    child.expect("Write this plan")
    child.send("n\r")
    child.expect("Save these results")
    child.send("y\r")
    child.expect("Saved as screening 1")
    child.expect(pexpect.EOF)
    if child.isalive():
        child.wait()  # its exit status: close() would kill it
    child.close()
    assert child.exitstatus == 0
    assert not (home / "draft.json").exists()


@pytest.mark.slow
def test_ctrl_c_at_the_save_offer_keeps_the_answers(tmp_path: Path) -> None:
    import pexpect

    from test_interview import spawn

    child = spawn(tmp_path)
    _finish_questionnaire(child)
    child.sendcontrol("c")
    child.expect(r"Your\s+answers\s+are\s+kept")
    child.expect(pexpect.EOF)
    if child.isalive():
        child.wait()  # its exit status: close() would kill it
    child.close()
    assert json.loads((tmp_path / "draft.json").read_text())["child"]["name"] == "Ada"
