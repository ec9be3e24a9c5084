"""FHIR R4 for clinics (DESIGN.md §9): checklists as Questionnaires, screenings as Bundles,
and QuestionnaireResponses from any forms tool read as answers.

The FHIR shapes ottool writes and reads are declared here, once, as msgspec Structs
(camelCase on the wire, empty fields left out). No FHIR library is needed at run time;
the tests check every resource against ``fhir.resources``' R4B models.

Choices (see docs/decisions.md): canonical urls and code systems live under
:data:`BASE`; resource ids in a screening Bundle are ``urn:uuid:`` names derived from
the screening itself, so the same screening always gives the same Bundle.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import uuid
from collections.abc import Iterator, Mapping
from typing import Any

import msgspec

from ottool.age import FULL_TERM_WEEKS, MAX_GESTATIONAL_WEEKS, MIN_GESTATIONAL_WEEKS, age_on
from ottool.content import Content, Milestone, WarningSign
from ottool.errors import InputError, Problem, did_you_mean
from ottool.i18n import N_, _, language, ngettext, speaking
from ottool.screening import Answer, Answers, Child
from ottool.wording import DISCLAIMER, OVERALL_LABELS, STATUS_LABELS, answer_words

#: The canonical base of every url ottool mints (Questionnaires and CodeSystems). It is a
#: name, not an address: nothing is fetched from it, and it never changes.
BASE = "http://ottool.example/fhir"
ANSWER_SYSTEM = f"{BASE}/CodeSystem/answer"
OBSERVATION_SYSTEM = f"{BASE}/CodeSystem/observation"
WARNING_SIGN_SYSTEM = f"{BASE}/CodeSystem/warning-sign"
STATUS_SYSTEM = f"{BASE}/CodeSystem/status"
CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category"
ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
ITEM_CONTROL_SYSTEM = "http://hl7.org/fhir/questionnaire-item-control"
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
#: Names the uuids of the resources of a screening Bundle (uuid5 of the screening).
_UUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, BASE)

CHILD_NAME = "child-name"
BIRTH_DATE = "birth-date"
GESTATIONAL_WEEKS = "gestational-weeks"
CONCERNS = "concerns"
WARNING_SIGNS = "warning-signs"
AREA_PREFIX = "area-"
OVERALL_CODE = "overall"

#: Answer → its code in :data:`ANSWER_SYSTEM` (FHIR codes use hyphens).
ANSWER_CODES: dict[Answer, str] = {
    "yes": "yes",
    "sometimes": "sometimes",
    "not_yet": "not-yet",
    "unsure": "unsure",
}
_ANSWER_BY_CODE: dict[str, Answer] = {code: answer for answer, code in ANSWER_CODES.items()}
MAX_RESPONSE_BYTES = 16 * 1024 * 1024

#: The questions of the form that are not milestones, by linkId (translated where used).
FORM_QUESTIONS: dict[str, str] = {
    CHILD_NAME: N_("Your child's name (optional)"),
    BIRTH_DATE: N_("Your child's date of birth"),
    GESTATIONAL_WEEKS: N_("How many weeks of pregnancy at birth? (40 if born on time)"),
    WARNING_SIGNS: N_("Have you noticed any of these?"),
    CONCERNS: N_("Anything else about your child's development you'd like to note?"),
}
FORM_TITLE = N_("Milestone check at {months} months")
OVERALL_TITLE = N_("Milestone check: overall next step")


# --------------------------------------------------------------------------- the shapes

_SHAPE: dict[str, Any] = {"rename": "camel", "omit_defaults": True, "kw_only": True}
_RESOURCE: dict[str, Any] = {**_SHAPE, "tag_field": "resourceType"}


class Coding(msgspec.Struct, **_SHAPE):
    system: str | None = None
    code: str | None = None
    display: str | None = None


class CodeableConcept(msgspec.Struct, **_SHAPE):
    coding: list[Coding] = []
    text: str | None = None


class Reference(msgspec.Struct, **_SHAPE):
    reference: str


class Extension(msgspec.Struct, **_SHAPE):
    url: str
    value_codeable_concept: CodeableConcept | None = None
    value_integer: int | None = None


class AnswerOption(msgspec.Struct, **_SHAPE):
    value_coding: Coding


class QuestionnaireItem(msgspec.Struct, **_SHAPE):
    link_id: str
    type: str
    text: str | None = None
    required: bool = False
    answer_option: list[AnswerOption] = []
    item: list[QuestionnaireItem] = []
    extension: list[Extension] = []


class Questionnaire(msgspec.Struct, tag="Questionnaire", **_RESOURCE):
    id: str
    url: str
    version: str
    name: str
    title: str
    status: str
    language: str
    publisher: str
    description: str
    subject_type: list[str]
    item: list[QuestionnaireItem]


class ResponseAnswer(msgspec.Struct, **_SHAPE):
    """One answer of a QuestionnaireResponse item: exactly one value[x] is set."""

    value_coding: Coding | None = None
    value_boolean: bool | None = None
    value_date: str | None = None
    value_integer: int | None = None
    value_string: str | None = None


class ResponseItem(msgspec.Struct, **_SHAPE):
    link_id: str
    text: str | None = None
    answer: list[ResponseAnswer] = []
    item: list[ResponseItem] = []


class QuestionnaireResponse(msgspec.Struct, tag="QuestionnaireResponse", **_RESOURCE):
    id: str
    questionnaire: str
    status: str
    authored: str
    item: list[ResponseItem]


class ObservationComponent(msgspec.Struct, **_SHAPE):
    code: CodeableConcept
    value_codeable_concept: CodeableConcept


class Observation(msgspec.Struct, tag="Observation", **_RESOURCE):
    id: str
    status: str
    category: list[CodeableConcept]
    code: CodeableConcept
    effective_date_time: str
    value_codeable_concept: CodeableConcept
    derived_from: list[Reference]
    has_member: list[Reference] = []
    component: list[ObservationComponent] = []


class BundleEntry(msgspec.Struct, **_SHAPE):
    full_url: str
    resource: Questionnaire | QuestionnaireResponse | Observation


class Bundle(msgspec.Struct, tag="Bundle", **_RESOURCE):
    type: str
    entry: list[BundleEntry]
    id: str | None = None


def to_json(resource: msgspec.Struct) -> str:
    """A resource as pretty-printed FHIR JSON (UTF-8 text, keys in FHIR's order)."""
    return msgspec.json.format(msgspec.json.encode(resource), indent=2).decode() + "\n"


def to_json_line(resource: msgspec.Struct) -> str:
    """A resource as one line of NDJSON (the FHIR bulk-data layout)."""
    return msgspec.json.encode(resource).decode() + "\n"


# --------------------------------------------------------------------------- Questionnaire


def questionnaire_url(months: int) -> str:
    """The canonical url of the Questionnaire of the ``months`` checklist."""
    return f"{BASE}/Questionnaire/milestones-{months}m"


def answer_options(lang: str) -> list[AnswerOption]:
    """The four answers as codings, displayed in ``lang``."""
    words = answer_words(lang)
    return [
        AnswerOption(value_coding=Coding(system=ANSWER_SYSTEM, code=code, display=words[answer]))
        for answer, code in ANSWER_CODES.items()
    ]


def signs_for_checklist(content: Content, months: int) -> tuple[WarningSign, ...]:
    """The warning signs that apply at some age the ``months`` checklist serves.

    A checklist serves ages from its own month up to the next checklist's (the last one
    has no upper end), so a sign that starts or ends between two checklists is asked on
    the form a child of that age gets.
    """
    later = [m for m in content.checklists if m > months]
    upper = later[0] if later else None
    return tuple(
        w
        for w in content.warning_signs
        if (upper is None or w.min_months < upper)
        and (w.max_months is None or w.max_months >= months)
    )


def build_questionnaire(content: Content, months: int, lang: str = "en") -> Questionnaire:
    """The checklist at ``months`` as a FHIR Questionnaire, its text in ``lang``.

    ``content`` should be loaded in ``lang`` (``load_content(lang=...)``) so milestone
    and area wording is translated where the content has it.
    """
    if months not in content.checklists:
        known = ", ".join(str(m) for m in content.checklists)
        raise InputError(
            _("there is no {months}-month checklist (checklists: {known} months)").format(
                months=months, known=known
            )
        )
    # The form in its own language; a problem (above) in the run's.
    with speaking(lang):
        return _questionnaire(content, months, lang)


def _questionnaire(content: Content, months: int, lang: str) -> Questionnaire:
    words = {link_id: _(question) for link_id, question in FORM_QUESTIONS.items()}
    options = answer_options(lang)
    checklist = content.checklist(months)
    items = [
        QuestionnaireItem(link_id=CHILD_NAME, type="string", text=words[CHILD_NAME]),
        QuestionnaireItem(link_id=BIRTH_DATE, type="date", text=words[BIRTH_DATE], required=True),
        QuestionnaireItem(
            link_id=GESTATIONAL_WEEKS,
            type="integer",
            text=words[GESTATIONAL_WEEKS],
            # Forms tools that know these (standard) extensions refuse impossible weeks.
            extension=[
                Extension(url=MIN_VALUE, value_integer=MIN_GESTATIONAL_WEEKS),
                Extension(url=MAX_VALUE, value_integer=MAX_GESTATIONAL_WEEKS),
            ],
        ),
    ]
    for domain in content.domains:
        asked = [m for m in checklist if m.domain == domain.id]
        if asked:
            items.append(
                QuestionnaireItem(
                    link_id=AREA_PREFIX + domain.id,
                    type="group",
                    text=domain.name,
                    item=[
                        QuestionnaireItem(
                            link_id=m.id,
                            type="choice",
                            text=m.prompt,
                            answer_option=options,
                            item=_hint(m),
                        )
                        for m in asked
                    ],
                )
            )
    signs = signs_for_checklist(content, months)
    if signs:
        items.append(
            QuestionnaireItem(
                link_id=WARNING_SIGNS,
                type="group",
                text=words[WARNING_SIGNS],
                item=[QuestionnaireItem(link_id=w.id, type="boolean", text=w.text) for w in signs],
            )
        )
    items.append(QuestionnaireItem(link_id=CONCERNS, type="text", text=words[CONCERNS]))
    return Questionnaire(
        id=f"ottool-milestones-{months}m",
        url=questionnaire_url(months),
        version=content.version,
        name=f"OttoolMilestoneCheck{months}Months",
        title=_(FORM_TITLE).format(months=months),
        status="active",
        language=lang,
        publisher="ottool",
        description=_(DISCLAIMER),
        subject_type=["Patient"],
        item=items,
    )


def _hint(milestone: Milestone) -> list[QuestionnaireItem]:
    """The milestone's hint as help text under its question (SDC's itemControl "help")."""
    if not milestone.hint:
        return []
    help_control = Extension(
        url=ITEM_CONTROL,
        value_codeable_concept=CodeableConcept(
            coding=[Coding(system=ITEM_CONTROL_SYSTEM, code="help", display="Help-Button")]
        ),
    )
    return [
        QuestionnaireItem(
            extension=[help_control],
            link_id=f"{milestone.id}.hint",
            type="display",
            text=milestone.hint,
        )
    ]


def questionnaires_bundle(content: Content, lang: str = "en") -> Bundle:
    """Every checklist's Questionnaire in one Bundle of type ``collection``."""
    return Bundle(
        type="collection",
        entry=[
            BundleEntry(full_url=questionnaire_url(months), resource=q)
            for months in content.checklists
            for q in [build_questionnaire(content, months, lang)]
        ],
    )


# --------------------------------------------------------------------------- screening Bundle


def screening_bundle(
    content: Content, result: Mapping[str, Any], answers: Mapping[str, Any]
) -> Bundle:
    """A screening as a ``collection`` Bundle: its QuestionnaireResponse and Observations.

    ``result`` is the ``ottool-result/1`` document and ``answers`` the answers in
    answer-file form (both as saved in the history), so a screening made now and one
    saved long ago give the same shape. ``content`` supplies display text only: an id it
    does not know is still written, without text. Display texts are in the run's
    language (load ``content`` in it too); codes and ids never change with it.
    """
    seed = json.dumps([result, answers], sort_keys=True, ensure_ascii=False, default=str)
    digest = hashlib.sha256(seed.encode()).hexdigest()

    def urn(role: str) -> tuple[str, str]:
        ident = str(uuid.uuid5(_UUID_NAMESPACE, f"{digest}:{role}"))
        return ident, f"urn:uuid:{ident}"

    date = str(result["date"])
    version = str(result.get("content_version") or "")
    months = int(result["checklist"]["months"])
    canonical = questionnaire_url(months) + (f"|{version}" if version else "")
    response_id, response_url = urn("response")
    response = QuestionnaireResponse(
        id=response_id,
        questionnaire=canonical,
        status="completed",
        authored=date,
        item=_response_items(content, answers),
    )
    entries = [BundleEntry(full_url=response_url, resource=response)]

    def observe(
        role: str,
        code: str,
        display: str | None,
        value: CodeableConcept,
        members: list[Reference],
        components: list[ObservationComponent],
    ) -> Reference:
        ident, url = urn(role)
        observation = Observation(
            id=ident,
            status="final",
            category=[
                CodeableConcept(
                    coding=[Coding(system=CATEGORY_SYSTEM, code="survey", display="Survey")]
                )
            ],
            code=CodeableConcept(
                coding=[Coding(system=OBSERVATION_SYSTEM, code=code, display=display)]
            ),
            effective_date_time=date,
            value_codeable_concept=value,
            derived_from=[Reference(reference=response_url)],
            has_member=members,
            component=components,
        )
        entries.append(BundleEntry(full_url=url, resource=observation))
        return Reference(reference=url)

    areas = []
    for area in result["domains"]:
        area_id = str(area["id"])
        domain = content.domain_by_id.get(area_id)
        name = domain.name if domain else None
        value = _status_concept(str(area["status"]), STATUS_LABELS)
        areas.append(observe(f"area:{area_id}", area_id, name, value, [], []))
    # The warning signs behind the overall step, each with its level (discuss or urgent).
    signs = []
    for reported in result.get("warning_signs") or []:
        sign = content.warning_sign_by_id.get(str(reported["id"]))
        signs.append(
            ObservationComponent(
                code=CodeableConcept(
                    coding=[
                        Coding(
                            system=WARNING_SIGN_SYSTEM,
                            code=str(reported["id"]),
                            display=sign.text if sign else None,
                        )
                    ]
                ),
                value_codeable_concept=_status_concept(str(reported["level"]), OVERALL_LABELS),
            )
        )
    overall = _status_concept(str(result["overall"]), OVERALL_LABELS)
    observe(OVERALL_CODE, OVERALL_CODE, _(OVERALL_TITLE), overall, areas, signs)
    return Bundle(id=digest[:32], type="collection", entry=entries)


def _status_concept(code: str, labels: Mapping[Any, tuple[str, str]]) -> CodeableConcept:
    label = labels.get(code)
    return CodeableConcept(
        coding=[Coding(system=STATUS_SYSTEM, code=code, display=_(label[1]) if label else None)]
    )


def _response_items(content: Content, answers: Mapping[str, Any]) -> list[ResponseItem]:
    """The answers (answer-file form) as QuestionnaireResponse items, grouped as the form."""
    words = {link_id: _(question) for link_id, question in FORM_QUESTIONS.items()}
    child = answers.get("child") or {}
    items: list[ResponseItem] = []
    if child.get("name"):
        items.append(_item(CHILD_NAME, words[CHILD_NAME], value_string=str(child["name"])))
    items.append(_item(BIRTH_DATE, words[BIRTH_DATE], value_date=str(child["birth_date"])))
    weeks = int(child.get("gestational_weeks") or FULL_TERM_WEEKS)
    items.append(_item(GESTATIONAL_WEEKS, words[GESTATIONAL_WEEKS], value_integer=weeks))
    codings: dict[str, Coding] = {
        answer: option.value_coding
        for answer, option in zip(ANSWER_CODES, answer_options(language()), strict=True)
    }
    # A FHIR answer must hold a value: an answer word ottool does not know is left out.
    given = {k: v for k, v in dict(answers.get("answers") or {}).items() if v in codings}
    for domain in content.domains:
        answered = [m for m in content.milestones if m.domain == domain.id and m.id in given]
        if answered:
            items.append(
                ResponseItem(
                    link_id=AREA_PREFIX + domain.id,
                    text=domain.name,
                    item=[
                        _item(m.id, m.prompt, value_coding=codings[given[m.id]]) for m in answered
                    ],
                )
            )
    for milestone_id, answer in given.items():  # saved with content that has changed since
        if milestone_id not in content.milestone_by_id:
            items.append(_item(milestone_id, None, value_coding=codings[answer]))
    signs: dict[str, bool] = dict(answers.get("warning_signs") or {})
    if signs:
        known = [w for w in content.warning_signs if w.id in signs]
        order: list[tuple[str, str | None]] = [(w.id, w.text) for w in known]
        order += [(s, None) for s in signs if s not in content.warning_sign_by_id]
        items.append(
            ResponseItem(
                link_id=WARNING_SIGNS,
                text=words[WARNING_SIGNS],
                item=[_item(s, text, value_boolean=bool(signs[s])) for s, text in order],
            )
        )
    if answers.get("concerns"):
        items.append(_item(CONCERNS, words[CONCERNS], value_string=str(answers["concerns"])))
    return items


def _item(link_id: str, text: str | None, **value: Any) -> ResponseItem:
    return ResponseItem(link_id=link_id, text=text, answer=[ResponseAnswer(**value)])


# --------------------------------------------------------------------------- reading responses


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
