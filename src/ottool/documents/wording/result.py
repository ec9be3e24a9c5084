"""What ottool says about a result: status words, next steps, the disclaimer, advice.

One place for this wording so the terminal, the printed plans and the saved
history all say the same thing. Calm and concrete; never a diagnosis.

Every sentence is written here once, in English, and read in the run's language
through the catalog (:mod:`ottool.core.i18n`). Constants are only marked with ``N_()``:
the language is chosen after import, so they are translated where they are used,
by the functions below (``disclaimer()``, ``overall_advice("discuss")``, ...).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ottool.core.content import Content
from ottool.core.content.models import EMERGENCY_SLOT, Region
from ottool.core.i18n import DEFAULT_LANGUAGE, N_, _, format_date, language, ngettext, speaking
from ottool.core.vocabulary import Act, Answer, Overall, Routine, Status

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
    "incomplete": ("?", N_("Not enough answers to tell")),
    "discuss": ("!", N_("Talk with your child's doctor or an occupational therapist")),
    "urgent": ("!!", N_("Contact your child's doctor soon")),
}

#: The overall step in a few words, for tables (history lists, progress views).
OVERALL_SHORT: dict[Overall, tuple[str, str]] = {
    "on_track": ("✓", N_("On track")),
    "monitor": ("◐", N_("Keep practicing")),
    "incomplete": ("?", N_("Not enough answers")),
    "discuss": ("!", N_("Talk to a professional")),
    "urgent": ("!!", N_("Call the doctor soon")),
}

#: The headline of a result: its one time frame (``act``, docs/design.md §4). Every box,
#: printed "Next step" and table says the same, and no sign under it asks for more
#: haste. ``recheck`` after an ``incomplete`` result says so instead (see act_label).
ACT_LABELS: dict[Act, tuple[str, str]] = {
    "emergency": ("!!", N_("Emergency: call {emergency} if it is happening now")),
    "today": ("!!", N_("Contact your child's doctor today")),
    "days": ("!!", N_("Contact your child's doctor within the next few days")),
    "visit": ("!", N_("Talk with your child's doctor at the next visit")),
    "recheck": ("◐", N_("Keep practicing and check again")),
    "next_check": ("✓", N_("On track")),
}

#: What to do, under each ``act``: said once, whatever led to it.
ACT_ADVICE: dict[Act, str] = {
    "emergency": N_("Then bring this summary when you see your child's doctor."),
    "today": N_("Do not wait for a routine visit; bring this summary with you."),
    "days": N_("Do not wait for a routine visit; bring this summary with you."),
    "visit": N_(
        "Bring this summary to your child's next visit, or book one if it is a while away, "
        "and ask about developmental screening."
    ),
    "recheck": N_(
        "Some skills are still coming along, or some answers were 'not sure'. That is "
        "common. Try the activities below for a few weeks, watch for the skills, and "
        "check again in about four weeks. If you are worried at any time, talk with your "
        "child's doctor."
    ),
    "next_check": N_(
        "Your child is doing the things most children do by this age. Keep playing "
        "together every day."
    ),
}

#: ``incomplete``: said plainly that the check could not tell, and how to find out.
INCOMPLETE_ADVICE = N_(
    "Most questions were answered 'not sure' or left out, so this check cannot tell how "
    "your child is doing. Over the next few days, watch for the skills the questions "
    "describe, then answer them again; or go through them with your child's doctor. The "
    "activities below suit your child's age."
)

#: Near the oldest age the checklists serve (the next check would be past it): the
#: doctor's 30-month developmental screening takes over (AAP schedule).
PAST_CHECKLISTS = N_(
    "Some skills are still coming along. Try the activities below and watch for the "
    "skills. ottool's checklists end here, so ask your child's doctor for the "
    "developmental screening at the 30-month visit. If you are worried at any time, "
    "talk with your child's doctor."
)

#: The first line of an emergency box, with the region's number (or the neutral words).
EMERGENCY_CALL = N_("If it is happening now, call {emergency}.")
#: The emergency number where the region is not known: in the box with examples, in
#: the headline without (it must stay short).
NEUTRAL_EMERGENCY = N_("your local emergency number (such as 112 or 911)")
NEUTRAL_EMERGENCY_SHORT = N_("your local emergency number")

#: When the parent's written concern is what makes the result worth talking about.
CONCERN_COUNTS = N_(
    "You wrote down a worry: that alone is reason enough to talk with your child's doctor."
)

#: Only after a missed milestone with no sign, lost skill or missing speech at 18 to 24
#: months (never after those: they are checked now, not waited on).
CATCH_UP = N_("Many children catch up with practice and support, and early help makes that easier.")

#: Whom to ask about: the referrals in words (the doctor and early intervention have
#: sentences of their own).
ASK_ABOUT = N_("Ask about {referrals}.")
#: The same, now (a lost skill, or missing words or gestures at 18 to 24 months).
ASK_ABOUT_NOW = N_("Ask about these now, not at a later visit: {referrals}.")

#: Early intervention where the region is not known (the region's own words otherwise).
EARLY_INTERVENTION = N_(
    "You can also ask your child's doctor or health centre about early intervention "
    "for babies and toddlers."
)

#: For a baby born before 37 weeks, on every result.
PRETERM = N_(
    "Babies born early often have follow-up visits for their development: ask your "
    "child's doctor about preterm follow-up, and whether early intervention applies."
)

#: The next check, in words (docs/design.md §10).
NEXT_CHECK_RECHECK = N_("Check again around {date}.")
NEXT_CHECK_CHECKLIST = N_("Next check: {date}, with the {months}-month milestones.")
NEXT_CHECK_SCREENING = N_("Next check: the developmental screening at your child's 30-month visit.")

#: Said once in any plan where a chosen activity fits into the bath (its routines
#: list the id "bath", in every language): bath play is seated play, where parents
#: reach for a bath seat.
BATH_ROUTINE: Routine = "bath"
BATH_SAFETY = N_(
    "In the bath: keep a hand on your baby and never turn away, keep the water shallow, "
    "and do not use a bath seat, as seats can tip over."
)
#: The same for a toddler (15 months and older): a hand on them no longer fits, the
#: touch supervision does (within arm's reach), and bath seats are for babies.
BATH_SAFETY_TODDLER = N_(
    "In the bath: stay within arm's reach of your child and never turn away, even for "
    "a moment, and keep the water shallow."
)
#: From this age (months, age used) the plan's shared lines speak of a toddler.
TODDLER_MONTHS = 15
#: A source's title, cited as published (not translated).
BATH_SAFETY_SOURCE = "AAP HealthyChildren.org: Bath Seats: Avoid Use"

DISCLAIMER = N_(
    "ottool is a milestone check based on public checklists, such as the CDC's "
    "'Learn the Signs. Act Early.' milestones (2022). It helps you decide whether to "
    "talk to a professional. It is not a diagnosis and not a validated screening test; "
    "your child's doctor uses those (the AAP recommends developmental screening at the "
    "9-, 18- and 30-month visits and autism screening at 18 and 24 months)."
)

#: Said in Spanish results and plans (ASHA): families who speak two languages at home
#: are often told, wrongly, that it slows speech down.
TWO_LANGUAGES = N_("Growing up with two languages does not cause speech or language delays (ASHA).")

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
    # "domain" for an area answered too little to tell (docs/design.md §5 still counts it
    # as not on track): the card does not say it needs attention.
    "domain_unsure": N_("For an area the answers could not tell about yet."),
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
    "occupational or physical therapist could help."
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


#: A warning sign seen (True) or not (False), as a yes-or-no answer.
SIGN_LABELS: dict[bool, str] = {True: N_("Yes"), False: N_("No")}


def sign_words(lang: str | None = None) -> dict[bool, str]:
    """A warning sign seen or not, in ``lang`` (default: the run's language)."""
    with speaking(lang or language()):
        return {seen: _(words) for seen, words in SIGN_LABELS.items()}


def status_label(status: Status) -> tuple[str, str]:
    """An area's status as (symbol, words)."""
    symbol, words = STATUS_LABELS[status]
    return symbol, _(words)


def status_words(status: Status) -> str:
    """An area's status as one label: '✓ On track'."""
    return " ".join(status_label(status))


def overall_label(overall: Overall) -> tuple[str, str]:
    """The overall step as (symbol, words)."""
    symbol, words = OVERALL_LABELS[overall]
    return symbol, _(words)


def overall_words(overall: Overall) -> str:
    """The overall next step as one label: '!! Contact your child's doctor soon'."""
    return " ".join(overall_label(overall))


def overall_short(overall: Overall) -> str:
    """The overall step in a few words, for tables: '!! Call the doctor soon'."""
    symbol, words = OVERALL_SHORT[overall]
    return f"{symbol} {_(words)}"


def disclaimer() -> str:
    """What ottool is and is not, and the doctor's screening schedule; on every result
    and every printed plan (in any language but English, with the two-languages sentence:
    a family reading it in another language may well be raising a child in two)."""
    text = _(DISCLAIMER)
    if language() != DEFAULT_LANGUAGE:
        text += " " + _(TWO_LANGUAGES)
    return text


def cdc_attribution() -> str:
    return _(CDC_ATTRIBUTION)


def bath_safety(months: float = 0) -> str:
    """The plan's one bath line, for a baby or (from ``TODDLER_MONTHS``) a toddler."""
    return _(BATH_SAFETY_TODDLER if months >= TODDLER_MONTHS else BATH_SAFETY)


def call_advice(content: Content | None = None, region: str | None = None) -> str:
    """Under "When to call": what to do about any listed sign, and early intervention
    in the region's words."""
    return _(CALL_ADVICE) + " " + early_intervention(content, region)


def _region(content: Content | None, region: str | None) -> Region | None:
    if content is None or region is None:
        return None
    return content.region_by_id.get(region)


def emergency_number(content: Content | None, region: str | None, *, short: bool = False) -> str:
    """The region's emergency number, or the neutral words naming 112 and 911 (without
    the examples when ``short``, for a headline)."""
    found = _region(content, region)
    if found:
        return found.emergency
    return _(NEUTRAL_EMERGENCY_SHORT if short else NEUTRAL_EMERGENCY)


def with_emergency(text: str, number: str) -> str:
    """A sign's advice with the emergency number in its ``{emergency}`` slot."""
    return text.replace(EMERGENCY_SLOT, number)


def early_intervention(content: Content | None, region: str | None) -> str:
    """How to reach early intervention: the region's words, or the neutral sentence."""
    found = _region(content, region)
    if not found:
        return _(EARLY_INTERVENTION)
    # The content writes a region's route as words to follow a colon; said on its own
    # it is a sentence.
    words = found.early_intervention.strip()
    words = words[:1].upper() + words[1:]
    return words if words.endswith((".", "!", "?")) else words + "."


def act_label(act: Act, overall: Overall, emergency: str = "") -> tuple[str, str]:
    """A result's headline as (symbol, words): its ``act``; an ``incomplete`` result
    says it could not tell. ``emergency`` is the number an emergency headline names."""
    if act == "recheck" and overall == "incomplete":
        symbol, words = OVERALL_LABELS["incomplete"]
        return symbol, _(words)
    symbol, words = ACT_LABELS[act]
    return symbol, _(words).format(emergency=emergency)


def act_short(act: Act, overall: Overall) -> str:
    """The headline for tables: '!! Contact your child's doctor within the next few days'."""
    symbol, words = act_label(act, overall, _(NEUTRAL_EMERGENCY_SHORT))
    return f"{symbol} {words}"


def referral_names(content: Content, referrals: tuple[str, ...]) -> list[str]:
    """The referrals in words, leaving out the doctor and early intervention (they
    have sentences of their own) and kinds the content does not name."""
    return [
        content.referral_by_id[r].name
        for r in referrals
        if r not in ("doctor", "early_intervention") and r in content.referral_by_id
    ]


def join_words(words: Sequence[str]) -> str:
    """'a, b and c': words in a sentence."""
    if len(words) <= 1:
        return "".join(words)
    return _("{items} and {last}").format(items=", ".join(words[:-1]), last=words[-1])


@dataclass(frozen=True)
class Decision:
    """What a result decided, as its advice is built from it (see :func:`result_advice`)."""

    act: Act
    overall: Overall
    referrals: tuple[str, ...] = ()
    region: str | None = None
    #: Advice of reported emergency signs, which opens an emergency box.
    emergency_advice: tuple[str, ...] = ()
    #: The parent's concern is what makes the result worth talking about.
    concern_only: bool = False
    #: A lost skill or missing speech at 18 to 24 months: no "catch up", ask now.
    speech: bool = False
    #: Any sign reported.
    signs: bool = False
    preterm: bool = False
    #: The next check would fall past the checklists: the 30-month screening instead.
    past_checklists: bool = False


def result_advice(content: Content, decision: Decision) -> str:
    """The box under a result's headline: each piece of advice once, in this order:
    the emergency (call now, the sign's own words), what the ``act`` asks, why a
    concern counts, whom to ask about, early intervention, preterm follow-up."""
    d = decision
    parts: list[str] = []
    if d.act == "emergency":
        number = emergency_number(content, d.region)
        advice = [with_emergency(a, number) for a in d.emergency_advice]
        # The sign's own words say whom to call when they name the number.
        if not any(number in a for a in advice):
            parts.append(_(EMERGENCY_CALL).format(emergency=number))
        parts += advice
    if d.act == "recheck" and d.overall == "incomplete":
        parts.append(_(INCOMPLETE_ADVICE))
    elif d.act == "recheck" and d.past_checklists:
        parts.append(_(PAST_CHECKLISTS))
    else:
        parts.append(_(ACT_ADVICE[d.act]))
    if d.concern_only:
        parts.append(_(CONCERN_COUNTS))
    elif d.act == "visit" and not (d.signs or d.speech):
        parts.append(_(CATCH_UP))
    # The next-visit advice already asks about developmental screening: said once.
    asked = ("developmental_screening",) if d.act == "visit" else ()
    names = referral_names(content, tuple(r for r in d.referrals if r not in asked))
    if names:
        ask = ASK_ABOUT_NOW if d.speech else ASK_ABOUT
        parts.append(_(ask).format(referrals=join_words(names)))
    # An emergency box ends with what to do now, not with a referral.
    if "early_intervention" in d.referrals and d.act != "emergency":
        parts.append(early_intervention(content, d.region))
    if d.preterm:
        parts.append(_(PRETERM))
    return " ".join(p for p in parts if p)


def next_check_words(why: str, when: dt.date, months: int | None, *, past: bool) -> str:
    """The next check in a sentence (docs/design.md §10); none when it is now (the headline
    already says to talk with the doctor)."""
    if why == "now":
        return ""
    if past or months is None:
        return _(NEXT_CHECK_SCREENING)
    if why == "recheck":
        return _(NEXT_CHECK_RECHECK).format(date=format_date(when))
    return _(NEXT_CHECK_CHECKLIST).format(date=format_date(when), months=months)


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
    return (
        ngettext(
            "Not counted: {n} answer was about milestones or signs of a later age ({ids}). "
            "Your child's age goes with the {months}-month milestones, so only those (and "
            "any earlier ones you answered) count.",
            "Not counted: {n} answers were about milestones or signs of a later age ({ids}). "
            "Your child's age goes with the {months}-month milestones, so only those (and "
            "any earlier ones you answered) count.",
            len(ids),
        ).format(n=len(ids), ids=", ".join(ids), months=checklist_months)
        + " "
        + _(
            "The {months}-month questions can be printed with `ottool checklist --age-months "
            "{months}`, or answered in `ottool screen`."
        ).format(months=checklist_months)
    )
