"""The clinical rules of the engine (docs/design.md §4, issue 9): `normed: false` items never
escalate on their own, and a "not yet" on a `check` milestone reports its warning sign.
How `ottool validate` and `ottool schema` treat the two fields is in test_validate.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import activity, make_content, sign
from ottool.core.activity_choice import plan_for_result
from ottool.core.age import ChecklistChoice
from ottool.core.content import Content, Milestone, WarningSign
from ottool.core.screening import (
    ANSWERS,
    STATUSES,
    Answer,
    Answers,
    Child,
    ScreeningResult,
    checked_milestones,
    domain_status,
    score,
)
from ottool.documents.result_document import box_advice
from ottool.documents.wording import EARLY_INTERVENTION
from properties import examples

DAY = dt.date(2026, 11, 1)
AT_4M = 130  # days: 4.27 months, the 4-month checklist, not early
EARLY = 30  # days: 0.99 months, younger than the first (2-month) checklist


def ms(
    id: str, months: int, domain: str = "a", *, normed: bool = True, check: str | None = None
) -> Milestone:
    return Milestone(
        id=id, months=months, domain=domain, text=id, source="test", normed=normed, check=check
    )


# A small content: area "a" with a normed and an unnormed item at 2 and 4 months; the
# 2-month hearing-like item checks "ws-check" (from birth), the 4-month one checks
# "ws-late" (from 6 months only: never reported at 4 months).
MILESTONES = (
    ms("a-2m-normed", 2),
    ms("a-2m-unnormed", 2, normed=False),
    ms("a-2m-checked", 2, check="ws-check"),
    ms("a-4m-normed", 4),
    ms("a-4m-unnormed", 4, normed=False),
    ms("a-4m-checked-late", 4, check="ws-late"),
    ms("b-4m-normed", 4, "b"),
)
SIGNS = (sign("ws-check"), sign("ws-late", min_months=6), sign("ws-urgent", "urgent"))
CONTENT = make_content(["a", "b"], MILESTONES, signs=SIGNS)
IDS = [m.id for m in MILESTONES]


def screen(
    answers: Mapping[str, Answer],
    signs: Mapping[str, bool] | None = None,
    days: int = AT_4M,
    content: Content = CONTENT,
) -> ScreeningResult:
    birth = DAY - dt.timedelta(days=days)
    return score(content, Answers(Child(birth), DAY, dict(answers), dict(signs or {})), today=DAY)


def reported(result: ScreeningResult) -> list[str]:
    return [w.id for w in result.warning_signs]


# --- normed: false ---------------------------------------------------------------------


def test_not_yet_on_an_unnormed_item_alone_does_not_make_the_area_discuss() -> None:
    result = screen({"a-4m-normed": "yes", "a-4m-unnormed": "not_yet", "a-4m-checked-late": "yes"})
    assert result.domain("a").status == "emerging"
    assert result.domain("a").not_yet == ("a-4m-unnormed",)  # still listed as answered
    assert result.overall == "monitor"


def test_not_yet_on_a_normed_item_still_makes_the_area_discuss() -> None:
    result = screen({"a-4m-normed": "not_yet", "a-4m-unnormed": "yes", "a-4m-checked-late": "yes"})
    assert result.domain("a").status == "discuss"
    assert result.overall == "discuss"


def test_unnormed_items_of_earlier_checklists_do_not_escalate_either() -> None:
    answers: dict[str, Answer] = {"a-2m-unnormed": "not_yet", "b-4m-normed": "yes"}
    answers |= {m: "yes" for m in ("a-4m-normed", "a-4m-unnormed", "a-4m-checked-late")}
    assert screen(answers).domain("a").status == "emerging"


def test_the_18_month_example_of_the_issue_is_not_told_to_talk_to_a_doctor() -> None:
    """Everything 'yes' but 'does not mind messy hands' (an OT-practice item)."""
    from ottool.core.content import load_content

    shipped = load_content()
    items = shipped.checklist(18)
    answers = {m.id: "not_yet" if m.id == "sn-18m-messy-hands" else "yes" for m in items}
    # 563 days: 18 months and about two weeks
    result = screen(answers, days=563, content=shipped)  # type: ignore[arg-type]
    assert result.domain("sensory").status == "emerging"
    assert result.overall == "monitor"


def test_domain_status_treats_unnormed_not_yet_as_sometimes() -> None:
    now = ChecklistChoice(4, False)
    unnormed = [ms("x-4m", 4, normed=False)]
    assert domain_status(unnormed, {"x-4m": "not_yet"}, now) == "emerging"
    assert domain_status([ms("x-4m", 4)], {"x-4m": "not_yet"}, now) == "discuss"


PROPS = settings(max_examples=examples(200), deadline=None)
answers_st = st.dictionaries(st.sampled_from(IDS), st.sampled_from(ANSWERS))
days_st = st.integers(min_value=0, max_value=300)


@PROPS
@given(answers=answers_st, days=days_st)
def test_an_unnormed_not_yet_counts_exactly_as_sometimes(
    answers: dict[str, Answer], days: int
) -> None:
    unnormed = {m.id for m in MILESTONES if not m.normed}
    swapped = {
        k: ("sometimes" if k in unnormed and v == "not_yet" else v) for k, v in answers.items()
    }
    before, after = screen(answers, days=days), screen(swapped, days=days)
    assert [d.status for d in before.domains] == [d.status for d in after.domains]


@pytest.mark.slow
@PROPS
@given(answers=answers_st, days=days_st)
def test_an_area_is_discuss_only_through_a_normed_not_yet_or_a_sign(
    answers: dict[str, Answer], days: int
) -> None:
    result = screen(answers, days=days)
    signed = {a for w in result.warning_signs for a in w.domains}
    for d in result.domains:
        normed_not_yet = [m for m in d.not_yet if CONTENT.milestone_by_id[m].normed]
        if d.status == "discuss":
            # ... or through a sign reported for the area (a checked "sometimes" too).
            assert normed_not_yet or d.id in signed
        elif not result.checklist.early:
            assert not normed_not_yet
        assert d.status in STATUSES


# --- check: SIGN -------------------------------------------------------------------------


def test_not_yet_on_a_checked_milestone_reports_its_sign() -> None:
    result = screen({"a-2m-checked": "not_yet"})
    assert reported(result) == ["ws-check"]
    assert result.overall == "discuss"


def test_sometimes_on_a_checked_milestone_reports_its_sign_too() -> None:
    """A baby who only sometimes reacts to loud sounds needs the hearing check too."""
    result = screen({"a-2m-checked": "sometimes"})
    assert reported(result) == ["ws-check"]
    assert result.domain("a").status == "discuss"
    assert checked_milestones(CONTENT, result) == {"a-2m-checked"}


def test_other_answers_on_a_checked_milestone_report_nothing() -> None:
    for answer in ("yes", "unsure"):
        assert reported(screen({"a-2m-checked": answer})) == []  # type: ignore[dict-item]


def test_a_checked_sign_is_reported_only_at_the_ages_it_applies_to() -> None:
    assert reported(screen({"a-4m-checked-late": "not_yet"})) == []  # ws-late starts at 6 months


def test_a_checked_sign_applies_on_an_early_checklist_too() -> None:
    result = screen({"a-2m-checked": "not_yet"}, days=EARLY)
    assert result.checklist.early
    assert reported(result) == ["ws-check"]


def test_answers_to_later_checklists_report_no_sign() -> None:
    """A 2-month-old's answer to a 4-month item is not scored, so it reports nothing."""
    content = make_content(["a"], [ms("a-2m", 2), ms("a-4m", 4, check="ws-check")], signs=SIGNS)
    assert reported(screen({"a-4m": "not_yet"}, days=65, content=content)) == []


def test_a_ticked_and_a_checked_sign_are_reported_once_in_content_order() -> None:
    result = screen({"a-2m-checked": "not_yet"}, {"ws-urgent": True, "ws-check": True})
    assert reported(result) == ["ws-check", "ws-urgent"]
    assert result.overall == "urgent"


def test_an_urgent_checked_sign_makes_the_result_urgent() -> None:
    content = make_content(["a"], [ms("a-2m", 2, check="ws-urgent")], signs=SIGNS)
    assert screen({"a-2m": "not_yet"}, days=70, content=content).overall == "urgent"


@pytest.mark.slow
@PROPS
@given(
    answers=answers_st,
    ticked=st.dictionaries(st.sampled_from([w.id for w in SIGNS]), st.booleans()),
    days=days_st,
)
def test_reported_signs_are_the_ticked_ones_plus_the_checked_ones_that_apply(
    answers: dict[str, Answer], ticked: dict[str, bool], days: int
) -> None:
    result = screen(answers, ticked, days=days)
    considered = {m for d in result.domains for k in ANSWERS for m in getattr(d, k)}
    checked = {
        m.check
        for m in MILESTONES
        if m.check and m.id in considered and answers.get(m.id) in ("not_yet", "sometimes")
    }
    months = result.age.used_months
    # A ticked sign of a later age waits with the unused answers (docs/design.md §4).
    ahead = [w.id for w in SIGNS if ticked.get(w.id) and months < w.min_months]
    expected = [
        w.id
        for w in SIGNS
        if (ticked.get(w.id) and w.id not in ahead) or (w.id in checked and w.applies_at(months))
    ]
    assert reported(result) == expected
    assert [u for u in result.unused_answers if u in {w.id for w in SIGNS}] == [
        w for w in ticked if w in ahead
    ]
    if expected and result.overall != "urgent":
        assert result.overall == "discuss"


# --- what comes first: emergencies and checks (clinical review 2, #2 and #3) -------------

EMERGENCY = WarningSign(
    id="ws-emergency",
    text="emergency",
    min_months=0,
    domains=("a",),
    level="urgent",
    advice="Call emergency services now.",
    source="test",
    act="emergency",
)
FIRST_SIGNS = (*SIGNS, EMERGENCY)
# Area "a" has the checked item and a normed one; area "b" only a normed one.
FIRST_CONTENT = make_content(
    ["a", "b"],
    MILESTONES,
    [
        activity("practise-a", ["a"], ["a-2m-checked", "a-2m-normed"]),
        activity("more-a", ["a"]),
        activity("play-b", ["b"]),
    ],
    FIRST_SIGNS,
)


def test_an_emergency_signs_advice_is_the_first_thing_the_result_says() -> None:
    result = screen({}, {"ws-emergency": True, "ws-urgent": True}, content=FIRST_CONTENT)
    assert result.overall == "urgent"
    assert result.act == "emergency"
    advice = box_advice(FIRST_CONTENT, result)
    assert advice.startswith("If it is happening now, call your local emergency number")
    assert "Call emergency services now." in advice
    assert "within the next few days" not in advice
    # An emergency box ends with what to do, not with a referral.
    assert EARLY_INTERVENTION not in advice


def test_urgent_without_an_emergency_keeps_the_within_days_advice() -> None:
    result = screen({}, {"ws-urgent": True}, content=FIRST_CONTENT)
    assert result.act == "days"
    advice = box_advice(FIRST_CONTENT, result)
    assert advice.startswith("Do not wait for a routine visit")
    assert advice.endswith(EARLY_INTERVENTION)


def test_a_sign_reported_through_a_check_asks_for_the_visit_once() -> None:
    """The sign's own advice shows beside it under "What you noticed"; the box says
    the result's one step, not each sign's advice again."""
    result = screen({"a-2m-checked": "not_yet"}, content=FIRST_CONTENT)
    assert [w.id for w in result.warning_signs] == ["ws-check"]
    assert result.act == "visit"
    assert box_advice(FIRST_CONTENT, result).startswith("Bring this summary")


def test_a_checked_not_yet_chooses_no_practice_for_its_area() -> None:
    """Hearing is checked, not practised: the checked item is no target and its area,
    on track otherwise, gets no 'needs attention' picks; other areas still do."""
    answers: dict[str, Answer] = {m.id: "yes" for m in MILESTONES}
    answers["a-2m-checked"] = "not_yet"
    answers["b-4m-normed"] = "sometimes"
    result = screen(answers, content=FIRST_CONTENT)
    assert result.domain("a").status == "discuss"
    assert checked_milestones(FIRST_CONTENT, result) == {"a-2m-checked"}
    plan = plan_for_result(FIRST_CONTENT, result)
    reasons = {p.activity.id: p.reason for p in plan.activities}
    assert reasons["play-b"] == "domain"
    assert reasons["practise-a"] not in ("not_yet", "domain")
    assert reasons["more-a"] not in ("not_yet", "domain")


def test_an_area_with_other_not_yet_answers_still_gets_practice() -> None:
    answers: dict[str, Answer] = {"a-2m-checked": "not_yet", "a-4m-normed": "not_yet"}
    plan = plan_for_result(FIRST_CONTENT, screen(answers, content=FIRST_CONTENT))
    reasons = {p.activity.id: p.reason for p in plan.activities}
    assert reasons["more-a"] == "domain"


@pytest.mark.slow
@PROPS
@given(answers=answers_st, days=days_st)
def test_no_plan_practises_a_milestone_whose_check_was_reported(
    answers: dict[str, Answer], days: int
) -> None:
    result = screen(answers, days=days, content=FIRST_CONTENT)
    checked = checked_milestones(FIRST_CONTENT, result)
    for p in plan_for_result(FIRST_CONTENT, result).activities:
        assert not checked & set(p.targets)
