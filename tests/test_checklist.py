"""`ottool checklist`: a blank checklist on paper, and an answer file that scores as typed."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import Run
from ottool.core import i18n
from ottool.core.activity_choice import plan_for_result
from ottool.core.content import load_content
from ottool.core.screening import ANSWERS, Answers, Child, score
from ottool.core.yamlsource import parse_yaml
from ottool.documents.checklist_document import build_checklist_document
from ottool.render.checklist import answer_template, checklist_markdown
from ottool.storage.answerfile import answers_from_data
from ottool.storage.result_json import result_to_data
from properties import examples

CLINIC = Path(__file__).parent / "fixtures" / "clinic" / "clinic.yaml"
SHIPPED = load_content()


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("months", SHIPPED.checklists)
def test_every_question_and_sign_of_the_age_is_on_the_sheet(lang: str, months: int) -> None:
    i18n.set_language(lang)
    content = load_content(lang=lang)
    doc = build_checklist_document(content, months)
    asked = [q.id for area in doc.areas for q in area.questions]
    assert sorted(asked) == sorted(m.id for m in content.checklist(months))
    assert [s.id for s in doc.signs] == [w.id for w in content.warning_signs_at(months)]
    text = checklist_markdown(doc)
    for m in content.checklist(months):
        assert " ".join(m.prompt.split())[:30] in text.replace("\\", "")
    assert text.count("☐") == 4 * len(asked) + len(doc.signs)


def test_the_spanish_sheet_speaks_spanish(cli: Callable[..., Run]) -> None:
    done = cli("checklist", "--age-months", "12", "--lang", "es")
    assert done.exit_code == 0, done.stderr
    for words in ("| Sí | A veces | Todavía no |", "Lista de", "¿Ha notado"):
        assert words in done.stdout
    assert "What your child does" not in done.stdout


def test_an_age_between_checklists_gets_the_earlier_one(cli: Callable[..., Run]) -> None:
    done = cli("checklist", "--months", "13", "--format", "yaml")
    assert done.exit_code == 0, done.stderr
    assert "gm-12m-pulls-to-stand:" in done.stdout
    assert "gm-15m" not in done.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ((), "give the child's age"),
        (("--age-months", "40"), "older than ottool's checklists serve"),
        (("--age-months", "12", "--format", "md", "--output", "x.pdf"), "does not match"),
        (("--age-months", "12", "--output", "x.docx"), "cannot tell which format"),
        (("--age-months", "12", "--born", "2025-11-20"), "not both"),
        (("--age-months", "12", "--gestational-weeks", "32"), "goes with --born"),
        (("--born", "2025-02-30"), "--born '2025-02-30' is not a date"),
    ],
)
def test_wrong_requests_get_one_line(
    cli: Callable[..., Run], args: tuple[str, ...], words: str
) -> None:
    done = cli("checklist", *args)
    assert done.exit_code == 1
    assert words in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_nothing_is_written_over_without_force(cli: Callable[..., Run], tmp_path: Path) -> None:
    target = tmp_path / "checklist.md"
    target.write_text("keep me", encoding="utf-8")
    done = cli("checklist", "--age-months", "9", "--output", target)
    assert done.exit_code == 1 and "already exists" in done.stderr
    assert target.read_text(encoding="utf-8") == "keep me"
    done = cli("checklist", "--age-months", "9", "--output", target, "--force")
    assert done.exit_code == 0, done.stderr
    assert "9 months" in target.read_text(encoding="utf-8")


def test_the_clinic_heads_the_html_sheet(cli: Callable[..., Run], tmp_path: Path) -> None:
    target = tmp_path / "checklist.html"
    done = cli("checklist", "--age-months", "6", "--clinic", CLINIC, "--output", target)
    assert done.exit_code == 0, done.stderr
    page = target.read_text(encoding="utf-8")
    assert "Riverside Children&#39;s Therapy" in page
    assert 'src="data:image/png;base64,' in page
    assert "size: letter" in page  # the clinic's paper
    assert "<script" not in page


# --- the answer-file template ------------------------------------------------------


def fill(template: str, answers: dict[str, str], signs: dict[str, str]) -> str:
    """The template as a parent fills it in: details, then answers after the ids."""
    text = template.replace("  birth_date:", "  birth_date: 2025-11-01", 1)
    text = text.replace("\ndate:", "\ndate: 2026-11-20", 1)
    for key, value in {**answers, **signs}.items():
        text = re.sub(rf"^(  {re.escape(key)}:).*$", rf"\1 {value}", text, flags=re.M)
    return text


def scored(content: object, answers: Answers) -> dict[str, object]:
    result = score(content, answers)  # type: ignore[arg-type]
    return result_to_data(result, plan_for_result(content, result, 4))  # type: ignore[arg-type]


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_filled_in_template_scores_as_typed_answers(data: st.DataObject) -> None:
    """Round trip: the template, filled in, scores exactly as the same answers typed."""
    lang = data.draw(st.sampled_from(["en", "es"]))
    i18n.set_language(lang)
    content = load_content(lang=lang)
    doc = build_checklist_document(content, 12)
    ids = [q.id for area in doc.areas for q in area.questions]
    chosen = {i: data.draw(st.sampled_from((*ANSWERS, ""))) for i in ids}
    seen = {s.id: data.draw(st.booleans()) for s in doc.signs}
    from ottool.storage.answerfile import answer_words_in, sign_words_in

    words = {a: answer_words_in(lang)[a][0] for a in ANSWERS}
    text = fill(
        answer_template(doc),
        {i: words[a] if a else "" for i, a in chosen.items()},
        {s: sign_words_in(lang)[v][0] for s, v in seen.items()},
    )
    from_file = answers_from_data(parse_yaml(text, "template.yaml"), content, "template.yaml")
    typed = Answers(
        Child(dt.date(2025, 11, 1), 40, None),
        dt.date(2026, 11, 20),
        {i: a or "unsure" for i, a in chosen.items()},
        seen,
    )
    assert from_file == typed
    assert scored(content, from_file) == scored(content, typed)


def test_the_template_through_the_command_line(cli: Callable[..., Run], tmp_path: Path) -> None:
    template = tmp_path / "answers.yaml"
    done = cli("checklist", "--age-months", "12", "--output", template)
    assert done.exit_code == 0, done.stderr
    text = template.read_text(encoding="utf-8")
    assert "# Can your baby pick up small bits of food" in text
    filled = fill(text, {"fm-12m-pincer": "not yet", "gm-12m-cruises": "yes"}, {})
    template.write_text(filled, encoding="utf-8")
    done = cli("screen", "--answers", template, "--format", "json")
    assert done.exit_code == 0, done.stderr
    result = json.loads(done.stdout)
    fine = next(d for d in result["domains"] if d["id"] == "fine_motor")
    assert fine["status"] != "on_track"
    # The template as written (no birth date yet) is refused with one clear line.
    blank = tmp_path / "blank.yaml"
    assert cli("checklist", "--age-months", "12", "--output", blank).exit_code == 0
    done = cli("screen", "--answers", blank, "--format", "json")
    assert done.exit_code == 1 and "birth_date" in done.stderr


def test_a_baby_born_early_gets_the_checklist_of_the_corrected_age(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    # A therapist prints the sheet for a baby born at 32 weeks, a year and ten days ago:
    # the 12-month sheet would be thrown away by the screening (corrected age 10 months);
    # --born and --gestational-weeks choose the 9-month one and fill in the template.
    born = dt.date.today() - dt.timedelta(days=375)
    template = tmp_path / "answers.yaml"
    args = ("--born", born.isoformat(), "--gestational-weeks", "32", "--output", template)
    done = cli("checklist", *args)
    assert done.exit_code == 0, done.stderr
    assert "corrected for prematurity" in done.stderr
    text = template.read_text(encoding="utf-8")
    assert "gm-9m-" in text and "gm-12m-" not in text
    assert f"birth_date: {born.isoformat()}" in text and "gestational_weeks: 32" in text
    filled = re.sub(r"^(  [a-z]{2}-\d+m-[a-z-]+:)$", r"\1 yes", text, flags=re.M)
    template.write_text(filled, encoding="utf-8")  # the date left empty: today
    done = cli("screen", "--answers", template, "--format", "json")
    assert done.exit_code == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["unused_answers"] == []
    assert result["checklist"]["months"] == 9
    assert {d["status"] for d in result["domains"]} == {"on_track"}


# --- PDF (slow) ---------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_checklist_prints_on_two_pages_at_most(lang: str, paper: str) -> None:
    from pypdf import PdfReader

    from ottool.render.checklist_pdf import checklist_pdf
    from ottool.storage.clinic_file import read_clinic

    i18n.set_language(lang)
    content = load_content(lang=lang)
    clinic = read_clinic(CLINIC)
    for months in content.checklists:
        doc = build_checklist_document(content, months, clinic=clinic if months == 12 else None)
        reader = PdfReader(__import__("io").BytesIO(checklist_pdf(doc, paper=paper)))
        assert 1 <= len(reader.pages) <= 2, (months, lang, paper)
        text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
        for m in content.checklist(months):
            assert " ".join(m.prompt.split()[:4]) in text, (m.id, lang, paper)
        for sign in content.warning_signs_at(months):
            assert " ".join(sign.text.split()[:3]) in text, (sign.id, lang, paper)
        if months == 12:
            assert "Riverside Children's Therapy" in text


@pytest.mark.slow
def test_a_long_clinic_name_wraps_and_the_sheet_stays_two_pages(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from ottool.core.clinic import Clinic
    from ottool.render.checklist_pdf import checklist_pdf

    clinic = Clinic(
        name="Riverside Paediatric Occupational Therapy and Family Support Centre " * 2,
        phone="+1 555 0100",
        address="12 River Road\nSpringfield\nIllinois 62701",
        website="riverside.example.org/" + "x" * 90,
    )
    doc = build_checklist_document(SHIPPED, 12, clinic=clinic)
    reader = PdfReader(__import__("io").BytesIO(checklist_pdf(doc, paper="letter")))
    assert len(reader.pages) == 2
    assert "Page 1 of 2" in reader.pages[0].extract_text()


def test_a_sign_that_cannot_wait_says_what_to_do_now(cli: Callable[..., Run]) -> None:
    """The emergency sign carries the emergency number on the sheet (the region's when
    known), not only 'contact the doctor soon'."""
    emergency = [w for w in SHIPPED.warning_signs_at(12) if w.act == "emergency"]
    assert emergency
    done = cli("checklist", "--age-months", "12", "--format", "md")
    assert "If it is happening now, call your local emergency number" in done.stdout
    done = cli("checklist", "--age-months", "12", "--lang", "es", "--region", "MX")
    line = next(x for x in done.stdout.splitlines() if "respirar" in x)
    assert "llame al 911" in line and "Urgente" in line
