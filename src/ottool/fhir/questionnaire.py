"""A checklist as a FHIR Questionnaire, and every checklist in one Bundle."""

from __future__ import annotations

from ottool.age import MAX_GESTATIONAL_WEEKS, MIN_GESTATIONAL_WEEKS
from ottool.content import Content, Milestone, WarningSign
from ottool.errors import InputError
from ottool.fhir.resources import (
    ANSWER_CODES,
    ANSWER_SYSTEM,
    AREA_PREFIX,
    BASE,
    BIRTH_DATE,
    CHILD_NAME,
    CONCERNS,
    FORM_QUESTIONS,
    FORM_TITLE,
    GESTATIONAL_WEEKS,
    ITEM_CONTROL,
    ITEM_CONTROL_SYSTEM,
    MAX_VALUE,
    MIN_VALUE,
    WARNING_SIGNS,
    AnswerOption,
    Bundle,
    BundleEntry,
    CodeableConcept,
    Coding,
    Extension,
    Questionnaire,
    QuestionnaireItem,
)
from ottool.i18n import _, speaking
from ottool.wording import DISCLAIMER, answer_words


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
