"""Plans given, kept with the child in the history (docs/design.md §11), and who a
child is: a name and a birth date, so that two Leos are two children.

A plan is stored as its ``ottool-given-plan/1`` document (``formats.GivenPlan``):
what was chosen, the therapist's edits, notes, weeks, date and therapist, and the
screening's result when it came from one.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ottool.core.errors import InputError, did_you_mean
from ottool.core.i18n import _
from ottool.storage.formats import GivenPlan, to_data
from ottool.storage.history.saved import child_key
from ottool.storage.history.sqlite_file import open_history, write_transaction


@dataclass(frozen=True, slots=True)
class Child:
    """A child of the history: a name and a birth date (ISO; '' when no record says)."""

    name: str
    birth_date: str

    @property
    def born(self) -> str | None:
        return self.birth_date or None

    def described(self) -> str:
        """'Leo (born 2025-03-01)', as a list of children names them."""
        if not self.birth_date:
            return self.name
        return _("{name} (born {date})").format(name=self.name, date=self.birth_date)


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
    data = to_data(plan)
    name = " ".join((plan.child.name or "").split()) or None
    born = plan.child.birth_date.isoformat() if plan.child.birth_date else ""
    saved_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with open_history(path) as db:
        assert db is not None
        with write_transaction(db):
            cursor = db.execute(
                "INSERT INTO plans (saved_at, given_on, child, child_key, birth_date, therapist,"
                " screening_id, plan_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    saved_at,
                    plan.date.isoformat(),
                    name,
                    child_key(name),
                    born,
                    plan.therapist,
                    plan.screening,
                    json.dumps(data, ensure_ascii=False),
                ),
            )
        assert cursor.lastrowid is not None
        return int(cursor.lastrowid)


_SELECT = (
    "SELECT id, saved_at, given_on, child, birth_date, therapist, screening_id, plan_json"
    " FROM plans"
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
    child: str | None = None, *, born: str | None = None, path: Path | None = None
) -> list[SavedPlan]:
    """The plans given, oldest first; only one child's when ``child`` is given."""
    with open_history(path, create=False, read_only=True) as db:
        if db is None:
            return []
        if child is None:
            rows = db.execute(f"{_SELECT} ORDER BY given_on, id").fetchall()
        else:
            rows = db.execute(
                f"{_SELECT} WHERE child_key = ? AND (? IS NULL OR birth_date = ?)"
                " ORDER BY given_on, id",
                (child_key(child), born, born),
            ).fetchall()
        return [_row(r) for r in rows]


def children(*, path: Path | None = None) -> list[Child]:
    """Every child of the history (screenings and plans), in order of first record."""
    found: dict[tuple[str, str], Child] = {}
    with open_history(path, create=False, read_only=True) as db:
        if db is None:
            return []
        rows = db.execute(
            "SELECT child, birth_date, screened_on, 0, id FROM screenings WHERE child IS NOT NULL"
            " UNION ALL SELECT child, birth_date, given_on, 1, id FROM plans"
            " WHERE child IS NOT NULL ORDER BY 3, 4, 5"
        ).fetchall()
    for name, born, *_rest in rows:
        found.setdefault((child_key(name), str(born or "")), Child(str(name), str(born or "")))
    return list(found.values())


def find_child(name: str, born: str | None = None, *, path: Path | None = None) -> Child:
    """The one child called ``name`` (born on ``born`` when given).

    InputError when no child has that name, or when the name belongs to children with
    different birth dates and ``born`` does not say which: the message lists them.
    """
    everyone = children(path=path)
    named = [c for c in everyone if child_key(c.name) == child_key(name)]
    if born is not None:
        dated = [c for c in named if c.birth_date == born]
        if dated:
            return dated[0]
        if named:
            message = _("no child called '{name}' was born on {date} (in the history: {children})")
            raise InputError(
                message.format(
                    name=name, date=born, children=", ".join(c.described() for c in named)
                )
            )
    if not named:
        message = _("there is no child called '{name}' in the history")
        names = list(dict.fromkeys(c.name for c in everyone))
        if names:
            message += did_you_mean(name, names) + _(" (children in the history: {names})")
        raise InputError(message.format(name=name, names=", ".join(names)))
    dated = [c for c in named if c.birth_date] or named
    if len(dated) > 1:
        message = _(
            "'{name}' is the name of {count} children in the history: {children}; "
            "add --born DATE to say which"
        )
        raise InputError(
            message.format(
                name=name, count=len(dated), children=", ".join(c.described() for c in dated)
            )
        )
    return dated[0]


def _row(row: Sequence[Any]) -> SavedPlan:
    number, saved_at, given_on, child, born, therapist, screening_id, plan_json = row
    try:
        data = json.loads(plan_json)
    except (json.JSONDecodeError, TypeError, RecursionError):
        data = None
    return SavedPlan(
        id=int(number),
        saved_at=str(saved_at),
        given_on=str(given_on),
        child=child,
        birth_date=str(born or ""),
        therapist=therapist,
        screening_id=None if screening_id is None else int(screening_id),
        data=data if isinstance(data, dict) else {},
        damaged=not isinstance(data, dict),
    )
