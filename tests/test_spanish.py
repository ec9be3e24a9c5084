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
