"""The whole product in Spanish (issue 13): results, plans in every format, the language
from the environment, and Spanish answer words in English mode."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURE_DIR, Run

ANSWERS = Path(__file__).parent / "fixtures" / "answers" / "mia-4-months.yaml"
SPANISH_CONTENT = FIXTURE_DIR.parent / "content-es"


def spanish_words(tmp_path: Path, *, accents: bool) -> Path:
    """Mia's answers written with Spanish answer words."""
    words = (
        {"yes": "sí", "not yet": "todavía no", "sometimes": "a veces"}
        if accents
        else {"yes": "si", "not yet": "todavia no", "sometimes": "A veces"}
    )
    lines = []
    for line in ANSWERS.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition(": ")
        if key.startswith("  ") and value in words and not key.strip().startswith("birth"):
            line = f"{key}: {words[value]}"
        lines.append(line)
    path = tmp_path / ("con-acentos.yaml" if accents else "sin-acentos.yaml")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("accents", [True, False])
def test_spanish_answer_words_give_the_same_result_in_english_mode(
    cli: Callable[..., Run], tmp_path: Path, accents: bool
) -> None:
    english = cli("screen", "--answers", ANSWERS, "--format", "json", "--data-dir", FIXTURE_DIR)
    path = spanish_words(tmp_path, accents=accents)
    assert "todavía no" in path.read_text() or "todavia no" in path.read_text()
    spanish = cli("screen", "--answers", path, "--format", "json", "--data-dir", FIXTURE_DIR)
    assert english.exit_code == spanish.exit_code == 0, spanish.output
    assert json.loads(spanish.stdout) == json.loads(english.stdout)
    text = cli("screen", "--answers", path, "--data-dir", FIXTURE_DIR)
    assert "Results for Mia" in text.stdout  # the interface stays English


def test_screen_results_in_spanish(cli: Callable[..., Run]) -> None:
    run = cli("screen", "--answers", ANSWERS, "--lang", "es", "--data-dir", SPANISH_CONTENT)
    assert run.exit_code == 0, run.output
    for words in (
        "Resultados de Mia",
        "Edad considerada: 4 meses y 1 semana",
        "Movimiento (músculos grandes)",
        "1 sí, 1 todavía no",
        "Tiempo boca abajo",
        "Cuándo llamar",
        "No es un",
    ):
        assert words in run.stdout, words
    assert "Results for" not in run.stdout


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.mark.parametrize("suffix", ["md", "html", "pdf"])
def test_plans_in_spanish_in_every_format(
    cli: Callable[..., Run], tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"plan.{suffix}"
    run = cli(
        "screen", "--answers", ANSWERS, "--lang", "es", "--data-dir", SPANISH_CONTENT,
        "--format", "json", "--plan-output", path,
    )  # fmt: skip
    assert run.exit_code == 0, run.output
    assert f"Plan guardado en {path}" in run.stderr
    text = pdf_text(path) if suffix == "pdf" else path.read_text(encoding="utf-8")
    assert "Plan de actividades en casa para Mia" in text
    assert "20 de mayo de 2026" in text  # the screening date as Spanish readers write it
    assert "Tiempo boca abajo" in text
    assert "médico de su hijo" in text  # accents survive every format
    assert "May 20" not in text and "Activities" not in text
    if suffix == "html":
        assert '<html lang="es">' in text
    if suffix == "pdf":
        from pypdf import PdfReader

        assert PdfReader(path).trailer["/Root"]["/Lang"] == "es"


@pytest.mark.slow
def test_the_locale_alone_gives_spanish(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    env |= {"LANG": "es_MX.UTF-8", "OTTOOL_HOME": str(tmp_path)}
    argv = [sys.executable, "-m", "ottool", "screen", "--answers", str(ANSWERS)]
    done = subprocess.run(
        [*argv, "--data-dir", str(SPANISH_CONTENT)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "Resultados de Mia" in done.stdout
    english = subprocess.run(
        [*argv, "--data-dir", str(SPANISH_CONTENT), "--lang", "en"],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert "Results for Mia" in english.stdout


def test_plan_from_a_result_says_where_it_wrote_in_spanish(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    result = tmp_path / "result.json"
    cli("screen", "--answers", ANSWERS, "--format", "json", "--output", result,
        "--data-dir", SPANISH_CONTENT)  # fmt: skip
    plan = tmp_path / "plan.md"
    run = cli("plan", "--from", result, "--output", plan, "--lang", "es",
              "--data-dir", SPANISH_CONTENT)  # fmt: skip
    assert run.exit_code == 0, run.output
    assert f"Plan guardado en {plan}" in run.stderr
    assert "20 de mayo de 2026" in plan.read_text(encoding="utf-8")
