"""What a result decides (docs/design.md §4, issue 19): one `act` never less urgent than what
it reports, referrals, the region's words, a concern that counts, `incomplete`, and a
`check:` milestone answered "sometimes". Built on a small content made in code, so each
rule is tested apart from the shipped YAML (test_decisions_cli.py runs the realistic
answer files through the command line)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import Run, make_content
from ottool.core.content import Content, Milestone, WarningSign
from ottool.core.content.models import Referral, Region
from ottool.core.errors import InputError
from ottool.core.i18n import territory_from_environment
from ottool.core.next_steps import many_areas_discuss
from ottool.core.region import choose_region
from ottool.core.screening import (
    Answer,
    Answers,
    Child,
    ScreeningResult,
    score,
)
from ottool.core.vocabulary import ACTS, REFERRAL_KINDS, Act
from ottool.documents.result_document import box_advice, build_result_document, next_step
from ottool.documents.wording import CATCH_UP, EARLY_INTERVENTION, NEUTRAL_EMERGENCY
from properties import examples

DAY = dt.date(2026, 11, 1)
AT_4M = 135  # days: the 4-month checklist
AT_18M = 18 * 31  # days: the 18-month checklist


def ms(
    id: str,
    months: int,
    domain: str,
    *,
    check: str | None = None,
    refer: tuple[str, ...] = (),
    normed: bool = True,
) -> Milestone:
    return Milestone(
        id=id,
        months=months,
        domain=domain,
        text=id,
        source="test",
        check=check,
        refer=refer,
        normed=normed,
    )


def ws(
    id: str,
    act: Act = "visit",
    domains: tuple[str, ...] = ("gross_motor",),
    *,
    level: str = "discuss",
    refer: tuple[str, ...] = (),
    advice: str = "",
) -> WarningSign:
    return WarningSign(
        id=id,
        text=id,
        min_months=0,
        domains=domains,
        level=level,  # type: ignore[arg-type]
        advice=advice or f"advice for {id}",
        source="test",
        act=act,  # type: ignore[arg-type]
        refer=refer,
    )


AREAS = ["gross_motor", "fine_motor", "communication", "social_emotional", "feeding"]
MILESTONES = (
    ms("gm-4m-head", 4, "gross_motor"),
    ms("gm-4m-tone", 4, "gross_motor", check="ws-tone"),
    ms("fm-4m-grasp", 4, "fine_motor", refer=("occupational_therapy",)),
    ms("cm-4m-loud-sounds", 4, "communication", check="ws-hearing"),
    ms("cm-4m-coos", 4, "communication"),
    ms("se-4m-smiles-for-attention", 4, "social_emotional"),
    ms("fd-4m-feeds", 4, "feeding", check="ws-feeding", normed=False),
    ms("gm-18m-walks", 18, "gross_motor"),
    ms("cm-18m-words", 18, "communication"),
    ms("se-18m-points", 18, "social_emotional"),
    ms("fm-18m-scribbles", 18, "fine_motor"),
    ms("fd-18m-spoon", 18, "feeding"),
)
SIGNS = (
    ws("ws-lost-skills", "days", tuple(AREAS), level="urgent"),
    ws("ws-breathing", "emergency", ("feeding",), level="urgent", refer=("feeding_specialist",)),
    ws("ws-spasms", "today", ("gross_motor",)),
    ws("ws-tone", "days", ("gross_motor",), refer=("physical_therapy",)),
    ws("ws-hearing", "visit", ("communication",), refer=("hearing_test",)),
    ws("ws-feeding", "visit", ("feeding",), refer=("feeding_specialist",)),
    ws("ws-head-turn", "visit", ("gross_motor",)),
)
REFERRALS = tuple(Referral(id=k, name=f"the {k.replace('_', ' ')}") for k in REFERRAL_KINDS)
REGIONS = (
    Region(
        id="MX", name="Mexico", emergency="911", early_intervention="Ask at the centro de salud."
    ),
    Region(id="ES", name="Spain", emergency="112", early_intervention="Ask for Atención Temprana."),
    Region(id="GB", name="United Kingdom", emergency="999", early_intervention="Ask your GP."),
)


def content_with(**changes: object) -> Content:
    from dataclasses import replace

    base = make_content(AREAS, MILESTONES, signs=SIGNS)
    return replace(base, referrals=REFERRALS, regions=REGIONS, max_months=29, **changes)  # type: ignore[arg-type]


CONTENT = content_with()
ALL_YES_4M = {m.id: "yes" for m in MILESTONES if m.months == 4}
ALL_YES_18M = {m.id: "yes" for m in MILESTONES if m.months == 18}


def screen(
    answers: Mapping[str, Answer],
    signs: Mapping[str, bool] | None = None,
    *,
    days: int = AT_4M,
    concerns: str | None = None,
    weeks: int = 40,
    region: str | None = None,
    content: Content = CONTENT,
) -> ScreeningResult:
    birth = DAY - dt.timedelta(days=days)
    given = Answers(Child(birth, weeks), DAY, dict(answers), dict(signs or {}), concerns)
    return score(content, given, today=DAY, region=region)


# --- one act, never less urgent than what it reports (items 2 and 8) -------------------


@pytest.mark.parametrize(
    ("sign", "act"),
    [("ws-breathing", "emergency"), ("ws-spasms", "today"), ("ws-tone", "days")],
)
def test_the_headline_asks_for_the_signs_haste(sign: str, act: str) -> None:
    result = screen(ALL_YES_4M, {sign: True})
    assert result.act == act
    step = next_step(CONTENT, result)
    assert step.act == act and step.urgent


def test_a_sign_asking_for_days_heads_the_box_with_days_not_the_next_visit() -> None:
    result = screen(ALL_YES_4M, {"ws-tone": True, "ws-head-turn": True})
    step = next_step(CONTENT, result)
    assert step.words == "Contact your child's doctor within the next few days"
    assert "next visit" not in step.advice


def test_half_the_areas_discuss_asks_for_days() -> None:
    many = screen({**ALL_YES_4M, "gm-4m-head": "not_yet", "fm-4m-grasp": "not_yet",
                   "cm-4m-coos": "not_yet"})  # fmt: skip
    assert many.overall == "discuss" and many.act == "days"
    one = screen({**ALL_YES_4M, "gm-4m-head": "not_yet"})
    assert one.overall == "discuss" and one.act == "visit"


def test_a_tone_item_answered_not_yet_asks_for_days_through_its_sign() -> None:
    result = screen({**ALL_YES_4M, "gm-4m-tone": "not_yet"})
    assert [w.id for w in result.warning_signs] == ["ws-tone"]
    assert result.act == "days"


def test_everything_not_yet_says_each_piece_of_advice_once() -> None:
    result = screen(dict.fromkeys(ALL_YES_4M, "not_yet"))
    assert many_areas_discuss(result.domains)
    assert result.act == "days"
    box = box_advice(CONTENT, result)
    for w in result.warning_signs:
        assert w.advice not in box  # each sign's advice is under "What you noticed"
    assert box.count("routine visit") == 1
    assert box.count(EARLY_INTERVENTION) == 1
    doc = build_result_document(CONTENT, result)
    assert [s.id for s in doc.noticed] == ["ws-tone", "ws-hearing", "ws-feeding"]


def test_the_same_advice_under_two_signs_is_shown_once() -> None:
    same = "Contact the doctor within days."
    content = content_with(
        warning_signs=(ws("ws-a", "days", advice=same), ws("ws-b", "days", advice=same))
    )
    result = screen(ALL_YES_4M, {"ws-a": True, "ws-b": True}, content=content)
    noticed = build_result_document(content, result).noticed
    assert [s.advice for s in noticed] == [same, ""]


ACT_LEVEL = {a: i for i, a in enumerate(ACTS)}  # lower is more urgent
answers_st = st.dictionaries(
    st.sampled_from([m.id for m in MILESTONES]),
    st.sampled_from(["yes", "sometimes", "not_yet", "unsure"]),
)
signs_st = st.dictionaries(st.sampled_from([w.id for w in SIGNS]), st.booleans())
PROPS = settings(max_examples=examples(200), deadline=None)


@PROPS
@given(
    answers=answers_st,
    signs=signs_st,
    days=st.sampled_from([20, AT_4M, 200, AT_18M, 24 * 31]),
    concerns=st.sampled_from([None, "", "worried about his legs"]),
)
def test_act_is_never_less_urgent_than_any_reported_signs_act(
    answers: dict[str, Answer], signs: dict[str, bool], days: int, concerns: str | None
) -> None:
    result = screen(answers, signs, days=days, concerns=concerns)
    for w in result.warning_signs:
        assert ACT_LEVEL[result.act] <= ACT_LEVEL[w.act], (w.id, w.act, result.act)
    if result.overall in ("discuss", "urgent"):
        assert ACT_LEVEL[result.act] <= ACT_LEVEL["visit"]
        assert {"doctor", "early_intervention"} <= set(result.referrals)
    else:
        assert result.referrals == ()
    for w in result.warning_signs:
        assert set(w.refer) <= set(result.referrals)
        for d in w.domains:
            assert result.domain(d).status == "discuss"
    step = next_step(CONTENT, result)
    assert step.act == result.act
    assert step.urgent == (result.act in ("emergency", "today", "days"))


@PROPS
@given(answers=answers_st, answer=st.sampled_from(["not_yet", "sometimes"]))
def test_not_yet_or_sometimes_on_a_check_milestone_always_reports_its_sign(
    answers: dict[str, Answer], answer: Answer
) -> None:
    for m in MILESTONES:
        if m.check and m.months == 4:
            result = screen({**answers, m.id: answer})
            assert m.check in [w.id for w in result.warning_signs]
            assert result.domain(m.domain).status == "discuss"


# --- a written concern (item 3), incomplete (item 4), sometimes (item 5) -----------------


def test_a_written_concern_makes_the_result_worth_talking_about_and_says_why() -> None:
    quiet = screen(ALL_YES_4M)
    assert (quiet.overall, quiet.act) == ("on_track", "next_check")
    worried = screen(ALL_YES_4M, concerns="Does not seem to hear us")
    assert (worried.overall, worried.act) == ("discuss", "visit")
    box = box_advice(CONTENT, worried)
    assert "You wrote down a worry" in box
    assert CATCH_UP not in box
    doc = build_result_document(CONTENT, worried)
    assert doc.concerns_hint == ""  # said once, in the box
    assert screen(ALL_YES_4M, concerns="   ").overall == "on_track"


def test_nothing_answered_is_incomplete_and_says_it_could_not_tell() -> None:
    result = screen({})
    assert (result.overall, result.act) == ("incomplete", "recheck")
    step = next_step(CONTENT, result)
    assert step.symbol == "?" and step.words == "Not enough answers to tell"
    assert "cannot tell how your child is doing" in step.advice
    assert "That is common" not in step.advice
    assert result.next_check is not None and result.next_check.why == "recheck"


def test_half_answered_is_not_incomplete() -> None:
    half = dict(list(ALL_YES_4M.items())[:4])  # 4 of 7 answered
    assert screen(half).overall != "incomplete"


def test_a_sign_or_a_concern_outranks_too_little_answered() -> None:
    assert screen({}, {"ws-head-turn": True}).overall == "discuss"
    assert screen({}, concerns="worried").overall == "discuss"


def test_sometimes_on_a_hearing_item_reports_the_hearing_sign_and_its_referral() -> None:
    result = screen({**ALL_YES_4M, "cm-4m-loud-sounds": "sometimes"})
    assert [w.id for w in result.warning_signs] == ["ws-hearing"]
    assert result.domain("communication").status == "discuss"
    assert "hearing_test" in result.referrals
    assert "the hearing test" in box_advice(CONTENT, result)


# --- referrals (item 7) ------------------------------------------------------------------


def test_referrals_come_from_signs_areas_and_milestones_in_content_order() -> None:
    result = screen({**ALL_YES_4M, "fm-4m-grasp": "not_yet"}, {"ws-tone": True})
    assert result.referrals == (
        "doctor",
        "early_intervention",
        "occupational_therapy",
        "physical_therapy",
    )
    box = box_advice(CONTENT, result)
    assert "Ask about the occupational therapy and the physical therapy." in box


SPEECH = ["speech_therapy", "hearing_test", "developmental_screening", "autism_screening"]


@pytest.mark.parametrize(
    ("answers", "signs"),
    [
        ({**ALL_YES_18M, "cm-18m-words": "not_yet"}, {}),
        ({**ALL_YES_18M, "se-18m-points": "not_yet"}, {}),
        (ALL_YES_18M, {"ws-lost-skills": True}),
    ],
    ids=["no-words", "no-pointing", "lost-skills"],
)
def test_missing_speech_or_a_lost_skill_at_18_months_names_the_speech_checks_now(
    answers: dict[str, Answer], signs: dict[str, bool]
) -> None:
    result = screen(answers, signs, days=AT_18M)
    assert set(SPEECH) | {"early_intervention"} <= set(result.referrals)
    assert result.act == "days"
    box = box_advice(CONTENT, result)
    assert "catch up" not in box
    assert "Ask about these now" in box


def test_a_missed_motor_milestone_at_18_months_is_not_a_speech_concern() -> None:
    result = screen({**ALL_YES_18M, "fm-18m-scribbles": "not_yet"}, days=AT_18M)
    assert not set(SPEECH) & set(result.referrals)
    assert result.act == "visit"
    assert CATCH_UP in box_advice(CONTENT, result)


def test_catch_up_never_follows_a_reported_sign() -> None:
    result = screen({**ALL_YES_4M, "gm-4m-head": "not_yet"}, {"ws-head-turn": True})
    assert "catch up" not in box_advice(CONTENT, result)


# --- region (item 9) ---------------------------------------------------------------------


def test_the_emergency_box_uses_the_regions_number_and_ends_without_early_intervention() -> None:
    for region, number in (("MX", "911"), ("ES", "112"), ("GB", "999")):
        result = screen(ALL_YES_4M, {"ws-breathing": True}, region=region)
        step = next_step(CONTENT, result)
        assert step.words == f"Emergency: call {number} if it is happening now"
        assert step.advice.startswith(f"If it is happening now, call {number}.")
        assert "advice for ws-breathing" in step.advice
        assert CONTENT.region_by_id[region].early_intervention not in step.advice
        assert "early intervention" not in step.advice
        assert "feeding_specialist" in result.referrals


def test_without_a_region_the_emergency_number_is_neutral() -> None:
    step = next_step(CONTENT, screen(ALL_YES_4M, {"ws-breathing": True}))
    assert step.words == "Emergency: call your local emergency number if it is happening now"
    assert NEUTRAL_EMERGENCY in step.advice
    assert "112" in step.advice and "911" in step.advice


def test_early_intervention_comes_in_the_regions_words() -> None:
    result = screen({**ALL_YES_4M, "gm-4m-head": "not_yet"}, region="ES")
    box = box_advice(CONTENT, result)
    assert box.count("Ask for Atención Temprana.") == 1
    assert EARLY_INTERVENTION not in box


@pytest.mark.parametrize(
    ("environ", "territory"),
    [
        ({"LANG": "es_MX.UTF-8"}, "MX"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "es_MX.UTF-8"}, "GB"),
        ({"LANGUAGE": "es_CO:en", "LANG": "en_US.UTF-8"}, "CO"),
        ({"LANGUAGE": "es:en_GB"}, "GB"),
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "es"}, None),
        ({}, None),
    ],
)
def test_the_locales_country_comes_from_the_same_variables_as_the_language(
    environ: dict[str, str], territory: str | None
) -> None:
    assert territory_from_environment(environ) == territory


def test_choose_region_asked_then_locale_then_neutral() -> None:
    assert choose_region(CONTENT, "mx", {"LANG": "en_GB.UTF-8"}) == "MX"
    assert choose_region(CONTENT, "UK", {}) == "GB"
    assert choose_region(CONTENT, None, {"LANG": "es_ES.UTF-8"}) == "ES"
    assert choose_region(CONTENT, None, {"LANG": "fr_FR.UTF-8"}) is None
    assert choose_region(CONTENT, None, {}) is None
    with pytest.raises(InputError, match=r"--region FR is not a region ottool knows.*MX"):
        choose_region(CONTENT, "FR", {})


# --- preterm (item 12) and the end of the checklists (item 11) --------------------------


def test_a_baby_born_early_hears_about_preterm_follow_up() -> None:
    early = screen({**ALL_YES_4M, "gm-4m-head": "sometimes"}, days=AT_4M + 70, weeks=30)
    assert early.age.corrected and early.overall == "monitor"
    assert "preterm follow-up" in box_advice(CONTENT, early)
    assert "early intervention applies" in box_advice(CONTENT, early)
    term = screen({**ALL_YES_4M, "gm-4m-head": "sometimes"})
    assert "preterm" not in box_advice(CONTENT, term)


def test_near_the_last_age_served_the_doctors_30_month_screening_is_named() -> None:
    answers: dict[str, Answer] = {**ALL_YES_18M, "gm-18m-walks": "sometimes"}
    late = screen(answers, days=28 * 31)  # 28 months, on the last (18-month) checklist
    assert late.act == "recheck"
    step = next_step(CONTENT, late)
    assert "30-month visit" in step.advice
    assert "in about four weeks" not in step.advice
    sooner = screen(answers, days=AT_18M + 20)
    assert "in about four weeks" in next_step(CONTENT, sooner).advice


# --- results saved before these decisions existed -----------------------------------------

SAVED_BEFORE = Path(__file__).parent / "fixtures" / "history" / "saved-before-act.jsonl"


def test_a_result_written_before_act_reads_back_with_todays_decisions(tmp_path: Path) -> None:
    """Saved by an ottool without `act`: a 10-week-old who reacts to loud sounds only
    "sometimes", and a parent's note. Then it read "keep practicing"; read back, the
    hearing sign is reported and the note counts."""
    from ottool.core.content import load_content
    from ottool.storage.result_json import result_from_data

    shipped = load_content()
    data = json.loads(SAVED_BEFORE.read_text("utf-8"))["result"]
    assert "act" not in data and data["overall"] == "monitor" and data["warning_signs"] == []
    result, _plan = result_from_data(data, shipped, "saved-before-act.jsonl")
    assert [w.id for w in result.warning_signs] == ["ws-hearing"]
    assert result.domain("communication").status == "discuss"
    assert result.overall == "discuss"
    assert result.act in ("visit", "days")
    assert {"doctor", "early_intervention"} <= set(result.referrals)
    assert result.next_check is not None and result.next_check.why == "now"
    assert result.region is None


def test_a_recorded_result_never_reads_back_less_urgent(tmp_path: Path) -> None:
    from ottool.core.activity_choice import plan_for_result
    from ottool.storage.result_json import result_from_data, result_to_data

    result = screen(ALL_YES_4M)
    data = result_to_data(result, plan_for_result(CONTENT, result))
    assert (data["overall"], data["act"]) == ("on_track", "next_check")
    data["overall"], data["act"] = "urgent", "today"
    again, _plan = result_from_data(data, CONTENT, "edited.json")
    assert (again.overall, again.act) == ("urgent", "today")


def test_an_old_saved_screening_shows_with_todays_decisions(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTTOOL_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("NO_COLOR", "1")
    run = cli("history", "import", SAVED_BEFORE)
    assert run.exit_code == 0, run.output
    shown = cli("history", "show", "1")
    assert shown.exit_code == 0, shown.output
    out = " ".join(shown.stdout.split())
    assert "Does not react to loud sounds" in out
    assert "Keep practicing" not in out
    assert "Talk with your child's doctor" in out or "within the next few days" in out
    plan = cli("plan", "--from-history", "1", "--format", "json")
    assert plan.exit_code == 0, plan.output
    assert "!" in json.loads(plan.stdout)["overall"]
