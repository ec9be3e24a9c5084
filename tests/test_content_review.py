"""The content's third review (issue 19 item 9, issue 20 items 7 to 10), each finding a
test a later edit cannot quietly undo: the emergency number a sign's advice names is the
reader's region's, checked by `ottool validate`; the red flags the review asked for;
Spanish words a parent reads right; realistic answer files in English and Spanish."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import ANSWERS_DIR, Run
from ottool.core.content import load_content
from ottool.core.content.models import EMERGENCY_SLOT
from test_validate import Folder, the_error

EN = load_content()
ES = load_content(lang="es")
M = "milestones.yaml"
#: Every emergency number a shipped region names, and the neutral examples.
NUMBERS = {r.emergency for r in EN.regions} | {n for r in EN.regions for n in r.emergency_also}


def flat(text: str) -> str:
    """Words only: no line breaks or panel borders in the way."""
    return re.sub(r"[\s\u2500-\u257f]+", " ", text)


def screen(cli: Callable[..., Run], name: str, *args: str) -> str:
    run = cli("screen", "--answers", ANSWERS_DIR / f"{name}.yaml", *args)
    assert run.exit_code == 0, run.output
    return flat(run.stdout)


def result_json(cli: Callable[..., Run], name: str, *args: str) -> dict[str, Any]:
    run = cli("screen", "--answers", ANSWERS_DIR / f"{name}.yaml", "--format", "json", *args)
    assert run.exit_code == 0, run.output
    data: dict[str, Any] = json.loads(run.stdout)
    return data


# --- the emergency number: the region's only (issue 19 item 9) ---------------------------


def test_no_sign_names_an_emergency_number_of_its_own() -> None:
    """The numbers come from the regions table, through the {emergency} slot."""
    for content in (EN, ES):
        for w in content.warning_signs:
            for number in NUMBERS:
                assert not re.search(rf"(?<!\d){number}(?!\d)", w.advice), (w.id, number)
            if w.act == "emergency":
                assert EMERGENCY_SLOT in w.advice, w.id


@pytest.mark.parametrize(
    ("region", "lang", "words"),
    [
        ("MX", "es", "llame ahora mismo al 911."),
        ("CO", "es", "llame ahora mismo al 123."),
        ("ES", "es", "llame ahora mismo al 112."),
        ("GB", "en", "call 999 now."),
        ("US", "en", "call 911 now."),
    ],
)
def test_the_breathing_sign_names_the_regions_number_only(
    cli: Callable[..., Run], region: str, lang: str, words: str
) -> None:
    out = screen(cli, "feeding-emergency-10-months", "--region", region, "--lang", lang)
    assert words in out
    others = NUMBERS - {EN.region_by_id[region].emergency}
    for number in others:
        assert not re.search(rf"(?<!\d){number}(?!\d)", out), number
    for place in ("Estados Unidos", "Unión Europea", "in the US", "in the EU", "the UK"):
        assert place not in out


def test_without_a_region_the_breathing_sign_names_the_neutral_words(
    cli: Callable[..., Run],
) -> None:
    out = screen(cli, "feeding-emergency-10-months")
    assert "call your local emergency number (such as 112 or 911) now." in out
    out = screen(cli, "feeding-emergency-10-months", "--lang", "es")
    assert "llame ahora mismo al número de emergencias de su país (por ejemplo, 112 o 911)." in out


@pytest.mark.parametrize("region", ["MX", "CO", "ES", "GB", "US"])
def test_an_emergency_box_says_the_number_once_and_ends_without_early_intervention(
    cli: Callable[..., Run], region: str
) -> None:
    for lang in ("en", "es"):
        out = screen(cli, "leo-10-months-feeding-breathing", "--region", region, "--lang", lang)
        start = out.index("!!")
        box = out[start : out.index("Lo que usted notó" if lang == "es" else "What you noticed")]
        number = EN.region_by_id[region].emergency
        # The headline and the sign's own words: the number twice, never a third time.
        assert box.count(number) == 2, box
        early = flat(load_content(lang=lang).region_by_id[region].early_intervention)
        assert early not in box
        assert "early intervention" not in box.lower() and "atención temprana" not in box.lower()


@pytest.mark.parametrize(
    ("env", "region"),
    [("es_MX.UTF-8", "MX"), ("es_CO.UTF-8", "CO"), ("es_ES.UTF-8", "ES"), ("en_GB.UTF-8", "GB"),
     ("en_US.UTF-8", "US")],
)  # fmt: skip
def test_the_locales_territory_chooses_the_region(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, env: str, region: str
) -> None:
    monkeypatch.setenv("LANG", env)
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    data = result_json(cli, "feeding-emergency-10-months")
    assert data["region"] == region


def test_a_plan_names_the_regions_number_beside_the_breathing_sign(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A plan without a screening has no box: its "When to call" names the number."""
    out = tmp_path / "plan.md"
    run = cli("plan", "--age-months", "10", "--region", "CO", "--lang", "es", "--output", out)
    assert run.exit_code == 0, run.output
    text = flat(out.read_text("utf-8"))
    sign = ES.warning_sign_by_id["ws-feeding-breathing"]
    assert flat(sign.text) in text
    run = cli("plan", "--age-months", "10", "--lang", "es", "--format", "json")
    assert run.exit_code == 0, run.output
    data = json.loads(run.stdout)
    shown = {s["id"]: s["advice"] for s in data["when_to_call"]}
    assert EMERGENCY_SLOT not in json.dumps(data)
    assert "número de emergencias de su país" in shown["ws-feeding-breathing"]


# --- ottool validate: the slot -------------------------------------------------------------


@pytest.fixture
def folder(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Folder:
    """A copy of the test content, edited one replacement at a time."""
    monkeypatch.chdir(content_copy)
    monkeypatch.delenv("OTTOOL_DATA_DIR", raising=False)
    return Folder(content_copy)


@pytest.fixture
def validate(folder: Folder, cli: Callable[..., Run]) -> Callable[..., Run]:
    return lambda *extra: cli("validate", "--data-dir", folder.path, *extra)


GRASP = "    advice: Mention it to your child's doctor.\n    source: AAP 2013\n"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            GRASP,
            "    advice: Call 911 if your child stops breathing.\n    source: AAP 2013\n",
            "warning sign 'ws-no-grasp': advice: names the emergency number '911': write "
            "{emergency} instead, and ottool names the reader's region's number",
        ),
        (
            "    text: Cannot grasp or hold objects\n",
            "    text: Cannot grasp or hold {objects}\n",
            "warning sign 'ws-no-grasp': text: '{objects}' is not filled in by ottool; only a "
            "sign's advice may hold {emergency}",
        ),
        (
            GRASP,
            "    advice: Call {number} now.\n    source: AAP 2013\n",
            "warning sign 'ws-no-grasp': advice: '{number}' is not filled in by ottool",
        ),
    ],
    ids=["a number written out", "a slot in the text", "an unknown slot"],
)
def test_validate_keeps_emergency_numbers_in_the_regions_table(
    folder: Folder, validate: Callable[..., Run], old: str, new: str, message: str
) -> None:
    line = folder.edit(M, old, new)
    problem = the_error(validate())
    assert problem.startswith(f"{M}:{line}: "), problem
    assert message in problem


def test_validate_asks_an_emergency_sign_to_name_the_number(
    folder: Folder, validate: Callable[..., Run]
) -> None:
    folder.edit(
        M,
        "    source: CDC LTSAE 2022\n    act: days\n",
        "    source: CDC LTSAE 2022\n    act: emergency\n",
    )
    line = folder.line(M, "    advice: Contact your child's doctor within a few days.")
    problem = the_error(validate())
    assert problem == (
        f"{M}:{line}: warning sign 'ws-lost-skills': advice: an emergency sign's advice says "
        "whom to call: write {emergency} where the number goes (ottool fills in the reader's "
        "region's number; docs/content.md)"
    )
    folder.edit(
        M,
        "    advice: Contact your child's doctor within a few days.\n",
        "    advice: Call {emergency} now.\n",
    )
    assert validate().exit_code == 0
