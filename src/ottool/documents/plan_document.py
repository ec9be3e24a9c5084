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
from collections.abc import Mapping, Sequence
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
from ottool.core.content import Content
from ottool.core.errors import InputError
from ottool.core.i18n import _, format_date
from ottool.core.limits import MAX_NAME, MAX_NOTE, check_length
from ottool.core.next_check import NextCheck, next_check
from ottool.core.screening import ScreeningResult
from ottool.documents.activity_cards import (
    DAYS,
    activity_card,
    held_for_feeding,
    plan_intro,
)

# A card is part of the document: renderers import ActivityCard from here.
from ottool.documents.activity_cards import ActivityCard as ActivityCard
from ottool.documents.call_box import CallGroup, ContactLine, call_box, contacts, known_signs
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
    NEXT_CHECK_VISIT_30,
    Labels,
    bath_safety,
    call_advice,
    cdc_attribution,
    child_with_id,
    disclaimer,
    early_intervention,
    emergency_number,
    feeding_hold,
    labels,
    months_label,
    tracker_note,
)

MAX_TRACKER_WEEKS = 12


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
    #: The clinic's own id for the child (``--child-id``), printed beside the name.
    child_id: str | None = None
    #: The screening's date (ISO) when the plan was given on a later day (``date``).
    screening_date: str | None = None
    screening_date_shown: str = ""

    @property
    def child_shown(self) -> str | None:
        """The child as the details print it: the name, and the clinic's id beside it."""
        return child_with_id(self.child, self.child_id)

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
        "screening_date_shown",
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
    child_id: str | None = None,
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
    intervention's phone lines. ``child_id`` (the clinic's id for the child) prints
    beside the child's name.
    """
    if result is not None and region is not None:
        result = replace(result, region=region)
    if not 1 <= weeks <= MAX_TRACKER_WEEKS:
        raise InputError(f"--weeks must be between 1 and {MAX_TRACKER_WEEKS}, got {weeks}")
    name = child if child is not None else (result.child.name if result else None)
    check_length("the child's name", name, MAX_NAME)
    check_length("the child's id", child_id, MAX_NAME)
    check_length("the therapist's name", therapist, MAX_NAME)
    check_length("the caregiver's name", caregiver, MAX_NAME)
    for note in notes:
        check_length("a note", note, MAX_NOTE)
    whys = dict(personal_why or {})
    for text in whys.values():
        check_length("a 'why' line", text, MAX_NOTE)
    check_length("the parent's note", result.concerns if result else None, MAX_NOTE)
    treated = known_signs(content, treating)
    when = date or (result.date if result else dt.date.today())
    # A plan given on a later day than its screening says both days.
    screened = result.date if result is not None and result.date != when else None
    region_id = result.region if result is not None else region
    # A plan an occupational therapist hands over does not send the family looking for one.
    by_therapist = therapist is not None and bool(therapist.strip())
    reported = {w.id for w in result.warning_signs} if result else set()
    answered: dict[str, str] = {}
    if result is not None:
        for answer in ("sometimes", "not_yet"):
            answered.update(dict.fromkeys(result.milestones_answered(answer), answer))
    unsure = (
        {d.id for d in result.domains if d.status == "incomplete"} if result is not None else set()
    )
    settled = {d.id for d in result.domains if d.status == "on_track"} if result else set()
    cards = tuple(
        activity_card(
            content,
            p.activity,
            _reason_shown(p.reason, p.activity.domains, unsure, settled),
            p.targets,
            answered,
            whys.get(p.activity.id),
        )
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
                plan_intro(content, plan, result, therapist),
                *([feeding_hold()] if held_for_feeding(content, plan, treated) else []),
                *([bath_safety(plan.used_months)] if bath else []),
            ]
        ),
        activities=cards,
        tracker_weeks=weeks,
        tracker_days=tuple(_(day) for day in DAYS),
        when_to_call=signs,
        notes=(*_treating_note(content, treated), *(n for n in notes if n.strip())),
        disclaimer=disclaimer(),
        sources=(cdc_attribution(), *sorted(sources)),
        date_shown=format_date(when),
        checklist=months_label(plan.checklist_months),
        call_advice=advice,
        call_box=call_box(sign_models, reported, emergency),
        call_box_title=_(CALL_BOX),
        emergency=emergency,
        contacts=contacts(content, region_id, therapist, clinic, step),
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
        child_id=child_id or None,
        screening_date=screened.isoformat() if screened else None,
        screening_date_shown=format_date(screened) if screened else "",
    )


#: Lines left for the family's questions and notes for the next visit.
QUESTION_LINES = 3


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


def _reason_shown(
    reason: str, domains: tuple[str, ...], unsure: set[str], settled: set[str]
) -> str:
    """The card's reason as worded: an area chosen only because it was answered too
    little to tell is not one that "needs a little more attention"."""
    if reason == "domain" and (open_ := set(domains) - settled) and open_ <= unsure:
        return "domain_unsure"
    return reason


def _treating_note(content: Content, treated: frozenset[str]) -> tuple[str, ...]:
    """A sign left out of "When to call" (``--treating``) is named among the therapist's
    notes, first: never dropped without a word."""
    if not treated:
        return ()
    named = "; ".join(content.warning_sign_by_id[s].text for s in sorted(treated))
    return (
        _(
            "Your therapist is working with you on: {signs}. Tell them if it changes, or if it "
            "worries you."
        ).format(signs=named),
    )


def _next_check_date(check: NextCheck | None) -> str:
    """The next check's date for the child's details; empty (a line to write the date
    the doctor gives) when the step is to talk with the doctor now."""
    if check is None or check.why == "now":
        return ""
    if check.months is None:
        return _(NEXT_CHECK_VISIT_30)
    return format_date(check.date)
