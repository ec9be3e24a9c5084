"""Writing files safely: whole or not at all, and private when they hold a family's data.

What :func:`write_atomic` does with what it finds at the path:

- nothing, or a regular file: the data goes to a temporary file beside it, which is then
  renamed over it, so a crash or a full disk never leaves a half-written file;
- a symbolic link: the file it points to is written (the link stays a link);
- a regular file with other hard links: it is written in place, so every name keeps
  seeing the same file. The space is reserved first, so a full disk changes nothing;
- a FIFO or a character device (``/dev/null``, ``/dev/stdout``, a terminal): the data
  is written straight into it, as a shell's ``>`` would; it is never replaced by a file;
- a folder, a block device or a socket: refused;
- a read-only file: refused, it is left as it is.

:func:`write_output` is the one writer of every output a user names (``--output``,
``--plan-output``, ``fhir questionnaire --output``, ``history export``, the questionnaire's
file-name offer). One rule for all of them:

- ``-`` means standard output;
- ottool's own files (the history and its ``-wal``/``-shm``/``-journal``, the draft) are
  never written, even with ``force``: they are recognised by device and inode, so a hard
  link or a symbolic link under another name is refused as well;
- an existing file is never replaced unless ``force`` is given (:class:`OutputExists`);
  a FIFO or a device (``/dev/null``) is not "an existing file": it is written into;
- a name ending in ``/`` names a folder, not a file.

:func:`check_output` makes the same checks without writing, so a command can refuse
before any work (before the questions, before scoring).
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

from ottool.core.errors import InputError, os_reason
from ottool.core.i18n import _

#: The longest file name most file systems allow (bytes); temporary names stay within it.
NAME_MAX = 255
#: What mkstemp adds around the prefix: 8 random characters and the ".tmp" suffix.
_TMP_EXTRA = 8 + len(".tmp")


class _NamedPath(type(Path())):  # type: ignore[misc]
    """A Path that can remember that its name was typed with a trailing ``/``."""


def path_as_typed(text: str) -> Path:
    """``Path(text)``, remembering a trailing ``/`` (which ``Path`` drops): ``newdir/``
    names a folder, and an output must not quietly become a file called ``newdir``."""
    if len(text) > 1 and text.endswith(("/", os.sep)):
        path = _NamedPath(text)
        path.names_folder = True
        return path
    return Path(text)


def is_stdout(path: Path | None) -> bool:
    """True when an ``--output`` path is ``-``, the usual name for standard output."""
    return path is not None and str(path) == "-"


class OutputExists(InputError):
    """The output names an existing file and replacing it was not asked for (``--force``)."""

    def __init__(self, path: Path) -> None:
        from ottool.core.printable import printable

        message = _("{file} already exists; nothing was written. Add --force to replace it")
        super().__init__(message.format(file=printable(str(path))))
        self.path = path


def write_output(
    path: Path, data: str | bytes, *, private: bool = False, force: bool = False
) -> None:
    """Write a user's output (see the module's docstring): ``-`` is standard output,
    anything else is checked by :func:`check_output` and written by :func:`write_atomic`."""
    if is_stdout(path):
        raw = data.encode("utf-8") if isinstance(data, str) else data
        sys.stdout.flush()
        sys.stdout.buffer.write(raw)
        sys.stdout.buffer.flush()
        return
    check_output(path, force=force)
    write_atomic(path, data, private=private)


def check_output(path: Path, *, force: bool = False) -> None:
    """InputError unless ``path`` can take an output: not one of ottool's own files, not a
    folder, and not an existing file unless ``force`` (then :class:`OutputExists`)."""
    if is_stdout(path):
        return
    refuse_own_files(path)
    if getattr(path, "names_folder", False):
        message = _("cannot write {file}: a name ending in '/' is a folder; give a file name")
        raise InputError(message.format(file=f"{path}{os.sep}"))
    if not str(path) or str(path) == ".":
        raise InputError(_("cannot write to an empty file name; give a file name"))
    try:
        found = os.stat(path)
    except FileNotFoundError:
        # Said now, before any question, not after a whole questionnaire.
        folder = _real(path).parent
        if not folder.exists():
            message = _("cannot write {file}: the folder {folder} does not exist")
            raise InputError(message.format(file=path, folder=path.parent)) from None
        return
    except (OSError, ValueError):
        return  # nothing reachable: write_atomic says what it finds
    if stat.S_ISDIR(found.st_mode):
        raise _a_folder(path)
    if stat.S_ISREG(found.st_mode) and not force:
        raise OutputExists(path)


def same_file(first: Path, second: Path) -> bool:
    """Whether two output names are one file (by resolved path, or device and inode)."""
    if is_stdout(first) or is_stdout(second):
        return False
    if _real(first) == _real(second):
        return True
    try:
        one, two = os.stat(first), os.stat(second)
    except (OSError, ValueError):
        return False
    return (one.st_dev, one.st_ino) == (two.st_dev, two.st_ino)


def refuse_own_files(path: Path) -> None:
    """InputError when ``path`` is one of ottool's private files (history, journals, draft).

    Compared by device and inode as well as by name: a hard link is the same file under
    another name, and a file that does not exist yet is compared by its resolved path.
    """
    from ottool.storage.home_folder import own_files

    target = _real(path)
    try:
        found = os.stat(path)
        identity: tuple[int, int] | None = (found.st_dev, found.st_ino)
    except (OSError, ValueError):
        identity = None
    for own in own_files():
        same = target == _real(own)
        if not same and identity is not None:
            try:
                mine = os.stat(own)
            except (OSError, ValueError):
                continue
            same = (mine.st_dev, mine.st_ino) == identity
        if same:
            message = _("cannot write {file}: it is ottool's own {kind}; choose another file name")
            raise InputError(message.format(file=path, kind=_own_kind(own)))


def _own_kind(own: Path) -> str:
    return _("unfinished screening") if own.name.startswith("draft") else _("history of screenings")


def write_atomic(path: Path, data: str | bytes, *, private: bool = False) -> None:
    """Write ``data`` to ``path`` whole or not at all (see the module's docstring).

    ``private`` makes a new or replaced file readable by its owner only (0600).
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if not str(path) or str(path) == ".":
        raise InputError(_("cannot write to an empty file name; give a file name"))
    # A symlink is followed to the file it names. /dev/stdout names a pipe only through
    # /proc magic that realpath cannot show, so special files are opened by the given path.
    target = Path(os.path.realpath(path))
    try:
        found = os.stat(path)
    except FileNotFoundError:
        found = None
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    if found is not None:
        mode = found.st_mode
        if stat.S_ISDIR(mode):
            raise _a_folder(path)
        if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode):
            _write_into(path, path, raw, truncate=False)
            return
        if not stat.S_ISREG(mode):
            message = _("cannot write {file}: it is a device or socket, not a file")
            raise InputError(message.format(file=path))
        if not mode & 0o222 or not os.access(target, os.W_OK):
            message = _("cannot write {file}: the file is read-only; it was left as it was")
            raise InputError(message.format(file=path))
        if found.st_nlink > 1:
            _write_into(path, target, raw, truncate=True, private=private)
            return
    _replace(path, target, raw, private)


def _replace(path: Path, target: Path, raw: bytes, private: bool) -> None:
    """The temporary-file-and-rename way, for new and ordinary files."""
    import tempfile  # only when writing: keeps `ottool --help` fast

    folder = target.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=_tmp_prefix(target.name), suffix=".tmp", dir=folder)
    except FileNotFoundError as exc:
        if not folder.exists():
            message = _("cannot write {file}: the folder {folder} does not exist")
            raise InputError(message.format(file=path, folder=folder)) from None
        # The folder is there but refuses new files (/proc does): say what the system said.
        message = _("cannot write {file}: the system refuses new files in {folder} ({reason})")
        raise InputError(message.format(file=path, folder=folder, reason=os_reason(exc))) from None
    except OSError as exc:  # permission denied, read-only file system, not a directory, ...
        raise _cannot_write(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        if not private:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _cannot_write(path, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_into(
    path: Path, target: Path, raw: bytes, *, truncate: bool, private: bool = False
) -> None:
    """Write into an existing file, FIFO or device without replacing it.

    For a regular file (``truncate``) the space is reserved before a byte is changed,
    so a full disk leaves the old content as it was.
    """
    try:
        fd = os.open(target, os.O_WRONLY)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        if truncate and private:
            os.fchmod(fd, 0o600)
        if truncate and raw:
            _reserve(fd, len(raw))
        view = memoryview(raw)
        while view:
            view = view[os.write(fd, view) :]
        if truncate:
            os.ftruncate(fd, len(raw))
            os.fsync(fd)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    finally:
        os.close(fd)


def _reserve(fd: int, size: int) -> None:
    """Reserve ``size`` bytes; a file system that cannot reserve just goes on."""
    try:
        os.posix_fallocate(fd, 0, size)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            raise


def _tmp_prefix(name: str) -> str:
    """``.NAME.`` shortened so that the temporary name fits in NAME_MAX bytes."""
    room = NAME_MAX - _TMP_EXTRA - 2
    encoded = name.encode("utf-8", "surrogateescape")
    if len(encoded) > room:
        name = encoded[:room].decode("utf-8", "ignore")
    return f".{name}."


def _cannot_write(path: Path, exc: OSError) -> InputError:
    """What the system said when ``path`` could not be written."""
    message = _("cannot write {file}: {reason}")
    return InputError(message.format(file=path, reason=os_reason(exc)))


def _a_folder(path: Path) -> InputError:
    return InputError(_("cannot write {file}: it is a folder; give a file name").format(file=path))


def _real(path: Path) -> Path:
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError):  # a symlink loop (Python 3.13 raises), a NUL byte
        return Path(os.path.abspath(path))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
