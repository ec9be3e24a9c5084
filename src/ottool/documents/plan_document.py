"""The printed home plan as one document, built once and rendered many ways.

`build_plan_document` gathers everything a family's handout holds (header, the
child's details, the therapist's notes, the "When to call" box ordered by urgency,
the lines for phone numbers, why these activities, activity cards, the tick-box
tracker, lines for the family's questions, disclaimer and sources) into plain frozen
data, with every decision made: which signs go in which row of "When to call", which
are reported, which lines are pre-filled, how many boxes each tracker row has. The
renderers in `render/` only lay it out: terminal, Markdown, HTML, PDF and JSON.
See docs/decisions.md ("The handout").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields, is_dataclass, replace

from ottool.core.activity_choice import DEFAULT_MAX_ACTIVITIES as DEFAULT_ACTIVITIES
from ottool.core.activity_choice import HomePlan
from ottool.core.age import (
    FULL_TERM_WEEKS,
    PRETERM_BEFORE_WEEKS,
    CalendarAge,
    age_in_words,
    age_of,
    months_in_words,
)
from ottool.core.clinic import Clinic
from ottool.core.content import Activity, Content, WarningSign
from ottool.core.errors import InputError, did_you_mean
from ottool.core.i18n import N_, _, format_date, ngettext
from ottool.core.limits import MAX_NAME, MAX_NOTE, check_length
from ottool.core.next_check import NextCheck, next_check
from ottool.core.screening import ScreeningResult
from ottool.core.vocabulary import SIGN_ACTS, SignAct
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
    BORN_EARLY,
    CALL_ADVICE,
    CALL_ADVICE_THERAPIST,
    CALL_BOX,
    CALL_EMERGENCY_ANY,
    CALL_EMERGENCY_WHEN,
    CALL_TODAY_PASSED,
    CALL_VISIT_WORRY,
    CONTACT_DOCTOR,
    CONTACT_EARLY_INTERVENTION,
    CONTACT_THERAPIST,
    NEXT_CHECK_VISIT_30,
    Labels,
    answer_mark,
    bath_safety,
    call_advice,
    call_heading,
    cdc_attribution,
    disclaimer,
    dose_words,
    early_intervention,
    emergency_number,
    feeding_hold,
    join_words,
    labels,
    months_label,
    reason_words,
    routine_name,
    tracker_name,
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
    safety: tuple[str, ...]  # one line each: renderers print them as bullets
    source: str
    #: Tick boxes in this activity's tracker row each week: its days a week. A daily
    #: activity has one under each day; one dosed 4 days a week has 4 boxes side by
    #: side across the week (ticked on whichever days it was done).
    tracker_boxes: int = 7
    #: The activity's name in the tracker, with its days a week when fewer than 7.
    tracker_name: str = ""


@dataclass(frozen=True)
class CallGroup:
    """One row of the "When to call" box: what to do, and the signs that call for it.

    Rows come most urgent first (``emergency``, ``today``, ``days``, ``visit``); a row
    with nothing in it is left out. ``lines`` are sentences in words that belong to the
    row but are not signs (the emergency that has passed, "anything else that
    worries you"), printed after its signs.
    """

    act: SignAct
    heading: str  # 'Call 911 now', 'Call the doctor within a few days'
    when: str  # printed after the heading, before the signs: 'if it is happening now:'
    signs: tuple[CallSign, ...]
    lines: tuple[str, ...] = ()
    urgent: bool = False  # emergency, today, days: printed in the urgent colour


@dataclass(frozen=True)
class ContactLine:
    """A line for a phone number: who, and what is already known (pre-filled from the
    clinic) or empty (a line to write on)."""

    role: str  # "Child's doctor:"
    name: str = ""
    phone: str = ""
    #: Words under the line: how to reach early intervention in the region.
    note: str = ""


@dataclass(frozen=True)
class ChildDetails:
    """The child's details at the top of the handout; an empty field is a line to write on."""

    born: str  # 'October 3, 2025, at 32 weeks of pregnancy' (weeks only when born early)
    age: str  # the age used, corrected when that applies
    next_check: str  # 'March 1, 2027'; empty when it is now or not known


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
    #: The "When to call" box that opens page 1: rows most urgent first, only the
    #: signs of this age, less those being treated (``treating``), reported ones marked.
    call_box: tuple[CallGroup, ...] = ()
    call_box_title: str = ""
    #: The region's emergency number (or the neutral words), as the box names it.
    emergency: str = ""
    #: Lines for the child's doctor, the therapist and early intervention, in that order.
    contacts: tuple[ContactLine, ...] = ()
    details: ChildDetails | None = None
    #: Who looks after the child and gets this copy (daycare, a grandparent), if named.
    caregiver: str | None = None
    #: Blank lines for the family's questions and notes for the next visit.
    question_lines: int = 4
    #: Signs left out of "When to call" because the therapist is treating them.
    treating: tuple[str, ...] = ()
    #: More activities than the default plan has: printed a little tighter (the cards'
    #: steps in slightly smaller type), so the handout keeps to two pages.
    dense: bool = False
    #: The clinic that gives the handout out (name, contact, logo), if any.
    clinic: Clinic | None = None

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
            elif f.name == "clinic":
                # Its details as printed; the logo's bytes stay out of the JSON.
                c = self.clinic
                data["clinic"] = None if c is None else {
                    "name": c.name, "phone": c.phone, "address": c.address,
                    "website": c.website, "email": c.email,
                }  # fmt: skip
            elif f.name not in _DISPLAY_ONLY:
                data[f.name] = _plain(getattr(self, f.name))
        return data


_DISPLAY_ONLY = frozenset(
    {
        "labels",
        "date_shown",
        "checklist",
        "tracker_note",
        "call_box_title",
        "question_lines",
        "dense",
    }
)


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
    birth_date: dt.date | None = None,
    gestational_weeks: int | None = None,
    treating: Sequence[str] = (),
    caregiver: str | None = None,
    personal_why: Mapping[str, str] | None = None,
    clinic: Clinic | None = None,
) -> PlanDocument:
    """Gather the plan's content; renderers only lay this out.

    ``region`` (a ``Content.regions`` id) names the emergency number and the
    early-intervention route; by default the result's own region. ``birth_date`` and
    ``gestational_weeks`` give a plan without a screening the child's details and next
    check (a screening's own child wins). ``treating`` lists warning-sign ids the
    therapist is treating: they are left out of "When to call". ``caregiver`` is the
    name of who gets this copy. ``personal_why`` maps an activity id to the therapist's
    own "why" line for it; a card the therapist chose shows that line or none.
    ``clinic`` prints in the header and pre-fills the therapist's and early
    intervention's phone lines.
    """
    if result is not None and region is not None:
        result = replace(result, region=region)
    if not 1 <= weeks <= MAX_TRACKER_WEEKS:
        raise InputError(f"--weeks must be between 1 and {MAX_TRACKER_WEEKS}, got {weeks}")
    name = child if child is not None else (result.child.name if result else None)
    check_length("the child's name", name, MAX_NAME)
    check_length("the therapist's name", therapist, MAX_NAME)
    check_length("the caregiver's name", caregiver, MAX_NAME)
    for note in notes:
        check_length("a note", note, MAX_NOTE)
    whys = dict(personal_why or {})
    for text in whys.values():
        check_length("a 'why' line", text, MAX_NOTE)
    check_length("the parent's note", result.concerns if result else None, MAX_NOTE)
    treated = _known_signs(content, treating)
    when = date or (result.date if result else dt.date.today())
    region_id = result.region if result is not None else region
    # A plan an occupational therapist hands over does not send the family looking for one.
    by_therapist = therapist is not None and bool(therapist.strip())
    reported = {w.id for w in result.warning_signs} if result else set()
    answered: dict[str, str] = {}
    if result is not None:
        for answer in ("sometimes", "not_yet"):
            answered.update(dict.fromkeys(result.milestones_answered(answer), answer))
    cards = tuple(
        _card(content, p.activity, p.reason, p.targets, answered, whys.get(p.activity.id))
        for p in plan.activities
    )
    areas: tuple[AreaLine, ...] = ()
    born = birth_date
    pregnancy = gestational_weeks
    if result is not None:
        areas = area_lines(content, result)
        born, pregnancy = result.child.birth_date, result.child.gestational_weeks
        age = _age_words(result.age.used, result.age.chronological, result.age.corrected)
    elif born is not None:
        found = age_of(born, when, pregnancy or FULL_TERM_WEEKS)
        age = _age_words(found.used, found.chronological, found.corrected)
    else:
        age = months_in_words(plan.used_months)
    sign_models = tuple(
        w
        for w in content.warning_signs
        if (w.applies_at(plan.used_months) or w.id in reported) and w.id not in treated
    )
    emergency = emergency_number(content, region_id)
    signs = tuple(call_sign(w, reported=w.id in reported, emergency=emergency) for w in sign_models)
    cited = [p.activity.source for p in plan.activities]
    cited += [w.source for w in content.warning_signs if w.applies_at(plan.used_months)]
    bath = any(BATH_ROUTINE in p.activity.routines for p in plan.activities)
    if bath:
        cited.append(BATH_SAFETY_SOURCE)
    sources = {part.strip() for source in cited for part in source.split(";") if part.strip()}
    step = None
    if result is not None:
        advised = result
        if by_therapist:
            advised = replace(
                result,
                referrals=tuple(r for r in result.referrals if r != "occupational_therapy"),
            )
        step = next_step(content, advised)
    # Early intervention is said once: in the Next step box when the screening's box
    # names it (a "talk with someone" result), else after the signs.
    early_help = early_intervention(content, region_id)
    said_above = step is not None and early_help in step.advice
    advice = _(CALL_ADVICE_THERAPIST if by_therapist else CALL_ADVICE)
    if not said_above:
        advice += " " + early_help
    check = result.next_check if result is not None else None
    if check is None and result is None and born is not None:
        check = next_check(
            born,
            when,
            "next_check",
            content.checklists,
            gestational_weeks=pregnancy or FULL_TERM_WEEKS,
            max_months=content.max_months,
        )
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
        next_step=step,
        areas=areas,
        concerns=result.concerns if result else None,
        # One shared bath line, in the intro every renderer already shows; so is the
        # line that says why texture activities are left out with a feeding sign.
        intro=" ".join(
            [
                _intro(content, plan, result),
                *([feeding_hold()] if _held_for_feeding(content, plan, treated) else []),
                *([bath_safety(plan.used_months)] if bath else []),
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
        call_advice=advice,
        call_box=call_box(sign_models, reported, emergency),
        call_box_title=_(CALL_BOX),
        emergency=emergency,
        contacts=_contacts(content, region_id, therapist, clinic, step),
        details=ChildDetails(
            born=_born_words(born, pregnancy),
            age=age,
            next_check=_next_check_date(check),
        ),
        caregiver=caregiver if caregiver and caregiver.strip() else None,
        question_lines=QUESTION_LINES,
        dense=len(cards) > DEFAULT_ACTIVITIES,
        treating=tuple(sorted(treated)),
        clinic=clinic,
    )


def _contacts(
    content: Content,
    region: str | None,
    therapist: str | None,
    clinic: Clinic | None,
    step: NextStep | None,
) -> tuple[ContactLine, ...]:
    """Lines for the child's doctor, the therapist and early intervention; the clinic's
    name and phone go on the therapist's line, its early-intervention number on that one.
    How to reach early intervention is said under the lines unless the next step just
    said it."""
    who = " · ".join(p for p in (therapist or "", clinic.name if clinic else "") if p)
    route = early_intervention(content, region)
    if step is not None and route in step.advice:
        route = ""
    return (
        ContactLine(_(CONTACT_DOCTOR)),
        ContactLine(_(CONTACT_THERAPIST), name=who, phone=clinic.phone if clinic else ""),
        ContactLine(
            _(CONTACT_EARLY_INTERVENTION),
            phone=clinic.early_intervention_phone if clinic else "",
            note=route,
        ),
    )


#: Lines left for the family's questions and notes for the next visit.
QUESTION_LINES = 3


def _known_signs(content: Content, ids: Sequence[str]) -> frozenset[str]:
    """The sign ids a therapist is treating; an unknown one is an error naming it, and so
    is an emergency sign: what needs the emergency number stays on every handout."""
    for sign in ids:
        if sign not in content.warning_sign_by_id:
            raise InputError(
                _("--treating {sign} is not a warning sign ottool knows{suggestion}").format(
                    sign=sign, suggestion=did_you_mean(sign, content.warning_sign_by_id)
                )
            )
        if content.warning_sign_by_id[sign].act == "emergency":
            raise InputError(
                _(
                    "--treating {sign}: a sign that needs the emergency number stays in "
                    "'When to call' on every handout, even while it is being treated"
                ).format(sign=sign)
            )
    return frozenset(ids)


def call_box(
    signs: Sequence[WarningSign], reported: set[str] | frozenset[str], emergency: str
) -> tuple[CallGroup, ...]:
    """The "When to call" rows, most urgent first: the emergency number and when to use
    it, the doctor today, within a few days, the next visit. ``signs`` are the signs of
    the age (less those being treated), in content order within each row."""
    rows: list[CallGroup] = []
    by_act: dict[SignAct, list[CallSign]] = {act: [] for act in SIGN_ACTS}
    for w in signs:
        # In the box only a reported sign carries its own advice: the row already says
        # when to act on the others (and the box must stay compact).
        sign = call_sign(w, reported=w.id in reported, emergency=emergency)
        by_act[w.act].append(replace(sign, own_advice=sign.reported))
    for act in SIGN_ACTS:
        found = tuple(by_act[act])
        lines: tuple[str, ...] = ()
        if act == "today" and by_act["emergency"]:
            lines = (_(CALL_TODAY_PASSED),)
        elif act == "visit":
            lines = (_(CALL_VISIT_WORRY),)
        if not found and not lines and act != "emergency":
            continue
        rows.append(
            CallGroup(
                act=act,
                heading=call_heading(act, emergency),
                when=_emergency_when(act, found),
                signs=found,
                lines=lines,
                urgent=act != "visit",
            )
        )
    return tuple(rows)


def _emergency_when(act: SignAct, signs: tuple[CallSign, ...]) -> str:
    """When to use the emergency number: if one of its signs is happening, or, where the
    content has none at this age, in an emergency."""
    if act != "emergency":
        return ""
    return _(CALL_EMERGENCY_WHEN) if signs else _(CALL_EMERGENCY_ANY)


def _age_words(used: CalendarAge, chronological: CalendarAge, corrected: bool) -> str:
    """The age used in words, and the age since birth when corrected for prematurity."""
    age = age_in_words(used)
    if corrected:
        age = _("{age} (corrected for prematurity; {since_birth} since birth)").format(
            age=age, since_birth=age_in_words(chronological)
        )
    return age


def _born_words(born: dt.date | None, weeks: int | None) -> str:
    """'October 3, 2025', with the weeks of pregnancy when the baby came early."""
    if born is None:
        return ""
    if weeks is not None and weeks < PRETERM_BEFORE_WEEKS:
        return _(BORN_EARLY).format(date=format_date(born), weeks=weeks)
    return format_date(born)


def _next_check_date(check: NextCheck | None) -> str:
    """The next check's date for the child's details; empty (a line to write the date
    the doctor gives) when the step is to talk with the doctor now."""
    if check is None or check.why == "now":
        return ""
    if check.months is None:
        return _(NEXT_CHECK_VISIT_30)
    return format_date(check.date)


def _card(
    content: Content,
    activity: Activity,
    reason: str,
    targets: Sequence[str],
    answered: dict[str, str],
    personal: str | None = None,
) -> ActivityCard:
    """An activity as a family reads it; the reason names the answers it came from.

    ``activity`` is the plan's own (with a therapist's edits to its dose or steps).
    A therapist's own "why" line takes the reason's place; a card the therapist chose
    without one has no reason line (empty ``reason``).
    """
    a = activity
    found = {answered.get(t) for t in targets}
    if reason in ("not_yet", "sometimes") and found >= {"not_yet", "sometimes"}:
        reason = "not_yet_and_sometimes"
    practices = []
    for t in targets:
        text = content.milestone_by_id[t].text
        mark = answer_mark(answered.get(t, ""))
        # With both answers in one reason, each skill says which answer it came from.
        practices.append(f"{text} ({mark})" if mark and reason == "not_yet_and_sometimes" else text)
    if personal and personal.strip():
        said = personal.strip()
    elif reason == "chosen":
        said = ""
    else:
        said = reason_words(reason)
    days = a.days_per_week
    return ActivityCard(
        id=a.id,
        name=a.name,
        why=a.why,
        reason=said,
        practices=tuple(practices),
        areas=tuple(content.domain_by_id[d].name for d in a.domains),
        dose=dose_words(a),
        routines=tuple(routine_name(r) for r in a.routines),
        materials=a.materials,
        steps=a.steps,
        safety=a.safety,
        source=a.source,
        tracker_boxes=days,
        tracker_name=a.name if days >= len(DAYS) else tracker_name(a.name, days),
    )


def _held_for_feeding(content: Content, plan: HomePlan, treated: Collection[str] = ()) -> bool:
    """Whether a reported feeding sign kept activities out of the plan (``avoid_with``);
    not one the therapist is treating (they choose the feeding steps themselves)."""
    return any(
        FEEDING_AREA in content.warning_sign_by_id[s].domains
        for s in plan.left_out_signs
        if s not in treated
    )


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
