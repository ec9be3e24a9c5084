"""What `history import` checks before it adds anything: each record passes the checks of
the command that makes it (docs/decisions.md, "An import is checked like the commands").

- A screening: the result reader of `plan --from` (format, every id against the content,
  known codes), a checklist the content has, the dates `screen` accepts (not in the
  future, not before the birth date), the text limits of the questionnaire, and an
  overall step no calmer than its own areas and signs say, a time frame no calmer than
  its own signs', and a next check the content could have given.
- A plan given: the plan file's reader of `plan --from-plan` (known areas and
  activities, nothing listed twice, its screening's result read as above), given on
  or after the child's birth date and not after today.
- A practice: `ottool log`'s rules (a known activity, a day on or before today and not
  before the birth date, a day's minutes within :data:`practice.MAX_MINUTES_A_DAY` per
  activity and :data:`practice.MAX_MINUTES_ALL_DAY` in all), for a child who has a
  screening or a plan given (in the file or in the history).
- No two lines say different things about one practice (the same child, activity, day
  and moment logged): an export never writes that.

Every problem is an :class:`~ottool.core.errors.InputError` naming the file and line.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ottool.core.errors import InputError, shown
from ottool.core.i18n import _
from ottool.core.limits import MAX_NAME, MAX_NOTE, length_message, too_long

if TYPE_CHECKING:
    from ottool.core.activity_choice import HomePlan
    from ottool.core.content import Content
    from ottool.core.screening import ScreeningResult
    from ottool.storage.formats import GivenPlan, Result
    from ottool.storage.history.practice import PracticeEntry


def check_result(
    result: dict[str, Any], content: Content, where: str
) -> tuple[ScreeningResult, HomePlan]:
    """A screening's result as `plan --from` reads it, and as `screen` would make it;
    the result read."""
    from ottool.core.age import FULL_TERM_WEEKS, check_dates
    from ottool.core.screening import OVERALL_ORDER, overall_status
    from ottool.storage.formats import Result, convert
    from ottool.storage.result_json import result_from_data

    read = result_from_data(result, content, where)
    doc = convert(result, Result, where, "the result file")
    try:
        weeks = doc.child.gestational_weeks or FULL_TERM_WEEKS
        check_dates(doc.child.birth_date, doc.date, weeks)
    except InputError as exc:
        raise InputError(f"{where}: {exc.problems[0].message}") from None
    for what, text, limit in (
        (_("the child's name"), doc.child.name, MAX_NAME),
        (_("the parent's note"), doc.concerns, MAX_NOTE),
    ):
        if text is not None and too_long(text, limit):
            raise InputError(f"{where}: {length_message(what, text, limit)}")
    # The recorded facts against the recorded step: an area worth talking about, or an
    # urgent sign, under an overall "on track" is a forged or broken result. (A step
    # more urgent than its areas may come from a rule of its day; it is never calmer.)
    from ottool.core.screening import STATUSES, DomainResult

    areas = tuple(
        DomainResult(d.id, next(s for s in STATUSES if s == d.status)) for d in doc.domains
    )
    signs = tuple(content.warning_sign_by_id[w.id] for w in doc.warning_signs)
    least = overall_status(areas, signs)
    if doc.overall in OVERALL_ORDER[: OVERALL_ORDER.index(least)]:
        message = _(
            "the overall step {overall} contradicts the result's own areas and signs, "
            "which ask for at least {least}"
        )
        raise InputError(f"{where}: " + message.format(overall=doc.overall, least=least))
    _check_time_frames(doc, content, where)
    return read


def _check_time_frames(doc: Result, content: Content, where: str) -> None:
    """No result calmer than its own most urgent sign, and a next check the content could
    have given: on or after the screening, on one of its checklists (or the hand-over),
    within the ages it serves. (A sign is not held to today's content: a later content
    may have made it more urgent, and a genuine export must still import.)"""
    from ottool.core.age import add_months
    from ottool.core.next_check import limit_months
    from ottool.core.vocabulary import ACTS

    for w in doc.warning_signs:
        if doc.act is not None and w.act is not None and ACTS.index(doc.act) > ACTS.index(w.act):
            message = _("the result's time frame {act} is calmer than its sign {id} asks ({sign})")
            raise InputError(f"{where}: " + message.format(act=doc.act, id=w.id, sign=w.act))
    check = doc.next_check
    if check is None:
        return
    last = add_months(doc.child.birth_date, limit_months(content.max_months) + 4)
    if (
        check.date < doc.date
        or check.date > last
        or (check.months is not None and check.months not in content.checklists)
    ):
        message = _("the next check ({date}) is not one ottool could have given for this screening")
        raise InputError(f"{where}: " + message.format(date=check.date.isoformat()))


def check_plan(plan: GivenPlan, content: Content, where: str) -> None:
    """A plan given as `plan --from-plan` reads a plan file, given on a possible day."""
    from ottool.storage.given_plan import chosen_plan

    result = None
    if plan.result is not None:
        result = check_result(plan.result, content, where)[0]
    chosen_plan(content, plan, result, where)
    if plan.date > dt.date.today():
        message = _("the plan's date {date} is in the future")
        raise InputError(f"{where}: " + message.format(date=plan.date.isoformat()))
    born = plan.child.birth_date
    if born is not None and plan.date < born:
        message = _("the plan's date {date} is before the child's birth date {birth}")
        raise InputError(
            f"{where}: " + message.format(date=plan.date.isoformat(), birth=born.isoformat())
        )


def check_practice(entry: PracticeEntry, content: Content, where: str) -> None:
    """A practice as `ottool log` takes one (the day's totals are checked on adding)."""
    from ottool.core.errors import did_you_mean
    from ottool.storage.history.practice import check_day

    if entry.activity not in content.activity_by_id:
        message = _("'{activity}' is not an activity id").format(activity=shorten(entry.activity))
        message += did_you_mean(entry.activity, content.activity_by_id)
        raise InputError(f"{where}: {message}")
    try:
        check_day(entry.child, entry.date, entry.minutes, option=_("the minutes"))
    except InputError as exc:
        raise InputError(f"{where}: {exc.problems[0].message}") from None


def shorten(text: str, limit: int = 40) -> str:
    """A user's value cut to ``limit`` characters with "…", for a message."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class SeenRecords:
    """The practices of a file so far, to refuse two lines that say different things
    about one practice (the same child, activity, day and moment logged). A line that
    repeats another exactly is the same practice: it is added once."""

    def __init__(self) -> None:
        self._lines: dict[tuple[Any, ...], tuple[Any, int]] = {}

    def add(self, key: tuple[Any, ...], value: Any, number: int, where: str, moment: str) -> None:
        first_value, first = self._lines.setdefault(key, (value, number))
        if first_value != value:
            message = _(
                "this practice was logged at the same moment ({moment}) as the one on line "
                "{first}, for the same child, activity and day, but with other minutes"
            )
            raise InputError(f"{where}: " + message.format(first=first, moment=shown(moment)))
