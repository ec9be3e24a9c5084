"""A plan file whose `child:` the therapist corrected (issue 26, item 2): `plan
--from-plan FILE` prints the child the file says, not the child of the screening saved
inside it. A corrected birth date gives the age at the screening again; one that puts
the child on another checklist than the one answered is refused in one sentence
(docs/decisions.md, "A therapist's own plan")."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from conftest import ANSWERS_DIR, Run

Cli = Callable[..., Run]
LEO = ANSWERS_DIR / "leo-4-months-head-turn.yaml"  # born 2026-07-01, screened 2026-11-03


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> Path:
    folder = tmp_path / "home"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("OTTOOL_HOME", str(folder))
    monkeypatch.delenv("OTTOOL_DATA_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    run = cli("screen", "--answers", LEO, "--save", "--format", "json")
    assert run.exit_code == 0, run.output
    return folder


def plan_file(cli: Cli, tmp_path: Path, fmt: str) -> Path:
    path = tmp_path / f"leo-plan.{fmt}"
    run = cli("plan", "--from-history", "1", "--output", path)
    assert run.exit_code == 0, run.output
    return path


def edited_yaml(path: Path, **child: str) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    data["child"].update(child)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")


def test_a_corrected_name_and_birth_date_in_the_yaml_win(
    home: Path, tmp_path: Path, cli: Cli
) -> None:
    path = plan_file(cli, tmp_path, "yaml")
    edited_yaml(path, name="Leonardo", birth_date="2026-06-20")
    run = cli("plan", "--from-plan", path, "--format", "md")
    assert run.exit_code == 0, run.output
    assert run.stdout.startswith("# Home activity plan for Leonardo")
    assert "**Child:** Leonardo" in run.stdout and "Leo " not in run.stdout
    # The age at the screening of November 3, worked out from the corrected birth date.
    assert "**Born:** June 20, 2026" in run.stdout and "July 1" not in run.stdout
    assert "**Age:** 4 months and 2 weeks" in run.stdout
    given = cli("plan", "--from-plan", path, "--format", "json")
    data = json.loads(given.stdout)
    assert data["given"]["child"] == {"name": "Leonardo", "birth_date": "2026-06-20"}
    assert data["given"]["result"]["child"]["birth_date"] == "2026-06-20"
    saved = cli("plan", "--from-plan", path, "--save", "--format", "md")
    assert "for Leonardo" in saved.stderr
    listed = cli("history", "--child", "Leonardo", "--born", "2026-06-20", "--format", "json")
    assert listed.exit_code == 0 and '"Leonardo"' in listed.stdout


def test_a_corrected_name_in_the_plan_json_wins(home: Path, tmp_path: Path, cli: Cli) -> None:
    path = plan_file(cli, tmp_path, "json")
    data = json.loads(path.read_text("utf-8"))
    assert data["child"] == "Leo"
    data["child"] = "Leonardo"  # the name as printed, at the top of the plan's JSON
    path.write_text(json.dumps(data), "utf-8")
    run = cli("plan", "--from-plan", path, "--format", "md")
    assert run.exit_code == 0, run.output
    assert "**Child:** Leonardo" in run.stdout
    data = json.loads(path.read_text("utf-8"))
    data["given"]["child"]["birth_date"] = "2026-06-25"  # or in the record under `given`
    path.write_text(json.dumps(data), "utf-8")
    run = cli("plan", "--from-plan", path, "--format", "md")
    assert "**Born:** June 25, 2026" in run.stdout and "**Child:** Leo" in run.stdout


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_birth_date_the_answered_checklist_does_not_fit_is_refused(
    home: Path, tmp_path: Path, cli: Cli, lang: str
) -> None:
    path = plan_file(cli, tmp_path, "yaml")
    edited_yaml(path, birth_date="2026-03-20")  # 7 months at the screening: not 4
    run = cli("plan", "--from-plan", path, "--format", "md", "--lang", lang)
    assert run.exit_code == 1 and run.stdout == ""
    said = " ".join(run.stderr.split())
    assert str(path) in said and "2026-03-20" in said and "Traceback" not in run.output
    if lang == "en":
        assert "the 4-month checklist answered does not fit; screen again" in said
    else:
        assert "vuelva a hacer la evaluación" in said
    edited_yaml(path, birth_date="2026-11-20")  # after the screening
    run = cli("plan", "--from-plan", path, "--format", "md", "--lang", lang)
    assert run.exit_code == 1 and "2026-11-20" in run.stderr
    edited_yaml(path, birth_date="1900-01-01")  # long before: not "after the screening"
    run = cli("plan", "--from-plan", path, "--format", "md", "--lang", lang)
    said = " ".join(run.stderr.split())
    assert run.exit_code == 1 and "1900-01-01" in said
    assert ("after the screening" not in said) if lang == "en" else ("después" not in said)


def test_child_and_born_given_with_from_plan_win_too(home: Path, tmp_path: Path, cli: Cli) -> None:
    path = plan_file(cli, tmp_path, "yaml")
    run = cli(
        "plan", "--from-plan", path, "--child", "Leo M.", "--born", "2026-06-28", "--format", "md"
    )
    assert run.exit_code == 0, run.output
    assert "**Child:** Leo M." in run.stdout and "**Born:** June 28, 2026" in run.stdout


def test_a_note_step_or_why_typed_with_a_colon_is_the_sentence_typed(
    home: Path, tmp_path: Path, cli: Cli
) -> None:
    """`- Tip: left side first` under notes (or a step) is read by YAML as a mapping; in a
    plan file it is the note the therapist typed, not "expected text, found an object"."""
    path = plan_file(cli, tmp_path, "yaml")
    text = path.read_text("utf-8")
    data = yaml.safe_load(text)
    first = data["activities"][0]["id"]
    text = text.replace("notes: []\n", "notes:\n- Tip: left side first\n")
    step = "  added_steps:\n  - Goal: both sides\n"
    text = text.replace(f"- id: {first}\n", f"- id: {first}\n{step}", 1)
    path.write_text(text, "utf-8")
    run = cli("plan", "--from-plan", path, "--format", "md", "--output", "-")
    assert run.exit_code == 0, run.output
    assert "Tip: left side first" in run.stdout and "Goal: both sides" in run.stdout
