"""Moving a history between computers: ``history export`` and ``history import``.

Each line of an export is one document: a screening (``ottool-history/1``,
``formats.HistoryLine``), a plan given (``ottool-history-plan/1``) or a practice logged
(``ottool-history-practice/1``), screenings first, then plans, then practice. A
plan's link to its screening and a practice's link to its plan are numbers of the
history they came from: the import links them again in the history it adds to (a plan
to the screening of the same result, a practice to the plan of its day).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ottool.core.errors import InputError
from ottool.core.i18n import N_, _
from ottool.core.printable import json_text
from ottool.storage.formats import HISTORY_FORMAT as EXPORT_FORMAT
from ottool.storage.formats import (
    HISTORY_PLAN_FORMAT,
    HISTORY_PRACTICE_FORMAT,
    RESULT_FORMAT,
    GivenPlan,
)
from ottool.storage.history import insert_screening, list_screenings
from ottool.storage.history.identity import Child
from ottool.storage.history.import_checks import (
    SeenRecords,
    check_plan,
    check_practice,
    check_result,
    shorten,
)
from ottool.storage.history.sqlite_file import open_history, write_transaction

if TYPE_CHECKING:
    from ottool.core.content import Content

_MAX_IMPORT_BYTES = 256 * 1024 * 1024


class Moved(NamedTuple):
    """How many screenings were exported or added (and skipped), plans and practice too."""

    added: int
    skipped: int = 0
    plans: int = 0
    plans_skipped: int = 0
    practice: int = 0
    practice_skipped: int = 0


def export_jsonl(
    output: Path,
    child: str | None = None,
    *,
    born: str | None = None,
    path: Path | None = None,
    force: bool = False,
    left_out: list[int] | None = None,
) -> Moved:
    """Write the screenings, plans given and practice (or one child's) as JSON Lines,
    private to the user; how many of each were written (``added``: screenings).

    A screening line is ``{"format": "ottool-history/1", "saved_at", "content_version",
    "result", "answers"}``. A damaged screening (its stored result is no longer JSON)
    is left out, never written as an empty result that the import would refuse; its
    number goes into ``left_out``. A damaged plan is left out the same way.
    """
    from ottool.storage.atomic_write import write_output
    from ottool.storage.history.plans import list_plans
    from ottool.storage.history.practice import all_practice, practice_of

    screenings = []
    for saved in list_screenings(child, born=born, path=path):
        if saved.damaged:
            if left_out is not None:
                left_out.append(saved.id)
        else:
            screenings.append(saved)
    lines: list[dict[str, Any]] = [
        {
            "format": EXPORT_FORMAT,
            "saved_at": s.saved_at,
            "content_version": s.content_version,
            "result": s.result,
            "answers": s.answers,
            **({"child_id": s.child_id} if s.child_id else {}),
        }
        for s in screenings
    ]
    plans = [p for p in list_plans(child, born=born, path=path) if p.plan is not None]
    from ottool.storage.history.saved import result_sha256

    digests = {s.id: result_sha256(s.result) for s in screenings}
    lines += [
        {
            "format": HISTORY_PLAN_FORMAT,
            "saved_at": p.saved_at,
            "plan": p.data,
            "screening_sha256": digests.get(p.screening_id) if p.screening_id else None,
        }
        for p in plans
    ]
    if child is None:
        practice = all_practice(path=path)
    else:
        # Each child of that name once (a clinic id tells two apart), each entry once.
        practice = list(
            {
                e.id: e
                for found in _named(child, born, path)
                for e in practice_of(found, path=path)
            }.values()
        )
    lines += [
        {
            "format": HISTORY_PRACTICE_FORMAT,
            "logged_at": e.logged_at,
            "child": {
                "name": e.child.name or None,
                "birth_date": e.child.born,
                **({"id": e.child.child_id} if e.child.child_id else {}),
            },
            "activity": e.activity,
            "date": e.date.isoformat(),
            "minutes": e.minutes,
        }
        for e in practice
    ]
    text = "".join(f"{json_text(line, indent=None)}\n" for line in lines)
    write_output(output, text, private=True, force=force)
    return Moved(len(screenings), plans=len(plans), practice=len(practice))


def _named(child: str, born: str | None, path: Path | None) -> list[Any]:
    from ottool.storage.history.identity import children
    from ottool.storage.history.saved import child_key

    return [
        c
        for c in children(path=path)
        if c.key == child_key(child) and (born is None or c.birth_date == born)
    ]


@dataclass(frozen=True)
class _Entries:
    screenings: list[tuple[str, str, dict[str, Any], dict[str, Any], str]]
    plans: list[tuple[str, GivenPlan, str | None]]
    practice: list[Any]
    #: "file:line" of each practice, for the checks made against the history.
    practice_lines: list[str] = field(default_factory=list)


def _check_known_child(db: Any, entry: Any, where: str) -> None:
    """InputError for practice of a child with no screening and no plan given: `ottool
    log` only logs for a child of the history."""
    child = entry.child
    found = db.execute(
        "SELECT 1 FROM screenings WHERE child_key = ? AND birth_date = ?"
        " UNION ALL SELECT 1 FROM plans WHERE child_key = ? AND birth_date = ? LIMIT 1",
        (child.key, child.birth_date, child.key, child.birth_date),
    ).fetchone()
    if found is None:
        message = _(
            "this practice is for {child}, who has no screening and no plan given in the "
            "file or in the history"
        )
        who = Child(shorten(child.name), child.birth_date).described()
        raise InputError(f"{where}: " + message.format(child=who))


def import_jsonl(
    source: Path, *, path: Path | None = None, content: Content | None = None
) -> Moved:
    """Add the screenings, plans given and practice of an exported history; how many of
    each were added, and how many were skipped as already there.

    Every line is checked before anything is added, as the command that makes such a
    record checks it (:mod:`~ottool.storage.history.import_checks`, against ``content``,
    the default content when None), so a bad file adds nothing: all or nothing.
    """
    from ottool.core.yamlsource import read_text
    from ottool.storage.history.plans import insert_plan
    from ottool.storage.history.practice import check_day_total, insert_entry

    if content is None:
        from ottool.core.content import load_content

        content = load_content()
    text = read_text(source, max_bytes=_MAX_IMPORT_BYTES)
    entries = _Entries([], [], [])
    seen = SeenRecords()
    # JSON Lines end at "\n" only: str.splitlines() would also split at U+2028, U+0085
    # and other characters that JSON may hold raw inside a string (a name, a note).
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            _read_line(line.removesuffix("\r"), f"{source}", number, entries, content, seen)
    added = plans = practice = 0
    with open_history(path) as db:
        assert db is not None
        with write_transaction(db):
            for saved_at, content_version, result, answers, child_id in entries.screenings:
                if (
                    insert_screening(
                        db, saved_at, result, answers, content_version, child_id=child_id
                    )
                    is not None
                ):
                    added += 1
            for saved_at, plan, digest in entries.plans:
                plan = _linked(db, plan, digest)
                if insert_plan(db, saved_at, plan, skip_same=True) is not None:
                    plans += 1
            # Practice last: its child must have a screening or plan (added above or
            # already kept), and its day's minutes count what is already logged.
            for entry, where in zip(entries.practice, entries.practice_lines, strict=True):
                _check_known_child(db, entry, where)
                try:
                    check_day_total(db, entry.child, entry.activity, entry.date, entry.minutes)
                except InputError as exc:  # rolled back: nothing is added
                    raise InputError(f"{where}: {exc.problems[0].message}") from None
                practice += insert_entry(db, entry)
    return Moved(
        added,
        len(entries.screenings) - added,
        plans,
        len(entries.plans) - plans,
        practice,
        len(entries.practice) - practice,
    )


def _linked(db: Any, plan: GivenPlan, digest: str | None) -> GivenPlan:
    """The plan with its screening's number in this history (the screening whose result
    has the sha256 ``digest``), or none."""
    import msgspec

    number = None
    if digest is not None:
        row = db.execute("SELECT id FROM screenings WHERE result_sha256 = ?", (digest,)).fetchone()
        number = None if row is None else int(row[0])
    return msgspec.structs.replace(plan, screening=number)


def _read_line(
    line: str, file: str, number: int, entries: _Entries, content: Content, seen: SeenRecords
) -> None:
    """One line of an export, checked field by field against its format, then as the
    command that makes such a record checks it."""
    from ottool.storage.formats import decode_json

    data = decode_json(line, file, line=number)
    kind = data.get("format") if isinstance(data, dict) else None
    where = f"{file}:{number}"
    if kind == HISTORY_PLAN_FORMAT:
        saved_at, plan, digest = _plan_entry(data, file, number)
        check_plan(plan, content, where)
        entries.plans.append((saved_at, plan, digest))
    elif kind == HISTORY_PRACTICE_FORMAT:
        entry = _practice_entry(data, file, number)
        check_practice(entry, content, where)
        key = (entry.child.key, entry.child.birth_date, entry.activity, entry.date, entry.logged_at)
        seen.add(key, entry.minutes, number, where, entry.logged_at)
        entries.practice.append(entry)
        entries.practice_lines.append(where)
    else:
        screening = _import_entry(data, file, number)
        check_result(screening[2], content, where)
        entries.screenings.append(screening)


def _import_entry(
    data: Any, file: str, number: int
) -> tuple[str, str, dict[str, Any], dict[str, Any], str]:
    """A screening line, checked against ``formats.HistoryLine``."""
    from ottool.storage.formats import HistoryLine, check_format, convert

    entry = check_format(data, EXPORT_FORMAT, file, line=number)
    check_format(entry.get("result"), RESULT_FORMAT, file, line=number)
    checked = convert(entry, HistoryLine, file, N_("this screening"), line=number)
    content_version = checked.content_version
    if content_version is None:
        content_version = checked.result.content_version
    # Store the documents exactly as exported: the result's hash finds duplicates.
    return (
        entry["saved_at"],
        content_version,
        entry["result"],
        entry.get("answers", {}),
        checked.child_id or "",
    )


def _plan_entry(data: dict[str, Any], file: str, number: int) -> tuple[str, GivenPlan, str | None]:
    from ottool.storage.formats import HistoryPlanLine, check_format, convert

    check_format(data.get("plan"), "ottool-given-plan/1", file, line=number)
    checked = convert(data, HistoryPlanLine, file, N_("this plan"), line=number)
    return str(data["saved_at"]), checked.plan, checked.screening_sha256


def _practice_entry(data: dict[str, Any], file: str, number: int) -> Any:
    from ottool.storage.formats import HistoryPracticeLine, convert
    from ottool.storage.history.identity import Child
    from ottool.storage.history.practice import PracticeEntry

    checked = convert(data, HistoryPracticeLine, file, N_("this practice"), line=number)
    born = checked.child.birth_date
    child = Child(
        " ".join((checked.child.name or "").split()),
        born.isoformat() if born else "",
        checked.child.id or "",
    )
    return PracticeEntry(
        id=0,
        logged_at=str(data["logged_at"]),
        child=child,
        plan_id=None,
        screening_id=None,
        activity=checked.activity,
        date=checked.date,
        minutes=checked.minutes,
    )
