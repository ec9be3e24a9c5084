"""After the screening (docs/design.md §10): which child, the practice log and the
practice kept against the plan's dose, the coming checks and their calendar, progress,
the history a page at a time, and the one page for the child's doctor."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ottool.core.errors import InputError
from ottool.session.screening import read_back

if TYPE_CHECKING:
    import datetime as dt

    from ottool.core.clinic import Clinic
    from ottool.core.content import Content
    from ottool.core.practice_kept import ActivityPractice
    from ottool.core.screening import ScreeningResult
    from ottool.core.vocabulary import Change
    from ottool.documents.coming_checks import ChildChecks
    from ottool.documents.summary_document import SummaryDocument
    from ottool.storage.history.identity import Child
    from ottool.storage.history.practice import CurrentPlan, PracticeEntry
    from ottool.storage.history.progress import MilestoneMove
    from ottool.storage.history.saved import SavedScreening


def which_child(name: str | None, born: str | None = None, *, child_id: str | None = None) -> Child:
    """The child of the history ``--child NAME``/``--born DATE``/``--child-id ID`` mean
    (with no name, the only child); InputError naming the children when it is not clear
    which."""
    from ottool.storage.history.identity import choose_child

    return choose_child(name, born, child_id)


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
    #: The activity's title: the content's, else the one the plan kept (a clinic's own).
    name: str = ""


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
    to the plan current that day. An id the content does not know is taken when that
    plan holds it (a clinic's own activity, logged without its folder). InputError for
    any other id (with a suggestion, and the plan's ids), a day in the future or before
    birth."""
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
    names = {**(plan.names if plan is not None else {}), **{a: known[a].name for a in known}}
    for activity in activities:
        if activity not in known and activity not in planned:
            message = _("'{activity}' is not an activity id").format(activity=activity)
            message += did_you_mean(activity, planned or list(known))
            if planned:
                message += " " + _("(this plan's: {ids})").format(ids=", ".join(planned))
            raise InputError(message)
    return [
        Logged(
            log_one(child, a, on, minutes, plan=plan, today=today), a in planned, names.get(a, a)
        )
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
        saved = latest_screening(who.name, who.born, who.child_id or None)
        if saved is None:
            # A child with only a plan given: the checklists' days from the birth date.
            try:
                birth = dt.date.fromisoformat(who.birth_date) if who.born else None
            except ValueError:
                birth = None  # a damaged record: no check can be worked out from it
            if birth is not None:
                found.append(coming_from_birth(who.name, birth, content, today))
            continue
        try:
            result = read_back(saved, content).result
        except InputError:
            continue  # saved with other content: no check can be worked out now
        found.append(coming_for(result, content, today))
    return found


def coming_from_birth(
    name: str, birth: dt.date, content: Content, today: dt.date | None = None
) -> ChildChecks:
    """The checks of a child no screening is saved for (a plan given by age; full term,
    as no record says otherwise): each checklist's day from ``today`` on, then the
    hand-over."""
    import datetime as dt

    from ottool.core.next_check import coming_checks
    from ottool.documents.coming_checks import ChildChecks
    from ottool.documents.wording import emergency_number
    from ottool.storage.history.saved import child_key

    today = today or dt.date.today()
    checks = coming_checks(birth, today, content.checklists, max_months=content.max_months)
    number = emergency_number(content, None, short=True)
    return ChildChecks(child_key(name), name, birth, checks, None, number)


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
    screenings = [
        s
        for s in list_screenings(child.name, born=child.born, child_id=child.child_id or None)
        if not s.damaged
    ]
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


def summary(
    content: Content,
    path: Path,
    *,
    child: str | None = None,
    born: str | None = None,
    child_id: str | None = None,
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
    chosen = which_child(child, born, child_id=child_id)
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
