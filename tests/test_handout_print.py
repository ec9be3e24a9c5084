"""The HTML handout printed by Chromium, as a clinic prints it (issues 23 and 26).

Every checklist age, English and Spanish, A4 and Letter: the screening plan a
therapist hands out (four activities, the longest sign of the age reported, the
parent's note, the therapist's note, a caregiver; with a clinic on Letter, without
on A4), and a therapist's own plan of five activities (Spanish on Letter, the
longest). Each is printed once per
test session (Chromium is slow) and the tests assert on the pages: two of them,
"When to call" on page 1 before the activities, the phone lines, the child's
details, the questions' lines, safety one bullet per line.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from pypdf import PdfReader

from ottool.core.activity_choice import plan_for_focus, plan_for_result
from ottool.core.age import add_months
from ottool.core.clinic import Clinic, Logo
from ottool.core.content import Content, load_content
from ottool.core.i18n import speaking
from ottool.core.screening import Answers, Child, score
from ottool.documents.plan_document import PlanDocument, build_plan_document
from ottool.render.plan_file import render_plan
from printed import PARENT_NOTE, THERAPIST_NOTE, print_pdf
from test_handout import needs_chromium

pytestmark = [pytest.mark.slow, needs_chromium]

DAY = dt.date(2026, 11, 2)
LANGS = ("en", "es")
PAPERS = ("a4", "letter")
AGES = (2, 4, 6, 9, 12, 15, 18, 24)
LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40">'
    b'<rect width="120" height="40" rx="6" fill="#1f5f66"/></svg>'
)
CLINIC = Clinic(
    "Sunny Kids Therapy",
    phone="555 0100",
    address="12 River Road, Springfield",
    website="sunnykids.example",
    logo=Logo(LOGO, "svg", 120, 40),
)


@dataclass(frozen=True)
class Printed:
    doc: PlanDocument
    pages: tuple[str, ...]  # each page's text, whitespace flattened
    html: str


def screening_doc(content: Content, months: int, clinic: Clinic | None) -> PlanDocument:
    birth = add_months(DAY, -months) - dt.timedelta(days=5)
    answers = {
        m.id: ("not_yet" if i % 3 == 0 else "yes") for i, m in enumerate(content.checklist(months))
    }
    signs = [w for w in content.warning_signs if w.applies_at(months + 0.2)]
    longest = max(signs, key=lambda w: len(w.text) + len(w.advice))
    result = score(
        content,
        Answers(Child(birth, 40, "Sam"), DAY, answers, {longest.id: True}, PARENT_NOTE),  # type: ignore[arg-type]
        today=DAY,
    )
    return build_plan_document(
        content,
        plan_for_result(content, result),
        result=result,
        therapist="Dana Reyes, OTR/L",
        caregiver="Little Stars Daycare",
        notes=[THERAPIST_NOTE],
        clinic=clinic,
    )


def therapist_doc(content: Content, months: int, clinic: Clinic | None) -> PlanDocument:
    """A therapist's plan of five activities for a child with a birth date, two notes."""
    birth = add_months(DAY, -months) - dt.timedelta(days=5)
    return build_plan_document(
        content,
        plan_for_focus(content, months + 0.2, max_activities=5),
        child="Sam",
        birth_date=birth,
        therapist="Dana Reyes, OTR/L",
        caregiver="Little Stars Daycare",
        notes=[THERAPIST_NOTE, THERAPIST_NOTE],
        date=DAY,
        clinic=clinic,
    )


def page_texts(html: str) -> tuple[str, ...]:
    """``html`` printed by headless Chromium; each page's text."""
    reader = PdfReader(io.BytesIO(print_pdf(html)))
    return tuple(" ".join(page.extract_text().split()) for page in reader.pages)


KEYS = [("screening", lang, paper, months) for lang in LANGS for paper in PAPERS for months in AGES]
KEYS += [("five", "es", "letter", months) for months in AGES]


@pytest.fixture(scope="session")
def printed() -> Iterator[dict[tuple[str, str, str, int], Printed]]:
    """Every handout of KEYS, printed once (by the session's one Chromium)."""
    docs: dict[tuple[str, str, str, int], tuple[PlanDocument, str]] = {}
    for lang in LANGS:
        with speaking(lang):
            content = load_content(lang=lang)
            for key in KEYS:
                kind, key_lang, paper, months = key
                if key_lang != lang:
                    continue
                clinic = CLINIC if paper == "letter" else None
                make = screening_doc if kind == "screening" else therapist_doc
                doc = make(content, months, clinic)
                docs[key] = (doc, str(render_plan(doc, "html", paper=paper)))
    pages = [page_texts(docs[key][1]) for key in KEYS]
    yield {
        key: Printed(docs[key][0], page, docs[key][1])
        for key, page in zip(KEYS, pages, strict=True)
    }


def ids(key: tuple[str, str, str, int]) -> str:
    return "-".join(map(str, key))


@pytest.mark.parametrize("key", KEYS, ids=ids)
def test_the_handout_prints_on_two_pages(
    printed: dict[tuple[str, str, str, int], Printed], key: tuple[str, str, str, int]
) -> None:
    assert len(printed[key].pages) == 2


@pytest.mark.parametrize("key", KEYS, ids=ids)
def test_page_one_opens_with_the_notes_and_when_to_call(
    printed: dict[tuple[str, str, str, int], Printed], key: tuple[str, str, str, int]
) -> None:
    got = printed[key]
    doc, first = got.doc, got.pages[0]
    words = doc.labels
    box = first.index(doc.call_box_title)
    assert first.index(THERAPIST_NOTE[:30]) < box  # the therapist's notes first
    assert box < first.index(words.activities)  # the box before the activities
    for row in doc.call_box:
        assert row.heading in first, row.heading
    for line in doc.contacts:
        assert line.role in first, line.role
    assert doc.contacts[1].name.split(" · ")[0] in first  # the therapist's line pre-filled
    for label in (words.born, words.next_check, words.caregiver, "Little Stars Daycare"):
        assert label in first, label
    assert ("Page 1 of 2" if key[1] == "en" else "Página 1 de 2") in first
    if key[2] == "letter":  # with a clinic: its name and phone in the header
        assert "Sunny Kids Therapy" in first and "555 0100" in first


@pytest.mark.parametrize("key", KEYS, ids=ids)
def test_reported_signs_are_marked_and_every_activity_is_there(
    printed: dict[tuple[str, str, str, int], Printed], key: tuple[str, str, str, int]
) -> None:
    got = printed[key]
    text = " ".join(got.pages)
    reported = [s for row in got.doc.call_box for s in row.signs if s.reported]
    assert bool(reported) == (
        key[0] == "screening"
    )  # the sign ticked, and any a "not yet" reported
    if reported:
        assert got.doc.labels.you_noticed in got.pages[0]
    for card in got.doc.activities:
        assert card.name[:25] in text, card.name
    assert got.doc.labels.questions in got.pages[1]
    assert got.doc.labels.sources in got.pages[1]


@pytest.mark.parametrize("key", KEYS[:: len(AGES)], ids=ids)
def test_safety_is_one_bullet_a_line(
    printed: dict[tuple[str, str, str, int], Printed], key: tuple[str, str, str, int]
) -> None:
    got = printed[key]
    lines = sum(len(card.safety) for card in got.doc.activities)
    assert got.html.count('<ul class="safety">') == sum(1 for c in got.doc.activities if c.safety)
    assert " ".join(got.pages).count("⚠") == lines
