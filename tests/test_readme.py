"""The README's `ottool` examples run as written (like sqlite-utils' test_docs).

Each example in a ``sh`` block is run in order in a temporary folder with a private
OTTOOL_HOME, the README's own answer file and a few screenings saved beforehand
(the examples refer to screening 3 and to a child called Sam). A plain command line
runs in this process (CliRunner); one that uses the shell, such as a redirection to a
file, runs in a real shell with ``python -m ottool`` (conftest's ``in_process``).
"""

from __future__ import annotations

import itertools
import re
import shlex
import shutil
from pathlib import Path

import pytest

from conftest import in_process
from ottool.core.content import default_data_dir, load_content

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
#: Examples that need a person at a terminal (questions, a confirmation).
INTERACTIVE = {
    "ottool screen",
    "ottool screen --resume",
    "ottool screen --save",
    "ottool history delete 3",
    "ottool history delete --plan 2",
    "ottool history delete --child Sam",
    "ottool log",
}
RESPONSE = """{"resourceType": "QuestionnaireResponse", "status": "completed",
 "authored": "2026-11-22",
 "item": [{"linkId": "birth-date", "answer": [{"valueDate": "2026-04-01"}]}]}
"""


def readme_examples() -> list[str]:
    """Every command line starting with `ottool` in the README's sh blocks, joined."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.strip()
            if line.startswith("ottool"):
                commands.append(line)
    return commands


def without_comment(command: str) -> str:
    return " ".join(shlex.split(command, comments=True))


def readme_file(name: str) -> str:
    """The README's yaml block that starts with ``# NAME``."""
    found = re.search(rf"```yaml\n(# {re.escape(name)}\n.*?)```", README, re.S)
    assert found, f"the README's {name} example"
    return found.group(1)


def answer_file() -> str:
    found = re.search(r"```yaml\n(# answers.yaml\n.*?)```", README, re.S)
    assert found, "the README's answers.yaml example"
    return found.group(1)


def test_the_examples_name_only_real_ids() -> None:
    content = load_content()
    clinic = re.findall(
        r"^  - id: ([a-z-]+)$", readme_file("clinic-activities/activities.yaml"), re.M
    )
    known = {
        "--activity": {**content.activity_by_id, **dict.fromkeys(clinic)},
        "--focus": content.domain_by_id,
        "--domain": content.domain_by_id,
    }
    for command in readme_examples():
        words = shlex.split(command, comments=True)
        for option, value in itertools.pairwise(words):
            if option in known:
                assert value in known[option], f"{value!r} in `{command}`"
    for milestone in re.findall(r"^  ([a-z]{2}-\d+m-[a-z-]+):", answer_file(), re.M):
        assert milestone in content.milestone_by_id


def test_the_interactive_examples_are_still_in_the_readme() -> None:
    assert {without_comment(c) for c in readme_examples()} >= INTERACTIVE


@pytest.mark.slow
def test_every_readme_example_runs(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    (work / "answers.yaml").write_text(answer_file(), encoding="utf-8")
    (work / "response.json").write_text(RESPONSE, encoding="utf-8")
    shutil.copytree(default_data_dir(), work / "my-data")
    # A clinic's set-up: its file, its logo and its own activities.
    (work / "clinic.yaml").write_text(readme_file("clinic.yaml"), encoding="utf-8")
    shutil.copy(ROOT / "tests" / "fixtures" / "clinic" / "logo.png", work / "logo.png")
    (work / "clinic-activities").mkdir()
    overlay = readme_file("clinic-activities/activities.yaml")
    (work / "clinic-activities" / "activities.yaml").write_text(overlay, encoding="utf-8")
    run = in_process(work, tmp_path / "home")

    # Sam's screenings 1 to 3, a month apart (the examples show and plan from number 3).
    for date in ("2026-09-22", "2026-10-22", "2026-11-22"):
        dated = answer_file().replace("date: 2026-11-22", f"date: {date}")
        (work / f"answers-{date}.yaml").write_text(dated, encoding="utf-8")
        seeded = run(f"ottool screen --answers answers-{date}.yaml --format json --save")
        assert seeded.returncode == 0, seeded.stderr

    ran = 0
    for command in readme_examples():
        if without_comment(command) in INTERACTIVE:
            continue
        done = run(command)
        assert done.returncode == 0, f"`{command}` exited {done.returncode}: {done.stderr}"
        assert "Traceback" not in done.stderr and "unexpected" not in done.stderr
        assert "is meant for" not in done.stderr, command  # each example's age fits
        ran += 1
    assert ran >= 20
    made_by_clinic = ("plan-clinic.pdf", "checklist-12.pdf", "lista-12.html", "answers-12.yaml")
    summaries = ("sam-summary.pdf", "resumen-sam.html")
    calendars = ("sam-checks.ics", "checks.ics")
    for made in ("result.json", "plan.pdf", "plan.html", "plan.md", "sam.jsonl", *made_by_clinic,
                 *summaries, *calendars):  # fmt: skip
        assert (work / made).stat().st_size > 0, made
    assert (work / "plan.pdf").read_bytes().startswith(b"%PDF")
    assert (work / "sam-checks.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")


def test_the_readme_clinic_set_up_is_valid(tmp_path: Path) -> None:
    """The README's clinic file and activities are what `validate --clinic` accepts."""
    from ottool.storage.clinic_file import read_clinic

    (tmp_path / "clinic.yaml").write_text(readme_file("clinic.yaml"), encoding="utf-8")
    shutil.copy(ROOT / "tests" / "fixtures" / "clinic" / "logo.png", tmp_path / "logo.png")
    (tmp_path / "clinic-activities").mkdir()
    overlay = readme_file("clinic-activities/activities.yaml")
    (tmp_path / "clinic-activities" / "activities.yaml").write_text(overlay, encoding="utf-8")
    clinic = read_clinic(tmp_path / "clinic.yaml")
    content = load_content(extra=clinic.extra_data, lang="es")
    assert content.extra_activities == {"clinic-rice-bin"}
    # Dry rice is a choking risk: the example says so, and is not for babies (issue 26).
    rice = content.activity_by_id["clinic-rice-bin"]
    assert rice.min_months >= 18
    assert any("atragantamiento" in line for line in rice.safety)
    english = load_content(extra=clinic.extra_data, lang="en").activity_by_id["clinic-rice-bin"]
    assert any("choking" in line for line in english.safety)
    for command in readme_examples():  # every plan with it is for an age it fits
        words = shlex.split(command, comments=True)
        if "clinic-rice-bin" in words and "--age-months" in words:
            assert rice.fits_age(float(words[words.index("--age-months") + 1])), command
