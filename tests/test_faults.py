"""Hostile input and faults (issue 10): no data loss, and a clear message for every bad input.

Each test is one thing a user (or a bad day) can do: a misspelled name, an output path
that is not an ordinary file, a damaged JSON file, a full disk, Ctrl-C at a bad moment.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURE_DIR, Run
from ottool.history import list_screenings
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
