"""The FHIR R4 shapes ottool writes and reads, and the names it mints (urls, codes, linkIds).

Declared once as msgspec Structs (camelCase on the wire, empty fields left out). No FHIR
library is needed at run time; the tests check every resource against ``fhir.resources``'
R4B models and the core invariants (docs/fhir.md).
"""

from __future__ import annotations

import uuid
from typing import Any

import msgspec

from ottool.i18n import N_
from ottool.screening import Answer

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
