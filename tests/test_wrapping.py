"""Terminal text that wraps well: the questionnaire in a real terminal (tmux) at 60 and
100 columns, the prompts broken at spaces, boxes whose titles do not fit."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text

from ottool.cli.interview import fit

FIXTURE = Path(__file__).parent / "fixtures" / "content"
SPANISH_WELCOME = (
    "Unas preguntas cortas sobre lo que su hijo hace ahora: de 5 a 10 minutos. Al final "
    "recibirá un resumen y algunas actividades cotidianas para hacer en casa.",
    "Este es un control de los indicadores del desarrollo, no un diagnóstico ni una "
    "prueba de detección validada.",
    'Use las flechas (o los números) y Enter. Elija "Volver" para cambiar su respuesta anterior.',
)
ENGLISH_WELCOME = (
    "A few short questions about what your child does now: about 5 to 10 minutes. At the "
    "end you get a summary and some everyday activities to try at home.",
    "It helps you decide whether to talk to your child's doctor or an occupational therapist.",
)


# --- fit: the questions broken at spaces ---------------------------------------------


@pytest.mark.parametrize("width", [40, 60, 80, 100, 160])
def test_a_question_is_broken_at_spaces_within_the_width(width: int) -> None:
    question = (
        "¿Guardar estos resultados en esta computadora para compararlos la próxima vez? "
        "(solo usted los ve)"
    )
    lines = fit(question, width, indent=2).split("\n")
    assert all(len(line) + 2 <= max(width, 32) for line in lines)
    assert " ".join(line.strip() for line in lines) == question


def test_what_follows_a_question_starts_a_line_when_the_last_line_is_full() -> None:
    question = "Nombre del archivo (.html, .pdf, .md o .txt; vacío para omitirlo):"
    text = fit(question, 60, indent=2, reserve=len("plan-sam-2026-05-15.html"))
    assert text.endswith("omitirlo):")  # room left on the last line
    text = fit(
        question, 60, indent=2, reserve=len("/home/ana/Documentos/planes/plan-sam-2026-05-15.html")
    )
    assert text.endswith("omitirlo):\n  ")
    assert fit("Short?", 60, reserve=10) == "Short?"


def test_a_file_name_is_never_broken_at_its_hyphens() -> None:
    text = fit("Write plan-for-a-child-with-a-long-name-2026-05-15.html now", 30)
    assert "plan-for-a-child-with-a-long-name-2026-05-15.html" in text.split("\n")[1]


# --- boxes: a title that does not fit on the border goes inside -----------------------


def test_a_box_title_too_long_for_the_border_is_the_first_line_instead() -> None:
    from ottool.render.terminal import _box

    console = Console(width=60, record=True, color_system=None, file=io.StringIO())
    title = Text("Hable con el médico de su hijo o con un terapeuta ocupacional, hoy")
    console.print(_box(Text("Cuerpo."), title, console.width))
    shown = console.export_text()
    assert "…" not in shown
    assert "ocupacional," in shown and "hoy" in shown
    short = Console(width=60, record=True, color_system=None, file=io.StringIO())
    short.print(_box(Text("Cuerpo."), Text("✓ Va bien"), short.width))
    assert short.export_text().splitlines()[0].startswith("╭─ ✓ Va bien ─")


# --- the questionnaire in a real terminal ----------------------------------------------


def _tmux(*args: str) -> str:
    done = subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=20)
    return done.stdout


def _screen_until(session: str, wanted: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    shown = ""
    while time.monotonic() < deadline:
        shown = _tmux("capture-pane", "-t", session, "-p", "-S", "-200")
        if wanted in shown:
            return shown
        time.sleep(0.3)
    raise AssertionError(f"{wanted!r} never appeared; the screen was:\n{shown}")


def _joined(screen: str) -> str:
    """The screen's words as one line: a word split at the edge would show as two."""
    return " ".join(screen.split())


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux for a real terminal")
@pytest.mark.parametrize("width", [60, 100])
@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_questionnaire_wraps_to_the_terminal_in_a_real_terminal(
    width: int, lang: str, tmp_path: Path
) -> None:
    session = f"ottool-{uuid.uuid4().hex[:8]}"
    env = (
        f"OTTOOL_HOME={tmp_path} NO_COLOR=1 PROMPT_TOOLKIT_NO_CPR=1 "
        f"PYTHONPATH={os.environ.get('PYTHONPATH', '')}"
    )
    run = f"{sys.executable} -m ottool screen --lang {lang} --data-dir {FIXTURE}"
    command = f"env -u COLUMNS -u LINES {env} {run}; sleep 30"
    _tmux("new-session", "-d", "-s", session, "-x", str(width), "-y", "60", command)
    try:
        first = "Nombre de su hijo" if lang == "es" else "first name"
        welcome = _screen_until(session, first)
        for sentence in SPANISH_WELCOME if lang == "es" else ENGLISH_WELCOME:
            assert sentence in _joined(welcome)
        _tmux("send-keys", "-t", session, "Enter")  # no name
        _tmux("send-keys", "-t", session, "2026-01-01", "Enter")
        early = "antes de tiempo" if lang == "es" else "born early"
        shown = _screen_until(session, "(s = sí" if lang == "es" else "(y/N)")
        assert early in shown
        if lang == "es":
            # A skipped name never leaves a lower-case "¿su hijo…" at the start.
            assert "¿Su hijo nació antes de tiempo (antes de las 37 semanas de embarazo)?" in (
                _joined(shown)
            )
            assert "¿su hijo" not in shown
        else:
            assert "Was your child born early (before 37 weeks of pregnancy)?" in _joined(shown)
        assert all(len(line.rstrip()) <= width for line in shown.splitlines())
    finally:
        _tmux("kill-session", "-t", session)
