"""Reading a text file a user names: whole, bounded and decoded, with one clear problem
for a missing, huge, binary or non-UTF-8 file, and a named pipe with no writer read as
empty instead of waited for."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

from ottool.core.errors import InputError, Problem
from ottool.core.i18n import _

#: Files larger than this are refused before parsing (bytes).
MAX_FILE_BYTES = 64 * 1024 * 1024


def _first_bytes(fd: int, size: int) -> bytes | None:
    """The first bytes of a FIFO opened without waiting; None when a writer is there but
    has not written yet; ``b""`` when no program opens it for writing within
    FIFO_WRITER_WAIT seconds (a writer that was waiting in open() needs a moment)."""
    import time

    deadline = time.monotonic() + FIFO_WRITER_WAIT
    while True:
        try:
            head = os.read(fd, size)
        except BlockingIOError:
            return None
        if head or time.monotonic() > deadline:
            return head
        time.sleep(0.01)


#: How long a FIFO with no writer is given for one to appear, in seconds.
FIFO_WRITER_WAIT = 0.5


def read_text(path: Path, *, name: str | None = None, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file, with clear errors for missing, huge or binary files.

    At most ``max_bytes`` + 1 bytes are read, whatever the file is: a pipe or a device
    such as /dev/zero reports no size, so its size is found by reading, never trusted.
    """
    shown = name or str(path)
    try:
        size, raw = _read_bytes(path, max_bytes)
        if size > max_bytes or len(raw) > max_bytes:
            raise InputError(
                [
                    Problem(
                        shown,
                        None,
                        _("the file is too large; the limit is {limit} bytes").format(
                            limit=f"{max_bytes:,}"
                        ),
                    )
                ]
            )
    except FileNotFoundError:
        raise InputError([Problem(shown, None, _("the file does not exist"))]) from None
    except IsADirectoryError:
        raise InputError([Problem(shown, None, _("this is a folder, not a file"))]) from None
    except PermissionError:
        raise InputError(
            [Problem(shown, None, _("the file cannot be read (permission denied)"))]
        ) from None
    except OSError as exc:
        raise InputError(
            [
                Problem(
                    shown, None, _("the file cannot be read ({reason})").format(reason=exc.strerror)
                )
            ]
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            said = _("the file is saved as UTF-16 text; save it again as UTF-8")
            raise InputError([Problem(shown, 1, said)]) from None
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError([Problem(shown, line, _("the file is not UTF-8 text"))]) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError([Problem(shown, line, "the file holds binary data, not YAML text")])
    return text


def _read_bytes(path: Path, max_bytes: int) -> tuple[int, bytes]:
    """The size the system reports (0 for pipes and devices) and up to ``max_bytes`` + 1
    bytes; a named pipe that nothing writes into reads as empty instead of being waited for.

    Opening a FIFO waits until a program opens it for writing, which may be never: it is
    opened without waiting, and when no writer comes it reads as empty (the caller then
    says the file is empty), as a pipe read a second time does. A pipe with a writer
    (``--answers <(...)``) is read as usual.
    """
    try:
        is_fifo = stat.S_ISFIFO(os.stat(path).st_mode)
    except (OSError, ValueError):
        is_fifo = False  # open() says what is wrong
    if not is_fifo:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            return size, b"" if size > max_bytes else handle.read(max_bytes + 1)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb", buffering=0) as pipe:
        head = _first_bytes(fd, max_bytes + 1)
        if head == b"":
            return 0, b""  # no writer: read as empty, as a pipe already read to its end is
        os.set_blocking(fd, True)
        head = head or b""
        rest = bytearray(head)
        while len(rest) <= max_bytes:
            chunk = pipe.read(max_bytes + 1 - len(rest))
            if not chunk:
                break
            rest += chunk
        return 0, bytes(rest)
