"""The result document `ottool-result/1` (DESIGN.md §4): a screening and its plan as JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ottool.activity_choice import HomePlan
from ottool.age import DAYS_PER_MONTH, FULL_TERM_WEEKS, Age, ChecklistChoice
from ottool.content import Content
from ottool.errors import InputError, did_you_mean, shown
from ottool.screening import OVERALLS, STATUSES, Child, DomainResult, ScreeningResult

FORMAT = "ottool-result/1"


def result_to_data(result: ScreeningResult, plan: HomePlan) -> dict[str, Any]:
    """The result and its plan as the JSON-ready `ottool-result/1` document."""
    age = result.age
    corrected = age.corrected_months
    return {
        "format": FORMAT,
        "date": result.date.isoformat(),
        "child": {
            "name": result.child.name,
            "birth_date": result.child.birth_date.isoformat(),
            "gestational_weeks": result.child.gestational_weeks,
        },
        "age": {
            "chronological_months": round(age.chronological_months, 1),
            "corrected_months": None if corrected is None else round(corrected, 1),
            "used_months": round(age.used_months, 1),
            "corrected": age.corrected,
            "chronological_days": age.chronological_days,
            "corrected_days": age.corrected_days,
        },
        "checklist": {"months": result.checklist.months, "early": result.checklist.early},
        "domains": [
            {
                "id": d.id,
                "status": d.status,
                "not_yet": list(d.not_yet),
                "sometimes": list(d.sometimes),
                "unsure": list(d.unsure),
                "yes": list(d.yes),
            }
            for d in result.domains
        ],
        "warning_signs": [{"id": w.id, "level": w.level} for w in result.warning_signs],
        "overall": result.overall,
        "concerns": result.concerns,
        "content_version": result.content_version,
        "unused_answers": list(result.unused_answers),
        "plan": {
            "activities": [
                {
                    "id": p.activity.id,
                    "reason": p.reason,
                    "targets": list(p.targets),
                    "minutes": p.activity.minutes,
                    "times_per_day": p.activity.times_per_day,
                    "days_per_week": p.activity.days_per_week,
                }
                for p in plan.activities
            ]
        },
    }


def result_to_json(result: ScreeningResult, plan: HomePlan) -> str:
    return json.dumps(result_to_data(result, plan), indent=2, ensure_ascii=False)


def read_result(path: Path, content: Content) -> tuple[ScreeningResult, list[str]]:
    """Read a result file: the screening and the ids of its plan's activities."""
    from ottool.formats import decode_json
    from ottool.yamlsource import read_text

    text = read_text(path, name=str(path), max_bytes=16 * 1024 * 1024)
    data = decode_json(text, str(path), "a JSON result file")
    return result_from_data(data, content, str(path))


def result_from_data(data: Any, content: Content, where: str) -> tuple[ScreeningResult, list[str]]:
    """Rebuild a screening result from an `ottool-result/1` document, checking its ids.

    Every field is checked against :class:`ottool.formats.Result` first, so a file
    with wrong types or impossible numbers is one clear error naming the field.
    """
    from ottool.formats import Result, check_format, convert

    check_format(data, FORMAT, where, "an ottool result")
    doc = convert(data, Result, where, "the result file")
    domains = []
    for d in doc.domains:
        if d.id not in content.domain_by_id:
            raise _unknown(where, "area", d.id, content.domain_by_id)
        if d.status not in STATUSES:
            raise InputError(f"{where}: area '{d.id}' has an unknown status {shown(d.status)}")
        for mid in (*d.not_yet, *d.sometimes, *d.unsure, *d.yes):
            if mid not in content.milestone_by_id:
                raise _unknown(where, "milestone", mid, content.milestone_by_id)
        domains.append(
            DomainResult(
                d.id, d.status, tuple(d.not_yet), tuple(d.sometimes), tuple(d.unsure), tuple(d.yes)
            )
        )
    signs = []
    for w in doc.warning_signs:
        sign = content.warning_sign_by_id.get(w.id)
        if sign is None:
            raise _unknown(where, "warning sign", w.id, content.warning_sign_by_id)
        signs.append(sign)
    plan_ids = [a.id for a in doc.plan.activities]
    for planned in doc.plan.activities:
        if planned.id not in content.activity_by_id:
            raise _unknown(where, "activity", planned.id, content.activity_by_id)
        for target in planned.targets:
            if target not in content.milestone_by_id:
                raise _unknown(where, "milestone", target, content.milestone_by_id)
    if doc.overall not in OVERALLS:
        raise InputError(f"{where}: unknown overall status {shown(doc.overall)}")
    age = doc.age
    days = age.chronological_days
    if days is None:  # written by another tool: rebuild days from months
        days = round(age.chronological_months * DAYS_PER_MONTH)
    corrected_days = age.corrected_days
    if corrected_days is None and age.corrected:
        if age.corrected_months is None:
            raise InputError(f"{where}: the result is corrected but has no corrected_months")
        corrected_days = round(age.corrected_months * DAYS_PER_MONTH)
    result = ScreeningResult(
        child=Child(
            doc.child.birth_date, doc.child.gestational_weeks or FULL_TERM_WEEKS, doc.child.name
        ),
        date=doc.date,
        age=Age(days, corrected_days),
        checklist=ChecklistChoice(doc.checklist.months, doc.checklist.early),
        domains=tuple(domains),
        warning_signs=tuple(signs),
        overall=doc.overall,
        concerns=doc.concerns,
        content_version=doc.content_version,
        unused_answers=tuple(doc.unused_answers),
    )
    return result, plan_ids


def _unknown(where: str, what: str, value: str, known: dict[str, Any]) -> InputError:
    return InputError(
        f"{where}: the {what} '{value}' is not in this content{did_you_mean(value, known)}; "
        "was the result made with other content?"
    )
