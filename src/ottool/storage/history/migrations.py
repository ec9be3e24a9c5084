"""The history's schema, versioned with ``PRAGMA user_version`` and upgraded in place.

``MIGRATIONS[n]`` upgrades a history from version ``n`` to ``n + 1``; a history of a
greater version than :data:`SCHEMA_VERSION` was written by a newer ottool.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from ottool.storage.history.saved import child_key, child_name, result_sha256

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
        except (json.JSONDecodeError, TypeError, RecursionError):
            result = {}  # a damaged row is kept as it is; reading it says it is damaged
        if not isinstance(result, dict):
            result = {}
        digest = result_sha256(result) if result else None
        if digest in seen:
            digest = None
        if digest is not None:
            seen.add(digest)
        name = child if child is not None else child_name(result)
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


_V3 = """
ALTER TABLE screenings ADD COLUMN birth_date TEXT NOT NULL DEFAULT '';
CREATE TABLE plans (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    saved_at TEXT NOT NULL,
    given_on TEXT NOT NULL,
    child TEXT,
    child_key TEXT NOT NULL DEFAULT '',
    birth_date TEXT NOT NULL DEFAULT '',
    therapist TEXT,
    screening_id INTEGER,
    plan_json TEXT NOT NULL
);
CREATE INDEX plans_by_child ON plans (child_key, birth_date, given_on, id);
DROP INDEX screenings_by_child;
CREATE INDEX screenings_by_child ON screenings (child_key, birth_date, screened_on, id);
"""


def _migrate_to_3(db: sqlite3.Connection) -> None:
    """Version 3: a child is a name and a birth date (two Leos are two children), and the
    plans a therapist gave are kept (``plans``, one given-plan document a row).

    The birth date of each saved screening is read from its ``result_json``; a row whose
    result cannot be read keeps an empty one (it is listed under its name alone).
    """
    for statement in _split(_V3):
        db.execute(statement)
    rows = db.execute("SELECT id, result_json FROM screenings").fetchall()
    for row_id, result_json in rows:
        db.execute(
            "UPDATE screenings SET birth_date = ? WHERE id = ?",
            (birth_date_of(result_json), row_id),
        )


_V4 = """
CREATE TABLE practice (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    logged_at TEXT NOT NULL,
    child TEXT,
    child_key TEXT NOT NULL DEFAULT '',
    birth_date TEXT NOT NULL DEFAULT '',
    plan_id INTEGER,
    screening_id INTEGER,
    activity TEXT NOT NULL,
    practiced_on TEXT NOT NULL,
    minutes INTEGER
);
CREATE INDEX practice_by_child ON practice (child_key, birth_date, practiced_on, id);
CREATE INDEX screenings_by_date ON screenings (screened_on, id);
"""


def _migrate_to_4(db: sqlite3.Connection) -> None:
    """Version 4: the practice log (``ottool log``), one row a practiced activity a day.

    Each row names the child (name, key and birth date) and the plan it followed: a
    plan given (``plan_id``) or a saved screening's plan (``screening_id``). The
    screenings and plans are kept as they are; their ``child_key`` is worked out again
    with Unicode NFC (a name typed two ways is one child), and an index by screening
    date lets a long history be listed newest first a page at a time.
    """
    for statement in _split(_V4):
        db.execute(statement)
    for table in ("screenings", "plans"):
        rows = db.execute(f"SELECT id, child, child_key FROM {table}").fetchall()
        for row_id, child, key in rows:
            if child is not None and child_key(child) != key:
                db.execute(
                    f"UPDATE {table} SET child_key = ? WHERE id = ?", (child_key(child), row_id)
                )


_V5 = """
ALTER TABLE screenings ADD COLUMN child_id TEXT NOT NULL DEFAULT '';
ALTER TABLE plans ADD COLUMN child_id TEXT NOT NULL DEFAULT '';
ALTER TABLE practice ADD COLUMN child_id TEXT NOT NULL DEFAULT ''
"""


def _migrate_to_5(db: sqlite3.Connection) -> None:
    """Version 5: a clinic's own id for the child (``--child-id``), optional, beside the
    name and birth date of every screening, plan given and practice logged; it tells
    apart two children of the same name born the same day. Every record kept so far
    has none (''), and nothing else changes."""
    for statement in _split(_V5):
        db.execute(statement)


def birth_date_of(result_json: str) -> str:
    """The child's birth date (ISO) in a stored result, or '' when it cannot be read."""
    try:
        result = json.loads(result_json)
    except (json.JSONDecodeError, TypeError, RecursionError):
        return ""
    child = result.get("child") if isinstance(result, dict) else None
    born = child.get("birth_date") if isinstance(child, dict) else None
    return born if isinstance(born, str) else ""


#: The columns of the screenings table at each schema version.


_V1_COLUMNS = {"id", "saved_at", "child", "result_json", "answers_json"}


COLUMNS: dict[int, set[str]] = {
    1: _V1_COLUMNS,
    2: _V1_COLUMNS | {"content_version", "screened_on", "child_key", "result_sha256"},
    3: _V1_COLUMNS | {"content_version", "screened_on", "child_key", "result_sha256", "birth_date"},
}
COLUMNS[4] = COLUMNS[3]
COLUMNS[5] = COLUMNS[4] | {"child_id"}

#: ``MIGRATIONS[n]`` upgrades a history from version ``n`` to ``n + 1``.


MIGRATIONS: tuple[Callable[[sqlite3.Connection], None], ...] = (
    _migrate_to_1,
    _migrate_to_2,
    _migrate_to_3,
    _migrate_to_4,
    _migrate_to_5,
)


SCHEMA_VERSION = len(MIGRATIONS)


def _split(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
