"""The printed home plan as one document, built once and rendered many ways.

`build_plan_document` gathers everything a family's handout holds (header, why
these activities, activity cards, the tick-box tracker, "when to call", notes,
disclaimer and sources) into plain frozen data. The renderers in `render/`
only lay it out: terminal, Markdown, HTML, PDF and JSON.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from ottool.activity_choice import HomePlan
from ottool.age import months_in_words
from ottool.content import Content
from ottool.limits import MAX_NAME, MAX_NOTE, check_length
from ottool.screening import ScreeningResult
from ottool.wording import (
    ANSWER_MARKS,
    BATH_ROUTINE,
    BATH_SAFETY,
    BATH_SAFETY_SOURCE,
    CALL_ADVICE,
    CDC_ATTRIBUTION,
    DISCLAIMER,
    REASONS,
    overall_words,
    result_advice,
    status_words,
)

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MAX_TRACKER_WEEKS = 12


@dataclass(frozen=True)
class ActivityCard:
    """One activity as a family reads it."""

    id: str
    name: str
    why: str
    reason: str
    practices: tuple[str, ...]  # milestone texts it practices that were not yet / sometimes
    areas: tuple[str, ...]
    dose: str
    routines: tuple[str, ...]
    materials: tuple[str, ...]
    steps: tuple[str, ...]
    safety: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class AreaLine:
    name: str
    status: str  # symbol and words, e.g. "! Worth talking about"


@dataclass(frozen=True)
class CallSign:
    """A warning sign for this age, and what to do about it."""

    text: str
    advice: str
    urgent: bool
    reported: bool  # the parent reported it in the screening


@dataclass(frozen=True)
class PlanDocument:
    """Everything on a printed home plan."""

    title: str
    child: str | None
    age: str
    checklist_months: int
    date: str
    therapist: str | None
    overall: str | None  # from a screening: the overall step in words
    overall_advice: str | None
    areas: tuple[AreaLine, ...]
    concerns: str | None
    intro: str
    activities: tuple[ActivityCard, ...]
    tracker_weeks: int
    tracker_days: tuple[str, ...]
    when_to_call: tuple[CallSign, ...]
    notes: tuple[str, ...]
    disclaimer: str
    sources: tuple[str, ...]
    #: What to do about any sign in when_to_call; signs that are urgent or were
    #: reported carry their own advice, which renderers show beside them.
    call_advice: str = CALL_ADVICE

    def as_data(self) -> dict[str, object]:
        """JSON-ready data with a format tag."""
        return {"format": "ottool-plan/1", **asdict(self)}


def build_plan_document(
    content: Content,
    plan: HomePlan,
    *,
    result: ScreeningResult | None = None,
    child: str | None = None,
    therapist: str | None = None,
    notes: Sequence[str] = (),
    weeks: int = 2,
    date: dt.date | None = None,
) -> PlanDocument:
    """Gather the plan's content; renderers only lay this out."""
    if not 1 <= weeks <= MAX_TRACKER_WEEKS:
        from ottool.errors import InputError

        raise InputError(f"--weeks must be between 1 and {MAX_TRACKER_WEEKS}, got {weeks}")
    name = child if child is not None else (result.child.name if result else None)
    check_length("the child's name", name, MAX_NAME)
    check_length("the therapist's name", therapist, MAX_NAME)
    for note in notes:
        check_length("a note", note, MAX_NOTE)
    check_length("the parent's note", result.concerns if result else None, MAX_NOTE)
    when = date or (result.date if result else dt.date.today())
    reported = {w.id for w in result.warning_signs} if result else set()
    answered: dict[str, str] = {}
    if result is not None:
        for answer in ("sometimes", "not_yet"):
            answered.update(dict.fromkeys(result.milestones_answered(answer), answer))
    cards = tuple(
        _card(content, p.activity.id, p.reason, p.targets, answered) for p in plan.activities
    )
    areas: tuple[AreaLine, ...] = ()
    if result is not None:
        areas = tuple(
            AreaLine(content.domain_by_id[d.id].name, status_words(d.status))
            for d in result.domains
        )
        age = months_in_words(result.age.used_months)
        if result.age.corrected:
            since_birth = months_in_words(result.age.chronological_months)
            age += f" (corrected for prematurity; {since_birth} since birth)"
    else:
        age = months_in_words(plan.used_months)
    signs = tuple(
        CallSign(w.text, w.advice, w.level == "urgent", w.id in reported)
        for w in content.warning_signs
        if w.applies_at(plan.used_months) or w.id in reported
    )
    cited = [a.source for a in (p.activity for p in plan.activities)]
    cited += [w.source for w in content.warning_signs if w.applies_at(plan.used_months)]
    bath = any(BATH_ROUTINE in p.activity.routines for p in plan.activities)
    if bath:
        cited.append(BATH_SAFETY_SOURCE)
    sources = {part.strip() for source in cited for part in source.split(";") if part.strip()}
    return PlanDocument(
        title=f"Home activity plan for {name}" if name else "Home activity plan",
        child=name,
        age=age,
        checklist_months=plan.checklist_months,
        date=when.isoformat(),
        therapist=therapist,
        overall=overall_words(result.overall) if result else None,
        overall_advice=result_advice(content, result, checks=False) if result else None,
        areas=areas,
        concerns=result.concerns if result else None,
        # One shared bath line, in the intro every renderer already shows.
        intro=_intro(content, plan, result) + (f" {BATH_SAFETY}" if bath else ""),
        activities=cards,
        tracker_weeks=weeks,
        tracker_days=DAYS,
        when_to_call=signs,
        notes=tuple(n for n in notes if n.strip()),
        disclaimer=DISCLAIMER,
        sources=(CDC_ATTRIBUTION, *sorted(sources)),
    )


def _card(
    content: Content,
    activity_id: str,
    reason: str,
    targets: Sequence[str],
    answered: dict[str, str],
) -> ActivityCard:
    """An activity as a family reads it; the reason names the answers it came from."""
    a = content.activity_by_id[activity_id]
    found = {answered.get(t) for t in targets}
    if reason in ("not_yet", "sometimes") and found >= {"not_yet", "sometimes"}:
        reason = "not_yet_and_sometimes"
    practices = []
    for t in targets:
        text = content.milestone_by_id[t].text
        mark = ANSWER_MARKS.get(answered.get(t, ""))
        # With both answers in one reason, each skill says which answer it came from.
        practices.append(f"{text} ({mark})" if mark and reason == "not_yet_and_sometimes" else text)
    return ActivityCard(
        id=a.id,
        name=a.name,
        why=a.why,
        reason=REASONS[reason],
        practices=tuple(practices),
        areas=tuple(content.domain_by_id[d].name for d in a.domains),
        dose=a.dose,
        routines=a.routines,
        materials=a.materials,
        steps=a.steps,
        safety=a.safety,
        source=a.source,
    )


def _intro(content: Content, plan: HomePlan, result: ScreeningResult | None) -> str:
    n = len(plan.activities)
    count = f"{n} short activit{'y' if n == 1 else 'ies'}"
    if result is not None:
        why = "chosen from your answers to the milestone questions"
    elif plan.focus:
        names = [content.domain_by_id[d].name for d in plan.focus]
        why = "chosen to work on " + _join(names)
    else:
        why = "chosen for this age"
    return (
        f"{count.capitalize()}, {why}. Fold them into things you already do every day: "
        "a few minutes, often, works better than a long session now and then. "
        "Tick a box each day you do an activity; bring the sheet to your next visit."
    )


def _join(words: Sequence[str]) -> str:
    words = [w.lower() for w in words]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
