"""A plan as the therapist gave it (``ottool-given-plan/1``), to keep, reprint and revise.

:func:`given_plan` records a chosen, edited plan; :func:`chosen_plan` makes the same
plan again from the record; :func:`read_given_plan` reads a plan file the therapist
wrote or edited (YAML or JSON, or the plan JSON of `plan --format json`), and
:func:`given_plan_yaml` writes one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ottool.core.activity_choice import HomePlan, PlannedActivity
from ottool.core.age import checklist_for
from ottool.core.content import Content
from ottool.core.errors import InputError, did_you_mean
from ottool.core.i18n import _
from ottool.core.plan_edits import ActivityEdit, PlanEdits, apply_edits
from ottool.core.screening import ScreeningResult
from ottool.core.vocabulary import REASONS, Reason
from ottool.storage.formats import (
    GIVEN_PLAN_FORMAT,
    GivenActivity,
    GivenChild,
    GivenPlan,
    check_format,
    convert,
    decode_json,
    to_data,
)

#: The largest plan file read (a plan with its screening is a few kilobytes).
MAX_PLAN_BYTES = 2 * 1024 * 1024


def given_plan(
    plan: HomePlan,
    edits: PlanEdits,
    *,
    date: dt.date,
    child: str | None,
    birth_date: dt.date | None,
    therapist: str | None = None,
    caregiver: str | None = None,
    weeks: int = 2,
    notes: Sequence[str] = (),
    treating: Sequence[str] = (),
    screening: int | None = None,
    result: Mapping[str, Any] | None = None,
    age_months: float | None = None,
    region: str | None = None,
    child_id: str | None = None,
    clinic_activities: Collection[str] = (),
    language: str | None = None,
) -> GivenPlan:
    """The record of a plan given: its activities in order, each with its edits; a
    clinic's own activity (``clinic_activities``) with its card's title and days a week,
    for the commands that read the plan without the clinic's folder."""
    activities = []
    for p in plan.activities:
        edit = edits.edits.get(p.activity.id, ActivityEdit())
        activities.append(
            GivenActivity(
                id=p.activity.id,
                reason=p.reason,
                targets=list(p.targets),
                minutes=edit.minutes,
                times_per_day=edit.times_per_day,
                days_per_week=edit.days_per_week,
                why=edit.why,
                steps=list(edit.steps),
                added_steps=list(edit.added_steps),
                name=p.activity.name if p.activity.id in clinic_activities else None,
                card_days_per_week=p.activity.days_per_week
                if p.activity.id in clinic_activities
                else None,
            )
        )
    return GivenPlan(
        date=date,
        child=GivenChild(name=child, birth_date=birth_date, id=child_id or None),
        therapist=therapist,
        caregiver=caregiver,
        weeks=weeks,
        notes=list(notes),
        treating=list(treating),
        screening=screening,
        age_months=age_months if result is None else None,
        focus=list(plan.focus),
        activities=activities,
        dropped=list(edits.drop),
        region=region,
        language=language,
        result=dict(result) if result is not None else None,
    )


def edits_of(given: GivenPlan) -> PlanEdits:
    """The therapist's edits recorded in a plan given."""
    edits = {}
    for a in given.activities:
        edit = ActivityEdit(
            minutes=a.minutes,
            times_per_day=a.times_per_day,
            days_per_week=a.days_per_week,
            why=a.why,
            steps=tuple(a.steps),
            added_steps=tuple(a.added_steps),
        )
        if not edit.empty:
            edits[a.id] = edit
    return PlanEdits(drop=tuple(given.dropped), edits=edits)


def chosen_plan(
    content: Content, given: GivenPlan, result: ScreeningResult | None, where: str
) -> HomePlan:
    """The plan given, made again: the same activities in the same order, edited.

    ``result`` is the screening it came from (read from ``given.result``), else the
    plan is for ``given.age_months``. An activity the content no longer has is an
    InputError naming it and ``where`` the plan came from.
    """
    _check_given(content, given, where)
    for a in given.activities:
        if a.id not in content.activity_by_id:
            message = _("{where}: the activity '{id}' is not in the content any more{hint}")
            hint = did_you_mean(a.id, content.activity_by_id)
            raise InputError(message.format(where=where, id=a.id, hint=hint))
    if result is not None:
        months, checklist = result.age.used_months, result.checklist.months
    elif given.age_months is not None:
        months = given.age_months
        checklist = checklist_for(months, content.checklists).months
    else:
        message = _("{where}: the plan says neither its screening nor an age (age_months)")
        raise InputError(message.format(where=where))
    activities = tuple(
        PlannedActivity(content.activity_by_id[a.id], _reason(a.reason), tuple(a.targets))
        for a in given.activities
    )
    plan = HomePlan(months, checklist, activities, tuple(given.focus))
    return apply_edits(plan, PlanEdits(edits=edits_of(given).edits))


def _check_given(content: Content, given: GivenPlan, where: str) -> None:
    """A plan file's slips, one clear sentence each: an unknown area, an activity listed
    twice or both kept and dropped, a child born after today."""
    for area in given.focus:
        if area not in content.domain_by_id:
            message = _("{where}: focus '{area}' is not a known area{hint}")
            hint = did_you_mean(area, content.domain_by_id)
            raise InputError(message.format(where=where, area=area, hint=hint))
    seen: set[str] = set()
    for a in given.activities:
        if a.id in seen:
            message = _("{where}: the activity '{id}' is listed twice; list it once")
            raise InputError(message.format(where=where, id=a.id))
        seen.add(a.id)
    for dropped in given.dropped:
        if dropped in seen:
            message = _("{where}: '{id}' is both in activities and in dropped")
            raise InputError(message.format(where=where, id=dropped))
    born = given.child.birth_date
    if born is not None and born > dt.date.today():
        message = _("{where}: the child's birth date {date} is after today")
        raise InputError(message.format(where=where, date=born.isoformat()))


def _reason(reason: str) -> Reason:
    return next((r for r in REASONS if r == reason), "chosen")


def read_given_plan(path: Path) -> GivenPlan:
    """A plan file: ``ottool-given-plan/1`` as YAML or JSON, or the plan JSON of
    `plan --format json` (its ``given`` part). Every problem names the file."""
    from ottool.core.yamlsource import read_text

    text = read_text(path, max_bytes=MAX_PLAN_BYTES)
    where = str(path)
    if text.lstrip().startswith("{"):
        data = decode_json(text, where)
    else:
        # ottool's YAML reader, as for answer and clinic files: aliases, nesting and size
        # are bounded (no "billion laughs"), and every problem names its line.
        from ottool.core.yamlsource import parse_yaml

        data = parse_yaml(text, where)
    if isinstance(data, dict) and isinstance(data.get("given"), dict):
        data = _given_part(data)
    check_format(data, GIVEN_PLAN_FORMAT, where)
    return convert(_colons_as_text(_dates_as_text(data)), GivenPlan, where, _("this plan"))


def _colons_as_text(data: Any) -> Any:
    """A note, "why" line or step typed with ": " in it (``- Tip: left side first``) is
    read by YAML as a one-entry mapping; in a plan file it is the sentence typed."""

    def sentence(value: Any) -> Any:
        if isinstance(value, dict) and len(value) == 1:
            ((key, rest),) = value.items()
            if isinstance(key, str) and isinstance(rest, str | int | float):
                return f"{key}: {rest}"
        return value

    if not isinstance(data, dict):
        return data
    out = dict(data)
    if isinstance(out.get("notes"), list):
        out["notes"] = [sentence(n) for n in out["notes"]]
    if isinstance(out.get("activities"), list):
        activities = []
        for a in out["activities"]:
            if isinstance(a, dict):
                a = dict(a)
                a["why"] = sentence(a["why"]) if "why" in a else None
                if a["why"] is None:
                    del a["why"]
                for key in ("steps", "added_steps"):
                    if isinstance(a.get(key), list):
                        a[key] = [sentence(x) for x in a[key]]
            activities.append(a)
        out["activities"] = activities
    return out


def _given_part(data: dict[str, Any]) -> Any:
    """The record inside a plan's JSON (`plan --format json`), with the child's name as
    the printed part says when the therapist changed it there (``child``) and not in
    ``given.child``."""
    given = dict(data["given"])
    shown, child = data.get("child"), given.get("child")
    if isinstance(shown, str) and isinstance(child, dict) and shown != child.get("name"):
        given["child"] = {**child, "name": shown}
    return given


def _dates_as_text(data: Any) -> Any:
    """YAML reads 2026-09-20 as a date; the format reads dates from text, as in JSON."""
    if isinstance(data, dict):
        return {k: _dates_as_text(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_dates_as_text(v) for v in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def given_plan_yaml(given: GivenPlan) -> str:
    """The plan as a YAML file a therapist can edit and print again (`plan --from-plan`)."""
    import yaml

    data = to_data(given)
    result = data.pop("result", None)
    head = _(
        "# An ottool plan: edit it and print it again with `ottool plan --from-plan FILE`.\n"
        "# Per activity: minutes, times_per_day, days_per_week, why, steps (replace the\n"
        "# activity's steps), added_steps; notes, weeks, treating (warning-sign ids).\n"
    )
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=88)
    if result is not None:
        tail = _("# The screening the plan came from; not for editing.\n")
        body += tail + yaml.safe_dump({"result": result}, allow_unicode=True, sort_keys=False)
    return head + body


@dataclass(frozen=True)
class EarlierPlan:
    """A plan given before, as `--from-plan` found it: the record and where it came from
    (``saved plan 3`` or the file's name), and its number when it is in the history."""

    given: GivenPlan
    where: str
    number: int | None = None


def read_earlier_plan(value: str) -> EarlierPlan:
    """A plan given before: a number in the history, or a plan file."""
    if value.strip().isdigit():
        from ottool.storage.history.plans import get_plan

        number = int(value)
        plan = get_plan(number).plan
        if plan is None:
            message = _("saved plan {number} is damaged (what was stored cannot be read)")
            raise InputError(message.format(number=number))
        return EarlierPlan(plan, _("saved plan {number}").format(number=number), number)
    path = Path(value)
    return EarlierPlan(read_given_plan(path), str(path))


def birth_date_for(
    name: str | None,
    born: str | None,
    result: ScreeningResult | None,
    child_id: str | None = None,
) -> dt.date | None:
    """Whose plan this is: --born, else the screening's child, else the one child of that
    name (and clinic id) in the history; None when nothing says (a plan for an age, not
    kept)."""
    if born is not None:
        try:
            day = dt.date.fromisoformat(born)
        except ValueError:
            message = _("--born {value}: write the birth date as YYYY-MM-DD")
            raise InputError(message.format(value=born)) from None
        if day > dt.date.today():
            raise InputError(_("--born {value} is after today").format(value=born))
        return day
    if result is not None:
        return result.child.birth_date
    if name:
        from ottool.storage.history.identity import children, find_child
        from ottool.storage.history.saved import child_key

        if any(child_key(c.name) == child_key(name) for c in children()):
            found = find_child(name, None, child_id)
            return dt.date.fromisoformat(found.birth_date) if found.birth_date else None
    return None
