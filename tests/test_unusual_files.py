"""Files of unusual kinds given to ottool: named pipes, UTF-16 text."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run

ANSWERS = Path(__file__).parent / "fixtures" / "answers" / "first-birthday-12-months.yaml"

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("OTTOOL_HOME", str(folder))
    return folder


@needs_fifo
def test_a_named_pipe_nothing_writes_into_reads_as_empty_not_waited_for(
    tmp_path: Path, cli: Callable[..., Run], home: Path
) -> None:
    pipe = tmp_path / "answers.yaml"
    os.mkfifo(pipe)
    run = cli("screen", "--answers", pipe, "--format", "json")
    assert run.exit_code == 1, run.output
    assert run.stderr.startswith(f"{pipe}:1: an answer file is a mapping"), run.stderr


@needs_fifo
def test_a_named_pipe_with_a_writer_is_read_whole(
    tmp_path: Path, cli: Callable[..., Run], home: Path
) -> None:
    pipe = tmp_path / "answers.yaml"
    os.mkfifo(pipe)
    text = ANSWERS.read_bytes()

    def write() -> None:
        with open(pipe, "wb", buffering=0) as out:  # waits for ottool to open it
            out.write(text[:100])
            threading.Event().wait(0.2)  # the rest comes later, as from a slow program
            out.write(text[100:])

    writer = threading.Thread(target=write)
    writer.start()
    run = cli("screen", "--answers", pipe, "--format", "json")
    writer.join(5)
    assert run.exit_code == 0, run.output
    assert "Leo" in run.stdout
    assert '"name": "Leo"' in run.stdout


@needs_fifo
def test_a_content_file_that_is_a_named_pipe_is_one_clear_line(
    content_copy: Path, cli: Callable[..., Run]
) -> None:
    (content_copy / "activities.yaml").unlink()
    os.mkfifo(content_copy / "activities.yaml")
    run = cli("validate", "--data-dir", content_copy)
    assert run.exit_code == 1, run.output
    assert "activities.yaml:1: the file is empty" in run.stderr


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_answers_are_named_as_utf16(
    tmp_path: Path, cli: Callable[..., Run], encoding: str
) -> None:
    answers = tmp_path / "answers.yaml"
    raw = ANSWERS.read_text("utf-8").encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw
    answers.write_bytes(raw)
    run = cli("screen", "--answers", answers)
    assert run.exit_code == 1, run.output
    assert "answers.yaml:1: the file is saved as UTF-16 text; save it again as UTF-8" in (
        run.stderr
    )
