"""Which child a command means: children are told apart by name and birth date.

Two children may share a name (twins are not, but cousins and a clinic's families
are): a ``--child NAME`` that matches two birth dates is an error that lists them,
and ``--born DATE`` chooses one. With no name, the history's only child is meant.
The children are read with one query (no result documents decoded), so this stays
quick in a history of thousands of screenings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ottool.errors import InputError
from ottool.history.saved import SavedScreening, child_key
from ottool.history.sqlite_file import open_history
from ottool.i18n import _


@dataclass(frozen=True, slots=True)
class ChildId:
    """One child of the history: the name as first saved and the birth date."""

    name: str | None
    birth_date: dt.date | None

    @property
    def key(self) -> str:
        return child_key(self.name)

    def owns(self, screening: SavedScreening) -> bool:
        """True when ``screening`` is this child's (same name key and birth date)."""
        return child_key(screening.child) == self.key and _birth_date(screening) == self.birth_date


def children_in_history(*, path: Path | None = None) -> list[ChildId]:
    """Every child of the history (name and birth date), in order of first screening."""
    with open_history(path, create=False, read_only=True) as db:
        if db is None:
            return []
        rows = db.execute(
            "SELECT child, child_key, json_extract(result_json, '$.child.birth_date') AS born,"
            " MIN(screened_on || printf('%020d', id)) AS first FROM screenings"
            " GROUP BY child_key, born ORDER BY first"
        ).fetchall()
    return [ChildId(child if child else None, _date(born)) for child, _key, born, _first in rows]


def choose_child(
    name: str | None, born: dt.date | None = None, *, path: Path | None = None
) -> ChildId:
    """The child ``name`` (and ``born``) means; InputError when none or several match.

    With no name: the only child in the history (an error when there are several).
    """
    known = children_in_history(path=path)
    if not known:
        raise InputError(_("No screenings are saved yet. Save one at the end of `ottool screen`."))
    if name is None:
        matches = [c for c in known if born is None or c.birth_date == born]
        if len(matches) == 1:
            return matches[0]
        message = _("there are several children in the history ({children}); add --child NAME")
        raise InputError(message.format(children=_list(matches or known)))
    matches = [c for c in known if c.key == child_key(name)]
    if not matches:
        from ottool.errors import did_you_mean

        names = [c.name for c in known if c.name]
        message = _("there are no saved screenings for '{child}'").format(child=name)
        if names:
            known_names = _(" (children in the history: {names})").format(names=", ".join(names))
            message += did_you_mean(name, names) + known_names
        raise InputError(message)
    if born is not None:
        chosen = [c for c in matches if c.birth_date == born]
        if not chosen:
            message = _("no child named '{child}' was born on {date}: {children}")
            raise InputError(
                message.format(child=name, date=born.isoformat(), children=_list(matches))
            )
        matches = chosen
    if len(matches) > 1:
        message = _(
            "two or more children are called '{child}': {children}; add --born YYYY-MM-DD "
            "to choose one"
        )
        raise InputError(message.format(child=name, children=_list(matches)))
    return matches[0]


def _list(children: list[ChildId]) -> str:
    """'Mia (born 2026-01-10), Mia (born 2024-07-02)'."""
    unnamed = _("(no name)")
    born = _("{name} (born {date})")
    return ", ".join(
        born.format(name=c.name or unnamed, date=c.birth_date.isoformat() if c.birth_date else "?")
        for c in children
    )


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def _birth_date(screening: SavedScreening) -> dt.date | None:
    child = screening.result.get("child")
    return _date(child.get("birth_date")) if isinstance(child, dict) else None
