"""Paths in messages read as the user would type them (issue 22, item 11)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURE_DIR, Run


@pytest.fixture
def broken_content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(FIXTURE_DIR, folder)
    text = (folder / "milestones.yaml").read_text("utf-8")
    (folder / "milestones.yaml").write_text(text.replace("months: 2\n", "months: two\n", 1))
    return folder


def test_from_the_root_folder_an_absolute_path_keeps_its_slash(
    cli: Callable[..., Run], broken_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir("/")
    run = cli("validate", "--data-dir", broken_content)
    assert run.exit_code == 1
    assert run.stderr.startswith(f"{broken_content.resolve()}/milestones.yaml:"), run.stderr


def test_inside_the_working_folder_a_path_is_short(
    cli: Callable[..., Run], broken_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(broken_content.parent)
    run = cli("validate", "--data-dir", broken_content)
    assert run.exit_code == 1
    assert run.stderr.startswith(f"content{os.sep}milestones.yaml:"), run.stderr
