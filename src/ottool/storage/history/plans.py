"""Plans given, kept with the child in the history (docs/design.md §11); who the child
is (a name and a birth date) is :mod:`~ottool.storage.history.identity`'s.

A plan is stored as its ``ottool-given-plan/1`` document (``formats.GivenPlan``):
what was chosen, the therapist's edits, notes, weeks, date and therapist, and the
screening's result when it came from one.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ottool.core.errors import InputError
from ottool.core.i18n import _
from ottool.storage.formats import GivenPlan, to_data
from ottool.storage.history.saved import child_key
from ottool.storage.history.sqlite_file import open_history, write_transaction


@dataclass(frozen=True, slots=True)
class SavedPlan:
    """One plan given: when, to whom, by whom, and the given-plan document."""

    id: int
    saved_at: str
    given_on: str
    child: str | None
    birth_date: str
    therapist: str | None
    screening_id: int | None
    data: dict[str, Any]
    damaged: bool = False
    #: The clinic's id for the child, '' when none was given.
    child_id: str = ""

    @property
    def plan(self) -> GivenPlan | None:
        """The stored document read as a GivenPlan; None when it cannot be."""
        import msgspec

        try:
            return msgspec.convert(self.data, GivenPlan)
        except (msgspec.ValidationError, RecursionError):
            return None

    @property
    def activity_ids(self) -> list[str]:
        plan = self.plan
        return [] if plan is None else [a.id for a in plan.activities]


def save_plan(plan: GivenPlan, *, path: Path | None = None) -> int:
    """Keep a plan given with its child; return its number."""
    saved_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with open_history(path) as db:
        assert db is not None
        with write_transaction(db):
            number = insert_plan(db, saved_at, plan)
        assert number is not None
        return number


def insert_plan(
    db: sqlite3.Connection,
    saved_at: str,
    plan: GivenPlan,
    *,
    skip_same: bool = False,
) -> int | None:
    """Insert one plan given; its number. ``skip_same`` (an import): None, and nothing
    added, when the same plan of the same child and day is already kept."""
    data = to_data(plan)
    name = " ".join((plan.child.name or "").split()) or None
    born = plan.child.birth_date.isoformat() if plan.child.birth_date else ""
    child_id = plan.child.id or ""
    stored = json.dumps(data, ensure_ascii=False)
    if (
        skip_same
        and db.execute(
            "SELECT 1 FROM plans WHERE child_key = ? AND birth_date = ? AND given_on = ?"
            " AND plan_json = ?",
            (child_key(name), born, plan.date.isoformat(), stored),
        ).fetchone()
    ):
        return None
    cursor = db.execute(
        "INSERT INTO plans (saved_at, given_on, child, child_key, birth_date, child_id,"
        " therapist, screening_id, plan_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            saved_at,
            plan.date.isoformat(),
            name,
            child_key(name),
            born,
            child_id,
            plan.therapist,
            plan.screening,
            stored,
        ),
    )
    return None if cursor.lastrowid is None else int(cursor.lastrowid)


_SELECT = (
    "SELECT id, saved_at, given_on, child, birth_date, therapist, screening_id, plan_json,"
    " child_id FROM plans"
)


def get_plan(number: int, *, path: Path | None = None) -> SavedPlan:
    """One plan given, by its number; InputError when there is none."""
    row = None
    if 1 <= number <= 2**63 - 1:
        with open_history(path, create=False, read_only=True) as db:
            if db is not None:
                row = db.execute(f"{_SELECT} WHERE id = ?", (number,)).fetchone()
    if row is None:
        message = _("there is no saved plan {number}; see `ottool history`")
        raise InputError(message.format(number=number))
    return _row(row)


def list_plans(
    child: str | None = None,
    *,
    born: str | None = None,
    child_id: str | None = None,
    path: Path | None = None,
) -> list[SavedPlan]:
    """The plans given, oldest first; only one child's when ``child`` is given."""
    with open_history(path, create=False, read_only=True) as db:
        if db is None:
            return []
        if child is None:
            rows = db.execute(f"{_SELECT} ORDER BY given_on, id").fetchall()
        else:
            from ottool.storage.history import CHILD_WHERE, child_params

            rows = db.execute(
                f"{_SELECT} WHERE {CHILD_WHERE} ORDER BY given_on, id",
                child_params(child, born, child_id),
            ).fetchall()
        return [_row(r) for r in rows]


def _row(row: Sequence[Any]) -> SavedPlan:
    number, saved_at, given_on, child, born, therapist, screening_id, plan_json = row[:8]
    child_id = row[8]
    try:
        data = json.loads(plan_json)
    except (json.JSONDecodeError, TypeError, RecursionError):
        data = None
    from ottool.storage.history import stored_text

    name, given_by = stored_text(child), stored_text(therapist)
    linked = screening_id if isinstance(screening_id, int) else None
    return SavedPlan(
        id=int(number),
        saved_at=str(saved_at),
        given_on=str(given_on),
        child=name,
        birth_date=str(born or ""),
        therapist=given_by,
        screening_id=linked,
        data=data if isinstance(data, dict) else {},
        damaged=not isinstance(data, dict)
        or (name, given_by, linked) != (child, therapist, screening_id),
        child_id=str(child_id or ""),
    )
