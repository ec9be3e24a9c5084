"""--treating SIGN (issue 26 item 6): a therapist may leave a sign they are treating out
of "When to call", but never a sign for the emergency number, the doctor today, an
urgent one (lost skills) or one the content refers to a doctor's check rather than to
a therapist (a white pupil, hearing); and the handout names what was left out."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from conftest import Run
from ottool.core.content import load_content
from ottool.documents.call_box import treatable


@pytest.mark.parametrize(
    "sign", ["ws-seizures", "ws-lost-skills", "ws-white-pupil", "ws-hearing", "ws-crying"]
)
def test_a_red_flag_or_a_doctors_check_cannot_be_marked_treated(
    cli: Callable[..., Run], sign: str
) -> None:
    run = cli("plan", "--age-months", "12", "--treating", sign, "--format", "md", "--output", "-")
    assert run.exit_code == 1, run.output
    assert f"--treating {sign}:" in run.stderr and "stays in 'When to call'" in run.stderr
    assert run.stdout == ""


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_treated_sign_is_named_first_on_the_handout(cli: Callable[..., Run], lang: str) -> None:
    run = cli("plan", "--lang", lang, "--age-months", "4", "--treating", "ws-head-turn",
              "--activity", "turn-both-ways", "--format", "md", "--output", "-")  # fmt: skip
    assert run.exit_code == 0, run.output
    notes = run.stdout[: run.stdout.index("##", run.stdout.index("##") + 2)]
    said = {"en": "Your therapist is working with you on:", "es": "Su terapeuta está"}[lang]
    assert said in notes, notes


def test_the_signs_a_therapist_treats_are_the_therapy_ones() -> None:
    content = load_content()
    allowed = {w.id for w in content.warning_signs if treatable(w)}
    assert {
        "ws-head-turn",
        "ws-hand-preference",
        "ws-sensory-reactions",
        "ws-only-purees",
    } <= allowed
    assert not allowed & {"ws-feeding-breathing", "ws-seizures", "ws-lost-skills", "ws-eyes"}
