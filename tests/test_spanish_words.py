"""Spanish a parent in any country reads right, and texts that fit toddlers (content
review, third round): each finding is a test a later edit cannot quietly undo."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from ottool.core.content import Content, load_content

EN = load_content()
ES = load_content(lang="es")
PO = Path(__file__).resolve().parents[1] / "src/ottool/locale/es/LC_MESSAGES/ottool.po"


def catalog_spanish() -> list[str]:
    with PO.open("rb") as f:
        catalog = read_po(f)
    out: list[str] = []
    for message in catalog:
        if message.id:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            out += [s for s in strings if s]
    return out


def content_texts(content: Content) -> list[tuple[str, str]]:
    """(where, text) for every human-readable text of the content, in its language."""
    out: list[tuple[str, str]] = []
    for group in (content.domains, content.milestones, content.warning_signs, content.activities):
        for item in group:
            for name in (*item.TEXT_FIELDS, *getattr(item, "TEXT_LIST_FIELDS", ())):
                value = getattr(item, name)
                for text in value if isinstance(value, tuple) else (value,):
                    if text:
                        out.append((f"{item.id}.{name}", text))
    return out


SPANISH = content_texts(ES)


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        (r"\bescup\w*", "'escupir la leche' is ordinary spit-up: say 'se atraganta o se ahoga'"),
        (r"\bchup[oó]n(es)?\b", "'chupón' is a love bite in Colombia: 'chupete'"),
        (r"\bplátano(?! \(banano\))", "'plátano' is a plantain that needs cooking in Colombia"),
        (r"\bTortitas de manteca\b", "Mexico sings 'Tortillitas'"),
        (r"\bhijo o hija\b", "one word for the child: 'su hijo'"),
    ],
)
def test_no_spanish_content_text_is_misread(pattern: str, why: str) -> None:
    found = [(where, text) for where, text in SPANISH if re.search(pattern, text)]
    assert not found, why


@pytest.mark.parametrize(
    ("pattern", "why"),
    [
        (r"\bhijo o hija\b", "one word for the child: 'su hijo', as the content says"),
        (r"\bSigan\b", "usted, not ustedes: 'Siga practicando'"),
        (r"\bPara consultar\b", "'Conviene consultar'"),
        (r"\bEncaja en\b", "'Momento del día:'"),
        (r"\bterapeuta físico\b|\bocupacional o físico\b", "'fisioterapeuta'"),
    ],
)
def test_no_catalog_sentence_breaks_the_spanish_style(pattern: str, why: str) -> None:
    assert not [s for s in catalog_spanish() if re.search(pattern, s)], why


def test_feeding_trouble_says_choking_in_spanish() -> None:
    feeds = ES.milestone_by_id["fd-2m-feeds-calmly"]
    assert "atraganta" in feeds.hint and "ahoga" in feeds.hint
    assert "atraganta o se ahoga con la leche" in ES.warning_sign_by_id["ws-feeding"].text
    assert any("se ahoga con la leche" in line for line in ES.activity_by_id["calm-feeds"].safety)


def test_questions_are_asked_positively_without_the_answer_words() -> None:
    """An answer word inside the question ('sometimes', 'a veces') muddles the answer;
    the feeding question asks about calm feeds, not about their absence."""
    for en, es in zip(EN.milestones, ES.milestones, strict=True):
        assert not re.search(r"\bsometimes\b", en.prompt, re.I), en.id
        assert not re.search(r"\ba veces\b", es.prompt, re.I), es.id
    feeds = EN.milestone_by_id["fd-2m-feeds-calmly"]
    assert "without" not in feeds.prompt and "steady rhythm" in feeds.prompt


def test_pulling_to_stand_says_whose_hands() -> None:
    assert "de las manos de usted" in ES.milestone_by_id["gm-12m-pulls-to-stand"].prompt


def test_texts_shown_to_toddlers_speak_of_children() -> None:
    """Activities that run past 18 months and signs of every age fit a toddler."""
    for a in EN.activities:
        if a.max_months < 18:
            continue
        for text in (*a.steps, *a.safety, a.why):
            assert "mouth it" not in text, a.id
            assert (
                not re.search(r"(?<!own )\bcrib\b", text)
                or "bed or crib" in text
                or ("Under 12 months" in text)
            ), (a.id, text)
    for w in EN.warning_signs:
        if w.max_months is None or w.max_months >= 18:
            assert "other babies" not in w.text, w.id
            assert "babies of any age" not in w.advice, w.id


#: How a sentence meant for a baby only says so (so that a toddler's family skips it), or
#: speaks to both.
FOR_BABIES_ONLY = (
    "For young babies",
    "Under 12 months",
    "Once your baby",
    "only once your baby",
    "your baby or toddler",
)


def test_texts_shown_to_toddlers_say_your_baby_only_for_babies() -> None:
    """Issue 20 item 9: a text shown at 18 to 24 months says "your child", or says
    "your baby" only in a sentence that is about babies."""
    for a in EN.activities:
        if a.max_months < 18:
            continue
        for text in (a.why, *a.steps, *a.safety):
            if re.search(r"\byour baby\b", text):
                assert any(words in text for words in FOR_BABIES_ONLY), (a.id, text)


@pytest.mark.parametrize(
    ("lang", "months"), [("en", 12), ("en", 15), ("en", 18), ("es", 12), ("es", 15), ("es", 24)]
)
def test_the_plans_bath_line_fits_the_childs_age(lang: str, months: int) -> None:
    """A toddler's plan keeps them within arm's reach in the bath; a baby's keeps a hand on
    them and leaves out bath seats (AAP); in either language."""
    from ottool.core import i18n
    from ottool.core.activity_choice import plan_for_focus
    from ottool.documents.plan_document import build_plan_document

    content = EN if lang == "en" else ES
    i18n.set_language(lang)
    try:
        plan = plan_for_focus(content, months + 0.2, activity_ids=["bath-play"])
        intro = build_plan_document(content, plan).intro
    finally:
        i18n.set_language("en")
    toddler = months >= 15  # walking age: the 15-month checklist's 'takes a few steps'
    if lang == "en":
        assert ("arm's reach of your child" in intro) is toddler
        assert ("hand on your baby" in intro) is not toddler
    else:
        assert ("al alcance de su brazo" in intro) is toddler
        assert ("sobre su bebé" in intro) is not toddler
