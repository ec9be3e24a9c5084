"""`ottool validate` (docs/design.md §2, §7): one test per rule, each on an edited copy of the
test content, checking the exit code, the exact `file:line:` and the wording."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURE_DIR, Run
from ottool.core.content import Content, check_content, load_content, localized, resolve_data_dir
from ottool.core.errors import InputError
from ottool.documents.wording import dose_words

M = "milestones.yaml"
A = "activities.yaml"


class Folder:
    """A copy of the test content, edited one exact replacement at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def edit(self, name: str, old: str, new: str) -> int:
        """Replace ``old`` (which must occur once) and return the line where ``new`` starts."""
        file = self.path / name
        text = file.read_text()
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {name}"
        start = text.index(old)
        file.write_text(text.replace(old, new))
        return text[:start].count("\n") + 1

    def line(self, name: str, needle: str) -> int:
        """The 1-based line of ``needle`` in the current text of ``name``."""
        text = (self.path / name).read_text()
        assert text.count(needle) == 1, needle
        return text[: text.index(needle)].count("\n") + 1


@pytest.fixture
def folder(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Folder:
    # Run from inside the folder so that files are shown as 'milestones.yaml:LINE:'.
    monkeypatch.chdir(content_copy)
    monkeypatch.delenv("OTTOOL_DATA_DIR", raising=False)
    return Folder(content_copy)


@pytest.fixture
def validate(folder: Folder, cli: Callable[..., Run]) -> Callable[..., Run]:
    def run(*extra: str) -> Run:
        return cli("validate", "--data-dir", folder.path, *extra)

    return run


def errors(run: Run) -> list[str]:
    """The problem lines of a failed validation (exit 1, no traceback)."""
    assert run.exit_code == 1, run.output
    assert "Traceback" not in run.output
    lines = run.stderr.strip().splitlines()
    count = len(lines) - 1
    assert lines[-1] == f"{count} problem{'s' if count != 1 else ''} found."
    return lines[:-1]


def the_error(run: Run) -> str:
    [line] = errors(run)
    return line


# --- the unchanged test content ------------------------------------------------------


def test_the_test_content_is_valid(validate: Callable[..., Run]) -> None:
    run = validate()
    assert run.exit_code == 0, run.stderr
    assert "Content is valid: 11 milestones in 3 checklists" in run.stdout


def test_the_shipped_content_is_valid(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OTTOOL_DATA_DIR", raising=False)
    run = cli("validate")
    assert run.exit_code == 0, run.stderr
    assert "Content is valid" in run.stdout


def test_validate_names_the_folder_it_checked(
    cli: Callable[..., Run], content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(content_copy.parent)
    run = cli("validate", "--data-dir", content_copy)
    assert run.exit_code == 0, run.stderr
    assert run.stdout.rstrip().endswith(f"Checked the files in {content_copy.name}/.")


def test_an_editor_in_a_clone_is_told_their_data_folder_was_not_checked(
    cli: Callable[..., Run], content_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After `pip install .`, plain `ottool validate` checks the installed copy, not ./data."""
    monkeypatch.delenv("OTTOOL_DATA_DIR", raising=False)
    content_copy.rename(content_copy.parent / "data")
    monkeypatch.chdir(content_copy.parent)
    run = cli("validate")
    assert run.exit_code == 0, run.stderr
    assert "this folder has its own data/" in run.stderr
    assert "--data-dir data" in run.stderr
    assert "own data/" not in cli("validate", "--data-dir", "data").stderr


# --- one rule at a time: each row is one edit and the one problem it must give ------


@dataclass(frozen=True)
class Mistake:
    """One edit of the test content (``old`` -> ``new`` in ``file``) and what validate says.

    The problem is reported as ``file:LINE: message``, where LINE is that of ``at`` in the
    edited file, or where ``new`` starts when ``at`` is not given.
    """

    file: str
    old: str
    new: str
    message: str
    at: str | None = None


ONE_MISTAKE = {
    "a misspelt area of a milestone": Mistake(
        M,
        "    domain: fine_motor\n    text: Opens hands",
        "    domain: fine_motr\n    text: Opens hands",
        "milestone 'fm-2m-opens-hands': domain 'fine_motr' is not a known domain"
        " (did you mean 'fine_motor'?) (known: gross_motor, fine_motor, social_emotional)",
    ),
    "a misspelt area in an activity's list": Mistake(
        A,
        "domains: [social_emotional]\n    minutes: 5\n    times_per_day: 2",
        "domains: [social_emotinal]\n    minutes: 5\n    times_per_day: 2",
        "activity 'songs': domain 'social_emotinal' is not a known domain"
        " (did you mean 'social_emotional'?) (known: gross_motor, fine_motor, social_emotional)",
    ),
    "an unknown area in a block list points at its item": Mistake(
        A,
        "    domains: [gross_motor]\n    targets: [gm-6m-rolls]",
        "    domains:\n      - gross_motor\n      - sensory\n    targets: [gm-6m-rolls]",
        "activity 'rolling-practice': domain 'sensory' is not a known domain"
        " (known: gross_motor, fine_motor, social_emotional)",
        at="      - sensory",
    ),
    "a misspelt area of a warning sign": Mistake(
        M,
        "    domains: [fine_motor]\n    level: discuss\n    advice: Mention it to your"
        " child's doctor.\n    source: AAP 2013",
        "    domains: [fine_motors]\n    level: discuss\n    advice: Mention it to your"
        " child's doctor.\n    source: AAP 2013",
        "warning sign 'ws-no-grasp': domain 'fine_motors' is not a known domain"
        " (did you mean 'fine_motor'?) (known: gross_motor, fine_motor, social_emotional)",
    ),
    "a badly written item of a list": Mistake(
        A,
        "    targets: [gm-6m-rolls]",
        "    targets:\n      - gm-6m-rolls\n      - GM 6m",
        "activity 'rolling-practice': targets: each item must be an id of lower-case letters,"
        " digits and hyphens, such as 'gm-4m-head-steady', got 'GM 6m'",
        at="- GM 6m",
    ),
    "empty steps": Mistake(
        A,
        "    steps: [Sing a short song.]",
        "    steps: []",
        "activity 'songs': steps must be a list of steps, in order, got an empty list",
    ),
    "a misspelt target": Mistake(
        A,
        "targets: [gm-6m-rolls]",
        "targets: [gm-6m-roll]",
        "activity 'rolling-practice': target 'gm-6m-roll' is not a known milestone"
        " (did you mean 'gm-6m-rolls'?)",
    ),
    "an activity's ages upside down": Mistake(
        A,
        "    min_months: 0\n    max_months: 24",
        "    min_months: 30\n    max_months: 24",
        "activity 'songs': min_months (30) is greater than max_months (24)",
        at="max_months: 24",
    ),
    "a warning sign's ages upside down": Mistake(
        M,
        "    min_months: 2\n    max_months: 4",
        "    min_months: 5\n    max_months: 4",
        "warning sign 'ws-no-tracking': min_months (5) is greater than max_months (4)",
        at="max_months: 4",
    ),
    # Only the milestone's own problem: the activity targeting it is not blamed as well.
    "a word where a number is needed": Mistake(
        M,
        "  - id: gm-6m-rolls\n    months: 6",
        "  - id: gm-6m-rolls\n    months: four",
        "milestone 'gm-6m-rolls': months must be a whole number of months, from 0 to 60,"
        " got 'four'",
        at="months: four",
    ),
    "a number in quotes": Mistake(
        A,
        "    minutes: 10",
        '    minutes: "10"',
        "activity 'reach-and-grasp': minutes must be a whole number, 1 or more, got '10':"
        " remove the quotes",
    ),
    "a number out of range": Mistake(
        A,
        "    days_per_week: 5",
        "    days_per_week: 8",
        "activity 'reach-and-grasp': days_per_week must be a whole number from 1 to 7, got 8",
    ),
    "an unknown level": Mistake(
        M,
        "    level: urgent",
        "    level: high",
        "warning sign 'ws-lost-skills': level must be 'discuss' or 'urgent', got 'high'",
    ),
    # The value of the key begins on the next line.
    "a misspelt top-level key": Mistake(
        M,
        "warning_signs:",
        "warning_sings:",
        "unknown key 'warning_sings' (did you mean 'warning_signs'?)",
        at="  - id: ws-no-grasp",
    ),
    "a required field left out": Mistake(
        A,
        "    steps: [Sing a short song.]\n",
        "",
        "activity 'songs': missing 'steps'",
        at="- id: songs",
    ),
    "an activity whose ages miss its target's checklist": Mistake(
        A,
        "    min_months: 0\n    max_months: 4",
        "    min_months: 3\n    max_months: 4",
        "activity 'open-hands': target 'fm-2m-opens-hands' is a 2-month milestone,"
        " outside the activity's ages 3-4",
        at="targets: [fm-2m-opens-hands]",
    ),
    "schema_version 2": Mistake(
        A, "schema_version: 1", "schema_version: 2", "schema_version must be 1, got 2"
    ),
    "schema_version left out": Mistake(
        A, "schema_version: 1\n", "", "missing 'schema_version: 1'", at="activities:"
    ),
    "a single value where a list is needed": Mistake(
        A,
        "    domains: [gross_motor]\n    targets: [gm-6m-rolls]",
        "    domains: gross_motor\n    targets: [gm-6m-rolls]",
        "activity 'rolling-practice': domains must be a list, each an area id of lower-case"
        " letters, digits and underscores, like 'fine_motor', got 'gross_motor'",
    ),
    "an optional field of the wrong type": Mistake(
        M,
        "    max_months: 4",
        "    max_months: soon",
        "warning sign 'ws-no-tracking': max_months must be a whole number of months,"
        " from 0 to 60 (or left out), got 'soon'",
    ),
    "a mapping where text is needed": Mistake(
        M,
        "    source: AAP 2013",
        "    source: {book: AAP, year: 2013}",
        "warning sign 'ws-no-grasp': source must be text, got a mapping",
    ),
    "translations without English": Mistake(
        M,
        "    text: Rolls from tummy to back",
        "    text: {es: Se da la vuelta}",
        "milestone 'gm-6m-rolls': text gives translations but no 'en' text",
    ),
    "a translated step without English": Mistake(
        A,
        "    steps: [Sing a short song.]",
        "    steps: [Sing., {es: Canta.}]",
        "activity 'songs': steps gives translations but no 'en' text",
    ),
}


@pytest.mark.parametrize("mistake", ONE_MISTAKE.values(), ids=ONE_MISTAKE.keys())
def test_one_mistake_is_one_problem_at_its_line(
    folder: Folder, validate: Any, mistake: Mistake
) -> None:
    line = folder.edit(mistake.file, mistake.old, mistake.new)
    if mistake.at is not None:
        line = folder.line(mistake.file, mistake.at)
    assert the_error(validate()) == f"{mistake.file}:{line}: {mistake.message}"


#: (file, the entry whose id is copied, the entry that gets it, what it is, the id)
DUPLICATE_IDS = {
    "an activity id used twice": (A, "mirror-play", "songs", "activity"),
    "a warning sign with a milestone's id": (M, "se-2m-calms", "ws-lost-skills", "warning sign"),
    "a milestone id used twice": (M, "gm-2m-head-up", "gm-6m-rolls", "milestone"),
    "an area id used twice": (M, "gross_motor", "social_emotional", "domain"),
}


@pytest.mark.parametrize(("file", "first", "copy", "kind"), DUPLICATE_IDS.values(),
                         ids=DUPLICATE_IDS.keys())  # fmt: skip
def test_an_id_used_twice_names_both_lines(
    folder: Folder, validate: Any, file: str, first: str, copy: str, kind: str
) -> None:
    first_line = folder.line(file, f"- id: {first}\n")
    line = folder.edit(file, f"  - id: {copy}\n", f"  - id: {first}\n")
    # A second milestone or area of that id leaves a checklist short too: other problems
    # may follow, but this one is always there.
    [problem] = [p for p in errors(validate()) if "the id is used twice" in p]
    assert f"{kind} '{first}': the id is used twice, on line {first_line} (" in problem
    assert f"and on line {line} (" in problem
    assert problem.startswith(f"{file}:{line}: "), problem


@pytest.mark.parametrize("where", ["above", "below"])
def test_a_new_entry_with_a_copied_id_is_named_as_the_new_one(
    folder: Folder, validate: Any, where: str
) -> None:
    """An editor copies an entry to start a new one and forgets its id: wherever the new
    entry is, it is the one named, not the shipped one."""
    new = (
        "  - id: gm-2m-head-up\n    months: 4\n    domain: gross_motor\n"
        "    text: Pushes up on elbows\n    source: CDC LTSAE 2022\n"
    )
    anchor = "  - id: gm-2m-head-up\n" if where == "above" else "  - id: fm-2m-opens-hands\n"
    folder.edit(M, anchor, new + anchor)
    text = (folder.path / M).read_text()
    new_line = text[: text.index(new)].count("\n") + 1
    old_line = text.index("  - id: gm-2m-head-up\n    months: 2")
    old_line = text[:old_line].count("\n") + 1
    [problem] = [p for p in errors(validate()) if "the id is used twice" in p]
    assert problem.startswith(f"{M}:{new_line}: "), problem
    assert f"the entry on line {new_line} looks new" in problem
    assert f"line {old_line} ('Holds head up when on tummy')" in problem


def test_a_mistyped_id_far_from_every_id_gets_no_suggestion(folder: Folder, validate: Any) -> None:
    folder.edit(A, "targets: [gm-6m-rolls]", "targets: [gm-4m-rolls-over]")
    assert the_error(validate()).endswith("target 'gm-4m-rolls-over' is not a known milestone")


def test_upside_down_ages_are_said_once(folder: Folder, validate: Any) -> None:
    """Not again as 'the target is outside the activity's ages 9-5'."""
    folder.edit(A, "    min_months: 3\n    max_months: 8", "    min_months: 9\n    max_months: 5")
    assert the_error(validate()).endswith(
        "activity 'rolling-practice': min_months (9) is greater than max_months (5)"
    )


def test_swapped_files_are_recognised(folder: Folder, validate: Any) -> None:
    m, a = folder.path / M, folder.path / A
    milestones, activities = m.read_text(), a.read_text()
    m.write_text(activities)
    a.write_text(milestones)
    found = errors(validate())
    assert len(found) == 2
    assert (
        "this looks like milestones.yaml (it has 'domains:'), not activities.yaml: are the"
        in (found[0])
    )
    assert (
        "this looks like activities.yaml (it has 'activities:'), not milestones.yaml" in (found[1])
    )


def test_unknown_key_with_did_you_mean(folder: Folder, validate: Any) -> None:
    line = folder.edit(M, "    text: Rolls from tummy to back\n    source: CDC LTSAE 2022",
                       "    text: Rolls from tummy to back\n    sorce: CDC LTSAE 2022")  # fmt: skip
    found = errors(validate())
    assert (
        f"{M}:{line + 1}: milestone 'gm-6m-rolls': unknown key 'sorce' (did you mean 'source'?)"
        in (found)
    )
    # The entry without its source is also reported, at the entry's first line.
    entry = folder.line(M, "- id: gm-6m-rolls")
    assert f"{M}:{entry}: milestone 'gm-6m-rolls': missing 'source'" in found


def test_malformed_yaml(folder: Folder, validate: Any) -> None:
    line = folder.edit(M, "    text: Reaches to grab a toy", "    text: Reaches: to grab a toy")
    # Only the YAML problem: the other file's references to it are not blamed.
    assert the_error(validate()) == (
        f"{M}:{line}: a colon followed by a space inside text that is not in quotes: put the"
        ' whole text in quotes, like text: "Reaches: to grab a toy"'
    )


def test_python_tag_is_refused_and_not_run(folder: Folder, validate: Any) -> None:
    marker = folder.path / "it-ran"
    line = folder.edit(
        M,
        "    text: Likes to look at themselves in a mirror",
        f"    text: !!python/object/apply:os.system ['touch {marker}']",
    )
    assert the_error(validate()) == (
        f"{M}:{line}: the YAML tag !!python/object/apply:os.system is not allowed"
        " (plain values only)"
    )
    assert not marker.exists()


def test_no_milestones_at_all(folder: Folder, validate: Any) -> None:
    text = (folder.path / M).read_text()
    start = text.index("milestones:\n")
    end = text.index("warning_signs:")
    (folder.path / M).write_text(text[:start] + "milestones: []\n\n" + text[end:])
    line = folder.line(M, "milestones: []")
    found = errors(validate())
    assert f"{M}:{line}: 'milestones' is empty" in found


def test_a_checklist_area_without_milestones_is_a_warning(folder: Folder, validate: Any) -> None:
    text = (folder.path / M).read_text()
    block = text[text.index("  - id: se-6m-mirror") : text.index("warning_signs:")]
    (folder.path / M).write_text(text.replace(block, "\n"))
    folder.edit(A, "targets: [se-6m-mirror, se-2m-calms", "targets: [se-2m-calms")
    run = validate("--format", "json")
    assert run.exit_code == 0, run.stdout
    doc = json.loads(run.stdout)
    assert doc["valid"] is True
    messages = [w["message"] for w in doc["warnings"]]
    assert any("6-month checklist has no milestone for social_emotional" in m for m in messages)


def test_empty_file(folder: Folder, validate: Any) -> None:
    (folder.path / A).write_text("# nothing yet\n")
    assert the_error(validate()) == f"{A}:1: the file is empty"


def test_missing_file(folder: Folder, validate: Any) -> None:
    (folder.path / A).unlink()
    assert the_error(validate()) == f"{A}: the file does not exist"


def test_missing_folder(cli: Callable[..., Run], tmp_path: Path) -> None:
    run = cli("validate", "--data-dir", tmp_path / "nowhere")
    assert run.exit_code == 1
    assert "the content folder does not exist" in run.stderr
    assert "Traceback" not in run.output


# --- many problems, JSON, schema -----------------------------------------------------


def test_every_problem_is_reported_in_one_run(folder: Folder, validate: Any) -> None:
    bad_domain = folder.edit(
        M,
        "    domain: fine_motor\n    text: Opens hands",
        "    domain: fine_motr\n    text: Opens hands",
    )
    bad_target = folder.edit(A, "targets: [gm-6m-rolls]", "targets: [gm-6m-roll]")
    folder.edit(
        A, "    min_months: 0\n    max_months: 24", "    min_months: 30\n    max_months: 24"
    )
    inverted = folder.line(A, "max_months: 24")
    found = errors(validate())
    assert len(found) == 3
    # Sorted by file, then line.
    assert found[0].startswith(f"{A}:{bad_target}: activity 'rolling-practice': target")
    assert found[1].startswith(f"{A}:{inverted}: activity 'songs': min_months (30)")
    assert found[2].startswith(f"{M}:{bad_domain}: milestone 'fm-2m-opens-hands': domain")


def test_json_format_gives_machine_readable_errors(folder: Folder, validate: Any) -> None:
    line = folder.edit(A, "targets: [gm-6m-rolls]", "targets: [gm-6m-roll]")
    run = validate("--format", "json")
    assert run.exit_code == 1
    doc = json.loads(run.stdout)
    assert doc["valid"] is False
    assert doc["errors"] == [
        {
            "file": A,
            "line": line,
            "message": "activity 'rolling-practice': target 'gm-6m-roll' is not a known"
            " milestone (did you mean 'gm-6m-rolls'?)",
        }
    ]
    assert "summary" not in doc


def test_json_format_for_valid_content(validate: Any) -> None:
    run = validate("--format", "json")
    assert run.exit_code == 0
    doc = json.loads(run.stdout)
    assert doc["valid"] is True
    assert doc["errors"] == []
    summary = doc["summary"]
    assert summary["milestones"] == 11
    assert summary["activities"] == 6
    assert summary["warning_signs"] == 3
    assert summary["checklists"] == [2, 4, 6]
    assert summary["milestones_per_checklist"]["4"] == {
        "gross_motor": 2,
        "fine_motor": 2,
        "social_emotional": 1,
    }


def test_data_dir_from_the_environment(
    cli: Callable[..., Run], folder: Folder, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder.edit(A, "targets: [gm-6m-rolls]", "targets: [gm-6m-roll]")
    monkeypatch.setenv("OTTOOL_DATA_DIR", str(folder.path))
    assert cli("validate").exit_code == 1
    # --data-dir wins over the environment.
    assert cli("validate", "--data-dir", FIXTURE_DIR).exit_code == 0


@pytest.mark.parametrize("which", ["milestones", "activities"])
def test_schema_prints_json_schema(cli: Callable[..., Run], which: str) -> None:
    run = cli("schema", which)
    assert run.exit_code == 0
    schema = json.loads(run.stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["title"] == f"ottool {which}.yaml"
    defs = schema["$defs"]
    if which == "milestones":
        milestone = defs["Milestone"]
        assert set(milestone["required"]) >= {"id", "months", "domain", "text", "source"}
        assert milestone["additionalProperties"] is False
        assert milestone["properties"]["months"]["type"] == "integer"
        # Text fields accept a translation mapping too.
        assert milestone["properties"]["text"]["$ref"] == "#/$defs/Text"
        assert defs["Text"]["anyOf"][0]["type"] == "string"
        assert defs["WarningSign"]["properties"]["level"]["enum"] == ["discuss", "urgent"]
    else:
        act = defs["Activity"]
        assert set(act["required"]) >= {"id", "name", "min_months", "max_months", "domains"}
        assert act["properties"]["days_per_week"]["maximum"] == 7


def test_schema_defaults_to_milestones(cli: Callable[..., Run]) -> None:
    assert json.loads(cli("schema").stdout)["title"] == "ottool milestones.yaml"


# --- more shapes of mistakes ---------------------------------------------------------


def test_a_list_that_is_not_a_list(folder: Folder, validate: Any) -> None:
    text = (folder.path / A).read_text()
    (folder.path / A).write_text(text[: text.index("activities:")] + "activities: tummy-time\n")
    line = folder.line(A, "activities: tummy-time")
    found = errors(validate())
    assert f"{A}:{line}: 'activities' must be a list of entries, got 'tummy-time'" in found


def test_an_entry_that_is_not_a_mapping(folder: Folder, validate: Any) -> None:
    line = folder.edit(A, "  - id: songs\n", "  - songs\n  - id: songs\n")
    # The seventh entry of the list.
    assert f"{A}:{line}: activity #6: each entry must be a mapping of keys, got 'songs'" in (
        errors(validate())
    )


def test_translations_are_read_in_the_chosen_language(folder: Folder) -> None:
    folder.edit(
        M,
        "    text: Rolls from tummy to back",
        "    text: {en: Rolls from tummy to back, es: Se da la vuelta}",
    )
    folder.edit(A, "    steps: [Sing a short song.]", "    steps: [{en: Sing., es: Canta.}]")
    english = load_content(folder.path)
    spanish = load_content(folder.path, lang="es")
    assert english.milestone_by_id["gm-6m-rolls"].text == "Rolls from tummy to back"
    assert spanish.milestone_by_id["gm-6m-rolls"].text == "Se da la vuelta"
    assert spanish.activity_by_id["songs"].steps == ("Canta.",)
    # A language without the text falls back to English.
    assert load_content(folder.path, lang="fr").activity_by_id["songs"].steps == ("Sing.",)


def test_an_area_with_no_activity_at_a_checklist_is_a_warning(folder: Folder) -> None:
    folder.edit(A, "    min_months: 0\n    max_months: 24", "    min_months: 0\n    max_months: 5")
    folder.edit(A, "    min_months: 0\n    max_months: 12", "    min_months: 0\n    max_months: 5")
    folder.edit(A, "targets: [se-6m-mirror, se-2m-calms", "targets: [se-2m-calms")
    report = check_content(folder.path)
    assert report.content is not None and report.errors == ()
    assert [str(w) for w in report.warnings] == [
        f"{A}: no activity for social_emotional covers the 6-month checklist"
    ]


# --- the loader in code --------------------------------------------------------------


def test_load_content_raises_every_problem(folder: Folder) -> None:
    folder.edit(A, "targets: [gm-6m-rolls]", "targets: [gm-6m-roll]")
    folder.edit(M, "    level: urgent", "    level: high")
    with pytest.raises(InputError) as err:
        load_content(folder.path)
    assert len(err.value.problems) == 2
    assert {p.file for p in err.value.problems} == {A, M}


def test_loaded_content_is_typed_and_frozen(content: Content) -> None:
    assert content.checklists == (2, 4, 6)
    assert [m.id for m in content.checklist(2)] == [
        "gm-2m-head-up",
        "fm-2m-opens-hands",
        "se-2m-calms",
    ]
    steady = content.milestone_by_id["gm-4m-head-steady"]
    assert steady.prompt.startswith("When you hold your baby upright")
    assert content.milestone_by_id["gm-6m-rolls"].prompt == "Rolls from tummy to back"
    reach = content.activity_by_id["reach-and-grasp"]
    assert dose_words(reach) == "10 min, once a day, 5 days a week"
    assert dose_words(content.activity_by_id["tummy-time"]) == "5 min, 3 times a day, every day"
    assert dose_words(content.activity_by_id["open-hands"]) == "3 min, twice a day, every day"
    assert content.domain_by_id["fine_motor"].name == "Hands and fingers"
    assert len(content.version) == 12
    with pytest.raises(AttributeError):
        steady.months = 5  # type: ignore[misc]


@pytest.mark.parametrize(
    ("months", "signs"),
    [
        (0.5, ["ws-lost-skills"]),
        (1.99, ["ws-lost-skills"]),
        (2.0, ["ws-lost-skills", "ws-no-tracking"]),
        (4.0, ["ws-no-grasp", "ws-lost-skills", "ws-no-tracking"]),
        (4.99, ["ws-no-grasp", "ws-lost-skills", "ws-no-tracking"]),  # max 4 is inclusive
        (5.0, ["ws-no-grasp", "ws-lost-skills"]),
        (40.0, ["ws-no-grasp", "ws-lost-skills"]),  # no max_months: no upper limit
    ],
)
def test_warning_signs_at_an_age(content: Content, months: float, signs: list[str]) -> None:
    assert [w.id for w in content.warning_signs_at(months)] == signs


def test_localized_helper() -> None:
    assert localized("plain") == "plain"
    assert localized({"en": "hi", "es": "hola"}, "es") == "hola"
    assert localized({"en": "hi"}, "es") == "hi"


def test_resolve_data_dir_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTTOOL_DATA_DIR", str(tmp_path / "env"))
    assert resolve_data_dir(tmp_path / "opt") == tmp_path / "opt"
    assert resolve_data_dir() == tmp_path / "env"
    monkeypatch.delenv("OTTOOL_DATA_DIR")
    assert (resolve_data_dir() / "milestones.yaml").is_file()


def test_a_file_that_is_a_list_not_a_mapping(folder: Folder, validate: Any) -> None:
    (folder.path / A).write_text("- id: songs\n- id: tummy-time\n")
    assert the_error(validate()) == (
        f"{A}:1: the file must be a mapping with the keys: schema_version, activities"
    )


def test_missing_required_list(folder: Folder, validate: Any) -> None:
    text = (folder.path / M).read_text()
    start = text.index("domains:")
    end = text.index("milestones:")
    (folder.path / M).write_text(text[:start] + text[end:])
    line = folder.line(M, "schema_version: 1")
    # Only the missing list: the milestones' domains are not each reported as unknown.
    assert the_error(validate()) == f"{M}:{line}: missing the list 'domains'"


# --- normed and check (issue 9) -----------------------------------------------------------------


def add_to_opens_hands(folder: Folder, fields: str) -> int:
    """Add YAML ``fields`` to 'fm-2m-opens-hands', no longer targeted; return their line."""
    folder.edit("activities.yaml", "targets: [fm-2m-opens-hands]", "targets: []")
    text = "    text: Opens hands briefly\n"
    return folder.edit(M, text, text + fields) + 1


def test_validate_accepts_normed_and_check(folder: Folder, validate: Any) -> None:
    folder.edit(
        M,
        "    text: Opens hands briefly\n    source: CDC LTSAE 2022",
        "    text: Opens hands briefly\n    source: Common occupational therapy practice",
    )
    add_to_opens_hands(folder, "    normed: false\n    check: ws-lost-skills\n")
    run = validate()
    assert run.exit_code == 0, run.stderr
    assert "Content is valid" in run.stdout


#: Fields added to 'fm-2m-opens-hands' and the one problem they give, at their line.
NORMED_AND_CHECK_MISTAKES = {
    "a check that names no warning sign": (
        "    check: ws-lost-skils\n",
        "check 'ws-lost-skils' is not a known warning sign (did you mean 'ws-lost-skills'?)",
    ),
    "a check that names a milestone": (
        "    check: se-2m-calms\n",
        "check 'se-2m-calms' is not a known warning sign",
    ),
    "normed that is not true or false": (
        "    normed: nope\n",
        "normed must be true or false, got 'nope'",
    ),
    "normed in quotes": (
        '    normed: "false"\n',
        "normed must be true or false, got 'false': remove the quotes",
    ),
    "normed: no": (
        "    normed: no\n",
        "normed: write false, not no (only true and false are yes-or-no values)",
    ),
}


@pytest.mark.parametrize(("fields", "message"), NORMED_AND_CHECK_MISTAKES.values(),
                         ids=NORMED_AND_CHECK_MISTAKES.keys())  # fmt: skip
def test_validate_rejects_a_wrong_normed_or_check(
    folder: Folder, validate: Any, fields: str, message: str
) -> None:
    line = add_to_opens_hands(folder, fields)
    assert the_error(validate()) == f"{M}:{line}: milestone 'fm-2m-opens-hands': {message}"


def test_validate_rejects_an_activity_that_targets_a_checked_milestone(
    folder: Folder, validate: Any
) -> None:
    folder.edit(
        M,
        "    text: Opens hands briefly\n",
        "    text: Opens hands briefly\n    check: ws-no-grasp\n",
    )
    line = folder.line("activities.yaml", "targets: [fm-2m-opens-hands]")
    assert the_error(validate()) == (
        f"activities.yaml:{line}: activity 'open-hands': target 'fm-2m-opens-hands' is checked, "
        "not practiced (a 'not yet' there reports the warning sign 'ws-no-grasp'); remove it "
        "from targets"
    )


def test_schema_describes_normed_and_check(cli: Callable[..., Run]) -> None:
    run = cli("schema", "milestones")
    assert run.exit_code == 0
    props = json.loads(run.stdout)["$defs"]["Milestone"]["properties"]
    assert props["normed"]["type"] == "boolean"
    assert props["normed"]["default"] is True
    assert "age norm" in props["normed"]["description"]
    check = json.dumps(props["check"])
    assert "warning sign" in check and "null" in check
