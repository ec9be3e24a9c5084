"""`ottool plan` and `ottool screen --plan-output/--save`, called as a therapist would."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import FIXTURE_DIR, Run, answers_text
from ottool.core.i18n import format_date

ANSWERS = answers_text("mia-4-months")


@pytest.fixture
def result_file(tmp_path: Path, cli: Callable[..., Run]) -> Path:
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS)
    out = tmp_path / "result.json"
    run = cli(
        "screen", "--answers", answers, "--format", "json", "--output", out,
        "--data-dir", FIXTURE_DIR,
    )  # fmt: skip
    assert run.exit_code == 0, run.output
    return out


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("OTTOOL_HOME", str(home))
    monkeypatch.delenv("OTTOOL_DATA_DIR", raising=False)
    return home


def test_plan_from_a_result_file_chooses_like_screen(
    cli: Callable[..., Run], result_file: Path
) -> None:
    run = cli("plan", "--from", result_file, "--format", "json", "--data-dir", FIXTURE_DIR)
    assert run.exit_code == 0, run.output
    plan = json.loads(run.stdout)
    screened = json.loads(result_file.read_text())
    assert plan["format"] == "ottool-plan/1"
    assert plan["child"] == "Mia"
    # The same activity choice as the screening that produced the file.
    assert [a["id"] for a in plan["activities"]] == [
        a["id"] for a in screened["plan"]["activities"]
    ]
    assert plan["activities"][0]["id"] == "tummy-time"  # practices the 'not yet' push-up


def test_plan_for_an_age_with_focus_and_a_chosen_activity(cli: Callable[..., Run]) -> None:
    run = cli(
        "plan", "--age-months", "5", "--focus", "fine_motor", "--activity", "songs",
        "--child", "Sam", "--therapist", "A. Rivera, OT", "--note", "Little and often",
        "--weeks", "3", "--format", "json", "--data-dir", FIXTURE_DIR,
    )  # fmt: skip
    assert run.exit_code == 0, run.output
    plan = json.loads(run.stdout)
    ids = [a["id"] for a in plan["activities"]]
    assert ids[0] == "songs"  # always included, first
    assert set(ids[1:]) <= {"reach-and-grasp", "open-hands"}  # the focus area only
    assert plan["therapist"] == "A. Rivera, OT"
    assert plan["notes"] == ["Little and often"]
    assert plan["tracker_weeks"] == 3


@pytest.mark.slow
def test_plan_writes_a_pdf_whose_format_follows_the_extension(
    cli: Callable[..., Run], result_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "mia.pdf"
    run = cli("plan", "--from", result_file, "--output", out, "--data-dir", FIXTURE_DIR)
    assert run.exit_code == 0, run.output
    assert out.read_bytes().startswith(b"%PDF")
    reader = PdfReader(out)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Mia" in text
    assert reader.metadata is not None
    assert reader.metadata.title == "Home activity plan for Mia"  # what a screen reader announces
    assert "Tummy time" in text
    assert os.stat(out).st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ((), "exactly one of --from"),
        (("--age-months", "4", "--from-history", "1"), "exactly one of --from"),
        (("--age-months", "4", "--focus", "fine_motr"), "did you mean 'fine_motor'"),
        (("--age-months", "4", "--activity", "tummy-tim"), "did you mean 'tummy-time'"),
        (("--age-months", "4", "--output", "plan.docx"), "plan.docx"),
        (("--from-history", "7"), "no saved screening 7"),
    ],
)
def test_bad_plan_requests_are_one_clear_error(
    cli: Callable[..., Run], args: tuple[str, ...], words: str
) -> None:
    run = cli("plan", *args, "--data-dir", FIXTURE_DIR)
    assert run.exit_code == 1
    assert words in run.stderr
    assert "Traceback" not in run.output


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("not json at all", "not a JSON result file"),
        ('{"format": "something-else/1"}', 'expected "format": "ottool-result/1"'),
    ],
)
def test_a_bad_result_file_is_a_clear_error(
    cli: Callable[..., Run], tmp_path: Path, text: str, words: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(text)
    run = cli("plan", "--from", bad, "--data-dir", FIXTURE_DIR)
    assert run.exit_code == 1
    assert words in run.stderr
    assert "bad.json" in run.stderr


def test_a_result_with_ids_this_content_does_not_know_is_a_clear_error(
    cli: Callable[..., Run], result_file: Path
) -> None:
    data = json.loads(result_file.read_text())
    data["domains"][0]["not_yet"] = ["gm-4m-head-stedy"]
    result_file.write_text(json.dumps(data))
    run = cli("plan", "--from", result_file, "--data-dir", FIXTURE_DIR)
    assert run.exit_code == 1
    assert "gm-4m-head-stedy" in run.stderr
    assert "gm-4m-head-steady" in run.stderr  # the suggestion


def test_an_output_that_is_a_folder_is_a_clear_error(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    # A folder cannot be replaced by a file, whoever runs the test (root included).
    folder = tmp_path / "plan.html"
    folder.mkdir()
    (folder / "keep.txt").write_text("kept")
    run = cli("plan", "--age-months", "4", "--output", folder, "--data-dir", FIXTURE_DIR)
    assert run.exit_code == 1
    assert "plan.html" in run.stderr
    assert "Traceback" not in run.output
    assert (folder / "keep.txt").read_text() == "kept"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.html"]  # no temporary file left


def test_an_output_in_a_missing_folder_is_a_clear_error(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    out = tmp_path / "no" / "such" / "folder" / "plan.md"
    run = cli("plan", "--age-months", "4", "--output", out, "--data-dir", FIXTURE_DIR)
    assert run.exit_code == 1
    assert "plan.md" in run.stderr
    assert not out.exists()


def test_screen_writes_the_plan_and_saves_the_results(
    cli: Callable[..., Run], tmp_path: Path, private_home: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS)
    plan_md = tmp_path / "plan.md"
    run = cli(
        "screen", "--answers", answers, "--format", "json", "--plan-output", plan_md,
        "--save", "--data-dir", FIXTURE_DIR,
    )  # fmt: skip
    assert run.exit_code == 0, run.output
    result = json.loads(run.stdout)
    assert "# Home activity plan for Mia" in plan_md.read_text()
    assert "Saved as screening 1" in run.stderr

    shown = cli("history", "show", "1", "--format", "json")
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.stdout) == result

    again = cli("plan", "--from-history", "1", "--format", "md", "--data-dir", FIXTURE_DIR)
    assert again.exit_code == 0, again.output

    def undated(text: str) -> list[str]:
        return [line for line in text.splitlines() if not line.startswith(("**Date", "**Scre"))]

    # The same plan, given today: dated today, with the screening's own date beside it.
    assert undated(again.stdout) == undated(plan_md.read_text())
    today = dt.date.today()
    assert f"**Date:** {format_date(today)}" in again.stdout
    if result["date"] != today.isoformat():
        screened = format_date(dt.date.fromisoformat(result["date"]))
        assert f"**Screening:** {screened}" in again.stdout


def test_screen_refuses_a_plan_file_it_cannot_write_before_asking_anything(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS)
    run = cli("screen", "--answers", answers, "--plan-output", tmp_path / "plan.doc",
              "--data-dir", FIXTURE_DIR)  # fmt: skip
    assert run.exit_code == 1
    assert "plan.doc" in run.stderr
