"""Answer files (DESIGN.md §4): a parent's answers written as YAML, and drafts of them.

The interactive questionnaire saves its draft in this same format, so an
interrupted screening can be resumed or finished from a file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ottool.age import age_on, check_age_served
from ottool.content import Content
from ottool.errors import InputError, Problem, did_you_mean, shown
from ottool.limits import MAX_NAME, MAX_NOTE, length_message, too_long
from ottool.screening import ANSWERS, Answer, Answers, Child
from ottool.yamlsource import LineDict, parse_yaml, read_text

#: Answer files are small; anything bigger is a mistake (or an attack).
MAX_ANSWER_FILE_BYTES = 1024 * 1024
_TOP_KEYS = ("child", "date", "answers", "warning_signs", "concerns")
_CHILD_KEYS = ("name", "birth_date", "gestational_weeks")
_SPELLINGS: dict[str, Answer] = {
    "yes": "yes",
    "sometimes": "sometimes",
    "not_yet": "not_yet",
    "not yet": "not_yet",
    "not-yet": "not_yet",
    "unsure": "unsure",
    "not sure": "unsure",
}


def read_answers(path: Path, content: Content, *, today: dt.date | None = None) -> Answers:
    """Read an answer file (YAML, or FHIR JSON); every problem is reported with its line."""
    name = str(path)
    text = read_text(path, name=name, max_bytes=MAX_ANSWER_FILE_BYTES)
    from ottool.fhir import answers_from_fhir, looks_like_fhir

    if looks_like_fhir(text):  # a QuestionnaireResponse from a forms tool (DESIGN.md §9)
        return answers_from_fhir(text, content, name, today=today)
    data = parse_yaml(text, name)
    return answers_from_data(data, content, name, today=today)


def answers_from_data(
    data: Any, content: Content, file: str, *, today: dt.date | None = None
) -> Answers:
    """Check parsed answer-file data and turn it into :class:`Answers`."""
    problems: list[Problem] = []

    def problem(line: int | None, message: str) -> None:
        problems.append(Problem(file, line, message))

    if not isinstance(data, LineDict):
        raise InputError([Problem(file, 1, "an answer file is a mapping with child, answers, ...")])
    for key in data:
        if key not in _TOP_KEYS:
            problem(data.line_of(key), f"unknown key '{key}'" + did_you_mean(key, _TOP_KEYS))

    child_data = data.get("child")
    name: str | None = None
    birth: dt.date | None = None
    weeks = 40
    if not isinstance(child_data, LineDict):
        problem(data.line_of("child"), "'child' with at least a birth_date is required")
    else:
        for key in child_data:
            if key not in _CHILD_KEYS:
                problem(
                    child_data.line_of(key),
                    f"child: unknown key '{key}'" + did_you_mean(key, _CHILD_KEYS),
                )
        raw_name = child_data.get("name")
        if raw_name is not None:
            name = str(raw_name).strip() or None
            if name is not None and too_long(name, MAX_NAME):
                message = length_message("child: name", name, MAX_NAME)
                problem(child_data.line_of("name"), message)
        birth = _date(child_data, "birth_date", problem, required=True)
        raw_weeks = child_data.get("gestational_weeks", 40)
        if isinstance(raw_weeks, bool) or not isinstance(raw_weeks, int):
            problem(
                child_data.line_of("gestational_weeks"),
                f"gestational_weeks must be a whole number of weeks, got {shown(raw_weeks)}",
            )
        elif not 22 <= raw_weeks <= 44:
            problem(
                child_data.line_of("gestational_weeks"),
                f"gestational_weeks must be between 22 and 44, got {shown(raw_weeks)}",
            )
        else:
            weeks = raw_weeks

    screening_date = _date(data, "date", problem, required=False) or (today or dt.date.today())
    milestones = _answer_map(
        data, "answers", content.milestone_by_id, "milestone", problem, _milestone_answer
    )
    signs = _answer_map(
        data, "warning_signs", content.warning_sign_by_id, "warning sign", problem, _sign_answer
    )
    concerns = data.get("concerns")
    if concerns is not None and not isinstance(concerns, str):
        concerns = str(concerns)
    if concerns is not None and too_long(concerns.strip(), MAX_NOTE):
        problem(data.line_of("concerns"), length_message("concerns", concerns.strip(), MAX_NOTE))
    if birth is not None and isinstance(child_data, LineDict) and not problems:
        _check_age(data, child_data, birth, screening_date, weeks, problem, today, content)
    if problems or birth is None:
        raise InputError(problems)
    return Answers(
        Child(birth, weeks, name),
        screening_date,
        milestones,
        signs,
        concerns.strip() or None if isinstance(concerns, str) else None,
    )


def _check_age(
    data: LineDict,
    child_data: LineDict,
    birth: dt.date,
    screening_date: dt.date,
    weeks: int,
    problem: Any,
    today: dt.date | None,
    content: Content,
) -> None:
    """Impossible ages (DESIGN.md §3), and ages past the checklists, at the date to fix."""
    try:
        age = age_on(birth, screening_date, weeks, today=today)
        check_age_served(age.used_months, content.max_months)
    except InputError as exc:
        for p in exc.problems:
            about_screening = p.message.startswith("the screening date") and "date" in data
            line = data.line_of("date") if about_screening else child_data.line_of("birth_date")
            problem(line, p.message)


def _date(data: LineDict, key: str, problem: Any, *, required: bool) -> dt.date | None:
    value = data.get(key)
    if value is None:
        if required:
            problem(data.line, f"'{key}' is required (a date like 2026-04-01)")
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    problem(
        data.line_of(key), f"{key} must be a real date written like 2026-04-01, got {shown(value)}"
    )
    return None


def _milestone_answer(value: Any) -> Answer | None:
    if value is True:
        return "yes"
    if value is False:
        return "not_yet"
    if value is None:
        return "unsure"
    if isinstance(value, str):
        return _SPELLINGS.get(value.strip().lower())
    return None


def _sign_answer(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("yes", "no", "true", "false"):
        return value.strip().lower() in ("yes", "true")
    return None


def _answer_map(
    data: LineDict, key: str, known: dict[str, Any], what: str, problem: Any, convert: Any
) -> dict[str, Any]:
    section = data.get(key)
    if section is None:
        return {}
    if not isinstance(section, LineDict):
        problem(data.line_of(key), f"'{key}' must be a mapping of id: answer")
        return {}
    result = {}
    for item_id, value in section.items():
        line = section.line_of(item_id)
        if item_id not in known:
            problem(line, f"'{item_id}' is not a known {what} id" + did_you_mean(item_id, known))
            continue
        answer = convert(value)
        if answer is None:
            allowed = (
                ", ".join(a.replace("_", " ") for a in ANSWERS)
                if what == "milestone"
                else "true, false"
            )
            problem(
                line, f"{what} '{item_id}': {shown(value)} is not an answer (allowed: {allowed})"
            )
            continue
        result[item_id] = answer
    return result


def answers_to_data(answers: Answers) -> dict[str, Any]:
    """Answers as answer-file data (for drafts and saved history)."""
    child: dict[str, Any] = {"birth_date": answers.child.birth_date.isoformat()}
    if answers.child.name:
        child = {"name": answers.child.name, **child}
    if answers.child.gestational_weeks != 40:
        child["gestational_weeks"] = answers.child.gestational_weeks
    data: dict[str, Any] = {
        "child": child,
        "date": answers.date.isoformat(),
        "answers": dict(answers.milestones),
        "warning_signs": dict(answers.warning_signs),
    }
    if answers.concerns:
        data["concerns"] = answers.concerns
    return data
