"""The core imports neither the CLI nor the heavy output libraries (docs/design.md §6)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

CORE = [
    "ottool.core.content",
    "ottool.core.age",
    "ottool.core.next_check",
    "ottool.core.screening",
    "ottool.core.activity_choice",
    "ottool.storage.answerfile",
    "ottool.storage.result_json",
    "ottool.documents.plan_document",
    "ottool.storage.fhir",
]
FORBIDDEN = ["typer", "rich", "questionary", "jinja2", "fpdf", "click"]


def _loaded_after_importing(modules: list[str]) -> list[str]:
    code = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return json.loads(out.stdout)


def _top(names: list[str]) -> set[str]:
    return {n.split(".")[0] for n in names}


def test_core_imports_no_ui_or_output_libraries() -> None:
    loaded = _top(_loaded_after_importing(CORE))
    assert "ottool" in loaded  # the check itself works
    assert not loaded & set(FORBIDDEN), sorted(loaded & set(FORBIDDEN))


@pytest.mark.slow
@pytest.mark.parametrize("module", CORE)
def test_each_core_module_alone(module: str) -> None:
    loaded = _top(_loaded_after_importing([module]))
    assert not loaded & set(FORBIDDEN)


def test_the_check_would_notice_a_forbidden_import() -> None:
    loaded = _top(_loaded_after_importing(["ottool.cli"]))
    assert "typer" in loaded
