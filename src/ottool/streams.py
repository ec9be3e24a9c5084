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

from ottool.printable import printable


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
            return (
                f"ottool: the argument '{shown}' is not valid UTF-8 text; type names, notes "
                "and file names in UTF-8 (a file whose name is not UTF-8 needs renaming)"
            )
    return None
