"""Hostile input and faults, third pass (issue 21): closed streams, damaged catalogs and
caches, strange history files, full disks, and the smaller messages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURE_DIR, Run

Cli = Callable[..., Run]


def ottool_in_shell(
    shell: str, tmp_path: Path, timeout: float = 30
) -> subprocess.CompletedProcess[str]:
    """`ottool ...` through a shell, so that `>&-` and `<&-` close its streams."""
    env = {
        **os.environ,
        "OTTOOL_HOME": str(tmp_path / "home"),
        "OTTOOL_DATA_DIR": str(FIXTURE_DIR),
        "OTTOOL": f"{sys.executable} -m ottool",
    }
    return subprocess.run(
        ["sh", "-c", shell], capture_output=True, text=True, env=env, timeout=timeout
    )


# -------------------------------------------------------------------------- item 8: closed streams


@pytest.mark.slow
@pytest.mark.parametrize(
    "command", ["history", "plan --age-months 4", "plan --age-months 4 --format json"]
)
def test_a_closed_standard_output_is_one_clear_line_and_exit_1(
    tmp_path: Path, command: str
) -> None:
    run = ottool_in_shell(f"$OTTOOL {command} >&-", tmp_path)
    assert run.returncode == 1, run.stderr
    assert run.stderr.strip().count("\n") == 0
    assert "standard output is closed" in run.stderr


@pytest.mark.slow
def test_a_closed_standard_input_is_no_terminal_to_ask_on(tmp_path: Path) -> None:
    run = ottool_in_shell("$OTTOOL screen <&-", tmp_path)
    assert run.returncode == 1
    assert "no terminal to ask questions on" in run.stderr
    assert "unexpected" not in run.stderr
    # A command that needs no input still works.
    run = ottool_in_shell("$OTTOOL plan --age-months 4 --format json <&-", tmp_path)
    assert run.returncode == 0 and run.stdout.startswith("{")


@pytest.mark.slow
def test_with_stdout_closed_the_history_is_never_written_through_it(tmp_path: Path) -> None:
    """The first file opened would take descriptor 1: printing must not go into it."""
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "child: {name: Sam, birth_date: 2026-01-01}\ndate: 2026-05-15\n"
        "answers: {gm-4m-head-steady: 'yes'}\n"
    )
    run = ottool_in_shell(f"$OTTOOL screen --answers {answers} --save >&-", tmp_path)
    assert run.returncode == 1
    history = tmp_path / "home" / "history.sqlite3"
    assert not history.exists() or history.read_bytes()[:16] == b"SQLite format 3\x00"


# ------------------------------------------------------------------------------- item 12: catalogs


def _catalog_with(tmp_path: Path, changes: dict[str, str]) -> Path:
    """A copy of the locale folder whose Spanish catalog has ``changes`` (msgid: msgstr)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    from ottool.core import i18n

    folder = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, folder)
    po = folder / "es" / "LC_MESSAGES" / "ottool.po"
    with po.open("rb") as handle:
        catalog = read_po(handle)
    for msgid, msgstr in changes.items():
        catalog[msgid].string = msgstr
    with (po.with_suffix(".mo")).open("wb") as handle:
        write_mo(handle, catalog)
    return folder


@pytest.mark.parametrize(
    "broken",
    [
        "Plan escrito en {archivo}.",  # a placeholder the English does not have
        "Plan escrito en {file.",  # an unbalanced brace
        "Plan escrito en {0}.",  # a positional field
    ],
)
def test_a_damaged_spanish_message_falls_back_to_english_for_that_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli, broken: str
) -> None:
    from ottool.core import i18n

    monkeypatch.setattr(
        i18n, "LOCALE_DIR", _catalog_with(tmp_path, {"Plan written to {file}.": broken})
    )
    monkeypatch.chdir(tmp_path)
    run = cli(
        "plan",
        "--age-months",
        "4",
        "--output",
        "plan.md",
        "--lang",
        "es",
        "--data-dir",
        FIXTURE_DIR,
    )
    assert run.exit_code == 0, run.output
    assert "Plan written to plan.md." in run.stderr  # this message in English
    assert (
        "Plan para" in Path("plan.md").read_text() or "Actividades" in Path("plan.md").read_text()
    )


def test_a_damaged_plural_falls_back_to_english_by_the_english_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    from ottool.core import i18n

    folder = _catalog_with(tmp_path, {})
    po = folder / "es" / "LC_MESSAGES" / "ottool.po"
    with po.open("rb") as handle:
        catalog = read_po(handle)
    key = ("Imported {count} screening", "Imported {count} screenings")
    catalog[key].string = ("Importada {cuenta} evaluación", "Importadas {count}")
    with po.with_suffix(".mo").open("wb") as handle:
        write_mo(handle, catalog)
    monkeypatch.setattr(i18n, "LOCALE_DIR", folder)
    i18n.set_language("es")
    assert i18n.language() == "es"
    # The damaged singular is said in English; the sound plural stays Spanish.
    for n, said in [(1, "Imported 1 screening"), (3, "Importadas 3")]:
        assert i18n.ngettext(*key, n).format(count=n) == said
    assert i18n._("Nothing exported.") == "No se exportó nada."  # the rest stays Spanish


@pytest.mark.parametrize("kind", ["fifo", "zero", "huge", "garbage", "folder"])
def test_a_spanish_catalog_that_cannot_be_read_is_english_not_a_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    from ottool.core import i18n

    folder = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, folder)
    mo = folder / "es" / "LC_MESSAGES" / "ottool.mo"
    mo.unlink()
    if kind == "fifo":
        os.mkfifo(mo)
    elif kind == "zero":
        mo.symlink_to("/dev/zero")
    elif kind == "huge":
        with mo.open("wb") as handle:
            handle.truncate(i18n.MAX_CATALOG_BYTES + 1)
    elif kind == "garbage":
        mo.write_bytes(b"\xde\x12\x04\x95" + b"\xff" * 100)
    else:
        mo.mkdir()
    monkeypatch.setattr(i18n, "LOCALE_DIR", folder)
    i18n.set_language("es")
    assert i18n.language() == "en"
    assert i18n._("Plan written to {file}.") == "Plan written to {file}."


# -------------------------------------------------------------------- item 9 and 16: symlink loops


def test_a_content_file_that_is_a_symlink_loop_is_one_clear_line(
    content_copy: Path, cli: Cli
) -> None:
    looped = content_copy / "activities.yaml"
    looped.unlink()
    looped.symlink_to(looped.name)
    for args in (["plan", "--age-months", "4"], ["validate"]):
        run = cli(*args, "--data-dir", content_copy)
        assert run.exit_code == 1, run.output
        assert "activities.yaml: the file cannot be read" in run.output
        assert "unexpected" not in run.output


@pytest.mark.parametrize("kind", ["loop", "dangling"])
def test_an_ottool_home_that_is_a_broken_symlink_is_not_called_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli, kind: str
) -> None:
    home = tmp_path / "home"
    home.symlink_to(home.name if kind == "loop" else "gone")
    monkeypatch.setenv("OTTOOL_HOME", str(home))
    run = cli("history")
    assert run.exit_code == 1
    assert "it is a file" not in run.stderr
    expected = "loops back on itself" if kind == "loop" else "to gone, which does not exist"
    assert expected in run.stderr


# ------------------------------------------------------------------ item 11, 14, 15: history files


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("OTTOOL_HOME", str(folder))
    monkeypatch.setenv("OTTOOL_DATA_DIR", str(FIXTURE_DIR))
    return folder


def _saved_one(tmp_path: Path, cli: Cli) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "child: {name: Sam, birth_date: 2026-01-01}\ndate: 2026-05-15\n"
        "answers: {gm-4m-head-steady: 'yes'}\n"
    )
    assert cli("screen", "--answers", answers, "--save").exit_code == 0


def test_a_history_with_a_negative_user_version_is_refused_untouched(home: Path, cli: Cli) -> None:
    import sqlite3

    history = home / "history.sqlite3"
    with sqlite3.connect(history) as db:
        db.execute("PRAGMA user_version = -1")
        db.execute("CREATE TABLE screenings (id INTEGER)")
    before = history.read_bytes()
    run = cli("history")
    assert run.exit_code == 1 and "is not an ottool history database" in run.stderr
    assert history.read_bytes() == before


@pytest.mark.slow
def test_a_history_that_is_a_fifo_never_blocks(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    os.mkfifo(home / "history.sqlite3")
    for command in ("history", "history export --output -", "history show 1"):
        run = ottool_in_shell(f"$OTTOOL {command}", tmp_path, timeout=20)
        assert run.returncode == 1, run.stderr
        assert "is not an ottool history database" in run.stderr


@pytest.mark.parametrize(
    "make",
    [
        "CREATE VIEW v AS SELECT 1",
        "PRAGMA application_id = 1234",
        "CREATE TABLE t (x); CREATE INDEX i ON t (x); DROP TABLE t; CREATE VIEW w AS SELECT 2",
    ],
)
def test_a_foreign_sqlite_file_with_no_tables_is_not_adopted(
    home: Path, cli: Cli, tmp_path: Path, make: str
) -> None:
    import sqlite3

    history = home / "history.sqlite3"
    db = sqlite3.connect(history)
    db.executescript(make)
    db.close()
    before = history.read_bytes()
    for args in (["history"], ["history", "export", "--output", "-"]):
        run = cli(*args)
        assert run.exit_code == 1 and "is not an ottool history database" in run.stderr
    assert history.read_bytes() == before
    assert not Path(f"{history}-wal").exists()


def test_on_a_full_disk_reading_still_works_and_saving_says_the_disk_is_full(
    home: Path, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite cannot make its -shm file on a full disk and says "disk I/O error"."""
    import sqlite3

    from ottool.storage.history import sqlite_file

    _saved_one(tmp_path, cli)

    def no_room(where: Path, **_options: object) -> sqlite3.Connection:
        error = sqlite3.OperationalError("disk I/O error")
        error.sqlite_errorcode = 4874  # type: ignore[attr-defined]  # SQLITE_IOERR_SHMSIZE
        raise error

    monkeypatch.setattr(sqlite_file, "_open_checked", no_room)
    monkeypatch.setattr(sqlite_file, "disk_is_full", lambda folder: True)
    listed = cli("history")
    assert listed.exit_code == 0 and "Sam" in listed.stdout
    exported = cli("history", "export", "--output", "-")
    assert exported.exit_code == 0 and '"ottool-history/1"' in exported.stdout
    assert cli("history", "show", "1").exit_code == 0
    for args in (
        ["screen", "--answers", tmp_path / "a.yaml", "--save"],
        ["history", "delete", "1", "--yes"],
    ):
        run = cli(*args)
        assert run.exit_code == 1
        assert "the disk is full" in run.stderr and "I/O" not in run.stderr


def test_a_bidi_override_in_a_name_is_neutralised_on_the_terminal(
    home: Path, cli: Cli, tmp_path: Path
) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(
        'child: {name: "Sam\\u202eeeL", birth_date: 2026-01-01}\ndate: 2026-05-15\n'
        "answers: {gm-4m-head-steady: 'yes'}\n"
    )
    assert cli("screen", "--answers", answers, "--save").exit_code == 0
    for args in (["history"], ["history", "show", "1"], ["history", "--child", "Sam\u202eeeL"]):
        run = cli(*args)
        assert run.exit_code == 0, run.output
        assert "Sam\ufffdeeL" in run.stdout
        for override in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
            assert override not in run.output
    exported = cli("history", "export", "--output", "-")
    assert "\u202e" not in exported.stdout and "Sam\\u202eeeL" in exported.stdout


# --------------------------------------------------------- item 10: a plan that cannot be written


def test_a_plan_that_cannot_be_written_still_leaves_the_screening_saved(
    home: Path, cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "child: {name: Sam, birth_date: 2026-01-01}\ndate: 2026-05-15\n"
        "answers: {gm-4m-head-steady: 'yes'}\n"
    )
    # A folder that is missing is refused before anything is done (nothing saved).
    run = cli("screen", "--answers", answers, "--plan-output", tmp_path / "gone" / "p.md", "--save")
    assert run.exit_code == 1
    assert "does not exist" in run.stderr
    assert "saved" not in run.stderr and "Sam" not in cli("history").stdout
    # A plan that fails while it is written (a full disk) says the results were saved.
    from ottool import session
    from ottool.core.errors import InputError

    def full_disk(*args: object, **kwargs: object) -> None:
        raise InputError("cannot write p.md: the disk is full")

    monkeypatch.setattr(session, "write_plan", full_disk)
    run = cli("screen", "--answers", answers, "--plan-output", tmp_path / "p.md", "--save")
    assert run.exit_code == 1
    assert "the disk is full" in run.stderr
    assert "the results were saved as screening 1" in run.stderr
    listed = cli("history")
    assert "Sam" in listed.stdout


# ----------------------------------------------------------------------- item 16: smaller messages


@pytest.mark.parametrize("value", ["['a', 'b']", "{a: 1}"])
def test_a_list_or_mapping_as_a_name_or_concern_is_refused(
    tmp_path: Path, cli: Cli, value: str
) -> None:
    for text in (
        f"child: {{name: {value}, birth_date: 2026-01-01}}\ndate: 2026-05-15\nanswers: {{}}\n",
        f"child: {{birth_date: 2026-01-01}}\ndate: 2026-05-15\nanswers: {{}}\nconcerns: {value}\n",
    ):
        answers = tmp_path / "a.yaml"
        answers.write_text(text)
        run = cli("screen", "--answers", answers, "--data-dir", FIXTURE_DIR)
        assert run.exit_code == 1
        assert "must be text, not a list or a mapping" in run.stderr


def test_msgspecs_messages_are_said_in_the_runs_language(tmp_path: Path, cli: Cli) -> None:
    result = tmp_path / "r.json"
    result.write_text('{"format": "ottool-result/1", "child": "x"}')
    run = cli("plan", "--from", result, "--data-dir", FIXTURE_DIR)
    assert run.exit_code == 1 and "Expected `object`" not in run.stderr
    assert "expected an object, found text, at $.child" in run.stderr
    run = cli("plan", "--from", result, "--lang", "es", "--data-dir", FIXTURE_DIR)
    assert "se esperaba un objeto, se encontró texto, en $.child" in run.stderr


def test_a_damaged_row_is_said_to_be_damaged_and_left_out_of_an_export(
    home: Path, cli: Cli, tmp_path: Path
) -> None:
    import json
    import sqlite3

    _saved_one(tmp_path, cli)
    answers = tmp_path / "b.yaml"
    answers.write_text(
        "child: {name: Mia, birth_date: 2026-01-01}\ndate: 2026-05-15\nanswers: {}\n"
    )
    assert cli("screen", "--answers", answers, "--save").exit_code == 0
    with sqlite3.connect(home / "history.sqlite3") as db:
        db.execute("UPDATE screenings SET result_json = '{broken' WHERE id = 1")
    run = cli("history", "show", "1")
    assert run.exit_code == 1
    assert "saved screening 1 is damaged" in run.stderr and "other content" not in run.output
    exported = tmp_path / "out.jsonl"
    run = cli("history", "export", "--output", exported)
    assert run.exit_code == 0, run.output
    assert "saved screening 1 is damaged" in run.stderr and "left out" in run.stderr
    lines = exported.read_text().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["result"]["child"]["name"] == "Mia"
    assert "Exported 1 screening" in run.stdout


def test_a_draft_answer_ottool_never_writes_is_refused(home: Path, cli: Cli) -> None:
    from ottool.core.content import load_content
    from ottool.core.errors import InputError
    from ottool.storage.draft import load_draft

    (home / "draft.json").write_text(
        '{"format": "ottool-draft/1", "child": {"birth_date": "2026-01-01"},'
        ' "answers": {"gm-4m-head-steady": "maybe"}}'
    )
    with pytest.raises(InputError, match="'gm-4m-head-steady' is 'maybe', not one of yes"):
        load_draft(load_content(FIXTURE_DIR))


def test_a_failed_save_at_the_end_of_the_questionnaire_is_an_error(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ottool import session
    from ottool.cli import interview, screen
    from ottool.core.content import load_content
    from ottool.core.errors import InputError
    from ottool.storage.answerfile import read_answers

    content = load_content(FIXTURE_DIR)
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "child: {name: Sam, birth_date: 2026-01-01}\ndate: 2026-05-15\nanswers: {}\n"
    )
    given = read_answers(answers, content)
    (home / "history.sqlite3").write_text("not a database")
    replies = iter([False, True])  # no plan file; save: yes
    monkeypatch.setattr(interview, "plain_ask", lambda question: next(replies))
    with pytest.raises(InputError) as failed:
        screen.offer_after_results(session.screen(content, given))
    said = str(failed.value)
    assert "is not an ottool history database" in said and "screen --resume" in said


def test_a_draft_that_is_a_fifo_is_refused_without_blocking(home: Path) -> None:
    from ottool.core.content import load_content
    from ottool.core.errors import InputError
    from ottool.storage.draft import load_draft

    os.mkfifo(home / "draft.json")
    with pytest.raises(InputError, match="this is not a regular file"):
        load_draft(load_content(FIXTURE_DIR))
