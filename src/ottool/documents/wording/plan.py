"""The words of the plan views and the handout: headings and labels, doses, the
tracker, daily routines, the feeding hold and the "When to call" box."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ottool.core.content import Activity
from ottool.core.i18n import N_, _, ngettext


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
    #: The screening's date, on a plan given on a later day.
    screened: str
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
    born: str
    next_check: str
    caregiver: str
    phone: str
    numbers: str  # the heading over the lines for the family's phone numbers
    questions: str  # the heading over the lines for the family's questions


def labels() -> Labels:
    """The headings and labels in the run's language."""
    return Labels(
        child=_("Child:"),
        age=_("Age:"),
        checklist=_("Checklist:"),
        date=_("Date:"),
        screened=_("Screening:"),
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
        born=_("Born:"),
        next_check=_("Next check:"),
        caregiver=_("Caregiver:"),
        phone=_("Phone:"),
        numbers=_("Phone numbers"),
        questions=_("Your questions and notes for the next visit"),
    )


def dose_words(activity: Activity) -> str:
    """How much of an activity, in words: '5 min, 3 times a day, every day'."""
    times = ngettext("once a day", "{n} times a day", activity.times_per_day)
    if activity.times_per_day == 2:
        times = _("twice a day")
    # Translators: an activity's dose: '5 min, 3 times a day, every day'.
    return _("{minutes} min, {times}, {days}").format(
        minutes=activity.minutes,
        times=times.format(n=activity.times_per_day),
        days=days_words(activity.days_per_week),
    )


def days_words(days_per_week: int) -> str:
    """How many days a week: 'every day', '4 days a week'."""
    if days_per_week == 7:
        return _("every day")
    return ngettext("{n} day a week", "{n} days a week", days_per_week).format(n=days_per_week)


def tracker_name(name: str, days_per_week: int) -> str:
    """An activity's name in the tracker with its days a week: 'Reading (4 days a week)'."""
    # Translators: an activity's name in the tick-box tracker, and its days a week.
    return _("{activity} ({days})").format(activity=name, days=days_words(days_per_week))


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


def taught_first() -> str:
    """The first step of a technique a therapist shows first (``taught_by_therapist``)."""
    return _(
        "Your therapist shows you how to do this first; do it only as they showed you, "
        "and ask them if you are unsure."
    )


# --- The handout's "When to call" box and the family's own lines ------------------

#: The box's rows, most urgent first (docs/design.md §4, "When to act"): a heading that
#: says what to do, then the signs of the age with that ``act``.
CALL_HEADINGS: dict[str, str] = {
    "emergency": N_("Call {emergency} now"),
    "today": N_("Call the doctor today"),
    "days": N_("Call the doctor within a few days"),
    "visit": N_("Bring it up at the next visit"),
}
#: After the emergency heading, when to use the number.
CALL_EMERGENCY_WHEN = N_("if this is happening:")
#: The same where the content has no emergency sign at the child's age.
CALL_EMERGENCY_ANY = N_("in an emergency.")
#: The same-day row when the age has emergency signs: the sign's own advice (a
#: feeding emergency that has passed: the doctor today).
CALL_TODAY_PASSED = N_("One of the emergency signs above happened, and it has passed.")
#: The last line of the next-visit row: a parent's own worry counts (CDC, act early).
CALL_VISIT_WORRY = N_("Anything else that worries you.")
#: The box's heading.
CALL_BOX = N_("When to call")

#: The lines for the family's phone numbers.
CONTACT_DOCTOR = N_("Child's doctor:")
CONTACT_THERAPIST = N_("Therapist:")
CONTACT_EARLY_INTERVENTION = N_("Early intervention:")

#: The child's details: born on a date, and the weeks of pregnancy when early.
BORN_EARLY = N_("{date}, at {weeks} weeks of pregnancy")
#: The next check past the last checklist: the doctor's 30-month screening.
NEXT_CHECK_VISIT_30 = N_("the developmental screening at the 30-month visit")

#: When the therapist handing the plan over is the one to ask (no "ask whether an
#: occupational therapist could help" in a plan an occupational therapist gave).
CALL_ADVICE_THERAPIST = N_(
    "If you notice any of these, contact your child's doctor soon rather than waiting "
    "for a routine visit, and tell your therapist too."
)


def call_heading(act: str, emergency: str) -> str:
    """A row's heading in the "When to call" box: 'Call 911 now'."""
    return _(CALL_HEADINGS[act]).format(emergency=emergency)


def child_with_id(name: str | None, child_id: str | None) -> str | None:
    """The child as the details print them: the name, and beside it the clinic's id
    for the child when one was given ('Leo (id MRN-20417)')."""
    if not child_id:
        return name
    if not name:
        return _("id {id}").format(id=child_id)
    # Translators: a child's name and the clinic's own id for the child (a chart number).
    return _("{name} (id {id})").format(name=name, id=child_id)
