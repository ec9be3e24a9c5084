"""docs/editing.md walks an edit from change to preview to validate: its examples run.

The YAML block marked "add at the end" is added to a copy of the shipped content,
then every `ottool` line of its sh blocks runs in order, as in tests/test_readme.py.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import in_process
from ottool.core.content import check_content

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "docs" / "editing.md").read_text("utf-8")
ADD = "# data/activities.yaml: add at the end of the activities list\n"


def added_activity() -> str:
    [block] = [b for b in re.findall(r"```yaml\n(.*?)```", GUIDE, re.S) if b.startswith(ADD)]
    return block[len(ADD) :]


def commands() -> list[str]:
    found = []
    for block in re.findall(r"```sh\n(.*?)```", GUIDE, re.S):
        found += [line.strip() for line in block.splitlines() if line.startswith("ottool")]
    return found


def edited_copy(tmp_path: Path) -> Path:
    """A folder with data/ (the shipped content plus the guide's activity) and schemas/."""
    work = tmp_path / "work"
    shutil.copytree(ROOT / "data", work / "data")
    (work / "schemas").mkdir()
    with (work / "data" / "activities.yaml").open("a", encoding="utf-8") as file:
        file.write("\n" + added_activity())
    return work


def test_the_guides_activity_is_valid_in_both_languages(tmp_path: Path) -> None:
    work = edited_copy(tmp_path)
    report = check_content(work / "data", complete_in="es")
    assert report.errors == ()
    assert report.content is not None
    assert "peekaboo-scarf" in report.content.activity_by_id


def test_the_guide_walks_change_preview_and_validate() -> None:
    said = " ".join(commands())
    for step in ("ottool validate --data-dir data", "--language es", "ottool plan --data-dir data"):
        assert step in said
    assert "--activity peekaboo-scarf" in said and "--lang es" in said


@pytest.mark.slow
def test_every_example_of_the_guide_runs(tmp_path: Path) -> None:
    work = edited_copy(tmp_path)
    run = in_process(work, tmp_path / "home")

    for command in commands():
        done = run(command)
        assert done.returncode == 0, f"`{command}` exited {done.returncode}: {done.stderr}"
        assert "Traceback" not in done.stderr
    for pdf in ("peekaboo.pdf", "peekaboo-es.pdf"):
        assert (work / pdf).read_bytes().startswith(b"%PDF"), pdf
    for which in ("milestones", "activities"):
        written = (work / "schemas" / f"{which}.schema.json").read_text("utf-8")
        assert written == (ROOT / "schemas" / f"{which}.schema.json").read_text("utf-8")

    # The guide's example message is what validate says for that slip.
    [example] = re.findall(r"```text\n(data/activities.yaml:\d+: .*?)\n```", GUIDE, re.S)
    file = work / "data" / "activities.yaml"
    text = file.read_text("utf-8")
    at = text.rindex("    minutes: 3\n")
    file.write_text(text[:at] + '    minutes: "3"\n' + text[at + len("    minutes: 3\n") :])
    done = run("ottool validate --data-dir data")
    assert done.returncode == 1
    line = text[:at].count("\n") + 1
    assert done.stderr.splitlines()[0] == re.sub(r":\d+:", f":{line}:", example, count=1)
