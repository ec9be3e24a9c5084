"""The references between content entries: ids used once, and the areas, milestones,
warning signs, routines and referral kinds an entry names all exist.

:class:`ReferenceChecker` is the part of :class:`~ottool.core.content.checking.ContentChecker`
that compares entries with each other; a mistyped id gets a "did you mean".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ottool.core.content.fields import Entries, EntryChecker
from ottool.core.errors import did_you_mean
from ottool.core.vocabulary import REFERRAL_KINDS, ROUTINES
from ottool.core.yamlsource import LineDict, LineList


def has_list(root: LineDict | None, key: str) -> bool:
    """Whether ``root`` holds a list under ``key`` (a wrong shape is reported elsewhere)."""
    return root is not None and isinstance(root.get(key), LineList)


def text_items(entry: LineDict, key: str) -> Iterator[tuple[str, int]]:
    """The well-formed ids in the list under ``key`` (when it is one), each with its line.

    A malformed id is reported as such already; it is not reported again as unknown.
    """
    items = entry.get(key)
    if isinstance(items, LineList):
        for i, item in enumerate(items):
            if isinstance(item, str) and re.fullmatch(r"[a-z0-9_-]+", item):
                yield item, items.lines[i] if i < len(items.lines) else items.line


#: How alike a mistyped id must be to a known one for "did you mean" (ids share a
#: pattern, so unrelated ones look alike to difflib's default 0.6).
ID_CUTOFF = 0.8


class ReferenceChecker(EntryChecker):
    """Checks that what one entry names exists, and that each id is used once."""

    def __init__(self, lang: str, m_file: str, a_file: str, complete_in: str | None) -> None:
        super().__init__(lang, complete_in)
        self.m_file = m_file
        self.a_file = a_file

    def _failed_references(
        self,
        milestones: Entries,
        signs: Entries,
        activities: Entries,
        domain_ids: list[str],
        milestone_by_id: dict[str, Any],
    ) -> None:
        """Unknown areas and targets of entries left out for another problem."""
        for owner, entry in milestones.failed:
            domain = entry.get("domain")
            if isinstance(domain, str):
                self._known_domain(milestones, owner, domain, entry.line_of("domain"), domain_ids)
        for group in (signs, activities):
            for owner, entry in group.failed:
                for domain, line in text_items(entry, "domains"):
                    self._known_domain(group, owner, domain, line, domain_ids)
        sign_ids = [w.id for w, _ in signs.items]
        for owner, entry in activities.failed:
            for target, line in text_items(entry, "targets"):
                if target not in milestone_by_id and target not in self.broken.get("milestone", ()):
                    self._unknown_target(owner, target, line, milestone_by_id)
            self._activity_references(owner, entry, milestone_by_id, sign_ids, set())

    def _activity_references(
        self,
        owner: str,
        entry: LineDict,
        milestone_by_id: dict[str, Any],
        sign_ids: list[str],
        targets: set[str],
    ) -> None:
        """An activity's ``requires`` (milestones), ``avoid_with`` (signs) and routines."""
        for required, line in text_items(entry, "requires"):
            if required in targets:
                self.problem(
                    self.a_file,
                    line,
                    f"activity '{owner}': requires '{required}', which it also targets "
                    "(it could never be chosen to practice it); remove one of the two",
                )
            elif required not in milestone_by_id and required not in self.broken.get(
                "milestone", ()
            ):
                self.problem(
                    self.a_file,
                    line,
                    f"activity '{owner}': requires '{required}', which is not a known "
                    "milestone" + did_you_mean(required, milestone_by_id, cutoff=ID_CUTOFF),
                )
        for sign, line in text_items(entry, "avoid_with"):
            if sign not in sign_ids and sign not in self.broken.get("warning sign", ()):
                self.problem(
                    self.a_file,
                    line,
                    f"activity '{owner}': avoid_with '{sign}' is not a known warning sign"
                    + did_you_mean(sign, sign_ids, cutoff=ID_CUTOFF),
                )
        for routine, line in text_items(entry, "routines"):
            if routine not in ROUTINES:
                self.problem(
                    self.a_file,
                    line,
                    f"activity '{owner}': routine '{routine}' is not a known routine"
                    + did_you_mean(routine, ROUTINES, cutoff=ID_CUTOFF)
                    + f" (known: {', '.join(ROUTINES)})",
                )

    def _referrals(
        self, root: LineDict | None, referrals: Entries, referring: tuple[Entries, ...]
    ) -> None:
        """Every shipped referral kind has its words, and every ``refer`` names a kind."""
        if root is None:
            return
        known = [r.id for r, _ in referrals.items]
        if "referrals" in root and not has_list(root, "referrals"):
            return  # the list itself is reported; its references are not checked
        if "referrals" not in root:
            self.problem(
                self.m_file,
                root.line,
                "missing the list 'referrals' (the words for each referral kind: "
                + ", ".join(REFERRAL_KINDS)
                + "; docs/content.md)",
            )
            return  # one problem, not one for every refer
        broken = self.broken.get("referral", set())
        missing = [k for k in REFERRAL_KINDS if k not in known and k not in broken]
        if missing:
            self.problem(
                self.m_file,
                root.line_of("referrals"),
                "referrals: no entry for "
                + ", ".join(f"'{k}'" for k in missing)
                + " (results name every shipped referral kind: each needs its words; "
                "docs/content.md)",
            )
        for group in referring:
            entries = [(item.id, entry) for item, entry in group.items]
            for owner, entry in (*entries, *group.failed):
                for kind, line in text_items(entry, "refer"):
                    if kind not in known and kind not in broken:
                        self.problem(
                            group.file,
                            line,
                            f"{group.kind} '{owner}': refer '{kind}' is not a known referral "
                            "kind" + did_you_mean(kind, known) + f" (known: {', '.join(known)})",
                        )

    def _unknown_target(
        self, owner: str, target: str, line: int, milestone_by_id: dict[str, Any]
    ) -> None:
        self.problem(
            self.a_file,
            line,
            f"activity '{owner}': target '{target}' is not a known milestone"
            + did_you_mean(target, milestone_by_id, cutoff=ID_CUTOFF),
        )

    def _unique(self, *groups: Entries) -> None:
        """Each id once; a second use names both lines and, when it can, the new one."""
        seen: dict[str, tuple[Any, LineDict]] = {}
        for group in groups:
            kept = []
            for item, entry in group.items:
                if item.id not in seen:
                    seen[item.id] = (item, entry)
                    kept.append((item, entry))
                    continue
                first, first_entry = seen[item.id]
                self.problem(group.file, *_duplicate(group.kind, first, first_entry, item, entry))
            group.items = kept

    def _known_domain(
        self, group: Entries, owner: str, domain: str, line: int, known: list[str]
    ) -> None:
        if domain not in known and domain not in self.broken.get("domain", ()):
            self.problem(
                group.file,
                line,
                f"{group.kind} '{owner}': domain '{domain}' is not a known domain"
                + did_you_mean(domain, known, cutoff=ID_CUTOFF)
                + f" (known: {', '.join(known)})",
            )


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def _fits_its_id(item: Any) -> float:
    """How well an entry matches its own id: the id's months and words in its text."""
    words = _words(re.sub(r"\b\d+m\b", "", item.id)) - {"ws"}
    text = str(getattr(item, "text", None) or getattr(item, "name", "") or "")
    score = len(words & _words(text)) / len(words) if words else 0.0
    found = re.search(r"\b(\d+)m\b", item.id)
    if found and getattr(item, "months", None) is not None:
        score += 1.0 if int(found[1]) == item.months else 0.0
    return score


def _duplicate(
    kind: str, first: Any, first_entry: LineDict, second: Any, second_entry: LineDict
) -> tuple[int, str]:
    """(line, message) for an id used twice: both lines, and which entry looks new.

    An entry copied to start a new one keeps the old id; the entry whose text and
    months fit the id less is taken as the new one. When neither fits better, the
    later one is reported.
    """
    lines = (first_entry.line_of("id"), second_entry.line_of("id"))

    def shown(item: Any) -> str:
        text = str(getattr(item, "text", None) or getattr(item, "name", "") or "")
        return text if len(text) <= 40 else text[:37].rstrip() + "..."

    fits = (_fits_its_id(first), _fits_its_id(second))
    both = (
        f"{kind} '{first.id}': the id is used twice, on line {lines[0]} ('{shown(first)}') "
        f"and on line {lines[1]} ('{shown(second)}')"
    )
    if fits[0] == fits[1]:
        return lines[1], f"{both}: give one of them an id of its own"
    new = 0 if fits[0] < fits[1] else 1
    return lines[new], (
        f"{both}; the entry on line {lines[new]} looks new (it fits the id less): "
        "give it an id of its own"
    )
