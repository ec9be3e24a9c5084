"""Activities fit the skill reached and stay safe with every sign (docs/architecture.md).

Realistic answer files (tests/fixtures/answers/, English and Spanish) for each point
a paediatric OT review found, and property tests over the shipped content that a
later edit of the content or the code cannot quietly undo: no activity is chosen
while a sign in its ``avoid_with`` is reported, none before a skill it ``requires``,
and plans make the same decisions in every language.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ANSWERS_DIR, Run
from ottool.core.activity_choice import FILLER, HomePlan, plan_for_focus, plan_for_result
from ottool.core.content import Content, load_content
from ottool.core.i18n import speaking
from ottool.core.screening import ANSWERS, Answer, Answers, Child, ScreeningResult, score
from ottool.documents.plan_document import PlanDocument, build_plan_document
from ottool.documents.wording import bath_safety, feeding_hold
from ottool.storage.answerfile import read_answers
from properties import examples

EN = load_content()
ES = load_content(lang="es")
TODAY = dt.date(2026, 11, 22)
#: The feeding red flags (a loss of skills, in every area, is not one of them).
FEEDING_SIGNS = frozenset(
    w.id for w in EN.warning_signs if "feeding" in w.domains and len(w.domains) < len(EN.domains)
)


def from_file(name: str, content: Content = EN) -> ScreeningResult:
    path = ANSWERS_DIR / f"{name}.yaml"
    return score(content, read_answers(path, content, today=TODAY), today=TODAY)


def ids(plan: HomePlan) -> list[str]:
    return [p.activity.id for p in plan.activities]


def document(content: Content, result: ScreeningResult, lang: str) -> PlanDocument:
    with speaking(lang):
        return build_plan_document(content, plan_for_result(content, result), result=result)


def json_plan(cli: Callable[..., Run], tmp_path: Path, name: str, lang: str) -> dict[str, object]:
    """`ottool screen --answers F --plan-output plan.json` in ``lang``: the plan as written."""
    out = tmp_path / f"{name}-{lang}.json"
    run = cli(
        "screen", "--answers", ANSWERS_DIR / f"{name}.yaml", "--format", "json",
        "--plan-output", out, "--lang", lang,
    )  # fmt: skip
    assert run.exit_code == 0, run.output
    data: dict[str, object] = json.loads(out.read_text("utf-8"))
    return data


# --- 1. feeding red flags: no move to new textures -----------------------------------


def test_a_breathing_sign_in_feeds_keeps_first_spoonfuls_and_finger_foods_out() -> None:
    """Review: a 10-month-old with an emergency feeding box was given "First spoonfuls"."""
    result = from_file("leo-10-months-feeding-breathing")
    assert [w.id for w in result.warning_signs] == ["ws-feeding-breathing"]
    plan = plan_for_result(EN, result)
    texture = {"spoon-feeding-together", "finger-foods", "family-mealtimes", "open-cup"}
    assert texture.isdisjoint(ids(plan))
    # Both practice his "sometimes" answers (lumpy food, raking food) and fit his age:
    # only the sign keeps them out, and the plan says so.
    assert {"spoon-feeding-together", "finger-foods"} <= {lo.activity.id for lo in plan.left_out}
    assert plan.left_out_signs == ("ws-feeding-breathing",)
    doc = document(EN, result, "en")
    assert feeding_hold() in doc.intro
    assert "until a feeding specialist" in doc.intro
    assert not any("lumpy" in " ".join(card.steps) for card in doc.activities)


def test_a_toddler_who_gags_on_lumps_is_never_told_gagging_is_normal_in_spanish() -> None:
    """Review: a 15-month-old who gags on anything lumpy read "Gagging is normal"."""
    result = from_file("ana-15-meses-arcadas", ES)
    assert [w.id for w in result.warning_signs] == ["ws-only-purees"]
    doc = document(ES, result, "es")
    text = " ".join(" ".join([*c.steps, *c.safety]) for c in doc.activities)
    assert "arcadas" not in text.lower()
    assert "finger-foods" not in [c.id for c in doc.activities]
    with speaking("es"):
        assert feeding_hold() in doc.intro
    assert "especialista en alimentación" in doc.intro


def test_every_activity_that_moves_textures_on_avoids_every_feeding_sign() -> None:
    """Content rule: activities that say gagging is normal, or practice lumpier food,
    are left out with any feeding red flag (new feeding signs included)."""
    texture = [
        a
        for a in EN.activities
        if "fd-9m-lumpy-foods" in a.targets
        or any("gagging is normal" in line.lower() for line in (*a.steps, *a.safety))
    ]
    assert {"spoon-feeding-together", "finger-foods", "family-mealtimes", "spoon-practice"} <= {
        a.id for a in texture
    }
    for a in texture:
        assert set(a.avoid_with) >= FEEDING_SIGNS, a.id


def test_without_a_feeding_sign_the_plan_has_no_feeding_sentence() -> None:
    result = from_file("lucia-4-months")
    assert feeding_hold() not in document(EN, result, "en").intro


# --- 2. the skill reached, not only the age -------------------------------------------


def test_a_toddler_not_walking_gets_cruising_and_push_toy_practice_and_no_stairs() -> None:
    """Review: an 18-month-old not walking got "Stairs with a hand held" and no cruising."""
    plan = plan_for_result(EN, from_file("sam-18-months-not-walking"))
    assert "stairs-hand-held" not in ids(plan)
    # Cruising ends at 15 months by age; it fits the skill he has reached.
    assert not EN.activity_by_id["pull-to-stand-cruising"].fits_age(plan.used_months)
    assert {"pull-to-stand-cruising", "push-toy-walking"} <= set(ids(plan))


def test_no_activity_asks_a_child_who_is_not_walking_to_walk_somewhere() -> None:
    """Review: "Helping with chores" was chosen to practise walking alone for Sam, who is
    not walking, with steps that carry things from room to room while walking. Walking
    is practised with activities made for children on the way there (push toy,
    cruising); an activity that needs walking says so with `requires`."""
    plan = plan_for_result(EN, from_file("sam-18-months-not-walking"))
    for p in plan.activities:
        if "gm-18m-walks-alone" in p.targets:
            assert p.activity.id in {"push-toy-walking", "pull-to-stand-cruising"}
    walking = re.compile(r"\bwhile walking\b|\bfrom one room to another\b")
    for activity in EN.activities:
        text = " ".join(step for step in (*activity.steps, *activity.safety))
        if walking.search(text):
            assert "gm-18m-walks-alone" in activity.requires, activity.id


def test_a_toddler_practising_an_earlier_skill_is_not_called_a_baby() -> None:
    """Review: cruising, chosen by skill for an 18-month-old not walking, told the
    parent to "kneel behind your baby"; a card chosen by skill speaks of the child."""
    plan = plan_for_result(EN, from_file("sam-18-months-not-walking"))
    for p in plan.activities:
        if not p.activity.fits_age(plan.used_months):
            a = p.activity
            text = " ".join((a.why, *a.steps, *a.safety))
            assert "your baby" not in text.lower(), a.id


def test_stairs_wait_for_walking_and_come_once_walking() -> None:
    stairs = EN.activity_by_id["stairs-hand-held"]
    assert set(stairs.requires) == {"gm-15m-takes-steps", "gm-18m-walks-alone"}
    base = read_answers(ANSWERS_DIR / "mateo-28-meses.yaml", EN, today=TODAY)
    walking = score(EN, base, today=TODAY)
    assert "stairs-hand-held" in ids(plan_for_result(EN, walking))
    not_walking = dataclasses.replace(
        base, milestones={**base.milestones, "gm-18m-walks-alone": "sometimes"}
    )
    assert "stairs-hand-held" not in ids(plan_for_result(EN, score(EN, not_walking, today=TODAY)))


# --- 3. the per-area cap never drops practice for filler ------------------------------


def test_a_lost_gesture_keeps_its_game_ahead_of_any_filler() -> None:
    """Review: an 18-month-old who lost pointing lost the gesture game to spoon practice
    "for the next milestones"."""
    plan = plan_for_result(EN, from_file("noa-18-months-lost-pointing"))
    assert "gesture-games" in ids(plan)
    gesture = next(p for p in plan.activities if p.activity.id == "gesture-games")
    assert set(gesture.targets) == {"cm-15m-points-to-ask", "se-18m-points-to-show"}
    assert not FILLER.intersection(p.reason for p in plan.activities)


# --- 4. rules compare ids: the same plan in every language ----------------------------


def test_the_spanish_plan_shows_the_bath_line_as_the_english_one_does() -> None:
    """Review: the bath line looked for the English word "bath" in translated text."""
    en = document(EN, from_file("lucia-4-months"), "en")
    es = document(ES, from_file("lucia-4-meses", ES), "es")
    assert [c.id for c in en.activities] == [c.id for c in es.activities]
    assert bath_safety() in en.intro
    with speaking("es"):
        assert bath_safety() in es.intro
    assert "AAP HealthyChildren.org: Bath Seats: Avoid Use" in en.sources
    assert "AAP HealthyChildren.org: Bath Seats: Avoid Use" in es.sources
    assert [len(c.safety) for c in en.activities] == [len(c.safety) for c in es.activities]


@pytest.mark.slow
def test_the_written_plans_show_routines_in_the_readers_language(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    en = json_plan(cli, tmp_path, "lucia-4-months", "en")
    es = json_plan(cli, tmp_path, "lucia-4-meses", "es")
    en_cards, es_cards = en["activities"], es["activities"]
    assert isinstance(en_cards, list) and isinstance(es_cards, list)
    assert [c["id"] for c in en_cards] == [c["id"] for c in es_cards]
    routines = {r for c in es_cards for r in c["routines"]}
    assert "baño" in routines and "cambio de pañal" in routines
    assert not {"bath", "diaper_change", "diaper change"} & routines
    assert "asiento de baño" in str(es["intro"])


# --- 5. teethers do not teach closing the lips ----------------------------------------


def test_only_first_spoonfuls_practice_closing_the_lips() -> None:
    assert [a.id for a in EN.activities if "fd-6m-closes-lips" in a.targets] == [
        "spoon-feeding-together"
    ]


# --- 6. plans up to the oldest age served ---------------------------------------------


@pytest.mark.parametrize("months", [25, 27, 28, 29])
def test_toddlers_up_to_the_oldest_age_get_a_full_plan(months: int) -> None:
    assert EN.max_months == 29
    assert len(plan_for_focus(EN, months + 0.5).activities) == 4


def test_a_28_month_old_from_a_spanish_answer_file_gets_toddler_activities() -> None:
    result = from_file("mateo-28-meses", ES)
    plan = plan_for_result(ES, result)
    assert len(plan.activities) == 4
    assert all(p.activity.max_months >= 28 for p in plan.activities)


# --- issue 19: incomplete results and checked milestones ------------------------------


def test_an_incomplete_result_gets_activities_for_the_age() -> None:
    """All "not sure": too little to tell, so nothing is "for an area that needs more
    attention" (the result itself says it could not tell)."""
    result = from_file("theo-9-months-all-unsure")
    if result.overall != "incomplete":  # the overall step is scored elsewhere
        result = dataclasses.replace(result, overall="incomplete")  # type: ignore[arg-type]
    plan = plan_for_result(EN, result)
    assert len(plan.activities) == 4
    assert {p.reason for p in plan.activities} == {"age"}
    # This age's skills first: each practices a 9-month milestone.
    nine = {m.id for m in EN.checklist(9)}
    assert all(nine.intersection(p.activity.targets) for p in plan.activities)


def test_a_sometimes_on_a_checked_milestone_gets_a_check_not_practice() -> None:
    """A baby who reacts to loud sounds only sometimes needs a hearing check, not a
    sound-finding game."""
    result = from_file("ivy-2-months-hears-sometimes")
    plan = plan_for_result(EN, result)
    assert "sound-finding" not in ids(plan)
    assert all(p.reason != "domain" for p in plan.activities)
    assert all(not p.targets for p in plan.activities)


# --- properties over the shipped content ----------------------------------------------

SIGN_IDS = [w.id for w in EN.warning_signs]


@st.composite
def screenings(draw: st.DrawFn) -> tuple[Answers, int]:
    months = draw(st.sampled_from(EN.checklists))
    extra_days = draw(st.integers(min_value=3, max_value=25))
    later = draw(st.integers(min_value=0, max_value=5 if months == 24 else 0))
    birth = dt.date(2024, 1, 1)
    year, month = divmod(birth.month - 1 + months + later, 12)
    date = dt.date(birth.year + year, month + 1, 1) + dt.timedelta(days=extra_days)
    asked = [m.id for m in EN.milestones if m.months <= months]
    answers: dict[str, Answer] = {}
    for mid in draw(st.lists(st.sampled_from(asked), max_size=25, unique=True)):
        answers[mid] = draw(st.sampled_from(ANSWERS))
    for m in EN.checklist(months):
        answers.setdefault(m.id, draw(st.sampled_from(ANSWERS)))
    signs = draw(st.lists(st.sampled_from(SIGN_IDS), max_size=4, unique=True))
    return Answers(Child(birth, 40), date, answers, dict.fromkeys(signs, True)), months


PROPERTY = settings(
    max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY
@given(screenings(), st.integers(min_value=1, max_value=8))
def test_no_activity_is_ever_chosen_with_a_sign_it_avoids(
    drawn: tuple[Answers, int], max_activities: int
) -> None:
    answers, _ = drawn
    result = score(EN, answers, today=TODAY)
    reported = {w.id for w in result.warning_signs}
    plan = plan_for_result(EN, result, max_activities)
    for p in plan.activities:
        assert reported.isdisjoint(p.activity.avoid_with), (p.activity.id, reported)
    for lo in plan.left_out:
        assert set(lo.signs) <= reported and set(lo.signs) <= set(lo.activity.avoid_with)


@PROPERTY
@given(screenings())
def test_no_activity_comes_before_the_skills_it_requires(drawn: tuple[Answers, int]) -> None:
    answers, _ = drawn
    result = score(EN, answers, today=TODAY)
    not_reached = set(result.milestones_answered("not_yet")) | set(
        result.milestones_answered("sometimes")
    )
    for p in plan_for_result(EN, result, 8).activities:
        assert not_reached.isdisjoint(p.activity.requires), p.activity.id


@PROPERTY
@given(screenings())
def test_checked_answers_are_never_practiced(drawn: tuple[Answers, int]) -> None:
    answers, _ = drawn
    result = score(EN, answers, today=TODAY)
    checked = {m.id for m in EN.milestones if m.check}
    for p in plan_for_result(EN, result, 8).activities:
        assert checked.isdisjoint(p.targets)


@PROPERTY
@given(screenings())
def test_filler_never_comes_while_practice_for_an_answer_waits(
    drawn: tuple[Answers, int],
) -> None:
    answers, _ = drawn
    result = score(EN, answers, today=TODAY)
    plan = plan_for_result(EN, result, 4)
    if not FILLER.intersection(p.reason for p in plan.activities):
        return
    practiced = [p for p in plan.activities if p.targets]
    # Everything that practices a not-yet/sometimes answer made it into the plan.
    every = plan_for_result(EN, result, len(EN.activities))
    assert [p for p in every.activities if p.targets] == practiced


@PROPERTY
@given(screenings())
def test_plans_make_the_same_decisions_in_english_and_spanish(
    drawn: tuple[Answers, int],
) -> None:
    """No rule compares display text: the same ids, reasons, targets and safety lines."""
    answers, _ = drawn
    en_result, es_result = score(EN, answers, today=TODAY), score(ES, answers, today=TODAY)
    en_plan, es_plan = plan_for_result(EN, en_result), plan_for_result(ES, es_result)
    assert [(p.activity.id, p.reason, p.targets) for p in en_plan.activities] == [
        (p.activity.id, p.reason, p.targets) for p in es_plan.activities
    ]
    assert [lo.activity.id for lo in en_plan.left_out] == [
        lo.activity.id for lo in es_plan.left_out
    ]
    en_doc = document(EN, en_result, "en")
    es_doc = document(ES, es_result, "es")
    assert shared_lines(en_doc, "en") == shared_lines(es_doc, "es")
    assert [len(c.safety) for c in en_doc.activities] == [len(c.safety) for c in es_doc.activities]
    assert en_doc.sources[1:] == es_doc.sources[1:]


def shared_lines(doc: PlanDocument, lang: str) -> tuple[bool, bool]:
    """Whether the plan's intro holds the bath line and the feeding line, in ``lang``."""
    with speaking(lang):
        return bath_safety() in doc.intro, feeding_hold() in doc.intro


def test_the_property_strategy_reaches_avoided_and_required_activities() -> None:
    """The content the properties run over has both kinds of rule to break."""
    assert any(a.avoid_with for a in EN.activities)
    assert any(a.requires for a in EN.activities)
