"""Scoring a screening (docs/design.md §4): answers in, domain statuses and overall out.

Everything here is a pure function of the content and the answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from ottool.core.age import (
    FULL_TERM_WEEKS,
    Age,
    ChecklistChoice,
    age_on,
    check_age_served,
    checklist_for,
)
from ottool.core.content import Content, Milestone, WarningSign
from ottool.core.next_check import NextCheck, limit_months, next_check_for, reaches
from ottool.core.next_steps import referrals_for, result_act, speech_concern
from ottool.core.vocabulary import (
    ACTS,
    ANSWERS,
    OVERALLS,
    STATUSES,
    Act,
    Answer,
    Overall,
    Status,
    most_urgent,
)

__all__ = [
    "ACTS",
    "ANSWERS",
    "OVERALLS",
    "STATUSES",
    "Act",
    "Answer",
    "Answers",
    "Child",
    "DomainResult",
    "Overall",
    "ScreeningResult",
    "Status",
    "score",
]

#: Answers on a ``check:`` milestone that report its sign: a baby who only sometimes
#: reacts to loud sounds needs a hearing check as much as one who never does.
CHECK_ANSWERS: frozenset[Answer] = frozenset({"not_yet", "sometimes"})

#: Overall steps from least to most in need of attention (a result read back never
#: becomes less urgent than it was recorded).
OVERALL_ORDER: tuple[Overall, ...] = ("on_track", "monitor", "incomplete", "discuss", "urgent")


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
    #: The one time frame of the whole result, never less urgent than anything it
    #: reports (see :func:`result_act`).
    act: Act
    #: Referral kinds (``Content.referrals`` ids) for a result worth talking about.
    referrals: tuple[str, ...] = ()
    concerns: str | None = None
    content_version: str = ""
    #: Answered milestones of later checklists than the one used: not scored
    #: (docs/design.md §4), listed so that nothing a parent wrote disappears silently.
    unused_answers: tuple[str, ...] = ()
    #: When to check again (set by :func:`score` and when a result is read back).
    next_check: NextCheck | None = None
    #: The region (``Content.regions`` id) whose emergency number and early-intervention
    #: route the result names; None: the neutral default.
    region: str | None = None

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
    content: Content,
    checklist: ChecklistChoice,
    answers: Mapping[str, Answer],
    signs: Mapping[str, bool] | None = None,
    months: float | None = None,
) -> tuple[str, ...]:
    """Answered milestones of later checklists than ``checklist``, in the answers' order,
    then the ticked signs of a later age than ``months`` (:func:`signs_ahead`)."""
    later = {m.id for m in content.milestones if m.months > checklist.months}
    ahead = signs_ahead(content, signs or {}, months) if months is not None else ()
    return (*(mid for mid in answers if mid in later), *ahead)


def signs_ahead(content: Content, signs: Mapping[str, bool], months: float) -> tuple[str, ...]:
    """Ticked signs that are only asked about from a later age than ``months`` (say, "not
    walking" ticked for a six-month-old): not reported, in the answers' order.

    A sign past its last age still counts: what was worrying earlier still is.
    """
    by_id = {w.id: w for w in content.warning_signs}
    return tuple(
        wid
        for wid, ticked in signs.items()
        if ticked and wid in by_id and months < by_id[wid].min_months
    )


def domain_status(
    milestones: list[Milestone], answers: Mapping[str, Answer], checklist: ChecklistChoice
) -> Status:
    """Status of one area from its considered milestones (docs/design.md §4, rules 1-4)."""

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
    """Signs the parent ticked, plus signs reported by "not yet" or "sometimes" on
    ``check`` milestones.

    In content order, each once. Checked signs apply only at their own ages; a ticked
    sign of a later age (an answer file can tick any sign) is not reported but listed
    with the unused answers (:func:`unused_answers`), as a later milestone's answer is.
    """
    ahead = set(signs_ahead(content, answers.warning_signs, months))
    return signs_reported(
        content,
        (w for w, ticked in answers.warning_signs.items() if ticked and w not in ahead),
        ((m, answers.milestones.get(m.id, "unsure")) for m in considered),
        months,
    )


def signs_reported(
    content: Content,
    ticked: Iterable[str],
    answered: Iterable[tuple[Milestone, Answer]],
    months: float,
) -> tuple[WarningSign, ...]:
    """The ``ticked`` signs and the signs that ``check`` milestones answered "not yet"
    or "sometimes" report (where they apply at ``months``), in content order."""
    ticked = set(ticked)
    checked = {m.check for m, answer in answered if m.check and answer in CHECK_ANSWERS}
    return tuple(
        w
        for w in content.warning_signs
        if w.id in ticked or (w.id in checked and w.applies_at(months))
    )


def checked_milestones(content: Content, result: ScreeningResult) -> frozenset[str]:
    """Milestones answered "not yet" or "sometimes" whose ``check`` sign the result reports.

    Such an answer asks for a check (a hearing test, a feeding review), not for
    practice: plans do not choose activities because of it (docs/design.md §5).
    """
    reported = {w.id for w in result.warning_signs}
    answered = (*result.milestones_answered("not_yet"), *result.milestones_answered("sometimes"))
    return frozenset(mid for mid in answered if content.milestone_by_id[mid].check in reported)


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


def with_signed_areas(
    domains: tuple[DomainResult, ...], reported: tuple[WarningSign, ...]
) -> tuple[DomainResult, ...]:
    """Each area a reported sign names (its ``domains``) shows ``discuss``: an area
    cannot read "coming along" under a sign that asks for the doctor."""
    signed = {d for w in reported for d in w.domains}
    return tuple(replace(d, status="discuss") if d.id in signed else d for d in domains)


def answered_too_little(
    content: Content, checklist: ChecklistChoice, domains: tuple[DomainResult, ...]
) -> bool:
    """Whether most of the chosen checklist (more than half of it) is unsure or unanswered."""
    current = [
        (mid, answer)
        for d in domains
        for answer in ANSWERS
        for mid in getattr(d, answer)
        if mid in content.milestone_by_id
        and content.milestone_by_id[mid].months == checklist.months
    ]
    unknown = sum(1 for _, answer in current if answer == "unsure")
    return not current or unknown * 2 > len(current)


def overall_status(
    domains: tuple[DomainResult, ...],
    reported: tuple[WarningSign, ...],
    *,
    concerns: str | None = None,
    too_little: bool = False,
) -> Overall:
    """The overall step: urgent, discuss, incomplete, monitor or on track (docs/design.md §4).

    A parent's written concern is reason enough to talk with the doctor (the CDC's
    "act early" message); ``too_little`` (most of the checklist unsure or unanswered)
    makes the result ``incomplete`` unless something already asks for more.
    """
    if any(w.level == "urgent" for w in reported):
        return "urgent"
    statuses = {d.status for d in domains}
    if reported or "discuss" in statuses or (concerns or "").strip():
        return "discuss"
    if too_little:
        return "incomplete"
    if statuses & {"emerging", "incomplete"}:
        return "monitor"
    return "on_track"


def decide(
    content: Content,
    checklist: ChecklistChoice,
    domains: tuple[DomainResult, ...],
    reported: tuple[WarningSign, ...],
    concerns: str | None,
    *,
    at_least: Overall = "on_track",
    act_at_least: Act = "next_check",
) -> tuple[tuple[DomainResult, ...], Overall, Act, tuple[str, ...]]:
    """Every decision a result makes from what was answered: the areas (a reported
    sign's area shows ``discuss``), the overall step, ``act`` and the referrals.

    The same function serves a new screening and a result read back from a file or
    the history, so both always follow the current rules. ``at_least`` and
    ``act_at_least`` (what a result read back recorded) keep it from becoming less
    urgent than it was.
    """
    domains = with_signed_areas(domains, reported)
    too_little = answered_too_little(content, checklist, domains)
    overall = overall_status(domains, reported, concerns=concerns, too_little=too_little)
    overall = max(overall, at_least, key=OVERALL_ORDER.index)
    speech = speech_concern(content, checklist, domains, reported)
    act = most_urgent([result_act(overall, domains, reported, speech=speech), act_at_least])
    referrals = referrals_for(content, checklist, domains, reported, overall)
    return domains, overall, act, referrals


def score(
    content: Content,
    answers: Answers,
    *,
    today: date | None = None,
    region: str | None = None,
) -> ScreeningResult:
    """Score a screening. Raises InputError for impossible ages.

    ``region`` (a ``Content.regions`` id, or None for the neutral default) is carried
    on the result for the words that depend on it (emergency number, early
    intervention); it decides nothing here.
    """
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
    scored, overall, act, referrals = decide(
        content, checklist, tuple(domains), reported, answers.concerns
    )
    result = ScreeningResult(
        child=child,
        date=answers.date,
        age=age,
        checklist=checklist,
        domains=scored,
        warning_signs=reported,
        overall=overall,
        act=act,
        referrals=referrals,
        concerns=answers.concerns,
        content_version=content.version,
        unused_answers=unused_answers(
            content, checklist, answers.milestones, answers.warning_signs, age.used_months
        ),
        region=region,
    )
    return with_next_check(content, result)


def with_next_check(content: Content, result: ScreeningResult) -> ScreeningResult:
    """``result`` with its next check date filled in (:mod:`ottool.core.next_check`).

    Near the end of the checklists (:func:`near_the_end`) a recheck is the doctor's
    30-month developmental screening, as the result says: the day the child passes
    the oldest age ottool serves, with ``months`` None."""
    check = next_check_for(content, result, result.act)
    if result.act == "recheck" and near_the_end(content, result):
        child = result.child
        day = reaches(
            child.birth_date,
            child.gestational_weeks,
            limit_months(content.max_months) + 1,
            not_before=result.date,
        )
        check = NextCheck(day, None, "next_checklist")
    return replace(result, next_check=check)


#: Months before the oldest age the checklists serve from which a check "in about four
#: weeks" is no longer offered: the doctor's 30-month developmental screening instead
#: (AAP schedule: developmental screening at 9, 18 and 30 months).
NEAR_THE_END_MONTHS = 2


def near_the_end(content: Content, result: ScreeningResult) -> bool:
    """Whether the child is on the last checklist and within :data:`NEAR_THE_END_MONTHS`
    of the oldest age it serves (27 to 29 months with the shipped content)."""
    if content.max_months is None or any(m > result.checklist.months for m in content.checklists):
        return False
    return result.age.used_months >= content.max_months - NEAR_THE_END_MONTHS
