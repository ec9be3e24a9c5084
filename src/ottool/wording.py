"""What ottool says to families: status words, next steps, the disclaimer.

One place for this wording so the terminal, the printed plans and the saved
history all say the same thing. Calm and concrete; never a diagnosis.
"""

from __future__ import annotations

from ottool.content import Content
from ottool.i18n import N_
from ottool.screening import Answer, Overall, ScreeningResult, Status, first_signs

#: Status of an area: (symbol, words). Symbols carry the meaning without colour.
STATUS_LABELS: dict[Status, tuple[str, str]] = {
    "on_track": ("✓", "On track"),
    "emerging": ("◐", "Coming along"),
    "incomplete": ("?", "Not enough answers"),
    "discuss": ("!", "Worth talking about"),
}

OVERALL_LABELS: dict[Overall, tuple[str, str]] = {
    "on_track": ("✓", "On track"),
    "monitor": ("◐", "Keep practicing and check again"),
    "discuss": ("!", "Talk with your child's doctor or an occupational therapist"),
    "urgent": ("!!", "Contact your child's doctor soon"),
}

#: The overall step in a few words, for tables (history lists, progress views).
OVERALL_SHORT: dict[Overall, str] = {
    "on_track": "✓ On track",
    "monitor": "◐ Keep practicing",
    "discuss": "! Talk to a professional",
    "urgent": "!! Call the doctor soon",
}

#: Said wherever ottool tells a family to talk with someone (overall `discuss` and
#: `urgent`), as CDC's "act early" message does: families may ask for early
#: intervention themselves (CDC: no need to wait for a doctor's referral).
EARLY_INTERVENTION = (
    "You can also ask for a referral to early intervention, which supports babies and "
    "toddlers who need a little extra help. In the US you can contact your state's "
    "early intervention program yourself, without waiting for a referral; the "
    "evaluation is free."
)

OVERALL_ADVICE: dict[Overall, str] = {
    "on_track": (
        "Your child is doing the things most children do by this age. Keep playing "
        "together every day, and check again at the next milestone age."
    ),
    "monitor": (
        "Some skills are still coming along, or some answers were 'not sure'. That is "
        "common. Try the activities below for a few weeks, watch for the skills, and "
        "check again in about a month. If you are worried at any time, talk with your "
        "child's doctor."
    ),
    "discuss": (
        "Some things are worth talking over with your child's doctor or an occupational "
        "therapist. Bring this summary to your next visit, or book one if it is a while "
        "away, and ask about developmental screening. Many children catch up with "
        "practice and support, and early help makes that easier. " + EARLY_INTERVENTION
    ),
    "urgent": (
        "You noticed something that should be checked soon: please contact your child's "
        "doctor within the next few days rather than waiting for a routine visit, or "
        "sooner where the advice for a sign says so. Bring this summary with you. "
        + EARLY_INTERVENTION
    ),
}

#: After a sign's emergency advice, in place of the urgent "within a few days"
#: text, which would contradict it (that text stays for the other urgent signs).
AFTER_EMERGENCY = "Bring this summary when you see your child's doctor. " + EARLY_INTERVENTION


def result_advice(content: Content, result: ScreeningResult, *, checks: bool = True) -> str:
    """The next step under the overall status: signs that come first, then the rest.

    An emergency's own advice opens it (call emergency services now); a sign reported
    through a milestone's ``check`` puts its check (a hearing test) before practice.
    With ``checks=False`` (the printed plan, which shows every reported sign's advice
    beside it under "When to call" and must fit two pages) only emergencies lead.
    """
    first = [w for w in first_signs(content, result) if checks or w.emergency]
    rest = AFTER_EMERGENCY if any(w.emergency for w in first) else OVERALL_ADVICE[result.overall]
    return " ".join([*(w.advice for w in first), rest])


#: Said once in any plan where a chosen activity fits into the bath (its routines
#: list "bath"): bath play is seated play, where parents reach for a bath seat.
BATH_ROUTINE = "bath"
BATH_SAFETY = (
    "In the bath: keep a hand on your baby and never turn away, keep the water shallow, "
    "and do not use a bath seat, as seats can tip over."
)
BATH_SAFETY_SOURCE = "AAP HealthyChildren.org: Bath Seats: Avoid Use"


DISCLAIMER = N_(
    "ottool is a milestone check based on public checklists, such as the CDC's "
    "'Learn the Signs. Act Early.' milestones (2022). It helps you decide whether to "
    "talk to a professional. It is not a diagnosis and not a validated screening test "
    "such as the ones your child's doctor uses; ask them about developmental screening "
    "at your child's check-ups."
)

CDC_ATTRIBUTION = (
    "Milestones adapted from CDC's 'Learn the Signs. Act Early.' milestones (2022). "
    "Their use here does not imply endorsement by CDC or HHS."
)

REASONS: dict[str, str] = {
    "chosen": "Chosen by your therapist.",
    "not_yet": "Practices skills you answered 'not yet'.",
    "sometimes": "Practices skills you see only sometimes.",
    "not_yet_and_sometimes": (
        "Practices skills you answered 'not yet' and skills you see only sometimes."
    ),
    "focus": "For an area your therapist chose to work on.",
    "domain": "For an area that needs a little more attention.",
    "next": "Gets your child ready for the next milestones.",
    "age": "A good everyday activity at this age.",
}


#: How a practiced skill's answer is named beside it in a plan.
ANSWER_MARKS: dict[str, str] = {"not_yet": "not yet", "sometimes": "sometimes"}


def unused_answers_note(ids: tuple[str, ...], checklist_months: int) -> str:
    """For parents: answers to later milestones were kept out of the result, and why."""
    n = len(ids)
    were = "answers were" if n != 1 else "answer was"
    return (
        f"Not counted: {n} {were} about milestones of a later age ({', '.join(ids)}). "
        f"Your child's age goes with the {checklist_months}-month milestones, so only those "
        "(and any earlier ones you answered) count."
    )


def status_words(status: Status) -> str:
    symbol, words = STATUS_LABELS[status]
    return f"{symbol} {words}"


def overall_words(overall: Overall) -> str:
    symbol, words = OVERALL_LABELS[overall]
    return f"{symbol} {words}"


#: Under "When to call": what to do about any of the listed signs. Plans show most
#: signs without their own advice, so this line never asks for less haste than a
#: sign does (tone, weakness, one side: within days, AAP 2013; hearing, eyes: soon).
CALL_ADVICE = (
    "If you notice any of these, contact your child's doctor soon rather than waiting "
    "for a routine visit, and ask about a developmental screening and whether an "
    "occupational or physical therapist could help. You can also ask for a referral to "
    "early intervention (in the US, contact your state's program yourself; the evaluation "
    "is free)."
)


#: The four answers to a milestone, in the order they are offered, in each language
#: ottool speaks. The questionnaire, the FHIR Questionnaire and the results all use these.
ANSWER_WORDS: dict[str, dict[Answer, str]] = {
    "en": {"yes": "Yes", "sometimes": "Sometimes", "not_yet": "Not yet", "unsure": "Not sure"},
    "es": {"yes": "Sí", "sometimes": "A veces", "not_yet": "Todavía no", "unsure": "No sé"},
}
