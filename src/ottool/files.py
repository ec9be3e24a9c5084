"""Writing files safely: whole or not at all, and private when they hold a family's data."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ottool.errors import InputError, os_reason


def write_atomic(path: Path, data: str | bytes, *, private: bool = False) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``.

    A crash or a full disk never leaves a half-written file over a good one.
    ``private`` makes the file readable by its owner only (0600).
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError as exc:
        if not folder.exists():
            raise InputError(f"cannot write {path}: the folder {folder} does not exist") from None
        # The folder is there but refuses new files (/proc does): say what the system said.
        raise InputError(
            f"cannot write {path}: the system refuses new files in {folder} ({os_reason(exc)})"
        ) from None
    except OSError as exc:  # permission denied, read-only file system, not a directory, ...
        raise InputError(f"cannot write {path}: {os_reason(exc)}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        if not private:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write {path}: {os_reason(exc)}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
