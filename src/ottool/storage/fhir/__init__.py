"""FHIR R4 for clinics (docs/fhir.md): checklists as Questionnaires, screenings as Bundles,
and QuestionnaireResponses from any forms tool read as answers.

- :mod:`ottool.storage.fhir.resources` — the shapes (msgspec Structs) and the names ottool mints;
- :mod:`ottool.storage.fhir.questionnaire` — a checklist as a Questionnaire;
- :mod:`ottool.storage.fhir.bundle` — a screening as a Bundle (QuestionnaireResponse, Observations);
- :mod:`ottool.storage.fhir.incoming` — finding the response in a file, and its subject;
- :mod:`ottool.storage.fhir.response` — a QuestionnaireResponse read as answers;
- :mod:`ottool.storage.fhir.codesystem` — ottool's CodeSystems.

No FHIR library is needed at run time. Choices are in docs/decisions.md.
"""

from __future__ import annotations

from ottool.storage.fhir.bundle import (
    Context,
    answers_left_out,
    patient,
    screening_bundle,
    timestamp,
    with_patient,
)
from ottool.storage.fhir.codesystem import codesystems_bundle
from ottool.storage.fhir.incoming import looks_like_fhir, response_context
from ottool.storage.fhir.questionnaire import (
    answer_options,
    build_questionnaire,
    earlier_milestones,
    questionnaire_id,
    questionnaire_url,
    questionnaires_bundle,
    signs_for_checklist,
)
from ottool.storage.fhir.resources import (
    ANSWER_CODES,
    ANSWER_SYSTEM,
    AREA_PREFIX,
    BASE,
    BIRTH_DATE,
    CATEGORY_SYSTEM,
    CHILD_NAME,
    CONCERNS,
    FORM_QUESTIONS,
    FORM_TITLE,
    GESTATIONAL_WEEKS,
    ITEM_CONTROL,
    ITEM_CONTROL_SYSTEM,
    MAX_RESPONSE_BYTES,
    MAX_VALUE,
    MIN_VALUE,
    OBSERVATION_SYSTEM,
    OVERALL_CODE,
    OVERALL_TITLE,
    STATUS_SYSTEM,
    WARNING_SIGN_SYSTEM,
    WARNING_SIGNS,
    to_json,
    to_json_line,
)
from ottool.storage.fhir.response import answers_from_fhir

__all__ = [
    "ANSWER_CODES",
    "ANSWER_SYSTEM",
    "AREA_PREFIX",
    "BASE",
    "BIRTH_DATE",
    "CATEGORY_SYSTEM",
    "CHILD_NAME",
    "CONCERNS",
    "FORM_QUESTIONS",
    "FORM_TITLE",
    "GESTATIONAL_WEEKS",
    "ITEM_CONTROL",
    "ITEM_CONTROL_SYSTEM",
    "MAX_RESPONSE_BYTES",
    "MAX_VALUE",
    "MIN_VALUE",
    "OBSERVATION_SYSTEM",
    "OVERALL_CODE",
    "OVERALL_TITLE",
    "STATUS_SYSTEM",
    "WARNING_SIGNS",
    "WARNING_SIGN_SYSTEM",
    "Context",
    "answer_options",
    "answers_from_fhir",
    "answers_left_out",
    "build_questionnaire",
    "codesystems_bundle",
    "earlier_milestones",
    "looks_like_fhir",
    "patient",
    "questionnaire_id",
    "questionnaire_url",
    "questionnaires_bundle",
    "response_context",
    "screening_bundle",
    "signs_for_checklist",
    "timestamp",
    "to_json",
    "to_json_line",
    "with_patient",
]
