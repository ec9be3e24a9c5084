"""A blank paper checklist for one checklist age, built once, rendered many ways.

For families without a terminal (docs/clinics.md): every question of the checklist
with a box for each answer, the warning signs that apply at that age as boxes, room
for worries, and lines for the child's details. The renderers (`render/checklist.py`,
`render/checklist_pdf.py`) only lay this out; the answer-file template (``--format
yaml``) is made from the same document, so paper and file always ask the same.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ottool.core.age import CORRECT_UNTIL_MONTHS, PRETERM_BEFORE_WEEKS
from ottool.core.clinic import Clinic
from ottool.core.content import Content, WarningSign
from ottool.core.errors import InputError
from ottool.core.i18n import _, language
from ottool.core.vocabulary import ANSWERS, Answer
from ottool.documents.wording import (
    ACT_LABELS,
    EMERGENCY_CALL,
    answer_words,
    call_advice,
    cdc_attribution,
    disclaimer,
    emergency_number,
    labels,
    months_label,
)


@dataclass(frozen=True)
class Question:
    """One milestone as the checklist asks it."""

    id: str
    text: str


@dataclass(frozen=True)
class Area:
    """The questions of one area, in content order."""

    name: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Sign:
    """A warning sign to tick when noticed; ``urgent`` ones are marked."""

    id: str
    text: str
    urgent: bool


@dataclass(frozen=True)
class ChecklistWords:
    """The checklist's headings and lines, in the run's language."""

    child_name: str
    birth_date: str
    born_early: str
    date_filled: str
    questions: str
    tick_one: str
    signs: str
    tick_signs: str
    urgent: str
    concerns: str
    concerns_hint: str
    bring_it: str
    question: str
    sources: str


def checklist_words() -> ChecklistWords:
    return ChecklistWords(
        child_name=_("Child's name"),
        birth_date=_("Date of birth"),
        born_early=_("Weeks of pregnancy at birth (if born early)"),
        date_filled=_("Date filled in"),
        questions=_("What your child does"),
        tick_one=_(
            "Tick one box for each question, from what you have seen your child do. "
            "'Not sure' is a fine answer."
        ),
        signs=_("Have you noticed any of these?"),
        tick_signs=_("Tick any you have noticed."),
        urgent=labels().urgent,
        concerns=_("Your questions and worries"),
        concerns_hint=_("Anything about your child that worries you, or that you want to ask."),
        bring_it=_(
            "Bring this sheet to your child's next visit, or type the answers into ottool "
            "(ottool screen)."
        ),
        question=_("Question"),
        sources=labels().sources,
    )


@dataclass(frozen=True)
class ChecklistDocument:
    """Everything on a blank checklist, in the run's language."""

    title: str
    months: int
    checklist: str  # '12 months'
    lang: str
    ages: str  # whom it is for: 'For a child from 12 to 14 months old.'
    early: str  # counting from the due date for a baby born early
    answers: tuple[tuple[Answer, str], ...]  # the four answers, in the order offered
    areas: tuple[Area, ...]
    signs: tuple[Sign, ...]
    call_advice: str
    disclaimer: str
    sources: tuple[str, ...]
    clinic: Clinic | None = None
    words: ChecklistWords = field(default_factory=checklist_words, repr=False)
    #: The child's birth date and weeks of pregnancy, when the checklist was chosen from
    #: them (``--born``): the answer-file template comes filled in with them.
    born: str | None = None
    weeks: int | None = None

    @property
    def question_count(self) -> int:
        return sum(len(area.questions) for area in self.areas)


def build_checklist_document(
    content: Content,
    months: int,
    *,
    clinic: Clinic | None = None,
    region: str | None = None,
) -> ChecklistDocument:
    """The blank checklist at ``months`` (a checklist age of the content)."""
    if months not in content.checklists:
        ages = ", ".join(str(m) for m in content.checklists)
        raise InputError(
            _("there is no {months}-month checklist; the checklists are at {ages} months").format(
                months=months, ages=ages
            )
        )
    milestones = content.checklist(months)
    areas = tuple(
        Area(
            name=domain.name,
            questions=tuple(
                Question(m.id, " ".join(m.prompt.split()))
                for m in milestones
                if m.domain == domain.id
            ),
        )
        for domain in content.domains
        if any(m.domain == domain.id for m in milestones)
    )
    signs = tuple(
        Sign(w.id, _sign_text(content, w, region), w.level == "urgent" or w.act in _NOW)
        for w in content.warning_signs_at(months)
    )
    words = answer_words()
    return ChecklistDocument(
        title=_("Milestone checklist: {age}").format(age=months_label(months)),
        months=months,
        checklist=months_label(months),
        lang=language(),
        ages=_ages(content, months),
        early=_(
            "If your child was born before {weeks} weeks of pregnancy and is under {limit} "
            "months old, count the age from the due date."
        ).format(weeks=PRETERM_BEFORE_WEEKS, limit=CORRECT_UNTIL_MONTHS),
        answers=tuple((answer, words[answer]) for answer in ANSWERS),
        areas=areas,
        signs=signs,
        call_advice=call_advice(content, region),
        disclaimer=disclaimer(),
        sources=(cdc_attribution(),),
        clinic=clinic,
    )


#: Signs whose ``act`` cannot wait for a visit: the sheet says what to do beside them.
_NOW = ("emergency", "today")


def _sign_text(content: Content, sign: WarningSign, region: str | None) -> str:
    """A sign as the sheet prints it: with what to do at once when it cannot wait (the
    region's emergency number, or the doctor today), as the handout's box says it."""
    text = " ".join(sign.text.split())
    ended = text if text.endswith((".", "!", "?")) else text + "."
    if sign.act == "emergency":
        number = emergency_number(content, region)
        return f"{ended} {_(EMERGENCY_CALL).format(emergency=number)}"
    if sign.act == "today":
        return f"{ended} {_(ACT_LABELS['today'][1])}."
    return text


def _ages(content: Content, months: int) -> str:
    """Whom the checklist is for: from its age to the month before the next one."""
    later = [m for m in content.checklists if m > months]
    last = later[0] - 1 if later else content.max_months
    if last is None or last <= months:
        return _("For a child of {months} months or a little older.").format(months=months)
    return _("For a child from {low} to {high} months old.").format(low=months, high=last)
