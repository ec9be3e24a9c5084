"""The screening result as a family reads it, built once with every decision made.

`build_result_document` turns a scored :class:`~ottool.core.screening.ScreeningResult`
into plain frozen data: each area's symbol, words and answer counts, the overall
next step and whether it is urgent, the signs the parent reported with their own
advice, and every sentence around them, in the run's language. The renderers
(terminal, and the plan's status block in every format) only lay it out.

The rules that decide what a family sees live here and in :mod:`ottool.documents.wording`:
which signs show their own advice (:func:`shows_own_advice`), what is urgent
(the overall ``urgent`` step, a sign's ``urgent`` level), which words.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ottool.core.age import FULL_TERM_WEEKS, PRETERM_BEFORE_WEEKS, Age, age_in_words
from ottool.core.content import Content, WarningSign
from ottool.core.i18n import N_, _, format_date
from ottool.core.next_steps import speech_concern
from ottool.core.screening import DomainResult, ScreeningResult, near_the_end
from ottool.core.vocabulary import Act, Overall, Status
from ottool.documents.wording import (
    ACT_LABELS,
    Decision,
    Labels,
    act_label,
    disclaimer,
    emergency_number,
    labels,
    next_check_words,
    result_advice,
    status_label,
    unused_answers_note,
    with_emergency,
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
    """The result's headline (its ``act``): symbol and words, what to do, the next
    check, and whether it is urgent (the doctor today or within days, or an emergency)."""

    code: Overall
    symbol: str
    words: str
    advice: str
    urgent: bool
    act: Act = "next_check"
    #: The next check in a sentence: 'Next check: March 1, 2027, with the 12-month ...'.
    next_check: str = ""

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
    #: The sign's own time frame (docs/design.md §4); None in content without one.
    act: Act | None = None

    @property
    def mark(self) -> str:
        """The sign's symbol, as its time frame's headline shows it, so a sign is never
        marked calmer than the box it causes ('!!' for a sign to see the doctor within
        days)."""
        if self.act is not None and self.act in ACT_LABELS:
            return ACT_LABELS[self.act][0]
        return "!!" if self.urgent else "!"


def shows_own_advice(urgent: bool, reported: bool) -> bool:
    """The one rule for which signs carry their own advice: urgent or reported ones."""
    return urgent or reported


def call_sign(sign: WarningSign, *, reported: bool, emergency: str) -> CallSign:
    """The sign as shown; ``emergency`` is the number its advice names (the region's, or
    the neutral words)."""
    urgent = sign.level == "urgent"
    return CallSign(
        id=sign.id,
        text=sign.text,
        advice=with_emergency(sign.advice, emergency),
        urgent=urgent,
        reported=reported,
        emergency=sign.act == "emergency",
        own_advice=shows_own_advice(urgent, reported),
        act=sign.act,
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


#: The acts that ask for haste (the result box is marked urgent).
URGENT_ACTS: frozenset[Act] = frozenset({"emergency", "today", "days"})


def past_checklists(content: Content, result: ScreeningResult) -> bool:
    """Whether the next check falls past the oldest checklist (the 30-month screening
    at the doctor's takes over)."""
    check = result.next_check
    if check is None or check.why == "now":
        return False
    return (
        check.months is None
        or near_the_end(content, result)
        or (content.max_months is not None and check.months > content.max_months)
    )


def decision(content: Content, result: ScreeningResult) -> Decision:
    """What the result decided, for the words of its box."""
    discuss_areas = any(d.status == "discuss" for d in result.domains)
    return Decision(
        act=result.act,
        overall=result.overall,
        referrals=result.referrals,
        region=result.region,
        emergency_advice=tuple(w.advice for w in result.warning_signs if w.act == "emergency"),
        concern_only=bool((result.concerns or "").strip())
        and not result.warning_signs
        and not discuss_areas,
        speech=speech_concern(content, result.checklist, result.domains, result.warning_signs),
        signs=bool(result.warning_signs),
        preterm=result.child.gestational_weeks < PRETERM_BEFORE_WEEKS,
        past_checklists=past_checklists(content, result),
    )


def box_advice(content: Content, result: ScreeningResult) -> str:
    """What the result's box says under its headline."""
    return result_advice(content, decision(content, result))


def next_step(content: Content, result: ScreeningResult) -> NextStep:
    """The result's headline, its advice (see :func:`ottool.documents.wording.result_advice`) and
    the next check."""
    number = emergency_number(content, result.region, short=True)
    symbol, words = act_label(result.act, result.overall, number)
    check = result.next_check
    return NextStep(
        code=result.overall,
        symbol=symbol,
        words=words,
        advice=box_advice(content, result),
        urgent=result.act in URGENT_ACTS,
        act=result.act,
        next_check=""
        if check is None
        else next_check_words(
            check.why, check.date, check.months, past=past_checklists(content, result)
        ),
    )


def noticed_signs(signs: tuple[WarningSign, ...], emergency: str) -> tuple[CallSign, ...]:
    """The reported signs with their own advice; advice the same as an earlier sign's
    is said once (left empty on the later sign)."""
    said: set[str] = set()
    shown = []
    for w in signs:
        sign = call_sign(w, reported=True, emergency=emergency)
        if sign.advice in said:
            sign = replace(sign, advice="")
        said.add(w.advice)
        shown.append(sign)
    return tuple(shown)


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
    step = next_step(content, result)
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
        next_step=step,
        noticed=noticed_signs(result.warning_signs, emergency_number(content, result.region)),
        concerns=result.concerns,
        # Said once: the box already says why a concern alone counts.
        concerns_hint=""
        if step.code == "discuss" and decision(content, result).concern_only
        else _("Share this with your child's doctor; your own worries count."),
        disclaimer=disclaimer(),
        labels=labels(),
    )
