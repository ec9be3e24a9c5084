"""Every command's --help reads cleanly at 80 columns, in one placeholder style (issue 11.4)."""

from __future__ import annotations

import enum
import re
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from ottool.cli import app
from ottool.cli.common import AREA_IDS
from ottool.cli.help_style import _value_type
from ottool.core.content import load_content


def command_paths(command: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        found += command_paths(sub, (*path, name))
    return found


ROOT = get_command(app)
PATHS = command_paths(ROOT)


def command_at(path: tuple[str, ...]) -> Any:
    command = ROOT
    for name in path:
        command = command.commands[name]
    return command


def help_text(*path: str) -> str:
    run = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert run.exit_code == 0, run.output
    return run.stdout


def test_every_command_is_checked() -> None:
    assert {"screen", "plan", "validate", "milestones", "activities", "schema"} <= {
        p[0] for p in PATHS if p
    }
    assert ("history", "show") in PATHS and ("history", "delete") in PATHS


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "ottool")
def test_help_has_one_placeholder_style_and_fits_80_columns(path: tuple[str, ...]) -> None:
    text = help_text(*path)
    for oddity in ("<bool>", "<int", "<float", "<str>", "<path>", "<text", "{", "[["):
        assert oddity not in text, f"{oddity!r} in `{' '.join(path)} --help`"
    assert all(len(line) <= 80 for line in text.splitlines())
    usage = next(line for line in text.splitlines() if "Usage:" in line)
    assert re.fullmatch(r"\s*Usage: ottool[A-Za-z ]*( \[OPTIONS\])?( [A-Z\[\]. ]+)?\s*", usage), (
        usage
    )


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "ottool")
def test_every_choice_is_named_whole_in_the_help(path: tuple[str, ...]) -> None:
    text = " ".join(help_text(*path).replace("│", " ").split())
    for param in command_at(path).params:
        kind = _value_type(param.type_descriptor.annotation)
        if isinstance(kind, type) and issubclass(kind, enum.Enum):
            for choice in kind:
                assert re.search(rf"(?<![\w-]){re.escape(choice.value)}(?![\w-])", text), (
                    f"{choice.value!r} missing from `{' '.join(path)} --help`"
                )


@pytest.mark.parametrize(
    ("path", "option"),
    [(("plan",), "--focus"), (("milestones",), "--area"), (("activities",), "--area")],
)
def test_area_options_list_the_area_ids(path: tuple[str, ...], option: str) -> None:
    text = " ".join(help_text(*path).replace("│", " ").split())
    assert f"{option} AREA" in text
    for area in load_content().domains:
        assert area.id in text


def test_the_area_list_in_help_is_the_shipped_contents() -> None:
    assert ", ".join(d.id for d in load_content().domains) == AREA_IDS


def test_the_parents_screen_is_listed_first() -> None:
    text = help_text()
    commands = text[text.index("Commands") :]
    lines = commands.splitlines()[1:]
    listed = [line.split()[1] for line in lines if line.startswith("│ ") and line[2] != " "]
    assert listed[:2] == ["screen", "plan"], listed
