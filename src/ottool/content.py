"""Load and check the content files: YAML in, frozen typed objects out.

The models below are the schema (DESIGN.md §2): `ottool schema` prints them as
JSON Schema, and every entry of a content file is converted into one of them
with msgspec. Problems are collected over both files and reported together,
each with its file, line and the id of the entry, in ottool's own words.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, ClassVar, Literal, Union, get_args, get_origin

import msgspec

from ottool.errors import InputError, Problem, did_you_mean
from ottool.yamlsource import LineDict, LineList, parse_yaml, read_text

MILESTONES_FILE = "milestones.yaml"
ACTIVITIES_FILE = "activities.yaml"
SCHEMA_VERSION = 1
DEFAULT_LANGUAGE = "en"
#: The languages ottool ships content in, with their names for messages.
LANGUAGES = {"en": "English", "es": "Spanish"}

EntryId = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        description="an id of lower-case letters, digits and hyphens, such as 'gm-4m-head-steady'",
    ),
]
DomainId = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z0-9_]+$",
        description="an area id of lower-case letters, digits and underscores, like 'fine_motor'",
    ),
]
Months = Annotated[
    int, msgspec.Meta(ge=0, le=60, description="a whole number of months, from 0 to 60")
]
Count = Annotated[int, msgspec.Meta(ge=1, le=240, description="a whole number, 1 or more")]
DaysPerWeek = Annotated[int, msgspec.Meta(ge=1, le=7, description="a whole number from 1 to 7")]
Level = Literal["discuss", "urgent"]
TextList = tuple[str, ...]

_STRUCT = {"frozen": True, "forbid_unknown_fields": True, "kw_only": True}


class Domain(msgspec.Struct, **_STRUCT):
    """An area of development, such as fine motor skills."""

    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ("name", "description")
    id: DomainId
    name: str
    description: str = ""


class Milestone(msgspec.Struct, **_STRUCT):
    """One thing most children can do by a checklist age."""

    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ("text", "question", "hint")
    id: EntryId
    months: Months
    domain: DomainId
    text: str
    source: str
    question: str = ""
    hint: str = ""
    #: False when no population age norm stands behind the item (sensory and feeding
    #: items from OT practice rather than the CDC checklists): a "not yet" on it alone
    #: never makes an area worth talking about (DESIGN.md §4).
    normed: Annotated[
        bool,
        msgspec.Meta(
            description="false when no population age norm stands behind the item "
            "(not from the CDC checklists): its 'not yet' then counts as 'sometimes'"
        ),
    ] = True
    #: A warning sign that a "not yet" here reports: practice is not the answer to,
    #: say, a baby who does not react to loud sounds; a hearing check is.
    check: (
        Annotated[
            str,
            msgspec.Meta(
                pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
                description="the id of a warning sign that a 'not yet' here reports, "
                "such as 'ws-hearing'",
            ),
        ]
        | None
    ) = None

    @property
    def prompt(self) -> str:
        """What the questionnaire asks: the question, or the text when there is none."""
        return self.question or self.text


class WarningSign(msgspec.Struct, **_STRUCT):
    """A sign that should be talked over with a professional whatever the milestones say."""

    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ("text", "advice")
    id: EntryId
    text: str
    min_months: Months
    domains: tuple[DomainId, ...]
    level: Level
    advice: str
    source: str
    max_months: Months | None = None
    #: The advice is an emergency action (call emergency services): a result that
    #: reports this sign opens with that advice, before anything else (DESIGN.md §4).
    emergency: Annotated[
        bool,
        msgspec.Meta(
            description="true when the advice is an emergency action; a result reporting "
            "the sign then opens with it"
        ),
    ] = False

    def applies_at(self, months: float) -> bool:
        """Whether this sign is asked about for a child whose age used is ``months``."""
        return self.min_months <= months and (
            self.max_months is None or months < self.max_months + 1
        )


class Activity(msgspec.Struct, **_STRUCT):
    """A home activity with its age range, dose and steps."""

    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ("name", "why")
    TEXT_LIST_FIELDS: ClassVar[tuple[str, ...]] = ("steps", "safety", "materials", "routines")
    id: EntryId
    name: str
    min_months: Months
    max_months: Months
    domains: tuple[DomainId, ...]
    minutes: Count
    times_per_day: Count
    steps: Annotated[TextList, msgspec.Meta(min_length=1, description="a list of steps, in order")]
    source: str
    why: str = ""
    targets: tuple[EntryId, ...] = ()
    days_per_week: DaysPerWeek = 7
    safety: TextList = ()
    materials: TextList = ()
    routines: TextList = ()

    @property
    def dose(self) -> str:
        """The dose in words: '5 min, 3 times a day, every day'."""
        times = {1: "once a day", 2: "twice a day"}.get(
            self.times_per_day, f"{self.times_per_day} times a day"
        )
        days = "every day" if self.days_per_week == 7 else f"{self.days_per_week} days a week"
        return f"{self.minutes} min, {times}, {days}"

    def fits_age(self, months: float) -> bool:
        """Whether a child whose age used is ``months`` is in this activity's range."""
        return self.min_months <= months < self.max_months + 1


class MilestonesFile(msgspec.Struct, **_STRUCT):
    """The whole of milestones.yaml (used for `ottool schema`)."""

    schema_version: Literal[1]
    domains: tuple[Domain, ...]
    milestones: tuple[Milestone, ...]
    warning_signs: tuple[WarningSign, ...] = ()
    #: The oldest age (whole months of age used) the checklists serve; older children
    #: are refused with a pointer to their doctor. Left out: no limit.
    max_months: Months | None = None


class ActivitiesFile(msgspec.Struct, **_STRUCT):
    """The whole of activities.yaml (used for `ottool schema`)."""

    schema_version: Literal[1]
    activities: tuple[Activity, ...]


@dataclass(frozen=True)
class Content:
    """Everything ottool knows: domains, checklists, warning signs and activities.

    Immutable all the way down (frozen structs, tuples, read-only lookups), so one
    loaded Content can be shared by every caller in a process (see check_content).
    """

    domains: tuple[Domain, ...]
    milestones: tuple[Milestone, ...]
    warning_signs: tuple[WarningSign, ...]
    activities: tuple[Activity, ...]
    version: str = ""
    data_dir: Path | None = None
    #: The oldest age (whole months of age used) the checklists serve; None: no limit.
    max_months: int | None = None

    @cached_property
    def checklists(self) -> tuple[int, ...]:
        """The checklist ages in months, ascending."""
        return tuple(sorted({m.months for m in self.milestones}))

    @cached_property
    def milestone_by_id(self) -> Mapping[str, Milestone]:
        return MappingProxyType({m.id: m for m in self.milestones})

    @cached_property
    def warning_sign_by_id(self) -> Mapping[str, WarningSign]:
        return MappingProxyType({w.id: w for w in self.warning_signs})

    @cached_property
    def activity_by_id(self) -> Mapping[str, Activity]:
        return MappingProxyType({a.id: a for a in self.activities})

    @cached_property
    def domain_by_id(self) -> Mapping[str, Domain]:
        return MappingProxyType({d.id: d for d in self.domains})

    def checklist(self, months: int) -> tuple[Milestone, ...]:
        """The milestones of the checklist at ``months``, in content order."""
        return tuple(m for m in self.milestones if m.months == months)

    def warning_signs_at(self, months: float) -> tuple[WarningSign, ...]:
        """The warning signs that apply to a child whose age used is ``months``."""
        return tuple(w for w in self.warning_signs if w.applies_at(months))


@dataclass(frozen=True)
class Report:
    """The outcome of checking content: the content when valid, problems, warnings."""

    content: Content | None
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...] = ()


# --- where the content lives -------------------------------------------------------


def default_data_dir() -> Path:
    """The content shipped with ottool (inside the wheel, or the repository's data/)."""
    packaged = Path(str(resources.files("ottool"))) / "data"
    if (packaged / MILESTONES_FILE).is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"  # a source checkout


def resolve_data_dir(option: Path | None = None) -> Path:
    """``--data-dir`` wins, then ``OTTOOL_DATA_DIR``, then the shipped content."""
    if option is not None:
        return option
    env = os.environ.get("OTTOOL_DATA_DIR")
    return Path(env) if env else default_data_dir()


def load_content(data_dir: Path | None = None, *, lang: str = DEFAULT_LANGUAGE) -> Content:
    """Load valid content or raise :class:`InputError` listing every problem.

    Text missing in ``lang`` falls back to English, so a family never meets a gap;
    ``check_content(..., complete_in=lang)`` is what finds such gaps.
    """
    report = check_content(data_dir, lang=lang)
    if report.content is None:
        raise InputError(report.errors)
    return report.content


def check_content(
    data_dir: Path | None = None,
    *,
    lang: str = DEFAULT_LANGUAGE,
    complete_in: str | None = None,
) -> Report:
    """Check both content files and return the content (if valid), errors and warnings.

    With ``complete_in`` (a language code such as ``"es"``), every human-readable field
    without text in that language is a problem too (``ottool validate --language es``).
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
    if problems:  # a file could not be read: nothing worth remembering
        return _check_texts(folder, names, texts, lang, complete_in, problems)
    # Reading is cheap, parsing and checking are not (tens of milliseconds): the same
    # bytes, shown under the same names, in the same language always give the same
    # (immutable) report, so a process that loads the content again reuses it.
    key = (str(folder), *names.values(), lang, complete_in, *texts.values())
    report = _REPORTS.get(key)
    if report is None:
        report = _check_texts(folder, names, texts, lang, complete_in, problems)
        if len(_REPORTS) >= _REPORTS_KEPT:
            del _REPORTS[next(iter(_REPORTS))]  # the oldest
        _REPORTS[key] = report
    return report


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
    checker = _Checker(lang, names, complete_in)
    checker.problems.extend(problems)
    digest = hashlib.sha256()
    raw: dict[str, Any] = {}
    for name, text in texts.items():
        digest.update(text.encode())
        try:
            raw[name] = parse_yaml(text, names[name], duplicates=checker.problems)
        except InputError as exc:
            checker.problems.extend(exc.problems)
    content = checker.check(raw.get(MILESTONES_FILE), raw.get(ACTIVITIES_FILE))
    errors = tuple(sorted(checker.problems, key=_problem_order))
    if errors or content is None:
        return Report(None, errors or (Problem(None, None, "the content could not be read"),))
    content = Content(
        content.domains,
        content.milestones,
        content.warning_signs,
        content.activities,
        version=digest.hexdigest()[:12],
        data_dir=folder,
        max_months=content.max_months,
    )
    gaps = coverage_gaps(content, names[ACTIVITIES_FILE], names[MILESTONES_FILE])
    return Report(content, (), tuple(gaps))


def display_path(path: Path) -> str:
    """A path as short as it can be: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


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


def localized(value: Any, lang: str = DEFAULT_LANGUAGE) -> Any:
    """A human-readable field may be a string or ``{en: ..., es: ...}``: pick one string."""
    if isinstance(value, dict):
        return value.get(lang, value.get(DEFAULT_LANGUAGE))
    return value


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


class _AnyId(set[str]):
    """Stands for every id of a list that could not be read."""

    def __contains__(self, item: object) -> bool:
        return True


def _problem_order(p: Problem) -> tuple[str, int]:
    return (p.file or "", p.line or 0)


def _start_of(text: str, limit: int = 50) -> str:
    """The text, or its start and '...' when longer than ``limit``: enough to find it."""
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _item_line(raw: Any, index: int, default: int) -> int:
    """The line of item ``index`` of a YAML list, or ``default`` when unknown."""
    if isinstance(raw, LineList) and index < len(raw.lines):
        return int(raw.lines[index])
    return default


# --- checking ------------------------------------------------------------------------

_PLAIN_NAMES: dict[Any, str] = {
    str: "text",
    int: "a whole number",
    bool: "true or false",
}


def _expected(tp: Any) -> str:
    """Words for what a field must hold, from its type (and its msgspec description)."""
    if get_origin(tp) is Annotated:
        base, *extras = get_args(tp)
        for extra in extras:
            if isinstance(extra, msgspec.Meta) and extra.description:
                return str(extra.description)
        return _expected(base)
    origin = get_origin(tp)
    if origin is Literal:
        return " or ".join(repr(a) for a in get_args(tp))
    if origin is tuple:
        item = get_args(tp)[0]
        return "a list of text" if item is str else f"a list, each {_expected(item)}"
    if origin is Union or str(origin) == "<class 'types.UnionType'>":
        options = [_expected(a) for a in get_args(tp) if a is not type(None)]
        return " or ".join(options) + " (or left out)"
    return _PLAIN_NAMES.get(tp, getattr(tp, "__name__", str(tp)))


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


@dataclass
class _Entries:
    """Converted entries of one list, with the YAML mapping each came from."""

    kind: str
    file: str
    items: list[tuple[Any, LineDict]] = field(default_factory=list)
    #: Entries left out for a wrong field: (id or "#n", mapping); their references
    #: are still checked, so one run reports every problem.
    failed: list[tuple[str, LineDict]] = field(default_factory=list)


class _Checker:
    def __init__(self, lang: str, names: dict[str, str], complete_in: str | None = None) -> None:
        self.lang = lang
        self.complete_in = complete_in
        self.problems: list[Problem] = []
        #: Ids of entries already reported as invalid, by kind: references to them are
        #: not reported again as unknown.
        self.broken: dict[str, set[str]] = {}
        self.m_file = names[MILESTONES_FILE]
        self.a_file = names[ACTIVITIES_FILE]

    def problem(self, file: str, line: int | None, message: str) -> None:
        self.problems.append(Problem(file, line, message))

    def check(self, milestones_raw: Any, activities_raw: Any) -> Content | None:
        m_file, a_file = self.m_file, self.a_file
        m_root = self._root(
            milestones_raw, m_file, ("domains", "milestones", "warning_signs"), ("max_months",)
        )
        a_root = self._root(activities_raw, a_file, ("activities",))
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

        self._unique(domains)
        self._unique(milestones, signs)
        self._unique(activities)
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
                    + did_you_mean(m.check, sign_ids),
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
                elif not a.min_months <= milestone.months <= a.max_months:
                    self.problem(
                        a_file,
                        line,
                        f"activity '{a.id}': target '{target}' is a {milestone.months}-month "
                        f"milestone, outside the activity's ages {a.min_months}-{a.max_months}",
                    )
        self._failed_references(milestones, signs, activities, domain_ids, milestone_by_id)
        max_months = self._max_months(m_root, [m.months for m, _ in milestones.items])
        if self.problems:
            return None
        return Content(
            tuple(d for d, _ in domains.items),
            tuple(m for m, _ in milestones.items),
            tuple(w for w, _ in signs.items),
            tuple(a for a, _ in activities.items),
            max_months=max_months,
        )

    def _failed_references(
        self,
        milestones: _Entries,
        signs: _Entries,
        activities: _Entries,
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
        for owner, entry in activities.failed:
            for target, line in _text_items(entry, "targets"):
                if target not in milestone_by_id and target not in self.broken.get("milestone", ()):
                    self._unknown_target(owner, target, line, milestone_by_id)

    def _unknown_target(
        self, owner: str, target: str, line: int, milestone_by_id: dict[str, Any]
    ) -> None:
        self.problem(
            self.a_file,
            line,
            f"activity '{owner}': target '{target}' is not a known milestone"
            + did_you_mean(target, milestone_by_id),
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
                self.m_file, line, f"max_months must be {_expected(Months)}, got {_shown(value)}"
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
        self, raw: Any, file: str, lists: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> LineDict | None:
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
                    f"schema_version must be {SCHEMA_VERSION}, got {_shown(version)}",
                )
        return raw

    def _entries(
        self,
        root: LineDict | None,
        key: str,
        model: type[msgspec.Struct],
        kind: str,
        file: str,
        *,
        required: bool,
    ) -> _Entries:
        result = _Entries(kind, file)
        if root is None:
            return result
        if key not in root:
            if required:
                self.problem(file, root.line, f"missing the list '{key}'")
            return result
        seq = root[key]
        if not isinstance(seq, LineList):
            self.problem(
                file, root.line_of(key), f"'{key}' must be a list of entries, got {_shown(seq)}"
            )
            return result
        if required and not seq:
            self.problem(file, seq.line, f"'{key}' is empty")
        for i, entry in enumerate(seq):
            if not isinstance(entry, LineDict):
                self.problem(
                    file,
                    seq.lines[i],
                    f"{kind} #{i + 1}: each entry must be a mapping of keys, got {_shown(entry)}",
                )
                continue
            label = (
                f"{kind} '{entry['id']}'"
                if isinstance(entry.get("id"), str)
                else f"{kind} #{i + 1}"
            )
            converted = self._convert(entry, model, label, file)
            if converted is not None:
                result.items.append((converted, entry))
                continue
            owner = entry["id"] if isinstance(entry.get("id"), str) else f"#{i + 1}"
            result.failed.append((owner, entry))
            if isinstance(entry.get("id"), str):
                self.broken.setdefault(kind, set()).add(entry["id"])
        return result

    def _convert(self, entry: LineDict, model: type[msgspec.Struct], label: str, file: str) -> Any:
        data: dict[str, Any] = dict(entry)
        reported: set[str] = set()  # fields whose translations are already reported
        text_fields = getattr(model, "TEXT_FIELDS", ())
        list_fields = getattr(model, "TEXT_LIST_FIELDS", ())
        for name in (*text_fields, *list_fields):
            if name not in data:
                continue
            value = data[name]
            if name in text_fields:
                value = self._text(value, entry.line_of(name), label, name, file)
            elif isinstance(value, list):
                raw = entry.get(name)
                items = [
                    self._text(v, _item_line(raw, i, entry.line_of(name)), label, name, file)
                    for i, v in enumerate(value)
                ]
                value = None if None in items else items
            if value is None:
                reported.add(name)
            else:
                data[name] = value
        try:
            if not reported:
                return msgspec.convert(data, model, strict=True)
        except msgspec.ValidationError:
            pass
        self._field_problems(data, entry, model, label, file, reported)
        return None

    def _text(self, value: Any, line: int, label: str, name: str, file: str) -> Any:
        """One human-readable value (a string or translations) in the chosen language.

        Returns None after reporting a problem. A value that is neither a string nor a
        mapping is left for the type check to report.
        """
        if not isinstance(value, dict):
            if isinstance(value, str):
                self._needs_translation(value, line, label, name, file)
            return value
        ok = True
        for code, text in value.items():
            if code not in LANGUAGES:
                self.problem(
                    file,
                    line,
                    f"{label}: {name}: unknown language '{code}'"
                    + did_you_mean(code, LANGUAGES)
                    + f" (languages: {', '.join(LANGUAGES)})",
                )
                ok = False
            elif not isinstance(text, str):
                self.problem(
                    file,
                    line,
                    f"{label}: {name}: the '{code}' text must be text, got {_shown(text)}",
                )
                ok = False
        if DEFAULT_LANGUAGE not in value:
            self.problem(
                file, line, f"{label}: {name} gives translations but no '{DEFAULT_LANGUAGE}' text"
            )
            return None
        if not ok:
            return None
        self._needs_translation(value, line, label, name, file)
        return localized(value, self.lang)

    def _needs_translation(
        self, value: str | dict[str, str], line: int, label: str, name: str, file: str
    ) -> None:
        """With ``complete_in``, report a field that has no text in that language."""
        code = self.complete_in
        if code is None or code == DEFAULT_LANGUAGE:
            return
        english = localized(value)
        text = value.get(code) if isinstance(value, dict) else None
        if english.strip() and not (text and text.strip()):
            self.problem(
                file,
                line,
                f"{label}: {name} has no {LANGUAGES.get(code, code)} ('{code}') text "
                f"(English: '{_start_of(english)}')",
            )

    def _field_problems(
        self,
        data: dict[str, Any],
        entry: LineDict,
        model: type[msgspec.Struct],
        label: str,
        file: str,
        reported: set[str],
    ) -> None:
        fields = {f.name: f for f in msgspec.structs.fields(model)}
        before = len(self.problems)
        for key in data:
            if key not in fields:
                self.problem(
                    file,
                    entry.line_of(key),
                    f"{label}: unknown key '{key}'" + did_you_mean(key, fields),
                )
        for name, info in fields.items():
            if name in reported:
                continue
            if name not in data:
                if info.required:
                    self.problem(file, entry.line, f"{label}: missing '{name}'")
                continue
            value = data[name]
            try:
                msgspec.convert(value, info.type, strict=True)
            except msgspec.ValidationError:
                line = entry.line_of(name)
                if self._item_problems(value, entry.get(name), line, info.type, label, name, file):
                    continue
                self.problem(
                    file,
                    line,
                    f"{label}: {name} must be {_expected(info.type)}, got {_shown(value)}",
                )
        if len(self.problems) == before and not reported:  # a rule of the whole entry
            self.problem(file, entry.line, f"{label}: this entry is not valid")

    def _item_problems(
        self, value: Any, raw: Any, line: int, tp: Any, label: str, name: str, file: str
    ) -> bool:
        """For a list whose items are wrong, a problem per bad item, at the item's line."""
        if not isinstance(value, list) or get_origin(tp) is not tuple:
            return False
        item_type = get_args(tp)[0]
        found = False
        for i, item in enumerate(value):
            try:
                msgspec.convert(item, item_type, strict=True)
            except msgspec.ValidationError:
                self.problem(
                    file,
                    raw.lines[i] if isinstance(raw, LineList) else line,
                    f"{label}: {name}: each item must be {_expected(item_type)}, "
                    f"got {_shown(item)}",
                )
                found = True
        return found

    def _unique(self, *groups: _Entries) -> None:
        seen: dict[str, int] = {}
        for group in groups:
            kept = []
            for item, entry in group.items:
                first = seen.get(item.id)
                if first is not None:
                    self.problem(
                        group.file,
                        entry.line_of("id"),
                        f"{group.kind} '{item.id}': the id is already used on line {first}",
                    )
                    continue
                seen[item.id] = entry.line_of("id")
                kept.append((item, entry))
            group.items = kept

    def _known_domain(
        self, group: _Entries, owner: str, domain: str, line: int, known: list[str]
    ) -> None:
        if domain not in known and domain not in self.broken.get("domain", ()):
            self.problem(
                group.file,
                line,
                f"{group.kind} '{owner}': domain '{domain}' is not a known domain"
                + did_you_mean(domain, known)
                + f" (known: {', '.join(known)})",
            )


def json_schema(which: Literal["milestones", "activities"]) -> dict[str, Any]:
    """A JSON Schema of one content file, for editors' YAML tooling."""
    model = MilestonesFile if which == "milestones" else ActivitiesFile
    schema = msgspec.json.schema(model)
    defs = schema.setdefault("$defs", {})
    defs["Text"] = _text_schema()
    text_ref = {"$ref": "#/$defs/Text"}
    for struct in (Domain, Milestone, WarningSign, Activity):
        definition = defs.get(struct.__name__)
        if definition is None:
            continue
        if struct.__doc__:
            definition["description"] = struct.__doc__.strip()
        for name in getattr(struct, "TEXT_FIELDS", ()):
            definition["properties"][name] = dict(text_ref)
        for name in getattr(struct, "TEXT_LIST_FIELDS", ()):
            prop = definition["properties"][name]
            prop["items"] = dict(text_ref)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"ottool {which}.yaml"
    return schema


def _text_schema() -> dict[str, Any]:
    """JSON Schema of one human-readable value: a string, or one text per language."""
    return {
        "description": (
            "Text a family or therapist reads: a plain string (English), or one text per "
            "language such as {en: Rolls over, es: Se da vuelta}. English is required; "
            "`ottool validate --language es` also requires Spanish."
        ),
        "anyOf": [
            {"type": "string"},
            {
                "type": "object",
                "properties": {
                    code: {"type": "string", "description": f"the text in {name}"}
                    for code, name in LANGUAGES.items()
                },
                "required": [DEFAULT_LANGUAGE],
                "additionalProperties": False,
            },
        ],
    }
