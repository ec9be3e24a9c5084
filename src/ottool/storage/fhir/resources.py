"""The FHIR R4 shapes ottool writes and reads, and the names it mints (urls, codes, linkIds).

Declared once as msgspec Structs (camelCase on the wire, empty fields left out). No FHIR
library is needed at run time; the tests check every resource against ``fhir.resources``'
R4B models and the core invariants (docs/fhir.md).
"""

from __future__ import annotations

import uuid
from typing import Any, Literal

import msgspec

from ottool.core.i18n import N_
from ottool.core.screening import Answer

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
TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
COLLAPSIBLE = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-collapsible"
USAGE_CONTEXT_SYSTEM = "http://terminology.hl7.org/CodeSystem/usage-context-type"
INTERPRETATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
UCUM = "http://unitsofmeasure.org"
ACT_SYSTEM = f"{BASE}/CodeSystem/act"
REFERRAL_SYSTEM = f"{BASE}/CodeSystem/referral"
NEXT_CHECK_SYSTEM = f"{BASE}/CodeSystem/next-check"
#: Names the uuids of the resources of a screening Bundle (uuid5 of the screening).
_UUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, BASE)

DISCLAIMER_ITEM = "disclaimer"
ATTRIBUTION_ITEM = "attribution"
CHILD_NAME = "child-name"
BIRTH_DATE = "birth-date"
BORN_EARLY = "born-early"
GESTATIONAL_WEEKS = "gestational-weeks"
CONCERNS = "concerns"
WARNING_SIGNS = "warning-signs"
AREA_PREFIX = "area-"
EARLIER = "earlier-milestones"
EARLIER_PREFIX = "earlier-"
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
    BORN_EARLY: N_("Was your child born early (before 37 weeks of pregnancy)?"),
    GESTATIONAL_WEEKS: N_("How many weeks of pregnancy at birth? (40 if born on time)"),
    EARLIER: N_("Earlier milestones (optional)"),
    WARNING_SIGNS: N_("Have you noticed any of these?"),
    CONCERNS: N_("Anything else about your child's development you'd like to note?"),
}
FORM_TITLE = N_("Milestone check at {months} months")
EARLIER_TITLE = N_("By {months} months")
OVERALL_TITLE = N_("Milestone check: overall next step")
#: The overall Observation's parts beyond the warning signs, by their code in
#: :data:`OBSERVATION_SYSTEM`: when to act, whom to see, and when to check again.
OVERALL_PARTS: dict[str, str] = {
    "act": N_("When to act"),
    "referral": N_("Who to see"),
    "next-check": N_("Next check"),
    "next-check-reason": N_("Why the next check is then"),
}
#: Why the next check falls when it does (``next_check.why`` of a result).
NEXT_CHECK_REASONS: dict[str, str] = {
    "now": N_("Now: act before any routine check"),
    "recheck": N_("A check again in about four weeks"),
    "next_checklist": N_("The age of the next checklist"),
}
#: A referral kind's words when the content does not name it (vocabulary.REFERRAL_KINDS).
REFERRAL_WORDS: dict[str, str] = {
    "doctor": N_("The child's doctor"),
    "early_intervention": N_("Early intervention"),
    "occupational_therapy": N_("Occupational therapy"),
    "physical_therapy": N_("Physical therapy"),
    "speech_therapy": N_("Speech-language therapy"),
    "hearing_test": N_("Hearing test"),
    "eye_exam": N_("Eye examination"),
    "feeding_specialist": N_("Feeding specialist"),
    "developmental_screening": N_("Developmental screening"),
    "autism_screening": N_("Autism screening"),
}


# --------------------------------------------------------------------------- the shapes

# Every shape: camelCase on the wire, empty fields left out, keyword arguments only (so
# FHIR's own field order is kept); a resource is tagged with its ``resourceType``.
_CAMEL = "camel"
_TAG = "resourceType"


class Extension(msgspec.Struct, rename=_CAMEL, omit_defaults=True, kw_only=True):
    url: str
    extension: list[Extension] = []
    value_code: str | None = None
    value_string: str | None = None
    value_boolean: bool | None = None
    value_integer: int | None = None
    value_codeable_concept: CodeableConcept | None = None


class Element(msgspec.Struct, rename=_CAMEL, omit_defaults=True, kw_only=True):
    """The extensions of a primitive value (``_text``, ``_display``: its translations)."""

    extension: list[Extension] = []


def _primitive(name: str) -> Any:
    """The ``_name`` sibling that carries a primitive's extensions, left out when empty."""
    return msgspec.field(default=None, name=f"_{name}")


class Coding(msgspec.Struct, rename=_CAMEL, omit_defaults=True, kw_only=True):
    system: str | None = None
    code: str | None = None
    display: str | None = None
    display_: Element | None = _primitive("display")


class CodeableConcept(msgspec.Struct, rename=_CAMEL, omit_defaults=True, kw_only=True):
    coding: list[Coding] = []
    text: str | None = None


class Identifier(msgspec.Struct, rename=_CAMEL, omit_defaults=True, kw_only=True):
    system: str | None = None
    value: str | None = None


class Reference(msgspec.Struct, rename=_CAMEL, omit_defaults=True, kw_only=True):
    reference: str | None = None
    type: str | None = None
    identifier: Identifier | None = None
    display: str | None = None


class Quantity(msgspec.Struct, rename=_CAMEL, omit_defaults=True, kw_only=True):
    value: int
    unit: str
    system: str = UCUM
    code: str


class Range(msgspec.Struct, rename=_CAMEL, omit_defaults=True, kw_only=True):
    low: Quantity
    high: Quantity | None = None


class UsageContext(msgspec.Struct, rename=_CAMEL, omit_defaults=True, kw_only=True):
    code: Coding
    value_range: Range


class AnswerOption(msgspec.Struct, rename=_CAMEL, omit_defaults=True, kw_only=True):
    value_coding: Coding


class EnableWhen(msgspec.Struct, rename=_CAMEL, omit_defaults=True, kw_only=True):
    question: str
    operator: str
    answer_boolean: bool


class QuestionnaireItem(msgspec.Struct, rename=_CAMEL, omit_defaults=True, kw_only=True):
    extension: list[Extension] = []
    link_id: str
    text: str | None = None
    text_: Element | None = _primitive("text")
    type: str
    enable_when: list[EnableWhen] = []
    required: bool = False
    answer_option: list[AnswerOption] = []
    item: list[QuestionnaireItem] = []


class Questionnaire(
    msgspec.Struct,
    tag="Questionnaire",
    tag_field=_TAG,
    rename=_CAMEL,
    omit_defaults=True,
    kw_only=True,
):
    id: str
    language: str
    url: str
    version: str
    name: str
    title: str
    title_: Element | None = _primitive("title")
    status: str
    subject_type: list[str]
    date: str
    publisher: str
    description: str
    description_: Element | None = _primitive("description")
    use_context: list[UsageContext] = []
    copyright: str | None = None
    copyright_: Element | None = _primitive("copyright")
    item: list[QuestionnaireItem]


class ResponseAnswer(msgspec.Struct, rename=_CAMEL, omit_defaults=True, kw_only=True):
    """One answer of a QuestionnaireResponse item: exactly one value[x] is set."""

    value_coding: Coding | None = None
    value_boolean: bool | None = None
    value_date: str | None = None
    value_integer: int | None = None
    value_string: str | None = None


class ResponseItem(msgspec.Struct, rename=_CAMEL, omit_defaults=True, kw_only=True):
    link_id: str
    text: str | None = None
    answer: list[ResponseAnswer] = []
    item: list[ResponseItem] = []


class QuestionnaireResponse(
    msgspec.Struct,
    tag="QuestionnaireResponse",
    tag_field=_TAG,
    rename=_CAMEL,
    omit_defaults=True,
    kw_only=True,
):
    id: str
    language: str
    identifier: Identifier | None = None
    questionnaire: str
    status: str
    subject: Reference | None = None
    encounter: Reference | None = None
    authored: str
    author: Reference | None = None
    item: list[ResponseItem]


class ObservationComponent(msgspec.Struct, rename=_CAMEL, omit_defaults=True, kw_only=True):
    code: CodeableConcept
    value_codeable_concept: CodeableConcept | None = None
    value_date_time: str | None = None


class Observation(
    msgspec.Struct,
    tag="Observation",
    tag_field=_TAG,
    rename=_CAMEL,
    omit_defaults=True,
    kw_only=True,
):
    id: str
    language: str
    status: str
    category: list[CodeableConcept]
    code: CodeableConcept
    subject: Reference | None = None
    encounter: Reference | None = None
    effective_date_time: str
    issued: str
    performer: list[Reference] = []
    value_codeable_concept: CodeableConcept
    interpretation: list[CodeableConcept] = []
    derived_from: list[Reference]
    has_member: list[Reference] = []
    component: list[ObservationComponent] = []


class Designation(msgspec.Struct, rename=_CAMEL, omit_defaults=True, kw_only=True):
    language: str
    value: str


class Concept(msgspec.Struct, rename=_CAMEL, omit_defaults=True, kw_only=True):
    code: str
    display: str
    designation: list[Designation] = []


class CodeSystem(
    msgspec.Struct,
    tag="CodeSystem",
    tag_field=_TAG,
    rename=_CAMEL,
    omit_defaults=True,
    kw_only=True,
):
    id: str
    language: str
    url: str
    version: str
    name: str
    title: str
    status: str
    date: str
    publisher: str
    description: str
    case_sensitive: bool
    content: str
    count: int
    concept: list[Concept]


BundleKind = Literal["collection", "transaction"]


class BundleRequest(msgspec.Struct, rename=_CAMEL, omit_defaults=True, kw_only=True):
    method: str
    url: str


class BundleEntry(msgspec.Struct, rename=_CAMEL, omit_defaults=True, kw_only=True):
    full_url: str
    resource: Questionnaire | QuestionnaireResponse | Observation | CodeSystem
    request: BundleRequest | None = None


class Bundle(
    msgspec.Struct, tag="Bundle", tag_field=_TAG, rename=_CAMEL, omit_defaults=True, kw_only=True
):
    id: str | None = None
    type: str
    timestamp: str | None = None
    entry: list[BundleEntry]


def to_json(resource: msgspec.Struct) -> str:
    """A resource as pretty-printed FHIR JSON (UTF-8 text, keys in FHIR's order)."""
    return msgspec.json.format(msgspec.json.encode(resource), indent=2).decode() + "\n"


def to_json_line(resource: msgspec.Struct) -> str:
    """A resource as one line of NDJSON (the FHIR bulk-data layout)."""
    return msgspec.json.encode(resource).decode() + "\n"


def translated(texts: dict[str, str], base: str = "en") -> tuple[str, Element | None]:
    """A text in ``base`` and its translations as the standard ``translation`` extension.

    ``texts`` maps a language code to the text; a language whose text is the base text
    (content not translated yet) gets no translation, so a forms tool shows the base.
    """
    text = texts[base]
    extensions = [
        Extension(
            url=TRANSLATION,
            extension=[
                Extension(url="lang", value_code=lang),
                Extension(url="content", value_string=words),
            ],
        )
        for lang, words in texts.items()
        if lang != base and words and words != text
    ]
    return text, Element(extension=extensions) if extensions else None
