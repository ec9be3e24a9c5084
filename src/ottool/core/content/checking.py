"""The rules of a whole content folder: both files' shape, unique ids, references.

:class:`ContentChecker` reads every entry with :class:`~ottool.core.content.fields.EntryChecker`,
then checks what no single entry can: ids used once, areas, targets and warning signs
that exist, age ranges that fit. Problems are collected over both files, so one run
reports every mistake. Messages are for content editors and stay in English.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import msgspec

from ottool.core.content.editorial import EditorialChecker, texts
from ottool.core.content.fields import Entries, EntryChecker, as_shown, expected
from ottool.core.content.models import (
    ACTIVITIES_FILE,
    EMERGENCY_SLOT,
    MILESTONES_FILE,
    SCHEMA_VERSION,
    Activity,
    Content,
    Domain,
    Milestone,
    Months,
    Referral,
    Region,
    WarningSign,
)
from ottool.core.errors import Problem, did_you_mean
from ottool.core.vocabulary import ACTS_OF_LEVEL, REFERRAL_KINDS, ROUTINES
from ottool.core.yamlsource import LineDict, LineList


def coverage_gaps(
    content: Content, activities_file: str = ACTIVITIES_FILE, milestones_file: str = MILESTONES_FILE
) -> Iterator[Problem]:
    """Warnings for each checklist × area with no milestone, or no activity at that age."""
    for months in content.checklists:
        asked = {m.domain for m in content.checklist(months)}
        for domain in content.domains:
            if domain.id not in asked:
                yield Problem(
                    milestones_file,
                    None,
                    f"the {months}-month checklist has no milestone for {domain.id} "
                    "(screenings at this age will show it as 'not enough answers')",
                )
            if not any(domain.id in a.domains and a.fits_age(months) for a in content.activities):
                yield Problem(
                    activities_file,
                    None,
                    f"no activity for {domain.id} covers the {months}-month checklist",
                )


def _has_list(root: LineDict | None, key: str) -> bool:
    return root is not None and isinstance(root.get(key), LineList)


def _text_items(entry: LineDict, key: str) -> Iterator[tuple[str, int]]:
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


class _AnyId(set[str]):
    """Stands for every id of a list that could not be read."""

    def __contains__(self, item: object) -> bool:
        return True


def problem_order(p: Problem) -> tuple[str, int]:
    return (p.file or "", p.line or 0)


class ContentChecker(EntryChecker):
    """Checks both content files (as read from YAML) into one Content."""

    def __init__(self, lang: str, m_file: str, a_file: str, complete_in: str | None) -> None:
        super().__init__(lang, complete_in)
        self.m_file = m_file
        self.a_file = a_file

    def check(self, milestones_raw: Any, activities_raw: Any) -> Content | None:
        m_file, a_file = self.m_file, self.a_file
        m_root = self._root(
            milestones_raw,
            m_file,
            ("domains", "milestones", "warning_signs", "referrals", "regions"),
            ("max_months", "checklists"),
            looks_like=(ACTIVITIES_FILE, ("activities",)),
        )
        a_root = self._root(
            activities_raw,
            a_file,
            ("activities",),
            looks_like=(MILESTONES_FILE, ("domains", "milestones")),
        )

        domains = self._entries(m_root, "domains", Domain, "domain", m_file, required=True)
        milestones = self._entries(
            m_root, "milestones", Milestone, "milestone", m_file, required=True
        )
        signs = self._entries(
            m_root, "warning_signs", WarningSign, "warning sign", m_file, required=False
        )
        activities = self._entries(
            a_root, "activities", Activity, "activity", a_file, required=True
        )
        referrals = self._entries(m_root, "referrals", Referral, "referral", m_file, required=False)
        regions = self._entries(m_root, "regions", Region, "region", m_file, required=False)

        self._unique(domains)
        self._unique(milestones, signs)
        self._unique(activities)
        self._unique(referrals)
        self._unique(regions)
        domain_ids = [d.id for d, _ in domains.items]
        milestone_by_id = {m.id: m for m, _ in milestones.items}
        # When a list could not be read at all, references to it are not checked: one
        # YAML typo must not bury itself under a problem for every reference.
        if not _has_list(m_root, "domains"):
            self.broken["domain"] = _AnyId()
        if not _has_list(m_root, "milestones"):
            self.broken["milestone"] = _AnyId()

        if (
            m_root is not None
            and "warning_signs" in m_root
            and not _has_list(m_root, "warning_signs")
        ):
            self.broken["warning sign"] = _AnyId()
        sign_ids = [w.id for w, _ in signs.items]
        for m, entry in milestones.items:
            self._known_domain(milestones, m.id, m.domain, entry.line_of("domain"), domain_ids)
            if (
                m.check is not None
                and m.check not in sign_ids
                and m.check not in self.broken.get("warning sign", ())
            ):
                self.problem(
                    m_file,
                    entry.line_of("check"),
                    f"milestone '{m.id}': check '{m.check}' is not a known warning sign"
                    + did_you_mean(m.check, sign_ids, cutoff=ID_CUTOFF),
                )
        for group in (signs, activities):
            for item, entry in group.items:
                domains_list = entry.get("domains")
                for i, d in enumerate(item.domains):
                    line = (
                        domains_list.lines[i] if isinstance(domains_list, LineList) else entry.line
                    )
                    self._known_domain(group, item.id, d, line, domain_ids)
                if item.max_months is not None and item.min_months > item.max_months:
                    self.problem(
                        group.file,
                        entry.line_of("max_months"),
                        f"{group.kind} '{item.id}': min_months ({item.min_months}) is greater "
                        f"than max_months ({item.max_months})",
                    )
        for a, entry in activities.items:
            targets = entry.get("targets")
            for i, target in enumerate(a.targets):
                line = targets.lines[i] if isinstance(targets, LineList) else entry.line
                milestone = milestone_by_id.get(target)
                if milestone is None and target in self.broken.get("milestone", ()):
                    continue  # the milestone's own problem is reported already
                if milestone is None:
                    self._unknown_target(a.id, target, line, milestone_by_id)
                elif milestone.check is not None:
                    # Practice cannot answer what a check is for (a hearing test, say).
                    self.problem(
                        a_file,
                        line,
                        f"activity '{a.id}': target '{target}' is checked, not practiced "
                        f"(a 'not yet' there reports the warning sign '{milestone.check}'); "
                        "remove it from targets",
                    )
                elif a.min_months > a.max_months:
                    continue  # the upside-down ages are said once, above
                elif not a.min_months <= milestone.months <= a.max_months:
                    self.problem(
                        a_file,
                        line,
                        f"activity '{a.id}': target '{target}' is a {milestone.months}-month "
                        f"milestone, outside the activity's ages {a.min_months}-{a.max_months}",
                    )
        for a, entry in activities.items:
            self._activity_references(a.id, entry, milestone_by_id, sign_ids, set(a.targets))
        self._failed_references(milestones, signs, activities, domain_ids, milestone_by_id)
        self._referrals(m_root, referrals, (domains, milestones, signs))
        self._acts(signs)
        self._emergency_slots(signs)
        self._table_spanish(referrals, regions)
        max_months = self._max_months(m_root, [m.months for m, _ in milestones.items])
        off_checklist = self._checklist_ages(m_root, milestones)
        self._editorial(domains, milestones, signs, activities, off_checklist, referrals, regions)
        if self.problems:
            return None
        return Content(
            tuple(d for d, _ in domains.items),
            tuple(m for m, _ in milestones.items),
            tuple(w for w, _ in signs.items),
            tuple(a for a, _ in activities.items),
            max_months=max_months,
            referrals=tuple(r for r, _ in referrals.items),
            regions=tuple(r for r, _ in regions.items),
        )

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
                for domain, line in _text_items(entry, "domains"):
                    self._known_domain(group, owner, domain, line, domain_ids)
        sign_ids = [w.id for w, _ in signs.items]
        for owner, entry in activities.failed:
            for target, line in _text_items(entry, "targets"):
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
        for required, line in _text_items(entry, "requires"):
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
        for sign, line in _text_items(entry, "avoid_with"):
            if sign not in sign_ids and sign not in self.broken.get("warning sign", ()):
                self.problem(
                    self.a_file,
                    line,
                    f"activity '{owner}': avoid_with '{sign}' is not a known warning sign"
                    + did_you_mean(sign, sign_ids, cutoff=ID_CUTOFF),
                )
        for routine, line in _text_items(entry, "routines"):
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
        if "referrals" in root and not _has_list(root, "referrals"):
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
                for kind, line in _text_items(entry, "refer"):
                    if kind not in known and kind not in broken:
                        self.problem(
                            group.file,
                            line,
                            f"{group.kind} '{owner}': refer '{kind}' is not a known referral "
                            "kind" + did_you_mean(kind, known) + f" (known: {', '.join(known)})",
                        )

    def _table_spanish(self, *tables: Entries) -> None:
        """The Spanish of the referral and region words follows the content's register.

        A country's name is left out: many are spelt the same in both languages.
        """
        editorial = EditorialChecker(self.problems)
        for table in tables:
            for item, entry in table.items:
                for text in texts(entry, type(item)):
                    if not (isinstance(item, Region) and text.field == "name"):
                        label = f"{table.kind} '{item.id}'"
                        editorial.spanish(table.file, label, table.kind, text)

    def _acts(self, signs: Entries) -> None:
        """A sign's ``act`` fits its ``level`` (docs/decisions.md)."""
        for w, entry in signs.items:
            allowed = ACTS_OF_LEVEL[w.level]
            if w.act not in allowed:
                self.problem(
                    signs.file,
                    entry.line_of("act"),
                    f"warning sign '{w.id}': act '{w.act}' does not fit level '{w.level}' "
                    f"(level '{w.level}' goes with act "
                    + " or ".join(f"'{a}'" for a in allowed)
                    + "; docs/content.md)",
                )

    def _emergency_slots(self, signs: Entries) -> None:
        """A sign's advice names the emergency number only as ``{emergency}``, which
        documents fill with the reader's region's number; an emergency sign's advice
        always names it (docs/content.md)."""
        for w, entry in signs.items:
            for text in texts(entry, WarningSign):
                versions = [(text.english, text.english_line)]
                if text.spanish is not None:
                    versions.append((text.spanish, text.line))
                for words, line in versions:
                    self._slots_in(signs.file, line, f"warning sign '{w.id}'", text.field, words)
                    if (
                        text.field == "advice"
                        and w.act == "emergency"
                        and w.act in ACTS_OF_LEVEL[w.level]  # else the act is the problem
                        and EMERGENCY_SLOT not in words
                    ):
                        self.problem(
                            signs.file,
                            line,
                            f"warning sign '{w.id}': advice: an emergency sign's advice says "
                            f"whom to call: write {EMERGENCY_SLOT} where the number goes (ottool "
                            "fills in the reader's region's number; docs/content.md)",
                        )

    def _slots_in(self, file: str, line: int, label: str, field: str, words: str) -> None:
        for slot in re.findall(r"\{[^{}]*\}", words):
            if slot != EMERGENCY_SLOT or field != "advice":
                self.problem(
                    file,
                    line,
                    f"{label}: {field}: '{slot}' is not filled in by ottool; only a sign's "
                    f"advice may hold {EMERGENCY_SLOT} (the region's emergency number)",
                )
                return
        number = re.search(r"(?<![\w.,])(911|999|112|000)(?![\w.,])", words)
        if field == "advice" and number:
            self.problem(
                file,
                line,
                f"{label}: advice: names the emergency number '{number[1]}': write "
                f"{EMERGENCY_SLOT} instead, and ottool names the reader's region's number "
                "(docs/content.md)",
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

    def _editorial(
        self,
        domains: Entries,
        milestones: Entries,
        signs: Entries,
        activities: Entries,
        off_checklist: set[str],
        *tables: Entries,
    ) -> None:
        """The clinical and Spanish rules (:mod:`~ottool.core.content.editorial`).

        A milestone whose months is not a checklist age is not judged by its age again.
        """
        editorial = EditorialChecker(self.problems)
        for group in (domains, milestones, signs, activities, *tables):
            for item, entry in group.items:
                editorial.entry(group.kind, group.file, item, entry)
        for m, entry in milestones.items:
            if m.id not in off_checklist:
                editorial.milestone(milestones.file, m, entry)
        editorial.domain_names(domains.file, domains.items)

    def _checklist_ages(self, root: LineDict | None, milestones: Entries) -> set[str]:
        """Every milestone's months is a declared checklist age, and every age has items.

        Without ``checklists:`` a checklist of one milestone, where the others have more,
        is a warning: it is most often a typo in ``months``. Returns the ids of the
        milestones whose months is not a checklist age.
        """
        off: set[str] = set()
        if root is None:
            return off
        value = root.get("checklists")
        if value is None:
            self._lonely_checklists(milestones)
            return off
        line = root.line_of("checklists")
        try:
            declared: tuple[int, ...] = msgspec.convert(value, tuple[Months, ...], strict=True)
        except msgspec.ValidationError:
            self.problem(
                self.m_file,
                line,
                f"checklists must be a list of ages in months, such as [2, 4, 6], "
                f"got {as_shown(value)}",
            )
            return off
        ages = ", ".join(str(a) for a in declared)
        for age in sorted({a for a in declared if declared.count(a) > 1}):
            self.problem(
                self.m_file, line, f"checklists: {age} is listed twice: remove one of them"
            )
        used = set()
        for m, entry in milestones.items:
            used.add(m.months)
            if m.months not in declared:
                off.add(m.id)
                nearest = min(declared, key=lambda a: (abs(a - m.months), a), default=None)
                hint = f": did you mean {nearest}?" if nearest is not None else ""
                self.problem(
                    self.m_file,
                    entry.line_of("months"),
                    f"milestone '{m.id}': months: {m.months} is not a checklist age "
                    f"(checklists on line {line}: {ages}){hint}",
                )
        for age in declared:
            if age not in used and milestones.items:
                self.problem(
                    self.m_file,
                    line,
                    f"checklists: the {age}-month checklist has no milestone: add its "
                    f"milestones or remove {age} from the list",
                )
        return off

    def _lonely_checklists(self, milestones: Entries) -> None:
        count: dict[int, list[LineDict]] = {}
        for m, entry in milestones.items:
            count.setdefault(m.months, []).append(entry)
        if len(count) < 2 or max(len(e) for e in count.values()) < 3:
            return
        for months, entries in count.items():
            if len(entries) == 1:
                self.warnings.append(
                    Problem(
                        self.m_file,
                        entries[0].line_of("months"),
                        f"the {months}-month checklist has only this milestone: if "
                        f"'months: {months}' is a typo, correct it (a 'checklists:' list of "
                        "the ages makes this an error)",
                    )
                )

    def _max_months(self, root: LineDict | None, checklists: list[int]) -> int | None:
        """The optional top-level max_months: a whole number of months, not before a checklist."""
        if root is None or "max_months" not in root:
            return None
        value = root["max_months"]
        line = root.line_of("max_months")
        try:
            months: int = msgspec.convert(value, Months, strict=True)
        except msgspec.ValidationError:
            self.problem(
                self.m_file, line, f"max_months must be {expected(Months)}, got {as_shown(value)}"
            )
            return None
        if checklists and months < max(checklists):
            self.problem(
                self.m_file,
                line,
                f"max_months ({months}) is younger than the last checklist ({max(checklists)} "
                "months), which could then never be used",
            )
        return months

    def _root(
        self,
        raw: Any,
        file: str,
        lists: tuple[str, ...],
        optional: tuple[str, ...] = (),
        looks_like: tuple[str, tuple[str, ...]] | None = None,
    ) -> LineDict | None:
        """The file's top-level mapping, checked; None when there is nothing to read.

        ``looks_like``: the other content file and its lists; a file that has those and
        none of its own is said to look like the other one (swapped files), once.
        """
        if raw is None:
            if not any(p.file == file for p in self.problems):
                self.problem(file, 1, "the file is empty")
            return None
        if not isinstance(raw, LineDict):
            self.problem(
                file,
                1,
                "the file must be a mapping with the keys: schema_version, " + ", ".join(lists),
            )
            return None
        if looks_like is not None:
            other, theirs = looks_like
            found = [key for key in theirs if key in raw]
            if found and not any(key in raw for key in lists):
                self.problem(
                    file,
                    raw.line_of(found[0]),
                    f"this looks like {other} (it has '{found[0]}:'), not {file}: are the "
                    "two files swapped?",
                )
                self.broken.update(domain=_AnyId(), milestone=_AnyId())
                self.broken["warning sign"] = _AnyId()
                return None
        allowed = ("schema_version", *optional, *lists)
        for key in raw:
            if key not in allowed:
                self.problem(
                    file, raw.line_of(key), f"unknown key '{key}'" + did_you_mean(key, allowed)
                )
        version = raw.get("schema_version")
        if version != SCHEMA_VERSION or isinstance(version, bool):
            where = raw.line_of("schema_version")
            if "schema_version" not in raw:
                self.problem(file, raw.line, f"missing 'schema_version: {SCHEMA_VERSION}'")
            else:
                self.problem(
                    file,
                    where,
                    f"schema_version must be {SCHEMA_VERSION}, got {as_shown(version)}"
                    + (": remove the quotes" if version == str(SCHEMA_VERSION) else ""),
                )
        return raw

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
