"""A clinic's own activity in the practice log (issue 26, docs/clinics.md): `plan
--clinic clinic.yaml --activity clinic-rice-bin --save`, then `log`, `progress` and
`summary` take it with `--clinic FILE` or `--extra-data DIR` as `plan` does, and
without them too, since the saved plan holds it: by its card's title, as given, and
counted against its own days a week."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run

Cli = Callable[..., Run]
CLINIC = Path(__file__).parent / "fixtures" / "clinic" / "clinic.yaml"
ACTIVITIES = CLINIC.parent / "activities"
TITLE = "Rice bin treasure hunt"  # its name in the clinic's activities.yaml
MIA = ("--child", "Mia")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> Path:
    folder = tmp_path / "home"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("OTTOOL_HOME", str(folder))
    monkeypatch.delenv("OTTOOL_DATA_DIR", raising=False)
    run = cli("plan", "--age-months", "14", *MIA, "--born", "2025-09-20", "--clinic", CLINIC,
              "--activity", "clinic-rice-bin", "--activity", "finger-foods", "--save",
              "--format", "md")  # fmt: skip
    assert run.exit_code == 0, run.output
    return folder


def test_the_saved_plan_keeps_the_cards_title_and_days(home: Path, cli: Cli) -> None:
    run = cli("plan", "--from-plan", "1", "--format", "json", "--clinic", CLINIC)
    given = json.loads(run.stdout)["given"]["activities"]
    rice = next(a for a in given if a["id"] == "clinic-rice-bin")
    assert rice["name"] == TITLE and rice["card_days_per_week"] == 4
    shipped = next(a for a in given if a["id"] == "finger-foods")
    assert "name" not in shipped and "card_days_per_week" not in shipped


def test_log_takes_the_plans_clinic_activity_without_the_clinic(home: Path, cli: Cli) -> None:
    run = cli("log", "clinic-rice-bin", *MIA)
    assert run.exit_code == 0, run.output
    assert run.stdout.startswith(f"Logged: {TITLE} for Mia on ")
    assert "not in the current plan" not in run.stdout
    # An id neither the content nor the plan holds is still refused, with the plan's ids.
    wrong = cli("log", "clinic-rice-bni", *MIA)
    assert wrong.exit_code == 1
    assert "did you mean 'clinic-rice-bin'?" in wrong.stderr and "finger-foods" in wrong.stderr
    progress = cli("progress", *MIA)
    assert progress.exit_code == 0, progress.output
    assert TITLE in progress.stdout and "clinic-rice-bin" not in progress.stdout
    assert "4 days a week" in progress.stdout  # its own dose, not every day
    data = json.loads(cli("progress", *MIA, "--format", "json").stdout)
    kept = {p["activity"]: p["days_per_week"] for p in data["practice"]}
    assert kept["clinic-rice-bin"] == 4
    summary = cli("summary", *MIA)
    assert summary.exit_code == 0, summary.output
    assert f"- {TITLE}: practiced on 1 of" in summary.stdout
    assert "does not hold" not in summary.stderr


@pytest.mark.parametrize("option", [("--clinic", CLINIC), ("--extra-data", ACTIVITIES)])
def test_log_progress_and_summary_take_the_clinics_folder(
    home: Path, cli: Cli, option: tuple[str, Path]
) -> None:
    run = cli("log", "clinic-rice-bin", *MIA, *option)
    assert run.exit_code == 0 and TITLE in run.stdout, run.output
    assert TITLE in cli("progress", *MIA, *option).stdout
    summary = cli("summary", *MIA, *option)
    assert summary.exit_code == 0 and TITLE in summary.stdout, summary.output


def test_in_spanish_the_content_names_it_when_the_clinic_is_given(home: Path, cli: Cli) -> None:
    run = cli("log", "clinic-rice-bin", *MIA, "--clinic", CLINIC, "--lang", "es")
    assert run.exit_code == 0, run.output
    assert "Búsqueda del tesoro en arroz" in run.stdout
