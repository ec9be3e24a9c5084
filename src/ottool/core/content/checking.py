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
from ottool.core.content.fields import Entries, as_shown, expected
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
from ottool.core.content.references import (
    ID_CUTOFF,
    ReferenceChecker,
    has_list,
)
from ottool.core.errors import Problem, did_you_mean
from ottool.core.vocabulary import ACTS_OF_LEVEL
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


class _AnyId(set[str]):
    """Stands for every id of a list that could not be read."""

    def __contains__(self, item: object) -> bool:
        return True


def problem_order(p: Problem) -> tuple[str, int]:
    return (p.file or "", p.line or 0)


class ContentChecker(ReferenceChecker):
    """Checks both content files (as read from YAML) into one Content."""

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
        if not has_list(m_root, "domains"):
            self.broken["domain"] = _AnyId()
        if not has_list(m_root, "milestones"):
            self.broken["milestone"] = _AnyId()

        if (
            m_root is not None
            and "warning_signs" in m_root
            and not has_list(m_root, "warning_signs")
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
