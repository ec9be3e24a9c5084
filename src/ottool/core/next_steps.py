"""A result's next steps (docs/design.md §4, "When to act" and "Who to see"): its one
``act``, and the referral kinds it names. Pure functions of the content and what was
answered, called by :func:`ottool.core.screening.decide`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ottool.core.vocabulary import ANSWERS, REFERRAL_KINDS, Act, Overall, most_urgent

if TYPE_CHECKING:
    from ottool.core.age import ChecklistChoice
    from ottool.core.content import Content, WarningSign
    from ottool.core.screening import DomainResult

#: Referral kinds for a lost skill, or missing words, pointing or gestures at 18 to 24
#: months: the speech-language therapist, a hearing test, developmental and autism
#: screening now (AAP: autism screening at 18 and 24 months), and early intervention.
SPEECH_REFERRALS: tuple[str, ...] = (
    "speech_therapy",
    "hearing_test",
    "developmental_screening",
    "autism_screening",
    "early_intervention",
)
#: The checklists (months) at which a communication or social "not yet" is missing
#: words, pointing or gestures, and the areas they are in.
SPEECH_CHECKLISTS = range(18, 25)
SPEECH_DOMAINS = frozenset({"communication", "social_emotional"})
#: Referral kinds in the order they are named when the content lists none.
REFERRAL_ORDER = REFERRAL_KINDS
#: The content's sign for a lost skill.
LOST_SKILLS = "ws-lost-skills"

#: The time frame each overall step asks for at least (docs/design.md §4, "When to act").
OVERALL_ACT: dict[Overall, Act] = {
    "urgent": "days",
    "discuss": "visit",
    "incomplete": "recheck",
    "monitor": "recheck",
    "on_track": "next_check",
}


def many_areas_discuss(domains: tuple[DomainResult, ...]) -> bool:
    """Half or more of the areas asked about are ``discuss`` (and at least two are): a
    child behind in many areas at once is seen within days, not at the next visit."""
    asked = [d for d in domains if d.status == "discuss" or any(_answers_of(d))]
    discuss = sum(1 for d in asked if d.status == "discuss")
    return discuss >= 2 and discuss * 2 >= len(asked)


def _answers_of(d: DomainResult) -> Iterable[str]:
    return (mid for answer in ANSWERS for mid in getattr(d, answer))


def result_act(
    overall: Overall,
    domains: tuple[DomainResult, ...],
    reported: tuple[WarningSign, ...],
    *,
    speech: bool = False,
) -> Act:
    """The result's one ``act``: the most urgent of its overall step, every reported
    sign's own ``act``, and ``days`` when half or more of the areas are ``discuss`` or
    for a lost skill or missing speech at 18 to 24 months (``speech``: checked now,
    not at the next routine visit)."""
    acts: list[Act] = [OVERALL_ACT[overall], *(w.act for w in reported)]
    if many_areas_discuss(domains) or (speech and overall in ("discuss", "urgent")):
        acts.append("days")
    return most_urgent(acts)


def speech_concern(
    content: Content,
    checklist: ChecklistChoice,
    domains: tuple[DomainResult, ...],
    reported: tuple[WarningSign, ...],
) -> bool:
    """A lost skill, or missing words, pointing or gestures at 18 to 24 months.

    Such a result names the speech-language therapist, a hearing test and
    developmental and autism screening now, and never says "many children catch up".
    """
    if any(w.id == LOST_SKILLS for w in reported):
        return True
    if checklist.months not in SPEECH_CHECKLISTS:
        return False
    return any(
        content.milestone_by_id[mid].normed
        for d in domains
        if d.id in SPEECH_DOMAINS
        for mid in d.not_yet
        if mid in content.milestone_by_id
    )


def referrals_for(
    content: Content,
    checklist: ChecklistChoice,
    domains: tuple[DomainResult, ...],
    reported: tuple[WarningSign, ...],
    overall: Overall,
) -> tuple[str, ...]:
    """Whom a result worth talking about names (docs/design.md §4, "Who to see").

    The child's doctor and early intervention whenever the result says to talk with
    someone (the CDC's act-early message); then what each reported sign, each area
    ``discuss`` through its own counted "not yet" answers and each such milestone lists
    in ``refer``; and
    :data:`SPEECH_REFERRALS` for a lost skill or missing speech at 18 to 24 months.
    In the content's order of referral kinds.
    """
    if overall not in ("discuss", "urgent"):
        return ()
    kinds: list[str] = ["doctor", "early_intervention"]
    for w in reported:
        kinds += w.refer
    for d in domains:
        if d.status != "discuss":
            continue
        # An area marked only because a reported sign names it (a lost skill names
        # every area) takes the sign's referrals, not the area's own.
        counted = False
        for mid in d.not_yet:
            m = content.milestone_by_id.get(mid)
            early = checklist.early and m is not None and m.months == checklist.months
            if m is not None and m.normed and not early:
                kinds += m.refer
                counted = True
        if counted and d.id in content.domain_by_id:
            kinds += content.domain_by_id[d.id].refer
    if speech_concern(content, checklist, domains, reported):
        kinds += SPEECH_REFERRALS
    order = [r.id for r in content.referrals] or list(REFERRAL_ORDER)
    wanted = set(kinds)
    known = [k for k in order if k in wanted]
    return (*known, *sorted(wanted - set(known)))
