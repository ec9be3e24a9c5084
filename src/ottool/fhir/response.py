"""Reading a QuestionnaireResponse from any forms tool as answers."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

import msgspec

from ottool.age import FULL_TERM_WEEKS, MAX_GESTATIONAL_WEEKS, MIN_GESTATIONAL_WEEKS, age_on
from ottool.content import Content, Milestone
from ottool.errors import InputError, Problem, did_you_mean
from ottool.fhir.resources import (
    _ANSWER_BY_CODE,
    ANSWER_CODES,
    ANSWER_SYSTEM,
    BIRTH_DATE,
    CHILD_NAME,
    CONCERNS,
    GESTATIONAL_WEEKS,
    ResponseAnswer,
)
from ottool.i18n import N_, _, ngettext
from ottool.screening import Answer, Answers, Child


def looks_like_fhir(text: str) -> bool:
    """Whether an answer file is FHIR JSON (a JSON object naming its ``resourceType``)."""
    return text.lstrip("\ufeff \t\r\n").startswith("{") and '"resourceType"' in text


def answers_from_fhir(
    text: str, content: Content, file: str, *, today: dt.date | None = None
) -> Answers:
    """Read a QuestionnaireResponse (or a Bundle holding one) from any forms tool.

    Items are matched by linkId wherever they sit (groups, nested answers, any order);
    milestone answers by their code in :data:`ANSWER_SYSTEM`. Every problem is reported
    in one :class:`InputError`, each with its linkId and line.
    """
    try:
        data = json.loads(text)
        response = _find_response(data, file)
        return _ResponseReader(text, content, file).read(response, today)
    except json.JSONDecodeError as exc:
        problem = Problem(
            file, exc.lineno, _("this is not valid JSON ({reason})").format(reason=exc.msg)
        )
        raise InputError([problem]) from None
    except RecursionError:
        too_deep = Problem(file, None, _("the JSON is nested too deeply to read"))
        raise InputError([too_deep]) from None


def _find_response(data: Any, file: str) -> dict[str, Any]:
    kind = data.get("resourceType") if isinstance(data, dict) else None
    if kind == "QuestionnaireResponse":
        return data  # type: ignore[no-any-return]
    if kind == "Bundle":
        entries = data.get("entry") if isinstance(data.get("entry"), list) else []
        found = [
            e["resource"]
            for e in entries
            if isinstance(e, dict)
            and isinstance(e.get("resource"), dict)
            and e["resource"].get("resourceType") == "QuestionnaireResponse"
        ]
        if len(found) == 1:
            return found[0]  # type: ignore[no-any-return]
        raise InputError(
            [
                Problem(
                    file,
                    None,
                    ngettext(
                        "the Bundle holds {count} QuestionnaireResponse; "
                        "ottool reads a Bundle with exactly one",
                        "the Bundle holds {count} QuestionnaireResponses; "
                        "ottool reads a Bundle with exactly one",
                        len(found),
                    ).format(count=len(found)),
                )
            ]
        )
    raise InputError(
        [
            Problem(
                file,
                1,
                _(
                    "this is a FHIR {kind} resource; ottool reads a QuestionnaireResponse "
                    "(or a Bundle holding one) as answers"
                ).format(kind=kind),
            )
        ]
    )


class _ResponseReader:
    """Walks the items of one response, collecting answers and every problem."""

    def __init__(self, text: str, content: Content, file: str) -> None:
        self.text = text
        self.content = content
        self.file = file
        self.problems: list[Problem] = []
        self.values: dict[str, tuple[ResponseAnswer, int | None]] = {}
        self._seen: dict[str, int] = {}
        self._known = [
            CHILD_NAME,
            BIRTH_DATE,
            GESTATIONAL_WEEKS,
            CONCERNS,
            *content.milestone_by_id,
            *content.warning_sign_by_id,
        ]

    def problem(self, link_id: str | None, line: int | None, message: str) -> None:
        where = _("item '{link_id}': ").format(link_id=link_id) if link_id else ""
        self.problems.append(Problem(self.file, line, where + message))

    def line_of(self, link_id: str) -> int | None:
        """The line of this item: the n-th item with a linkId is at its n-th mention.

        JSON keeps no lines of its own, so the text is searched for ``"linkId": "..."``.
        """
        seen = self._seen.get(link_id, 0)
        self._seen[link_id] = seen + 1
        pattern = r'"linkId"\s*:\s*' + re.escape(json.dumps(link_id, ensure_ascii=False))
        for number, found in enumerate(re.finditer(pattern, self.text)):
            if number == seen:
                return self.text.count("\n", 0, found.start()) + 1
        return None

    def read(self, response: dict[str, Any], today: dt.date | None) -> Answers:
        status = response.get("status")
        if status == "entered-in-error":
            self.problem(None, None, _("the response is marked entered-in-error; it is not used"))
        for link_id, answer, line in self._answered(response.get("item"), "item"):
            if link_id in self.values:
                self.problem(link_id, line, _("is answered more than once"))
                continue
            if link_id not in self._known:
                self.problem(
                    link_id,
                    line,
                    _("is not a question of ottool's milestone check")
                    + did_you_mean(link_id, self._known)
                    + _(
                        " (questions: milestone and warning-sign ids, child-name, birth-date, "
                        "gestational-weeks, concerns)"
                    ),
                )
                continue
            self.values[link_id] = (answer, line)
        screening_date = self._authored(response.get("authored")) or (today or dt.date.today())
        birth = self._value(BIRTH_DATE, "value_date", _("a date (valueDate)"))
        birth_date = self._date(birth)
        if BIRTH_DATE not in self.values:
            self.problem(BIRTH_DATE, None, _("the birth date is required (an item 'birth-date')"))
        weeks = self._value(GESTATIONAL_WEEKS, "value_integer", _("a whole number (valueInteger)"))
        name = self._value(CHILD_NAME, "value_string", _("text (valueString)"))
        concerns = self._value(CONCERNS, "value_string", _("text (valueString)"))
        milestones: dict[str, Answer] = {}
        for m in self.content.milestones:
            if m.id in self.values:
                chosen = self._milestone(m)
                if chosen is not None:
                    milestones[m.id] = chosen
        signs: dict[str, bool] = {}
        for w in self.content.warning_signs:
            if w.id in self.values:
                ticked = self._value(w.id, "value_boolean", _("true or false (valueBoolean)"))
                if ticked is not None:
                    signs[w.id] = bool(ticked)
        gestational = FULL_TERM_WEEKS if weeks is None else int(weeks)
        if weeks is not None and not MIN_GESTATIONAL_WEEKS <= gestational <= MAX_GESTATIONAL_WEEKS:
            self.problem(
                GESTATIONAL_WEEKS,
                self.values[GESTATIONAL_WEEKS][1],
                _("gestational weeks must be between {low} and {high}, got {weeks}").format(
                    low=MIN_GESTATIONAL_WEEKS, high=MAX_GESTATIONAL_WEEKS, weeks=gestational
                ),
            )
        if birth_date is not None and not self.problems:
            try:
                age_on(birth_date, screening_date, gestational, today=today)
            except InputError as exc:
                line = self.values[BIRTH_DATE][1]
                for p in exc.problems:
                    self.problem(BIRTH_DATE, line, p.message)
        if self.problems or birth_date is None:
            raise InputError(sorted(self.problems, key=lambda p: (p.line is None, p.line or 0)))
        return Answers(
            Child(birth_date, gestational, str(name).strip() or None if name else None),
            screening_date,
            milestones,
            signs,
            str(concerns).strip() or None if concerns else None,
        )

    def _answered(self, items: Any, path: str) -> Iterator[tuple[str, ResponseAnswer, int | None]]:
        """Every answered item, however deeply nested, as (linkId, answer, line)."""
        if items is None:
            return
        if not isinstance(items, list):
            self.problem(None, None, _("{path} must be a list of items").format(path=path))
            return
        for index, item in enumerate(items):
            where = f"{path}[{index}]"
            if not isinstance(item, dict) or not isinstance(item.get("linkId"), str):
                self.problem(None, None, _("{where} has no linkId").format(where=where))
                continue
            link_id = item["linkId"]
            line = self.line_of(link_id)
            answers = item.get("answer") or []
            if not isinstance(answers, list):
                self.problem(link_id, line, _("'answer' must be a list"))
                answers = []
            if len(answers) > 1:
                self.problem(
                    link_id,
                    line,
                    _("has {count} answers; give one").format(count=len(answers)),
                )
            for raw in answers[:1]:
                nested = raw.get("item") if isinstance(raw, dict) else None
                yield from self._answered(nested, f"{where}.answer[0].item")
                value = {k: v for k, v in raw.items() if k != "item"} if nested else raw
                try:
                    answer = msgspec.convert(value, ResponseAnswer, strict=True)
                except msgspec.ValidationError as exc:
                    self.problem(
                        link_id,
                        line,
                        _("the answer is not valid FHIR: {reason}").format(reason=_plain(exc)),
                    )
                    continue
                if any(v is not None for v in msgspec.structs.astuple(answer)):
                    yield link_id, answer, line
            yield from self._answered(item.get("item"), f"{where}.item")

    def _value(self, link_id: str, field: str, expected: str) -> Any:
        """The value of ``link_id``'s answer, which must be in ``field``; None if absent."""
        if link_id not in self.values:
            return None
        answer, line = self.values[link_id]
        value = getattr(answer, field)
        if value is None:
            given = next(
                f.encode_name  # as the file spells it: valueString, not value_string
                for f in msgspec.structs.fields(answer)
                if getattr(answer, f.name) is not None
            )
            self.problem(
                link_id,
                line,
                _("the answer must be {expected}, got {given}").format(
                    expected=expected, given=given
                ),
            )
        return value

    def _date(self, value: Any) -> dt.date | None:
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.problem(
                BIRTH_DATE,
                self.values[BIRTH_DATE][1],
                _("the birth date must be a full date like 2026-04-01, got {value}").format(
                    value=repr(value)
                ),
            )
            return None

    def _authored(self, value: Any) -> dt.date | None:
        """The screening date: the date part of ``authored`` as written (its own time zone)."""
        if value is None:
            return None
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", value):
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                pass
        self.problem(
            None,
            None,
            _("'authored' must be a date like 2026-11-22, got {value}").format(value=repr(value)),
        )
        return None

    def _milestone(self, milestone: Milestone) -> Answer | None:
        coding = self._value(milestone.id, "value_coding", _("a coding (valueCoding)"))
        if coding is None:
            return None
        answer = _ANSWER_BY_CODE.get(str(coding.code))
        if answer is None:
            what = (
                _("the answer's coding has no code")
                if coding.code is None
                else _("{code} is not an answer code").format(code=repr(coding.code))
            )
            self.problem(
                milestone.id,
                self.values[milestone.id][1],
                _("{problem} (codes: {codes} in {system})").format(
                    problem=what, codes=", ".join(ANSWER_CODES.values()), system=ANSWER_SYSTEM
                ),
            )
        return answer


_KINDS = {
    "int": N_("a whole number"),
    "str": N_("text"),
    "bool": N_("true or false"),
    "object": N_("an object"),
}


def _plain(error: msgspec.ValidationError) -> str:
    """msgspec's "Expected `int | null`, got `str` - at `$.valueInteger`" in plain words."""
    pattern = r"Expected `(\w+)(?: \| null)?`, got `(\w+)` - at `\$\.([\w.\[\]]+)`"
    found = re.fullmatch(pattern, str(error))
    if found is None:
        return str(error)
    expected, got, key = found.groups()
    return _("{key} must be {expected}, got {got}").format(
        key=key, expected=_(_KINDS.get(expected, expected)), got=_(_KINDS.get(got, got))
    )
