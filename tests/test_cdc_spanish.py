"""The shipped Spanish milestones follow the CDC's Spanish checklists ("Indicadores del
desarrollo", issue 13): the CDC's own wording where it could be checked, and everywhere
the CDC's register (usted; "su bebé" up to 12 months, "su hijo" from 15)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ottool.content import Content, load_content

SHIPPED_DIR = Path(__file__).parents[1] / "data"

#: Milestones whose Spanish was checked against the CDC's own 2022 Spanish page
#: (docs/decisions.md names the pages). The CDC's sentence is cut where our English
#: ends, so that both languages say the same thing.
CDC_WORDING = {
    # "Indicadores importantes: su bebé a los 15 meses" (CDC, NCBDDD, 2022 revision):
    # "Copia a otros niños mientras juega, como sacar juguetes de un contenedor ..."
    "se-15m-copies-children": "Copia a otros niños mientras juega",
}

#: Imperatives that speak to the reader as "tú"; the CDC speaks to parents as "usted"
#: ("Inténtelo", "Quédese", "Coménteselo"). "Cuenta ..." at the start of a tip reads as
#: "count ..." (tú), not as "... counts".
TU_IMPERATIVES = re.compile(
    r"(?:^|[.;:]\s+)(cuenta|mira|intenta|inténtalo|prueba|pruébalo|fíjate|quédate|"
    r"ponlo|pon|déjalo|deja|dale|dile|háblale|siéntalo|acuéstalo|sostenlo|pregunta|"
    r"llama|habla|comunícate)\b",
    re.IGNORECASE,
)


@pytest.fixture(scope="module")
def spanish() -> Content:
    return load_content(SHIPPED_DIR, lang="es")


@pytest.fixture(scope="module")
def english() -> Content:
    return load_content(SHIPPED_DIR)


@pytest.mark.parametrize(("milestone_id", "cdc"), sorted(CDC_WORDING.items()))
def test_a_milestone_checked_against_the_cdc_uses_its_spanish_wording(
    spanish: Content, milestone_id: str, cdc: str
) -> None:
    milestone = spanish.milestone_by_id[milestone_id]
    assert milestone.normed, "only CDC checklist items take the CDC's wording"
    assert milestone.text == cdc


def test_every_cdc_question_names_the_child_as_the_cdc_checklists_do(
    spanish: Content,
) -> None:
    cdc_items = [m for m in spanish.milestone_by_id.values() if m.normed]
    assert len(cdc_items) >= 100
    for milestone in cdc_items:
        question = milestone.question.lower()
        if milestone.months <= 12:
            # "Su bebé a los 9 meses", "Su bebé de 1 año"
            assert "su bebé" in question, (milestone.id, milestone.question)
        else:
            # "Su hijo a los 15 meses", "Su hijo de 2 años"
            assert "su hijo" in question, (milestone.id, milestone.question)
            assert "su bebé" not in question, (milestone.id, milestone.question)


def test_spanish_tips_and_advice_speak_to_parents_as_usted(spanish: Content) -> None:
    texts = [(m.id, m.hint) for m in spanish.milestone_by_id.values() if m.hint]
    texts += [(w.id, w.advice) for w in spanish.warning_sign_by_id.values()]
    assert len(texts) > 40
    for where, text in texts:
        assert not TU_IMPERATIVES.search(text), (where, text)


def test_english_checklists_keep_their_own_wording(english: Content) -> None:
    # Aligning the Spanish never touches the English it translates.
    assert english.milestone_by_id["se-15m-copies-children"].text == (
        "Copies other children while playing"
    )
