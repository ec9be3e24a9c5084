"""Issue 20 item 7: the red flags beyond the milestones, each sourced, age-ranged and
timed (`act`), in English and Spanish; and realistic families who report them, through
`ottool screen` as a parent or clinic would run it."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from conftest import ANSWERS_DIR, Run
from ottool.core import i18n
from ottool.core.activity_choice import plan_for_focus
from ottool.core.content import load_content
from ottool.documents.plan_document import build_plan_document

SHIPPED = load_content()
SPANISH = load_content(lang="es")

#: Each red flag of item 7: (act, level, first and last month it applies, referrals it
#: must name, words its source must name).
FLAGS: dict[str, tuple[str, str, int, int | None, set[str], tuple[str, ...]]] = {
    "ws-seizures": ("today", "urgent", 0, None, {"doctor"}, ("infantile spasms", "seizure")),
    "ws-white-pupil": ("days", "discuss", 0, None, {"eye_exam", "doctor"}, ("Red reflex",)),
    "ws-sensory-reactions": (
        "visit", "discuss", 4, None, {"doctor", "occupational_therapy"}, ("Pathways.org",),
    ),
    "ws-crying": ("visit", "discuss", 0, 11, {"doctor"}, ("colic",)),
    "ws-no-words": ("days", "discuss", 16, 29, {"speech_therapy", "hearing_test"}, ("AAP",)),
    "ws-no-phrases": ("days", "discuss", 24, 29, {"speech_therapy", "hearing_test"}, ("AAP",)),
    "ws-social-communication": (
        "days", "discuss", 12, 29, {"hearing_test", "autism_screening"}, ("CDC",),
    ),
    "ws-only-purees": ("visit", "discuss", 12, None, {"feeding_specialist"}, ("ASHA",)),
    "ws-feeding-breathing": ("emergency", "urgent", 0, None, {"doctor"}, ("choking",)),
}  # fmt: skip


@pytest.mark.parametrize("sign_id", FLAGS)
def test_each_red_flag_is_timed_aged_referred_and_sourced(sign_id: str) -> None:
    act, level, first, last, refer, source = FLAGS[sign_id]
    sign = SHIPPED.warning_sign_by_id[sign_id]
    assert (sign.act, sign.level, sign.min_months, sign.max_months) == (act, level, first, last)
    assert refer <= set(sign.refer)
    for words in source:
        assert words.lower() in sign.source.lower(), (sign_id, words)
    spanish = SPANISH.warning_sign_by_id[sign_id]
    assert spanish.text != sign.text and spanish.advice != sign.advice  # translated
    assert " tú " not in f" {spanish.advice.lower()} "  # usted, never tú


def test_the_red_flags_say_what_they_are_about() -> None:
    signs = SHIPPED.warning_sign_by_id
    assert "seizure" in signs["ws-seizures"].text and "stiffening" in signs["ws-seizures"].text
    assert "white or cloudy" in signs["ws-white-pupil"].text
    assert "flash photos" in signs["ws-white-pupil"].text
    sensory = signs["ws-sensory-reactions"].text
    assert all(
        w in sensory for w in ("touch", "sounds", "movement", "feeding", "sleep", "dressing")
    )
    assert "cannot be soothed" in signs["ws-crying"].text
    # A seizure that goes on, or with trouble breathing, is an emergency: its advice says
    # when to call the emergency number (filled with the region's).
    assert "5 minutes" in signs["ws-seizures"].advice
    assert "{emergency}" in signs["ws-seizures"].advice
    # Never "many children catch up" for these.
    for sid in FLAGS:
        assert "catch up" not in signs[sid].advice


@pytest.mark.parametrize(("months", "shown"), [
    (2, {"ws-seizures", "ws-white-pupil", "ws-crying"}),
    (6, {"ws-seizures", "ws-white-pupil", "ws-crying", "ws-sensory-reactions"}),
    (18, {"ws-seizures", "ws-white-pupil", "ws-sensory-reactions", "ws-no-words"}),
    (24, {"ws-no-phrases", "ws-social-communication", "ws-only-purees"}),
])  # fmt: skip
def test_the_handout_lists_each_red_flag_of_the_age_in_its_row(
    months: int, shown: set[str]
) -> None:
    """The "When to call" box of a plan at that age holds the sign in the row of its act."""
    doc = build_plan_document(SHIPPED, plan_for_focus(SHIPPED, months + 0.2))
    rows = {s.id: row.act for row in doc.call_box for s in row.signs}
    for sid in shown:
        assert rows.get(sid) == SHIPPED.warning_sign_by_id[sid].act, (months, sid)
    assert "ws-crying" not in rows or months <= 11


# --- realistic families ------------------------------------------------------------------


def _json(cli: Callable[..., Run], name: str, *args: str) -> dict[str, Any]:
    run = cli("screen", "--answers", ANSWERS_DIR / f"{name}.yaml", "--format", "json", *args)
    assert run.exit_code == 0, run.output
    data: dict[str, Any] = json.loads(run.stdout)
    return data


def _screen(cli: Callable[..., Run], name: str, *args: str) -> str:
    run = cli("screen", "--answers", ANSWERS_DIR / f"{name}.yaml", *args)
    assert run.exit_code == 0, run.output
    return re.sub(r"[\s\u2500-\u257f]+", " ", run.stdout)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_spells_of_stiffening_call_the_doctor_today_with_the_emergency_limit(
    cli: Callable[..., Run], lang: str
) -> None:
    data = _json(cli, "amira-6-months-spasms", "--lang", lang, "--region", "US")
    assert (data["overall"], data["act"]) == ("urgent", "today")
    assert [w["id"] for w in data["warning_signs"]] == ["ws-seizures"]
    assert "doctor" in data["referrals"]
    out = _screen(cli, "amira-6-months-spasms", "--lang", lang, "--region", "US")
    if lang == "en":
        assert "Contact your child's doctor today" in out
        assert "more than 5 minutes" in out and "call 911" in out
    else:
        assert "hoy mismo" in out and "más de 5 minutos" in out and "911" in out
    i18n.set_language("en")


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_white_pupil_in_photos_asks_for_an_eye_examination_within_days(
    cli: Callable[..., Run], lang: str
) -> None:
    data = _json(cli, "valentina-9-meses-pupila-blanca", "--lang", lang)
    assert data["act"] == "days" and "eye_exam" in data["referrals"]
    assert [w["id"] for w in data["warning_signs"]] == ["ws-white-pupil"]  # crying: "no"
    out = _screen(cli, "valentina-9-meses-pupila-blanca", "--lang", lang)
    if lang == "es":
        assert "en los próximos días" in out and "examen de los ojos" in out
    else:
        assert "within a few days" in out and "eye examination" in out
    i18n.set_language("en")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_crying_and_strong_reactions_to_touch_are_for_the_next_visit_with_an_ot(
    cli: Callable[..., Run], lang: str
) -> None:
    data = _json(cli, "noah-4-months-crying-and-touch", "--lang", lang)
    assert data["act"] == "visit"
    assert {w["id"] for w in data["warning_signs"]} == {"ws-crying", "ws-sensory-reactions"}
    assert {"doctor", "occupational_therapy"} <= set(data["referrals"])
    out = _screen(cli, "noah-4-months-crying-and-touch", "--lang", lang)
    said = "occupational therapist" if lang == "en" else "terapeuta ocupacional"
    assert said in out
    assert ("catch up" if lang == "en" else "se ponen al día") not in out
    i18n.set_language("en")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_preterm_babys_follow_up_is_advice_from_the_birth_history_not_a_referral(
    cli: Callable[..., Run], lang: str
) -> None:
    """Issue 20 reviewer: Isla, born at 30 weeks and coming along, hears about preterm
    follow-up; her JSON names no referral (her result is not one worth talking about:
    docs/design.md, "Who to see") and carries what the advice rests on, her weeks of
    pregnancy and the corrected age."""
    data = _json(cli, "born-at-30-weeks-monitor", "--lang", lang)
    assert (data["overall"], data["act"], data["referrals"]) == ("monitor", "recheck", [])
    assert data["child"]["gestational_weeks"] == 30 and data["age"]["corrected"] is True
    out = _screen(cli, "born-at-30-weeks-monitor", "--lang", lang)
    said = "preterm follow-up" if lang == "en" else "seguimiento de prematuros"
    assert said in out
    i18n.set_language("en")
