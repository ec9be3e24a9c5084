"""Who a child of the history is: a name and a birth date, so that two Leos are two
children, and an optional clinic id (``--child-id``) for two children of one name born
the same day. Every command taking ``--child NAME`` (and ``--born DATE`` or
``--child-id ID`` to choose) asks here which child it means.

Records kept without an id belong to the child of that name and birth date; when
records of that name and birth date carry one id, those without belong to that child
too (a clinic that starts giving ids later keeps its earlier records with the child),
and when they carry several, to each of them (docs/decisions.md).

Names are matched by :func:`~ottool.storage.history.saved.child_key`: trimmed, inner
spaces collapsed, Unicode NFC and case-folded, so "Zoé" typed with one accented letter
or with an "e" and a combining accent is one child. The children are read with one
query over the indexed columns (no stored document decoded), so this stays quick in a
history of thousands of screenings.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ottool.core.errors import InputError, did_you_mean
from ottool.core.i18n import _
from ottool.storage.history.saved import child_key
from ottool.storage.history.sqlite_file import open_history


@dataclass(frozen=True, slots=True)
class Child:
    """A child of the history: a name, a birth date (ISO; '' when no record says) and
    the clinic's id ('' when none was given)."""

    name: str
    birth_date: str
    child_id: str = ""

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
        if self.child_id:
            return _("{name} (born {date}, id {id})").format(
                name=self.name or _("a child with no name"),
                date=self.birth_date or "?",
                id=self.child_id,
            )
        if not self.name:
            return _("a child with no name (born {date})").format(date=self.birth_date)
        if not self.birth_date:
            return self.name
        return _("{name} (born {date})").format(name=self.name, date=self.birth_date)

    def where(self, table: str = "") -> tuple[str, tuple[str, ...]]:
        """The SQL condition (and its parameters) of this child's records: the name and
        birth date, and the id or none (records kept without one)."""
        at = f"{table}." if table else ""
        where = f"{at}child_key = ? AND {at}birth_date = ?"
        if not self.child_id:
            return where, (self.key, self.birth_date)
        return f"{where} AND {at}child_id IN (?, '')", (self.key, self.birth_date, self.child_id)


def children(*, path: Path | None = None, named: str | None = None) -> list[Child]:
    """Every child of the history (screenings and plans given), in order of first
    record; only those called ``named`` when given. A name typed two ways (case,
    spaces, Unicode form) is one child; records without an id go with the one child of
    their name and birth date that has an id, when there is one."""
    key = None if named is None else child_key(named)
    with open_history(path, create=False, read_only=True) as db:
        if db is None:
            return []
        # Grouped by SQLite over the index by child (no stored document is read), then
        # the name of each child's first record, by its number.
        firsts: dict[tuple[str, str, str], tuple[str, int, int]] = {}
        for order, table, day in ((0, "screenings", "screened_on"), (1, "plans", "given_on")):
            rows = db.execute(
                f"SELECT child_key, birth_date, child_id,"
                f" MIN({day} || ' ' || printf('%020d', id))"
                f" FROM {table} WHERE (child_key != '' OR IFNULL(birth_date, '') != ''"
                " OR child_id != '') AND (? IS NULL OR child_key = ?)"
                " GROUP BY child_key, birth_date, child_id",
                (key, key),
            ).fetchall()
            for found_key, born, child_id, first in rows:
                when, number = str(first).rsplit(" ", 1)
                record = (when, order, int(number))
                which = (str(found_key), str(born or ""), str(child_id or ""))
                if which not in firsts or record < firsts[which]:
                    firsts[which] = record
        _merge_without_id(firsts)
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
        Child(names.get((kind, number), ""), born, child_id)
        for (_key, born, child_id), (_when, kind, number) in ordered
    ]


def _merge_without_id(firsts: dict[tuple[str, str, str], tuple[str, int, int]]) -> None:
    """Records of a name and birth date kept without an id belong to the child of that
    name and birth date with an id, when only one has one (its first record is the
    earlier of the two); with several, they stay apart (listed as the child without an
    id, whose records every one of them shares)."""
    with_id: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for which in firsts:
        if which[2]:
            with_id.setdefault(which[:2], []).append(which)
    for (key, born), ided in with_id.items():
        bare = (key, born, "")
        if bare in firsts and len(ided) == 1:
            firsts[ided[0]] = min(firsts[ided[0]], firsts.pop(bare))


def is_known(name: str, *, path: Path | None = None) -> bool:
    """Whether any child of the history is called ``name``."""
    return bool(children(path=path, named=name))


def find_child(
    name: str, born: str | None = None, child_id: str | None = None, *, path: Path | None = None
) -> Child:
    """The one child called ``name`` (born on ``born``, with the clinic id ``child_id``,
    when given).

    InputError when no child has that name, or when the name belongs to several
    children and ``born`` (or ``child_id``) does not say which: the message lists them.
    """
    return _find(name, born, child_id, children(path=path, named=name), path)


def choose_child(
    name: str | None,
    born: str | None = None,
    child_id: str | None = None,
    *,
    path: Path | None = None,
) -> Child:
    """The child ``--child NAME`` (and ``--born DATE``, ``--child-id ID``) means; with no
    name, the history's only child (of that birth date and id, when given).

    InputError when the history is empty, when no child matches, or when several do
    (the message lists them with their birth dates and ids and says which option
    chooses).
    """
    if name is not None:
        named = children(path=path, named=name)
        if named:
            return _find(name, born, child_id, named, path)
    everyone = children(path=path)
    if not everyone:
        raise InputError(_("No screenings are saved yet. Save one at the end of `ottool screen`."))
    if name is not None:
        return _find(name, born, child_id, everyone, path)
    matches = [c for c in everyone if born is None or c.birth_date == born]
    if child_id is not None:
        matches = [c for c in matches if c.child_id == child_id]
        if not matches:
            message = _("no child in the history has the id '{id}' ({children})")
            raise InputError(
                message.format(id=child_id, children=", ".join(c.described() for c in everyone))
            )
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


def _find(
    name: str,
    born: str | None,
    child_id: str | None,
    everyone: list[Child],
    path: Path | None,
) -> Child:
    """The child called ``name`` among ``everyone`` (or the whole history's children,
    for the message when there is none)."""
    named = [c for c in everyone if c.key == child_key(name)]
    if born is not None:
        dated = [c for c in named if c.birth_date == born]
        if dated:
            named = dated
        elif named:
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
    if child_id is not None:
        same = [c for c in named if c.child_id == child_id]
        # A child whose records carry no id yet takes the id given from now on.
        bare = [replace(c, child_id=child_id) for c in named if not c.child_id]
        if not same and len(bare) != 1:
            message = _("no child called '{name}' has the id '{id}' (in the history: {children})")
            raise InputError(
                message.format(
                    name=name, id=child_id, children=", ".join(c.described() for c in named)
                )
            )
        named = same or bare
    dated = [c for c in named if c.birth_date] or named
    if len(dated) > 1:
        if len({c.birth_date for c in dated}) == 1:
            message = _(
                "'{name}' is the name of {count} children born the same day in the "
                "history: {children}; add --child-id ID to say which"
            )
        else:
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
