"""The result document `ottool-result/1` (DESIGN.md §4): a screening and its plan as JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from ottool.age import Age, ChecklistChoice
from ottool.content import Content
from ottool.errors import InputError, did_you_mean
from ottool.planning import HomePlan
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
    from ottool.yamlsource import read_text

    text = read_text(path, name=str(path), max_bytes=16 * 1024 * 1024)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{path}:{exc.lineno}: this is not a JSON result file ({exc.msg})"
        ) from None
    return result_from_data(data, content, str(path))


def result_from_data(data: Any, content: Content, where: str) -> tuple[ScreeningResult, list[str]]:
    """Rebuild a screening result from an `ottool-result/1` document, checking its ids."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else None
        raise InputError(
            f'{where}: not an ottool result (expected "format": "{FORMAT}", found {found!r})'
        )
    try:
        child = data["child"]
        age = data["age"]
        checklist = data["checklist"]
        domains = []
        for d in data["domains"]:
            if d["id"] not in content.domain_by_id:
                raise _unknown(where, "area", d["id"], content.domain_by_id)
            if d["status"] not in STATUSES:
                raise InputError(f"{where}: area '{d['id']}' has an unknown status {d['status']!r}")
            for key in ("not_yet", "sometimes", "unsure", "yes"):
                for mid in d.get(key, []):
                    if mid not in content.milestone_by_id:
                        raise _unknown(where, "milestone", mid, content.milestone_by_id)
            domains.append(
                DomainResult(
                    d["id"],
                    d["status"],
                    *(tuple(d.get(k, [])) for k in ("not_yet", "sometimes", "unsure", "yes")),
                )
            )
        signs = []
        for w in data.get("warning_signs", []):
            sign = content.warning_sign_by_id.get(w["id"])
            if sign is None:
                raise _unknown(where, "warning sign", w["id"], content.warning_sign_by_id)
            signs.append(sign)
        plan_ids = [a["id"] for a in data.get("plan", {}).get("activities", [])]
        for aid in plan_ids:
            if aid not in content.activity_by_id:
                raise _unknown(where, "activity", aid, content.activity_by_id)
        overall = data["overall"]
        if overall not in OVERALLS:
            raise InputError(f"{where}: unknown overall status {overall!r}")
        days = age.get("chronological_days")
        if days is None:  # written by another tool: rebuild days from months
            days = round(age["chronological_months"] * 30.4375)
        corrected_days = age.get("corrected_days")
        if corrected_days is None and age.get("corrected"):
            corrected_days = round(age["corrected_months"] * 30.4375)
        result = ScreeningResult(
            child=Child(
                dt.date.fromisoformat(child["birth_date"]),
                int(child.get("gestational_weeks") or 40),
                child.get("name"),
            ),
            date=dt.date.fromisoformat(data["date"]),
            age=Age(int(days), None if corrected_days is None else int(corrected_days)),
            checklist=ChecklistChoice(int(checklist["months"]), bool(checklist["early"])),
            domains=tuple(domains),
            warning_signs=tuple(signs),
            overall=overall,
            concerns=data.get("concerns"),
            content_version=data.get("content_version", ""),
        )
    except InputError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(
            f"{where}: the result file is incomplete or damaged ({_why(exc)})"
        ) from None
    return result, plan_ids


def _why(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing {exc.args[0]!r}"
    return str(exc) or type(exc).__name__


def _unknown(where: str, what: str, value: str, known: dict[str, Any]) -> InputError:
    return InputError(
        f"{where}: the {what} '{value}' is not in this content{did_you_mean(value, known)}; "
        "was the result made with other content?"
    )
