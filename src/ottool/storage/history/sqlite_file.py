"""Opening the history's SQLite file: checked, private, up to date, errors in words.

A file that is not SQLite, SQLite without our table, or a damaged database gives a
clear :class:`~ottool.core.errors.InputError` and is never written, renamed or repaired.
WAL mode and a 10-second busy timeout let several ottool processes save at once.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ottool.core.errors import InputError
from ottool.core.i18n import _
from ottool.storage.history.migrations import COLUMNS, MIGRATIONS, SCHEMA_VERSION
from ottool.storage.home_folder import HISTORY_FILE as FILE_NAME

BUSY_TIMEOUT_SECONDS = 10.0


_SQLITE_HEADER = b"SQLite format 3\x00"


def default_path(*, create: bool = True) -> Path:
    """Where the history lives: ``history.sqlite3`` in ottool's private folder (made,
    and checked writable, only when ``create``)."""
    from ottool.storage.home_folder import home_dir, home_to_read

    return (home_dir() if create else home_to_read()) / FILE_NAME


@contextmanager
def open_history(
    path: Path | None, *, create: bool = True, read_only: bool = False
) -> Iterator[sqlite3.Connection | None]:
    """An open, checked, up-to-date history (``None`` when there is none and ``create``
    is false). Every SQLite failure becomes one clear InputError.

    ``read_only`` (listing, showing, exporting) still opens a history that cannot be
    written, as on a full disk where SQLite cannot make its ``-shm`` file: the user can
    then still read and export their screenings to rescue them.
    """
    # Reading needs no writable folder: a history in a read-only folder (a backup, a
    # locked-down account) is still listed, shown and exported, to rescue it.
    where = path if path is not None else default_path(create=not read_only)
    db: sqlite3.Connection | None = None
    try:
        if not os.path.lexists(where):
            if not create:
                yield None
                return
            _create_private_file(where)
        _check_header(where)
        try:
            db = _open_checked(where, check_pages=not read_only)
        except sqlite3.Error as exc:
            db = _open_unwritable(where, exc) if read_only else None
            if db is None:
                raise
        yield db
    except sqlite3.Error as exc:
        raise _sqlite_problem(exc, where) from None
    finally:
        if db is not None:
            db.close()


def _open_checked(where: Path, *, check_pages: bool = True) -> sqlite3.Connection:
    """The history opened for reading and writing, checked and brought up to date
    (``check_pages``: every page of the file checked too, before a write)."""
    _repair_journal_modes(where)
    db = _connect(where, "rw")
    try:
        _prepare(db, where, check_pages=check_pages)
        _make_private(where)
    except BaseException:
        db.close()
        raise
    return db


def _connect(where: Path, mode: str) -> sqlite3.Connection:
    return sqlite3.connect(
        where.resolve().as_uri() + f"?mode={mode}",
        uri=True,
        timeout=BUSY_TIMEOUT_SECONDS,
        isolation_level=None,  # transactions are begun and ended explicitly
    )


def _open_unwritable(where: Path, exc: sqlite3.Error) -> sqlite3.Connection | None:
    """The history opened read-only as it is on disk, or None when that is not safe.

    Only when SQLite could not write its scratch files (a full disk, a read-only
    folder) and no write-ahead log holds saves not yet in the file: the file alone is
    then the whole history, and SQLite reads it without any file of its own.
    """
    if error_code(exc) not in (_IOERR, SQLITE_FULL, _CANTOPEN, _READONLY):
        return None
    wal = Path(f"{where}-wal")
    try:
        if wal.exists() and wal.stat().st_size > 0:
            return None
    except OSError:
        return None
    db = _connect(where, "ro&immutable=1")
    try:
        version, tables = _look(db)
        _check_known(db, where, version, tables, check_pages=False)
        if version != SCHEMA_VERSION:  # an upgrade would be needed: it cannot be done now
            db.close()
            return None
    except BaseException:
        db.close()
        raise
    return db


@contextmanager
def write_transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taken at once so that concurrent writers queue up."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.in_transaction:  # SQLite may have rolled it back already (e.g. disk full)
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _create_private_file(where: Path) -> None:
    """An empty file readable by its owner only, made before SQLite opens it."""
    if not where.parent.exists():
        try:
            where.parent.mkdir(mode=0o700, parents=True)
        except FileExistsError:
            pass
        except OSError as exc:
            raise _cannot(_("cannot create {file}: {reason}"), where.parent, exc) from None
    try:
        fd = os.open(where, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return  # another ottool made it a moment ago
    except OSError as exc:
        raise _cannot(_("cannot create {file}: {reason}"), where, exc) from None
    os.close(fd)


def _check_header(where: Path) -> None:
    """Refuse anything but an empty file or an SQLite database, without blocking: a FIFO
    or a device is never opened (opening a FIFO waits for a writer forever)."""
    import stat

    try:
        found = os.stat(where)
    except OSError as exc:
        raise _cannot(_("cannot read {file}: {reason}"), where, exc) from None
    if not stat.S_ISREG(found.st_mode):
        raise _not_ours(where)
    try:
        with where.open("rb") as handle:
            head = handle.read(len(_SQLITE_HEADER))
    except IsADirectoryError:
        raise _not_ours(where) from None
    except OSError as exc:
        raise _cannot(_("cannot read {file}: {reason}"), where, exc) from None
    if head and head != _SQLITE_HEADER:
        raise _not_ours(where)


def _prepare(db: sqlite3.Connection, where: Path, *, check_pages: bool = True) -> None:
    """Check the database only by reading it, then (if it is ours) bring it up to date."""
    db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    version, tables = _look(db)
    _check_known(db, where, version, tables, check_pages=check_pages)
    if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        _use_wal(db)
    if version < SCHEMA_VERSION:
        with write_transaction(db):
            version, tables = _look(db)  # another ottool may have upgraded it meanwhile
            _check_known(db, where, version, tables)
            for migrate in MIGRATIONS[version:]:
                migrate(db)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    db.execute("PRAGMA secure_delete = ON")


def _use_wal(db: sqlite3.Connection) -> None:
    """Switch a new (or older) history to WAL mode; it stays so, as a property of the file.

    The switch needs the file to itself and SQLite does not wait for that, so wait here
    as long as the busy timeout while other ottool processes finish.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if error_code(exc) not in (_BUSY, _LOCKED) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _look(db: sqlite3.Connection) -> tuple[int, set[str]]:
    """The schema version and what the schema holds, read from one snapshot of the file:
    table names, and ``"view v"``, ``"index i"``... for everything else. Another
    program's ``application_id`` counts as something too (``"application_id N"``)."""
    rows = db.execute(
        "SELECT (SELECT user_version FROM pragma_user_version),"
        " CASE type WHEN 'table' THEN name ELSE type || ' ' || name END FROM sqlite_master"
        " UNION ALL SELECT user_version, NULL FROM pragma_user_version"
        " UNION ALL SELECT 0, 'application_id ' || application_id FROM pragma_application_id"
        " WHERE application_id != 0"
    ).fetchall()
    version = next(int(r[0]) for r in rows if r[1] is None)
    return version, {str(r[1]) for r in rows if r[1] is not None}


def _check_known(
    db: sqlite3.Connection,
    where: Path,
    version: int,
    tables: set[str],
    *,
    check_pages: bool = True,
) -> None:
    if version > SCHEMA_VERSION:
        message = _(
            "{file} was written by a newer ottool (history version {version}; this ottool "
            "reads up to version {known}); update ottool to open it. It was left untouched."
        )
        raise InputError(message.format(file=where, version=version, known=SCHEMA_VERSION))
    if version < 0:  # ottool never writes one: another program's file
        raise _not_ours(where)
    if version == 0:
        if tables:  # anything at all (a view, an index, an application id) is not ours
            raise _not_ours(where)
        return
    if "screenings" not in tables:
        raise _not_ours(where)
    # Another program's "screenings" table is not ours: compare the columns, by reading
    # only, before anything (WAL mode, a migration) changes the file.
    columns = {str(r[0]) for r in db.execute("SELECT name FROM pragma_table_info('screenings')")}
    if not COLUMNS[min(version, SCHEMA_VERSION)] <= columns:
        raise _not_ours(where)
    if check_pages or version < SCHEMA_VERSION:
        # Before anything writes to the file. A read-only open skips it (it costs about a
        # tenth of a second at ten thousand screenings, on every open): SQLite checks each
        # page it reads and reports a damaged one (SQLITE_CORRUPT), which gives the same
        # message, and reading never changes the file (docs/decisions.md).
        check = db.execute("PRAGMA quick_check").fetchall()
        if [tuple(r) for r in check] != [("ok",)]:
            raise _not_ours(where)


def _make_private(where: Path) -> None:
    for file in (where, *_journals(where)):
        try:
            if file.stat().st_mode & 0o077:
                file.chmod(0o600)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise _cannot(_("cannot make {file} private: {reason}"), file, exc) from None


def _journals(where: Path) -> tuple[Path, Path]:
    return Path(f"{where}-wal"), Path(f"{where}-shm")


def _repair_journal_modes(where: Path) -> None:
    """Make SQLite's journal files of our history writable by their owner again.

    A read-only ``-shm`` (left by a run under another umask, or a copy) blocks every
    later save. These are SQLite's scratch files, not the data, so ottool fixes their
    mode rather than give up; a journal it cannot fix is named in the error.
    """
    for journal in _journals(where):
        try:
            found = journal.stat()
            if found.st_uid == os.geteuid() and not found.st_mode & 0o200:
                journal.chmod(0o600)
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise _cannot(_("cannot make {file} writable: {reason}"), journal, exc) from None


def _read_only_part(where: Path) -> Path:
    """The file (or folder) of the history that cannot be written: for a clear message."""
    for file in (where, *_journals(where)):
        if file.exists() and (not os.access(file, os.W_OK) or not file.stat().st_mode & 0o200):
            return file
    return where.parent


def _not_ours(where: Path) -> InputError:
    message = _(
        "{file} is not an ottool history database (or is damaged); it was left untouched. "
        "Move it aside to start a new history."
    )
    return InputError(message.format(file=where))


def _cannot(message: str, file: Path, exc: OSError) -> InputError:
    """``message`` (with {file} and {reason}) for what the system refused."""
    return InputError(message.format(file=file, reason=exc.strerror))


# SQLite's primary result codes that this module explains.
_BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, SQLITE_FULL, _CANTOPEN, _NOTADB = (
    5, 6, 8, 10, 11, 13, 14, 26
)  # fmt: skip


def disk_is_full(folder: Path) -> bool:
    """Whether the file system of ``folder`` has (almost) no room left for the user.

    SQLite reports a full disk met while making its ``-shm`` file as a "disk I/O error";
    this tells the two apart so that the message says what the user can fix.
    """
    try:
        found = os.statvfs(folder)
    except OSError:
        return False
    return found.f_bavail * found.f_frsize < 64 * 1024


def error_code(exc: sqlite3.Error) -> int:
    """SQLite's primary result code of an error (0 when unknown)."""
    return int(getattr(exc, "sqlite_errorcode", 0)) & 0xFF


def _sqlite_problem(exc: sqlite3.Error, where: Path) -> InputError:
    code = error_code(exc)
    if code in (_CORRUPT, _NOTADB):
        return _not_ours(where)
    if code in (_BUSY, _LOCKED):
        message = _(
            "the history {file} is busy (another ottool is using it); try again in a moment"
        )
        return InputError(message.format(file=where))
    if code == SQLITE_FULL or (code in (_IOERR, _CANTOPEN) and disk_is_full(where.parent)):
        return InputError(_("cannot write the history {file}: the disk is full").format(file=where))
    if code == _READONLY:
        message = _("cannot write the history {file}: {part} is read-only")
        return InputError(message.format(file=where, part=_read_only_part(where)))
    return InputError(_("cannot use the history {file}: {reason}").format(file=where, reason=exc))
