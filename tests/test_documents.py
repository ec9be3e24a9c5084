"""The result and plan documents make every decision; renderers only lay them out.

What is urgent, which signs show their own advice and every word a family reads
are decided once (ottool.documents: result_document, plan_document, wording);
the terminal, Markdown, HTML and PDF follow the document's flags, and each
sentence is written once in the source. Spanish plans (issue 13) keep the
handout's two pages, say `lang="es"` and write dates as Spanish readers do.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

import printed
from conftest import FIXTURE_DIR
from ottool.core import i18n
from ottool.core.activity_choice import plan_for_result
from ottool.core.content import Content, load_content
from ottool.core.screening import Answers, Child, score
from ottool.documents.plan_document import PlanDocument, build_plan_document
from ottool.documents.result_document import NextStep, build_result_document, shows_own_advice
from ottool.documents.wording import dose_words
from ottool.render.console import text_console
from ottool.render.plan_file import render_plan
from ottool.render.terminal import print_result_document
from printed import PAPERS, screening_plan
from test_formats import home, ottool, screened  # noqa: F401 (home is a fixture)

SRC = Path(__file__).resolve().parents[1] / "src" / "ottool"
DAY = dt.date(2026, 11, 2)
CONTENT = load_content(FIXTURE_DIR)


def _result(signs: dict[str, bool], answers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    birth = DAY - dt.timedelta(days=125)
    given = answers or {m.id: "yes" for m in CONTENT.checklist(4)}
    return score(CONTENT, Answers(Child(birth, 40, "Sam"), DAY, given, signs), today=DAY)  # type: ignore[arg-type]


def _plan(signs: dict[str, bool]) -> PlanDocument:
    result = _result(signs)
    return build_plan_document(CONTENT, plan_for_result(CONTENT, result), result=result)


def _plain_text(doc: PlanDocument) -> dict[str, str]:
    """The plan in every text-bearing format, whitespace flattened."""
    out = {}
    for fmt in ("md", "html", "txt"):
        out[fmt] = str(render_plan(doc, fmt))
    data = render_plan(doc, "pdf")
    assert isinstance(data, bytes)
    out["pdf"] = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    return {fmt: " ".join(text.split()) for fmt, text in out.items()}


# --- decisions live in the documents ---------------------------------------------------------


@pytest.mark.parametrize(
    ("urgent", "reported", "own"),
    [(False, False, False), (True, False, True), (False, True, True), (True, True, True)],
)
def test_urgent_or_reported_signs_show_their_own_advice(
    urgent: bool, reported: bool, own: bool
) -> None:
    assert shows_own_advice(urgent, reported) is own


def test_the_plan_document_flags_each_sign() -> None:
    urgent = next(w for w in CONTENT.warning_signs if w.level == "urgent" and w.applies_at(4))
    plain = next(w for w in CONTENT.warning_signs if w.level != "urgent" and w.applies_at(4))
    doc = _plan({plain.id: True})
    by_id = {s.id: s for s in doc.when_to_call}
    assert by_id[urgent.id].urgent and by_id[urgent.id].own_advice
    assert by_id[plain.id].reported and by_id[plain.id].own_advice
    assert all(not s.own_advice for s in doc.other_signs)
    assert {s.id for s in doc.own_advice_signs} == {
        s.id for s in doc.when_to_call if s.urgent or s.reported
    }


@pytest.mark.slow
def test_every_renderer_follows_the_own_advice_flag_not_its_own_rule() -> None:
    """A sign the document marks own_advice shows its advice everywhere, and one it does
    not mark shows none, whatever its level: the renderers hold no rule of their own.
    (Markdown, HTML and the terminal show the advice in the "When to call" box; the PDF
    shows it in the sign list, which it prints when the box is left out.)"""
    boxed = _plan({})
    unboxed = dataclasses.replace(boxed, call_box=())
    plain = boxed.other_signs[0]
    flagged = dataclasses.replace(plain, advice="Ring the clinic about this one.", own_advice=True)
    urgent = boxed.own_advice_signs[0]
    quiet = dataclasses.replace(urgent, advice="Hidden advice text.", own_advice=False)

    def swapped(doc: PlanDocument, new: object, old_id: str) -> PlanDocument:
        """The document with one sign replaced, in the full list and in the box."""
        signs = tuple(new if s.id == old_id else s for s in doc.when_to_call)
        box = tuple(
            dataclasses.replace(row, signs=tuple(new if s.id == old_id else s for s in row.signs))
            for row in doc.call_box
        )
        return dataclasses.replace(doc, when_to_call=signs, call_box=box)  # type: ignore[arg-type]

    for doc, formats in ((boxed, ("md", "html", "txt")), (unboxed, ("pdf",))):
        shown = _plain_text(swapped(doc, flagged, plain.id))
        hidden = _plain_text(swapped(doc, quiet, urgent.id))
        for fmt in formats:
            assert "Ring the clinic about this one." in shown[fmt], fmt
            assert "Hidden advice text." not in hidden[fmt], fmt


def test_an_urgent_next_step_is_marked_by_its_flag_not_by_its_words() -> None:
    """Urgency comes from NextStep.urgent: words or symbols in another language or
    wording do not change how the HTML and PDF mark it."""
    result = _result({w.id: True for w in CONTENT.warning_signs if w.level == "urgent"})
    doc = build_plan_document(CONTENT, plan_for_result(CONTENT, result), result=result)
    assert doc.next_step is not None and doc.next_step.urgent
    reworded = dataclasses.replace(
        doc, next_step=dataclasses.replace(doc.next_step, symbol="‼", words="Llame pronto")
    )
    assert 'class="status urgent"' in str(render_plan(reworded, "html"))
    calm = dataclasses.replace(doc, next_step=dataclasses.replace(doc.next_step, urgent=False))
    assert 'class="status urgent"' not in str(render_plan(calm, "html"))


def test_the_result_document_holds_every_line_of_the_result_screen() -> None:
    sign = next(w for w in CONTENT.warning_signs if w.applies_at(4))
    result = _result({sign.id: True})
    doc = build_result_document(CONTENT, result)
    assert doc.title == "Results for Sam"
    assert doc.date == "November 2, 2026"
    assert isinstance(doc.next_step, NextStep) and doc.next_step.code == result.overall
    assert [a.id for a in doc.areas] == [d.id for d in result.domains]
    assert all(a.status == f"{a.symbol} {a.words}" for a in doc.areas)
    assert [s.id for s in doc.noticed] == [sign.id]
    assert doc.noticed[0].own_advice
    console = text_console(80)
    print_result_document(doc, console)
    shown = " ".join(console.export_text().split())
    for line in (doc.title, doc.age_line, doc.next_step.label, sign.advice, doc.disclaimer):
        assert " ".join(line.split()) in shown


# --- every sentence once ---------------------------------------------------------------------

#: Sentences that used to be written in several renderers.
ONCE = [
    "When to call your child's doctor",
    "Tick a box each day",
    "Notes from your therapist",
    "(you noticed this)",
    "Why these activities",
    "Where things stand",
    "ottool is a milestone check based on public checklists",
    "You can also ask your child's doctor or health centre about early intervention",
    "If it is happening now, call {emergency}",
    "Growing up with two languages",
]


@pytest.mark.parametrize("sentence", ONCE)
def test_each_sentence_a_family_reads_is_written_once_in_the_source(sentence: str) -> None:
    files = [*SRC.rglob("*.py"), *SRC.rglob("*.j2")]
    found = [f for f in files if sentence in f.read_text(encoding="utf-8")]
    assert len(found) == 1, found
    assert found[0].parent.name == "wording", found


@pytest.mark.slow
def test_the_tracker_has_one_instruction_in_every_printed_format() -> None:
    doc = _plan({})
    for fmt, text in _plain_text(doc).items():
        if fmt != "txt":  # the screen has no tracker to tick
            assert text.count(doc.tracker_note) == 1, fmt


def test_renderers_do_not_compare_display_strings() -> None:
    for path in (SRC / "render").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert 'startswith("!!")' not in source, path.name
        assert "_overall_words(" not in source, path.name
        assert "urgent or sign.reported" not in source, path.name


# --- Spanish ---------------------------------------------------------------------------------


@pytest.fixture
def spanish() -> Content:
    i18n.set_language("es")
    return load_content(lang="es")


@pytest.mark.slow
@pytest.mark.parametrize("paper", PAPERS)
def test_the_spanish_pdf_handout_prints_on_two_pages_at_every_checklist_age(
    spanish: Content, paper: str
) -> None:
    spilled = printed.pages_over_two(spanish.checklists, paper, "some", "es")
    assert spilled == set(), paper


@pytest.mark.slow
def test_the_spanish_pdf_says_its_language_and_keeps_accents() -> None:
    data = printed.handout_pdf(9, "a4", language="es")
    reader = PdfReader(io.BytesIO(data))
    assert reader.trailer["/Root"]["/Lang"] == "es"
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "2 de noviembre de 2026" in text
    assert "Cuándo llamar" in text and "Página 1 de 2" in text


@pytest.mark.slow
@pytest.mark.parametrize("answer", ["not_yet", "sometimes", "yes", "unsure"])
@pytest.mark.parametrize("paper", PAPERS)
def test_the_spanish_handout_is_two_pages_whatever_the_answers(
    spanish: Content, paper: str, answer: str
) -> None:
    spilled = printed.pages_over_two(spanish.checklists, paper, answer, "es")
    assert spilled == set(), (paper, answer)


def test_the_spanish_html_and_markdown_plans(spanish: Content) -> None:
    doc = screening_plan(spanish, 9)
    html = str(render_plan(doc, "html"))
    assert '<html lang="es">' in html
    assert "2 de noviembre de 2026" in html and "Página" in html
    assert "<h2>When to call" not in html and "Tick a box" not in html
    md = str(render_plan(doc, "md"))
    assert "2 de noviembre de 2026" in md and "Semana 1" in md
    assert "Week 1" not in md and "Activities" not in md


@pytest.mark.slow
def test_english_plans_say_english() -> None:
    html = str(render_plan(_plan({}), "html"))
    assert '<html lang="en">' in html
    data = render_plan(_plan({}), "pdf")
    assert isinstance(data, bytes)
    assert PdfReader(io.BytesIO(data)).trailer["/Root"]["/Lang"] == "en"


def test_the_spanish_result_screen(spanish: Content) -> None:
    birth = DAY - dt.timedelta(days=280)
    result = score(spanish, Answers(Child(birth, 40, "Ana"), DAY, {}, {}), today=DAY)
    doc = build_result_document(spanish, result)
    assert doc.title == "Resultados de Ana"
    assert doc.date == "2 de noviembre de 2026"
    console = text_console(80)
    print_result_document(doc, console)
    shown = console.export_text()
    assert "Área" in shown and "Results" not in shown


@pytest.mark.usefixtures("home")
def test_history_tables_and_a_saved_screening_show_in_spanish(tmp_path: Path) -> None:
    """A screening saved in English is listed, followed and shown in Spanish: headers,
    status words and dates as Spanish readers write them (issue 13)."""
    screened(tmp_path, "Mia", "2026-05-15")
    listing = ottool("--lang", "es", "history").stdout
    assert "Fecha" in listing and "En general" in listing and "Date" not in listing
    # The date may wrap inside its cell at 80 columns: read the cell's lines together.
    cell = [line.split("│")[2].strip() for line in listing.splitlines() if line.count("│") > 2]
    assert " ".join(c for c in cell if c) == "15 de mayo de 2026"
    progress = ottool("--lang", "es", "history", "--child", "Mia").stdout
    assert "Progreso de Mia" in progress and "15 de mayo de 2026" in progress
    shown = ottool("--lang", "es", "history", "show", "1").stdout
    assert "Resultados de Mia" in shown and "realizado el 15 de mayo de 2026" in shown
    assert "Results for" not in shown and "When to call" not in shown


def test_an_activitys_dose_is_written_in_the_runs_language(content: Content) -> None:
    """The dose is a sentence like any other: in Spanish, with Spanish plurals."""
    tummy = content.activity_by_id["tummy-time"]
    reach = content.activity_by_id["reach-and-grasp"]
    i18n.set_language("es")
    assert dose_words(tummy) == "5 min, 3 veces al día, todos los días"
    assert dose_words(reach) == "10 min, una vez al día, 5 días a la semana"
