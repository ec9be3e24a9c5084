"""Scoring a screening (DESIGN.md §4): answers in, domain statuses and overall out.

Everything here is a pure function of the content and the answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from ottool.age import (
    FULL_TERM_WEEKS,
    Age,
    ChecklistChoice,
    age_on,
    check_age_served,
    checklist_for,
)
from ottool.content import Content, Milestone, WarningSign

# The codes live in ottool.vocabulary; they stay importable from here (re-exported).
from ottool.vocabulary import ANSWERS as ANSWERS
from ottool.vocabulary import OVERALLS as OVERALLS
from ottool.vocabulary import STATUSES as STATUSES
from ottool.vocabulary import Answer as Answer
from ottool.vocabulary import Overall as Overall
from ottool.vocabulary import Status as Status


@dataclass(frozen=True, slots=True)
class Child:
    """Who is screened; the name is optional and only ever shown back to the user."""

    birth_date: date
    gestational_weeks: int = FULL_TERM_WEEKS
    name: str | None = None


@dataclass(frozen=True)
class Answers:
    """Everything a parent told ottool in one screening."""

    child: Child
    date: date
    milestones: Mapping[str, Answer] = field(default_factory=dict)
    warning_signs: Mapping[str, bool] = field(default_factory=dict)
    concerns: str | None = None


@dataclass(frozen=True, slots=True)
class DomainResult:
    """One area's status and the milestones behind it, by answer."""

    id: str
    status: Status
    not_yet: tuple[str, ...] = ()
    sometimes: tuple[str, ...] = ()
    unsure: tuple[str, ...] = ()
    yes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScreeningResult:
    """The scored screening: age used, checklist, each area's status and the overall step."""

    child: Child
    date: date
    age: Age
    checklist: ChecklistChoice
    domains: tuple[DomainResult, ...]
    warning_signs: tuple[WarningSign, ...]
    overall: Overall
    concerns: str | None = None
    content_version: str = ""
    #: Answered milestones of later checklists than the one used: not scored
    #: (DESIGN.md §4), listed so that nothing a parent wrote disappears silently.
    unused_answers: tuple[str, ...] = ()

    def domain(self, domain_id: str) -> DomainResult:
        return next(d for d in self.domains if d.id == domain_id)

    def milestones_answered(self, answer: Answer) -> tuple[str, ...]:
        """Ids of the milestones that count for the result and were given ``answer``."""
        return tuple(m for d in self.domains for m in getattr(d, answer))


def considered_milestones(
    content: Content, checklist: ChecklistChoice, answers: Mapping[str, Answer]
) -> list[Milestone]:
    """The chosen checklist's milestones plus any answered milestones of earlier checklists."""
    return [
        m
        for m in content.milestones
        if m.months == checklist.months or (m.months < checklist.months and m.id in answers)
    ]


def unused_answers(
    content: Content, checklist: ChecklistChoice, answers: Mapping[str, Answer]
) -> tuple[str, ...]:
    """Answered milestones of later checklists than ``checklist``, in the answers' order."""
    later = {m.id for m in content.milestones if m.months > checklist.months}
    return tuple(mid for mid in answers if mid in later)


def domain_status(
    milestones: list[Milestone], answers: Mapping[str, Answer], checklist: ChecklistChoice
) -> Status:
    """Status of one area from its considered milestones (DESIGN.md §4, rules 1-4)."""

    def effective(m: Milestone) -> Answer:
        answer = answers.get(m.id, "unsure")
        if answer == "not_yet" and checklist.early and m.months == checklist.months:
            return "sometimes"  # younger than the checklist: not yet is expected
        if answer == "not_yet" and not m.normed:
            return "sometimes"  # no age norm behind the item: never escalates on its own
        return answer

    given = [effective(m) for m in milestones]
    if "not_yet" in given:
        return "discuss"
    if not milestones:
        return "incomplete"  # nothing in this area could be asked about
    current = [m for m in milestones if m.months == checklist.months]
    unknown = sum(1 for m in current if answers.get(m.id, "unsure") == "unsure")
    if unknown * 2 > len(current):
        return "incomplete"
    if "sometimes" in given:
        return "emerging"
    return "on_track"


def reported_signs(
    content: Content, considered: list[Milestone], answers: Answers, months: float
) -> tuple[WarningSign, ...]:
    """Signs the parent ticked, plus signs reported by "not yet" on ``check`` milestones.

    In content order, each once. Checked signs apply only at their own ages.
    """
    checked = {
        m.check
        for m in considered
        if m.check is not None and answers.milestones.get(m.id) == "not_yet"
    }
    return tuple(
        w
        for w in content.warning_signs
        if answers.warning_signs.get(w.id) or (w.id in checked and w.applies_at(months))
    )


def checked_milestones(content: Content, result: ScreeningResult) -> frozenset[str]:
    """Milestones answered "not yet" whose ``check`` sign the result reports.

    Such an answer asks for a check (a hearing test, a feeding review), not for
    practice: plans do not choose activities because of it (DESIGN.md §5).
    """
    reported = {w.id for w in result.warning_signs}
    return frozenset(
        mid
        for mid in result.milestones_answered("not_yet")
        if content.milestone_by_id[mid].check in reported
    )


def first_signs(content: Content, result: ScreeningResult) -> tuple[WarningSign, ...]:
    """Reported signs whose own advice opens the result, most pressing first.

    Emergencies first (the first words a parent reads are the emergency action),
    then signs reported through a milestone's ``check`` (the check comes before
    any practice).
    """
    from_checks = {content.milestone_by_id[m].check for m in checked_milestones(content, result)}
    emergencies = [w for w in result.warning_signs if w.emergency]
    checks = [w for w in result.warning_signs if w.id in from_checks and not w.emergency]
    return (*emergencies, *checks)


def domain_status_without(
    content: Content, result: ScreeningResult, domain_id: str, skip: frozenset[str]
) -> Status:
    """An area's status by the same rules as :func:`score`, leaving out ``skip``."""
    d = result.domain(domain_id)
    answers: dict[str, Answer] = {
        mid: answer for answer in ANSWERS for mid in getattr(d, answer) if mid not in skip
    }
    milestones = [content.milestone_by_id[mid] for mid in answers]
    return domain_status(milestones, answers, result.checklist)


def overall_status(domains: tuple[DomainResult, ...], reported: tuple[WarningSign, ...]) -> Overall:
    """The overall next step: urgent, discuss, monitor or on track."""
    if any(w.level == "urgent" for w in reported):
        return "urgent"
    statuses = {d.status for d in domains}
    if reported or "discuss" in statuses:
        return "discuss"
    if statuses & {"emerging", "incomplete"}:
        return "monitor"
    return "on_track"


def score(content: Content, answers: Answers, *, today: date | None = None) -> ScreeningResult:
    """Score a screening. Raises InputError for impossible ages."""
    child = answers.child
    age: Age = age_on(child.birth_date, answers.date, child.gestational_weeks, today=today)
    check_age_served(age, content.max_months)
    checklist = checklist_for(age.used_months, content.checklists)
    considered = considered_milestones(content, checklist, answers.milestones)
    domains = []
    for domain in content.domains:
        ms = [m for m in considered if m.domain == domain.id]
        by_answer: dict[Answer, list[str]] = {a: [] for a in ANSWERS}
        for m in ms:
            by_answer[answers.milestones.get(m.id, "unsure")].append(m.id)
        domains.append(
            DomainResult(
                domain.id,
                domain_status(ms, answers.milestones, checklist),
                not_yet=tuple(by_answer["not_yet"]),
                sometimes=tuple(by_answer["sometimes"]),
                unsure=tuple(by_answer["unsure"]),
                yes=tuple(by_answer["yes"]),
            )
        )
    reported = reported_signs(content, considered, answers, age.used_months)
    return ScreeningResult(
        child=child,
        date=answers.date,
        age=age,
        checklist=checklist,
        domains=tuple(domains),
        warning_signs=reported,
        overall=overall_status(tuple(domains), reported),
        concerns=answers.concerns,
        content_version=content.version,
        unused_answers=unused_answers(content, checklist, answers.milestones),
    )
