"""What ottool says to families: status words, next steps, the disclaimer, headings.

One place for this wording so the terminal, the printed plans and the saved
history all say the same thing. Calm and concrete; never a diagnosis.

Every sentence is written here once, in English, and read in the run's language
through the catalog (:mod:`ottool.i18n`). Constants are only marked with ``N_()``:
the language is chosen after import, so they are translated where they are used,
by the functions below (``disclaimer()``, ``overall_advice("discuss")``, ...).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ottool.content import Activity, Content
from ottool.i18n import N_, _, language, ngettext, speaking
from ottool.screening import Answer, Overall, ScreeningResult, Status, first_signs
from ottool.vocabulary import Routine

#: Status of an area: (symbol, words). Symbols carry the meaning without colour.
STATUS_LABELS: dict[Status, tuple[str, str]] = {
    "on_track": ("✓", N_("On track")),
    "emerging": ("◐", N_("Coming along")),
    "incomplete": ("?", N_("Not enough answers")),
    "discuss": ("!", N_("Worth talking about")),
}

OVERALL_LABELS: dict[Overall, tuple[str, str]] = {
    "on_track": ("✓", N_("On track")),
    "monitor": ("◐", N_("Keep practicing and check again")),
    "discuss": ("!", N_("Talk with your child's doctor or an occupational therapist")),
    "urgent": ("!!", N_("Contact your child's doctor soon")),
}

#: The overall step in a few words, for tables (history lists, progress views).
OVERALL_SHORT: dict[Overall, tuple[str, str]] = {
    "on_track": ("✓", N_("On track")),
    "monitor": ("◐", N_("Keep practicing")),
    "discuss": ("!", N_("Talk to a professional")),
    "urgent": ("!!", N_("Call the doctor soon")),
}

#: Said wherever ottool tells a family to talk with someone (overall `discuss` and
#: `urgent`), as CDC's "act early" message does: families may ask for early
#: intervention themselves (CDC: no need to wait for a doctor's referral).
EARLY_INTERVENTION = N_(
    "You can also ask for a referral to early intervention, which supports babies and "
    "toddlers who need a little extra help. In the US you can contact your state's "
    "early intervention program yourself, without waiting for a referral; the "
    "evaluation is free."
)

#: The next step under each overall status; `discuss` and `urgent` go on with
#: EARLY_INTERVENTION (see :func:`overall_advice`).
OVERALL_ADVICE: dict[Overall, str] = {
    "on_track": N_(
        "Your child is doing the things most children do by this age. Keep playing "
        "together every day, and check again at the next milestone age."
    ),
    "monitor": N_(
        "Some skills are still coming along, or some answers were 'not sure'. That is "
        "common. Try the activities below for a few weeks, watch for the skills, and "
        "check again in about a month. If you are worried at any time, talk with your "
        "child's doctor."
    ),
    "discuss": N_(
        "Some things are worth talking over with your child's doctor or an occupational "
        "therapist. Bring this summary to your next visit, or book one if it is a while "
        "away, and ask about developmental screening. Many children catch up with "
        "practice and support, and early help makes that easier."
    ),
    "urgent": N_(
        "You noticed something that should be checked soon: please contact your child's "
        "doctor within the next few days rather than waiting for a routine visit, or "
        "sooner where the advice for a sign says so. Bring this summary with you."
    ),
}

#: The overall step's words when a reported sign is an emergency: its own advice (call
#: emergency services now, or the doctor today if it has passed) opens the box, and a
#: heading that says "soon" above it would ask for less haste than the advice.
EMERGENCY_STEP = N_("Contact your child's doctor today")

#: After a sign's emergency advice, in place of the urgent "within a few days"
#: text, which would contradict it (that text stays for the other urgent signs).
AFTER_EMERGENCY = N_("Bring this summary when you see your child's doctor.")

#: Said once in any plan where a chosen activity fits into the bath (its routines
#: list the id "bath", in every language): bath play is seated play, where parents
#: reach for a bath seat.
BATH_ROUTINE: Routine = "bath"
BATH_SAFETY = N_(
    "In the bath: keep a hand on your baby and never turn away, keep the water shallow, "
    "and do not use a bath seat, as seats can tip over."
)
#: A source's title, cited as published (not translated).
BATH_SAFETY_SOURCE = "AAP HealthyChildren.org: Bath Seats: Avoid Use"

DISCLAIMER = N_(
    "ottool is a milestone check based on public checklists, such as the CDC's "
    "'Learn the Signs. Act Early.' milestones (2022). It helps you decide whether to "
    "talk to a professional. It is not a diagnosis and not a validated screening test "
    "such as the ones your child's doctor uses; ask them about developmental screening "
    "at your child's check-ups."
)

CDC_ATTRIBUTION = N_(
    "Milestones adapted from CDC's 'Learn the Signs. Act Early.' milestones (2022). "
    "Their use here does not imply endorsement by CDC or HHS."
)

REASONS: dict[str, str] = {
    "chosen": N_("Chosen by your therapist."),
    "not_yet": N_("Practices skills you answered 'not yet'."),
    "sometimes": N_("Practices skills you see only sometimes."),
    "not_yet_and_sometimes": N_(
        "Practices skills you answered 'not yet' and skills you see only sometimes."
    ),
    "focus": N_("For an area your therapist chose to work on."),
    "domain": N_("For an area that needs a little more attention."),
    "next": N_("Gets your child ready for the next milestones."),
    "age": N_("A good everyday activity at this age."),
}

#: How a practiced skill's answer is named beside it in a plan.
ANSWER_MARKS: dict[str, str] = {"not_yet": N_("not yet"), "sometimes": N_("sometimes")}

#: Under "When to call": what to do about any of the listed signs. Plans show most
#: signs without their own advice, so this line never asks for less haste than a
#: sign does (tone, weakness, one side: within days, AAP 2013; hearing, eyes: soon).
CALL_ADVICE = N_(
    "If you notice any of these, contact your child's doctor soon rather than waiting "
    "for a routine visit, and ask about a developmental screening and whether an "
    "occupational or physical therapist could help. You can also ask for a referral to "
    "early intervention (in the US, contact your state's program yourself; the evaluation "
    "is free)."
)

#: The one wording of how to use the printed tracker (every printed plan has it).
TRACKER_NOTE = N_(
    "Tick a box each day you do the activity, and bring this sheet to your next visit."
)

#: The four answers to a milestone, in the order they are offered. The questionnaire,
#: the FHIR Questionnaire and the results all use these (translated where shown).
ANSWER_LABELS: dict[Answer, str] = {
    "yes": N_("Yes"),
    "sometimes": N_("Sometimes"),
    "not_yet": N_("Not yet"),
    "unsure": N_("Not sure"),
}


def answer_words(lang: str | None = None) -> dict[Answer, str]:
    """The four answers in ``lang`` (default: the run's language), in the order offered."""
    with speaking(lang or language()):
        return {answer: _(words) for answer, words in ANSWER_LABELS.items()}


def status_label(status: Status) -> tuple[str, str]:
    """An area's status as (symbol, words)."""
    symbol, words = STATUS_LABELS[status]
    return symbol, _(words)


def status_words(status: Status) -> str:
    """An area's status as one label: '✓ On track'."""
    return " ".join(status_label(status))


def overall_label(overall: Overall, *, emergency: bool = False) -> tuple[str, str]:
    """The overall next step as (symbol, words); ``emergency`` when an emergency sign
    was reported (always with the overall ``urgent``)."""
    symbol, words = OVERALL_LABELS[overall]
    if emergency and overall == "urgent":
        words = EMERGENCY_STEP
    return symbol, _(words)


def overall_words(overall: Overall) -> str:
    """The overall next step as one label: '!! Contact your child's doctor soon'."""
    return " ".join(overall_label(overall))


def overall_short(overall: Overall) -> str:
    """The overall step in a few words, for tables: '!! Call the doctor soon'."""
    symbol, words = OVERALL_SHORT[overall]
    return f"{symbol} {_(words)}"


def early_intervention() -> str:
    """The early-intervention sentence (after every 'talk with someone' step)."""
    return _(EARLY_INTERVENTION)


def overall_advice(overall: Overall) -> str:
    """What to do next for an overall status, with early intervention where it applies."""
    text = _(OVERALL_ADVICE[overall])
    if overall in ("discuss", "urgent"):
        text += " " + early_intervention()
    return text


def after_emergency() -> str:
    """What follows an emergency's own advice (instead of the urgent 'within days')."""
    return _(AFTER_EMERGENCY) + " " + early_intervention()


def result_advice(content: Content, result: ScreeningResult, *, checks: bool = True) -> str:
    """The next step under the overall status: signs that come first, then the rest.

    An emergency's own advice opens it (call emergency services now); a sign reported
    through a milestone's ``check`` puts its check (a hearing test) before practice.
    With ``checks=False`` (the printed plan, which shows every reported sign's advice
    beside it under "When to call" and must fit two pages) only emergencies lead.
    """
    first = [w for w in first_signs(content, result) if checks or w.emergency]
    emergency = any(w.emergency for w in first)
    rest = after_emergency() if emergency else overall_advice(result.overall)
    return " ".join([*(w.advice for w in first), rest])


def disclaimer() -> str:
    """What ottool is and is not; on every result and every printed plan."""
    return _(DISCLAIMER)


def cdc_attribution() -> str:
    return _(CDC_ATTRIBUTION)


def bath_safety() -> str:
    return _(BATH_SAFETY)


def call_advice() -> str:
    return _(CALL_ADVICE)


def tracker_note() -> str:
    return _(TRACKER_NOTE)


def reason_words(reason: str) -> str:
    """Why an activity is in the plan, in a sentence."""
    return _(REASONS[reason])


def answer_mark(answer: str) -> str | None:
    """How a practiced skill's answer is named beside it ('not yet'), if it is named."""
    mark = ANSWER_MARKS.get(answer)
    return _(mark) if mark else None


def unused_answers_note(ids: tuple[str, ...], checklist_months: int) -> str:
    """For parents: answers to later milestones were kept out of the result, and why."""
    return ngettext(
        "Not counted: {n} answer was about milestones of a later age ({ids}). Your "
        "child's age goes with the {months}-month milestones, so only those (and any "
        "earlier ones you answered) count.",
        "Not counted: {n} answers were about milestones of a later age ({ids}). Your "
        "child's age goes with the {months}-month milestones, so only those (and any "
        "earlier ones you answered) count.",
        len(ids),
    ).format(n=len(ids), ids=", ".join(ids), months=checklist_months)


@dataclass(frozen=True)
class Labels:
    """The headings and labels of the result and plan views, in the run's language.

    Renderers take every word they print from here or from the document, so a
    heading is written once for the terminal, Markdown, HTML and PDF.
    """

    child: str
    age: str
    checklist: str
    date: str
    therapist: str
    next_step: str
    where_things_stand: str
    area: str
    status: str
    answers: str
    your_note: str
    your_note_heading: str
    why_these: str
    activities: str
    your_plan: str
    why: str
    skills: str
    how_much: str
    fits_into: str
    you_need: str
    steps: str
    safety: str
    tracker: str
    activity: str
    when_to_call: str
    urgent: str
    you_noticed: str
    what_you_noticed: str
    notes: str
    sources: str
    not_ticked: str  # '{day}: not ticked', for screen readers
    subject: str  # a printed plan's description in the PDF's properties


def labels() -> Labels:
    """The headings and labels in the run's language."""
    return Labels(
        child=_("Child:"),
        age=_("Age:"),
        checklist=_("Checklist:"),
        date=_("Date:"),
        therapist=_("Therapist:"),
        next_step=_("Next step:"),
        where_things_stand=_("Where things stand"),
        area=_("Area"),
        status=_("Status"),
        answers=_("Answers"),
        your_note=_("Your note:"),
        your_note_heading=_("Your note"),
        why_these=_("Why these activities"),
        activities=_("Activities"),
        your_plan=_("Your home activity plan"),
        why=_("Why:"),
        skills=_("Skills it practices:"),
        how_much=_("How much:"),
        fits_into=_("Fits into:"),
        you_need=_("You need:"),
        steps=_("Steps"),
        safety=_("Safety"),
        tracker=_("Tracker"),
        activity=_("Activity"),
        when_to_call=_("When to call your child's doctor"),
        urgent=_("Urgent:"),
        you_noticed=_("(you noticed this)"),
        what_you_noticed=_("What you noticed"),
        notes=_("Notes from your therapist"),
        sources=_("Sources:"),
        not_ticked=_("{day}: not ticked"),
        subject=_("Home activity plan: a milestone check, not a diagnosis"),
    )


def dose_words(activity: Activity) -> str:
    """How much of an activity, in words: '5 min, 3 times a day, every day'."""
    times = ngettext("once a day", "{n} times a day", activity.times_per_day)
    if activity.times_per_day == 2:
        times = _("twice a day")
    days = (
        _("every day")
        if activity.days_per_week == 7
        else ngettext("{n} day a week", "{n} days a week", activity.days_per_week)
    )
    # Translators: an activity's dose: '5 min, 3 times a day, every day'.
    return _("{minutes} min, {times}, {days}").format(
        minutes=activity.minutes,
        times=times.format(n=activity.times_per_day),
        days=days.format(n=activity.days_per_week),
    )


def months_label(months: int) -> str:
    """A checklist's age: '9 months'."""
    return ngettext("{n} month", "{n} months", months).format(n=months)


def week_label(week: int) -> str:
    """A tracker week's heading: 'Week 2'."""
    return _("Week {n}").format(n=week)


#: A printed page's number (the HTML plan puts the browser's page counters in it).
PAGE_OF = N_("Page {number} of {total}")


def page_label(number: int, total: int) -> str:
    """A printed page's number: 'Page 1 of 2'."""
    return _(PAGE_OF).format(number=number, total=total)


# --- Activities: daily routines and activities left out for a sign -----------------

#: The words for each daily routine an activity fits into (``vocabulary.ROUTINES``).
#: Content lists routine ids; rules compare the ids, never these translated words.
ROUTINE_NAMES: Mapping[str, str] = {
    "waking_up": N_("waking up"),
    "diaper_change": N_("diaper change"),
    "feeds": N_("milk feeds"),
    "meals": N_("mealtime"),
    "bath": N_("bath"),
    "dressing": N_("dressing"),
    "play": N_("play"),
    "outings": N_("outings"),
    "reading": N_("reading"),
    "bedtime": N_("bedtime"),
}


def routine_name(routine: str) -> str:
    """A routine id in the run's language: 'diaper_change' -> 'diaper change'."""
    words = ROUTINE_NAMES.get(routine)
    return _(words) if words else routine


#: Said in a plan when a reported feeding sign kept activities that move food
#: textures on out of it (their ``avoid_with``; docs/decisions.md): no new textures
#: until a feeding specialist has seen the child.
FEEDING_HOLD = N_(
    "Because of the feeding difficulty you noticed, this plan leaves out activities that "
    "move on to new food textures: keep to the foods and drinks your child manages "
    "safely until a feeding specialist (a speech-language therapist or an occupational "
    "therapist) advises you."
)


def feeding_hold() -> str:
    """The plan's sentence when a feeding sign kept texture activities out of it."""
    return _(FEEDING_HOLD)
