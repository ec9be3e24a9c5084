"""Who a child of the history is: a name and a birth date, so that two Leos are two
children. Every command taking ``--child NAME`` (and ``--born DATE`` to choose) asks
here which child it means.

Names are matched by :func:`~ottool.storage.history.saved.child_key`: trimmed, inner
spaces collapsed, Unicode NFC and case-folded, so "Zoé" typed with one accented letter
or with an "e" and a combining accent is one child. The children are read with one
query over the indexed columns (no stored document decoded), so this stays quick in a
history of thousands of screenings.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ottool.core.errors import InputError, did_you_mean
from ottool.core.i18n import _
from ottool.storage.history.saved import child_key
from ottool.storage.history.sqlite_file import open_history


@dataclass(frozen=True, slots=True)
class Child:
    """A child of the history: a name and a birth date (ISO; '' when no record says)."""

    name: str
    birth_date: str

    @property
    def born(self) -> str | None:
        return self.birth_date or None

    @property
    def key(self) -> str:
        """The name as matched (:func:`~ottool.storage.history.saved.child_key`)."""
        return child_key(self.name)

    def described(self) -> str:
        """'Leo (born 2025-03-01)', as a list of children names them; a child saved
        without a name is 'a child with no name (born 2025-03-01)'."""
        if not self.name:
            return _("a child with no name (born {date})").format(date=self.birth_date)
        if not self.birth_date:
            return self.name
        return _("{name} (born {date})").format(name=self.name, date=self.birth_date)


def children(*, path: Path | None = None, named: str | None = None) -> list[Child]:
    """Every child of the history (screenings and plans given), in order of first
    record; only those called ``named`` when given. A name typed two ways (case,
    spaces, Unicode form) is one child."""
    key = None if named is None else child_key(named)
    with open_history(path, create=False, read_only=True) as db:
        if db is None:
            return []
        # Grouped by SQLite over the index by child (no stored document is read), then
        # the name of each child's first record, by its number.
        firsts: dict[tuple[str, str], tuple[str, int, int]] = {}
        for order, table, day in ((0, "screenings", "screened_on"), (1, "plans", "given_on")):
            rows = db.execute(
                f"SELECT child_key, birth_date, MIN({day} || ' ' || printf('%020d', id))"
                f" FROM {table} WHERE (child_key != '' OR IFNULL(birth_date, '') != '')"
                " AND (? IS NULL OR child_key = ?)"
                " GROUP BY child_key, birth_date",
                (key, key),
            ).fetchall()
            for found_key, born, first in rows:
                when, number = str(first).rsplit(" ", 1)
                record = (when, order, int(number))
                which = (str(found_key), str(born or ""))
                if which not in firsts or record < firsts[which]:
                    firsts[which] = record
        names: dict[tuple[int, int], str] = {}
        for which_table, table in ((0, "screenings"), (1, "plans")):
            numbers = [n for _w, k, n in firsts.values() if k == which_table]
            for start in range(0, len(numbers), 500):
                part = numbers[start : start + 500]
                marks = ", ".join("?" * len(part))
                for number, name in db.execute(
                    f"SELECT id, child FROM {table} WHERE id IN ({marks})", part
                ):
                    names[(which_table, int(number))] = "" if name is None else str(name)
    ordered = sorted(firsts.items(), key=lambda item: item[1])
    return [
        Child(names.get((kind, number), ""), born)
        for (_key, born), (_when, kind, number) in ordered
    ]


def is_known(name: str, *, path: Path | None = None) -> bool:
    """Whether any child of the history is called ``name``."""
    return bool(children(path=path, named=name))


def find_child(name: str, born: str | None = None, *, path: Path | None = None) -> Child:
    """The one child called ``name`` (born on ``born`` when given).

    InputError when no child has that name, or when the name belongs to children with
    different birth dates and ``born`` does not say which: the message lists them.
    """
    return _find(name, born, children(path=path, named=name), path)


def choose_child(name: str | None, born: str | None = None, *, path: Path | None = None) -> Child:
    """The child ``--child NAME`` (and ``--born DATE``) means; with no name, the history's
    only child (of that birth date, when ``born`` is given).

    InputError when the history is empty, when no child matches, or when several do
    (the message lists them with their birth dates and says which option chooses).
    """
    if name is not None:
        named = children(path=path, named=name)
        if named:
            return _find(name, born, named, path)
    everyone = children(path=path)
    if not everyone:
        raise InputError(_("No screenings are saved yet. Save one at the end of `ottool screen`."))
    if name is not None:
        return _find(name, born, everyone, path)
    matches = [c for c in everyone if born is None or c.birth_date == born]
    if len(matches) == 1:
        return matches[0]
    message = _(
        "there are several children in the history ({children}); add --child NAME or --born DATE"
    )
    if not matches:
        message = _("no child in the history was born on {date} ({children})")
    raise InputError(
        message.format(date=born, children=", ".join(c.described() for c in matches or everyone))
    )


def _find(name: str, born: str | None, everyone: list[Child], path: Path | None) -> Child:
    """The child called ``name`` among ``everyone`` (or the whole history's children,
    for the message when there is none)."""
    named = [c for c in everyone if c.key == child_key(name)]
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
        names = list(dict.fromkeys(c.name for c in children(path=path)))
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
