"""An activity's `requires`, `avoid_with` and `routines` in `ottool validate` and
`ottool schema`: each mistake is one problem at its `file:line`, with a suggestion."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run
from ottool.core.content import load_content
from ottool.core.i18n import speaking
from ottool.core.vocabulary import ROUTINES
from ottool.documents.wording import ROUTINE_NAMES, routine_name

A = "activities.yaml"
ROLLING = "    domains: [gross_motor]\n    targets: [gm-6m-rolls]\n"


def edit(folder: Path, old: str, new: str) -> None:
    file = folder / A
    text = file.read_text("utf-8")
    assert text.count(old) == 1, old
    file.write_text(text.replace(old, new), "utf-8")


def line_of(folder: Path, needle: str) -> int:
    text = (folder / A).read_text("utf-8")
    assert text.count(needle) == 1, needle
    return text[: text.index(needle)].count("\n") + 1


def problems(run: Run) -> list[str]:
    assert run.exit_code == 1, run.output
    assert "Traceback" not in run.output
    return run.stderr.strip().splitlines()[:-1]


@pytest.fixture
def folder(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(content_copy)  # files are shown as 'activities.yaml:LINE:'
    monkeypatch.delenv("OTTOOL_DATA_DIR", raising=False)
    return content_copy


MISTAKES = {
    "a misspelt milestone in requires": (
        ROLLING + "    requires: [gm-4m-head-stedy]\n",
        "gm-4m-head-stedy",
        "activity 'rolling-practice': requires 'gm-4m-head-stedy', which is not a known "
        "milestone (did you mean 'gm-4m-head-steady'?)",
    ),
    "a milestone both required and practiced": (
        ROLLING + "    requires: [gm-6m-rolls]\n",
        "requires: [gm-6m-rolls]",
        "activity 'rolling-practice': requires 'gm-6m-rolls', which it also targets (it could "
        "never be chosen to practice it); remove one of the two",
    ),
    "a misspelt sign in avoid_with": (
        ROLLING + "    avoid_with:\n      - ws-no-grsp\n",
        "      - ws-no-grsp",
        "activity 'rolling-practice': avoid_with 'ws-no-grsp' is not a known warning sign "
        "(did you mean 'ws-no-grasp'?)",
    ),
    "a milestone in avoid_with": (
        ROLLING + "    avoid_with: [gm-6m-rolls]\n",
        "avoid_with: [gm-6m-rolls]",
        "activity 'rolling-practice': avoid_with 'gm-6m-rolls' is not a known warning sign",
    ),
    "a misspelt routine": (
        ROLLING + "    routines: [play, diaper_chnge]\n",
        "routines: [play, diaper_chnge]",
        "activity 'rolling-practice': routine 'diaper_chnge' is not a known routine (did you "
        f"mean 'diaper_change'?) (known: {', '.join(ROUTINES)})",
    ),
    "a routine written as words": (
        ROLLING + "    routines: [diaper change]\n",
        "routines: [diaper change]",
        "activity 'rolling-practice': routines: each item must be a daily routine id: "
        f"{', '.join(ROUTINES)}, got 'diaper change'",
    ),
    "a routine still written as translations": (
        ROLLING + "    routines:\n      - {en: bath, es: baño}\n",
        "      - {en: bath, es: baño}",
        "activity 'rolling-practice': routines: each item must be a daily routine id: "
        f"{', '.join(ROUTINES)}, got a mapping",
    ),
}


@pytest.mark.parametrize(("new", "at", "message"), MISTAKES.values(), ids=MISTAKES.keys())
def test_each_mistake_is_one_problem_at_its_line(
    folder: Path, cli: Callable[..., Run], new: str, at: str, message: str
) -> None:
    edit(folder, ROLLING, new)
    assert problems(cli("validate", "--data-dir", folder)) == [
        f"{A}:{line_of(folder, at)}: {message}"
    ]


def test_requires_and_avoid_with_that_exist_are_valid(
    folder: Path, cli: Callable[..., Run]
) -> None:
    edit(
        folder,
        ROLLING,
        ROLLING + "    requires: [gm-4m-head-steady]\n    avoid_with: [ws-no-grasp]\n"
        "    routines: [play, bath]\n",
    )
    assert cli("validate", "--data-dir", folder).exit_code == 0
    rolling = load_content(folder).activity_by_id["rolling-practice"]
    assert rolling.requires == ("gm-4m-head-steady",)
    assert rolling.avoid_with == ("ws-no-grasp",)
    assert rolling.routines == ("play", "bath")


def test_the_schema_describes_the_new_fields(cli: Callable[..., Run]) -> None:
    activity = json.loads(cli("schema", "activities").stdout)["$defs"]["Activity"]["properties"]
    assert activity["routines"]["items"]["enum"] == list(ROUTINES)
    assert "not yet" in activity["requires"]["description"]
    assert "reported" in activity["avoid_with"]["description"]


def test_every_routine_has_words_in_english_and_spanish() -> None:
    assert set(ROUTINE_NAMES) == set(ROUTINES)
    with speaking("es"):
        spanish = {r: routine_name(r) for r in ROUTINES}
    assert spanish["bath"] == "baño" and spanish["diaper_change"] == "cambio de pañal"
    assert all(spanish[r] != ROUTINE_NAMES[r] for r in ROUTINES)


def test_the_shipped_content_uses_every_routine_it_names() -> None:
    used = {r for a in load_content().activities for r in a.routines}
    assert used == set(ROUTINES)
