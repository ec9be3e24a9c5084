"""Scoring rules (docs/design.md §4): domain status in rule order, the early rule, overall."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURE_DIR, make_content, milestone, sign
from ottool.core.age import ChecklistChoice
from ottool.core.content import Content, load_content
from ottool.core.screening import (
    ANSWERS,
    STATUSES,
    Answer,
    Answers,
    Child,
    DomainResult,
    ScreeningResult,
    considered_milestones,
    domain_status,
    overall_status,
    score,
)
from properties import examples

CONTENT = load_content(FIXTURE_DIR)
TODAY = dt.date(2026, 11, 1)
BIRTH = dt.date(2025, 1, 1)
# Full-term ages (days) that land on each checklist of the test content.
EARLY_2M = 30  # 0.99 months: younger than the first checklist
AT_4M = 130  # 4.27 months
AT_6M = 200  # 6.57 months

ALL_YES_4M = {
    "gm-4m-head-steady": "yes",
    "gm-4m-pushes-up-elbows": "yes",
    "fm-4m-holds-toy": "yes",
    "fm-4m-hands-to-mouth": "yes",
    "se-4m-smiles-for-attention": "yes",
}


def screen(
    days: int,
    answers: Mapping[str, Answer] | None = None,
    signs: Mapping[str, bool] | None = None,
    content: Content = CONTENT,
    weeks: int = 40,
) -> ScreeningResult:
    given_answers = Answers(
        Child(BIRTH, weeks),
        BIRTH + dt.timedelta(days=days),
        dict(answers or {}),
        dict(signs or {}),
    )
    return score(content, given_answers, today=TODAY)


def status(result: ScreeningResult, domain_id: str) -> str:
    return result.domain(domain_id).status


# --- rule 1: discuss -----------------------------------------------------------------


def test_a_not_yet_makes_its_domain_discuss() -> None:
    result = screen(AT_4M, {**ALL_YES_4M, "gm-4m-head-steady": "not_yet"})
    assert result.checklist == ChecklistChoice(4, early=False)
    assert status(result, "gross_motor") == "discuss"
    assert result.domain("gross_motor").not_yet == ("gm-4m-head-steady",)
    assert status(result, "fine_motor") == "on_track"
    assert status(result, "social_emotional") == "on_track"
    assert result.overall == "discuss"


def test_discuss_comes_before_incomplete() -> None:
    # fine_motor: one not_yet and one unanswered -> still discuss, not incomplete.
    result = screen(AT_4M, {"fm-4m-holds-toy": "not_yet"})
    assert status(result, "fine_motor") == "discuss"


# --- rule 2: incomplete --------------------------------------------------------------


def test_more_than_half_unsure_or_unanswered_is_incomplete() -> None:
    result = screen(AT_4M, {"gm-4m-head-steady": "unsure", "fm-4m-holds-toy": "yes"})
    # gross_motor: one unsure, one unanswered (2 of 2)
    assert status(result, "gross_motor") == "incomplete"
    # social_emotional: its only 4-month milestone unanswered (1 of 1)
    assert status(result, "social_emotional") == "incomplete"
    # 4 of the checklist's 5 milestones unsure or unanswered: too little to tell.
    assert result.overall == "incomplete"
    assert result.act == "recheck"


def test_exactly_half_unsure_is_not_incomplete() -> None:
    result = screen(
        AT_4M,
        {
            "gm-4m-head-steady": "yes",
            "gm-4m-pushes-up-elbows": "unsure",
            "fm-4m-holds-toy": "sometimes",  # fm-4m-hands-to-mouth unanswered: 1 of 2
            "se-4m-smiles-for-attention": "yes",
        },
    )
    assert status(result, "gross_motor") == "on_track"
    assert status(result, "fine_motor") == "emerging"
    assert result.domain("gross_motor").unsure == ("gm-4m-pushes-up-elbows",)
    assert result.domain("fine_motor").unsure == ("fm-4m-hands-to-mouth",)


def test_incomplete_comes_before_emerging() -> None:
    # 3 of 4 unknown in a custom area: more than half, so incomplete although one is sometimes.
    content = make_content(
        ["a"], [milestone(f"a-4m-{i}", 4, "a") for i in range(4)], signs=[sign("ws-x")]
    )
    result = screen(AT_4M, {"a-4m-0": "sometimes", "a-4m-1": "unsure"}, content=content)
    assert status(result, "a") == "incomplete"
    result = screen(
        AT_4M, {"a-4m-0": "sometimes", "a-4m-1": "unsure", "a-4m-2": "yes"}, content=content
    )
    assert status(result, "a") == "emerging"  # exactly half unknown


def test_an_area_with_no_milestones_at_all_is_incomplete() -> None:
    content = make_content(["a", "b"], [milestone("a-4m-x", 4, "a")])
    result = screen(AT_4M, {"a-4m-x": "yes"}, content=content)
    assert status(result, "a") == "on_track"
    assert status(result, "b") == "incomplete"
    assert [d.id for d in result.domains] == ["a", "b"]


# --- rules 3 and 4 -------------------------------------------------------------------


def test_sometimes_is_emerging() -> None:
    result = screen(AT_4M, {**ALL_YES_4M, "se-4m-smiles-for-attention": "sometimes"})
    assert status(result, "social_emotional") == "emerging"
    assert result.domain("social_emotional").sometimes == ("se-4m-smiles-for-attention",)
    assert result.overall == "monitor"


def test_all_yes_is_on_track() -> None:
    result = screen(AT_4M, ALL_YES_4M)
    assert {d.status for d in result.domains} == {"on_track"}
    assert result.overall == "on_track"
    assert result.warning_signs == ()


# --- which milestones count ----------------------------------------------------------


def test_early_checklist_counts_not_yet_as_sometimes() -> None:
    result = screen(EARLY_2M, {"gm-2m-head-up": "not_yet", "fm-2m-opens-hands": "yes"})
    assert result.checklist == ChecklistChoice(2, early=True)
    assert status(result, "gross_motor") == "emerging"
    assert status(result, "fine_motor") == "on_track"
    assert result.overall == "monitor"


def test_not_early_on_the_first_checklist_not_yet_is_discuss() -> None:
    result = screen(70, {"gm-2m-head-up": "not_yet"})  # 2.3 months
    assert result.checklist == ChecklistChoice(2, early=False)
    assert status(result, "gross_motor") == "discuss"


def test_early_rule_covers_only_the_chosen_checklist() -> None:
    # Early on the 2-month checklist; a not_yet on a *later* checklist does not count at all.
    result = screen(EARLY_2M, {"gm-2m-head-up": "yes", "gm-4m-head-steady": "not_yet"})
    assert status(result, "gross_motor") == "on_track"


def test_answers_to_earlier_checklists_count() -> None:
    sixes = {"gm-6m-rolls": "yes", "fm-6m-reaches": "yes", "se-6m-mirror": "yes"}
    result = screen(
        AT_6M, {**sixes, "gm-4m-head-steady": "not_yet", "fm-4m-holds-toy": "sometimes"}
    )
    assert result.checklist.months == 6
    assert status(result, "gross_motor") == "discuss"
    assert "gm-4m-head-steady" in result.domain("gross_motor").not_yet
    assert status(result, "fine_motor") == "emerging"
    assert status(result, "social_emotional") == "on_track"


def test_unanswered_earlier_milestones_do_not_count() -> None:
    # Only the 6-month milestones are answered: earlier ones neither appear nor make it incomplete.
    result = screen(AT_6M, {"gm-6m-rolls": "yes", "fm-6m-reaches": "yes", "se-6m-mirror": "yes"})
    assert result.overall == "on_track"
    gm = result.domain("gross_motor")
    assert gm.yes == ("gm-6m-rolls",) and gm.unsure == () and gm.not_yet == ()


def test_earlier_unsure_answers_do_not_make_it_incomplete() -> None:
    result = screen(
        AT_6M,
        {"gm-6m-rolls": "yes", "gm-4m-head-steady": "unsure", "gm-4m-pushes-up-elbows": "unsure"},
    )
    assert status(result, "gross_motor") == "on_track"


def test_answers_to_later_checklists_do_not_count() -> None:
    result = screen(AT_4M, {**ALL_YES_4M, "gm-6m-rolls": "not_yet", "se-6m-mirror": "sometimes"})
    assert {d.status for d in result.domains} == {"on_track"}
    assert result.overall == "on_track"
    assert "gm-6m-rolls" not in result.milestones_answered("not_yet")
    listed = {m for d in result.domains for k in ANSWERS for m in getattr(d, k)}
    assert "gm-6m-rolls" not in listed and "se-6m-mirror" not in listed


def test_missing_answers_count_as_unsure() -> None:
    result = screen(AT_4M, {})
    assert {d.status for d in result.domains} == {"incomplete"}
    assert result.domain("fine_motor").unsure == ("fm-4m-holds-toy", "fm-4m-hands-to-mouth")


def test_corrected_age_chooses_the_checklist() -> None:
    # 200 days chronological (6.6 months), born at 30 weeks: corrected 130 days (4.3 months).
    result = screen(AT_6M, ALL_YES_4M, weeks=30)
    assert result.age.corrected
    assert result.checklist.months == 4
    assert result.overall == "on_track"


def test_considered_milestones_in_content_order() -> None:
    chosen = considered_milestones(
        CONTENT, ChecklistChoice(4, False), {"gm-2m-head-up": "yes", "se-6m-mirror": "yes"}
    )
    assert [m.id for m in chosen] == [
        "gm-2m-head-up",
        "gm-4m-head-steady",
        "gm-4m-pushes-up-elbows",
        "fm-4m-holds-toy",
        "fm-4m-hands-to-mouth",
        "se-4m-smiles-for-attention",
    ]


# --- overall -------------------------------------------------------------------------


def test_an_urgent_warning_sign_makes_it_urgent() -> None:
    result = screen(AT_4M, ALL_YES_4M, {"ws-lost-skills": True, "ws-no-grasp": False})
    assert result.overall == "urgent"
    assert [w.id for w in result.warning_signs] == ["ws-lost-skills"]


def test_a_discuss_warning_sign_makes_it_discuss_even_when_on_track() -> None:
    result = screen(AT_4M, ALL_YES_4M, {"ws-no-grasp": True})
    # The sign's own area shows it; the others keep their answers' status.
    assert status(result, "fine_motor") == "discuss"
    assert {d.status for d in result.domains if d.id != "fine_motor"} == {"on_track"}
    assert result.overall == "discuss"


def test_signs_answered_false_are_not_reported() -> None:
    result = screen(AT_4M, ALL_YES_4M, {"ws-no-grasp": False, "ws-lost-skills": False})
    assert result.warning_signs == ()
    assert result.overall == "on_track"


def _d(status: str) -> DomainResult:
    return DomainResult("x", status)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("statuses", "levels", "overall"),
    [
        ([], [], "on_track"),
        (["on_track", "on_track"], [], "on_track"),
        (["on_track", "emerging"], [], "monitor"),
        (["incomplete", "on_track"], [], "monitor"),
        (["emerging", "discuss"], [], "discuss"),
        (["on_track"], ["discuss"], "discuss"),
        (["incomplete"], ["discuss"], "discuss"),
        (["on_track"], ["urgent"], "urgent"),
        (["discuss"], ["discuss", "urgent"], "urgent"),
    ],
)
def test_overall_rules(statuses: list[str], levels: list[str], overall: str) -> None:
    domains = tuple(_d(s) for s in statuses)
    signs = tuple(sign(f"ws-{i}", level) for i, level in enumerate(levels))
    assert overall_status(domains, signs) == overall


def test_domain_status_function_directly() -> None:
    ms = [milestone("a-4m-1", 4, "a"), milestone("a-4m-2", 4, "a")]
    now = ChecklistChoice(4, False)
    assert domain_status(ms, {"a-4m-1": "yes", "a-4m-2": "yes"}, now) == "on_track"
    assert domain_status(ms, {"a-4m-1": "yes", "a-4m-2": "sometimes"}, now) == "emerging"
    assert domain_status(ms, {"a-4m-1": "yes"}, now) == "on_track"  # half unknown
    assert domain_status(ms, {}, now) == "incomplete"
    assert domain_status(ms, {"a-4m-1": "not_yet"}, now) == "discuss"
    early = ChecklistChoice(4, True)
    assert domain_status(ms, {"a-4m-1": "not_yet", "a-4m-2": "yes"}, early) == "emerging"
    assert domain_status([], {}, now) == "incomplete"


# --- properties ----------------------------------------------------------------------

PROPS = settings(max_examples=examples(150), deadline=None)
IDS = [m.id for m in CONTENT.milestones]
answers_st = st.dictionaries(st.sampled_from(IDS), st.sampled_from(ANSWERS))
signs_st = st.dictionaries(st.sampled_from([w.id for w in CONTENT.warning_signs]), st.booleans())
days_st = st.integers(min_value=0, max_value=400)
weeks_st = st.integers(min_value=22, max_value=44)
LEVEL = {"on_track": 0, "emerging": 1, "incomplete": 1, "discuss": 2}
OVERALL_LEVEL = {"on_track": 0, "monitor": 1, "incomplete": 1, "discuss": 2, "urgent": 3}


@PROPS
@given(
    days=days_st,
    weeks=weeks_st,
    answers=answers_st,
    extra=st.sampled_from(IDS),
)
def test_adding_a_not_yet_never_makes_a_domain_better(
    days: int, weeks: int, answers: dict[str, Answer], extra: str
) -> None:
    before = screen(days, answers, weeks=weeks)
    after = screen(days, {**answers, extra: "not_yet"}, weeks=weeks)
    for b, a in zip(before.domains, after.domains, strict=True):
        # The level each status implies never goes down.
        assert LEVEL[a.status] >= LEVEL[b.status]
        if not before.checklist.early:
            assert STATUSES.index(a.status) >= STATUSES.index(b.status)
    assert OVERALL_LEVEL[after.overall] >= OVERALL_LEVEL[before.overall]


@pytest.mark.slow
@PROPS
@given(days=days_st, weeks=weeks_st, answers=answers_st, signs=signs_st)
def test_overall_is_at_least_as_serious_as_the_worst_domain(
    days: int, weeks: int, answers: dict[str, Answer], signs: dict[str, bool]
) -> None:
    result = screen(days, answers, signs, weeks=weeks)
    worst = max(LEVEL[d.status] for d in result.domains)
    for w in result.warning_signs:
        assert all(result.domain(d).status == "discuss" for d in w.domains)
    assert OVERALL_LEVEL[result.overall] >= worst
    months = result.age.used_months
    # Ticked signs count from their first age on; a later age's wait (docs/design.md §4).
    reported = [w for w in CONTENT.warning_signs if signs.get(w.id) and w.min_months <= months]
    assert [w.id for w in result.warning_signs] == [w.id for w in reported]
    if any(w.level == "urgent" for w in reported):
        assert result.overall == "urgent"
    elif reported:
        assert result.overall == "discuss"
    elif worst == 0:
        assert result.overall == "on_track"


@PROPS
@given(days=days_st, weeks=weeks_st, answers=answers_st)
def test_domain_lists_partition_the_considered_milestones(
    days: int, weeks: int, answers: dict[str, Answer]
) -> None:
    result = screen(days, answers, weeks=weeks)
    assert [d.id for d in result.domains] == [d.id for d in CONTENT.domains]
    listed = [m for d in result.domains for k in ANSWERS for m in getattr(d, k)]
    assert len(listed) == len(set(listed))
    expected = {
        m.id
        for m in CONTENT.milestones
        if m.months == result.checklist.months
        or (m.months < result.checklist.months and m.id in answers)
    }
    assert set(listed) == expected
    for d in result.domains:
        for k in ANSWERS:
            for m in getattr(d, k):
                assert answers.get(m, "unsure") == k
                assert CONTENT.milestone_by_id[m].domain == d.id
