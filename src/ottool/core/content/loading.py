"""Where the content lives, and loading it: files in, a checked Content (or problems) out.

The parsed and checked result of the same files is kept for the rest of the process,
so the many callers that load the content (each command, each test) pay once.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ottool.core.content.checking import ContentChecker, coverage_gaps, problem_order
from ottool.core.content.models import (
    ACTIVITIES_FILE,
    DEFAULT_LANGUAGE,
    MILESTONES_FILE,
    Content,
    Report,
)
from ottool.core.errors import InputError, Problem
from ottool.core.yamlsource import parse_yaml, read_text


def default_data_dir() -> Path:
    """The content shipped with ottool (inside the wheel, or the repository's data/)."""
    packaged = Path(str(resources.files("ottool"))) / "data"
    if (packaged / MILESTONES_FILE).is_file():
        return packaged
    return Path(__file__).resolve().parents[4] / "data"  # a source checkout


def resolve_data_dir(option: Path | None = None) -> Path:
    """``--data-dir`` wins, then ``OTTOOL_DATA_DIR``, then the shipped content."""
    if option is not None:
        return option
    env = os.environ.get("OTTOOL_DATA_DIR")
    return Path(env) if env else default_data_dir()


def load_content(
    data_dir: Path | None = None, *, lang: str = DEFAULT_LANGUAGE, extra: Path | None = None
) -> Content:
    """Load valid content or raise :class:`InputError` listing every problem.

    Text missing in ``lang`` falls back to English, so a family never meets a gap;
    ``check_content(..., complete_in=lang)`` is what finds such gaps. ``extra``: a
    clinic's folder of its own activities, added to the content's (see ``overlay``).
    """
    report = check_content(data_dir, lang=lang, extra=extra)
    if report.content is None:
        raise InputError(report.errors)
    return report.content


def check_content(
    data_dir: Path | None = None,
    *,
    lang: str = DEFAULT_LANGUAGE,
    complete_in: str | None = None,
    extra: Path | None = None,
) -> Report:
    """Check both content files and return the content (if valid), errors and warnings.

    With ``complete_in`` (a language code such as ``"es"``), every human-readable field
    without text in that language is a problem too (``ottool validate --language es``).
    With ``extra`` (``--extra-data DIR``), the activities.yaml there is checked against
    the content and its activities are added to it (:mod:`~ottool.core.content.overlay`).
    """
    folder = resolve_data_dir(data_dir)
    if not folder.is_dir():
        return Report(None, (Problem(str(folder), None, "the content folder does not exist"),))
    names = {name: display_path(folder / name) for name in (MILESTONES_FILE, ACTIVITIES_FILE)}
    texts: dict[str, str] = {}
    problems: list[Problem] = []
    for name, shown in names.items():
        try:
            texts[name] = read_text(folder / name, name=shown)
        except InputError as exc:
            problems.extend(exc.problems)
    if extra is not None:
        from ottool.core.content.overlay import read_overlay

        names[OVERLAY] = display_path(extra / ACTIVITIES_FILE)
        try:
            texts[OVERLAY] = read_overlay(extra, names[OVERLAY])
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:  # a file could not be read: nothing worth remembering
        return _check_texts(folder, names, texts, lang, complete_in, problems)
    # Reading is cheap, parsing and checking are not (tens of milliseconds): the same
    # bytes, shown under the same names, in the same language always give the same
    # (immutable) report, so a process that loads the content again reuses it.
    key = (str(folder), str(extra), *names.values(), lang, complete_in, *texts.values())
    report = _REPORTS.get(key)
    if report is None:
        report = _check_texts(folder, names, texts, lang, complete_in, problems)
        if extra is not None and report.content is not None:
            report = _with_overlay(report, names, texts, lang, complete_in, extra)
        if len(_REPORTS) >= _REPORTS_KEPT:
            del _REPORTS[next(iter(_REPORTS))]  # the oldest
        _REPORTS[key] = report
    return report


#: The key of a clinic's activities file (``--extra-data``) among the texts read.
OVERLAY = "extra activities"


def _with_overlay(
    report: Report,
    names: dict[str, str],
    texts: dict[str, str],
    lang: str,
    complete_in: str | None,
    extra: Path,
) -> Report:
    """The valid ``report``'s content with the clinic's activities added, or their problems."""
    from ottool.core.content.overlay import add_overlay

    assert report.content is not None
    raw = {
        name: parse_yaml(texts[name], names[name], duplicates=[], content=True)
        for name in (MILESTONES_FILE, ACTIVITIES_FILE)
    }
    checked = add_overlay(
        report.content,
        raw[MILESTONES_FILE],
        names[MILESTONES_FILE],
        raw[ACTIVITIES_FILE],
        names[ACTIVITIES_FILE],
        texts[OVERLAY],
        names[OVERLAY],
        lang=lang,
        complete_in=complete_in,
        folder=extra,
    )
    if checked.content is None:
        return Report(None, checked.errors)
    untranslated = dict(report.untranslated)
    for code, count in checked.untranslated.items():
        untranslated[code] = untranslated.get(code, 0) + count
    version = hashlib.sha256((report.content.version + texts[OVERLAY]).encode()).hexdigest()[:12]
    return Report(
        replace(checked.content, version=version),
        (),
        (*report.warnings, *checked.warnings),
        untranslated=MappingProxyType(untranslated),
    )


#: Reports of content already checked in this process, oldest first (see check_content).
_REPORTS: dict[tuple[str | None, ...], Report] = {}
_REPORTS_KEPT = 16


def forget_checked_content() -> None:
    """Forget every report kept by check_content: the next check reads from scratch."""
    _REPORTS.clear()


def _check_texts(
    folder: Path,
    names: dict[str, str],
    texts: dict[str, str],
    lang: str,
    complete_in: str | None,
    problems: list[Problem],
) -> Report:
    """Parse and check the files' texts (``problems``: those found while reading)."""
    checker = ContentChecker(lang, names[MILESTONES_FILE], names[ACTIVITIES_FILE], complete_in)
    checker.problems.extend(problems)
    digest = hashlib.sha256()
    raw: dict[str, Any] = {}
    for name, text in texts.items():
        if name == OVERLAY:  # checked against the content once it is valid
            continue
        digest.update(text.encode())
        try:
            raw[name] = parse_yaml(
                text,
                names[name],
                duplicates=checker.problems,
                content=True,
                warnings=checker.warnings,
            )
        except InputError as exc:
            checker.problems.extend(exc.problems)
    content = checker.check(raw.get(MILESTONES_FILE), raw.get(ACTIVITIES_FILE))
    errors = tuple(sorted(checker.problems, key=problem_order))
    if errors or content is None:
        return Report(None, errors or (Problem(None, None, "the content could not be read"),))
    content = replace(content, version=digest.hexdigest()[:12], data_dir=folder)
    gaps = coverage_gaps(content, names[ACTIVITIES_FILE], names[MILESTONES_FILE])
    warnings = sorted(checker.warnings, key=problem_order)
    return Report(
        content, (), (*warnings, *gaps), untranslated=MappingProxyType(dict(checker.untranslated))
    )


def display_path(path: Path) -> str:
    """A path as short as it can be: relative to the working folder when inside it.

    From the file system's root every path is "inside"; there the path stays whole, so
    that ``/tmp/data`` never reads as ``tmp/data``. A path that cannot be resolved (a
    symbolic-link loop, a working folder that is gone) is shown as given.
    """
    try:
        cwd = Path.cwd().resolve()
        if cwd == Path(cwd.anchor):
            return str(path.resolve()) if path.is_absolute() else str(path)
        return str(path.resolve().relative_to(cwd))
    except (ValueError, RuntimeError, OSError):  # outside it; a symlink loop; cwd gone
        return str(path)
