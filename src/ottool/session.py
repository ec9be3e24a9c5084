"""One flow, assembled once: answers → result → plan → document, and what is done with them.

Every command and the questionnaire go through these functions; none of them
assembles a result, a plan or a document itself (docs/architecture.md, "State,
boundaries and start-up"). This module prompts for nothing and prints nothing: it
returns values and raises :class:`~ottool.core.errors.InputError`, and the command
line says what happened.

- :func:`read_answers` — an answer file (YAML or a FHIR response), read once;
- :func:`screen` — answers scored into a :class:`Screening` (result, plan, document);
- :func:`plan_from` — a home plan (its document and the record of what was given) from
  a screening, for an age and areas, or a plan given before, with a therapist's edits;
  :func:`read_plan` — a plan given before; :func:`region_for` — the region a document
  names;
- :func:`read_result`, :func:`saved` — a screening read back from a result file or
  from the history;
- :func:`save` — a screening saved in the history; :func:`log` — what is saved;
- :func:`write_plan` — a plan document written to a file or standard output;
- :func:`summary` — the one page for a child's doctor, written to a file;
- :func:`which_child`, :func:`practice`, :func:`log_practice`, :func:`undo_practice`,
  :func:`plan_today` — after the screening: which child, the practice log and the
  practice kept against the plan's dose;
- :func:`coming`, :func:`coming_for`, :func:`write_calendar` — the coming checks and
  their calendar file; :func:`progress` — practice kept and answers over time;
  :func:`history_page` — the saved screenings a page at a time, newest first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ottool.core.errors import InputError

if TYPE_CHECKING:
    import datetime as dt

    from ottool.core.activity_choice import HomePlan
    from ottool.core.clinic import Clinic
    from ottool.core.content import Content
    from ottool.core.plan_edits import PlanEdits
    from ottool.core.practice_kept import ActivityPractice
    from ottool.core.screening import Answers, ScreeningResult
    from ottool.core.vocabulary import Change
    from ottool.documents.checklist_document import ChecklistDocument
    from ottool.documents.coming_checks import ChildChecks
    from ottool.documents.plan_document import PlanDocument
    from ottool.documents.summary_document import SummaryDocument
    from ottool.storage.fhir import Context
    from ottool.storage.formats import AnswerFile, GivenPlan, Result
    from ottool.storage.given_plan import EarlierPlan
    from ottool.storage.history.identity import Child
    from ottool.storage.history.practice import CurrentPlan, PracticeEntry
    from ottool.storage.history.progress import MilestoneMove
    from ottool.storage.history.saved import SavedScreening

#: Activities in a plan when nobody says otherwise.
DEFAULT_ACTIVITIES = 4


@dataclass(frozen=True)
class GivenAnswers:
    """What an answer file held: the answers, whom a FHIR response was about, and what
    the user should know about the file (another form's response, say)."""

    answers: Answers
    incoming: Context | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Screening:
    """A scored screening with its plan and its document, every decision made."""

    content: Content
    answers: Answers
    result: ScreeningResult
    plan: HomePlan
    #: Whom a FHIR answer file was about (kept in a FHIR Bundle); None otherwise.
    incoming: Context | None = field(default=None, compare=False)
    #: The clinic whose details the plan document carries.
    clinic: Clinic | None = field(default=None, compare=False)
    #: The language the screening was made in, which its plan document speaks.
    language: str = field(default="en", compare=False)

    @cached_property
    def document(self) -> PlanDocument:
        """The printed plan, built the first time it is asked for (a JSON screening
        never needs it), in the language the screening was made in."""
        from ottool.core.i18n import speaking
        from ottool.documents.plan_document import build_plan_document

        with speaking(self.language):
            return build_plan_document(
                self.content, self.plan, result=self.result, clinic=self.clinic
            )

    @cached_property
    def record(self) -> Result:
        """The screening as an `ottool-result/1` document (what is printed and saved)."""
        from ottool.storage.result_json import result_to_struct

        return result_to_struct(self.result, self.plan)

    @cached_property
    def answer_file(self) -> AnswerFile:
        """The answers as an answer file (what is saved beside the result, and sent as FHIR)."""
        from ottool.storage.answerfile import answers_to_file

        return answers_to_file(self.answers)


def read_answers(path: Path, content: Content) -> GivenAnswers:
    """The answers in a YAML answer file or a FHIR QuestionnaireResponse.

    The file is read once: a pipe (``/dev/stdin``) cannot be read a second time, and a
    FHIR response's subject must come from the same bytes as its answers.
    """
    from ottool.core.yamlsource import read_text
    from ottool.storage.answerfile import MAX_ANSWER_FILE_BYTES, answers_from_text
    from ottool.storage.formats import looks_like_fhir

    name = str(path)
    text = read_text(path, name=name, max_bytes=MAX_ANSWER_FILE_BYTES)
    answers = answers_from_text(text, content, name)
    if not looks_like_fhir(text):
        return GivenAnswers(answers)
    from ottool.storage.fhir import response_context

    incoming, notes = response_context(text, name)
    return GivenAnswers(answers, incoming, tuple(notes))


def screen(
    content: Content,
    answers: Answers,
    *,
    region: str | None = None,
    max_activities: int = DEFAULT_ACTIVITIES,
    incoming: Context | None = None,
    clinic: Clinic | None = None,
) -> Screening:
    """Score ``answers``, choose the home activities and build the plan document (with
    ``clinic``'s details on it, when the run has a clinic)."""
    from ottool.core.activity_choice import plan_for_result
    from ottool.core.i18n import language
    from ottool.core.screening import score

    result = score(content, answers, region=region)
    plan = plan_for_result(content, result, max_activities)
    return Screening(content, answers, result, plan, incoming, clinic, language())


def read_result(path: Path, content: Content) -> ScreeningResult:
    """The screening in a result file (`ottool screen --format json`); a file of answers
    given instead is pointed to `ottool screen --answers`, which is what scores answers."""
    from ottool.core.i18n import _
    from ottool.core.printable import printable
    from ottool.storage import result_json
    from ottool.storage.answerfile import read_answers as read_answer_file

    try:
        return result_json.read_result(path, content)[0]
    except InputError as not_a_result:
        try:
            read_answer_file(path, content)
        except InputError:
            raise not_a_result from None  # not answers either: say the result's problem
        raise InputError(
            _(
                "{file} holds answers, not a result: score them with "
                "`ottool screen --answers {file}` (add --plan-output FILE for the plan)"
            ).format(file=printable(str(path)))
        ) from None


@dataclass(frozen=True)
class SavedResult:
    """A saved screening read back with the current content: its result and its plan."""

    saved: SavedScreening
    result: ScreeningResult
    plan: HomePlan


def saved(number: int, content: Content) -> SavedResult:
    """Saved screening ``number``, read back with the current content (InputError when
    there is none, or when the current content cannot show it)."""
    from ottool.storage.history import get_screening

    return read_back(get_screening(number), content)


def read_back(entry: SavedScreening, content: Content) -> SavedResult:
    """A saved screening's result and plan, read with the current content."""
    from ottool.core.i18n import _
    from ottool.storage.result_json import result_from_data

    where = _("saved screening {number}").format(number=entry.id)
    result, plan = result_from_data(entry.result, content, where)
    return SavedResult(entry, result, plan)


@dataclass(frozen=True)
class PlanDetails:
    """What a plan says besides its activities. None is "not said on this run": a plan
    given before keeps its own value, a new plan takes the default."""

    child: str | None = None
    #: The child's birth date as the user wrote it (YYYY-MM-DD), checked here.
    born: str | None = None
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

    from ottool.core.plan_edits import (
        PlanEdits,
        check_signs,
        combine,
        personal_whys,
        revised,
        therapist_plan,
    )
    from ottool.documents.plan_document import build_plan_document
    from ottool.documents.therapist_plan import with_words
    from ottool.storage.given_plan import birth_date_for, chosen_plan, edits_of, given_plan
    from ottool.storage.result_json import result_from_data, result_to_data

    if sum(x is not None for x in (result, earlier, age_months)) != 1:
        raise ValueError("plan_from takes one of a result, an earlier plan or an age")
    edits = edits if edits is not None else PlanEdits()
    before = earlier.given if earlier is not None else None
    result_data = None
    if earlier is not None and before is not None:
        if before.result is not None:
            result = result_from_data(before.result, content, earlier.where)[0]
            result_data = before.result
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
        birth = birth_date_for(child, d.born, result)
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
    document = build_plan_document(
        content,
        with_words(plan),
        result=result,
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
    )
    return Plan(document, given, result)


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


def save(screening: Screening, *, noted: Callable[[int], None] | None = None) -> int:
    """Save ``screening`` in the history and return its number.

    ``noted`` hears the number as soon as the screening is saved, even when Ctrl-C lands
    just after SQLite committed (the history is then asked whether the result is there),
    so what an interruption reports stays true.
    """
    from ottool.storage.history import save_result, saved_number_of

    try:
        number = save_result(screening.record, screening.answer_file)
    except KeyboardInterrupt:
        found = saved_number_of(screening.record)
        if found is not None and noted is not None:
            noted(found)
        raise
    if noted is not None:
        noted(number)
    return number


@dataclass(frozen=True)
class Log:
    """The saved screenings (of one child, or all), oldest first, and how each area
    changed since the child's previous screening."""

    screenings: list[SavedScreening]
    changes: dict[str, Change]


def log(child: str | None = None) -> Log:
    """What the history holds: every screening, or ``child``'s with the changes."""
    from ottool.storage.history import list_screenings
    from ottool.storage.history.progress import changes_since_previous

    screenings = list_screenings(child)
    changes = changes_since_previous(screenings) if child is not None else {}
    return Log(screenings, changes)


def summary(
    content: Content,
    path: Path,
    *,
    child: str | None = None,
    born: str | None = None,
    fmt: str = "text",
    paper: str = "a4",
    force: bool = False,
    clinic: Clinic | None = None,
    today: dt.date | None = None,
    notes: list[str] | None = None,
) -> SummaryDocument:
    """Write the one page for ``child``'s doctor (docs/design.md §10) to ``path`` (``-``:
    standard output) in ``fmt`` (``render.registry.SUMMARY_FORMATS``); return it.

    The child is named by ``child`` (and ``born`` when two children share the name), or
    is the history's only child. The file is private; an existing file is replaced
    only with ``force``. Letters a PDF cannot show are said in ``notes``.
    """
    import datetime

    from ottool.documents.summary_document import build_summary_document
    from ottool.render.registry import render_summary
    from ottool.storage.atomic_write import check_output, write_output
    from ottool.storage.summary_facts import summary_facts

    check_output(path, force=force)  # before any work
    day = today or datetime.date.today()
    chosen = which_child(child, born)
    facts = summary_facts(chosen, content, day, practice(chosen, content, day).kept)
    document = build_summary_document(facts, content, clinic=clinic)
    if document.unknown_activities and notes is not None:
        from ottool.core.i18n import _

        notes.append(
            _(
                "the plan has activities this content does not hold ({ids}); add the "
                "clinic's --clinic FILE or --extra-data DIR to print their names"
            ).format(ids=", ".join(document.unknown_activities))
        )
    data = render_summary(document, fmt, paper=paper, notes=notes)
    write_output(path, data, private=True, force=force)
    return document


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


# --------------------------------------------------------------------------- follow-through
# After the screening (docs/design.md §10): which child, the practice log, practice kept.


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


def which_child(name: str | None, born: str | None = None) -> Child:
    """The child of the history ``--child NAME``/``--born DATE`` mean (with no name, the
    only child); InputError naming the children when it is not clear which."""
    from ottool.storage.history.identity import choose_child

    return choose_child(name, born)


@dataclass(frozen=True)
class Practice:
    """One child's practice: the plan being practiced, every practice logged, and per
    activity of that plan the days practiced against its dose."""

    child: Child
    today: dt.date
    plan: CurrentPlan | None
    entries: list[PracticeEntry]
    kept: list[ActivityPractice]


def practice(child: Child, content: Content, today: dt.date | None = None) -> Practice:
    """What ``child`` practiced of the plan current ``today``; a plan's activity without a
    dose of its own takes the content's days a week."""
    import datetime as dt

    from ottool.core.practice_kept import practice_kept
    from ottool.storage.history.practice import current_plan, practice_of

    today = today or dt.date.today()
    plan = current_plan(child, today)
    entries = practice_of(child)
    kept = []
    if plan is not None:
        known = content.activity_by_id
        doses = [
            (
                a.id,
                a.days_per_week
                if a.days_per_week is not None or a.id not in known
                else known[a.id].days_per_week,
            )
            for a in plan.activities
        ]
        kept = practice_kept(
            doses, [(e.activity, e.date, e.minutes) for e in entries], plan.date, today
        )
    return Practice(child, today, plan, entries, kept)


@dataclass(frozen=True)
class Logged:
    """A practice just logged, and whether its activity is in the current plan."""

    entry: PracticeEntry
    in_plan: bool


def log_practice(
    child: Child,
    activities: Sequence[str],
    content: Content,
    *,
    on: dt.date | None = None,
    minutes: int | None = None,
    today: dt.date | None = None,
) -> list[Logged]:
    """Log ``activities`` (ids) practiced by ``child`` on ``on`` (default today), linked
    to the plan current that day. InputError for an id the content does not know (with
    a suggestion, and the plan's ids), a day in the future or before birth."""
    import datetime as dt

    from ottool.core.errors import did_you_mean
    from ottool.core.i18n import _
    from ottool.storage.history.practice import current_plan
    from ottool.storage.history.practice import log_practice as log_one

    today = today or dt.date.today()
    on = on or today
    plan = current_plan(child, on)
    planned = plan.activity_ids if plan is not None else []
    known = content.activity_by_id
    for activity in activities:
        if activity not in known:
            message = _("'{activity}' is not an activity id").format(activity=activity)
            message += did_you_mean(activity, planned or list(known))
            if planned:
                message += " " + _("(this plan's: {ids})").format(ids=", ".join(planned))
            raise InputError(message)
    return [
        Logged(log_one(child, a, on, minutes, plan=plan, today=today), a in planned)
        for a in activities
    ]


def undo_practice(child: Child | None = None) -> PracticeEntry | None:
    """Remove the last practice logged (``child``'s, or anyone's); None when there is none."""
    from ottool.storage.history.practice import undo_last

    return undo_last(child)


def plan_today(child: Child, on: dt.date | None = None) -> CurrentPlan | None:
    """The plan ``child`` is practicing on ``on`` (default today), for the tick list."""
    import datetime as dt

    from ottool.storage.history.practice import current_plan

    return current_plan(child, on or dt.date.today())


def coming(
    child: Child | None, content: Content, today: dt.date | None = None
) -> list[ChildChecks]:
    """The coming checks of ``child`` (or of every child of the history), from ``today``
    on, after each child's latest saved screening (``core.next_check.coming_after``).
    A child whose latest screening cannot be read says nothing rather than stop the rest."""
    import datetime as dt

    from ottool.storage.history import latest_screening
    from ottool.storage.history.identity import children

    today = today or dt.date.today()
    found = []
    for who in [child] if child is not None else children():
        saved = latest_screening(who.name, who.born)
        if saved is None:
            continue
        try:
            result = read_back(saved, content).result
        except InputError:
            continue  # saved with other content: no check can be worked out now
        found.append(coming_for(result, content, today))
    return found


def coming_for(
    result: ScreeningResult, content: Content, today: dt.date | None = None
) -> ChildChecks:
    """The coming checks after one screening's ``result`` (``--ics`` on `screen`, `plan`)."""
    import datetime as dt

    from ottool.core.next_check import coming_after, next_check_for
    from ottool.documents.coming_checks import ChildChecks
    from ottool.documents.wording import emergency_number
    from ottool.storage.history.saved import child_key

    today = today or dt.date.today()
    first = result.next_check or next_check_for(content, result, result.act)
    child = result.child
    checks = coming_after(
        first,
        child.birth_date,
        today,
        content.checklists,
        gestational_weeks=child.gestational_weeks,
        max_months=content.max_months,
    )
    number = emergency_number(content, result.region, short=True)
    return ChildChecks(
        child_key(child.name), child.name, child.birth_date, checks, result.act, number
    )


def write_calendar(
    children: Sequence[ChildChecks], path: Path, *, with_names: bool = False, force: bool = False
) -> int:
    """Write the coming checks of ``children`` as an RFC 5545 calendar to ``path`` (private;
    an existing file only with ``force``); return how many checks it holds."""
    from ottool.documents.coming_checks import build_calendar
    from ottool.render.calendar import calendar_bytes
    from ottool.storage.atomic_write import check_output, write_output
    from ottool.storage.calendar_key import calendar_key

    check_output(path, force=force)
    calendar = build_calendar(children, with_names=with_names, secret=calendar_key())
    write_output(path, calendar_bytes(calendar), private=True, force=force)
    return len(calendar.events)


@dataclass(frozen=True)
class Progress:
    """One child's progress: the practice kept against the plan, the saved screenings
    (oldest first), how each area changed lately and which milestones moved to yes."""

    practice: Practice
    screenings: list[SavedScreening]
    changes: dict[str, Change]
    moves: list[MilestoneMove]

    def data(self) -> dict[str, Any]:
        """The ``ottool-progress/1`` document (``progress --format json``)."""
        from ottool.storage.history.progress import progress_data

        p = self.practice
        return progress_data(p.child, p.today, p.plan, p.kept, self.screenings, self.moves)


def progress(child: Child, content: Content, today: dt.date | None = None) -> Progress:
    """``child``'s practice kept and answers across screenings, up to ``today``."""
    from ottool.storage.history import list_screenings
    from ottool.storage.history.progress import changes_since_previous, now_yes

    kept = practice(child, content, today)
    screenings = [s for s in list_screenings(child.name, born=child.born) if not s.damaged]
    screenings = [s for s in screenings if s.date <= kept.today.isoformat()]
    return Progress(kept, screenings, changes_since_previous(screenings), now_yes(screenings))


@dataclass(frozen=True)
class HistoryPage:
    """One page of the saved screenings, newest first, and where it stands in the list."""

    screenings: list[SavedScreening]
    total: int
    first: int  # the position of the page's first screening, from 1
    page: int
    limit: int

    @property
    def more(self) -> bool:
        """Whether older screenings follow on the next page."""
        return self.limit * self.page < self.total


def history_page(limit: int, page: int = 1) -> HistoryPage:
    """Page ``page`` of the saved screenings, ``limit`` a page, newest first: one indexed
    query, so a clinic's ten thousand screenings list at once."""
    from ottool.storage.history import screenings_page

    found, total = screenings_page(limit, page)
    return HistoryPage(found, total, limit * (page - 1) + 1, page, limit)
