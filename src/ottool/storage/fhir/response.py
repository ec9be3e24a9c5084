"""Reading a QuestionnaireResponse from any forms tool as answers.

Items are matched by linkId wherever they sit, in one pass over the file (the lines of
the linkIds are found once, up front: reading is linear in the size of the response).
Every value type FHIR has is recognised, so an answer in a type ottool does not read is
an error naming both types, never a silent default (docs/fhir.md).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import deque
from collections.abc import Iterator
from typing import Any

import msgspec

from ottool.core.age import (
    FULL_TERM_WEEKS,
    MAX_GESTATIONAL_WEEKS,
    MIN_GESTATIONAL_WEEKS,
    age_on,
)
from ottool.core.content import Content, Milestone
from ottool.core.errors import InputError, Problem, did_you_mean, shown
from ottool.core.i18n import N_, _, ngettext
from ottool.core.screening import Answer, Answers, Child
from ottool.storage.fhir.incoming import load_response
from ottool.storage.fhir.resources import (
    _ANSWER_BY_CODE,
    ANSWER_CODES,
    ANSWER_SYSTEM,
    BIRTH_DATE,
    BORN_EARLY,
    CHILD_NAME,
    CONCERNS,
    GESTATIONAL_WEEKS,
    Coding,
)

#: At most this many problems are listed, then how many more there are.
MAX_PROBLEMS = 50
#: Only this many unknown linkIds get a "did you mean" (each costs a fuzzy search).
_SUGGESTIONS = 10
_LINK_ID = re.compile(r'"linkId"\s*:\s*("(?:[^"\\]|\\.)*")')


class _Value(msgspec.Struct, rename="camel", kw_only=True):
    """The value types ottool reads, checked strictly (a number is not text)."""

    value_coding: Coding | None = None
    value_boolean: bool | None = None
    value_date: str | None = None
    value_date_time: str | None = None
    value_integer: int | None = None
    value_decimal: float | None = None
    value_string: str | None = None


#: The value types checked strictly as they are read ("valueInteger" must be a number).
_READ = {f.encode_name for f in msgspec.structs.fields(_Value)}


def _link_id_lines(text: str) -> dict[str, deque[int]]:
    """The lines of every ``"linkId": "..."`` in the text, in order, found in one pass.

    JSON keeps no lines of its own; the n-th item with a linkId is at its n-th mention.
    """
    found: dict[str, deque[int]] = {}
    line, at = 1, 0
    for match in _LINK_ID.finditer(text):
        line += text.count("\n", at, match.start())
        at = match.start()
        quoted = match.group(1)
        if "\\" in quoted:  # escapes: let JSON read them
            try:
                link_id = json.loads(quoted)
            except ValueError:
                continue
        else:
            link_id = quoted[1:-1]
        found.setdefault(link_id, deque()).append(line)
    return found


def answers_from_fhir(
    text: str, content: Content, file: str, *, today: dt.date | None = None
) -> Answers:
    """Read a QuestionnaireResponse (or a Bundle holding one) from any forms tool.

    Items are matched by linkId wherever they sit (groups, nested answers, any order);
    milestone answers by their code in :data:`ANSWER_SYSTEM`. Every problem is reported
    in one :class:`InputError`, each with its linkId and line.
    """
    response = load_response(text, file)
    return _ResponseReader(text, content, file).read(response, today)


class _ResponseReader:
    """Walks the items of one response, collecting answers and every problem."""

    def __init__(self, text: str, content: Content, file: str) -> None:
        self.content = content
        self.file = file
        self.problems: list[Problem] = []
        self.values: dict[str, tuple[str, Any, int | None]] = {}
        self._lines = _link_id_lines(text)
        self._form = [CHILD_NAME, BIRTH_DATE, BORN_EARLY, GESTATIONAL_WEEKS, CONCERNS]
        self._known = {*self._form, *content.milestone_by_id, *content.warning_sign_by_id}
        self._suggested = 0

    def problem(self, link_id: str | None, line: int | None, message: str) -> None:
        where = _("item '{link_id}': ").format(link_id=link_id) if link_id else ""
        self.problems.append(Problem(self.file, line, where + message))

    def line_of(self, link_id: str) -> int | None:
        """The line of this item: the n-th item with a linkId is at its n-th mention."""
        lines = self._lines.get(link_id)
        return lines.popleft() if lines else None

    def read(self, response: dict[str, Any], today: dt.date | None) -> Answers:
        status = response.get("status")
        if status == "entered-in-error":
            self.problem(None, None, _("the response is marked entered-in-error; it is not used"))
        self._refuse_modifiers(None, None, response)
        for link_id, key, value, line in self._answered(response.get("item"), "item"):
            if link_id in self.values:
                self.problem(link_id, line, _("is answered more than once"))
            elif link_id not in self._known:
                self._unknown(link_id, line)
            else:
                self.values[link_id] = (key, value, line)
        screening_date = self._authored(response.get("authored")) or (today or dt.date.today())
        birth_date = self._date(self._value(BIRTH_DATE, "valueDate", _("a date (valueDate)")))
        if BIRTH_DATE not in self.values:
            self.problem(BIRTH_DATE, None, _("the birth date is required (an item 'birth-date')"))
        weeks = self._weeks()
        name = self._value(CHILD_NAME, "valueString", _("text (valueString)"))
        concerns = self._value(CONCERNS, "valueString", _("text (valueString)"))
        milestones: dict[str, Answer] = {}
        for m in self.content.milestones:
            if m.id in self.values:
                chosen = self._milestone(m)
                if chosen is not None:
                    milestones[m.id] = chosen
        signs: dict[str, bool] = {}
        for w in self.content.warning_signs:
            if w.id in self.values:
                ticked = self._value(w.id, "valueBoolean", _("true or false (valueBoolean)"))
                if ticked is not None:
                    signs[w.id] = bool(ticked)
        gestational = FULL_TERM_WEEKS if weeks is None else weeks
        if birth_date is not None and not self.problems:
            try:
                age_on(birth_date, screening_date, gestational, today=today)
            except InputError as exc:
                line = self.values[BIRTH_DATE][2]
                for p in exc.problems:
                    self.problem(BIRTH_DATE, line, p.message)
        if self.problems or birth_date is None:
            raise InputError(self._listed())
        return Answers(
            Child(birth_date, gestational, str(name).strip() or None if name else None),
            screening_date,
            milestones,
            signs,
            str(concerns).strip() or None if concerns else None,
        )

    def _listed(self) -> list[Problem]:
        problems = sorted(self.problems, key=lambda p: (p.line is None, p.line or 0))
        if len(problems) <= MAX_PROBLEMS:
            return problems
        more = len(problems) - MAX_PROBLEMS
        return [
            *problems[:MAX_PROBLEMS],
            Problem(
                self.file,
                None,
                ngettext(
                    "... and {count} more problem", "... and {count} more problems", more
                ).format(count=more),
            ),
        ]

    def _unknown(self, link_id: str, line: int | None) -> None:
        self._suggested += 1
        hint = did_you_mean(link_id, sorted(self._known)) if self._suggested <= _SUGGESTIONS else ""
        self.problem(
            link_id,
            line,
            _("is not a question of ottool's milestone check")
            + hint
            + _(
                " (questions: milestone and warning-sign ids, child-name, birth-date, "
                "born-early, gestational-weeks, concerns)"
            ),
        )

    def _refuse_modifiers(
        self, link_id: str | None, line: int | None, element: dict[str, Any]
    ) -> None:
        """R4: an element with a modifierExtension ottool does not know must not be used."""
        modifiers = element.get("modifierExtension")
        if not modifiers:
            return
        urls = (
            [m.get("url") for m in modifiers if isinstance(m, dict)]
            if isinstance(modifiers, list)
            else []
        )
        named = ", ".join(str(u)[:120] for u in urls if u) or "?"
        self.problem(
            link_id,
            line,
            _(
                "has a modifierExtension ottool does not understand ({urls}); it changes "
                "what the answers mean, so the response is not used"
            ).format(urls=named),
        )

    def _answered(self, items: Any, path: str) -> Iterator[tuple[str, str, Any, int | None]]:
        """Every answered item, however deeply nested, as (linkId, value key, value, line)."""
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
            self._refuse_modifiers(link_id, line, item)
            answers = item.get("answer") or []
            if not isinstance(answers, list):
                self.problem(link_id, line, _("'answer' must be a list"))
                answers = []
            if len(answers) > 1:
                self.problem(
                    link_id, line, _("has {count} answers; give one").format(count=len(answers))
                )
            for raw in answers[:1]:
                if not isinstance(raw, dict):
                    self.problem(link_id, line, _("an answer must be an object"))
                    continue
                self._refuse_modifiers(link_id, line, raw)
                yield from self._answered(raw.get("item"), f"{where}.answer[0].item")
                found = self._one_value(link_id, line, raw)
                if found is not None:
                    yield link_id, found[0], found[1], line
            yield from self._answered(item.get("item"), f"{where}.item")

    def _one_value(
        self, link_id: str, line: int | None, raw: dict[str, Any]
    ) -> tuple[str, Any] | None:
        """The answer's one value[x] as (key, value), checked when ottool reads its type."""
        keys = [k for k in raw if k.startswith("value") and raw[k] is not None]
        if not keys:
            return None  # an answer holding only extensions: not answered
        if len(keys) > 1:
            self.problem(
                link_id,
                line,
                _("the answer has {count} values ({keys}); give one").format(
                    count=len(keys), keys=", ".join(keys)
                ),
            )
            return None
        key = keys[0]
        if key in _READ:
            try:
                msgspec.convert({key: raw[key]}, _Value, strict=True)
            except msgspec.ValidationError as exc:
                self.problem(
                    link_id,
                    line,
                    _("the answer is not valid FHIR: {reason}").format(reason=_plain(exc)),
                )
                return None
        return key, raw[key]

    def _value(self, link_id: str, key: str, expected: str) -> Any:
        """The value of ``link_id``'s answer, which must be a ``key``; None if absent."""
        if link_id not in self.values:
            return None
        given, value, line = self.values[link_id]
        if given != key:
            self.problem(
                link_id,
                line,
                _("the answer must be {expected}, got {given}").format(
                    expected=expected, given=given
                ),
            )
            return None
        return value

    def _weeks(self) -> int | None:
        """The weeks of pregnancy: a whole number (a decimal only when it is one)."""
        line = self.values[GESTATIONAL_WEEKS][2] if GESTATIONAL_WEEKS in self.values else None
        weeks: Any = None
        if GESTATIONAL_WEEKS in self.values and self.values[GESTATIONAL_WEEKS][0] == "valueDecimal":
            decimal = self.values[GESTATIONAL_WEEKS][1]
            if float(decimal).is_integer():
                weeks = int(decimal)
            else:
                self.problem(
                    GESTATIONAL_WEEKS,
                    line,
                    _(
                        "the weeks of pregnancy must be a whole number (valueInteger), got "
                        "{value}; ottool counts completed weeks (30.5 is 30)"
                    ).format(value=decimal),
                )
                return None
        else:
            weeks = self._value(
                GESTATIONAL_WEEKS, "valueInteger", _("a whole number (valueInteger)")
            )
        early = self._value(BORN_EARLY, "valueBoolean", _("true or false (valueBoolean)"))
        if weeks is None:
            if early is True:
                self.problem(
                    BORN_EARLY,
                    self.values[BORN_EARLY][2],
                    _(
                        "the child was born early: give the weeks of pregnancy (an item "
                        "'gestational-weeks'), which the age correction needs"
                    ),
                )
            return None
        if not MIN_GESTATIONAL_WEEKS <= weeks <= MAX_GESTATIONAL_WEEKS:
            self.problem(
                GESTATIONAL_WEEKS,
                line,
                _("gestational weeks must be between {low} and {high}, got {weeks}").format(
                    low=MIN_GESTATIONAL_WEEKS, high=MAX_GESTATIONAL_WEEKS, weeks=shown(weeks)
                ),
            )
            return None
        return int(weeks)

    def _date(self, value: Any) -> dt.date | None:
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.problem(
                BIRTH_DATE,
                self.values[BIRTH_DATE][2],
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
        coding = self._value(milestone.id, "valueCoding", _("a coding (valueCoding)"))
        if coding is None:
            return None
        code = coding.get("code")
        answer = _ANSWER_BY_CODE.get(str(code))
        if answer is None:
            what = (
                _("the answer's coding has no code")
                if code is None
                else _("{code} is not an answer code").format(code=shown(code))
            )
            self.problem(
                milestone.id,
                self.values[milestone.id][2],
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
