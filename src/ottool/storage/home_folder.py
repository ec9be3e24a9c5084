"""Where ottool keeps a user's private files: ``OTTOOL_HOME`` or the platform's data folder."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from ottool.core.errors import InputError
from ottool.core.i18n import _

HISTORY_FILE = "history.sqlite3"
DRAFT_FILE = "draft.json"
#: The random key calendar UIDs are made with (storage/calendar_key.py).
CALENDAR_KEY_FILE = "calendar.key"


def home_dir(*, create: bool = True) -> Path:
    """The private folder for drafts and history (mode 0700 when ottool creates it).

    A folder that is a file, lies under a file or cannot be used is a clear InputError.
    """
    env = os.environ.get("OTTOOL_HOME")
    if env:
        folder = Path(env)
    else:
        import platformdirs

        folder = Path(platformdirs.user_data_dir("ottool", appauthor=False))
    if create:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except FileExistsError:
            raise _unusable(folder, _not_a_folder(folder)) from None
        except NotADirectoryError:
            raise _unusable(folder, _("part of its path is a file, not a folder")) from None
        except PermissionError:
            raise _unusable(folder, _("permission denied")) from None
        except OSError as exc:
            raise _unusable(folder, exc.strerror or str(exc)) from None
        if not os.access(folder, os.R_OK | os.W_OK | os.X_OK):
            raise _unusable(folder, _("you cannot read and write in it"))
    return folder


def home_to_read() -> Path:
    """The private folder, for reading only: neither made nor checked for writing, so a
    history in a read-only folder can still be read and exported. A folder that is a
    file, lies under a file or is a broken symbolic link is a clear InputError, as for
    :func:`home_dir`."""
    folder = home_dir(create=False)
    try:
        found = os.stat(folder)
    except NotADirectoryError:
        raise _unusable(folder, _("part of its path is a file, not a folder")) from None
    except FileNotFoundError:
        if folder.is_symlink():
            raise _unusable(folder, _not_a_folder(folder)) from None
        return folder  # nothing saved yet
    except OSError as exc:
        if folder.is_symlink():
            raise _unusable(folder, _not_a_folder(folder)) from None
        raise _unusable(folder, exc.strerror or str(exc)) from None
    import stat

    if not stat.S_ISDIR(found.st_mode):
        raise _unusable(folder, _not_a_folder(folder))
    return folder


def own_files() -> list[Path]:
    """ottool's private files (the history and SQLite's journals beside it, the draft).

    SQLite deletes a ``-journal`` it finds beside the database, and rewrites ``-wal`` and
    ``-shm``: an output written there would be lost or would damage the history.
    """
    folder = home_dir(create=False)
    history = folder / HISTORY_FILE
    journals = [Path(f"{history}-{kind}") for kind in ("wal", "shm", "journal")]
    return [history, *journals, folder / DRAFT_FILE, folder / CALENDAR_KEY_FILE]


def _not_a_folder(folder: Path) -> str:
    """Why ``folder`` (which exists in some form) is not a folder ottool can use."""
    if folder.is_symlink():
        try:
            os.stat(folder)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return _("it is a symbolic link that loops back on itself")
            return _("it is a symbolic link to {target}, which does not exist").format(
                target=os.readlink(folder)
            )
    return _("it is a file, not a folder")


def _unusable(folder: Path, why: str) -> InputError:
    if os.environ.get("OTTOOL_HOME"):
        message = _("the OTTOOL_HOME folder {folder} cannot be used: {reason}")
    else:
        message = _("ottool's folder {folder} cannot be used: {reason}")
    return InputError(message.format(folder=folder, reason=why))
