"""Issue 19's cases as families would run them: realistic answer files of
tests/fixtures/answers/ through `ottool screen` (terminal and JSON, English and Spanish)
and `ottool plan` on the shipped content. The rules themselves are tested on a small
content in test_decisions.py."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import ANSWERS_DIR, Run
from ottool.core.content import load_content

SHIPPED = load_content()
#: Tests that read the shipped referral and region tables (milestones.yaml `referrals:`
#: and `regions:`) run once the content ships them.
needs_tables = pytest.mark.skipif(
    not (SHIPPED.referrals and SHIPPED.regions),
    reason="the shipped content has no referrals or regions table yet",
)


def flat(text: str) -> str:
    """Words only: no line breaks or panel borders in the way."""
    return re.sub(r"[\s\u2500-\u257f]+", " ", text)


def result_json(cli: Callable[..., Run], name: str, *args: str) -> dict[str, Any]:
    run = cli("screen", "--answers", ANSWERS_DIR / f"{name}.yaml", "--format", "json", *args)
    assert run.exit_code == 0, run.output
    data: dict[str, Any] = json.loads(run.stdout)
    return data


def terminal(cli: Callable[..., Run], name: str, *args: str) -> str:
    run = cli("screen", "--answers", ANSWERS_DIR / f"{name}.yaml", *args)
    assert run.exit_code == 0, run.output
    return flat(run.stdout)


def box(out: str) -> str:
    """The result box: from its headline to the first heading after it."""
    start = out.index("!") if "!" in out else 0
    headings = ("What you noticed", "Your note", "Your home activity", "Lo que usted notó")
    ends = [out.find(h, start) for h in headings]
    return out[start : min(e for e in ends if e > 0)]


# --- item 2: the headline asks for the haste of the signs under it ----------------------


def test_stiffness_and_one_hand_ask_for_the_doctor_within_days(cli: Callable[..., Run]) -> None:
    data = result_json(cli, "stiff-and-one-hand-9-months")
    acts = {w["id"]: w["act"] for w in data["warning_signs"]}
    assert acts == {"ws-stiff-or-floppy": "days", "ws-hand-preference": "days"}
    assert data["act"] == "days"
    out = terminal(cli, "stiff-and-one-hand-9-months")
    assert "!! Contact your child's doctor within the next few days" in out
    assert "bring this summary to your next visit" not in out.lower()


# --- item 3: a written concern counts ----------------------------------------------------


def test_a_written_concern_with_every_box_ticked_yes_is_worth_talking_about(
    cli: Callable[..., Run],
) -> None:
    data = result_json(cli, "written-concern-all-yes-6-months")
    assert {d["status"] for d in data["domains"]} == {"on_track"}
    assert (data["overall"], data["act"]) == ("discuss", "visit")
    out = terminal(cli, "written-concern-all-yes-6-months")
    assert "On track. Your child is doing the things" not in out
    assert "You wrote down a worry: that alone is reason enough" in out


# --- item 4: nothing answered ------------------------------------------------------------


def test_all_unsure_says_it_could_not_tell(cli: Callable[..., Run]) -> None:
    data = result_json(cli, "all-unsure-9-months")
    assert (data["overall"], data["act"]) == ("incomplete", "recheck")
    assert data["next_check"]["why"] == "recheck"
    out = terminal(cli, "all-unsure-9-months")
    assert "? Not enough answers to tell" in out
    assert "cannot tell how your child is doing" in out
    assert "That is common" not in out


# --- item 5: "sometimes" on a checked item --------------------------------------------------


@needs_tables
def test_sometimes_reacting_to_loud_sounds_reports_the_hearing_sign(
    cli: Callable[..., Run],
) -> None:
    data = result_json(cli, "sometimes-loud-sounds-2-months")
    assert [w["id"] for w in data["warning_signs"]] == ["ws-hearing"]
    assert "hearing_test" in data["referrals"]
    by_id = {d["id"]: d["status"] for d in data["domains"]}
    assert by_id["communication"] == "discuss"
    out = terminal(cli, "sometimes-loud-sounds-2-months")
    assert "Does not react to loud sounds" in out
    assert SHIPPED.referral_by_id["hearing_test"].name in out


# --- item 6: an area under a sign ----------------------------------------------------------


def test_the_feeding_area_is_marked_under_a_feeding_emergency(cli: Callable[..., Run]) -> None:
    data = result_json(cli, "feeding-emergency-10-months")
    assert data["act"] == "emergency"
    by_id = {d["id"]: d["status"] for d in data["domains"]}
    assert by_id["feeding"] == "discuss"
    out = terminal(cli, "feeding-emergency-10-months")
    assert re.search(r"Eating and self-care ! Worth talking about", out)
    assert "Coming along" not in out


# --- item 7: the right people for lost words and missing speech --------------------------

SPEECH = {"speech_therapy", "hearing_test", "developmental_screening", "autism_screening"}


@needs_tables
@pytest.mark.parametrize(
    "name", ["lost-words-and-pointing-18-months", "no-words-leads-by-hand-24-months"]
)
def test_lost_or_missing_words_name_the_speech_checks_and_never_catch_up(
    cli: Callable[..., Run], name: str
) -> None:
    data = result_json(cli, name)
    assert SPEECH | {"early_intervention", "doctor"} <= set(data["referrals"])
    assert data["act"] in ("days", "today")
    out = terminal(cli, name)
    assert "catch up" not in out
    assert "occupational therapist" not in box(out) or "speech" in box(out)
    for kind in SPEECH:
        assert SHIPPED.referral_by_id[kind].name in out, kind


def test_a_lost_skill_names_whom_it_needs_not_every_areas_specialist(
    cli: Callable[..., Run],
) -> None:
    """A lost skill marks every area it names "worth talking about", but an area answered
    "yes" throughout does not send a child who eats and moves well to a feeding
    specialist or a physiotherapist."""
    data = result_json(cli, "lost-words-and-pointing-18-months")
    assert "ws-lost-skills" in {w["id"] for w in data["warning_signs"]}
    assert not {"feeding_specialist", "physical_therapy"} & set(data["referrals"])


@needs_tables
def test_the_plan_names_the_same_referrals(cli: Callable[..., Run], tmp_path: Path) -> None:
    result = tmp_path / "result.json"
    answers = ANSWERS_DIR / "lost-words-and-pointing-18-months.yaml"
    run = cli("screen", "--answers", answers, "--format", "json", "--output", result)
    assert run.exit_code == 0, run.output
    for fmt in ("md", "html"):
        out = tmp_path / f"plan.{fmt}"
        run = cli("plan", "--from", result, "--output", out)
        assert run.exit_code == 0, run.output
        text = out.read_text("utf-8")
        assert SHIPPED.referral_by_id["speech_therapy"].name in text
        assert "catch up" not in text


# --- item 8: everything "not yet" at 2 months --------------------------------------------


def test_everything_not_yet_asks_for_days_and_says_each_thing_once(
    cli: Callable[..., Run],
) -> None:
    data = result_json(cli, "everything-not-yet-2-months")
    assert data["act"] in ("days", "today")
    out = terminal(cli, "everything-not-yet-2-months")
    step = box(out)
    assert step.count("within the next few days") <= 1
    for w in data["warning_signs"]:
        advice = flat(SHIPPED.warning_sign_by_id[w["id"]].advice)
        assert out.count(advice) <= 1, w["id"]


# --- item 9: the region's emergency number and early intervention ------------------------


@needs_tables
@pytest.mark.parametrize(
    ("environment", "region", "number"),
    [("es_MX.UTF-8", "MX", "911"), ("es_ES.UTF-8", "ES", "112"), ("en_GB.UTF-8", "GB", "999")],
)
def test_the_emergency_number_follows_the_locale(
    cli: Callable[..., Run],
    monkeypatch: pytest.MonkeyPatch,
    environment: str,
    region: str,
    number: str,
) -> None:
    monkeypatch.setenv("LANG", environment)
    data = result_json(cli, "feeding-emergency-10-months")
    assert data["region"] == region
    assert SHIPPED.region_by_id[region].emergency == number
    out = terminal(cli, "feeding-emergency-10-months", "--lang", "en")
    step = box(out)
    assert f"call {number}" in step
    assert "early intervention" not in step.lower()


@needs_tables
def test_region_option_wins_over_the_locale_and_a_wrong_one_is_refused(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    data = result_json(cli, "feeding-emergency-10-months", "--region", "ES")
    assert data["region"] == "ES"
    run = cli(
        "screen", "--answers", ANSWERS_DIR / "feeding-emergency-10-months.yaml", "--region", "XX"
    )
    assert run.exit_code == 1
    assert "--region XX" in run.stderr and "Traceback" not in run.output


def test_without_a_region_the_wording_is_neutral(cli: Callable[..., Run]) -> None:
    data = result_json(cli, "feeding-emergency-10-months")
    assert data["region"] is None
    out = terminal(cli, "feeding-emergency-10-months")
    assert "your local emergency number (such as 112 or 911)" in out


@needs_tables
def test_a_spanish_reader_in_spain_is_pointed_to_atencion_temprana(
    cli: Callable[..., Run],
) -> None:
    out = terminal(cli, "written-concern-all-yes-6-months", "--lang", "es", "--region", "ES")
    assert flat(SHIPPED_ES.region_by_id["ES"].early_intervention) in out
    step = out[out.index("! Hable con el médico") : out.index("Su nota")]
    assert "Estados Unidos" not in step


SHIPPED_ES = load_content(lang="es")


# --- item 11: near the oldest age served --------------------------------------------------


def test_at_28_months_the_doctors_30_month_screening_is_named(cli: Callable[..., Run]) -> None:
    data = result_json(cli, "coming-along-28-months")
    assert data["act"] == "recheck"
    # The JSON says what the terminal says: the 30-month visit, not a recheck on the
    # 24-month checklist (Theo, born 2024-06-10, is 30 months on 2026-12-10).
    assert data["next_check"] == {"date": "2026-12-10", "months": None, "why": "next_checklist"}
    out = terminal(cli, "coming-along-28-months")
    assert "30-month visit" in out
    assert "check again in about four weeks" not in out
    assert "in about a month" not in out


# --- item 12: born early ----------------------------------------------------------------


def test_a_baby_born_at_30_weeks_hears_about_preterm_follow_up(cli: Callable[..., Run]) -> None:
    data = result_json(cli, "born-at-30-weeks-monitor")
    assert data["overall"] == "monitor" and data["age"]["corrected"]
    out = terminal(cli, "born-at-30-weeks-monitor")
    assert "preterm follow-up" in out and "early intervention applies" in out


# --- the JSON contract (docs/design.md §4) and issue 20 item 10 --------------------------------


def test_every_result_carries_act_referrals_region_and_next_check(
    cli: Callable[..., Run],
) -> None:
    for path in sorted(ANSWERS_DIR.glob("*.yaml")):
        run = cli("screen", "--answers", path, "--format", "json")
        if run.exit_code != 0:  # files made for other content (tests/fixtures/content)
            continue
        data = json.loads(run.stdout)
        assert data["act"] in ("emergency", "today", "days", "visit", "recheck", "next_check")
        assert isinstance(data["referrals"], list)
        assert "region" in data
        check = data["next_check"]
        assert set(check) == {"date", "months", "why"}
        assert check["why"] in ("now", "recheck", "next_checklist")
        for w in data["warning_signs"]:
            assert w["act"] in ("emergency", "today", "days", "visit")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_result_and_plan_name_the_doctors_screening_schedule_once(
    cli: Callable[..., Run], tmp_path: Path, lang: str
) -> None:
    answers = ANSWERS_DIR / "written-concern-all-yes-6-months.yaml"
    run = cli("screen", "--answers", answers, "--lang", lang, "--plan-output", tmp_path / "p.md")
    assert run.exit_code == 0, run.output
    schedule = "9-, 18- and 30-month" if lang == "en" else "9, 18 y 30 meses"
    two_languages = "dos idiomas"
    for text in (flat(run.stdout), flat((tmp_path / "p.md").read_text("utf-8"))):
        assert text.count(schedule) == 1
        assert text.count(two_languages) == (1 if lang == "es" else 0)


# --- the same decisions in Spanish -------------------------------------------------------


def test_spanish_results_make_the_same_decisions_in_spanish_words(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("all-unsure-9-months", "written-concern-all-yes-6-months"):
        english = result_json(cli, name)
        spanish = result_json(cli, name, "--lang", "es")
        for key in ("overall", "act", "referrals", "region", "next_check", "warning_signs"):
            assert spanish[key] == english[key], (name, key)
    out = terminal(cli, "all-unsure-9-months", "--lang", "es")
    assert "? Faltan respuestas para saberlo" in out
    assert "este control no puede decir cómo va" in out
    out = terminal(cli, "written-concern-all-yes-6-months", "--lang", "es")
    assert "Usted anotó una preocupación" in out


@needs_tables
def test_a_spanish_reader_in_mexico_is_told_to_call_911(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    out = terminal(cli, "feeding-emergency-10-months")
    assert "Emergencia: llame al 911 si está pasando ahora" in out
    assert "se pone morado o gris, llame ahora mismo al 911." in out
    assert "Estados Unidos" not in out and "112" not in out and "999" not in out


@needs_tables
@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_next_visit_box_asks_about_developmental_screening_once(
    cli: Callable[..., Run], lang: str
) -> None:
    """Sofía, not sitting at 9 months (a next-visit sign that names developmental
    screening and a physical therapist): the box asks about each once."""
    out = box(terminal(cli, "sofia-9-meses-no-se-sienta", "--lang", lang, "--region", "MX"))
    asked = "developmental screening" if lang == "en" else "evaluación del desarrollo"
    assert out.count(asked) == 1, out
    assert ("physical therapist" if lang == "en" else "fisioterapeuta") in out


def test_a_noticed_sign_is_marked_as_urgently_as_its_headline(cli: Callable[..., Run]) -> None:
    """Sam is not walking at 18 months (act: days): the sign under the '!!' box is
    '!!' too, never the calmer '!'."""
    out = terminal(cli, "sam-18-months-not-walking")
    assert "!! Contact your child's doctor within" in out
    noticed = out[out.index("What you noticed") :]
    assert noticed.split()[3:6] == ["!!", "Is", "not"], noticed[:80]


def test_an_area_answered_too_little_is_not_said_to_need_attention(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """Sofía's only feeding answer is 'no sé' (? Not enough answers): a card chosen for
    that area does not say the area 'needs a little more attention'."""
    made = cli("screen", "--answers", ANSWERS_DIR / "sofia-9-meses-no-se-sienta.yaml",
               "--format", "json")  # fmt: skip
    assert made.exit_code == 0, made.output
    result = tmp_path / "sofia.json"
    result.write_text(made.stdout, "utf-8")
    run = cli("plan", "--from", result, "--max-activities", "5", "--format", "md",
              "--output", "-")  # fmt: skip
    assert run.exit_code == 0, run.output
    assert "For an area the answers could not tell about yet." in run.stdout
    assert "needs a little more attention" not in run.stdout
