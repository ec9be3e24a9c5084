"""The developer's quick loop (`pytest -m "not slow"`) and the whole suite's coverage floor."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _pytest(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COV_", "PYTEST_"))}
    # Its own coverage data file: the run around it (xdist workers) writes coverage data
    # in the same folder, and combining theirs would lift this run over the floor.
    env["COVERAGE_FILE"] = os.path.join(tempfile.mkdtemp(), ".coverage")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_age.py", "-p", "no:cacheprovider", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@pytest.mark.slow
def test_a_narrowed_run_skips_coverage_and_its_floor() -> None:
    # test_age.py alone covers a fraction of the core: with coverage it would fail the floor.
    run = _pytest("-m", "not slow")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "coverage" not in run.stdout.lower()


@pytest.mark.slow
def test_a_narrowed_run_with_a_cov_option_still_holds_the_floor() -> None:
    run = _pytest("-m", "not slow", "--cov-report=term")
    assert run.returncode != 0
    assert "Required test coverage of 90% not reached" in run.stdout
