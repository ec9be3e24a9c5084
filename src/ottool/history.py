"""The private screening history on this computer: a small SQLite store of saved results.

The database lives at ``home_dir() / "history.sqlite3"`` (``OTTOOL_HOME`` wins), readable
by its owner only (file 0600, folder 0700 when ottool creates it). It holds each saved
``ottool-result/1`` document and the answers behind it, nothing else.

Choices worth knowing:

- The schema is versioned with ``PRAGMA user_version`` and upgraded in place by the
  migrations in :data:`MIGRATIONS`, so a newer ottool opens an older history. A history
  written by a newer ottool (a greater version) is refused and left untouched.
- A file that is not SQLite, SQLite without our table, or a damaged database gives a
  clear :class:`~ottool.errors.InputError` and is never written, renamed or repaired.
- WAL mode and a 10-second busy timeout let several ottool processes save at once.
- A result document is stored once: saving or importing the very same document again
  (same sha256 of its canonical JSON) returns the existing screening instead of a copy.
- Deleting really deletes: ``secure_delete`` zeroes the freed pages, then a WAL
  checkpoint (TRUNCATE) and ``VACUUM`` leave no copy of the data in the files.
- Screenings are listed oldest first by screening date, then by the order they were saved.

No Typer or Rich here: :mod:`ottool.cli.history` and :mod:`ottool.render.history` show it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ottool.errors import InputError
from ottool.formats import HISTORY_FORMAT as EXPORT_FORMAT
from ottool.formats import RESULT_FORMAT
from ottool.paths import HISTORY_FILE as FILE_NAME
from ottool.printable import json_text

BUSY_TIMEOUT_SECONDS = 10.0
_SQLITE_HEADER = b"SQLite format 3\x00"
_MAX_IMPORT_BYTES = 256 * 1024 * 1024


# --------------------------------------------------------------------------- schema

_V1 = """
CREATE TABLE screenings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    saved_at TEXT NOT NULL,
    child TEXT,
    result_json TEXT NOT NULL,
    answers_json TEXT NOT NULL
);
"""

_V2 = """
ALTER TABLE screenings ADD COLUMN content_version TEXT NOT NULL DEFAULT '';
ALTER TABLE screenings ADD COLUMN screened_on TEXT NOT NULL DEFAULT '';
ALTER TABLE screenings ADD COLUMN child_key TEXT NOT NULL DEFAULT '';
ALTER TABLE screenings ADD COLUMN result_sha256 TEXT;
"""

_V2_INDEXES = """
CREATE INDEX screenings_by_child ON screenings (child_key, screened_on, id);
CREATE UNIQUE INDEX screenings_by_result ON screenings (result_sha256);
"""


def _migrate_to_1(db: sqlite3.Connection) -> None:
    """Version 1: the first schema, one row per saved screening."""
    for statement in _split(_V1):
        db.execute(statement)


def _migrate_to_2(db: sqlite3.Connection) -> None:
    """Version 2: content version, screening date, a normalised child key and a result hash.

    The new columns are filled in from each row's ``result_json``. Should an old history
    hold the same result twice, only the first copy gets the hash (the unique index
    allows several NULLs), so no saved screening is dropped by the upgrade.
    """
    for statement in _split(_V2):
        db.execute(statement)
    seen: set[str] = set()
    rows = db.execute("SELECT id, child, result_json FROM screenings ORDER BY id").fetchall()
    for row_id, child, result_json in rows:
        try:
            result = json.loads(result_json)
        except json.JSONDecodeError:
            result = {}
        if not isinstance(result, dict):
            result = {}
        digest = result_sha256(result) if result else None
        if digest in seen:
            digest = None
        if digest is not None:
            seen.add(digest)
        name = child if child is not None else _child_name(result)
        db.execute(
            "UPDATE screenings SET content_version = ?, screened_on = ?, child_key = ?,"
            " result_sha256 = ? WHERE id = ?",
            (
                str(result.get("content_version") or ""),
                str(result.get("date") or ""),
                child_key(name),
                digest,
                row_id,
            ),
        )
    for statement in _split(_V2_INDEXES):
        db.execute(statement)


#: The columns of the screenings table at each schema version.
_V1_COLUMNS = {"id", "saved_at", "child", "result_json", "answers_json"}
_COLUMNS: dict[int, set[str]] = {
    1: _V1_COLUMNS,
    2: _V1_COLUMNS | {"content_version", "screened_on", "child_key", "result_sha256"},
}

#: ``MIGRATIONS[n]`` upgrades a history from version ``n`` to ``n + 1``.
MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (_migrate_to_1, _migrate_to_2)
SCHEMA_VERSION = len(MIGRATIONS)


def _split(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


# --------------------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class SavedScreening:
    """One saved screening: when it was saved, whose it is, and the stored documents."""

    id: int
    saved_at: str  # ISO 8601 with offset, UTC
    child: str | None  # the child's name as entered, or None
    date: str  # the screening date, ISO (YYYY-MM-DD)
    content_version: str
    result: dict[str, Any]  # the ottool-result/1 document exactly as saved
    answers: dict[str, Any]  # the answers in answer-file form

    @property
    def age_used_months(self) -> float | None:
        """The age the screening used (corrected when it applied), in months."""
        value = _dig(self.result, "age", "used_months")
        return float(value) if isinstance(value, int | float) else None

    @property
    def corrected(self) -> bool:
        """True when the age used was corrected for prematurity."""
        return bool(_dig(self.result, "age", "corrected"))

    @property
    def checklist_months(self) -> int | None:
        """The checklist age (months) whose questions were asked."""
        value = _dig(self.result, "checklist", "months")
        return value if isinstance(value, int) else None

    @property
    def overall(self) -> str | None:
        """The overall step: on_track, monitor, discuss or urgent."""
        value = self.result.get("overall")
        return value if isinstance(value, str) else None

    @property
    def domain_statuses(self) -> dict[str, str]:
        """Each area's status by area id, in the order of the result."""
        statuses: dict[str, str] = {}
        domains = self.result.get("domains")
        for d in domains if isinstance(domains, list) else []:
            if isinstance(d, dict) and isinstance(d.get("id"), str):
                statuses[d["id"]] = str(d.get("status"))
        return statuses

    def summary(self) -> dict[str, Any]:
        """The facts shown in a list of screenings, JSON-ready."""
        return {
            "id": self.id,
            "saved_at": self.saved_at,
            "child": self.child,
            "date": self.date,
            "content_version": self.content_version,
            "age_used_months": self.age_used_months,
            "corrected": self.corrected,
            "checklist_months": self.checklist_months,
            "overall": self.overall,
            "domains": self.domain_statuses,
        }

    @property
    def activity_ids(self) -> list[str]:
        """The ids of the home plan's activities, in plan order."""
        activities = _dig(self.result, "plan", "activities")
        return [
            a["id"]
            for a in (activities if isinstance(activities, list) else [])
            if isinstance(a, dict) and isinstance(a.get("id"), str)
        ]


Change = Literal["better", "same", "needs_attention", "unknown"]

#: How far along an area is, for comparing two screenings. ``incomplete`` (too few
#: answers) says nothing about the child, so it has no rank and is never compared.
STATUS_RANK: dict[str, int] = {"discuss": 0, "emerging": 1, "on_track": 2}


def area_change(before: str | None, after: str | None) -> Change:
    """What changed in one area between two screenings.

    ``better`` when the status moved up (discuss < emerging < on_track), ``same`` when it
    did not move, ``needs_attention`` when it moved down, ``unknown`` when either
    screening had too few answers in that area (``incomplete``) or lacks the area.
    """
    if before not in STATUS_RANK or after not in STATUS_RANK:
        return "unknown"
    gap = STATUS_RANK[after] - STATUS_RANK[before]
    return "better" if gap > 0 else "same" if gap == 0 else "needs_attention"


def changes_since_previous(screenings: Sequence[SavedScreening]) -> dict[str, Change]:
    """Each area's change from the second-to-last screening to the last (oldest first in).

    Empty when there are fewer than two screenings. Areas of either screening appear.
    """
    if len(screenings) < 2:
        return {}
    before, after = screenings[-2].domain_statuses, screenings[-1].domain_statuses
    areas = list(after) + [a for a in before if a not in after]
    return {a: area_change(before.get(a), after.get(a)) for a in areas}


def child_key(name: str | None) -> str:
    """A child's name for matching: trimmed, inner spaces collapsed, case-folded."""
    return " ".join((name or "").split()).casefold()


def result_sha256(result: dict[str, Any]) -> str:
    """The sha256 of a result document's canonical JSON: how duplicates are recognised."""
    canonical = json.dumps(result, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def default_path() -> Path:
    """Where the history lives: ``history.sqlite3`` in ottool's private folder."""
    from ottool.paths import home_dir

    return home_dir() / FILE_NAME


# --------------------------------------------------------------------------- API


def save_screening(
    result_data: dict[str, Any],
    answers_data: dict[str, Any],
    content_version: str,
    *,
    path: Path | None = None,
) -> int:
    """Save a screening result and its answers; return its number.

    Saving the very same result document again returns the number it already has.
    """
    _check_result(result_data, "the result to save")
    saved_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with _open(path) as db:
        assert db is not None
        with _writing(db):
            number = _insert(db, saved_at, result_data, answers_data, content_version)
            if number is None:
                number = _id_of(db, result_data)
        return number


def saved_number(result_data: dict[str, Any], *, path: Path | None = None) -> int | None:
    """The number of this very result document when it is saved, else None.

    After an interruption this tells the truth about whether a save was committed.
    """
    with _open(path, create=False) as db:
        if db is None:
            return None
        row = db.execute(
            "SELECT id FROM screenings WHERE result_sha256 = ?", (result_sha256(result_data),)
        ).fetchone()
        return None if row is None else int(row[0])


def list_screenings(child: str | None = None, *, path: Path | None = None) -> list[SavedScreening]:
    """The saved screenings, oldest first; only one child's when ``child`` is given.

    The child's name matches whatever its case and spacing.
    """
    with _open(path, create=False) as db:
        if db is None:
            return []
        if child is None:
            rows = db.execute(f"{_SELECT} ORDER BY screened_on, id").fetchall()
        else:
            rows = db.execute(
                f"{_SELECT} WHERE child_key = ? ORDER BY screened_on, id", (child_key(child),)
            ).fetchall()
        return [_row(r) for r in rows]


def get_screening(screening_id: int, *, path: Path | None = None) -> SavedScreening:
    """One saved screening by its number; InputError when there is none."""
    _check_number(screening_id)
    with _open(path, create=False) as db:
        row = None
        if db is not None:
            row = db.execute(f"{_SELECT} WHERE id = ?", (screening_id,)).fetchone()
        if row is None:
            raise InputError(f"there is no saved screening {screening_id}; see `ottool history`")
        return _row(row)


def children(*, path: Path | None = None) -> list[str]:
    """The children's names in the history (as first saved), in order of first screening."""
    names: dict[str, str] = {}
    for s in list_screenings(path=path):
        if s.child:
            names.setdefault(child_key(s.child), s.child)
    return list(names.values())


def delete_screening(
    screening_id: int, *, path: Path | None = None, notes: list[str] | None = None
) -> bool:
    """Delete one screening for good; False when there was no such screening.

    When the deletion is done but wiping the freed space is not (a full disk), a
    sentence saying so is appended to ``notes``; the deletion itself stands.
    """
    _check_number(screening_id)
    return _delete("id = ?", (screening_id,), path, notes) > 0


def delete_child(name: str, *, path: Path | None = None, notes: list[str] | None = None) -> int:
    """Delete every screening of one child for good; return how many were deleted.

    ``notes`` as for :func:`delete_screening`.
    """
    return _delete("child_key = ?", (child_key(name),), path, notes)


def export_jsonl(output: Path, child: str | None = None, *, path: Path | None = None) -> int:
    """Write the screenings (or one child's) as JSON Lines, private to the user.

    Each line is ``{"format": "ottool-history/1", "saved_at", "content_version",
    "result", "answers"}``. Returns how many screenings were written.
    """
    from ottool.files import write_output

    screenings = list_screenings(child, path=path)
    lines = [
        json_text(
            {
                "format": EXPORT_FORMAT,
                "saved_at": s.saved_at,
                "content_version": s.content_version,
                "result": s.result,
                "answers": s.answers,
            },
            indent=None,
        )
        for s in screenings
    ]
    write_output(output, "".join(f"{line}\n" for line in lines), private=True)
    return len(screenings)


def import_jsonl(source: Path, *, path: Path | None = None) -> tuple[int, int]:
    """Add the screenings of an exported history; return (added, skipped as duplicates).

    Every line is checked before anything is added, so a bad file adds nothing.
    """
    from ottool.yamlsource import read_text

    text = read_text(source, max_bytes=_MAX_IMPORT_BYTES)
    entries = [
        _import_entry(line, f"{source}", number)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip()
    ]
    added = 0
    with _open(path) as db:
        assert db is not None
        with _writing(db):
            for saved_at, content_version, result, answers in entries:
                if _insert(db, saved_at, result, answers, content_version) is not None:
                    added += 1
    return added, len(entries) - added


# --------------------------------------------------------------------------- internals

#: Screening numbers are SQLite integers: 1 up to 2**63 - 1.
_MAX_NUMBER = 2**63 - 1


def _check_number(screening_id: int) -> None:
    """InputError for a number no screening can have (SQLite cannot even look it up)."""
    if not 1 <= screening_id <= _MAX_NUMBER:
        which = str(screening_id) if abs(screening_id) < 10**30 else "with so large a number"
        raise InputError(
            f"there is no saved screening {which}; numbers go from 1 up, see `ottool history`"
        )


_SELECT = (
    "SELECT id, saved_at, child, screened_on, content_version, result_json, answers_json"
    " FROM screenings"
)


def _row(row: Sequence[Any]) -> SavedScreening:
    row_id, saved_at, child, screened_on, content_version, result_json, answers_json = row
    return SavedScreening(
        id=int(row_id),
        saved_at=str(saved_at),
        child=child,
        date=str(screened_on),
        content_version=str(content_version),
        result=_loads_object(result_json),
        answers=_loads_object(answers_json),
    )


def _loads_object(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except (json.JSONDecodeError, TypeError):
        return {}
    return value if isinstance(value, dict) else {}


def _insert(
    db: sqlite3.Connection,
    saved_at: str,
    result: dict[str, Any],
    answers: dict[str, Any],
    content_version: str,
) -> int | None:
    """Insert one screening; None when the same result is already saved.

    The check comes first: an INSERT that conflicts would still use up a number.
    """
    digest = result_sha256(result)
    if db.execute("SELECT 1 FROM screenings WHERE result_sha256 = ?", (digest,)).fetchone():
        return None
    name = _child_name(result)
    cursor = db.execute(
        "INSERT INTO screenings (saved_at, child, result_json, answers_json, content_version,"
        " screened_on, child_key, result_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (result_sha256) DO NOTHING",
        (
            saved_at,
            name,
            json.dumps(result, ensure_ascii=False),
            json.dumps(answers, ensure_ascii=False),
            content_version,
            str(result.get("date") or ""),
            child_key(name),
            digest,
        ),
    )
    return cursor.lastrowid if cursor.rowcount == 1 else None


def _id_of(db: sqlite3.Connection, result: dict[str, Any]) -> int:
    row = db.execute(
        "SELECT id FROM screenings WHERE result_sha256 = ?", (result_sha256(result),)
    ).fetchone()
    return int(row[0])


def _delete(where: str, params: tuple[Any, ...], path: Path | None, notes: list[str] | None) -> int:
    with _open(path, create=False) as db:
        if db is None:
            return 0
        with _writing(db):
            count = db.execute(f"DELETE FROM screenings WHERE {where}", params).rowcount
        if count:
            try:
                # secure_delete zeroed the freed pages; fold the WAL back into the file and
                # empty it, rebuild the file without free pages, and empty the WAL again.
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                db.execute("VACUUM")
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error as exc:
                # The deletion is committed: say so, and what is left undone, instead
                # of reporting a failure (VACUUM needs room for a copy of the file).
                why = "the disk is full" if _code(exc) == _FULL else str(exc)
                if notes is not None:
                    notes.append(
                        f"the history file could not be compacted afterwards ({why}); "
                        "the deleted data may stay in its free space until a later "
                        "deletion has room to finish"
                    )
        return count


def _child_name(result: dict[str, Any]) -> str | None:
    name = _dig(result, "child", "name")
    return name.strip() or None if isinstance(name, str) else None


def _dig(data: dict[str, Any], *keys: str) -> Any:
    value: Any = data
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _check_result(result: Any, where: str) -> dict[str, Any]:
    """``result`` itself when it looks like an ottool-result/1 document with a date.

    ottool's own results are saved as made; imported ones are checked in full.
    """
    from ottool.formats import check_format

    checked = check_format(result, RESULT_FORMAT, where, "an ottool result")
    try:
        dt.date.fromisoformat(str(checked.get("date")))
    except ValueError:
        raise InputError(f"{where}: the result has no valid screening date") from None
    return checked


def _import_entry(
    line: str, file: str, number: int
) -> tuple[str, str, dict[str, Any], dict[str, Any]]:
    """One line of an export, checked field by field against ``formats.HistoryLine``."""
    from ottool.formats import HistoryLine, check_format, convert, decode_json

    data = decode_json(line, file, "JSON", line=number)
    entry = check_format(data, EXPORT_FORMAT, file, "an exported ottool history", line=number)
    check_format(entry.get("result"), RESULT_FORMAT, file, "an ottool result", line=number)
    checked = convert(entry, HistoryLine, file, "this screening", line=number)
    content_version = checked.content_version
    if content_version is None:
        content_version = checked.result.content_version
    # Store the documents exactly as exported: the result's hash finds duplicates.
    return entry["saved_at"], content_version, entry["result"], entry.get("answers", {})


# --------------------------------------------------------------------------- opening


@contextmanager
def _open(path: Path | None, *, create: bool = True) -> Iterator[sqlite3.Connection | None]:
    """An open, checked, up-to-date history (``None`` when there is none and ``create``
    is false). Every SQLite failure becomes one clear InputError."""
    where = path if path is not None else default_path()
    db: sqlite3.Connection | None = None
    try:
        if not where.exists():
            if not create:
                yield None
                return
            _create_private_file(where)
        _check_header(where)
        _repair_journal_modes(where)
        db = sqlite3.connect(
            where.resolve().as_uri() + "?mode=rw",
            uri=True,
            timeout=BUSY_TIMEOUT_SECONDS,
            isolation_level=None,  # transactions are begun and ended explicitly
        )
        _prepare(db, where)
        _make_private(where)
        yield db
    except sqlite3.Error as exc:
        raise _sqlite_problem(exc, where) from None
    finally:
        if db is not None:
            db.close()


@contextmanager
def _writing(db: sqlite3.Connection) -> Iterator[None]:
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
            raise InputError(f"cannot create {where.parent}: {exc.strerror}") from None
    try:
        fd = os.open(where, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return  # another ottool made it a moment ago
    except OSError as exc:
        raise InputError(f"cannot create {where}: {exc.strerror}") from None
    os.close(fd)


def _check_header(where: Path) -> None:
    try:
        with where.open("rb") as handle:
            head = handle.read(len(_SQLITE_HEADER))
    except IsADirectoryError:
        raise _not_ours(where) from None
    except OSError as exc:
        raise InputError(f"cannot read {where}: {exc.strerror}") from None
    if head and head != _SQLITE_HEADER:
        raise _not_ours(where)


def _prepare(db: sqlite3.Connection, where: Path) -> None:
    """Check the database only by reading it, then (if it is ours) bring it up to date."""
    db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    version, tables = _look(db)
    _check_known(db, where, version, tables)
    if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        _use_wal(db)
    if version < SCHEMA_VERSION:
        with _writing(db):
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
            if _code(exc) not in (_BUSY, _LOCKED) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _look(db: sqlite3.Connection) -> tuple[int, set[str]]:
    """The schema version and the table names, read from one snapshot of the file."""
    rows = db.execute(
        "SELECT (SELECT user_version FROM pragma_user_version), name FROM sqlite_master"
        " WHERE type = 'table' UNION ALL SELECT user_version, NULL FROM pragma_user_version"
    ).fetchall()
    return int(rows[0][0]), {str(r[1]) for r in rows if r[1] is not None}


def _check_known(db: sqlite3.Connection, where: Path, version: int, tables: set[str]) -> None:
    if version > SCHEMA_VERSION:
        raise InputError(
            f"{where} was written by a newer ottool (history version {version}; this ottool "
            f"reads up to version {SCHEMA_VERSION}); update ottool to open it. "
            "It was left untouched."
        )
    if version == 0:
        if tables:
            raise _not_ours(where)
        return
    if "screenings" not in tables:
        raise _not_ours(where)
    # Another program's "screenings" table is not ours: compare the columns, by reading
    # only, before anything (WAL mode, a migration) changes the file.
    columns = {str(r[0]) for r in db.execute("SELECT name FROM pragma_table_info('screenings')")}
    if not _COLUMNS[min(version, SCHEMA_VERSION)] <= columns:
        raise _not_ours(where)
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
            raise InputError(f"cannot make {file} private: {exc.strerror}") from None


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
            raise InputError(f"cannot make {journal} writable: {exc.strerror}") from None


def _read_only_part(where: Path) -> Path:
    """The file (or folder) of the history that cannot be written: for a clear message."""
    for file in (where, *_journals(where)):
        if file.exists() and (not os.access(file, os.W_OK) or not file.stat().st_mode & 0o200):
            return file
    return where.parent


def _not_ours(where: Path) -> InputError:
    return InputError(
        f"{where} is not an ottool history database (or is damaged); it was left untouched. "
        "Move it aside to start a new history."
    )


# SQLite's primary result codes that this module explains.
_BUSY, _LOCKED, _READONLY, _CORRUPT, _FULL, _NOTADB = 5, 6, 8, 11, 13, 26


def _code(exc: sqlite3.Error) -> int:
    """SQLite's primary result code of an error (0 when unknown)."""
    return int(getattr(exc, "sqlite_errorcode", 0)) & 0xFF


def _sqlite_problem(exc: sqlite3.Error, where: Path) -> InputError:
    code = _code(exc)
    if code in (_CORRUPT, _NOTADB):
        return _not_ours(where)
    if code in (_BUSY, _LOCKED):
        return InputError(
            f"the history {where} is busy (another ottool is using it); try again in a moment"
        )
    if code == _FULL:
        return InputError(f"cannot write the history {where}: the disk is full")
    if code == _READONLY:
        part = _read_only_part(where)
        return InputError(f"cannot write the history {where}: {part} is read-only")
    return InputError(f"cannot use the history {where}: {exc}")
