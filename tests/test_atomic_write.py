"""Output files are written whole or not at all (plans, exports, results, drafts)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from ottool.core.errors import InputError
from ottool.storage.atomic_write import write_atomic, write_output


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


# --------------------------------------------------------------------------- what is at the path


def test_a_symlink_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text("old\n")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    write_atomic(link, "new\n")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "new\n"


def test_a_dangling_symlink_creates_the_file_it_names(tmp_path: Path) -> None:
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "new.md")
    write_atomic(link, "plan\n")
    assert link.is_symlink() and (tmp_path / "new.md").read_text() == "plan\n"


def test_a_hard_linked_file_is_written_in_place_so_every_name_sees_it(tmp_path: Path) -> None:
    first = tmp_path / "a.md"
    first.write_text("an old and much longer plan\n")
    second = tmp_path / "b.md"
    os.link(first, second)
    write_atomic(first, "new\n", private=True)
    assert second.read_text() == "new\n"
    assert first.stat().st_ino == second.stat().st_ino and first.stat().st_nlink == 2
    assert first.stat().st_mode & 0o777 == 0o600


def test_a_hard_linked_file_on_a_full_disk_keeps_its_old_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = tmp_path / "a.md"
    first.write_text("the good old plan\n")
    os.link(first, tmp_path / "b.md")

    def no_space(fd: int, offset: int, size: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "posix_fallocate", no_space)
    with pytest.raises(InputError, match="no space left"):
        write_atomic(first, "a new plan that does not fit\n")
    assert (tmp_path / "b.md").read_text() == "the good old plan\n"


def test_a_fifo_is_written_into_not_replaced(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, "through the pipe\n")
    reader.join(timeout=10)
    assert received == [b"through the pipe\n"]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_character_device_is_written_into_not_replaced(tmp_path: Path) -> None:
    from test_faults import null_device

    device = null_device(tmp_path)
    before = device.stat()
    write_atomic(device, "discarded\n")
    after = device.stat()
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_a_read_only_file_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_text("keep me\n")
    target.chmod(0o444)
    with pytest.raises(InputError, match="read-only"):
        write_atomic(target, "new\n")
    assert target.read_text() == "keep me\n"


@pytest.mark.parametrize("name", ["", "."])
def test_an_empty_name_or_a_folder_is_a_clear_error(name: str, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file name"):
        write_atomic(Path(name), "x")
    with pytest.raises(InputError, match="folder"):
        write_atomic(tmp_path, "x")


def test_the_longest_legal_file_name_can_be_written(tmp_path: Path) -> None:
    target = tmp_path / ("é" * 125 + ".md")  # 253 bytes in UTF-8
    write_atomic(target, "plan\n")
    assert target.read_text() == "plan\n"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_output_dash_is_standard_output(
    capfd: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_output(Path("-"), "to stdout\n")
    assert capfd.readouterr().out == "to stdout\n"
    assert not Path("-").exists()


def test_an_output_never_replaces_ottools_own_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTTOOL_HOME", str(tmp_path))
    for name in ("history.sqlite3", "history.sqlite3-wal", "history.sqlite3-shm", "draft.json"):
        own = tmp_path / name
        own.write_text("precious")
        with pytest.raises(InputError, match="ottool's own"):
            write_output(own, "an export")
        assert own.read_text() == "precious"
