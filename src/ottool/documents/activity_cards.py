"""The plan's activity cards and its introduction, as a family reads them: why each
activity, the skills it practices, how much, and the tracker row it gets."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from ottool.core.activity_choice import HomePlan
from ottool.core.content import Activity, Content
from ottool.core.i18n import N_, _, ngettext
from ottool.core.screening import ScreeningResult
from ottool.documents.wording import (
    answer_mark,
    dose_words,
    join_words,
    reason_words,
    routine_name,
    tracker_name,
)

#: The tracker's days, Monday first, as short as a tick-box column.
DAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
#: The content's feeding area: a sign of it that keeps activities out of a plan asks
#: for the feeding specialist's advice first (``wording.feeding_hold``).
FEEDING_AREA = "feeding"


@dataclass(frozen=True)
class ActivityCard:
    """One activity as a family reads it."""

    id: str
    name: str
    why: str
    reason: str
    practices: tuple[str, ...]  # milestone texts it practices that were not yet / sometimes
    areas: tuple[str, ...]
    dose: str
    routines: tuple[str, ...]
    materials: tuple[str, ...]
    steps: tuple[str, ...]
    safety: tuple[str, ...]  # one line each: renderers print them as bullets
    source: str
    #: Tick boxes in this activity's tracker row each week: its days a week. A daily
    #: activity has one under each day; one dosed 4 days a week has 4 boxes side by
    #: side across the week (ticked on whichever days it was done).
    tracker_boxes: int = 7
    #: The activity's name in the tracker, with its days a week when fewer than 7.
    tracker_name: str = ""


def activity_card(
    content: Content,
    activity: Activity,
    reason: str,
    targets: Sequence[str],
    answered: dict[str, str],
    personal: str | None = None,
) -> ActivityCard:
    """An activity as a family reads it; the reason names the answers it came from.

    ``activity`` is the plan's own (with a therapist's edits to its dose or steps).
    A therapist's own "why" line takes the reason's place; a card the therapist chose
    without one has no reason line (empty ``reason``).
    """
    a = activity
    found = {answered.get(t) for t in targets}
    if reason in ("not_yet", "sometimes") and found >= {"not_yet", "sometimes"}:
        reason = "not_yet_and_sometimes"
    practices = []
    for t in targets:
        text = content.milestone_by_id[t].text
        mark = answer_mark(answered.get(t, ""))
        # With both answers in one reason, each skill says which answer it came from.
        practices.append(f"{text} ({mark})" if mark and reason == "not_yet_and_sometimes" else text)
    if personal and personal.strip():
        said = personal.strip()
        # The skills it practices follow the line: a therapist's line ends as a sentence.
        if said[-1] not in ".!?…":
            said += "."
    elif reason == "chosen":
        said = ""
    else:
        said = reason_words(reason)
    days = a.days_per_week
    return ActivityCard(
        id=a.id,
        name=a.name,
        why=a.why,
        reason=said,
        practices=tuple(practices),
        areas=tuple(content.domain_by_id[d].name for d in a.domains),
        dose=dose_words(a),
        routines=tuple(routine_name(r) for r in a.routines),
        materials=a.materials,
        steps=a.steps,
        safety=a.safety,
        source=a.source,
        tracker_boxes=days,
        tracker_name=a.name if days >= len(DAYS) else tracker_name(a.name, days),
    )


def held_for_feeding(content: Content, plan: HomePlan, treated: Collection[str] = ()) -> bool:
    """Whether a reported feeding sign kept activities out of the plan (``avoid_with``);
    not one the therapist is treating (they choose the feeding steps themselves)."""
    return any(
        FEEDING_AREA in content.warning_sign_by_id[s].domains
        for s in plan.left_out_signs
        if s not in treated
    )


def plan_intro(
    content: Content,
    plan: HomePlan,
    result: ScreeningResult | None,
    therapist: str | None = None,
) -> str:
    """The reason for the plan's activities, and how to fit them into the day. Activities
    the therapist chose are said to be theirs (named when ``therapist`` is)."""
    n = len(plan.activities)
    chosen = sum(1 for p in plan.activities if p.reason == "chosen")
    by = therapist.strip() if therapist and therapist.strip() else None
    if chosen and chosen == n:
        why = (
            ngettext(
                "{n} short activity, chosen by your therapist ({therapist}).",
                "{n} short activities, chosen by your therapist ({therapist}).",
                n,
            )
            if by
            else ngettext(
                "{n} short activity, chosen by your therapist.",
                "{n} short activities, chosen by your therapist.",
                n,
            )
        ).format(n=n, therapist=by)
    elif result is not None:
        why = ngettext(
            "{n} short activity, chosen from your answers to the milestone questions.",
            "{n} short activities, chosen from your answers to the milestone questions.",
            n,
        ).format(n=n)
    elif plan.focus:
        names = join_areas([content.domain_by_id[d].name for d in plan.focus])
        why = ngettext(
            "{n} short activity, chosen to work on {areas}.",
            "{n} short activities, chosen to work on {areas}.",
            n,
        ).format(n=n, areas=names)
    else:
        why = ngettext(
            "{n} short activity, chosen for this age.",
            "{n} short activities, chosen for this age.",
            n,
        ).format(n=n)
    if chosen and chosen < n:
        why += " " + (
            ngettext(
                "Your therapist ({therapist}) added {n} of them.",
                "Your therapist ({therapist}) added {n} of them.",
                chosen,
            )
            if by
            else ngettext(
                "Your therapist added {n} of them.", "Your therapist added {n} of them.", chosen
            )
        ).format(n=chosen, therapist=by)
    how = _(
        "Fold them into things you already do every day: a few minutes, often, works "
        "better than a long session now and then."
    )
    return f"{why} {how}"


def join_areas(words: Sequence[str]) -> str:
    """'movement, hands and seeing': area names in a sentence."""
    return join_words([w.lower() for w in words])
