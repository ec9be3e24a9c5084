"""The one error handler (docs/design.md §7): exit 1 for input, 3 for bugs, 130 for Ctrl-C."""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from conftest import FIXTURE_DIR
from ottool.cli import app
from ottool.cli.error_handler import error_handler, on_interrupt
from ottool.core.errors import InputError, Problem
from ottool.storage.atomic_write import write_atomic

# One call of every command that loads the content, and what to break in it.
COMMANDS = [
    ["validate", "--data-dir", str(FIXTURE_DIR)],
    ["milestones", "--data-dir", str(FIXTURE_DIR)],
    ["activities", "--data-dir", str(FIXTURE_DIR)],
    ["plan", "--age-months", "4", "--format", "json", "--data-dir", str(FIXTURE_DIR)],
    ["history", "--child", "Sam"],
    ["history", "show", "1"],
]


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("OTTOOL_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("OTTOOL_DEBUG", raising=False)
    return tmp_path / "home"


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stderr


def break_everything(monkeypatch: pytest.MonkeyPatch, error: BaseException) -> None:
    """Make every command fail the same way deep inside (content loading, history)."""
    import ottool.core.content
    import ottool.core.content.loading
    import ottool.storage.history

    def broken(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(ottool.core.content, "check_content", broken)
    monkeypatch.setattr(ottool.core.content.loading, "check_content", broken)  # load_content's
    monkeypatch.setattr(ottool.storage.history, "list_screenings", broken)
    monkeypatch.setattr(ottool.storage.history, "get_screening", broken)


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_a_bug_in_any_command_exits_3_with_one_line(
    monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    break_everything(monkeypatch, ZeroDivisionError("division by zero"))
    code, stderr = invoke(*args)
    assert code == 3
    assert stderr.count("\n") == 1, stderr
    assert "unexpected error (ZeroDivisionError: division by zero)" in stderr
    assert "bug in ottool" in stderr and "OTTOOL_DEBUG=1" in stderr
    assert "Traceback" not in stderr


def test_ottool_debug_shows_the_traceback_and_still_exits_3(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    break_everything(monkeypatch, ZeroDivisionError("division by zero"))
    monkeypatch.setenv("OTTOOL_DEBUG", "1")
    code, stderr = invoke(*COMMANDS[0])
    assert code == 3
    assert "Traceback (most recent call last)" in stderr
    assert "bug in ottool" in stderr


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_ctrl_c_in_any_command_exits_130_and_says_nothing_changed(
    monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    break_everything(monkeypatch, KeyboardInterrupt())
    code, stderr = invoke(*args)
    assert code == 130
    assert stderr.strip() == "ottool: interrupted; nothing was changed."


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (PermissionError(errno.EACCES, "Permission denied", "/srv/x"), "permission denied"),
        (OSError(errno.EROFS, "Read-only file system", "/srv/x"), "read-only file system"),
        (OSError(errno.ENOSPC, "No space left on device"), "no space left on device"),
    ],
)
def test_a_refusal_of_the_system_is_input_not_a_bug(
    monkeypatch: pytest.MonkeyPatch, error: OSError, said: str
) -> None:
    break_everything(monkeypatch, error)
    code, stderr = invoke(*COMMANDS[0])
    assert code == 1
    assert said in stderr and "bug" not in stderr
    assert stderr.count("\n") == 1


def test_input_errors_raised_anywhere_exit_1_with_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(typer.Exit) as caught, error_handler():
        raise InputError([Problem("answers.yaml", 3, "'maybe' is not an answer")])
    assert caught.value.exit_code == 1
    assert capsys.readouterr().err == "answers.yaml:3: 'maybe' is not an answer\n"


def test_ctrl_c_says_what_the_command_kept(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(typer.Exit) as caught, error_handler():
        on_interrupt("the results were saved as screening 4")
        raise KeyboardInterrupt
    assert caught.value.exit_code == 130
    assert "ottool: interrupted; the results were saved as screening 4." in capsys.readouterr().err
    with pytest.raises(typer.Exit), error_handler():  # the next command starts afresh
        raise KeyboardInterrupt
    assert "nothing was changed" in capsys.readouterr().err


# --- writing where the system says no ------------------------------------------------


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
        (OSError(errno.EROFS, "Read-only file system"), "read-only file system"),
    ],
)
def test_an_unwritable_folder_says_what_the_system_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, said: str
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(InputError) as caught:
        write_atomic(tmp_path / "plan.md", "# Plan\n")
    assert str(caught.value) == f"cannot write {tmp_path / 'plan.md'}: {said}"


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_a_folder_that_exists_is_never_said_to_be_missing() -> None:
    code, stderr = invoke(
        "plan", "--age-months", "4", "--output", "/proc/plan.md", "--data-dir", str(FIXTURE_DIR)
    )
    assert code == 1
    assert "does not exist" not in stderr
    assert "cannot write /proc/plan.md: the system refuses new files in /proc" in stderr


# --- Ctrl-C while Python is still loading ottool ---------------------------------------

INTERRUPT_ON_IMPORT = """
import runpy, sys

def ctrl_c():
    if {wrapped}:  # as Python 3.11 reports Ctrl-C inside a class's __set_name__
        raise RuntimeError("Error calling __set_name__") from KeyboardInterrupt()
    raise KeyboardInterrupt

class CtrlC:
    def find_spec(self, name, path=None, target=None):
        if name == {module!r}:
            ctrl_c()
        return None

sys.meta_path.insert(0, CtrlC())
sys.argv = ["ottool", "--help"]
runpy.run_module("ottool", run_name="__main__")
"""


@pytest.mark.parametrize(
    ("module", "wrapped"),
    [("typer", False), ("rich", False), ("ottool.cli.history", False), ("typer", True)],
)
def test_ctrl_c_while_loading_exits_130_without_a_traceback(module: str, wrapped: bool) -> None:
    code = INTERRUPT_ON_IMPORT.format(module=module, wrapped=wrapped)
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 130
    assert run.stderr == ""
    assert run.stdout == ""


SIGNAL_AFTER = """
import atexit, os, runpy, signal, sys

# A real SIGINT, as Ctrl-C sends it, some milliseconds after ottool starts loading its
# command line (Typer, Rich, the commands): during the imports, or later.
signal.signal(signal.SIGALRM, lambda *_: os.kill(os.getpid(), signal.SIGINT))
# A run that ends first stops the clock: an alarm during Python's own shutdown (when
# its signal handlers are gone) would end the process by SIGALRM, not test ottool.
atexit.register(signal.setitimer, signal.ITIMER_REAL, 0)

class StartClock:
    def find_spec(self, name, path=None, target=None):
        if name == "ottool.cli":
            signal.setitimer(signal.ITIMER_REAL, {delay})
        return None

sys.meta_path.insert(0, StartClock())
sys.argv = ["ottool", "milestones", "--data-dir", {data!r}]
runpy.run_module("ottool", run_name="__main__")
"""


@pytest.mark.slow
@pytest.mark.parametrize("delay_ms", [0.1, 1, 3, 10, 20, 40, 60, 100, 200])
def test_ctrl_c_at_any_moment_of_start_up_never_prints_a_traceback(delay_ms: float) -> None:
    code = SIGNAL_AFTER.format(delay=delay_ms / 1000, data=str(FIXTURE_DIR))
    env = {**os.environ, "NO_COLOR": "1"}
    run = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env
    )
    assert "Traceback" not in run.stderr
    assert run.returncode in (130, 0), run.stderr  # interrupted, or done before the signal


#: One rule for standard error (docs/architecture.md, "What ottool says on standard
#: error"): a problem or a note begins with its file or with "ottool:".
PREFIXED = re.compile(r"^(ottool: |[^\s:]+(:\d+)?: )")


@pytest.mark.parametrize(
    ("args", "prefix"),
    [
        (["plan", "--age-months", "4", "--area", "nope"], "ottool: "),
        (["plan", "--age-months", "4", "--format", "md", "--output", "plan.pdf"], "ottool: "),
        (["screen", "--answers", "missing.yaml"], "missing.yaml: "),
        (["checklist", "--age-months", "12", "--output", "list.docx"], "ottool: "),
        (["validate", "--data-dir", "broken"], "broken/activities.yaml:"),
    ],
    ids=lambda a: " ".join(a) if isinstance(a, list) else a,
)
def test_every_problem_begins_with_its_file_or_ottool(
    args: list[str],
    prefix: str,
    cli: Callable[..., Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "milestones.yaml").write_text("schema_version: 1\ndomains: 3\n")
    (tmp_path / "broken" / "activities.yaml").write_text("schema_version: 1\nactivities: []\n")
    run = cli(*args)
    assert run.exit_code == 1, run.output
    said = [line for line in run.stderr.splitlines() if line]
    problems = [line for line in said if not line[0].isupper() and "problem" not in line[:12]]
    assert problems and problems[0].startswith(prefix), run.stderr
    assert all(PREFIXED.match(line) for line in problems), run.stderr
