"""A therapist's edits to one family's plan (issue 26, items 1 and 3): the options'
words, the edits applied to the chosen activities, and the choice with a screening."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ottool.core.activity_choice import plan_for_result
from ottool.core.content import load_content
from ottool.core.errors import InputError
from ottool.core.plan_edits import (
    ActivityEdit,
    PlanEdits,
    gather_edits,
    parse_dose,
    personal_whys,
    revised,
    therapist_plan,
)
from ottool.core.screening import Answers, score
from properties import examples
from test_activity_choice import screenings

EN = load_content()
AGE_IDS = [a.id for a in EN.activities if a.fits_age(6) and not a.taught_by_therapist]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("tummy-time-floor=5,3", ActivityEdit(minutes=5, times_per_day=3)),
        ("tummy-time-floor=5,3,4", ActivityEdit(minutes=5, times_per_day=3, days_per_week=4)),
        ("tummy-time-floor:minutes=5,times=3", ActivityEdit(minutes=5, times_per_day=3)),
        ("tummy-time-floor:days=4", ActivityEdit(days_per_week=4)),
        (" tummy-time-floor = 2 , 6 ", ActivityEdit(minutes=2, times_per_day=6)),
    ],
)
def test_a_dose_is_read_in_either_form(value: str, expected: ActivityEdit) -> None:
    assert parse_dose(value) == ("tummy-time-floor", expected)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("tummy-time-floor", "--dose tummy-time-floor: write ID=MINUTES,TIMES_PER_DAY"),
        ("tummy-time-floor=5", "write ID=MINUTES,TIMES_PER_DAY[,DAYS_PER_WEEK], such as"),
        ("tummy-time-floor=5,3,8", "days a week must be a whole number from 1 to 7, got '8'"),
        ("tummy-time-floor=ten,3", "minutes must be a whole number from 1 to 240, got 'ten'"),
        ("tummy-time-floor:hours=2", "'hours' is not minutes, times or days"),
        ("=5,3", "write ID=MINUTES"),
    ],
)
def test_a_wrong_dose_is_one_clear_sentence(value: str, message: str) -> None:
    with pytest.raises(InputError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_dose(value)


def test_the_options_gather_into_one_edit_per_activity() -> None:
    edits = gather_edits(
        add=["neck-stretches", "neck-stretches"],
        drop=["mirror-play"],
        dose=["tummy-time-floor=5,3"],
        why=["tummy-time-floor=For Leo's neck: turn him to the left"],
        step=["tummy-time-floor=First step", "tummy-time-floor=Second step"],
        add_step=["turn-both-ways=Bottle on the left side"],
    )
    assert edits.add == ("neck-stretches",) and edits.drop == ("mirror-play",)
    assert edits.edits["tummy-time-floor"] == ActivityEdit(
        minutes=5, times_per_day=3, why="For Leo's neck: turn him to the left",
        steps=("First step", "Second step"),
    )  # fmt: skip
    assert edits.edits["turn-both-ways"].added_steps == ("Bottle on the left side",)
    assert personal_whys(edits) == {"tummy-time-floor": "For Leo's neck: turn him to the left"}


def test_an_activity_added_and_dropped_at_once_is_refused() -> None:
    with pytest.raises(InputError, match="'mirror-play' is both added"):
        gather_edits(add=["mirror-play"], drop=["mirror-play"])


def test_an_empty_why_is_refused() -> None:
    with pytest.raises(InputError, match="--why tummy-time-floor=: the text after '=' is empty"):
        gather_edits(why=["tummy-time-floor="])


@settings(max_examples=examples(40), deadline=None)
@given(st.lists(st.sampled_from(AGE_IDS), min_size=1, max_size=6, unique=True))
def test_asking_for_activities_never_adds_one_more(picked: list[str]) -> None:
    plan = therapist_plan(EN, age_months=6, edits=PlanEdits(add=tuple(picked)))
    assert [p.activity.id for p in plan.activities] == picked
    assert all(p.reason == "chosen" for p in plan.activities)


def test_an_age_plan_with_a_focus_still_fills_to_four() -> None:
    plan = therapist_plan(
        EN, age_months=6, focus=["fine_motor"], edits=PlanEdits(add=("mirror-play",))
    )
    assert len(plan.activities) == 4 and plan.activities[0].activity.id == "mirror-play"


@settings(max_examples=examples(40), deadline=None)
@given(screenings(), st.sampled_from(["neck-stretches", "turn-both-ways", "firm-touch-play"]))
def test_a_screening_takes_the_therapists_picks_and_drops_on_top(
    drawn: tuple[Answers, int], pick: str
) -> None:
    answers, _months = drawn
    result = score(EN, answers)
    own = [p.activity.id for p in plan_for_result(EN, result).activities]
    dropped = tuple(own[:1])
    edits = PlanEdits(add=(pick,) if pick not in own else (), drop=dropped)
    plan = therapist_plan(EN, result=result, edits=edits)
    ids = [p.activity.id for p in plan.activities]
    assert not set(dropped) & set(ids)
    if edits.add:
        assert ids[0] == pick and plan.activities[0].reason == "chosen"
    assert len(ids) <= 4 and len(ids) == len(set(ids))  # never one activity twice


def test_edits_reach_the_activity_and_leave_the_content_alone() -> None:
    edits = gather_edits(
        add=["turn-both-ways"], dose=["turn-both-ways=3,6,4"], step=["turn-both-ways=Only this"]
    )
    plan = therapist_plan(EN, age_months=2, edits=edits)
    a = plan.activities[0].activity
    assert (a.minutes, a.times_per_day, a.days_per_week, a.steps) == (3, 6, 4, ("Only this",))
    original = EN.activity_by_id["turn-both-ways"]
    assert (original.minutes, original.days_per_week) == (5, 7)


def test_an_edit_of_an_activity_not_in_the_plan_says_which_are() -> None:
    edits = gather_edits(add=["turn-both-ways"], dose=["mirror-play=3,3"])
    with pytest.raises(InputError) as raised:
        therapist_plan(EN, age_months=2, edits=edits)
    assert "the plan has no activity 'mirror-play'" in str(raised.value)
    assert "(its activities: turn-both-ways); add it with --activity mirror-play" in str(
        raised.value
    )


def test_an_unknown_activity_is_named_with_a_suggestion() -> None:
    with pytest.raises(InputError, match="'tummy-time-flor' is not a known activity"):
        therapist_plan(EN, age_months=2, edits=PlanEdits(add=("tummy-time-flor",)))


def test_a_revision_drops_adds_and_edits_a_plan_given() -> None:
    first = therapist_plan(EN, age_months=3, edits=PlanEdits(add=("turn-both-ways", "mirror-play")))
    again = revised(
        EN, first, gather_edits(add=["neck-stretches"], drop=["mirror-play"],
                                dose=["neck-stretches=2,4"]),
    )  # fmt: skip
    assert [p.activity.id for p in again.activities] == ["turn-both-ways", "neck-stretches"]
    assert again.activities[1].activity.minutes == 2
    with pytest.raises(InputError, match="--drop stacking: the plan has no activity"):
        revised(EN, first, gather_edits(drop=["stacking"]))


@pytest.mark.parametrize(
    ("why", "shown"),
    [("Sam walks holding on: let the toy lead", "Sam walks holding on: let the toy lead."),
     ("Push first, then play!", "Push first, then play!")],
)  # fmt: skip
def test_a_personal_why_ends_as_a_sentence_before_the_skills(why: str, shown: str) -> None:
    """The skills the card practices follow the why line: a therapist's line without a
    full stop gets one, so the two never run together."""
    from ottool.documents.activity_cards import activity_card

    activity = EN.activity_by_id["push-toy-walking"]
    card = activity_card(EN, activity, "chosen", activity.targets[:1], {}, personal=why)
    assert card.reason == shown
