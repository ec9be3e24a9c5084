"""A therapist's --activity that a reported sign keeps out of the plan (its avoid_with)
is refused unless the therapist is treating that sign: Ana's family reported she takes
only purées, and her handout said it leaves out texture work, then gave 'New foods'."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from conftest import ANSWERS_DIR, Run

ANA = ANSWERS_DIR / "ana-15-meses-arcadas.yaml"


def test_the_activity_a_reported_sign_holds_back_is_refused(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    result = tmp_path / "ana.json"
    assert cli("screen", "--answers", ANA, "--format", "json", "--output", result).exit_code == 0
    run = cli("plan", "--from", result, "--activity", "new-foods-small-steps", "--format", "md")
    assert run.exit_code == 1
    assert "kept out of this plan by a reported warning sign (ws-only-purees)" in run.stderr
    assert "--treating ws-only-purees" in run.stderr
    assert run.stdout == ""


def test_treating_the_sign_lets_the_therapist_choose_it(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    result = tmp_path / "ana.json"
    assert cli("screen", "--answers", ANA, "--format", "json", "--output", result).exit_code == 0
    run = cli("plan", "--from", result, "--activity", "new-foods-small-steps",
              "--treating", "ws-only-purees", "--format", "md")  # fmt: skip
    assert run.exit_code == 0, run.stderr
    assert "New foods" in run.stdout
    # The handout no longer says it leaves texture work out: it is the therapist's plan.
    assert "leaves out activities that move on to new food textures" not in run.stdout
    plain = cli("plan", "--from", result, "--format", "md")
    assert "leaves out activities that move on to new food textures" in " ".join(
        plain.stdout.split()
    )
