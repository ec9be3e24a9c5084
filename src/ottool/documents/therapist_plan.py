"""A therapist's plan as a family reads it: the therapist's edits applied to the chosen
activities, and one activity shown as its card (`ottool activities show`).

The rules of the edits are in :mod:`ottool.core.plan_edits`; this module adds what
needs words: the first step of a technique the therapist shows first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import msgspec

from ottool.core.activity_choice import HomePlan, PlannedActivity
from ottool.core.content import Activity, Content
from ottool.core.i18n import language
from ottool.documents.plan_document import ActivityCard, build_plan_document
from ottool.documents.wording import taught_first


def with_taught_first(activity: Activity) -> Activity:
    """A technique the therapist shows first opens its steps by saying so."""
    if not activity.taught_by_therapist:
        return activity
    line = taught_first()
    if activity.steps[:1] == (line,):
        return activity
    return msgspec.structs.replace(activity, steps=(line, *activity.steps))


def with_words(plan: HomePlan) -> HomePlan:
    """``plan`` with each technique's "your therapist shows you first" step."""
    return replace(
        plan,
        activities=tuple(
            replace(p, activity=with_taught_first(p.activity)) for p in plan.activities
        ),
    )


def activity_card(content: Content, activity: Activity) -> ActivityCard:
    """One activity as the printed plan shows it, made by the plan's own document."""
    plan = HomePlan(float(activity.min_months), 0, (PlannedActivity(activity, "chosen"),))
    card = build_plan_document(content, plan).activities[0]
    if not activity.taught_by_therapist:
        return card
    return replace(card, steps=(taught_first(), *card.steps))


def outside_age(
    content: Content, plan: HomePlan, asked: Sequence[str], child: str | None
) -> list[str]:
    """One sentence for each activity the therapist asked for (``asked``, --activity)
    that is not meant for the child's age: not in its age range, nor practicing a skill
    not reached yet whose checklist age is (docs/design.md §5). The plan keeps it: the
    therapist may choose it."""
    from ottool.core.activity_choice import fits_skill
    from ottool.core.age import months_in_words
    from ottool.core.i18n import _

    said = []
    age = months_in_words(plan.used_months)
    for p in plan.activities:
        a = p.activity
        if a.id not in asked or fits_skill(content, a, plan.used_months, p.targets):
            continue
        if child:
            message = _("'{id}' is meant for {low} to {high} months; {child} is {age}.")
        else:
            message = _("'{id}' is meant for {low} to {high} months; the child is {age}.")
        said.append(
            message.format(id=a.id, low=a.min_months, high=a.max_months, child=child, age=age)
        )
    return said


def own_words_note(written_in: str) -> str:
    """What the therapist should know about a copy in another language than the plan
    was given in: their own words (notes, "why" lines, steps) print as they wrote them."""
    from ottool.core.i18n import _

    names = {"en": _("English"), "es": _("Spanish")}

    def language_name(code: str) -> str:
        return names.get(code, code)

    return _(
        "your notes, 'why' lines and steps print as you wrote them, in {given}; the rest "
        "of this copy is in {copy}"
    ).format(given=language_name(written_in), copy=language_name(language()))
