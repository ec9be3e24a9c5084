"""The clinical review of the shipped content (issue 9; docs/content-sources.md):
one test per safety point, over the SHIPPED data, so that a future edit cannot quietly
undo it; and the early-intervention sentence in every "talk with someone" output."""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import Run
from ottool.core.activity_choice import plan_for_focus, plan_for_result
from ottool.core.content import Activity, Content, load_content
from ottool.core.screening import Answer, Answers, Child, ScreeningResult, score
from ottool.documents.plan_document import build_plan_document
from ottool.documents.result_document import box_advice, next_step
from ottool.documents.wording import BATH_SAFETY, CALL_ADVICE, EARLY_INTERVENTION, call_advice

SHIPPED: Content = load_content(Path(__file__).parents[1] / "data")


def texts(a: Activity) -> str:
    """Everything a family reads about an activity, lower-cased."""
    return " ".join([a.name, a.why, *a.steps, *a.safety, *a.materials]).lower()


def activities_targeting(*ids: str) -> list[Activity]:
    return [a for a in SHIPPED.activities if set(ids) & set(a.targets)]


# --- safety --------------------------------------------------------------------------


def test_no_young_baby_activity_mentions_a_sofa_couch_or_armchair() -> None:
    """AAP safe sleep 2022: sofas and armchairs are the most dangerous places to doze
    off with a baby, so activities for babies under 6 months never suggest one."""
    young = [a for a in SHIPPED.activities if a.min_months < 6]
    assert any(a.id == "tummy-to-chest" for a in young)
    for a in young:
        # A safety line that warns against them ("Not on a sofa…") is the one mention.
        suggested = [t for t in texts(a).split(". ") if not t.startswith("not on a sofa")]
        assert not re.search(r"\b(sofa|couch|armchair|settee)", ". ".join(suggested)), a.id


def test_chest_tummy_time_says_the_sofa_rule_out_loud() -> None:
    """AAP 2022: parents default to the sofa unless told; the safety list says why not."""
    safety = " ".join(SHIPPED.activity_by_id["tummy-to-chest"].safety).lower()
    assert "not on a sofa or armchair" in safety
    assert "most dangerous places to fall asleep" in safety


def test_tummy_to_chest_is_on_a_bed_or_firm_chair_while_awake() -> None:
    a = SHIPPED.activity_by_id["tummy-to-chest"]
    assert "firm chair" in texts(a) and "wide awake" in " ".join(a.safety)


def test_no_sitting_or_cup_activity_uses_the_bath() -> None:
    """Bath seats tip over and a baby in water is held (AAP HealthyChildren, Bath Seats)."""
    sitting = ("gm-6m-leans-on-hands", "gm-9m-sits-alone", "gm-9m-gets-to-sitting")
    cups = ("fd-12m-cup-held", "fd-18m-open-cup")
    chosen = activities_targeting(*sitting, *cups)
    chosen += [a for a in SHIPPED.activities if "sit your baby" in " ".join(a.steps).lower()]
    assert {"supported-sitting", "open-cup", "hand-to-hand"} <= {a.id for a in chosen}
    for a in chosen:
        assert "bath" not in a.routines, a.id
        assert "bath" not in " ".join(a.steps).lower(), a.id


def test_bath_play_holds_the_baby_and_warns_against_bath_seats() -> None:
    safety = " ".join(SHIPPED.activity_by_id["bath-play"].safety).lower()
    assert "one hand" in safety and "bath seat" in safety


def feeding_activities() -> list[Activity]:
    """Activities in the feeding area where food or drink goes into the mouth."""
    food = re.compile(
        r"\b(food|foods|eat|eating|drink|sip|spoon|spoonful|feed|feeds|bottle|breast)\b"
    )
    return [
        a
        for a in SHIPPED.activities
        if "feeding" in a.domains and food.search(" ".join(a.steps).lower())
    ]


def test_every_feeding_activity_says_what_to_do_when_a_child_chokes() -> None:
    found = feeding_activities()
    assert {"spoon-feeding-together", "finger-foods", "open-cup", "calm-feeds"} <= {
        a.id for a in found
    }
    for a in found:
        safety = " ".join(a.safety).lower()
        assert "cannot cough, cry or breathe" in safety, a.id
        assert "emergency services" in safety, a.id
        assert "choking first aid" in safety, a.id
        assert "first-aid course" in safety, a.id
        assert "chokes" not in safety, a.id  # choking is an emergency, not "often"


def test_solid_food_activities_say_gagging_is_normal_and_choking_is_not() -> None:
    for id in ("spoon-feeding-together", "finger-foods", "family-mealtimes", "spoon-practice"):
        assert "gagging is normal" in " ".join(SHIPPED.activity_by_id[id].safety).lower(), id


def test_no_homemade_rattle_with_small_pieces() -> None:
    for a in SHIPPED.activities:
        if "feeding" in a.domains:
            continue  # rice can be a food
        words = " ".join([*a.steps, *a.materials]).lower()
        assert not re.search(r"\b(rice|beans|beads|lentils|taped)\b", words), a.id


def test_dough_for_children_under_2_is_taste_safe() -> None:
    with_dough = [a for a in SHIPPED.activities if "dough" in texts(a) and a.min_months < 24]
    assert "messy-play" in {a.id for a in with_dough}
    for a in with_dough:
        assert "taste-safe" in texts(a), a.id
        assert not re.search(r"\bplay dough\b(?! is)", " ".join([*a.steps, *a.materials])), a.id


# --- warning signs --------------------------------------------------------------------


def test_breathing_trouble_in_feeds_is_its_own_urgent_sign() -> None:
    sign = SHIPPED.warning_sign_by_id["ws-feeding-breathing"]
    assert sign.level == "urgent"
    assert "call {emergency} now" in sign.advice
    assert sign.min_months == 0 and sign.max_months is None
    rest = SHIPPED.warning_sign_by_id["ws-feeding"]
    assert rest.level == "discuss"
    assert "breath" not in rest.text and "breath" not in rest.advice


@pytest.mark.parametrize(
    ("id", "min_months", "words"),
    [
        ("ws-hearing", 0, ("sounds", "voices", "hearing test")),
        ("ws-faces", 2, ("faces", "smile", "soon")),
        ("ws-eyes", 4, ("eyes", "cross", "eye check")),
    ],
)
def test_the_new_red_flags_exist_age_ranged_and_sourced(
    id: str, min_months: int, words: tuple[str, ...]
) -> None:
    sign = SHIPPED.warning_sign_by_id[id]
    assert sign.min_months == min_months
    assert sign.max_months is None or sign.max_months >= 12
    assert re.search(r"AAP|CDC", sign.source)
    said = (sign.text + " " + sign.advice).lower()
    for word in words:
        assert word in said, word


@pytest.mark.parametrize(
    "id", ["ws-stiff-or-floppy", "ws-weaker", "ws-one-side", "ws-hand-preference"]
)
def test_tone_weakness_and_one_side_advice_says_within_days(id: str) -> None:
    sign = SHIPPED.warning_sign_by_id[id]
    assert re.search(r"within (a few |the next few )?days", sign.advice), sign.advice
    assert "at the next visit" not in sign.advice
    assert "Noritz" in sign.source


def test_loss_of_skills_names_words_pointing_and_eye_contact() -> None:
    sign = SHIPPED.warning_sign_by_id["ws-lost-skills"]
    assert sign.level == "urgent"
    for word in ("words", "pointing", "eye contact"):
        assert word in sign.text


# --- check and normed -------------------------------------------------------------------


def test_hearing_and_faces_are_checked() -> None:
    assert SHIPPED.milestone_by_id["cm-2m-reacts-loud-sounds"].check == "ws-hearing"
    assert SHIPPED.milestone_by_id["se-2m-looks-at-face"].check == "ws-faces"


def test_no_activity_targets_a_checked_milestone() -> None:
    checked = {m.id for m in SHIPPED.milestones if m.check}
    assert checked
    for a in SHIPPED.activities:
        assert not checked & set(a.targets), a.id


def test_normed_and_pathways_rules_hold_on_the_shipped_content(cli: Callable[..., Run]) -> None:
    """normed agrees with the source, and Pathways.org is cited only up to 18 months and
    for textures at 7-9 months: rules of `ottool validate` (ottool.core.content.editorial,
    broken one by one in tests/test_editorial.py)."""
    run = cli("validate", "--data-dir", Path(__file__).parents[1] / "data")
    assert run.exit_code == 0, run.stderr
    assert not SHIPPED.milestone_by_id["sn-18m-messy-hands"].normed
    assert any("Pathways" in m.source and "textures" in m.source for m in SHIPPED.milestones)


def test_a_not_yet_on_reacts_to_loud_sounds_reports_the_hearing_sign() -> None:
    day = dt.date(2026, 11, 1)
    child = Child(day - dt.timedelta(days=70))
    result = score(SHIPPED, Answers(child, day, {"cm-2m-reacts-loud-sounds": "not_yet"}))
    assert [w.id for w in result.warning_signs] == ["ws-hearing"]
    assert result.overall == "discuss"


# --- milestones --------------------------------------------------------------------------


def test_18_months_has_feeds_self_with_fingers_from_cdc() -> None:
    m = SHIPPED.milestone_by_id["fd-18m-feeds-self-fingers"]
    assert m.months == 18 and m.normed and m.source.startswith("CDC")
    assert activities_targeting(m.id)


def test_lumpy_foods_allow_baby_led_weaning() -> None:
    m = SHIPPED.milestone_by_id["fd-9m-lumpy-foods"]
    assert "from a spoon or as finger food" in m.text
    assert "NHS" in m.source


def test_head_up_question_asks_for_holding_the_head_up() -> None:
    assert "short moment" not in SHIPPED.milestone_by_id["gm-2m-head-up-tummy"].prompt


def test_supported_sitting_moves_support_from_chest_to_hips() -> None:
    steps = " ".join(SHIPPED.activity_by_id["supported-sitting"].steps)
    assert steps.index("chest") < steps.index("hips")


def test_tummy_minutes_match_their_dose_and_stay_on_the_floor() -> None:
    a = SHIPPED.activity_by_id["tummy-minute"]
    assert a.minutes == 2 and "2 minutes" in " ".join(a.steps)
    assert "changing mat" not in texts(a)
    assert "on the floor" in " ".join(a.safety)


# --- early intervention in every "talk with someone" output ---------------------------


def test_the_early_intervention_sentence_is_in_the_discuss_and_urgent_advice() -> None:
    assert "early intervention" in EARLY_INTERVENTION
    discuss = screen_shipped(AT_2M, {"gm-2m-head-up-tummy": "not_yet"})
    urgent = screen_shipped(AT_2M, {}, {"ws-lost-skills": True})
    for result in (discuss, urgent):
        assert "early_intervention" in result.referrals
        assert EARLY_INTERVENTION in box_advice(SHIPPED, result)


ANSWERS = {
    "discuss": "answers:\n  gm-2m-head-up-tummy: not yet\n",
    "urgent": "answers:\n  gm-2m-head-up-tummy: yes\nwarning_signs:\n  ws-lost-skills: true\n",
}


def flat(text: str) -> str:
    """Words only: no line breaks, panel borders or case to get in the way."""
    return re.sub(r"[\s\u2500-\u257f]+", " ", text).lower()


@pytest.fixture(params=sorted(ANSWERS))
def result_file(
    request: pytest.FixtureRequest, cli: Callable[..., Run], tmp_path: Path
) -> tuple[str, Path, Run]:
    """A screening of a 10-week-old on the shipped content, as a result file."""
    overall = request.param
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        f"child:\n  birth_date: 2026-01-01\ndate: 2026-03-12\n{ANSWERS[overall]}", "utf-8"
    )
    result = tmp_path / "result.json"
    run = cli("screen", "--answers", answers, "--format", "json", "--output", result)
    assert run.exit_code == 0, run.output
    assert json.loads(result.read_text())["overall"] == overall
    return overall, answers, result


def test_the_terminal_result_mentions_early_intervention(
    result_file: tuple[str, Path, Path], cli: Callable[..., Run]
) -> None:
    _, answers, _ = result_file
    run = cli("screen", "--answers", answers, "--format", "terminal")
    assert run.exit_code == 0, run.output
    assert flat(EARLY_INTERVENTION) in flat(run.stdout)


@pytest.mark.parametrize(
    "fmt", ["terminal", "md", "html", "json", pytest.param("pdf", marks=pytest.mark.slow)]
)
def test_every_plan_format_mentions_early_intervention(
    result_file: tuple[str, Path, Path], cli: Callable[..., Run], tmp_path: Path, fmt: str
) -> None:
    _, _, result = result_file
    if fmt == "terminal":
        run = cli("plan", "--from", result, "--format", "terminal")
        assert run.exit_code == 0, run.output
        text = run.stdout
    else:
        out = tmp_path / f"plan.{fmt}"
        run = cli("plan", "--from", result, "--format", fmt, "--output", out)
        assert run.exit_code == 0, run.output
        if fmt == "pdf":
            reader = PdfReader(io.BytesIO(out.read_bytes()))
            text = " ".join(page.extract_text() for page in reader.pages)
        else:
            text = out.read_text("utf-8")
        if fmt == "json":
            text = json.loads(text)["overall_advice"]
    assert "early intervention" in flat(text)


def test_help_calls_ottool_a_milestone_check(cli: Callable[..., Run]) -> None:
    run = cli("--help")
    assert "screening aid" not in flat(run.stdout)
    assert "milestone check" in flat(run.stdout)


def test_the_shared_when_to_call_line_asks_for_contact_soon() -> None:
    """Plans show most signs without their own advice, so the shared line must not say
    "at the next visit" while tone, weakness and one-side signs ask for "within days"."""
    assert "next visit" not in CALL_ADVICE and "soon" in CALL_ADVICE


# --- clinical review 2 (docs/content-sources.md, the clinical reviews) ---------------------

AT_2M = 70  # days: the 2-month checklist, not early


def screen_shipped(
    days: int, answers: dict[str, Answer], signs: dict[str, bool] | None = None
) -> ScreeningResult:
    """A screening on the shipped content; unanswered milestones of the checklist are yes."""
    day = dt.date(2026, 11, 1)
    child = Child(day - dt.timedelta(days=days))
    months = 2 if days < 120 else 18
    given: dict[str, Answer] = {m.id: "yes" for m in SHIPPED.checklist(months)}
    given.update(answers)
    return score(SHIPPED, Answers(child, day, given, signs or {}))


def test_a_not_yet_on_calm_feeds_reports_the_feeding_sign_and_is_not_practised() -> None:
    """Review #1: a 'not yet' on feeding in rhythm is ASHA's feeding-disorder sign."""
    m = SHIPPED.milestone_by_id["fd-2m-feeds-calmly"]
    assert m.check == "ws-feeding"
    assert "breathe" not in m.prompt
    result = screen_shipped(AT_2M, {"fd-2m-feeds-calmly": "not_yet"})
    assert [w.id for w in result.warning_signs] == ["ws-feeding"]
    assert result.overall == "discuss"
    assert result.domain("feeding").status == "discuss"
    assert "calm-feeds" not in [p.activity.id for p in plan_for_result(SHIPPED, result).activities]


def test_trouble_breathing_opens_the_result_with_the_emergency_action(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """Review #2: the first words a parent reads are the emergency action."""
    sign = SHIPPED.warning_sign_by_id["ws-feeding-breathing"]
    assert sign.emergency and sign.advice.startswith("If your child is struggling to breathe")
    assert [w.id for w in SHIPPED.warning_signs if w.emergency] == ["ws-feeding-breathing"]
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "child:\n  birth_date: 2026-01-01\ndate: 2026-03-12\n"
        "warning_signs:\n  ws-feeding-breathing: true\n",
        "utf-8",
    )
    run = cli("screen", "--answers", answers, "--format", "terminal")
    assert run.exit_code == 0, run.output
    out = flat(run.stdout)
    box = out[out.index("emergency: call") : out.index("what you noticed")]
    first = box[box.index("if your child is struggling") :]
    # The sign's advice names the number itself, so the box does not say it twice.
    assert first.startswith(flat("If your child is struggling to breathe or turns blue or grey,"))
    assert flat("call your local emergency number (such as 112 or 911) now") in first
    assert "if it is happening now, call" not in box
    assert "within the next few days" not in box
    assert "early intervention" not in box


@pytest.mark.parametrize("fmt", ["md", "html", "json", pytest.param("pdf", marks=pytest.mark.slow)])
def test_an_emergency_heads_every_result_and_plan_with_today_not_soon(
    cli: Callable[..., Run], tmp_path: Path, fmt: str
) -> None:
    """A heading "contact your child's doctor soon" above "call emergency services now"
    asked for less haste than the advice; lost skills alone keep "soon"."""
    headings = {}
    for sign in ("ws-feeding-breathing", "ws-lost-skills"):
        answers = tmp_path / f"{sign}.yaml"
        answers.write_text(
            f"child:\n  birth_date: 2026-01-01\ndate: 2026-03-12\nwarning_signs:\n  {sign}: true\n",
            "utf-8",
        )
        result = tmp_path / f"{sign}.json"
        screen = cli("screen", "--answers", answers, "--format", "json", "--output", result)
        assert screen.exit_code == 0, screen.output
        assert json.loads(result.read_text())["overall"] == "urgent"
        terminal = cli("screen", "--answers", answers, "--format", "terminal")
        out = tmp_path / f"{sign}-plan.{fmt}"
        run = cli("plan", "--from", result, "--format", fmt, "--output", out)
        assert run.exit_code == 0, run.output
        if fmt == "pdf":
            text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
        elif fmt == "json":
            text = json.loads(out.read_text("utf-8"))["overall"]
        elif fmt == "html":
            text = html.unescape(re.sub(r"<[^>]+>", " ", out.read_text("utf-8")))
        else:
            text = out.read_text("utf-8")
        headings[sign] = (flat(terminal.stdout), flat(text))
    # The heading: after its '!!' mark, or the PDF's "Next step:" (the PDF draws the mark).
    heading = re.compile(
        r"(?:!!|next step:) (?:!! )?(emergency: call|contact your child's doctor \w+)"
    )
    for sign, when in (
        ("ws-feeding-breathing", "emergency: call"),
        ("ws-lost-skills", "contact your child's doctor within"),
    ):
        for text in headings[sign]:
            assert set(heading.findall(text)) == {when}, (sign, text[:300])


def test_lost_skills_alone_keeps_the_within_days_advice() -> None:
    result = screen_shipped(AT_2M, {}, {"ws-lost-skills": True})
    assert result.act == "days"
    step = next_step(SHIPPED, result)
    assert step.words == "Contact your child's doctor within the next few days"
    assert step.advice.startswith("Do not wait for a routine visit")


def test_no_hearing_practice_for_a_baby_who_does_not_react_to_loud_sounds() -> None:
    """Review #3 case (a): the hearing test comes first, and no 'needs attention' picks
    for sounds and words only because of the checked milestone."""
    result = screen_shipped(AT_2M, {"cm-2m-reacts-loud-sounds": "not_yet"})
    assert [w.id for w in result.warning_signs] == ["ws-hearing"]
    plan = plan_for_result(SHIPPED, result)
    assert plan.activities
    for p in plan.activities:
        # (The sign's other area, sensory, reads "worth talking about" and may get
        # activities for it; sounds and words get none because of the check.)
        assert not (p.reason == "domain" and "communication" in p.activity.domains), p


def test_seated_bath_play_is_gone_from_bang_and_clap_and_in_and_out() -> None:
    """Review #4: seated bath play is where parents reach for a bath seat."""
    for aid in ("bang-and-clap", "in-and-out"):
        assert "bath" not in SHIPPED.activity_by_id[aid].routines


def test_every_plan_with_a_bath_activity_says_the_bath_rules_once() -> None:
    """Review #4 (AAP, Bath Seats: Avoid Use): one shared line, only where it applies."""
    bathing = [a for a in SHIPPED.activities if "bath" in a.routines]
    assert {"calming-routine", "mouth-play", "bath-play"} <= {a.id for a in bathing}
    for a in bathing:
        plan = plan_for_focus(SHIPPED, a.min_months, activity_ids=[a.id], max_activities=1)
        doc = build_plan_document(SHIPPED, plan, date=dt.date(2026, 11, 1))
        assert doc.intro.count(BATH_SAFETY) == 1, a.id
        assert any("Bath Seats" in s for s in doc.sources), a.id
    dry = plan_for_focus(SHIPPED, 12, activity_ids=["bang-and-clap"], max_activities=1)
    assert BATH_SAFETY not in build_plan_document(SHIPPED, dry).intro


@pytest.mark.parametrize("months", [13, 18, 24, 29])
def test_faces_and_social_communication_signs_reach_the_toddler_years(months: int) -> None:
    """Review #5: NICHD/AAP red flags for gestures, name and eye contact after 12 months."""
    ids = {w.id for w in SHIPPED.warning_signs_at(months)}
    assert {"ws-faces", "ws-social-communication"} <= ids


def test_the_social_communication_sign_asks_about_autism_screening_and_hearing() -> None:
    w = SHIPPED.warning_sign_by_id["ws-social-communication"]
    assert (w.min_months, w.max_months, w.level) == (12, 29, "discuss")
    assert set(w.domains) == {"social_emotional", "communication"}
    assert "autism screening" in w.advice and "hearing test" in w.advice
    assert "point" in w.text and "name" in w.text


def test_gesture_games_asks_about_gestures_by_12_months() -> None:
    """Review #6: CDC 2022 has waving at 12 months; the red flag is no gestures by 12."""
    safety = " ".join(SHIPPED.activity_by_id["gesture-games"].safety)
    assert "by 12 months" in safety and "15 months" not in safety


def test_smiles_tracking_and_turning_to_voice_are_checked_not_practised() -> None:
    """Review #7: a 'not yet' on these is a faces, eye or hearing red flag (pre-2022 CDC)."""
    expected = {
        "se-2m-smiles-back": "ws-faces",
        "cg-2m-watches-you-move": "ws-no-tracking",
        "cm-4m-turns-to-voice": "ws-hearing",
    }
    for mid, sign in expected.items():
        assert SHIPPED.milestone_by_id[mid].check == sign
        assert not activities_targeting(mid), mid
        months = SHIPPED.milestone_by_id[mid].months
        assert SHIPPED.warning_sign_by_id[sign].applies_at(months), mid


def test_calming_does_not_suggest_swaddling() -> None:
    """Review #9: Pathways says rocking, touch and gentle sounds; swaddling has
    safe-sleep limits (AAP 2022) that a milestone question cannot carry."""
    m = SHIPPED.milestone_by_id["sn-2m-calms-with-rocking"]
    for text in (m.text, m.prompt):
        assert not re.search(r"swaddl|wrap", text.lower()), text


def test_tummy_time_step_counts_all_tummy_time_towards_30_minutes() -> None:
    """Review #10: the 5 x 3 dose is a start; every tummy time in the day counts."""
    steps = " ".join(SHIPPED.activity_by_id["tummy-time-floor"].steps)
    assert "All tummy time in the day counts" in steps and "at least 30" not in steps


def test_tummy_across_lap_has_no_unsourced_wait_and_a_toy_to_look_up_at() -> None:
    """Review #11 and #12."""
    a = SHIPPED.activity_by_id["tummy-across-lap"]
    assert not re.search(r"\d+ to \d+ minutes after a feed", texts(a))
    assert "not straight after a feed" in " ".join(a.safety)
    assert "floor-side" not in texts(a) and "above their eyes" in " ".join(a.steps)


def test_no_thin_rattle_and_no_sponge_to_mouth_or_squeeze() -> None:
    """Review #13 and #14: narrow rattle ends and bitten-off sponge are choking risks."""
    for a in SHIPPED.activities:
        assert "thin rattle" not in texts(a) and "thin handle" not in texts(a), a.id
        assert "sponge" not in texts(a), a.id
    assert "made for babies" in texts(SHIPPED.activity_by_id["open-hands"])


def test_settles_after_noise_cites_only_ot_practice() -> None:
    """Review #16: Pathways has no such item at 13-18 months."""
    m = SHIPPED.milestone_by_id["sn-15m-settles-after-noise"]
    assert m.source == "Common occupational therapy practice" and not m.normed


def test_calm_feeds_says_what_to_do_about_breathing_trouble() -> None:
    """Review #17: the same emergency as ws-feeding-breathing."""
    safety = " ".join(SHIPPED.activity_by_id["calm-feeds"].safety)
    assert "turns blue or grey during a feed, call emergency services" in safety


def test_six_month_sensory_item_leaves_textures_to_later() -> None:
    """Review #15: Pathways puts textures at 7-9 months."""
    m = SHIPPED.milestone_by_id["sn-6m-explores-textures"]
    assert "feel different" not in m.text and "bumpy" not in m.prompt


def test_the_shared_when_to_call_line_mentions_early_intervention() -> None:
    """Review #8 (footer part): families may ask for early intervention themselves."""
    assert "early intervention" in call_advice()


def test_mouth_play_brushes_teeth_with_fluoride_toothpaste() -> None:
    """Review #18 (NHS): brush twice a day with a smear of fluoride toothpaste."""
    steps = " ".join(SHIPPED.activity_by_id["mouth-play"].steps)
    assert "twice a day" in steps and "fluoride toothpaste" in steps


@pytest.mark.parametrize("aid", ["spoon-feeding-together", "family-mealtimes"])
def test_mealtime_activities_say_no_honey_before_12_months(aid: str) -> None:
    """Review #19 (NHS Start for Life): no honey before 1 year."""
    assert "No honey before 12 months" in " ".join(SHIPPED.activity_by_id[aid].safety)


def test_messy_play_with_food_carries_the_choking_line() -> None:
    """Review #20: yoghurt or banana on the tray at 8+ months."""
    safety = " ".join(SHIPPED.activity_by_id["messy-play"].safety)
    assert "cannot cough, cry or breathe" in safety


def test_baby_massage_avoids_nut_oils_and_oil_in_the_first_month() -> None:
    """Review #22."""
    a = SHIPPED.activity_by_id["baby-massage"]
    assert "sunflower" not in texts(a) and "nut oil" in texts(a) and "first month" in texts(a)


def test_aeroplane_rides_are_held_firmly_and_low() -> None:
    """Review #23."""
    steps = " ".join(SHIPPED.activity_by_id["movement-play"].steps)
    assert "held firmly in both hands, low over a soft floor" in steps


def test_the_printed_plan_box_leads_with_emergencies_only() -> None:
    """Checked signs' advice shows beside them under "When to call" on the plan."""
    result = screen_shipped(AT_2M, {"cm-2m-reacts-loud-sounds": "not_yet"})
    doc = build_plan_document(SHIPPED, plan_for_result(SHIPPED, result), result=result)
    assert doc.overall_advice == box_advice(SHIPPED, result)
    # A baby who does not react to sounds needs a hearing test soon, not at the next
    # routine visit: the sign's own advice says "soon", and its time frame is days.
    assert doc.overall_advice.startswith("Do not wait for a routine visit")
    assert "a hearing test" in doc.overall_advice
    hearing = SHIPPED.warning_sign_by_id["ws-hearing"]
    assert hearing.act == "days"
    assert any(s.reported and s.advice == hearing.advice for s in doc.when_to_call)
    breathing = screen_shipped(AT_2M, {}, {"ws-feeding-breathing": True})
    doc = build_plan_document(SHIPPED, plan_for_result(SHIPPED, breathing), result=breathing)
    assert doc.overall_advice is not None
    assert doc.overall_advice.startswith("If your child is struggling to breathe")
    assert "call your local emergency number (such as 112 or 911) now" in doc.overall_advice


def test_feeding_signs_name_what_parents_recognise() -> None:
    """ASHA's signs of a feeding or swallowing problem include milk or food coming out of
    the nose and, in toddlers, taking only smooth purées; both are 'discuss', not urgent."""
    signs = SHIPPED.warning_sign_by_id
    assert "out of the nose" in signs["ws-feeding"].text
    purees = signs["ws-only-purees"]
    assert purees.level == "discuss"
    assert purees.min_months >= 12  # before then smooth food is normal
    assert "ASHA" in purees.source


def test_finger_foods_are_soft_whatever_their_size() -> None:
    """A large hard piece is not safe because it is too big to swallow: a baby bites or
    gums a chunk off it (NHS and AAP: finger foods soft enough to squash between finger
    and thumb)."""
    for lang in ("en", "es"):
        content = load_content(Path(__file__).parents[1] / "data", lang=lang)
        line = next(
            s
            for s in content.activity_by_id["finger-foods"].safety
            if "pulgar" in s or "thumb" in s
        ).lower()
        assert ("too big to swallow" in line) is False and ("demasiado grande" in line) is False
        assert ("whatever their size" in line) or ("sea cual sea su tamaño" in line)


def test_knee_bouncing_is_not_offered_to_toddlers_by_age() -> None:
    """Swaying and knee bouncing is held-baby play: an 18-month-old who is not walking
    (Mateo) gets push-toy and climbing play, not a baby card about head control."""
    mateo: dict[str, Answer] = {m.id: "yes" for m in SHIPPED.checklist(18)}
    mateo.update({"gm-15m-takes-steps": "not_yet", "gm-18m-walks-alone": "not_yet"})
    child = Child(name="Mateo", birth_date=dt.date(2025, 5, 20))
    result = score(SHIPPED, Answers(child, dt.date(2026, 11, 25), mateo))
    chosen = {p.activity.id for p in plan_for_result(SHIPPED, result).activities}
    assert "push-toy-walking" in chosen and "movement-play" not in chosen
