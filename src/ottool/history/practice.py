"""The practice log: which home activity a child practiced on which day (``ottool log``).

Kept in the history database (table ``practice``, schema version 3), one row per
activity practiced on a day, naming the child (name and birth date) and the saved
screening whose plan it followed. Practice is a child's like the screenings are:
deleting all of a child's screenings deletes their practice too, and deleting one
screening keeps the practice but forgets the link.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ottool.errors import InputError
from ottool.history.identity import ChildId
from ottool.history.sqlite_file import open_history, write_transaction
from ottool.i18n import _

#: Minutes of one practice: a whole day at most.
MAX_MINUTES = 24 * 60


@dataclass(frozen=True, slots=True)
class PracticeEntry:
    """One logged practice."""

    id: int
    logged_at: str  # ISO 8601, UTC
    child: ChildId
    screening_id: int | None  # the saved screening whose plan it followed
    activity: str
    date: dt.date
    minutes: int | None


def current_screening(child: ChildId, on: dt.date, *, path: Path | None = None) -> int | None:
    """The number of the child's latest saved screening on or before ``on`` (its plan is
    the one practiced), else None."""
    with open_history(path, create=False, read_only=True) as db:
        if db is None:
            return None
        row = db.execute(
            "SELECT id FROM screenings WHERE child_key = ?"
            " AND json_extract(result_json, '$.child.birth_date') IS ?"
            " AND screened_on <= ? ORDER BY screened_on DESC, id DESC LIMIT 1",
            (child.key, _iso(child.birth_date), on.isoformat()),
        ).fetchone()
    return None if row is None else int(row[0])


def log_practice(
    child: ChildId,
    activity: str,
    on: dt.date,
    minutes: int | None = None,
    *,
    screening_id: int | None = None,
    today: dt.date | None = None,
    path: Path | None = None,
) -> PracticeEntry:
    """Log one practice; InputError for a date in the future or before the birth date."""
    today = today or dt.date.today()
    if on > today:
        raise InputError(
            _("{date} is in the future; log practice on or before today").format(
                date=on.isoformat()
            )
        )
    if child.birth_date is not None and on < child.birth_date:
        message = _("{date} is before the child's birth date ({birth})")
        raise InputError(message.format(date=on.isoformat(), birth=child.birth_date.isoformat()))
    if minutes is not None and not 0 < minutes <= MAX_MINUTES:
        message = _("--minutes must be between 1 and {most} (a day), not {minutes}")
        raise InputError(message.format(most=MAX_MINUTES, minutes=minutes))
    logged_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with open_history(path) as db:
        assert db is not None
        with write_transaction(db):
            cursor = db.execute(
                "INSERT INTO practice (logged_at, child, child_key, birth_date, screening_id,"
                " activity, practiced_on, minutes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    logged_at,
                    child.name,
                    child.key,
                    _iso(child.birth_date) or "",
                    screening_id,
                    activity,
                    on.isoformat(),
                    minutes,
                ),
            )
            number = int(cursor.lastrowid or 0)
    return PracticeEntry(number, logged_at, child, screening_id, activity, on, minutes)


def undo_last(child: ChildId | None = None, *, path: Path | None = None) -> PracticeEntry | None:
    """Delete the last logged practice (of ``child``, or anyone's); None when there is none."""
    with open_history(path, create=False) as db:
        if db is None:
            return None
        with write_transaction(db):
            where, params = _whose(child)
            row = db.execute(f"{_SELECT} {where} ORDER BY id DESC LIMIT 1", params).fetchone()
            if row is None:
                return None
            db.execute("DELETE FROM practice WHERE id = ?", (row[0],))
        return _entry(row)


def practice_of(child: ChildId, *, path: Path | None = None) -> list[PracticeEntry]:
    """The child's logged practice, oldest first."""
    with open_history(path, create=False, read_only=True) as db:
        if db is None:
            return []
        where, params = _whose(child)
        rows = db.execute(f"{_SELECT} {where} ORDER BY practiced_on, id", params).fetchall()
    return [_entry(r) for r in rows]


def forget_deleted(db: sqlite3.Connection) -> None:
    """After screenings were deleted: drop the practice of children with no screening
    left, and unlink practice from screenings that are gone."""
    db.execute(
        "DELETE FROM practice WHERE NOT EXISTS (SELECT 1 FROM screenings s WHERE"
        " s.child_key = practice.child_key"
        " AND IFNULL(json_extract(s.result_json, '$.child.birth_date'), '') = practice.birth_date)"
    )
    db.execute(
        "UPDATE practice SET screening_id = NULL WHERE screening_id IS NOT NULL"
        " AND screening_id NOT IN (SELECT id FROM screenings)"
    )


_SELECT = (
    "SELECT id, logged_at, child, birth_date, screening_id, activity, practiced_on, minutes"
    " FROM practice"
)


def _whose(child: ChildId | None) -> tuple[str, tuple[Any, ...]]:
    if child is None:
        return "", ()
    return "WHERE child_key = ? AND birth_date = ?", (child.key, _iso(child.birth_date) or "")


def _entry(row: Sequence[Any]) -> PracticeEntry:
    number, logged_at, child, born, screening_id, activity, on, minutes = row
    birth = dt.date.fromisoformat(born) if born else None
    return PracticeEntry(
        id=int(number),
        logged_at=str(logged_at),
        child=ChildId(child, birth),
        screening_id=None if screening_id is None else int(screening_id),
        activity=str(activity),
        date=dt.date.fromisoformat(str(on)),
        minutes=None if minutes is None else int(minutes),
    )


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()
