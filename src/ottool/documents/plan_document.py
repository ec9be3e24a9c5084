"""The printed home plan as one document, built once and rendered many ways.

`build_plan_document` gathers everything a family's handout holds (header, why
these activities, activity cards, the tick-box tracker, "when to call", notes,
disclaimer and sources) into plain frozen data. The renderers in `render/`
only lay it out: terminal, Markdown, HTML, PDF and JSON.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields, is_dataclass, replace

from ottool.core.activity_choice import HomePlan
from ottool.core.age import age_in_words, months_in_words
from ottool.core.content import Content
from ottool.core.i18n import N_, _, format_date, ngettext
from ottool.core.limits import MAX_NAME, MAX_NOTE, check_length
from ottool.core.screening import ScreeningResult
from ottool.documents.result_document import (
    AreaLine,
    CallSign,
    NextStep,
    area_lines,
    call_sign,
    next_step,
)
from ottool.documents.wording import (
    BATH_ROUTINE,
    BATH_SAFETY_SOURCE,
    Labels,
    answer_mark,
    bath_safety,
    call_advice,
    cdc_attribution,
    disclaimer,
    dose_words,
    feeding_hold,
    join_words,
    labels,
    months_label,
    reason_words,
    routine_name,
    tracker_note,
)

#: The tracker's days, Monday first, as short as a tick-box column.
DAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
MAX_TRACKER_WEEKS = 12
#: The content's feeding area: a sign of it that keeps activities out of a plan asks
#: for the feeding specialist's advice first (``wording.feeding_hold``).
FEEDING_AREA = "feeding"


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
class PlanDocument:
    """Everything on a printed home plan, in the run's language."""

    title: str
    child: str | None
    age: str
    checklist_months: int
    date: str  # ISO 8601, for data (JSON); date_shown is what a family reads
    therapist: str | None
    next_step: NextStep | None  # from a screening: the overall step, its advice, urgency
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
    #: What to do about any sign in when_to_call; signs with ``own_advice`` (urgent
    #: or reported) carry their own, which renderers show beside them.
    call_advice: str = field(default_factory=call_advice)
    date_shown: str = ""
    checklist: str = ""  # the checklist's age in words: '9 months'
    tracker_note: str = field(default_factory=tracker_note)
    labels: Labels = field(default_factory=labels, repr=False)

    @property
    def overall(self) -> str | None:
        """The overall step in words with its symbol, for a plan from a screening."""
        return self.next_step.label if self.next_step else None

    @property
    def overall_advice(self) -> str | None:
        return self.next_step.advice if self.next_step else None

    @property
    def own_advice_signs(self) -> tuple[CallSign, ...]:
        """Signs shown with their own advice (urgent or reported), in content order."""
        return tuple(s for s in self.when_to_call if s.own_advice)

    @property
    def other_signs(self) -> tuple[CallSign, ...]:
        """Signs that share ``call_advice``."""
        return tuple(s for s in self.when_to_call if not s.own_advice)

    def as_data(self) -> dict[str, object]:
        """JSON-ready data with a format tag; the words only renderers need are left out."""
        data: dict[str, object] = {"format": "ottool-plan/1"}
        for f in fields(self):
            if f.name == "next_step":
                data["overall"] = self.overall
                data["overall_advice"] = self.overall_advice
                data["act"] = self.next_step.act if self.next_step else None
                data["next_check"] = self.next_step.next_check if self.next_step else None
            elif f.name not in _DISPLAY_ONLY:
                data[f.name] = _plain(getattr(self, f.name))
        return data


_DISPLAY_ONLY = frozenset({"labels", "date_shown", "checklist", "tracker_note"})


def _plain(value: object) -> object:
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


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
    region: str | None = None,
) -> PlanDocument:
    """Gather the plan's content; renderers only lay this out.

    ``region`` (a ``Content.regions`` id) names the emergency number and the
    early-intervention route; by default the result's own region.
    """
    if result is not None and region is not None:
        result = replace(result, region=region)
    if not 1 <= weeks <= MAX_TRACKER_WEEKS:
        from ottool.core.errors import InputError

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
        areas = area_lines(content, result)
        age = age_in_words(result.age.used)
        if result.age.corrected:
            age = _("{age} (corrected for prematurity; {since_birth} since birth)").format(
                age=age, since_birth=age_in_words(result.age.chronological)
            )
    else:
        age = months_in_words(plan.used_months)
    signs = tuple(
        call_sign(w, reported=w.id in reported)
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
        title=(
            _("Home activity plan for {name}").format(name=name)
            if name
            else _("Home activity plan")
        ),
        child=name,
        age=age,
        checklist_months=plan.checklist_months,
        date=when.isoformat(),
        therapist=therapist,
        next_step=next_step(content, result) if result else None,
        areas=areas,
        concerns=result.concerns if result else None,
        # One shared bath line, in the intro every renderer already shows; so is the
        # line that says why texture activities are left out with a feeding sign.
        intro=" ".join(
            [
                _intro(content, plan, result),
                *([feeding_hold()] if _held_for_feeding(content, plan) else []),
                *([bath_safety()] if bath else []),
            ]
        ),
        activities=cards,
        tracker_weeks=weeks,
        tracker_days=tuple(_(day) for day in DAYS),
        when_to_call=signs,
        notes=tuple(n for n in notes if n.strip()),
        disclaimer=disclaimer(),
        sources=(cdc_attribution(), *sorted(sources)),
        date_shown=format_date(when),
        checklist=months_label(plan.checklist_months),
        call_advice=call_advice(content, result.region if result else region),
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
        mark = answer_mark(answered.get(t, ""))
        # With both answers in one reason, each skill says which answer it came from.
        practices.append(f"{text} ({mark})" if mark and reason == "not_yet_and_sometimes" else text)
    return ActivityCard(
        id=a.id,
        name=a.name,
        why=a.why,
        reason=reason_words(reason),
        practices=tuple(practices),
        areas=tuple(content.domain_by_id[d].name for d in a.domains),
        dose=dose_words(a),
        routines=tuple(routine_name(r) for r in a.routines),
        materials=a.materials,
        steps=a.steps,
        safety=a.safety,
        source=a.source,
    )


def _held_for_feeding(content: Content, plan: HomePlan) -> bool:
    """Whether a reported feeding sign kept activities out of the plan (``avoid_with``)."""
    return any(FEEDING_AREA in content.warning_sign_by_id[s].domains for s in plan.left_out_signs)


def _intro(content: Content, plan: HomePlan, result: ScreeningResult | None) -> str:
    n = len(plan.activities)
    if result is not None:
        why = ngettext(
            "{n} short activity, chosen from your answers to the milestone questions.",
            "{n} short activities, chosen from your answers to the milestone questions.",
            n,
        ).format(n=n)
    elif plan.focus:
        names = _join([content.domain_by_id[d].name for d in plan.focus])
        why = ngettext(
            "{n} short activity, chosen to work on {areas}.",
            "{n} short activities, chosen to work on {areas}.",
            n,
        ).format(n=n, areas=names)
    else:
        why = ngettext(
            "{n} short activity, chosen for this age.",
            "{n} short activities, chosen for this age.",
            n,
        ).format(n=n)
    how = _(
        "Fold them into things you already do every day: a few minutes, often, works "
        "better than a long session now and then."
    )
    return f"{why} {how}"


def _join(words: Sequence[str]) -> str:
    """'movement, hands and seeing': area names in a sentence."""
    return join_words([w.lower() for w in words])
