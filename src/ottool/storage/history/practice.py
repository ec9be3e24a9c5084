"""The practice log: which home activity a child practiced on which day (``ottool log``).

Kept in the history database (table ``practice``, schema version 4), one row a logged
practice, naming the child (name and birth date, :mod:`~ottool.storage.history.identity`)
and the plan it followed: the latest plan a therapist gave (``plans``) or, when none is
newer, the latest saved screening's plan. Practice is the child's like the screenings:
deleting a child deletes their practice too, and deleting one screening or plan keeps
the practice but forgets the link.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from ottool.core.errors import InputError
from ottool.core.i18n import _
from ottool.storage.history.identity import Child
from ottool.storage.history.sqlite_file import open_history, write_transaction

#: Minutes of one activity on one day, all its practices together: four hours, twice
#: the most a plan may give (core.plan_edits.MAX_MINUTES_A_DAY); more is a typo or a
#: forged record (docs/decisions.md, "A day of practice").
MAX_MINUTES = 4 * 60
#: Minutes of all activities on one day together: twelve hours, a child's waking day.
MAX_MINUTES_ALL_DAY = 12 * 60


@dataclass(frozen=True, slots=True)
class PlannedActivity:
    """One activity of a plan and its dose in days a week (None: the content's own);
    a clinic's own activity also has its card's title, as given."""

    id: str
    days_per_week: int | None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class CurrentPlan:
    """The plan a child is practicing: a plan given or a saved screening's plan."""

    kind: Literal["plan", "screening"]
    number: int
    date: dt.date  # the day it was given, or the screening's date
    activities: tuple[PlannedActivity, ...]

    @property
    def activity_ids(self) -> list[str]:
        return [a.id for a in self.activities]

    @property
    def names(self) -> dict[str, str]:
        """The titles the plan keeps (a clinic's own activities), by id."""
        return {a.id: a.name for a in self.activities if a.name}


@dataclass(frozen=True, slots=True)
class PracticeEntry:
    """One logged practice."""

    id: int
    logged_at: str  # ISO 8601, UTC
    child: Child
    plan_id: int | None  # the plan given it followed
    screening_id: int | None  # or the saved screening whose plan it followed
    activity: str
    date: dt.date
    minutes: int | None


def current_plan(child: Child, on: dt.date, *, path: Path | None = None) -> CurrentPlan | None:
    """The plan ``child`` is practicing on ``on``: the latest plan given or saved screening
    on or before that day (a plan given the same day as a screening wins: it came after);
    None when neither is saved."""
    from ottool.storage.history import get_screening
    from ottool.storage.history.plans import get_plan

    with open_history(path, create=False, read_only=True) as db:
        if db is None:
            return None
        found = _plan_of_day(db, child, on)
    if found is None:
        return None
    kind, number = found
    if kind == "plan":
        saved_plan = get_plan(number, path=path)
        document = saved_plan.plan
        planned = () if document is None else document.activities
        return CurrentPlan(
            "plan",
            saved_plan.id,
            dt.date.fromisoformat(saved_plan.given_on),
            tuple(
                PlannedActivity(a.id, a.days_per_week or a.card_days_per_week, a.name)
                for a in planned
            ),
        )
    saved = get_screening(number, path=path)
    result = saved.parsed
    try:
        day = dt.date.fromisoformat(saved.date)
    except ValueError:
        day = None
    if result is None or day is None:
        return None  # a damaged screening has no plan to practice (history says so)
    return CurrentPlan(
        "screening",
        saved.id,
        day,
        tuple(PlannedActivity(a.id, a.days_per_week) for a in result.plan.activities),
    )


def _plan_of_day(
    db: sqlite3.Connection, child: Child, on: dt.date
) -> tuple[Literal["plan", "screening"], int] | None:
    """Which plan ``child`` practiced on ``on``: ("plan", number) for a plan given,
    ("screening", number) for a saved screening's plan, None when neither is saved."""
    whose, params = child.where()
    given = db.execute(
        f"SELECT id, given_on FROM plans WHERE {whose}"
        " AND given_on <= ? ORDER BY given_on DESC, id DESC LIMIT 1",
        (*params, on.isoformat()),
    ).fetchone()
    screened = db.execute(
        f"SELECT id, screened_on FROM screenings WHERE {whose}"
        " AND screened_on <= ? ORDER BY screened_on DESC, id DESC LIMIT 1",
        (*params, on.isoformat()),
    ).fetchone()
    if given is not None and (screened is None or str(given[1]) >= str(screened[1])):
        return "plan", int(given[0])
    if screened is None:
        return None
    return "screening", int(screened[0])


def log_practice(
    child: Child,
    activity: str,
    on: dt.date,
    minutes: int | None = None,
    *,
    plan: CurrentPlan | None = None,
    today: dt.date | None = None,
    path: Path | None = None,
) -> PracticeEntry:
    """Log one practice of ``activity`` on ``on``, following ``plan``.

    InputError for a day in the future or before the child's birth date, and for
    minutes outside 1 to a day's worth.
    """
    check_day(child, on, minutes, today=today)
    plan_id = plan.number if plan is not None and plan.kind == "plan" else None
    screening_id = plan.number if plan is not None and plan.kind == "screening" else None
    logged_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with open_history(path) as db:
        assert db is not None
        with write_transaction(db):
            check_day_total(db, child, activity, on, minutes)
            cursor = db.execute(
                "INSERT INTO practice (logged_at, child, child_key, birth_date, child_id,"
                " plan_id, screening_id, activity, practiced_on, minutes)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    logged_at,
                    child.name,
                    child.key,
                    child.birth_date,
                    child.child_id,
                    plan_id,
                    screening_id,
                    activity,
                    on.isoformat(),
                    minutes,
                ),
            )
            number = int(cursor.lastrowid or 0)
    return PracticeEntry(number, logged_at, child, plan_id, screening_id, activity, on, minutes)


def check_day(
    child: Child,
    on: dt.date,
    minutes: int | None,
    *,
    today: dt.date | None = None,
    option: str = "--minutes",
) -> None:
    """InputError for a day in the future or before the child's birth date, and for
    minutes outside 1 to :data:`MAX_MINUTES` (``option`` names them)."""
    today = today or dt.date.today()
    if on > today:
        message = _("{date} is in the future; log practice on or before today")
        raise InputError(message.format(date=on.isoformat()))
    if child.birth_date and on.isoformat() < child.birth_date:
        message = _("{date} is before the child's birth date ({birth})")
        raise InputError(message.format(date=on.isoformat(), birth=child.birth_date))
    if minutes is not None and not 0 < minutes <= MAX_MINUTES:
        message = _("{option} must be between 1 and {most} (four hours), not {minutes}")
        raise InputError(message.format(option=option, most=MAX_MINUTES, minutes=minutes))


def check_day_total(
    db: sqlite3.Connection, child: Child, activity: str, on: dt.date, minutes: int | None
) -> None:
    """InputError when ``minutes`` more on ``on`` would make more than :data:`MAX_MINUTES`
    of ``activity`` or :data:`MAX_MINUTES_ALL_DAY` of all activities that day."""
    if minutes is None:
        return
    same, everything = db.execute(
        "SELECT IFNULL(SUM(CASE WHEN activity = ? THEN minutes END), 0),"
        " IFNULL(SUM(minutes), 0) FROM practice"
        " WHERE child_key = ? AND birth_date = ? AND practiced_on = ?",
        (activity, child.key, child.birth_date, on.isoformat()),
    ).fetchone()
    if int(same) + minutes > MAX_MINUTES:
        message = _(
            "{minutes} more minutes of {activity} on {date} would make {total} that day; "
            "one activity is at most {most} minutes (four hours) a day"
        )
        total, most = int(same) + minutes, MAX_MINUTES
    elif int(everything) + minutes > MAX_MINUTES_ALL_DAY:
        message = _(
            "{minutes} more minutes on {date} would make {total} minutes of practice that "
            "day; all activities together are at most {most} minutes (twelve hours) a day"
        )
        total, most = int(everything) + minutes, MAX_MINUTES_ALL_DAY
    else:
        return
    raise InputError(
        message.format(
            minutes=minutes, activity=activity, date=on.isoformat(), total=total, most=most
        )
    )


def undo_last(child: Child | None = None, *, path: Path | None = None) -> PracticeEntry | None:
    """Delete the last practice logged (``child``'s, or anyone's); None when there is none."""
    with open_history(path, create=False) as db:
        if db is None:
            return None
        with write_transaction(db):
            where, params = _whose(child)
            rows = db.execute(f"{_SELECT} {where} ORDER BY id DESC", params).fetchall()
            # The last entry that can be read (a damaged one is never undone blindly).
            last = next(iter(_readable(rows[:1]) or _readable(rows)), None)
            if last is None:
                return None
            db.execute("DELETE FROM practice WHERE id = ?", (last.id,))
        return last


def practice_of(child: Child, *, path: Path | None = None) -> list[PracticeEntry]:
    """The child's logged practice, oldest first (by day, then the order logged)."""
    with open_history(path, create=False, read_only=True) as db:
        if db is None:
            return []
        where, params = _whose(child)
        rows = db.execute(f"{_SELECT} {where} ORDER BY practiced_on, id", params).fetchall()
    return _readable(rows)


def all_practice(*, path: Path | None = None) -> list[PracticeEntry]:
    """Every logged practice of every child, oldest first (for export)."""
    with open_history(path, create=False, read_only=True) as db:
        if db is None:
            return []
        rows = db.execute(f"{_SELECT} ORDER BY practiced_on, id").fetchall()
    return _readable(rows)


def insert_entry(db: sqlite3.Connection, entry: PracticeEntry) -> bool:
    """Add a practice read from an export, linked to the plan of its day in this history
    (the numbers of the other history mean nothing here); False when the same practice
    is already logged."""
    child, on = entry.child, entry.date.isoformat()
    whose, params = child.where()
    found = db.execute(
        f"SELECT 1 FROM practice WHERE {whose} AND activity = ?"
        " AND practiced_on = ? AND logged_at = ? AND minutes IS ?",
        (*params, entry.activity, on, entry.logged_at, entry.minutes),
    ).fetchone()
    if found:
        return False
    plan = _plan_of_day(db, child, entry.date)
    plan_id = plan[1] if plan is not None and plan[0] == "plan" else None
    screening_id = plan[1] if plan is not None and plan[0] == "screening" else None
    db.execute(
        "INSERT INTO practice (logged_at, child, child_key, birth_date, child_id, plan_id,"
        " screening_id, activity, practiced_on, minutes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            entry.logged_at,
            child.name,
            child.key,
            child.birth_date,
            child.child_id,
            plan_id,
            screening_id,
            entry.activity,
            on,
            entry.minutes,
        ),
    )
    return True


def forget_deleted(db: sqlite3.Connection) -> None:
    """After screenings or plans were deleted: drop the practice of children with no
    screening or plan left, and unlink practice from the ones that are gone."""
    db.execute(
        "DELETE FROM practice WHERE NOT EXISTS (SELECT 1 FROM screenings s"
        " WHERE s.child_key = practice.child_key AND s.birth_date = practice.birth_date)"
        " AND NOT EXISTS (SELECT 1 FROM plans p"
        " WHERE p.child_key = practice.child_key AND p.birth_date = practice.birth_date)"
    )
    db.execute(
        "UPDATE practice SET screening_id = NULL WHERE screening_id IS NOT NULL"
        " AND screening_id NOT IN (SELECT id FROM screenings)"
    )
    db.execute(
        "UPDATE practice SET plan_id = NULL WHERE plan_id IS NOT NULL"
        " AND plan_id NOT IN (SELECT id FROM plans)"
    )


_SELECT = (
    "SELECT id, logged_at, child, birth_date, plan_id, screening_id, activity, practiced_on,"
    " minutes, child_id FROM practice"
)


def _whose(child: Child | None) -> tuple[str, tuple[Any, ...]]:
    if child is None:
        return "", ()
    whose, params = child.where()
    return f"WHERE {whose}", params


def _readable(rows: Sequence[Sequence[Any]]) -> list[PracticeEntry]:
    """The entries of ``rows`` that can be read: a damaged cell (minutes 'abc', a day
    '2026-13-45', edited by hand or a broken disk) leaves its entry out, never stopping
    progress, the summary or an export of everything else."""
    found = []
    for row in rows:
        try:
            found.append(_entry(row))
        except (TypeError, ValueError):
            continue
    return found


def _entry(row: Sequence[Any]) -> PracticeEntry:
    number, logged_at, child, born, plan_id, screening_id, activity, on, minutes, child_id = row
    return PracticeEntry(
        id=int(number),
        logged_at=str(logged_at),
        child=Child(str(child or ""), str(born or ""), str(child_id or "")),
        plan_id=None if plan_id is None else int(plan_id),
        screening_id=None if screening_id is None else int(screening_id),
        activity=str(activity),
        date=dt.date.fromisoformat(str(on)),
        minutes=None if minutes is None else int(minutes),
    )
