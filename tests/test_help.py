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
    [(("plan",), "--area"), (("milestones",), "--area"), (("activities",), "--area")],
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


#: One name per idea: an earlier name still works, unlisted.
EARLIER_NAMES = {
    "--months": "--age-months",
    "--age": "--age-months",
    "--domain": "--area",
    "--focus": "--area",
}


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "ottool")
def test_one_name_per_idea_and_the_earlier_names_still_work_unlisted(
    path: tuple[str, ...],
) -> None:
    params = command_at(path).params
    names = {name: param for param in params for name in param.opts}
    for old, new in EARLIER_NAMES.items():
        if old in names:
            assert names[old].hidden, f"`{' '.join(path)}` lists {old}; its name is {new}"
        if new in names:
            assert old in names, f"`{' '.join(path)} {old}` (the earlier {new}) no longer works"
    text = help_text(*path)
    for old in EARLIER_NAMES:
        assert not re.search(rf"(?<![\w-]){old}(?![\w-])", text), f"{old} in help of {path}"


@pytest.mark.parametrize(
    ("new", "old"),
    [
        (
            ["plan", "--age-months", "7", "--area", "fine_motor", "--format", "md"],
            ["plan", "--age", "7", "--focus", "fine_motor", "--format", "md"],
        ),
        (
            ["fhir", "questionnaire", "--age-months", "4"],
            ["fhir", "questionnaire", "--months", "4"],
        ),
        (
            ["milestones", "--age-months", "9", "--area", "fine_motor"],
            ["milestones", "--months", "9", "--domain", "fine_motor"],
        ),
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_an_earlier_name_does_what_the_name_does(new: list[str], old: list[str]) -> None:
    runner = CliRunner()
    now, before = runner.invoke(app, new), runner.invoke(app, old)
    assert now.exit_code == before.exit_code == 0, now.output + before.output
    assert now.stdout == before.stdout
