"""A therapist's changes to one family's plan: dose, a personal "why", steps, dropped and
added activities (docs/design.md §11). Pure: the command line parses its options into
:class:`PlanEdits`, and :func:`apply_edits` gives the edited plan.

The content is never changed: an edited activity is a copy of the content's activity
with the therapist's values, so the same activity is never chosen twice.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

import msgspec

from ottool.core.activity_choice import (
    DEFAULT_MAX_ACTIVITIES,
    HomePlan,
    PlannedActivity,
    plan_for_focus,
    plan_for_result,
)
from ottool.core.content import Activity, Content
from ottool.core.errors import InputError, did_you_mean
from ottool.core.i18n import _
from ottool.core.limits import MAX_NOTE, check_length
from ottool.core.screening import ScreeningResult

#: Bounds of a dose, as in the content (minutes and times a day 1-240, days 1-7).
MAX_COUNT = 240
DAYS_IN_WEEK = 7
#: An edited dose is refused past this much a day (minutes × times a day): 2 hours.
MAX_MINUTES_A_DAY = 120
#: Names a --dose value may give its numbers (ID:minutes=5,times=3,days=4).
DOSE_NAMES = {
    "minutes": "minutes",
    "min": "minutes",
    "times": "times_per_day",
    "times_per_day": "times_per_day",
    "days": "days_per_week",
    "days_per_week": "days_per_week",
}


@dataclass(frozen=True, slots=True)
class ActivityEdit:
    """One activity's changes; None (or empty) leaves the content's value."""

    minutes: int | None = None
    times_per_day: int | None = None
    days_per_week: int | None = None
    why: str | None = None
    #: Replace the content's steps (``--step``), in order.
    steps: tuple[str, ...] = ()
    #: Steps added after the content's (or the replaced) steps (``--add-step``).
    added_steps: tuple[str, ...] = ()

    def merged(self, later: ActivityEdit) -> ActivityEdit:
        """This edit with ``later``'s values on top (a revision of a saved plan)."""
        return ActivityEdit(
            minutes=later.minutes if later.minutes is not None else self.minutes,
            times_per_day=(
                later.times_per_day if later.times_per_day is not None else self.times_per_day
            ),
            days_per_week=(
                later.days_per_week if later.days_per_week is not None else self.days_per_week
            ),
            why=later.why if later.why is not None else self.why,
            steps=later.steps or self.steps,
            added_steps=self.added_steps + later.added_steps,
        )

    @property
    def empty(self) -> bool:
        return self == ActivityEdit()


@dataclass(frozen=True)
class PlanEdits:
    """Everything a therapist changed: activities added and dropped, and per-activity edits."""

    add: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()
    edits: Mapping[str, ActivityEdit] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.add or self.drop or self.edits)


def parse_dose(value: str) -> tuple[str, ActivityEdit]:
    """``ID=MINUTES,TIMES_PER_DAY[,DAYS_PER_WEEK]`` or ``ID:minutes=5,times=3,days=4``."""
    activity_id, numbers = _split(value, "--dose", _("ID=MINUTES,TIMES_PER_DAY[,DAYS_PER_WEEK]"))
    parts = [p.strip() for p in numbers.split(",") if p.strip()]
    found: dict[str, int] = {}
    if parts and all("=" in p for p in parts):
        for part in parts:
            name, _sep, number = part.partition("=")
            key = DOSE_NAMES.get(name.strip().lower())
            if key is None:
                message = _("--dose {value}: '{name}' is not minutes, times or days")
                raise InputError(message.format(value=value, name=name.strip()))
            found[key] = _count(value, number, key)
    elif 2 <= len(parts) <= 3 and not any("=" in p for p in parts):
        for key, number in zip(("minutes", "times_per_day", "days_per_week"), parts, strict=False):
            found[key] = _count(value, number, key)
    else:
        message = _(
            "--dose {value}: write ID=MINUTES,TIMES_PER_DAY[,DAYS_PER_WEEK], such as {example}"
        )
        raise InputError(message.format(value=value, example="tummy-time-floor=5,3"))
    return activity_id, ActivityEdit(
        minutes=found.get("minutes"),
        times_per_day=found.get("times_per_day"),
        days_per_week=found.get("days_per_week"),
    )


def parse_text(option: str, value: str) -> tuple[str, str]:
    """``ID=TEXT`` of ``--why``, ``--step`` and ``--add-step``."""
    activity_id, text = _split(value, option, _("ID=TEXT"))
    text = text.strip()
    if not text:
        raise InputError(
            _("{option} {value}: the text after '=' is empty").format(option=option, value=value)
        )
    check_length(option, text, MAX_NOTE)
    return activity_id, text


def gather_edits(
    *,
    add: Sequence[str] = (),
    drop: Sequence[str] = (),
    dose: Sequence[str] = (),
    why: Sequence[str] = (),
    step: Sequence[str] = (),
    add_step: Sequence[str] = (),
) -> PlanEdits:
    """The options of `ottool plan` as one :class:`PlanEdits` (not yet checked against
    a plan: :func:`check_edits`)."""
    edits: dict[str, ActivityEdit] = {}

    def merge(activity_id: str, edit: ActivityEdit) -> None:
        edits[activity_id] = edits.get(activity_id, ActivityEdit()).merged(edit)

    dosed: set[str] = set()
    for value in dose:
        activity_id, edit = parse_dose(value)
        if activity_id in dosed:
            message = _("--dose {id} is given twice: give one dose for each activity")
            raise InputError(message.format(id=activity_id))
        dosed.add(activity_id)
        merge(activity_id, edit)
    for value in why:
        activity_id, text = parse_text("--why", value)
        merge(activity_id, ActivityEdit(why=text))
    replaced: dict[str, list[str]] = {}
    for value in step:
        activity_id, text = parse_text("--step", value)
        replaced.setdefault(activity_id, []).append(text)
    for activity_id, steps in replaced.items():
        merge(activity_id, ActivityEdit(steps=tuple(steps)))
    for value in add_step:
        activity_id, text = parse_text("--add-step", value)
        merge(activity_id, ActivityEdit(added_steps=(text,)))
    both = set(add) & set(drop)
    if both:
        message = _("'{id}' is both added (--activity) and dropped (--drop)")
        raise InputError(message.format(id=sorted(both)[0]))
    return PlanEdits(tuple(dict.fromkeys(add)), tuple(dict.fromkeys(drop)), edits)


def combine(before: PlanEdits, later: PlanEdits) -> PlanEdits:
    """A saved plan's edits revised by new ones: a later --activity undoes an earlier
    --drop and the other way round; per-activity edits merge, the later value winning."""
    add = [a for a in before.add if a not in later.drop] + list(later.add)
    drop = [d for d in before.drop if d not in later.add] + list(later.drop)
    edits = dict(before.edits)
    for activity_id, edit in later.edits.items():
        edits[activity_id] = edits.get(activity_id, ActivityEdit()).merged(edit)
    return PlanEdits(tuple(dict.fromkeys(add)), tuple(dict.fromkeys(drop)), edits)


def check_known(content: Content, ids: Iterable[str], option: str) -> None:
    """InputError for an id the content does not have, with a suggestion."""
    for activity_id in ids:
        if activity_id not in content.activity_by_id:
            message = _(
                "{option} {id}: '{id}' is not a known activity{hint} (see `ottool activities`)"
            )
            raise InputError(
                message.format(
                    option=option,
                    id=activity_id,
                    hint=did_you_mean(activity_id, content.activity_by_id),
                )
            )


def check_signs(content: Content, treating: Iterable[str]) -> None:
    """--treating names warning signs of the content."""
    for sign in treating:
        if sign not in content.warning_sign_by_id:
            message = _("--treating {id}: '{id}' is not a known warning sign{hint} (see {where})")
            raise InputError(
                message.format(
                    id=sign,
                    hint=did_you_mean(sign, content.warning_sign_by_id),
                    where="`ottool milestones --format json`",
                )
            )


def therapist_plan(
    content: Content,
    *,
    result: ScreeningResult | None = None,
    age_months: float | None = None,
    focus: Sequence[str] = (),
    edits: PlanEdits = PlanEdits(),
    max_activities: int | None = None,
) -> HomePlan:
    """A plan from a screening (``result``) or for an age, with the therapist's choices.

    The therapist's ``--activity`` picks come first; the rules fill the places left up
    to ``max_activities`` (by default 4), never with a dropped activity. A plan for an
    age with picks and no focus area holds exactly the picks unless ``max_activities``
    says otherwise: asking for three activities never adds a fourth.
    """
    check_known(content, edits.add, "--activity")
    check_known(content, edits.drop, "--drop")
    if result is not None:
        limit = max_activities or DEFAULT_MAX_ACTIVITIES
        plan = plan_for_result(
            content, result, limit, focus=focus, activity_ids=edits.add, exclude=edits.drop
        )
    else:
        assert age_months is not None
        if max_activities is not None:
            limit = max_activities
        elif edits.add and not focus:
            limit = len(edits.add)
        else:
            limit = DEFAULT_MAX_ACTIVITIES
        plan = plan_for_focus(
            content,
            age_months,
            focus=focus,
            activity_ids=edits.add,
            max_activities=limit,
            exclude=edits.drop,
        )
    return apply_edits(plan, PlanEdits(edits=edits.edits))


def revised(content: Content, plan: HomePlan, edits: PlanEdits) -> HomePlan:
    """A plan given before, revised: dropped activities out, added ones at the end (as
    the therapist's picks), and the edits applied."""
    check_known(content, edits.add, "--activity")
    held = [p.activity.id for p in plan.activities]
    _check_in_plan("--drop", edits.drop, held)
    kept = [p for p in plan.activities if p.activity.id not in edits.drop]
    added = [
        PlannedActivity(content.activity_by_id[i], "chosen") for i in edits.add if i not in held
    ]
    return apply_edits(replace(plan, activities=(*kept, *added)), PlanEdits(edits=edits.edits))


def apply_edits(plan: HomePlan, edits: PlanEdits) -> HomePlan:
    """``plan`` with each activity's dose and steps edited.

    Every edited id must be in the plan: a change to an activity the plan does not hold
    is a slip the therapist should hear about, never silently ignored. The personal
    "why" is not part of the activity: :func:`personal_whys` gives it to the document.
    """
    _check_in_plan(
        "--dose/--why/--step", list(edits.edits), [p.activity.id for p in plan.activities]
    )
    activities = tuple(
        replace(p, activity=edited(p.activity, edits.edits.get(p.activity.id)))
        for p in plan.activities
    )
    for p in activities:
        a = p.activity
        if a.id in edits.edits and a.minutes * a.times_per_day > MAX_MINUTES_A_DAY:
            message = _(
                "--dose {id}: {minutes} min, {times} times a day is more than {hours} hours "
                "a day; a home activity is a few minutes, a few times a day"
            )
            raise InputError(
                message.format(
                    id=a.id,
                    minutes=a.minutes,
                    times=a.times_per_day,
                    hours=MAX_MINUTES_A_DAY // 60,
                )
            )
    return replace(plan, activities=activities)


def personal_whys(edits: PlanEdits) -> dict[str, str]:
    """The therapist's own "why" line of each activity that has one."""
    return {i: e.why for i, e in edits.edits.items() if e.why}


def edited(activity: Activity, edit: ActivityEdit | None) -> Activity:
    """A copy of ``activity`` with the therapist's dose and steps; the content stays as is."""
    if edit is None or edit.empty:
        return activity
    changes: dict[str, object] = {}
    for name in ("minutes", "times_per_day", "days_per_week"):
        value = getattr(edit, name)
        if value is not None:
            changes[name] = value
    if edit.steps or edit.added_steps:
        changes["steps"] = (*(edit.steps or activity.steps), *edit.added_steps)
    return msgspec.structs.replace(activity, **changes) if changes else activity


def _check_in_plan(option: str, ids: Iterable[str], held: Sequence[str]) -> None:
    for activity_id in ids:
        if activity_id not in held:
            message = _(
                "{option} {id}: the plan has no activity '{id}'{hint} (its activities: {ids}); "
                "add it with --activity {id}"
            )
            raise InputError(
                message.format(
                    option=option,
                    id=activity_id,
                    hint=did_you_mean(activity_id, held),
                    ids=", ".join(held) or "-",
                )
            )


def _split(value: str, option: str, form: str) -> tuple[str, str]:
    for sep in ("=", ":"):
        activity_id, found, rest = value.partition(sep)
        if found and activity_id.strip() and "=" not in activity_id and ":" not in activity_id:
            return activity_id.strip(), rest
    message = _("{option} {value}: write {form}")
    raise InputError(message.format(option=option, value=value, form=form))


def _count(value: str, number: str, key: str) -> int:
    top = DAYS_IN_WEEK if key == "days_per_week" else MAX_COUNT
    try:
        count = int(number.strip())
    except ValueError:
        count = 0
    if not 1 <= count <= top:
        message = _("--dose {value}: {name} must be a whole number from 1 to {top}, got '{number}'")
        names = {
            "minutes": _("minutes"),
            "times_per_day": _("times a day"),
            "days_per_week": _("days a week"),
        }
        raise InputError(
            message.format(value=value, name=names[key], top=top, number=number.strip())
        )
    return count
