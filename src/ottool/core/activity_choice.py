"""Choosing home activities (docs/design.md §5, the rules in order in docs/architecture.md),
for `ottool screen` and `ottool plan` alike."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ottool.core.age import check_age_served, checklist_for
from ottool.core.content import Activity, Content
from ottool.core.errors import InputError, did_you_mean
from ottool.core.screening import ANSWERS, ScreeningResult, domain_status_without
from ottool.core.vocabulary import Reason

DEFAULT_MAX_ACTIVITIES = 4
#: At most this many activities share one area while activities for other areas wait.
PER_DOMAIN = 2


@dataclass(frozen=True, slots=True)
class PlannedActivity:
    """An activity in a plan, why it was chosen, and the milestones it practices."""

    activity: Activity
    reason: Reason
    targets: tuple[str, ...] = ()  # milestones answered not yet or sometimes that it practices


@dataclass(frozen=True)
class HomePlan:
    """The activities chosen for one child at one age."""

    used_months: float
    checklist_months: int
    activities: tuple[PlannedActivity, ...]
    focus: tuple[str, ...] = ()  # the areas the plan was asked to focus on
    #: Activities of the age left out because a reported sign is in their
    #: ``avoid_with`` (no lumpier food with a feeding sign), with those signs' ids.
    left_out: tuple[LeftOut, ...] = ()

    @property
    def left_out_signs(self) -> tuple[str, ...]:
        """The reported signs that kept activities out, in the order first met."""
        return tuple(dict.fromkeys(s for lo in self.left_out for s in lo.signs))


@dataclass(frozen=True, slots=True)
class LeftOut:
    """An activity kept out of a plan by reported warning signs (its ``avoid_with``)."""

    activity: Activity
    signs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Candidate:
    activity: Activity
    reason: Reason
    rank: tuple[int, ...]
    targets: tuple[str, ...] = ()


#: Reasons that only fill a plan: an activity held back by the per-area cap for any
#: other reason still comes before them (docs/design.md §5).
FILLER: frozenset[Reason] = frozenset({"next", "age"})


def plan_for_result(
    content: Content,
    result: ScreeningResult,
    max_activities: int = DEFAULT_MAX_ACTIVITIES,
    *,
    focus: Sequence[str] = (),
    activity_ids: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> HomePlan:
    """The home plan for a scored screening (the rules: docs/architecture.md).

    A therapist's choices go on top (docs/design.md §11): ``activity_ids`` come first,
    whatever the screening says, and count towards ``max_activities``; the screening's
    own picks fill the places left, only from the ``focus`` areas when any are given,
    and never one of ``exclude`` (dropped by the therapist).
    """
    _check_known(focus, content.domain_by_id, "area")
    _check_known(activity_ids, content.activity_by_id, "activity")
    _check_known(exclude, content.activity_by_id, "activity")
    picked = [content.activity_by_id[i] for i in dict.fromkeys(activity_ids)]
    months = result.age.used_months
    not_reached = set(result.milestones_answered("not_yet")) | set(
        result.milestones_answered("sometimes")
    )
    # A "not yet" or "sometimes" on a milestone with a check reports its sign: the
    # check (a hearing test, a feeding review) is the answer, not practice.
    checked = frozenset(m for m in not_reached if content.milestone_by_id[m].check is not None)
    not_yet = set(result.milestones_answered("not_yet")) - checked
    sometimes = set(result.milestones_answered("sometimes")) - checked
    reported = {w.id for w in result.warning_signs}
    # Too little answered to tell: the plan is for the age, not for "an area that needs
    # attention" (nothing says one does).
    incomplete = result.overall == "incomplete"
    needs_attention = set() if incomplete else _needs_attention(content, result, checked)
    current = {m.id for m in content.checklist(result.checklist.months)}
    upcoming = _next_checklist_ids(content, result.checklist.months)
    candidates = []
    left_out = []
    for a in content.activities:
        if a in picked or a.id in exclude or not chosen_by_rules(a):
            continue
        if focus and not set(focus).intersection(a.domains):
            continue
        targets = tuple(t for t in a.targets if t in not_yet or t in sometimes)
        if not fits_skill(content, a, months, targets):
            continue
        if not_reached.intersection(a.requires):
            continue  # builds on a skill not reached yet: no stairs before walking
        signs = tuple(s for s in a.avoid_with if s in reported)
        if signs:
            left_out.append(LeftOut(a, signs))
            continue
        n_not_yet = sum(1 for t in targets if t in not_yet)
        n_sometimes = len(targets) - n_not_yet
        if n_not_yet:
            candidates.append(_Candidate(a, "not_yet", (0, -n_not_yet, -n_sometimes), targets))
        elif n_sometimes:
            candidates.append(_Candidate(a, "sometimes", (1, -n_sometimes), targets))
        elif needs_attention.intersection(a.domains):
            candidates.append(_Candidate(a, "domain", (2,)))
        elif incomplete:
            # This age's skills first: nothing tells what the child does yet.
            candidates.append(_Candidate(a, "age", (3 if current.intersection(a.targets) else 4,)))
        elif upcoming.intersection(a.targets):
            candidates.append(_Candidate(a, "next", (3,)))
        else:
            candidates.append(_Candidate(a, "age", (4,)))
    first = [_picked(content, a, not_yet | sometimes) for a in picked]
    room = max(0, max_activities - len(first))
    chosen = (*first, *_choose(candidates, room, already=picked))
    return HomePlan(months, result.checklist.months, chosen, tuple(focus), left_out=tuple(left_out))


def chosen_by_rules(activity: Activity) -> bool:
    """Whether the rules may choose this activity on their own: a technique a therapist
    shows first (``taught_by_therapist``) comes only when a therapist picks it."""
    return not activity.taught_by_therapist


def _picked(content: Content, activity: Activity, not_reached: set[str]) -> PlannedActivity:
    """A therapist's pick; it names the skills it practices that were not reached."""
    return PlannedActivity(
        activity, "chosen", tuple(t for t in activity.targets if t in not_reached)
    )


def fits_skill(content: Content, a: Activity, months: float, targets: tuple[str, ...]) -> bool:
    """In range by age, or by a skill not reached yet whose checklist age is in range.

    An 18-month-old who is not taking steps yet still gets cruising practice.
    """
    return a.fits_age(months) or any(
        a.min_months <= content.milestone_by_id[t].months <= a.max_months for t in targets
    )


def plan_for_focus(
    content: Content,
    months: float,
    *,
    focus: Sequence[str] = (),
    activity_ids: Sequence[str] = (),
    max_activities: int = DEFAULT_MAX_ACTIVITIES,
    exclude: Sequence[str] = (),
) -> HomePlan:
    """A therapist's plan for an age, focus areas and hand-picked activities.

    Hand-picked activities are always included (even beyond ``max_activities`` or
    outside their age range: the therapist decides). Then activities of the focus
    areas that practice this age's or the next checklist's milestones, then the
    rest of the focus areas; with no focus, every area. Never one of ``exclude``.
    """
    check_age_served(months, content.max_months)
    _check_known(focus, content.domain_by_id, "area")
    _check_known(activity_ids, content.activity_by_id, "activity")
    _check_known(exclude, content.activity_by_id, "activity")
    checklist = checklist_for(months, content.checklists)
    current = {m.id for m in content.checklist(checklist.months)}
    upcoming = _next_checklist_ids(content, checklist.months)
    picked = [content.activity_by_id[i] for i in dict.fromkeys(activity_ids)]
    candidates = []
    for a in content.activities:
        if a in picked or a.id in exclude or not chosen_by_rules(a) or not a.fits_age(months):
            continue
        in_focus = not focus or bool(set(focus).intersection(a.domains))
        if not in_focus:
            continue
        practices = bool((current | upcoming).intersection(a.targets))
        reason: Reason = "focus" if focus else ("next" if practices else "age")
        candidates.append(_Candidate(a, reason, (0 if practices else 1,)))
    chosen = [PlannedActivity(a, "chosen") for a in picked]
    room = max(0, max_activities - len(chosen))
    chosen += _choose(candidates, room, already=[p.activity for p in chosen])
    return HomePlan(months, checklist.months, tuple(chosen), tuple(focus))


def _needs_attention(
    content: Content, result: ScreeningResult, checked: frozenset[str]
) -> set[str]:
    """Areas not on track by their answers, leaving out answers that asked for a check.

    The status is worked out from the answers alone: a reported sign (and the answer
    that reported it through ``check``) asks for a check or a visit, not for practice;
    an area whose only answers were such checks needs no practice either.
    """
    areas = set()
    for d in result.domains:
        if d.status == "on_track":
            continue
        answered = {m for a in ANSWERS for m in getattr(d, a)}
        if answered and answered <= checked:
            continue
        if domain_status_without(content, result, d.id, checked) != "on_track":
            areas.add(d.id)
    return areas


def _next_checklist_ids(content: Content, months: int) -> set[str]:
    later = [m for m in content.checklists if m > months]
    return {m.id for m in content.checklist(min(later))} if later else set()


def _choose(
    candidates: list[_Candidate], limit: int, already: Iterable[Activity] = ()
) -> tuple[PlannedActivity, ...]:
    """Best-ranked first (ties keep content order), at most ``limit``.

    At most PER_DOMAIN activities share an area while others wait; an activity held
    back by that cap still comes before any filler ("next" or "age").
    """
    ranked = sorted(candidates, key=lambda c: c.rank)
    per_domain: dict[str, int] = {}
    for a in already:
        for d in a.domains:
            per_domain[d] = per_domain.get(d, 0) + 1
    chosen: list[_Candidate] = []

    def capped(group: list[_Candidate]) -> list[_Candidate]:
        """Chooses from ``group`` under the cap; returns those it held back."""
        waiting = []
        for c in group:
            if len(chosen) >= limit:
                break
            if any(per_domain.get(d, 0) >= PER_DOMAIN for d in c.activity.domains):
                waiting.append(c)
                continue
            chosen.append(c)
            for d in c.activity.domains:
                per_domain[d] = per_domain.get(d, 0) + 1
        return waiting

    for group in (
        [c for c in ranked if c.reason not in FILLER],
        [c for c in ranked if c.reason in FILLER],
    ):
        # Nobody else of this group is waiting: fill the places left in rank order.
        for c in capped(group):
            if len(chosen) >= limit:
                break
            chosen.append(c)
            for d in c.activity.domains:
                per_domain[d] = per_domain.get(d, 0) + 1
    chosen.sort(key=lambda c: ranked.index(c))
    return tuple(PlannedActivity(c.activity, c.reason, c.targets) for c in chosen)


def _check_known(ids: Sequence[str], known: Mapping[str, object], what: str) -> None:
    for i in ids:
        if i not in known:
            raise InputError(
                f"'{i}' is not a known {what}{did_you_mean(i, known)} "
                f"(see `ottool {'activities' if what == 'activity' else 'milestones'}`)"
            )
