"""The result file `ottool-result/1` (docs/design.md §4): a screening and its plan as JSON.

The format itself is :class:`ottool.storage.formats.Result`; this module turns a scored
screening and its plan into it, and reads one back against the current content
(every id checked, each planned activity with its reason and the milestones it
practices), so that a saved or exported result can be shown again in full, in
either language: the file holds only ids, codes and numbers, never sentences.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ottool.core.activity_choice import HomePlan, PlannedActivity
from ottool.core.age import FULL_TERM_WEEKS, Age, ChecklistChoice, age_of, days_back
from ottool.core.content import Content
from ottool.core.errors import InputError, did_you_mean, shown
from ottool.core.i18n import N_, _
from ottool.core.screening import (
    CHECK_ANSWERS,
    OVERALLS,
    STATUSES,
    Child,
    DomainResult,
    ScreeningResult,
    decide,
    signs_reported,
    with_next_check,
)
from ottool.core.vocabulary import ACTS, REASONS, Act, Reason
from ottool.storage.formats import (
    RESULT_FORMAT,
    Result,
    ResultActivity,
    ResultAge,
    ResultChecklist,
    ResultChild,
    ResultDomain,
    ResultNextCheck,
    ResultPlan,
    ResultSign,
)

#: Why an activity is in a plan; a reason this ottool does not know reads as "age".
_REASONS = REASONS


def result_to_struct(result: ScreeningResult, plan: HomePlan) -> Result:
    """The result and its plan as the `ottool-result/1` document."""
    age = result.age
    check = result.next_check
    corrected = age.corrected_age
    return Result(
        format=RESULT_FORMAT,
        date=result.date,
        child=ResultChild(
            name=result.child.name,
            birth_date=result.child.birth_date,
            gestational_weeks=result.child.gestational_weeks,
        ),
        age=ResultAge(
            # Cut to a tenth, not rounded: 11 months and 29 days is 11.9, as its checklist.
            chronological_months=age.chronological.tenths,
            corrected_months=None if corrected is None else corrected.tenths,
            used_months=age.used.tenths,
            corrected=age.corrected,
            chronological_days=age.chronological_days,
            corrected_days=age.corrected_days,
        ),
        checklist=ResultChecklist(months=result.checklist.months, early=result.checklist.early),
        domains=[
            ResultDomain(
                id=d.id,
                status=d.status,
                not_yet=list(d.not_yet),
                sometimes=list(d.sometimes),
                unsure=list(d.unsure),
                yes=list(d.yes),
            )
            for d in result.domains
        ],
        warning_signs=[ResultSign(id=w.id, level=w.level, act=w.act) for w in result.warning_signs],
        overall=result.overall,
        act=result.act,
        referrals=list(result.referrals),
        region=result.region,
        next_check=None
        if check is None
        else ResultNextCheck(date=check.date, months=check.months, why=check.why),
        concerns=result.concerns,
        content_version=result.content_version,
        unused_answers=list(result.unused_answers),
        plan=ResultPlan(
            activities=[
                ResultActivity(
                    id=p.activity.id,
                    reason=p.reason,
                    targets=list(p.targets),
                    minutes=p.activity.minutes,
                    times_per_day=p.activity.times_per_day,
                    days_per_week=p.activity.days_per_week,
                )
                for p in plan.activities
            ]
        ),
    )


def result_to_data(result: ScreeningResult, plan: HomePlan) -> dict[str, Any]:
    """The result and its plan as JSON-ready `ottool-result/1` data (None written as null)."""
    import msgspec

    data: dict[str, Any] = msgspec.to_builtins(result_to_struct(result, plan))
    return data


def read_result(path: Path, content: Content) -> tuple[ScreeningResult, HomePlan]:
    """Read a result file: the screening and its plan."""
    from ottool.core.yamlsource import read_text
    from ottool.storage.formats import decode_json

    text = read_text(path, name=str(path), max_bytes=16 * 1024 * 1024)
    data = decode_json(text, str(path), N_("a JSON result file"))
    if isinstance(data, dict) and data.get("format") in PLAN_FORMATS:
        from ottool.core.errors import InputError
        from ottool.core.i18n import _

        message = _(
            "{file} is a plan, not a screening's result: print it again or revise it with "
            "`ottool plan --from-plan {file}`"
        )
        raise InputError(message.format(file=path))
    return result_from_data(data, content, str(path))


#: The plan documents ottool writes (`plan --format json`, the plan file).
PLAN_FORMATS = ("ottool-plan/1", "ottool-given-plan/1")


def result_from_data(data: Any, content: Content, where: str) -> tuple[ScreeningResult, HomePlan]:
    """Rebuild a screening result and its plan from an `ottool-result/1` document.

    Every field is checked against :class:`ottool.storage.formats.Result` first, so a file
    with wrong types or impossible numbers is one clear error naming the field; then
    every id is checked against ``content``.

    The recorded facts (checklist, answers by area, reported signs, concerns) are kept
    as they were; the decisions (area marks, overall, ``act``, referrals) are made
    again from them with the current rules, so a result written before a rule existed
    still shows what it asks for today, and never less than it recorded (see
    docs/decisions.md, "Reading older results").
    """
    from ottool.storage.formats import check_format, convert

    check_format(data, RESULT_FORMAT, where)
    doc = convert(data, Result, where, N_("the result file"))
    if doc.checklist.months not in content.checklists:
        message = _("there is no {months}-month checklist (the checklists: {ages} months)")
        ages = ", ".join(str(m) for m in sorted(content.checklists))
        raise InputError(f"{where}: " + message.format(months=doc.checklist.months, ages=ages))
    domains = []
    for d in doc.domains:
        if d.id not in content.domain_by_id:
            raise _unknown(where, N_("area"), d.id, content.domain_by_id)
        if d.status not in STATUSES:
            message = _("area '{id}' has an unknown status {status}")
            raise InputError(f"{where}: " + message.format(id=d.id, status=shown(d.status)))
        for mid in (*d.not_yet, *d.sometimes, *d.unsure, *d.yes):
            if mid not in content.milestone_by_id:
                raise _unknown(where, N_("milestone"), mid, content.milestone_by_id)
        domains.append(
            DomainResult(
                d.id, d.status, tuple(d.not_yet), tuple(d.sometimes), tuple(d.unsure), tuple(d.yes)
            )
        )
    signs = []
    for w in doc.warning_signs:
        sign = content.warning_sign_by_id.get(w.id)
        if sign is None:
            raise _unknown(where, N_("warning sign"), w.id, content.warning_sign_by_id)
        signs.append(sign)
    planned = []
    for entry in doc.plan.activities:
        activity = content.activity_by_id.get(entry.id)
        if activity is None:
            raise _unknown(where, N_("activity"), entry.id, content.activity_by_id)
        for target in entry.targets:
            if target not in content.milestone_by_id:
                raise _unknown(where, N_("milestone"), target, content.milestone_by_id)
        reason: Reason = next((r for r in _REASONS if r == entry.reason), "age")
        planned.append(PlannedActivity(activity, reason, tuple(entry.targets)))
    age = doc.age
    weeks = doc.child.gestational_weeks or FULL_TERM_WEEKS
    # Written by another tool without days: the days come from the dates saved with it.
    days = age.chronological_days
    if days is None:
        days = age_of(doc.child.birth_date, doc.date).chronological_days
    corrected_days = age.corrected_days
    if corrected_days is None and age.corrected:
        if doc.child.gestational_weeks is not None:
            corrected_days = max(0, days - (FULL_TERM_WEEKS - weeks) * 7)
        elif age.corrected_months is not None:
            corrected_days = days_back(doc.date, age.corrected_months)
        else:
            message = _("the result is corrected but has no corrected_months")
            raise InputError(f"{where}: {message}")
    # A region this content does not list only changes words: the neutral ones then.
    region = doc.region if doc.region in content.region_by_id else None
    checklist = ChecklistChoice(doc.checklist.months, doc.checklist.early)
    child_age = Age(days, corrected_days, doc.date)
    # Signs a "sometimes" on a check milestone reports (older results did not list them).
    answered = [
        (content.milestone_by_id[mid], answer)
        for d in domains
        for answer in CHECK_ANSWERS
        for mid in getattr(d, answer)
    ]
    reported = signs_reported(content, (w.id for w in signs), answered, child_age.used_months)
    if doc.overall not in OVERALLS:
        message = _("unknown overall status {status}").format(status=shown(doc.overall))
        raise InputError(f"{where}: {message}")
    recorded_act: Act = next((a for a in ACTS if a == doc.act), "next_check")
    scored, overall, act, referrals = decide(
        content,
        checklist,
        tuple(domains),
        reported,
        doc.concerns,
        at_least=next(o for o in OVERALLS if o == doc.overall),
        act_at_least=recorded_act,
    )
    result = ScreeningResult(
        child=Child(doc.child.birth_date, weeks, doc.child.name),
        date=doc.date,
        age=child_age,
        checklist=checklist,
        domains=scored,
        warning_signs=reported,
        overall=overall,
        act=act,
        referrals=referrals,
        concerns=doc.concerns,
        content_version=doc.content_version,
        unused_answers=tuple(doc.unused_answers),
        region=region,
    )
    result = with_next_check(content, result)
    plan = HomePlan(result.age.used_months, result.checklist.months, tuple(planned))
    return result, plan


def with_child(
    data: Mapping[str, Any],
    content: Content,
    where: str,
    *,
    name: str | None,
    birth_date: dt.date | None,
) -> dict[str, Any]:
    """A stored result (``ottool-result/1`` data) for the child a therapist corrected in a
    plan file: the name, and a birth date whose age at the screening is worked out
    again (corrected for the weeks of pregnancy the screening recorded).

    The answers were given for the checklist of the screening's age: a birth date that
    puts the child on another checklist (or after the screening) is an InputError that
    says to screen again, since those answers do not score for that age.
    """
    from ottool.core.age import age_in_words, age_on, checklist_for

    out = dict(data)
    child = dict(out.get("child") or {})
    child["name"] = name
    out["child"] = child
    recorded = str(child.get("birth_date") or "")
    if birth_date is None or birth_date.isoformat() == recorded:
        return out
    screened = dt.date.fromisoformat(str(out.get("date")))
    weeks = child.get("gestational_weeks") or FULL_TERM_WEEKS
    try:
        age = age_on(birth_date, screened, weeks, today=screened)
    except InputError as exc:
        if birth_date <= screened:  # too long before it: the age rules say why
            raise InputError(f"{where}: {exc.problems[0].message}") from None
        message = _(
            "the birth date {born} is after the screening of {date} that the plan came "
            "from; correct the birth date, or screen again"
        )
        raise InputError(
            f"{where}: " + message.format(born=birth_date.isoformat(), date=screened.isoformat())
        ) from None
    months = (out.get("checklist") or {}).get("months")
    if checklist_for(age.used_months, content.checklists).months != months:
        message = _(
            "the birth date {born} makes the child {age} old at the screening of {date}, "
            "an age the {months}-month checklist answered does not fit; screen again "
            "with this birth date"
        )
        raise InputError(
            f"{where}: "
            + message.format(
                born=birth_date.isoformat(),
                age=age_in_words(age.used),
                date=screened.isoformat(),
                months=months,
            )
        )
    corrected = age.corrected_age
    child["birth_date"] = birth_date.isoformat()
    out["age"] = {
        "chronological_months": age.chronological.tenths,
        "corrected_months": None if corrected is None else corrected.tenths,
        "used_months": age.used.tenths,
        "corrected": age.corrected,
        "chronological_days": age.chronological_days,
        "corrected_days": age.corrected_days,
    }
    return out


def _unknown(where: str, what: str, value: str, known: Mapping[str, Any]) -> InputError:
    message = _(
        "the {what} '{id}' is not in this content{suggestion}; "
        "was the result made with other content?"
    )
    suggestion = did_you_mean(value, known)
    return InputError(f"{where}: " + message.format(what=_(what), id=value, suggestion=suggestion))
