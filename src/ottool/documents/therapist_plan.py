"""A therapist's plan as a family reads it: the therapist's edits applied to the chosen
activities, and one activity shown as its card (`ottool activities show`).

The rules of the edits are in :mod:`ottool.core.plan_edits`; this module adds what
needs words: the first step of a technique the therapist shows first.
"""

from __future__ import annotations

from dataclasses import replace

import msgspec

from ottool.core.activity_choice import HomePlan, PlannedActivity
from ottool.core.content import Activity, Content
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
