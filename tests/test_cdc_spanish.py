"""The shipped Spanish milestones follow the CDC's Spanish checklists ("Indicadores del
desarrollo", issue 13): the CDC's own wording where it could be checked, and everywhere
the CDC's register (usted; "su bebé" up to 12 months, "su hijo" from 15).

The rules are `ottool validate`'s (ottool.core.content.editorial; tests/test_editorial.py
breaks each one): here the shipped content passes them, and they are not vacuous.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Run
from ottool.core.content import Content, load_content
from ottool.core.content.editorial import CDC_SPANISH_WORDING, from_cdc_checklists

SHIPPED_DIR = Path(__file__).parents[1] / "data"


@pytest.fixture(scope="module")
def spanish() -> Content:
    return load_content(SHIPPED_DIR, lang="es")


@pytest.fixture(scope="module")
def english() -> Content:
    return load_content(SHIPPED_DIR)


def test_the_shipped_spanish_passes_validate(cli: Callable[..., Run]) -> None:
    run = cli("validate", "--data-dir", SHIPPED_DIR, "--language", "es")
    assert run.exit_code == 0, run.stderr


def test_the_cdc_rules_have_items_to_judge(spanish: Content) -> None:
    """About a hundred CDC items, on both sides of 12 months, each with a Spanish question."""
    cdc_items = [m for m in spanish.milestones if from_cdc_checklists(m.source)]
    assert len(cdc_items) >= 100
    assert all(m.normed and m.question for m in cdc_items)
    assert {m.months <= 12 for m in cdc_items} == {True, False}
    for milestone_id, wording in CDC_SPANISH_WORDING.items():
        assert spanish.milestone_by_id[milestone_id].text == wording
        assert from_cdc_checklists(spanish.milestone_by_id[milestone_id].source)


def test_english_checklists_keep_their_own_wording(english: Content) -> None:
    # Aligning the Spanish never touches the English it translates.
    assert english.milestone_by_id["se-15m-copies-children"].text == (
        "Copies other children while playing"
    )
