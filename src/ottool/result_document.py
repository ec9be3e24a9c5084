"""The screening result as a family reads it, built once with every decision made.

`build_result_document` turns a scored :class:`~ottool.screening.ScreeningResult`
into plain frozen data: each area's symbol, words and answer counts, the overall
next step and whether it is urgent, the signs the parent reported with their own
advice, and every sentence around them, in the run's language. The renderers
(terminal, and the plan's status block in every format) only lay it out.

The rules that decide what a family sees live here and in :mod:`ottool.wording`:
which signs show their own advice (:func:`shows_own_advice`), what is urgent
(the overall ``urgent`` step, a sign's ``urgent`` level), which words.
"""

from __future__ import annotations

from dataclasses import dataclass

from ottool.age import FULL_TERM_WEEKS, Age, age_in_words
from ottool.content import Content, WarningSign
from ottool.i18n import N_, _, format_date
from ottool.screening import DomainResult, Overall, ScreeningResult, Status
from ottool.wording import (
    Labels,
    disclaimer,
    labels,
    overall_label,
    result_advice,
    status_label,
    unused_answers_note,
)


@dataclass(frozen=True)
class AreaLine:
    """One area's status on a result or a plan."""

    id: str
    name: str
    status: str  # symbol and words, e.g. "! Worth talking about"
    code: Status
    symbol: str
    words: str
    answers: str  # "3 yes, 1 not yet"


@dataclass(frozen=True)
class NextStep:
    """The overall next step: its symbol and words, what to do, and whether it is urgent."""

    code: Overall
    symbol: str
    words: str
    advice: str
    urgent: bool

    @property
    def label(self) -> str:
        """Symbol and words on one line: '!! Contact your child's doctor soon'."""
        return f"{self.symbol} {self.words}"


@dataclass(frozen=True)
class CallSign:
    """A warning sign, what to do about it, and how it is shown."""

    id: str
    text: str
    advice: str
    urgent: bool
    reported: bool  # the parent reported it in the screening
    emergency: bool = False
    #: Shown with its own advice beside it: urgent signs (their advice asks for more
    #: haste than the shared line) and signs the parent reported (it matters now).
    own_advice: bool = False


def shows_own_advice(urgent: bool, reported: bool) -> bool:
    """The one rule for which signs carry their own advice: urgent or reported ones."""
    return urgent or reported


def call_sign(sign: WarningSign, *, reported: bool) -> CallSign:
    urgent = sign.level == "urgent"
    return CallSign(
        id=sign.id,
        text=sign.text,
        advice=sign.advice,
        urgent=urgent,
        reported=reported,
        emergency=sign.emergency,
        own_advice=shows_own_advice(urgent, reported),
    )


@dataclass(frozen=True)
class ResultDocument:
    """Everything on the result screen."""

    title: str
    child: str | None
    date: str  # as a family writes it: 'November 22, 2026'
    age_line: str
    checklist_line: str
    unused_note: str | None
    areas: tuple[AreaLine, ...]
    next_step: NextStep
    noticed: tuple[CallSign, ...]
    concerns: str | None
    concerns_hint: str
    disclaimer: str
    labels: Labels


#: How many milestones got each answer, as shown beside an area (in this order).
_COUNTS = (
    ("not_yet", N_("{n} not yet")),
    ("sometimes", N_("{n} sometimes")),
    ("unsure", N_("{n} not sure")),
)


def answer_counts(d: DomainResult) -> str:
    """'3 yes, 1 not yet': the answers behind an area's status."""
    parts = [_(words).format(n=len(getattr(d, key))) for key, words in _COUNTS if getattr(d, key)]
    if not d.yes and not parts:
        return _("no questions at this age")
    return ", ".join([_("{n} yes").format(n=len(d.yes)), *parts])


def area_lines(content: Content, result: ScreeningResult) -> tuple[AreaLine, ...]:
    """Every area of the result, in content order."""
    lines = []
    for d in result.domains:
        symbol, words = status_label(d.status)
        lines.append(
            AreaLine(
                id=d.id,
                name=content.domain_by_id[d.id].name,
                status=f"{symbol} {words}",
                code=d.status,
                symbol=symbol,
                words=words,
                answers=answer_counts(d),
            )
        )
    return tuple(lines)


def next_step(content: Content, result: ScreeningResult, *, checks: bool = True) -> NextStep:
    """The overall step with its advice (see :func:`ottool.wording.result_advice`)."""
    emergency = any(w.emergency for w in result.warning_signs)
    symbol, words = overall_label(result.overall, emergency=emergency)
    return NextStep(
        code=result.overall,
        symbol=symbol,
        words=words,
        advice=result_advice(content, result, checks=checks),
        urgent=result.overall == "urgent",
    )


def age_line(age: Age, gestational_weeks: int) -> str:
    """The sentence that says which age the screening used, and why."""
    used = age_in_words(age.used)
    if age.corrected:
        return _(
            "Age used: {age}. Your baby was born {weeks} weeks early, so we use their "
            "corrected age ({since_birth} since birth, minus the weeks born early). "
            "This is usual until age 2."
        ).format(
            age=used,
            weeks=FULL_TERM_WEEKS - gestational_weeks,
            since_birth=age_in_words(age.chronological),
        )
    return _("Age used: {age}.").format(age=used)


def build_result_document(content: Content, result: ScreeningResult) -> ResultDocument:
    """The result as shown, in the run's language; renderers only lay it out."""
    name = result.child.name
    checklist = _("Questions from the {months}-month milestones.").format(
        months=result.checklist.months
    )
    if result.checklist.early:
        checklist += " " + _(
            "Your child is younger than that, so 'not yet' is expected for many of them "
            "and is not counted as a concern."
        )
    unused = None
    if result.unused_answers:
        unused = unused_answers_note(result.unused_answers, result.checklist.months)
    return ResultDocument(
        title=(_("Results for {name}").format(name=name) if name else _("Results for your child")),
        child=name,
        date=format_date(result.date),
        age_line=age_line(result.age, result.child.gestational_weeks),
        checklist_line=checklist,
        unused_note=unused,
        areas=area_lines(content, result),
        next_step=next_step(content, result),
        noticed=tuple(call_sign(w, reported=True) for w in result.warning_signs),
        concerns=result.concerns,
        concerns_hint=_("Share this with your child's doctor; your own worries count."),
        disclaimer=disclaimer(),
        labels=labels(),
    )
