"""A screening as a FHIR Bundle: its QuestionnaireResponse and Observations."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping
from typing import Any

from ottool.age import FULL_TERM_WEEKS
from ottool.content import Content
from ottool.fhir.questionnaire import answer_options, questionnaire_url
from ottool.fhir.resources import (
    _UUID_NAMESPACE,
    ANSWER_CODES,
    AREA_PREFIX,
    BIRTH_DATE,
    CATEGORY_SYSTEM,
    CHILD_NAME,
    CONCERNS,
    FORM_QUESTIONS,
    GESTATIONAL_WEEKS,
    OBSERVATION_SYSTEM,
    OVERALL_CODE,
    OVERALL_TITLE,
    STATUS_SYSTEM,
    WARNING_SIGN_SYSTEM,
    WARNING_SIGNS,
    Bundle,
    BundleEntry,
    CodeableConcept,
    Coding,
    Observation,
    ObservationComponent,
    QuestionnaireResponse,
    Reference,
    ResponseAnswer,
    ResponseItem,
)
from ottool.i18n import _, language
from ottool.wording import OVERALL_LABELS, STATUS_LABELS


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
