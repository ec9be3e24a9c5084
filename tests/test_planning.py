"""Choosing home activities (docs/design.md §5): age range, ranking, limits, focus plans."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURE_DIR, activity, make_content, milestone
from ottool.core.activity_choice import (
    FILLER,
    PER_DOMAIN,
    HomePlan,
    plan_for_focus,
    plan_for_result,
)
from ottool.core.content import Activity, Content, load_content
from ottool.core.errors import InputError
from ottool.core.screening import ANSWERS, Answer, Answers, Child, ScreeningResult, score
from properties import examples

CONTENT = load_content(FIXTURE_DIR)
TODAY = dt.date(2026, 11, 1)
BIRTH = dt.date(2025, 1, 1)
AT_4M = 130  # 4 months 10 days, full term
AT_6M = 200  # 6.57 months
CATEGORY = {"not_yet": 0, "sometimes": 1, "domain": 2, "next": 3, "age": 4}


def screen(
    content: Content, days: int, answers: Mapping[str, Answer], weeks: int = 40
) -> ScreeningResult:
    return score(
        content,
        Answers(Child(BIRTH, weeks), BIRTH + dt.timedelta(days=days), dict(answers)),
        today=TODAY,
    )


def ids(plan: HomePlan) -> list[str]:
    return [p.activity.id for p in plan.activities]


# --- a content set built to show each ranking step ---------------------------------

RANKING = make_content(
    ["a", "b", "c", "d", "e"],
    [
        milestone("a-4m-1", 4, "a"),
        milestone("a-4m-2", 4, "a"),
        milestone("b-4m-1", 4, "b"),
        milestone("c-4m-1", 4, "c"),
        milestone("d-4m-1", 4, "d"),
        milestone("e-4m-1", 4, "e"),
        milestone("e-6m-1", 6, "e"),
    ],
    [
        # Listed worst-first so that content order alone would give the wrong plan.
        activity("age-only", ["d"]),
        activity("next-e", ["e"], ["e-6m-1"]),
        activity("area-c", ["c"]),
        activity("some-b", ["b"], ["b-4m-1"]),
        activity("one-a", ["a"], ["a-4m-1", "d-4m-1"]),
        activity("two-a", ["a"], ["a-4m-1", "a-4m-2"]),
    ],
)
RANKING_ANSWERS: dict[str, Answer] = {
    "a-4m-1": "not_yet",
    "a-4m-2": "not_yet",
    "b-4m-1": "sometimes",
    "c-4m-1": "unsure",  # c is incomplete: not on track
    "d-4m-1": "yes",
    "e-4m-1": "yes",
}


def test_ranking_follows_each_step_of_the_design() -> None:
    result = screen(RANKING, AT_4M, RANKING_ANSWERS)
    plan = plan_for_result(RANKING, result, max_activities=6)
    assert ids(plan) == ["two-a", "one-a", "some-b", "area-c", "next-e", "age-only"]
    assert [p.reason for p in plan.activities] == [
        "not_yet",
        "not_yet",
        "sometimes",
        "domain",
        "next",
        "age",
    ]
    targets = {p.activity.id: p.targets for p in plan.activities}
    assert targets["two-a"] == ("a-4m-1", "a-4m-2")
    assert targets["one-a"] == ("a-4m-1",)  # d-4m-1 was answered yes: not listed
    assert targets["some-b"] == ("b-4m-1",)
    assert targets["area-c"] == targets["next-e"] == targets["age-only"] == ()
    assert plan.checklist_months == 4
    assert plan.used_months == pytest.approx(4 + 10 / 31)  # 4 months 10 days, of May


def test_max_activities_keeps_the_best_ranked() -> None:
    result = screen(RANKING, AT_4M, RANKING_ANSWERS)
    assert ids(plan_for_result(RANKING, result, max_activities=3)) == ["two-a", "one-a", "some-b"]
    assert ids(plan_for_result(RANKING, result, max_activities=1)) == ["two-a"]
    assert len(plan_for_result(RANKING, result).activities) == 4  # the default


def test_not_yet_targets_rank_before_sometimes_targets() -> None:
    content = make_content(
        ["a", "b"],
        [milestone("a-4m-1", 4, "a"), milestone("b-4m-1", 4, "b"), milestone("b-4m-2", 4, "b")],
        [
            activity("two-sometimes", ["b"], ["b-4m-1", "b-4m-2"]),
            activity("one-not-yet", ["a"], ["a-4m-1"]),
        ],
    )
    answers: dict[str, Answer] = {"a-4m-1": "not_yet", "b-4m-1": "sometimes", "b-4m-2": "sometimes"}
    plan = plan_for_result(content, screen(content, AT_4M, answers))
    assert ids(plan) == ["one-not-yet", "two-sometimes"]


def test_not_yet_and_sometimes_targets_together_rank_above_not_yet_alone() -> None:
    content = make_content(
        ["a"],
        [milestone("a-4m-1", 4, "a"), milestone("a-4m-2", 4, "a")],
        [activity("one", ["a"], ["a-4m-1"]), activity("both", ["a"], ["a-4m-1", "a-4m-2"])],
    )
    plan = plan_for_result(
        content, screen(content, AT_4M, {"a-4m-1": "not_yet", "a-4m-2": "sometimes"})
    )
    assert ids(plan) == ["both", "one"]
    assert plan.activities[0].targets == ("a-4m-1", "a-4m-2")


def test_ties_keep_content_order() -> None:
    content = make_content(
        ["a", "b"],
        [milestone("a-4m-1", 4, "a"), milestone("b-4m-1", 4, "b")],
        [
            activity("z-first", ["a"], ["a-4m-1"]),
            activity("m-second", ["b"], ["b-4m-1"]),
            activity("a-third", ["a"], ["a-4m-1"]),
        ],
    )
    plan = plan_for_result(
        content, screen(content, AT_4M, {"a-4m-1": "not_yet", "b-4m-1": "not_yet"})
    )
    assert ids(plan) == ["z-first", "m-second", "a-third"]


def test_at_most_two_per_area_while_others_wait() -> None:
    content = make_content(
        ["a", "b"],
        [milestone("a-4m-1", 4, "a"), milestone("b-4m-1", 4, "b")],
        [
            activity("a1", ["a"], ["a-4m-1"]),
            activity("a2", ["a"], ["a-4m-1"]),
            activity("a3", ["a"], ["a-4m-1"]),
            activity("b1", ["b"]),  # area b is on track: ranks last
        ],
    )
    result = screen(content, AT_4M, {"a-4m-1": "not_yet", "b-4m-1": "yes"})
    # a3 is held back by the cap while b1 waits, but b1 is only filler for the age:
    # an activity for a skill answered "not yet" comes before any filler.
    assert ids(plan_for_result(content, result, max_activities=3)) == ["a1", "a2", "a3"]
    # Nobody else is waiting: the third activity of area a fills the last place, in rank order.
    assert ids(plan_for_result(content, result, max_activities=4)) == ["a1", "a2", "a3", "b1"]
    assert ids(plan_for_result(content, result, max_activities=10)) == ["a1", "a2", "a3", "b1"]


def test_only_activities_whose_range_contains_the_age_used() -> None:
    content = make_content(
        ["a"],
        [milestone("a-4m-1", 4, "a")],
        [
            activity("too-young", ["a"], ["a-4m-1"], min_months=0, max_months=3),
            activity("fits", ["a"], ["a-4m-1"], min_months=4, max_months=4),
            activity("too-old", ["a"], ["a-4m-1"], min_months=5, max_months=12),
        ],
    )
    plan = plan_for_result(content, screen(content, AT_4M, {"a-4m-1": "not_yet"}))
    assert ids(plan) == ["fits"]  # 4.27 months is within the 4th month


def test_the_plan_uses_the_corrected_age() -> None:
    content = make_content(
        ["a"],
        [milestone("a-4m-1", 4, "a"), milestone("a-6m-1", 6, "a")],
        [
            activity("for-6-months", ["a"], ["a-4m-1", "a-6m-1"], min_months=6, max_months=12),
            activity("for-4-months", ["a"], ["a-4m-1"], min_months=3, max_months=5),
        ],
    )
    # 200 days (6.6 months) but born at 30 weeks: the age used is 4.3 months.
    result = screen(content, AT_6M, {"a-4m-1": "not_yet"}, weeks=30)
    assert ids(plan_for_result(content, result)) == ["for-4-months"]
    term = screen(content, AT_6M, {"a-4m-1": "not_yet"})
    # At 6.6 months for-4-months is out of its age range, but it practices a skill
    # not reached yet whose checklist age (4) is in its range: the skill reached counts.
    assert ids(plan_for_result(content, term)) == ["for-6-months", "for-4-months"]


def test_plan_from_the_fixture_content_worked_by_hand() -> None:
    # 4.27 months, checklist 4. fine_motor: holds-toy not yet -> discuss.
    # gross_motor: head-steady yes, pushes-up unsure (half) -> on track.
    # social_emotional: smiles unanswered -> incomplete.
    result = screen(CONTENT, AT_4M, {"gm-4m-head-steady": "yes", "fm-4m-holds-toy": "not_yet"})
    plan = plan_for_result(CONTENT, result)
    # reach-and-grasp practices the not-yet milestone; then areas not on track in content
    # order (open-hands: fine_motor; mirror-play, songs: social_emotional). Tummy time
    # and rolling practice (gross_motor, on track) wait.
    assert ids(plan) == ["reach-and-grasp", "open-hands", "mirror-play", "songs"]
    assert plan.activities[0].targets == ("fm-4m-holds-toy",)
    assert all(p.targets == () for p in plan.activities[1:])


def test_next_checklist_activities_come_after_areas_needing_attention() -> None:
    # Everything on track at 4 months: rolling practice prepares gm-6m-rolls (next checklist),
    # reach-and-grasp and mirror-play also target 6-month milestones.
    all_yes: dict[str, Answer] = {m.id: "yes" for m in CONTENT.checklist(4)}
    result = screen(CONTENT, AT_4M, all_yes)
    assert result.overall == "on_track"
    plan = plan_for_result(CONTENT, result, max_activities=6)
    assert [p.reason for p in plan.activities] == ["next", "next", "next", "age", "age", "age"]
    assert ids(plan)[:3] == ["rolling-practice", "reach-and-grasp", "mirror-play"]
    assert set(ids(plan)[3:]) == {"tummy-time", "open-hands", "songs"}


# --- therapist plans: focus areas and hand-picked activities -----------------------


def test_focus_keeps_to_the_focus_areas() -> None:
    plan = plan_for_focus(CONTENT, 4.5, focus=["fine_motor"])
    assert ids(plan) == ["reach-and-grasp", "open-hands"]
    assert {p.reason for p in plan.activities} == {"focus"}
    assert plan.focus == ("fine_motor",)
    assert plan.checklist_months == 4


def test_focus_on_several_areas() -> None:
    plan = plan_for_focus(
        CONTENT, 4.5, focus=["gross_motor", "social_emotional"], max_activities=10
    )
    assert set(ids(plan)) == {"tummy-time", "rolling-practice", "mirror-play", "songs"}
    for p in plan.activities:
        assert {"gross_motor", "social_emotional"} & set(p.activity.domains)


def test_focus_practicing_activities_rank_before_others() -> None:
    # 'no-targets' is first in this content, but the activity practicing the next
    # checklist goes first; the rest keep content order.
    content = make_content(
        ["a"],
        [milestone("a-4m-1", 4, "a"), milestone("a-6m-1", 6, "a"), milestone("a-9m-1", 9, "a")],
        [
            activity("no-targets", ["a"]),
            activity("later-only", ["a"], ["a-9m-1"]),
            activity("next", ["a"], ["a-6m-1"]),
        ],
    )
    assert ids(plan_for_focus(content, 4.5, focus=["a"])) == ["next", "no-targets", "later-only"]
    # With no focus the reasons say why: practices a near milestone, or just fits the age.
    plan = plan_for_focus(content, 4.5)
    assert [(p.activity.id, p.reason) for p in plan.activities] == [
        ("next", "next"),
        ("no-targets", "age"),
        ("later-only", "age"),
    ]


def test_chosen_activities_are_always_included() -> None:
    # songs fits the age but is out of focus; tummy-time is out of its range at 20 months.
    plan = plan_for_focus(
        CONTENT, 20, focus=["fine_motor"], activity_ids=["tummy-time", "songs", "tummy-time"]
    )
    assert ids(plan)[:2] == ["tummy-time", "songs"]
    assert [p.reason for p in plan.activities[:2]] == ["chosen", "chosen"]
    assert len(ids(plan)) == len(set(ids(plan)))


def test_chosen_activities_are_included_beyond_the_maximum() -> None:
    chosen = ["tummy-time", "rolling-practice", "open-hands"]
    plan = plan_for_focus(CONTENT, 4.5, activity_ids=chosen, max_activities=2)
    assert ids(plan) == chosen


def test_chosen_activities_count_towards_the_area_limit() -> None:
    plan = plan_for_focus(
        CONTENT, 4.5, activity_ids=["reach-and-grasp", "open-hands"], max_activities=4
    )
    # fine_motor already has two; the other places go to other areas.
    assert ids(plan)[:2] == ["reach-and-grasp", "open-hands"]
    assert all("fine_motor" not in p.activity.domains for p in plan.activities[2:])
    assert len(plan.activities) == 4


def test_unknown_focus_area_is_an_input_error_with_a_suggestion() -> None:
    with pytest.raises(InputError) as err:
        plan_for_focus(CONTENT, 4, focus=["fine_motr"])
    assert "'fine_motr' is not a known area (did you mean 'fine_motor'?)" in str(err.value)


def test_unknown_activity_is_an_input_error_with_a_suggestion() -> None:
    with pytest.raises(InputError) as err:
        plan_for_focus(CONTENT, 4, activity_ids=["tummy-tim"])
    assert "'tummy-tim' is not a known activity (did you mean 'tummy-time'?)" in str(err.value)


# --- properties ----------------------------------------------------------------------

PROPS = settings(max_examples=examples(150), deadline=None)
PROP_MILESTONES = [
    milestone(f"{d}-{m}m-{i}", m, d) for d in "abc" for m in (2, 4, 6, 9) for i in range(2)
]
PROP_IDS = [m.id for m in PROP_MILESTONES]


@st.composite
def contents(draw: st.DrawFn) -> Content:
    n = draw(st.integers(min_value=1, max_value=10))
    acts = []
    for i in range(n):
        lo = draw(st.integers(min_value=0, max_value=12))
        hi = draw(st.integers(min_value=lo, max_value=24))
        doms = draw(st.lists(st.sampled_from("abc"), min_size=1, max_size=3, unique=True))
        targets = draw(st.lists(st.sampled_from(PROP_IDS), max_size=4, unique=True))
        acts.append(activity(f"act-{i}", doms, targets, lo, hi))
    return make_content("abc", PROP_MILESTONES, acts)


@pytest.mark.slow
@PROPS
@given(
    content=contents(),
    days=st.integers(min_value=0, max_value=400),
    answers=st.dictionaries(st.sampled_from(PROP_IDS), st.sampled_from(ANSWERS)),
    limit=st.integers(min_value=1, max_value=8),
)
def test_plan_properties(
    content: Content, days: int, answers: dict[str, Answer], limit: int
) -> None:
    result = screen(content, days, answers)
    plan = plan_for_result(content, result, limit)
    months = result.age.used_months
    chosen = ids(plan)
    flagged = set(result.milestones_answered("not_yet")) | set(
        result.milestones_answered("sometimes")
    )

    def by_skill(a: Activity) -> bool:
        """Out of its age range, it practices a skill not reached whose age is in range."""
        return any(
            t in flagged and a.min_months <= content.milestone_by_id[t].months <= a.max_months
            for t in a.targets
        )

    fitting = [a for a in content.activities if a.fits_age(months) or by_skill(a)]
    assert len(chosen) <= limit
    assert len(chosen) == len(set(chosen))
    assert all(p.activity.fits_age(months) or by_skill(p.activity) for p in plan.activities)
    assert len(chosen) == min(limit, len(fitting))
    for p in plan.activities:
        assert p.targets == tuple(t for t in p.activity.targets if t in flagged)
    # The plan is in rank order.
    cats = [CATEGORY[p.reason] for p in plan.activities]
    assert cats == sorted(cats)
    # An area goes over the limit only when nothing from an area with room is left out,
    # or when what is left out is filler ("next", "age") and the activities over the
    # limit practice answers or areas (held back by the cap, they come before filler).
    per_area = Counter(d for p in plan.activities for d in p.activity.domains)
    over = [p for p in plan.activities if any(per_area[d] > PER_DOMAIN for d in p.activity.domains)]
    if over:
        for a in fitting:
            if a.id not in chosen and not any(per_area[d] >= PER_DOMAIN for d in a.domains):
                assert not flagged.intersection(a.targets)
                assert not FILLER.intersection(p.reason for p in over)


@pytest.mark.slow
@PROPS
@given(
    content=contents(),
    months=st.floats(min_value=0, max_value=24, allow_nan=False),
    focus=st.lists(st.sampled_from("abc"), max_size=2, unique=True),
    picked=st.lists(st.integers(min_value=0, max_value=9), max_size=3),
    limit=st.integers(min_value=1, max_value=6),
)
def test_focus_plan_properties(
    content: Content, months: float, focus: list[str], picked: list[int], limit: int
) -> None:
    wanted = [f"act-{i}" for i in picked if i < len(content.activities)]
    plan = plan_for_focus(content, months, focus=focus, activity_ids=wanted, max_activities=limit)
    chosen = ids(plan)
    assert len(chosen) == len(set(chosen))
    assert chosen[: len(set(wanted))] == list(dict.fromkeys(wanted))
    assert len(chosen) <= max(limit, len(set(wanted)))
    for p in plan.activities[len(set(wanted)) :]:
        assert p.activity.fits_age(months)
        if focus:
            assert set(focus) & set(p.activity.domains)
