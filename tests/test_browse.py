"""`ottool milestones` and `ottool activities`: whole ids, full area names, JSON of every field."""

from __future__ import annotations

import json

import msgspec
import pytest
from typer.testing import CliRunner

from conftest import FIXTURE_DIR
from ottool.cli import app
from ottool.core.content import Activity, Milestone, load_content

SHIPPED = load_content()


def browse(*args: str, columns: int = 80) -> str:
    run = CliRunner().invoke(app, list(args), env={"COLUMNS": str(columns), "NO_COLOR": "1"})
    assert run.exit_code == 0, run.output
    return run.stdout


def cells(text: str) -> set[str]:
    """Every table cell's text on every line, stripped."""
    return {cell.strip() for line in text.splitlines() for cell in line.split("│")}


@pytest.mark.parametrize("columns", [80, 100])
def test_every_milestone_id_is_printed_whole(columns: int) -> None:
    shown = cells(browse("milestones", columns=columns))
    assert {m.id for m in SHIPPED.milestones} <= shown
    assert all(len(line) <= columns for line in browse("milestones", columns=columns).splitlines())


@pytest.mark.parametrize("columns", [80, 100])
def test_every_activity_id_is_printed_whole(columns: int) -> None:
    shown = cells(browse("activities", columns=columns))
    assert {a.id for a in SHIPPED.activities} <= shown


def test_area_names_are_the_full_names_used_everywhere_else() -> None:
    text = " ".join(browse("milestones", "--months", "9", columns=200).split())
    assert "Movement (large muscles)" in text
    text = " ".join(browse("activities", columns=200).split())
    assert "Movement (large muscles)" in text


@pytest.mark.parametrize(
    ("command", "model", "count"),
    [
        ("milestones", Milestone, len(SHIPPED.milestones)),
        ("activities", Activity, len(SHIPPED.activities)),
    ],
)
def test_json_lists_every_entry_with_every_field(command: str, model: type, count: int) -> None:
    data = json.loads(browse(command, "--format", "json"))
    assert list(data) == [command]
    assert len(data[command]) == count
    fields = {f.name for f in msgspec.structs.fields(model)}
    for entry in data[command]:
        assert set(entry) == fields
    first = getattr(SHIPPED, command)[0]
    assert data[command][0] == json.loads(json.dumps(msgspec.to_builtins(first)))


def test_json_follows_the_filters() -> None:
    args = ["--months", "4", "--domain", "fine_motor", "--data-dir", str(FIXTURE_DIR)]
    data = json.loads(browse("milestones", *args, "--format", "json"))
    assert [m["id"] for m in data["milestones"]] == ["fm-4m-holds-toy", "fm-4m-hands-to-mouth"]
    data = json.loads(browse("activities", "--age", "7", "--format", "json"))
    assert data["activities"]
    assert all(a["min_months"] <= 7 < a["max_months"] + 1 for a in data["activities"])


def test_nothing_matches_is_said_in_words() -> None:
    text = browse("activities", "--search", "no-such-activity-anywhere")
    assert "No activities match." in text
    assert json.loads(browse("activities", "--search", "zzz-nothing", "--format", "json")) == {
        "activities": []
    }


def test_the_one_age_and_area_option_and_the_earlier_names_give_the_same_list() -> None:
    new = browse("milestones", "--age-months", "4", "--area", "fine_motor", "--format", "json")
    old = browse("milestones", "--months", "4", "--domain", "fine_motor", "--format", "json")
    assert new == old and json.loads(new)["milestones"]
    new = browse("activities", "--age-months", "7", "--area", "fine_motor", "--format", "json")
    old = browse("activities", "--age", "7", "--domain", "fine_motor", "--format", "json")
    assert new == old and json.loads(new)["activities"]
