"""A screening as a FHIR Bundle: its QuestionnaireResponse and Observations.

The response answers its checklist's Questionnaire and nothing else: every linkId in it
is an item of that form (answers to earlier checklists in the form's "earlier
milestones" group). Answers the form does not ask (a later checklist's milestones, a
milestone or sign the content no longer has, a sign outside the form's ages) are left
out; :func:`answers_left_out` names them so the command line can say so.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import msgspec

from ottool.core.age import FULL_TERM_WEEKS, PRETERM_BEFORE_WEEKS
from ottool.core.content import Content, Milestone
from ottool.core.errors import InputError
from ottool.core.i18n import _, language
from ottool.documents.wording import (
    ACT_LABELS,
    NEUTRAL_EMERGENCY_SHORT,
    OVERALL_LABELS,
    STATUS_LABELS,
)
from ottool.storage.fhir.questionnaire import (
    answer_options,
    earlier_milestones,
    questionnaire_url,
    signs_for_checklist,
)
from ottool.storage.fhir.resources import (
    _UUID_NAMESPACE,
    ACT_SYSTEM,
    ANSWER_CODES,
    AREA_PREFIX,
    BIRTH_DATE,
    BORN_EARLY,
    CATEGORY_SYSTEM,
    CHILD_NAME,
    CONCERNS,
    EARLIER,
    EARLIER_PREFIX,
    EARLIER_TITLE,
    FORM_QUESTIONS,
    GESTATIONAL_WEEKS,
    INTERPRETATION_SYSTEM,
    NEXT_CHECK_REASONS,
    NEXT_CHECK_SYSTEM,
    OBSERVATION_SYSTEM,
    OVERALL_CODE,
    OVERALL_PARTS,
    OVERALL_TITLE,
    REFERRAL_SYSTEM,
    REFERRAL_WORDS,
    STATUS_SYSTEM,
    WARNING_SIGN_SYSTEM,
    WARNING_SIGNS,
    Bundle,
    BundleEntry,
    BundleKind,
    BundleRequest,
    CodeableConcept,
    Coding,
    Identifier,
    Observation,
    ObservationComponent,
    QuestionnaireResponse,
    Reference,
    ResponseAnswer,
    ResponseItem,
)
from ottool.storage.formats import AnswerFile, Result

#: A FHIR resource id (R4 ``id``): what ``--patient-id`` must look like.
FHIR_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")

#: An ottool status → its HL7 v3 interpretation, where one fits (the rest: text only).
_INTERPRETATIONS = {
    "on_track": ("N", "Normal"),
    "discuss": ("A", "Abnormal"),
    "urgent": ("AA", "Critical abnormal"),
    "incomplete": ("IND", "Indeterminate"),
}


@dataclass(frozen=True)
class Context:
    """Whom and what a screening is about, as a clinic's system names them: kept from an
    incoming response (and ``--patient-id``) on the response and every Observation."""

    subject: Reference | None = None
    encounter: Reference | None = None
    identifier: Identifier | None = None
    author: Reference | None = None


def patient(patient_id: str) -> Reference:
    """``Patient/<id>``; an id FHIR does not allow is an InputError."""
    if not FHIR_ID.fullmatch(patient_id):
        raise InputError(
            _(
                "--patient-id must be a FHIR id: 1 to 64 letters, digits, '-' or '.' (got {value})"
            ).format(value=repr(patient_id[:80]))
        )
    return Reference(reference=f"Patient/{patient_id}")


def with_patient(context: Context, patient_id: str) -> Context:
    """``context`` about the Patient ``patient_id`` (``--patient-id``, over any incoming one)."""
    return replace(context, subject=patient(patient_id))


def timestamp() -> str:
    """Now as a FHIR instant (UTC, to the second); ``SOURCE_DATE_EPOCH`` fixes it, as for
    reproducible builds."""
    fixed = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = (
        dt.datetime.fromtimestamp(int(fixed), dt.UTC)
        if fixed.isdigit()
        else dt.datetime.now(dt.UTC)
    )
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def screening_bundle(
    content: Content,
    result: Result,
    answers: AnswerFile,
    *,
    context: Context = Context(),
    kind: BundleKind = "collection",
    issued: str | None = None,
) -> Bundle:
    """A screening as a Bundle (``collection``, or a ``transaction`` of PUTs).

    ``result`` is the ``ottool-result/1`` document and ``answers`` the answers behind it
    (both as saved in the history), so a screening made now and one saved long ago give
    the same shape. ``content`` supplies display text only. Display texts are in the
    run's language (load ``content`` in it too); codes and ids never change with it.
    Resource ids are names derived from the screening (its answers, date, checklist and
    patient), so the same screening always gets the same ids: sending it twice updates
    rather than duplicates. ``issued`` (the Bundle's timestamp too) defaults to now.
    """
    identity = {
        "answers": msgspec.to_builtins(answers),
        "date": result.date.isoformat(),
        "checklist": result.checklist.months,
        "subject": msgspec.to_builtins(context.subject),
    }
    digest = hashlib.sha256(
        json.dumps(identity, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()
    issued = issued or timestamp()
    lang = language()
    date = result.date.isoformat()
    months = result.checklist.months
    canonical = questionnaire_url(months) + (
        f"|{result.content_version}" if result.content_version else ""
    )
    entries: list[BundleEntry] = []

    def add(role: str, resource: QuestionnaireResponse | Observation) -> str:
        resource.id = str(uuid.uuid5(_UUID_NAMESPACE, f"{digest}:{role}"))
        url = f"urn:uuid:{resource.id}"
        request = None
        if kind == "transaction":
            request = BundleRequest(method="PUT", url=f"{type(resource).__name__}/{resource.id}")
        entries.append(BundleEntry(full_url=url, resource=resource, request=request))
        return url

    response_url = add(
        "response",
        QuestionnaireResponse(
            id="",
            language=lang,
            identifier=context.identifier,
            questionnaire=canonical,
            status="completed",
            subject=context.subject,
            encounter=context.encounter,
            authored=date,
            author=context.author,
            item=_response_items(content, months, answers),
        ),
    )

    def observe(
        role: str,
        code: Coding,
        status: str,
        labels: Mapping[Any, tuple[str, str]],
        members: list[Reference] = [],  # noqa: B006 - never changed
        components: list[ObservationComponent] = [],  # noqa: B006
    ) -> Reference:
        observation = Observation(
            id="",
            language=lang,
            status="final",
            category=[
                CodeableConcept(
                    coding=[Coding(system=CATEGORY_SYSTEM, code="survey", display="Survey")]
                )
            ],
            code=CodeableConcept(coding=[code]),
            subject=context.subject,
            encounter=context.encounter,
            effective_date_time=date,
            issued=issued,
            performer=[context.author] if context.author else [],
            value_codeable_concept=_status_concept(status, labels),
            interpretation=[_interpretation(status, labels)],
            derived_from=[Reference(reference=response_url)],
            has_member=members,
            component=components,
        )
        return Reference(reference=add(role, observation))

    areas = []
    for area in result.domains:
        domain = content.domain_by_id.get(area.id)
        code = Coding(
            system=OBSERVATION_SYSTEM, code=area.id, display=domain.name if domain else None
        )
        areas.append(observe(f"area:{area.id}", code, area.status, STATUS_LABELS))
    # The warning signs behind the overall step, each with its level (discuss or urgent).
    signs = []
    for reported in result.warning_signs:
        sign = content.warning_sign_by_id.get(reported.id)
        signs.append(
            ObservationComponent(
                code=CodeableConcept(
                    coding=[
                        Coding(
                            system=WARNING_SIGN_SYSTEM,
                            code=reported.id,
                            display=sign.text if sign else None,
                        )
                    ]
                ),
                value_codeable_concept=_status_concept(reported.level or "discuss", OVERALL_LABELS),
            )
        )
    overall = Coding(system=OBSERVATION_SYSTEM, code=OVERALL_CODE, display=_(OVERALL_TITLE))
    parts = signs + _follow_through(content, result)
    observe(OVERALL_CODE, overall, result.overall, OVERALL_LABELS, areas, parts)
    return Bundle(id=digest[:32], type=kind, timestamp=issued, entry=entries)


def _follow_through(content: Content, result: Result) -> list[ObservationComponent]:
    """When to act, whom to see and the next check, as parts of the overall Observation."""

    def part(code: str, **value: Any) -> ObservationComponent:
        name = Coding(system=OBSERVATION_SYSTEM, code=code, display=_(OVERALL_PARTS[code]))
        return ObservationComponent(code=CodeableConcept(coding=[name]), **value)

    def coded(system: str, code: str, display: str | None) -> CodeableConcept:
        return CodeableConcept(coding=[Coding(system=system, code=code, display=display)])

    parts = []
    if result.act:
        parts.append(
            part("act", value_codeable_concept=coded(ACT_SYSTEM, result.act, act_words(result.act)))
        )
    for referral in result.referrals or []:
        concept = coded(REFERRAL_SYSTEM, referral, referral_words(content, referral))
        parts.append(part("referral", value_codeable_concept=concept))
    if result.next_check is not None:
        parts.append(part("next-check", value_date_time=result.next_check.date.isoformat()))
        why = result.next_check.why
        reason = NEXT_CHECK_REASONS.get(why)
        concept = coded(NEXT_CHECK_SYSTEM, why, _(reason) if reason else None)
        parts.append(part("next-check-reason", value_codeable_concept=concept))
    return parts


def referral_words(content: Content, referral: str) -> str | None:
    """A referral kind's words: the content's name for it, else the catalog's."""
    known = content.referral_by_id.get(referral)
    if known:
        return known.name
    words = REFERRAL_WORDS.get(referral)
    return _(words) if words else None


def act_words(act: str) -> str | None:
    """An act's headline words, with the neutral emergency number ("your local ...")."""
    label = ACT_LABELS.get(act)  # type: ignore[call-overload]
    return _(label[1]).format(emergency=_(NEUTRAL_EMERGENCY_SHORT)) if label else None


def _status_concept(code: str, labels: Mapping[Any, tuple[str, str]]) -> CodeableConcept:
    label = labels.get(code)
    return CodeableConcept(
        coding=[Coding(system=STATUS_SYSTEM, code=code, display=_(label[1]) if label else None)]
    )


def _interpretation(code: str, labels: Mapping[Any, tuple[str, str]]) -> CodeableConcept:
    """The status as an interpretation: the HL7 v3 code where one fits, and its words."""
    label = labels.get(code)
    v3 = _INTERPRETATIONS.get(code)
    return CodeableConcept(
        coding=[Coding(system=INTERPRETATION_SYSTEM, code=v3[0], display=v3[1])] if v3 else [],
        text=_(label[1]) if label else code,
    )


def answers_left_out(content: Content, months: int, answers: AnswerFile) -> list[str]:
    """The answered ids that the ``months`` form does not ask, so its response leaves out."""
    asked = {m.id for m in content.milestones if m.months <= months}
    signs = {w.id for w in signs_for_checklist(content, months)}
    return [a for a in answers.answers if a not in asked] + [
        s for s in answers.warning_signs if s not in signs
    ]


def _response_items(content: Content, months: int, answers: AnswerFile) -> list[ResponseItem]:
    """The answers as QuestionnaireResponse items, nested exactly as the form's items."""
    words = {link_id: _(question) for link_id, question in FORM_QUESTIONS.items()}
    items: list[ResponseItem] = []
    child = answers.child
    if child is not None and child.name:
        items.append(_item(CHILD_NAME, words[CHILD_NAME], value_string=child.name))
    if child is not None:
        items.append(_item(BIRTH_DATE, words[BIRTH_DATE], value_date=child.birth_date.isoformat()))
        weeks = child.gestational_weeks or FULL_TERM_WEEKS
        early = weeks < PRETERM_BEFORE_WEEKS
        items.append(_item(BORN_EARLY, words[BORN_EARLY], value_boolean=early))
        if early:  # the form asks the weeks only then
            items.append(_item(GESTATIONAL_WEEKS, words[GESTATIONAL_WEEKS], value_integer=weeks))
    codings = {
        answer: option.value_coding
        for answer, option in zip(ANSWER_CODES, answer_options(language()), strict=True)
    }
    given = answers.answers

    def answered(milestones: list[Milestone] | tuple[Milestone, ...]) -> list[ResponseItem]:
        return [
            _item(m.id, m.prompt, value_coding=codings[given[m.id]])
            for m in milestones
            if m.id in given
        ]

    for domain in content.domains:
        asked = [m for m in content.checklist(months) if m.domain == domain.id]
        found = answered(asked)
        if found:
            items.append(
                ResponseItem(link_id=AREA_PREFIX + domain.id, text=domain.name, item=found)
            )
    earlier = [
        ResponseItem(
            link_id=f"{EARLIER_PREFIX}{checklist}m",
            text=_(EARLIER_TITLE).format(months=checklist),
            item=found,
        )
        for checklist, milestones in earlier_milestones(content, months).items()
        for found in [answered(milestones)]
        if found
    ]
    if earlier:
        items.append(ResponseItem(link_id=EARLIER, text=words[EARLIER], item=earlier))
    signs = [
        _item(w.id, w.text, value_boolean=answers.warning_signs[w.id])
        for w in signs_for_checklist(content, months)
        if w.id in answers.warning_signs
    ]
    if signs:
        items.append(ResponseItem(link_id=WARNING_SIGNS, text=words[WARNING_SIGNS], item=signs))
    if answers.concerns:
        items.append(_item(CONCERNS, words[CONCERNS], value_string=answers.concerns))
    return items


def _item(link_id: str, text: str | None, **value: object) -> ResponseItem:
    return ResponseItem(link_id=link_id, text=text, answer=[ResponseAnswer(**value)])  # type: ignore[arg-type]
