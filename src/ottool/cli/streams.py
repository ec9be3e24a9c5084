"""The process around a command: output streams, terminal width and arguments.

Set up once in ``main`` before any command runs, so that an unusual environment
(``PYTHONIOENCODING=ascii``, ``COLUMNS=0``, a name typed in another encoding)
gives readable output or one clear message, never a crash or an empty screen.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence

from ottool.core.i18n import _
from ottool.core.printable import printable


def guard_standard_streams() -> str | None:
    """Keep file descriptors 0, 1 and 2 open, and say so when standard output is closed.

    A shell's ``>&-`` or ``<&-`` starts ottool with a descriptor closed: Python then has
    no ``sys.stdout`` (or ``sys.stdin``), and the next file ottool opens (the history!)
    would take that number, so that printing would write into it. Each closed one is
    given ``/dev/null`` at once. A closed standard input then reads as empty (commands
    that need an answer say there is no terminal to ask); a closed standard output is
    the message returned, as nothing ottool prints could be seen.
    """
    closed = [fd for fd in (0, 1, 2) if not _is_open(fd)]
    for fd in closed:
        null = os.open(os.devnull, os.O_RDWR)
        if null != fd:
            os.dup2(null, fd)
            os.close(null)
    if 0 in closed or sys.stdin is None:
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 - for the run
    if 2 in closed or sys.stderr is None:
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    if 1 in closed or sys.stdout is None:
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        return _(
            "ottool: standard output is closed, so nothing ottool says could be seen; "
            "nothing was done. Run it without '>&-' (or send the output to /dev/null)"
        )
    return None


def _is_open(fd: int) -> bool:
    try:
        os.fstat(fd)
    except OSError:
        return False
    return True


def prepare_streams() -> None:
    """Print what the output's encoding can hold and a '?' for the rest, never crash."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def drop_unusable_width() -> None:
    """Forget a ``COLUMNS`` that holds no usable width (``0``): Rich would print nothing."""
    columns = os.environ.get("COLUMNS")
    if columns is not None and not (columns.isdigit() and int(columns) > 0):
        del os.environ["COLUMNS"]


def undecodable_argument(argv: Sequence[str]) -> str | None:
    """A message for the first argument that is not valid UTF-8, or None when all are."""
    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            # Python keeps bytes it cannot decode as lone surrogates; show them as '?'.
            shown = printable(arg.encode("utf-8", errors="replace").decode("utf-8"))
            return _(
                "ottool: the argument '{argument}' is not valid UTF-8 text; type names, notes "
                "and file names in UTF-8 (a file whose name is not UTF-8 needs renaming)"
            ).format(argument=shown)
    return None
