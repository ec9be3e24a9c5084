"""What a Spanish-speaking parent met reading ottool in Spanish, each fixed and kept fixed."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import Run

# A 9-month-old's answers in Spanish words, with and without accents: several areas come
# out "Conviene consultar", in both columns of the PDF's status grid.
NINE_MONTHS_IN_SPANISH = """\
child:
  name: Lucía
  birth_date: 2026-02-20
date: 2026-11-29
answers:
  gm-9m-gets-to-sitting: sí
  gm-9m-sits-alone: a veces
  fm-9m-hand-to-hand: todavía no
  fm-9m-rakes-food: no sé
  sn-9m-enjoys-movement: si
  cg-9m-looks-for-dropped: todavia no
  cg-9m-bangs-together: no se
  se-9m-stranger-shy: Sí
  se-9m-facial-expressions: sí
  se-9m-reacts-when-you-leave: a veces
  se-9m-peekaboo: todavía no
  cm-9m-looks-when-named: no sé
  cm-9m-babbles: si
  cm-9m-arms-up: todavia no
  fd-9m-lumpy-foods: no se
"""


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "respuestas.yaml"
    path.write_text(NINE_MONTHS_IN_SPANISH, encoding="utf-8")
    return path


@pytest.mark.slow
def test_every_status_in_the_pdf_grid_prints_whole(
    cli: Callable[..., Run], answers: Path, tmp_path: Path
) -> None:
    result = cli("screen", "--answers", answers, "--format", "json")
    statuses = [area["status"] for area in json.loads(result.stdout)["domains"]]
    to_discuss = statuses.count("discuss")
    assert to_discuss >= 2
    plan = tmp_path / "plan.pdf"
    run = cli("screen", "--answers", answers, "--lang", "es", "--plan-output", plan)
    assert run.exit_code == 0, run.output
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(plan.read_bytes())).pages)
    # Every area to talk about says so in full (it was cut to "Para" in the left column).
    assert text.count("Conviene consultar") == to_discuss


@pytest.mark.parametrize(("key", "expected"), [("s", True), ("S", True), ("y", True), ("n", False)])
def test_a_spanish_reader_answers_yes_with_s(key: str, expected: bool) -> None:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from ottool.cli.interview import confirm
    from ottool.core import i18n

    i18n.set_language("es")
    with create_pipe_input() as keys:
        keys.send_text(key + "\r")  # a yes-or-no answer waits for Enter
        question = confirm("¿Guardar?", default=False, input=keys, output=DummyOutput())
        assert question.unsafe_ask() is expected


def test_in_english_s_is_not_yes() -> None:
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    from ottool.cli.interview import confirm

    with create_pipe_input() as keys:
        keys.send_text("s\r")  # s is ignored, Enter takes the default (no)
        question = confirm("Save?", default=False, input=keys, output=DummyOutput())
        assert question.unsafe_ask() is False


def test_an_impossible_birth_date_is_named_as_a_date_in_the_runs_language(
    cli: Callable[..., Run], answers: Path
) -> None:
    answers.write_text(NINE_MONTHS_IN_SPANISH.replace("2026-02-20", "2026-02-30"), encoding="utf-8")
    english = cli("screen", "--answers", answers)
    assert english.exit_code == 1
    assert "respuestas.yaml:3: '2026-02-30' is not a real date" in english.stderr
    spanish = cli("screen", "--answers", answers, "--lang", "es")
    assert spanish.exit_code == 1
    assert "respuestas.yaml:3: '2026-02-30' no es una fecha que exista" in spanish.stderr
    assert "year-month-day" not in spanish.stderr


def test_a_missing_answer_file_is_said_in_spanish(cli: Callable[..., Run], tmp_path: Path) -> None:
    missing = tmp_path / "no-existe.yaml"
    run = cli("screen", "--answers", missing, "--lang", "es")
    assert run.exit_code == 1
    assert "no-existe.yaml: el archivo no existe" in run.stderr
    assert "does not exist" not in run.stderr


def test_a_folder_given_as_the_answer_file_is_said_in_spanish(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    run = cli("screen", "--answers", tmp_path, "--lang", "es")
    assert run.exit_code == 1
    assert "es una carpeta, no un archivo" in run.stderr


def test_a_childs_progress_names_the_areas_in_spanish(
    cli: Callable[..., Run], answers: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTTOOL_HOME", str(tmp_path / "home"))
    assert cli("screen", "--answers", answers, "--save").exit_code == 0
    run = cli("history", "--child", "Lucía", "--lang", "es")
    assert run.exit_code == 0, run.output
    assert "Manos y dedos" in run.stdout
    assert "Hands and fingers" not in run.stdout


def test_the_milestone_and_activity_lists_are_headed_in_spanish(cli: Callable[..., Run]) -> None:
    milestones = cli("milestones", "--months", "9", "--lang", "es")
    assert milestones.exit_code == 0, milestones.output
    for said in ("Edad", "Área", "Indicador del", "9 meses", "indicadores del desarrollo."):
        assert said in milestones.stdout
    for english in ("Age", "Milestone", "9 mo ", "milestones.", "Sources:"):
        assert english not in milestones.stdout
    activities = cli("activities", "--age", "9", "--lang", "es")
    assert activities.exit_code == 0, activities.output
    for said in ("Actividad", "Edades", "Áreas", "Cuánto", "meses", "actividades."):
        assert said in activities.stdout
    for english in ("Activity", "Ages", "Dose", " mo ", "activities."):
        assert english not in activities.stdout
    nothing = cli("activities", "--search", "zzzz", "--lang", "es")
    assert "Ninguna actividad coincide." in nothing.stdout
