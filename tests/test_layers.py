"""The layers' import directions (docs/architecture.md, "Layers") hold.

`lint-imports` reads the contracts in pyproject.toml; .ci/run runs it too, but a wrong
import should fail the tests a contributor runs, not only CI.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_the_layer_contracts_are_kept() -> None:
    lint_imports = shutil.which("lint-imports")
    assert lint_imports, "import-linter is a test dependency (pyproject.toml)"
    run = subprocess.run(
        [lint_imports, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


def test_each_layer_is_a_folder_and_no_rule_module_sits_at_the_top() -> None:
    package = ROOT / "src" / "ottool"
    for layer in ("core", "documents", "storage", "render", "session", "cli"):
        assert (package / layer / "__init__.py").is_file(), layer
    top = sorted(p.name for p in package.glob("*.py"))
    assert set(top) <= {"__init__.py", "__main__.py"}, top
