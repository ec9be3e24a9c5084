"""Moving a history between computers: ``history export`` and ``history import``.

Each line of an export is one ``ottool-history/1`` document (``formats.HistoryLine``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ottool.core.i18n import N_
from ottool.core.printable import json_text
from ottool.storage.formats import HISTORY_FORMAT as EXPORT_FORMAT
from ottool.storage.formats import RESULT_FORMAT
from ottool.storage.history import insert_screening, list_screenings
from ottool.storage.history.sqlite_file import open_history, write_transaction

_MAX_IMPORT_BYTES = 256 * 1024 * 1024


def export_jsonl(
    output: Path,
    child: str | None = None,
    *,
    born: str | None = None,
    path: Path | None = None,
    force: bool = False,
    left_out: list[int] | None = None,
) -> int:
    """Write the screenings (or one child's) as JSON Lines, private to the user.

    Each line is ``{"format": "ottool-history/1", "saved_at", "content_version",
    "result", "answers"}``. Returns how many screenings were written. A damaged
    screening (its stored result is no longer JSON) is left out, never written as an
    empty result that the import would refuse; its number goes into ``left_out``.
    """
    from ottool.storage.atomic_write import write_output

    screenings = []
    for saved in list_screenings(child, born=born, path=path):
        if saved.damaged:
            if left_out is not None:
                left_out.append(saved.id)
        else:
            screenings.append(saved)
    lines = [
        json_text(
            {
                "format": EXPORT_FORMAT,
                "saved_at": s.saved_at,
                "content_version": s.content_version,
                "result": s.result,
                "answers": s.answers,
            },
            indent=None,
        )
        for s in screenings
    ]
    write_output(output, "".join(f"{line}\n" for line in lines), private=True, force=force)
    return len(screenings)


def import_jsonl(source: Path, *, path: Path | None = None) -> tuple[int, int]:
    """Add the screenings of an exported history; return (added, skipped as duplicates).

    Every line is checked before anything is added, so a bad file adds nothing.
    """
    from ottool.core.yamlsource import read_text

    text = read_text(source, max_bytes=_MAX_IMPORT_BYTES)
    # JSON Lines end at "\n" only: str.splitlines() would also split at U+2028, U+0085
    # and other characters that JSON may hold raw inside a string (a name, a note).
    entries = [
        _import_entry(line.removesuffix("\r"), f"{source}", number)
        for number, line in enumerate(text.split("\n"), start=1)
        if line.strip()
    ]
    added = 0
    with open_history(path) as db:
        assert db is not None
        with write_transaction(db):
            for saved_at, content_version, result, answers in entries:
                if insert_screening(db, saved_at, result, answers, content_version) is not None:
                    added += 1
    return added, len(entries) - added


def _import_entry(
    line: str, file: str, number: int
) -> tuple[str, str, dict[str, Any], dict[str, Any]]:
    """One line of an export, checked field by field against ``formats.HistoryLine``."""
    from ottool.storage.formats import HistoryLine, check_format, convert, decode_json

    data = decode_json(line, file, line=number)
    entry = check_format(data, EXPORT_FORMAT, file, line=number)
    check_format(entry.get("result"), RESULT_FORMAT, file, line=number)
    checked = convert(entry, HistoryLine, file, N_("this screening"), line=number)
    content_version = checked.content_version
    if content_version is None:
        content_version = checked.result.content_version
    # Store the documents exactly as exported: the result's hash finds duplicates.
    return entry["saved_at"], content_version, entry["result"], entry.get("answers", {})
