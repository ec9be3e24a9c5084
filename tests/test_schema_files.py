"""The schema as an editor's aid (issue 27): `ottool schema` agrees with `validate`,
describes every field, lists the areas and checklist ages, and the schemas committed
for VS Code's YAML extension are what it prints. check-jsonschema (what an editor's
tooling does with them) accepts the shipped files and refuses broken ones."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import Run

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
FILES = {"milestones": "milestones.yaml", "activities": "activities.yaml"}


@pytest.mark.parametrize("which", sorted(FILES))
def test_the_committed_schema_is_what_ottool_schema_prints(
    cli: Callable[..., Run], which: str
) -> None:
    run = cli("schema", which, "--data-dir", DATA)
    assert run.exit_code == 0, run.stderr
    committed = (ROOT / "schemas" / f"{which}.schema.json").read_text("utf-8")
    assert committed == run.stdout, (
        f"schemas/{which}.schema.json is out of date: run "
        f"`ottool schema {which} --data-dir data > schemas/{which}.schema.json`"
    )


def test_vs_code_links_each_content_file_to_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    linked = settings["yaml.schemas"]
    for which, name in FILES.items():
        schema = f"./schemas/{which}.schema.json"
        assert linked[schema] == [f"data/{name}"]
        assert (ROOT / schema).is_file() and (DATA / name).is_file()


def properties(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (struct, name, prop)
        for struct, definition in schema["$defs"].items()
        for name, prop in definition.get("properties", {}).items()
    ]


@pytest.mark.parametrize("which", sorted(FILES))
def test_every_field_has_hover_help(cli: Callable[..., Run], which: str) -> None:
    schema = json.loads(cli("schema", which, "--data-dir", DATA).stdout)
    found = properties(schema)
    assert len(found) > 15
    for struct, name, prop in found:
        if struct == "Text":
            continue
        assert prop.get("description"), f"{struct}.{name} has no description"


def test_areas_and_checklist_ages_are_choices(cli: Callable[..., Run]) -> None:
    defs = json.loads(cli("schema", "milestones", "--data-dir", DATA).stdout)["$defs"]
    areas = ["gross_motor", "fine_motor", "sensory", "cognitive", "social_emotional"]
    assert defs["Milestone"]["properties"]["domain"]["enum"][:5] == areas
    assert defs["WarningSign"]["properties"]["domains"]["items"]["enum"][:5] == areas
    assert defs["Milestone"]["properties"]["months"]["enum"] == [2, 4, 6, 9, 12, 15, 18, 24]
    activity = json.loads(cli("schema", "activities", "--data-dir", DATA).stdout)["$defs"]
    assert activity["Activity"]["properties"]["domains"]["items"]["enum"][:5] == areas


def test_the_areas_come_from_the_folder_given(cli: Callable[..., Run]) -> None:
    fixture = ROOT / "tests" / "fixtures" / "content"
    defs = json.loads(cli("schema", "milestones", "--data-dir", fixture).stdout)["$defs"]
    assert defs["Milestone"]["properties"]["domain"]["enum"] == [
        "gross_motor",
        "fine_motor",
        "social_emotional",
    ]
    # Without declared checklists, the ages the milestones use.
    assert defs["Milestone"]["properties"]["months"]["enum"] == [2, 4, 6]


def test_a_folder_that_cannot_be_read_gives_the_schema_without_choices(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    (tmp_path / "milestones.yaml").write_text("domains: [unclosed\n")
    (tmp_path / "activities.yaml").write_text("schema_version: 1\n")
    run = cli("schema", "milestones", "--data-dir", tmp_path)
    assert run.exit_code == 0, run.stderr
    assert "enum" not in json.loads(run.stdout)["$defs"]["Milestone"]["properties"]["domain"]


# --- check-jsonschema, as an editor's tooling uses the schema -------------------------


def check_jsonschema(schema: Path, document: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema), str(document)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("which", sorted(FILES))
def test_check_jsonschema_accepts_the_shipped_files(which: str) -> None:
    done = check_jsonschema(ROOT / "schemas" / f"{which}.schema.json", DATA / FILES[which])
    assert done.returncode == 0, done.stdout + done.stderr


#: (file, old, new): a slip both check-jsonschema and validate refuse.
BROKEN = {
    "a misspelt area": ("milestones", "    domain: fine_motor\n", "    domain: fine_motr\n"),
    "a checklist age that does not exist": ("milestones", "    months: 15\n", "    months: 11\n"),
    "a misspelt area of an activity": (
        "activities", "    domains: [gross_motor, cognitive]\n", "    domains: [gross_motr]\n"
    ),
    "normed: no": ("milestones", "    normed: false\n", "    normed: no\n"),
    "a bare Yes as text": ("activities", "      es: Tiempo boca abajo", "      es: Yes\n#"),
    "a number in quotes": ("activities", "    minutes: 5\n", '    minutes: "5"\n'),
}  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize(("which", "old", "new"), BROKEN.values(), ids=BROKEN.keys())
def test_check_jsonschema_and_validate_refuse_the_same_slips(
    tmp_path: Path, cli: Callable[..., Run], which: str, old: str, new: str
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    file = folder / FILES[which]
    text = file.read_text("utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), "utf-8")
    done = check_jsonschema(ROOT / "schemas" / f"{which}.schema.json", file)
    assert done.returncode == 1, done.stdout + done.stderr
    assert cli("validate", "--data-dir", folder).exit_code == 1


@pytest.mark.slow
def test_check_jsonschema_refuses_a_routine_outside_the_list(tmp_path: Path) -> None:
    schema = json.loads((ROOT / "schemas" / "activities.schema.json").read_text("utf-8"))
    routines = schema["$defs"]["Activity"]["properties"]["routines"]["items"]
    if "enum" not in routines:
        pytest.skip("routines are free text until they become ids (vocabulary.ROUTINES)")
    text = (DATA / "activities.yaml").read_text("utf-8")
    broken = tmp_path / "activities.yaml"
    broken.write_text(text.replace("    routines: [", "    routines: [nap_time, ", 1), "utf-8")
    done = check_jsonschema(ROOT / "schemas" / "activities.schema.json", broken)
    assert done.returncode == 1, done.stdout
