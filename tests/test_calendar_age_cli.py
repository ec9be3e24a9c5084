"""Calendar ages through the command line (docs/design.md §3, issue 19 item 1).

A child born on 1 December 2025 is 12 months old on 1 December 2026: the
12-month checklist, with its answers scored, not "11 months and 4 weeks" on the
9-month checklist with the 12-month answers set aside.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import ANSWERS_DIR, FIXTURE_DIR

FIRST_BIRTHDAY = ANSWERS_DIR / "first-birthday-12-months.yaml"
PRETERM = ANSWERS_DIR / "preterm-32-weeks.yaml"


def test_a_first_birthday_uses_the_12_month_checklist_and_scores_its_answers(
    cli: Callable[..., Any],
) -> None:
    run = cli("screen", "--answers", FIRST_BIRTHDAY, "--format", "json")
    assert run.exit_code == 0, run.stderr
    doc = json.loads(run.stdout)
    assert doc["checklist"] == {"months": 12, "early": False}
    assert doc["age"]["used_months"] == doc["age"]["chronological_months"] == 12.0
    assert doc["age"]["corrected"] is False
    assert doc["unused_answers"] == []
    assert "answers not used" not in run.stderr
    domains = {d["id"]: d for d in doc["domains"]}
    assert "gm-12m-cruises" in domains["gross_motor"]["not_yet"]
    assert "cm-12m-waves-bye" in domains["communication"]["not_yet"]
    assert domains["gross_motor"]["status"] == "discuss"
    assert doc["overall"] != "on_track"


def test_a_first_birthday_reads_one_year_in_the_terminal(cli: Callable[..., Any]) -> None:
    run = cli("screen", "--answers", FIRST_BIRTHDAY)
    assert run.exit_code == 0, run.stderr
    text = " ".join(run.stdout.split())
    assert "Age used: 1 year." in text
    assert "Questions from the 12-month milestones." in text
    assert "11 months" not in text
    assert "Worth talking about" in text


def test_a_first_birthday_in_spanish(cli: Callable[..., Any]) -> None:
    run = cli("screen", "--answers", FIRST_BIRTHDAY, "--lang", "es")
    assert run.exit_code == 0, run.stderr
    text = " ".join(run.stdout.split())
    assert "Edad considerada: 1 año." in text
    assert "12 meses" in text


def test_the_day_before_the_first_birthday_is_still_the_9_month_checklist(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    text = FIRST_BIRTHDAY.read_text("utf-8").replace("date: 2026-12-01", "date: 2026-11-30")
    answers = tmp_path / "answers.yaml"
    answers.write_text(text, "utf-8")
    run = cli("screen", "--answers", answers, "--format", "json")
    assert run.exit_code == 0, run.stderr
    doc = json.loads(run.stdout)
    assert doc["checklist"]["months"] == 9
    assert doc["age"]["used_months"] == 11.9  # 11 months 29 days of 30: cut, never 12.0
    assert "gm-12m-cruises" in doc["unused_answers"]


def test_a_preterm_baby_is_screened_at_calendar_months_from_the_due_date(
    cli: Callable[..., Any],
) -> None:
    run = cli("screen", "--answers", PRETERM, "--data-dir", FIXTURE_DIR)
    assert run.exit_code == 0, run.stderr
    text = " ".join(run.stdout.split())
    # Born 1 January at 32 weeks, due 26 February, seen 1 August.
    assert "Age used: 5 months and 6 days." in text
    assert "(7 months since birth, minus the weeks born early)" in text


def test_a_bad_birth_date_is_one_clear_sentence(cli: Callable[..., Any], tmp_path: Path) -> None:
    text = FIRST_BIRTHDAY.read_text("utf-8").replace(
        "birth_date: 2025-12-01", "birth_date: 2027-01-05"
    )
    answers = tmp_path / "answers.yaml"
    answers.write_text(text, "utf-8")
    run = cli("screen", "--answers", answers)
    assert run.exit_code == 1
    assert run.stdout == ""
    [line] = run.stderr.splitlines()
    assert "the birth date 2027-01-05 is in the future" in line
    assert "Traceback" not in run.stderr


# --- screenings saved before calendar ages ---------------------------------------------


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("OTTOOL_HOME", str(folder))
    monkeypatch.setenv("OTTOOL_DATA_DIR", str(FIXTURE_DIR))
    monkeypatch.setenv("NO_COLOR", "1")
    return folder


def _saved_before_calendar_ages(cli: Callable[..., Any], tmp_path: Path) -> dict[str, Any]:
    """The result an ottool with 30.4375-day months wrote for a child born 1 January and
    seen on 1 May: 120 days, '3.9 months', so the 2-month checklist (4 months by the
    calendar, the 4-month checklist today)."""
    answers = tmp_path / "old.yaml"
    answers.write_text(
        "child:\n  name: Mia\n  birth_date: 2026-01-01\ndate: 2026-04-28\nanswers:\n"
        "  gm-2m-head-up: yes\n  fm-2m-opens-hands: not yet\n  se-2m-calms: yes\n",
        "utf-8",
    )
    run = cli("screen", "--answers", answers, "--format", "json", "--data-dir", FIXTURE_DIR)
    assert run.exit_code == 0, run.stderr
    doc: dict[str, Any] = json.loads(run.stdout)
    assert doc["checklist"]["months"] == 2
    doc["date"] = "2026-05-01"
    doc["age"].update(
        chronological_months=3.9, used_months=3.9, chronological_days=120, corrected_days=None
    )
    return doc


def test_a_screening_saved_before_calendar_ages_still_shows_as_saved(
    cli: Callable[..., Any], home: Path, tmp_path: Path
) -> None:
    from ottool.storage.history import get_screening, save_screening

    old = _saved_before_calendar_ages(cli, tmp_path)
    number = save_screening(old, {"answers": {}}, old["content_version"])

    shown = cli("history", "show", str(number))
    assert shown.exit_code == 0, shown.stderr
    text = " ".join(shown.stdout.split())
    # Its checklist, statuses and overall are the stored ones, not scored again ...
    assert "Questions from the 2-month milestones." in text
    assert "Worth talking about" in text
    # ... and its age is the stored 120 days, worded in calendar months.
    assert "Age used: 4 months." in text
    listing = cli("history")
    assert listing.exit_code == 0, listing.stderr
    assert "4 months" in listing.stdout
    assert get_screening(number).result == old  # nothing rewritten
    as_json = cli("history", "show", str(number), "--format", "json")
    assert json.loads(as_json.stdout)["age"]["used_months"] == 3.9
