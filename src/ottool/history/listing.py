"""A long history a page at a time: the latest screenings first, read with one indexed
query, so that `ottool history` answers at once even with ten thousand saved."""

from __future__ import annotations

from pathlib import Path

from ottool.history import _SELECT, _row
from ottool.history.saved import SavedScreening
from ottool.history.sqlite_file import open_history


def latest_screenings(
    limit: int, page: int = 1, *, path: Path | None = None
) -> tuple[list[SavedScreening], int]:
    """Page ``page`` (from 1) of the screenings, ``limit`` a page, newest first (by
    screening date, then the order saved); and how many there are in all."""
    with open_history(path, create=False, read_only=True) as db:
        if db is None:
            return [], 0
        total = int(db.execute("SELECT COUNT(*) FROM screenings").fetchone()[0])
        rows = db.execute(
            f"{_SELECT} ORDER BY screened_on DESC, id DESC LIMIT ? OFFSET ?",
            (limit, limit * (page - 1)),
        ).fetchall()
    return [_row(r) for r in rows], total
