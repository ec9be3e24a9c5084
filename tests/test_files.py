"""Output files are written whole or not at all (plans, exports, results, drafts)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ottool.errors import InputError
from ottool.files import write_atomic


def test_a_new_file_is_written_and_private_when_asked(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    write_atomic(target, "# Plan\n", private=True)
    assert target.read_text() == "# Plan\n"
    assert target.stat().st_mode & 0o777 == 0o600


def test_an_existing_file_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_text("old plan, longer than the new one\n")
    write_atomic(target, b"new\n")
    assert target.read_bytes() == b"new\n"
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


@pytest.mark.parametrize("crash", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_a_crash_while_writing_leaves_the_old_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, crash: BaseException
) -> None:
    target = tmp_path / "export.jsonl"
    target.write_text("the good old export\n")

    def fail_midway(fd: int) -> None:
        raise crash

    monkeypatch.setattr(os, "fsync", fail_midway)
    expected = InputError if isinstance(crash, OSError) else KeyboardInterrupt
    with pytest.raises(expected) as caught:
        write_atomic(target, "half a new export")
    if isinstance(crash, OSError):
        assert "no space left on device" in str(caught.value)
    assert target.read_text() == "the good old export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["export.jsonl"]  # no temporary file left


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    target = tmp_path / "missing" / "plan.pdf"
    with pytest.raises(InputError, match="does not exist"):
        write_atomic(target, b"%PDF")
