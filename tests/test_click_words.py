"""Typer's and Click's own words follow --lang es: help, usage lines and usage errors."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from ottool.cli import app
from ottool.cli.click_words import translated_usage_error
from ottool.core.i18n import set_language


def command_paths(command: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        found += command_paths(sub, (*path, name))
    return found


#: The app's Click command, built once (collection asks about each command's options).
COMMAND_LINE = get_command(app)
PATHS = command_paths(COMMAND_LINE)

#: English that Click or Typer would print if a word slipped through the catalog.
ENGLISH = (
    "Usage",
    "Options",
    "Commands",
    "Arguments",
    "Show this message",
    "[default",
    "[required",
    "env var",
    "Try ",
    "for help",
    "Invalid value",
    "No such",
    "Possible options",
    "Missing",
    "Did you mean",
    "does not take",
    "requires",
    "Error:",
)


def spanish(*args: str) -> tuple[int, str]:
    """Run ``ottool --lang es ARGS`` as a user does: the language is chosen before the
    command line is built, so command help texts are in it too."""
    run = subprocess.run(
        [sys.executable, "-m", "ottool", "--lang", "es", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "100", "NO_COLOR": "1"},
        timeout=60,
    )
    return run.returncode, run.stdout + run.stderr


#: Words of an English sentence that Spanish never uses; option names (--from), code in
#: backticks and placeholders (FILE, NUMBER) are taken out before looking for them.
ENGLISH_WORDS = re.compile(
    r"\b(the|and|with|this|your|for|from|when|which|is|are|not|of|to|an|it|be)\b", re.I
)
NOT_PROSE = re.compile(r"`[^`]*`|--?[\w-]+|\b[A-Z][A-Z_|]+\b|'[^']*'|\S+\.(yaml|json|pdf)")


def assert_no_english(text: str, where: str) -> None:
    found = [word for word in ENGLISH if word in text]
    assert not found, f"{found} in `{where}`:\n{text}"
    prose = NOT_PROSE.sub(" ", text)
    words = sorted({m.group(0) for m in ENGLISH_WORDS.finditer(prose)})
    assert not words, f"English words {words} in `{where}`:\n{text}"


#: Every command a user can run, the follow-through ones included: the help and the
#: usage errors of each are checked below (a new command joins PATHS by itself).
def test_every_command_is_checked_in_spanish() -> None:
    top = {path[0] for path in PATHS if path}
    assert {
        "screen", "plan", "checklist", "history", "milestones", "activities", "validate",
        "schema", "fhir", "next", "log", "progress", "summary",
    } <= top, top  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "ottool")
def test_every_commands_help_is_spanish(path: tuple[str, ...]) -> None:
    code, text = spanish(*path, "--help")
    assert code == 0, text
    assert "Uso: python -m ottool" in text and "Muestra este mensaje y termina." in text
    assert_no_english(text, " ".join((*path, "--help")))


@pytest.mark.slow
@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "ottool")
def test_an_unknown_option_is_a_spanish_usage_error(path: tuple[str, ...]) -> None:
    code, text = spanish(*path, "--no-such-option")
    assert code == 2, text
    assert "No existe la opción --no-such-option" in text
    assert "Para ver la ayuda, escriba" in text
    assert_no_english(text, " ".join((*path, "--no-such-option")))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["plan", "--weeks", "99"], "Valor no válido para '--weeks': 99 no está entre 1 y 12"),
        (["plann"], "No existe el comando 'plann'. ¿Quiso decir 'plan'?"),
        (["history", "show"], "Falta el argumento 'NUMBER'."),
        (["screen", "--answers"], "La opción '--answers' necesita un valor."),
        (["validate", "extra"], "Sobran argumentos (extra)"),
    ],
)
def test_usage_errors_are_whole_spanish_sentences(args: list[str], said: str) -> None:
    code, text = spanish(*args)
    assert code == 2, text
    assert said in " ".join(text.replace("│", " ").split())
    assert_no_english(text, " ".join(args))


def test_usage_errors_stay_english_in_english() -> None:
    run = CliRunner().invoke(app, ["--lang", "en", "plan", "--weeks", "99"])
    assert run.exit_code == 2
    assert "Invalid value for '--weeks'" in run.output and "Usage:" in run.output


def test_a_shape_click_never_wrote_is_left_as_it_is() -> None:
    set_language("es")
    try:
        assert translated_usage_error("something new") == "something new"
        assert translated_usage_error("No such option: -x") == "No existe la opción -x"
    finally:
        set_language("en")


def test_h_is_help_everywhere() -> None:
    for path in PATHS:
        run = CliRunner().invoke(app, [*path, "-h"])
        assert run.exit_code == 0 and "Usage:" in run.stdout, path


def _takes(path: tuple[str, ...], option: str) -> bool:
    command: Any = COMMAND_LINE
    for name in path:
        command = command.commands[name]
    return any(option in getattr(p, "opts", ()) for p in command.params)


@pytest.mark.slow
@pytest.mark.parametrize(
    "path", [p for p in PATHS if p and _takes(p, "--format")], ids=lambda p: " ".join(p)
)
def test_a_wrong_or_missing_value_is_a_spanish_usage_error(path: tuple[str, ...]) -> None:
    code, text = spanish(*path, "--format", "docx")
    assert code == 2, text
    assert "Valor no válido para '--format'" in " ".join(text.replace("│", " ").split())
    assert_no_english(text, " ".join((*path, "--format", "docx")))
    code, text = spanish(*path, "--format")
    assert code == 2, text
    assert_no_english(text, " ".join((*path, "--format")))
