"""The private screening history on this computer: a small SQLite store of saved results.

The database lives at ``home_dir() / "history.sqlite3"`` (``OTTOOL_HOME`` wins), readable
by its owner only (file 0600, folder 0700 when ottool creates it). It holds each saved
``ottool-result/1`` document and the answers behind it, nothing else.

Choices worth knowing:

- The schema is versioned with ``PRAGMA user_version`` and upgraded in place by
  :mod:`ottool.storage.history.migrations`, so a newer ottool opens an older history. A
  history written by a newer ottool (a greater version) is refused and left untouched.
- A file that is not SQLite, SQLite without our table, or a damaged database gives a
  clear :class:`~ottool.core.errors.InputError` and is never written, renamed or repaired.
- WAL mode and a 10-second busy timeout let several ottool processes save at once.
- A result document is stored once: saving or importing the very same document again
  (same sha256 of its canonical JSON) returns the existing screening instead of a copy.
- Deleting really deletes: ``secure_delete`` zeroes the freed pages, then a WAL
  checkpoint (TRUNCATE) and ``VACUUM`` leave no copy of the data in the files.
- Screenings are listed oldest first by screening date, then by the order they were saved.

The package: this module saves, lists, finds and deletes screenings;
:mod:`~ottool.storage.history.saved` is what a saved screening holds,
:mod:`~ottool.storage.history.sqlite_file` opens the file, :mod:`~ottool.storage.history.migrations`
upgrades it, :mod:`~ottool.storage.history.transfer` exports and imports,
:mod:`~ottool.storage.history.progress` compares screenings,
:mod:`~ottool.storage.history.identity` says which child a name means,
:mod:`~ottool.storage.history.plans` keeps the plans given and
:mod:`~ottool.storage.history.practice` the practice log. No Typer or Rich here:
:mod:`ottool.render.history` shows it.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from ottool.core.errors import InputError
from ottool.core.i18n import _
from ottool.storage.formats import RESULT_FORMAT, AnswerFile, Result, to_data
from ottool.storage.history.migrations import birth_date_of
from ottool.storage.history.saved import SavedScreening, child_key, child_name, result_sha256
from ottool.storage.history.sqlite_file import (
    SQLITE_FULL,
    error_code,
    open_history,
    write_transaction,
)


def save_screening(
    result_data: dict[str, Any],
    answers_data: dict[str, Any],
    content_version: str,
    *,
    child_id: str = "",
    path: Path | None = None,
) -> int:
    """Save a screening result and its answers (and the clinic's id for the child, when
    given); return its number.

    Saving the very same result document again returns the number it already has (and
    gives it ``child_id`` when it was kept without one).
    """
    _check_result(result_data, "the result to save")
    saved_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with open_history(path) as db:
        assert db is not None
        with write_transaction(db):
            number = insert_screening(
                db, saved_at, result_data, answers_data, content_version, child_id=child_id
            )
            if number is None:
                number = _id_of(db, result_data)
                if child_id:
                    db.execute(
                        "UPDATE screenings SET child_id = ? WHERE id = ? AND child_id = ''",
                        (child_id, number),
                    )
        return number


def save_result(
    result: Result, answers: AnswerFile, *, child_id: str = "", path: Path | None = None
) -> int:
    """Save a typed result and the answers behind it; return its number (see
    :func:`save_screening`; the documents are stored as ottool writes them)."""
    import msgspec

    return save_screening(
        msgspec.to_builtins(result),
        to_data(answers),
        result.content_version,
        child_id=child_id,
        path=path,
    )


def saved_number_of(result: Result, *, path: Path | None = None) -> int | None:
    """The number of this very result when it is saved, else None (:func:`saved_number`)."""
    import msgspec

    return saved_number(msgspec.to_builtins(result), path=path)


def saved_number(result_data: dict[str, Any], *, path: Path | None = None) -> int | None:
    """The number of this very result document when it is saved, else None.

    After an interruption this tells the truth about whether a save was committed.
    """
    with open_history(path, create=False, read_only=True) as db:
        if db is None:
            return None
        row = db.execute(
            "SELECT id FROM screenings WHERE result_sha256 = ?", (result_sha256(result_data),)
        ).fetchone()
        return None if row is None else int(row[0])


def list_screenings(
    child: str | None = None,
    *,
    born: str | None = None,
    child_id: str | None = None,
    path: Path | None = None,
) -> list[SavedScreening]:
    """The saved screenings, oldest first; only one child's when ``child`` is given.

    The child's name matches whatever its case and spacing; ``born`` (ISO date) keeps
    only the child of that name born that day (two Leos are two children), and
    ``child_id`` the child with that clinic id (and the records kept without one).
    """
    with open_history(path, create=False, read_only=True) as db:
        if db is None:
            return []
        if child is None:
            rows = db.execute(f"{_SELECT} ORDER BY screened_on, id").fetchall()
        else:
            rows = db.execute(
                f"{_SELECT} WHERE {CHILD_WHERE} ORDER BY screened_on, id",
                child_params(child, born, child_id),
            ).fetchall()
        return [_row(r) for r in rows]


def screenings_page(
    limit: int, page: int = 1, *, path: Path | None = None
) -> tuple[list[SavedScreening], int]:
    """Page ``page`` (from 1) of the saved screenings, ``limit`` a page, newest first (by
    screening date, then the order saved), read through the index by date; and how many
    screenings there are in all."""
    with open_history(path, create=False, read_only=True) as db:
        if db is None:
            return [], 0
        total = int(db.execute("SELECT COUNT(*) FROM screenings").fetchone()[0])
        rows = db.execute(
            f"{_SELECT} ORDER BY screened_on DESC, id DESC LIMIT ? OFFSET ?",
            (limit, limit * (page - 1)),
        ).fetchall()
        return [_row(r) for r in rows], total


def latest_screening(
    child: str, born: str | None = None, child_id: str | None = None, *, path: Path | None = None
) -> SavedScreening | None:
    """The child's latest screening (by screening date, then the order saved), read with
    one indexed query; None when the child has none."""
    with open_history(path, create=False, read_only=True) as db:
        if db is None:
            return None
        row = db.execute(
            f"{_SELECT} WHERE {CHILD_WHERE} ORDER BY screened_on DESC, id DESC LIMIT 1",
            child_params(child, born, child_id),
        ).fetchone()
        return None if row is None else _row(row)


def get_screening(screening_id: int, *, path: Path | None = None) -> SavedScreening:
    """One saved screening by its number; InputError when there is none."""
    _check_number(screening_id)
    with open_history(path, create=False, read_only=True) as db:
        row = None
        if db is not None:
            row = db.execute(f"{_SELECT} WHERE id = ?", (screening_id,)).fetchone()
        if row is None:
            message = _("there is no saved screening {number}; see `ottool history`")
            raise InputError(message.format(number=screening_id))
        return _row(row)


def children(*, path: Path | None = None) -> list[str]:
    """The children's names in the history (as first saved), in order of first screening."""
    names: dict[str, str] = {}
    for s in list_screenings(path=path):
        if s.child:
            names.setdefault(child_key(s.child), s.child)
    return list(names.values())


#: Two birth dates of one name this close are likely one child and a typo (a later
#: screening's date a few days off), not two children (docs/decisions.md).
NEAR_BIRTH_DAYS = 62


def near_birth_dates(name: str | None, born: dt.date, *, path: Path | None = None) -> list[dt.date]:
    """The other birth dates the history holds for a child of this name that are within
    :data:`NEAR_BIRTH_DAYS` of ``born``: a typo to warn about, never merged."""
    if not name or not name.strip():
        return []
    from ottool.storage.history.identity import children

    near = []
    for child in children(path=path, named=name):
        try:
            other = dt.date.fromisoformat(child.birth_date)
        except ValueError:
            continue
        if other != born and abs((other - born).days) <= NEAR_BIRTH_DAYS:
            near.append(other)
    return sorted(set(near))


class Deleted(NamedTuple):
    """What a deletion removed: screenings, plans given and practices logged."""

    screenings: int = 0
    plans: int = 0
    practice: int = 0


def delete_screening(
    screening_id: int, *, path: Path | None = None, notes: list[str] | None = None
) -> bool:
    """Delete one screening for good, with the plans given from it (they hold its
    answers, docs/decisions.md); False when there was no such screening.

    When the deletion is done but wiping the freed space is not (a full disk), a
    sentence saying so is appended to ``notes``; the deletion itself stands.
    """
    _check_number(screening_id)
    return _delete("id = ?", (screening_id,), path, notes, screening=screening_id).screenings > 0


def plans_given_from(screening_id: int, *, path: Path | None = None) -> list[int]:
    """The numbers of the plans given from one screening: linked to it, or holding its
    very result (a plan imported without its screening)."""
    _check_number(screening_id)
    with open_history(path, create=False, read_only=True) as db:
        if db is None:
            return []
        return _plans_from(db, screening_id)


def _plans_from(db: sqlite3.Connection, screening_id: int) -> list[int]:
    row = db.execute(
        "SELECT result_sha256, child_key, birth_date FROM screenings WHERE id = ?",
        (screening_id,),
    ).fetchone()
    if row is None:
        return []
    digest, key, born = row
    found = []
    for number, linked, plan_json in db.execute(
        "SELECT id, screening_id, plan_json FROM plans"
        " WHERE screening_id = ? OR (child_key = ? AND birth_date = ?) ORDER BY id",
        (screening_id, key, born or ""),
    ):
        if linked == screening_id or _holds_result(plan_json, digest):
            found.append(int(number))
    return found


def _holds_result(plan_json: object, digest: object) -> bool:
    plan = _loads_object(plan_json) if isinstance(plan_json, str) else None
    result = None if plan is None else plan.get("result")
    return isinstance(result, dict) and result_sha256(result) == digest


def delete_plan(number: int, *, path: Path | None = None, notes: list[str] | None = None) -> bool:
    """Delete one plan given for good; False when there was no such plan. Its practice
    stays with the child (unlinked), unless the child has nothing else left."""
    if not 1 <= number <= _MAX_NUMBER:
        return False
    return _delete("id = ?", (number,), path, notes, table="plans").plans > 0


def delete_child(
    name: str,
    *,
    born: str | None = None,
    path: Path | None = None,
    notes: list[str] | None = None,
) -> Deleted:
    """Delete every screening, every plan given and the practice log of one child for
    good; how many of each were deleted.

    ``born`` (ISO date) names which child of that name; ``notes`` as for
    :func:`delete_screening`.
    """
    where = "child_key = ? AND (? IS NULL OR birth_date = ?)"
    return _delete(where, (child_key(name), born, born), path, notes, table=None)


def child_records(name: str, *, born: str | None = None, path: Path | None = None) -> Deleted:
    """How many screenings, plans given and practices one child has (what
    :func:`delete_child` would delete)."""
    where = "child_key = ? AND (? IS NULL OR birth_date = ?)"
    params = (child_key(name), born, born)
    with open_history(path, create=False, read_only=True) as db:
        if db is None:
            return Deleted()
        counts = [
            int(db.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}", params).fetchone()[0])
            for table in ("screenings", "plans", "practice")
        ]
    return Deleted(*counts)


#: Screening numbers are SQLite integers: 1 up to 2**63 - 1.


_MAX_NUMBER = 2**63 - 1


def _check_number(screening_id: int) -> None:
    """InputError for a number no screening can have (SQLite cannot even look it up)."""
    if not 1 <= screening_id <= _MAX_NUMBER:
        if abs(screening_id) < 10**30:
            message = _("there is no saved screening {number}; numbers go from 1 up, see {command}")
        else:
            message = _(
                "there is no saved screening with so large a number; numbers go from 1 up, "
                "see {command}"
            )
        raise InputError(message.format(number=screening_id, command="`ottool history`"))


_SELECT = (
    "SELECT id, saved_at, child, screened_on, content_version, result_json, answers_json,"
    " birth_date, child_id FROM screenings"
)
#: One child's records (see :func:`child_params`): by name, birth date and clinic id, the
#: last two when given; records kept without an id go with every id of their child.
CHILD_WHERE = (
    "child_key = ? AND (? IS NULL OR birth_date = ?) AND (? IS NULL OR child_id IN (?, ''))"
)


def child_params(name: str, born: str | None, child_id: str | None) -> tuple[str | None, ...]:
    """The parameters of :data:`CHILD_WHERE`."""
    return (child_key(name), born, born, child_id, child_id)


def _row(row: Sequence[Any]) -> SavedScreening:
    row_id, saved_at, child, screened_on, content_version, result_json, answers_json = row[:7]
    born, child_id = row[7:]
    result = _loads_object(result_json)
    answers = _loads_object(answers_json)
    name = stored_text(child)
    return SavedScreening(
        id=int(row_id),
        saved_at=str(saved_at),
        child=name,
        date=str(screened_on),
        content_version=str(content_version),
        result=result or {},
        answers=answers or {},
        damaged=result is None or answers is None or name != child,
        birth_date=str(born or ""),
        child_id=str(child_id or ""),
    )


def stored_text(value: object) -> str | None:
    """A text column as text: None for NULL, and for what a damaged file holds instead
    (bytes, numbers), so a damaged row is listed as damaged instead of stopping ottool."""
    return value if isinstance(value, str) else None


def _loads_object(text: str) -> dict[str, Any] | None:
    """The JSON object stored in a column; None when it is not one (a damaged row)."""
    try:
        value = json.loads(text)
    except (json.JSONDecodeError, TypeError, ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def insert_screening(
    db: sqlite3.Connection,
    saved_at: str,
    result: dict[str, Any],
    answers: dict[str, Any],
    content_version: str,
    *,
    child_id: str = "",
) -> int | None:
    """Insert one screening; None when the same result is already saved.

    The check comes first: an INSERT that conflicts would still use up a number.
    """
    digest = result_sha256(result)
    if db.execute("SELECT 1 FROM screenings WHERE result_sha256 = ?", (digest,)).fetchone():
        return None
    name = child_name(result)
    stored = json.dumps(result, ensure_ascii=False)
    cursor = db.execute(
        "INSERT INTO screenings (saved_at, child, result_json, answers_json, content_version,"
        " screened_on, child_key, result_sha256, birth_date, child_id)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (result_sha256) DO NOTHING",
        (
            saved_at,
            name,
            stored,
            json.dumps(answers, ensure_ascii=False),
            content_version,
            str(result.get("date") or ""),
            child_key(name),
            digest,
            birth_date_of(stored),
            child_id,
        ),
    )
    return cursor.lastrowid if cursor.rowcount == 1 else None


def _id_of(db: sqlite3.Connection, result: dict[str, Any]) -> int:
    row = db.execute(
        "SELECT id FROM screenings WHERE result_sha256 = ?", (result_sha256(result),)
    ).fetchone()
    return int(row[0])


def _delete(
    where: str,
    params: tuple[Any, ...],
    path: Path | None,
    notes: list[str] | None,
    *,
    table: str | None = "screenings",
    screening: int | None = None,
) -> Deleted:
    """Delete the rows of ``table`` matching ``where`` (of every table, practice too,
    when None), the plans given from ``screening``, and the practice of a child left
    with nothing; then wipe the freed space."""
    with open_history(path, create=False) as db:
        if db is None:
            return Deleted()
        with write_transaction(db):
            plans = [] if screening is None else _plans_from(db, screening)
            practice_before = int(db.execute("SELECT COUNT(*) FROM practice").fetchone()[0])
            count = {"screenings": 0, "plans": 0}
            for name in ("screenings", "plans") if table is None else (table,):
                count[name] = db.execute(f"DELETE FROM {name} WHERE {where}", params).rowcount
            for number in plans:
                count["plans"] += db.execute("DELETE FROM plans WHERE id = ?", (number,)).rowcount
            if table is None:
                db.execute(f"DELETE FROM practice WHERE {where}", params)
            if count["screenings"] or count["plans"]:
                from ottool.storage.history.practice import forget_deleted

                forget_deleted(db)
            practice_after = int(db.execute("SELECT COUNT(*) FROM practice").fetchone()[0])
        deleted = Deleted(count["screenings"], count["plans"], practice_before - practice_after)
        if any(deleted):
            try:
                # secure_delete zeroed the freed pages; fold the WAL back into the file and
                # empty it, rebuild the file without free pages, and empty the WAL again.
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                db.execute("VACUUM")
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error as exc:
                # The deletion is committed: say so, and what is left undone, instead
                # of reporting a failure (VACUUM needs room for a copy of the file).
                why = _("the disk is full") if error_code(exc) == SQLITE_FULL else str(exc)
                if notes is not None:
                    message = _(
                        "the history file could not be compacted afterwards ({why}); "
                        "the deleted data may stay in its free space until a later "
                        "deletion has room to finish"
                    )
                    notes.append(message.format(why=why))
        return deleted


def _check_result(result: Any, where: str) -> dict[str, Any]:
    """``result`` itself when it looks like an ottool-result/1 document with a date.

    ottool's own results are saved as made; imported ones are checked in full.
    """
    from ottool.storage.formats import check_format

    checked = check_format(result, RESULT_FORMAT, where)
    try:
        dt.date.fromisoformat(str(checked.get("date")))
    except ValueError:
        message = _("the result has no valid screening date")
        raise InputError(f"{where}: {message}") from None
    return checked
