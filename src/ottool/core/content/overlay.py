"""A clinic's own activities on top of the content (``--extra-data DIR``, docs/clinics.md).

The folder holds an ``activities.yaml`` in the shipped file's shape. Its activities
are checked by the same rules as the shipped ones, against the content's milestones,
warning signs and areas (so a target, an area or an ``avoid_with`` must exist there),
and are added to the content's activities, never replacing one: an id the content
already uses is a problem at the overlay's line. ``Content.extra_activities`` names
the ones that came from the overlay (``ottool activities`` shows where each comes from).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ottool.core.content.checking import ContentChecker, problem_order
from ottool.core.content.models import ACTIVITIES_FILE, Content
from ottool.core.errors import InputError, Problem
from ottool.core.yamlsource import LineDict, LineList, parse_yaml, read_text


@dataclass(frozen=True)
class OverlayCheck:
    """The content with the overlay's activities added (None when any problem), and why."""

    content: Content | None
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    untranslated: dict[str, int]


def read_overlay(folder: Path, shown: str) -> str:
    """The text of the overlay folder's activities.yaml; InputError when there is none."""
    if not folder.is_dir():
        raise InputError([Problem(str(folder), None, "the extra-data folder does not exist")])
    path = folder / ACTIVITIES_FILE
    if not path.exists():
        raise InputError(
            [
                Problem(
                    str(folder),
                    None,
                    f"the extra-data folder has no {ACTIVITIES_FILE}: the clinic's own "
                    "activities go in that file, in the shipped file's shape",
                )
            ]
        )
    return read_text(path, name=shown)


def add_overlay(
    content: Content,
    milestones_raw: Any,
    milestones_file: str,
    shipped_activities_raw: Any,
    shipped_activities_file: str,
    overlay_text: str,
    overlay_file: str,
    *,
    lang: str,
    complete_in: str | None,
    folder: Path,
) -> OverlayCheck:
    """Check the overlay's activities against ``content`` and add them to it."""
    checker = ContentChecker(lang, milestones_file, overlay_file, complete_in)
    try:
        raw = parse_yaml(
            overlay_text,
            overlay_file,
            duplicates=checker.problems,
            content=True,
            warnings=checker.warnings,
        )
    except InputError as exc:
        return OverlayCheck(None, tuple(exc.problems), (), {})
    # The milestones file is valid (the content loaded): only the overlay's problems,
    # and the references of its activities to the milestones, can be found here.
    extra = checker.check(milestones_raw, raw)
    problems = [p for p in checker.problems if p.file == overlay_file]
    problems += _clashes(raw, overlay_file, shipped_activities_raw, shipped_activities_file)
    if problems or extra is None:
        errors = tuple(sorted(problems, key=problem_order)) or (
            Problem(overlay_file, None, "the clinic's activities could not be read"),
        )
        return OverlayCheck(None, errors, (), {})
    warnings = tuple(p for p in checker.warnings if p.file == overlay_file)
    merged = replace(
        content,
        activities=(*content.activities, *extra.activities),
        extra_activities=frozenset(a.id for a in extra.activities),
        extra_data=folder,
    )
    return OverlayCheck(merged, (), warnings, dict(checker.untranslated))


def _clashes(raw: Any, overlay_file: str, shipped_raw: Any, shipped_file: str) -> list[Problem]:
    """An overlay activity whose id a shipped activity has: one problem at the overlay's line."""
    shipped: dict[str, int] = {}
    for entry in _entries(shipped_raw):
        if isinstance(entry.get("id"), str):
            shipped.setdefault(entry["id"], entry.line_of("id"))
    problems = []
    for entry in _entries(raw):
        found = entry.get("id")
        if isinstance(found, str) and found in shipped:
            problems.append(
                Problem(
                    overlay_file,
                    entry.line_of("id"),
                    f"activity '{found}': the content already has an activity with this id "
                    f"({shipped_file}:{shipped[found]}); the clinic's activities are added to "
                    "it, never replace one: give this one an id of its own",
                )
            )
    return problems


def _entries(raw: Any) -> list[LineDict]:
    items = raw.get("activities") if isinstance(raw, LineDict) else None
    if not isinstance(items, LineList):
        return []
    return [e for e in items if isinstance(e, LineDict)]
