"""The home plan: for a screening, an age and areas, or a plan given before with a
therapist's edits; the blank checklist; the plan written to a file."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ottool.core.errors import InputError

if TYPE_CHECKING:
    import datetime as dt

    from ottool.core.clinic import Clinic
    from ottool.core.content import Content
    from ottool.core.plan_edits import PlanEdits
    from ottool.core.screening import ScreeningResult
    from ottool.documents.checklist_document import ChecklistDocument
    from ottool.documents.plan_document import PlanDocument
    from ottool.session.screening import SavedResult
    from ottool.storage.formats import GivenPlan
    from ottool.storage.given_plan import EarlierPlan


@dataclass(frozen=True)
class PlanDetails:
    """What a plan says besides its activities. None is "not said on this run": a plan
    given before keeps its own value, a new plan takes the default."""

    child: str | None = None
    #: The child's birth date as the user wrote it (YYYY-MM-DD), checked here.
    born: str | None = None
    #: The clinic's own id for the child (--child-id).
    child_id: str | None = None
    therapist: str | None = None
    caregiver: str | None = None
    notes: tuple[str, ...] | None = None
    weeks: int | None = None
    #: Warning signs the therapist is treating (left out of "When to call").
    treating: tuple[str, ...] | None = None
    region: str | None = None


@dataclass(frozen=True)
class Plan:
    """A home plan as given: the document the family reads, and the record of what was
    given (to print as a plan file, to keep with the child, to revise)."""

    document: PlanDocument
    given: GivenPlan
    #: The screening the plan came from (its next checks go in an --ics calendar).
    result: ScreeningResult | None = None
    #: What the therapist should know and may act on (an --activity not meant for the
    #: child's age, kept all the same), one sentence each.
    warnings: tuple[str, ...] = ()


def read_plan(value: str) -> EarlierPlan:
    """A plan given before (`--from-plan`): its number in the history, or a plan file."""
    from ottool.storage.given_plan import read_earlier_plan

    return read_earlier_plan(value)


def region_for(
    content: Content,
    asked: str | None,
    *,
    clinic: Clinic | None = None,
    recorded: str | None = None,
) -> str | None:
    """The region whose emergency number and early-intervention route a document names:
    ``asked`` (--region), else the clinic's, else the one a screening ``recorded``, else
    the locale's; None for the neutral wording. InputError for an unknown region."""
    from ottool.core.region import choose_region

    if asked is not None:
        return choose_region(content, asked)
    if clinic is not None and clinic.region is not None:
        from ottool.storage.clinic_file import region_problem

        problem = region_problem(clinic, content)
        if problem is not None:
            raise InputError(problem)
        return clinic.region
    if recorded is not None:
        return recorded
    return choose_region(content, None)


def plan_from(
    content: Content,
    *,
    result: ScreeningResult | None = None,
    screening: int | None = None,
    earlier: EarlierPlan | None = None,
    age_months: float | None = None,
    focus: Sequence[str] = (),
    edits: PlanEdits | None = None,
    max_activities: int | None = None,
    details: PlanDetails = PlanDetails(),
    clinic: Clinic | None = None,
) -> Plan:
    """The home plan for a screening's ``result`` (saved as number ``screening``, when it
    was), for ``age_months`` and the ``focus`` areas, or a plan given before
    (``earlier``, revised by ``edits``), with the therapist's ``edits`` and ``details``.

    Exactly one of ``result``, ``earlier`` and ``age_months`` says what the plan is for.
    """
    import datetime as dt

    from ottool.core.i18n import language
    from ottool.core.plan_edits import (
        PlanEdits,
        check_signs,
        combine,
        personal_whys,
        revised,
        therapist_plan,
    )
    from ottool.documents.plan_document import build_plan_document
    from ottool.documents.therapist_plan import outside_age, own_words_note, with_words
    from ottool.storage.given_plan import birth_date_for, chosen_plan, edits_of, given_plan
    from ottool.storage.result_json import result_from_data, result_to_data, with_child

    if sum(x is not None for x in (result, earlier, age_months)) != 1:
        raise ValueError("plan_from takes one of a result, an earlier plan or an age")
    edits = edits if edits is not None else PlanEdits()
    asked = edits.add  # this run's --activity (a revision adds the earlier plan's edits)
    before = earlier.given if earlier is not None else None
    result_data = None
    if earlier is not None and before is not None:
        if before.result is not None:
            # The child as this run or the plan file says (a therapist may have corrected
            # the name or the birth date), not as the screening inside it recorded.
            result_data = with_child(
                before.result,
                content,
                earlier.where,
                name=details.child if details.child is not None else before.child.name,
                birth_date=birth_date_for(None, details.born, None)
                if details.born is not None
                else before.child.birth_date,
            )
            result = result_from_data(result_data, content, earlier.where)[0]
        screening = before.screening
        plan = revised(content, chosen_plan(content, before, result, earlier.where), edits)
        edits = combine(edits_of(before), edits)
        age_months = before.age_months
    else:
        plan = therapist_plan(
            content,
            result=result,
            age_months=age_months,
            focus=focus,
            edits=edits,
            max_activities=max_activities,
        )
        if result is not None:
            result_data = result_to_data(result, plan)

    def kept(value: Any, name: str) -> Any:
        """This run's value, else the earlier plan's."""
        if value is not None or before is None:
            return value
        return getattr(before, name)

    d = details
    treating = tuple(kept(d.treating, "treating") or ())
    check_signs(content, treating)
    if result is not None:
        check_not_held_back(content, edits.add, result, treating)
    child = d.child
    if child is None:
        child = before.child.name if before else (result.child.name if result else None)
    if d.born is None and result is None and before is not None:
        birth = before.child.birth_date  # the plan's own child, never a namesake
        if birth is None:
            birth = birth_date_for(child, None, None)
    else:
        birth = birth_date_for(child, d.born, result, d.child_id)
    if d.born is not None and birth is not None and result is None and age_months is not None:
        check_age_fits_birth(age_months, birth)
    region = region_for(
        content,
        kept(d.region, "region"),
        clinic=clinic,
        recorded=result.region if result is not None else None,
    )
    weeks = kept(d.weeks, "weeks") or 2
    notes = tuple(kept(d.notes, "notes") or ())
    therapist = kept(d.therapist, "therapist")
    caregiver = kept(d.caregiver, "caregiver")
    # The therapist's own words are in the language the plan was first given in.
    written_in = (before.language if before is not None else None) or language()
    child_id = d.child_id
    if child_id is None and before is not None:
        child_id = before.child.id
    if child_id is None and screening is not None and before is None:
        child_id = _screening_child_id(screening)
    document = build_plan_document(
        content,
        with_words(plan),
        result=result,
        date=dt.date.today(),  # the day it is given; a screening's own date is said apart
        child=child,
        therapist=therapist,
        notes=notes,
        weeks=weeks,
        region=region,
        birth_date=birth,
        treating=treating,
        caregiver=caregiver,
        personal_why=personal_whys(edits),
        clinic=clinic,
        child_id=child_id,
    )
    given = given_plan(
        plan,
        edits,
        date=dt.date.today(),
        child=child,
        birth_date=birth,
        therapist=therapist,
        caregiver=caregiver,
        weeks=weeks,
        notes=notes,
        treating=treating,
        screening=screening,
        result=result_data,
        age_months=age_months,
        region=region,
        child_id=child_id,
        clinic_activities=content.extra_activities,
        language=written_in,
    )
    warnings = tuple(outside_age(content, plan, asked, child))
    own = any(e.why or e.steps or e.added_steps for e in edits.edits.values())
    if written_in != language() and (notes or own):
        warnings += (own_words_note(written_in),)
    return Plan(document, given, result, warnings)


def _screening_child_id(number: int) -> str | None:
    """The clinic's id kept with saved screening ``number``; None when it has none (or
    the number is not in this history)."""
    from ottool.storage.history import get_screening

    try:
        return get_screening(number).child_id or None
    except InputError:
        return None


def checklist(
    content: Content,
    age_months: float,
    *,
    clinic: Clinic | None = None,
    region: str | None = None,
) -> ChecklistDocument:
    """The blank checklist for a child of ``age_months`` (the checklist a screening at that
    age would use), with ``clinic``'s details and ``region``'s numbers; InputError for an
    age the checklists do not serve."""
    from ottool.core.age import check_age_served, checklist_for
    from ottool.documents.checklist_document import build_checklist_document

    check_age_served(age_months, content.max_months)
    months = checklist_for(age_months, content.checklists).months
    return build_checklist_document(content, months, clinic=clinic, region=region)


def shown_again(entry: SavedResult, content: Content, region: str | None = None) -> PlanDocument:
    """A saved screening's plan document as it was shown (``region``'s words when given)."""
    from ottool.documents.plan_document import build_plan_document

    result = entry.result if region is None else replace(entry.result, region=region)
    return build_plan_document(content, entry.plan, result=result)


def check_plan_file(path: Path, *, force: bool = False) -> str:
    """The format ``path`` asks for; InputError before any work when it cannot be written
    (an unknown ending, an existing file without ``force``, a folder, ottool's own files)."""
    from ottool.render.registry import plan_format_for
    from ottool.storage.atomic_write import check_output

    fmt = plan_format_for(path)
    check_output(path, force=force)
    return fmt


def write_plan(
    document: PlanDocument,
    path: Path,
    *,
    fmt: str | None = None,
    paper: str = "a4",
    force: bool = False,
) -> list[str]:
    """Write the plan to ``path`` (``-``: standard output) in ``fmt``, else the format its
    name ends in; return what the reader should know (letters a PDF cannot show).

    The file is private (it holds a child's details); an existing file is replaced only
    with ``force``.
    """
    from ottool.render.registry import plan_format_for, render_plan
    from ottool.storage.atomic_write import check_output, write_output

    kind = fmt or plan_format_for(path)
    check_output(path, force=force)  # before the (slow) PDF is laid out
    notes: list[str] = []
    data = render_plan(document, kind, paper=paper, notes=notes)
    write_output(path, data, private=True, force=force)
    return notes


def check_not_held_back(
    content: Content, chosen: Sequence[str], result: ScreeningResult, treating: Sequence[str]
) -> None:
    """InputError when a therapist's ``--activity`` is one a reported sign keeps out of
    the plan (its ``avoid_with``: no lumpier food with a feeding sign), unless the sign is
    one the therapist is treating (``--treating``): the handout would tell the family to
    keep to what the child manages and then give them the very activity."""
    from ottool.core.i18n import _

    reported = {w.id for w in result.warning_signs} - set(treating)
    for activity_id in dict.fromkeys(chosen):
        activity = content.activity_by_id.get(activity_id)
        signs = [s for s in (activity.avoid_with if activity else ()) if s in reported]
        if signs:
            message = _(
                "--activity {activity} is kept out of this plan by a reported warning sign "
                "({signs}); add --treating {sign} if you are treating it"
            )
            raise InputError(
                message.format(activity=activity_id, signs=", ".join(signs), sign=signs[0])
            )


def check_age_fits_birth(age_months: float, birth: dt.date, today: dt.date | None = None) -> None:
    """InputError when a plan for ``age_months`` is asked for a child born on ``birth``
    who is younger than that today (by over a month): an older child's activities (finger
    foods, small parts) are not safe for them. A younger age is allowed: it is how a
    therapist plans for the skills a child has reached, and how prematurity is
    corrected."""
    import datetime

    from ottool.core.age import age_in_words, age_of
    from ottool.core.i18n import _

    today = today or datetime.date.today()
    age = age_of(birth, today)
    months = age.chronological_months
    if months + 1 < age_months:
        message = _(
            "--age-months {months} does not fit --born {born}: a child born then is "
            "{age} old today; give an age the child has reached, or leave out one of them"
        )
        raise InputError(
            message.format(
                months=f"{age_months:g}",
                born=birth.isoformat(),
                age=age_in_words(age.chronological),
            )
        )
