"""The printed plan as a family gets it: two pages, real text, clean fonts (issue 14).

Plans are built from the shipped content at every checklist age, the way a
therapist prints them after a screening: four activities, a two-week tracker,
"When to call" with a reported warning sign, a parent's note, the therapist's
note, the disclaimer and the sources. Poppler (pdftotext, pdffonts) and Chromium
checks are skipped where those programs are not installed; CI installs them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

import printed
from conftest import FIXTURE_DIR, Run
from ottool.core.activity_choice import plan_for_focus, plan_for_result
from ottool.core.age import add_months
from ottool.core.content import Content, check_content
from ottool.core.screening import Answers, Child, score
from ottool.documents.plan_document import build_plan_document
from ottool.render.plan_file import render_plan
from printed import DAY, PAPERS, PARENT_NOTE, screening_plan

#: Every label the PDF prints; each must come out of pdftotext as itself.
LABELS = (
    "Home activity plan for Sam",
    "Child: Sam",
    "Age:",
    "Checklist:",
    "Date: November 2, 2026",
    "Therapist: Dana Reyes, OTR/L",
    "Next step:",
    "Your note: She gets upset",
    "Activities",
    "Why:",
    "How much:",
    "Fits into:",
    "Safety:",
    "Tracker",
    "Week 1",
    "Week 2",
    "Activity",
    "When to call",
    "Call the doctor within a few days",
    "(you noticed this)",
    "Notes from your therapist",
    "Born:",
    "Phone numbers",
    "Child's doctor:",
    "Early intervention:",
    "Your questions and notes for the next visit",
    "Sources:",
    "Page 1 of 2",
    "Page 2 of 2",
)

needs_chromium = pytest.mark.skipif(printed.CHROMIUM is None, reason="Chromium is not installed")
needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdffonts")),
    reason="poppler-utils (pdftotext, pdffonts) is not installed",
)


@pytest.fixture(scope="module")
def shipped() -> Content:
    return printed.shipped()


pages = printed.page_count


def poppler(tool: str, path: Path) -> subprocess.CompletedProcess[str]:
    """Run pdftotext (text to stdout) or pdffonts on ``path``."""
    to_stdout = ["-"] if tool == "pdftotext" else []
    return subprocess.run([tool, str(path), *to_stdout], capture_output=True, text=True)


# --- two pages -------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("language", printed.LANGUAGES)
@pytest.mark.parametrize("paper", PAPERS)
def test_the_default_plan_prints_on_two_pages_at_every_checklist_age(
    shipped: Content, paper: str, language: str
) -> None:
    spilled = printed.pages_over_two(shipped.checklists, paper, "some", language)
    assert spilled == set(), (paper, language)


@pytest.mark.slow
@pytest.mark.parametrize("answer", ["not_yet", "sometimes", "yes", "unsure"])
@pytest.mark.parametrize("paper", PAPERS)
def test_two_pages_whatever_the_answers(shipped: Content, paper: str, answer: str) -> None:
    for months in shipped.checklists:
        data = printed.handout_pdf(months, paper, answer)
        assert pages(data) == 2, f"{months} months, all '{answer}', on {paper}"


@pytest.mark.slow
@pytest.mark.parametrize("language", printed.LANGUAGES)
@pytest.mark.parametrize("paper", PAPERS)
def test_a_therapists_plan_of_five_activities_prints_on_two_pages(
    shipped: Content, paper: str, language: str
) -> None:
    """Issue 26 item 9: five activities, two notes and a caregiver keep to two pages at
    every checklist age (their steps and safety lines a little smaller)."""
    spilled = {
        months
        for months in shipped.checklists
        if pages(printed.five_activity_pdf(months, paper, language)) != 2
    }
    assert spilled == set(), (paper, language)


@pytest.mark.slow
@pytest.mark.parametrize("language", printed.LANGUAGES)
@pytest.mark.parametrize("months", [2, 12, 24])
def test_the_therapists_notes_open_page_one_before_when_to_call(
    shipped: Content, months: int, language: str
) -> None:
    """Issue 26 item 5: the PDF puts the therapist's notes where the Markdown and HTML
    plans do, under the child's details and before "When to call" and the activities."""
    doc = printed.handout_doc(months, language=language)
    assert doc.call_box and doc.notes
    first = PdfReader(io.BytesIO(printed.handout_pdf(months, "a4", language=language))).pages[0]
    text = " ".join(first.extract_text().split())
    notes = text.index(doc.labels.notes)
    assert text.index(doc.labels.date) < notes  # under the child's details
    assert notes < text.index(printed.THERAPIST_NOTE[:30]) < text.index(doc.call_box_title)
    assert text.index(doc.call_box_title) < text.index(doc.labels.activities)


@pytest.mark.slow
@pytest.mark.parametrize("paper", PAPERS)
def test_five_of_the_longest_feeding_activities_take_three_pages_at_most(paper: str) -> None:
    """The documented exception (docs/decisions.md, "The handout"): five long feeding
    activities in Spanish, every safety line on every card, take three pages at most."""
    ids = ["calm-feeds", "new-foods-small-steps", "finger-foods", "family-mealtimes", "messy-play"]
    with printed.speaking("es"):
        content = printed.shipped("es")
        plan = plan_for_focus(content, 9.2, activity_ids=ids, max_activities=5)
        doc = build_plan_document(
            content, plan, child="Sam", birth_date=dt.date(2025, 1, 1),
            therapist="Dana Reyes, OTR/L", caregiver="Little Stars Daycare",
            notes=[printed.THERAPIST_NOTE] * 2, date=DAY,
        )  # fmt: skip
        data = render_plan(doc, "pdf", paper=paper)
    assert isinstance(data, bytes)
    texts = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]
    assert len(texts) <= 3
    every = " ".join(texts)
    for card in doc.activities:  # no card and no safety line is left out to save room
        assert card.name in every and all(
            " ".join(line.split())[:40] in every for line in card.safety
        )


@pytest.mark.slow
def test_the_tracker_has_as_many_boxes_as_days_a_week(shipped: Content) -> None:
    """Issue 26 item 9: an activity done 4 days a week has 4 boxes a week in the PDF
    tracker, named with its days a week; a daily one a box under each day (the table's
    cells), as in the HTML."""
    import re

    plan = plan_for_focus(shipped, 12, activity_ids=["bath-play", "talk-through-the-day"])
    doc = build_plan_document(shipped, plan, child="Sam", date=DAY)
    doc = dataclasses.replace(
        doc,
        activities=(
            dataclasses.replace(
                doc.activities[0], tracker_boxes=4, tracker_name="Bath play (4 days a week)"
            ),
            doc.activities[1],
        ),
    )
    data = render_plan(doc, "pdf")
    assert isinstance(data, bytes)
    reader = PdfReader(io.BytesIO(data))
    content = b"".join(page.get_contents().get_data() for page in reader.pages)  # type: ignore[union-attr]
    side = f"{3.6 * 72 / 25.4:.2f}".encode()
    boxes = re.findall(rb"[\d.]+ [\d.]+ " + side + rb" -" + side + rb" re", content)
    assert len(boxes) == 4 * doc.tracker_weeks
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "Bath play (4 days a week)" in text


@pytest.mark.slow
def test_body_text_is_at_least_10_pt_only_sources_and_footer_are_smaller(
    shipped: Content,
) -> None:
    doc = printed.handout_doc(6)
    data = printed.handout_pdf(6, "a4")
    small: list[str] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip() and size * abs(tm[0]) < 10 - 1e-6:
            small.append(text)

    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=visit)
    rest = " ".join(" ".join(small).split())
    sources = "Sources: " + "; ".join(s.rstrip(".") for s in doc.sources) + "."
    assert sources in rest  # the fine print is there, and it is small
    allowed = [sources, f"{doc.title} · {doc.date_shown}", "Page 1 of 2", "Page 2 of 2", "!", "?"]
    for text in allowed:
        rest = rest.replace(text, "")
    assert rest.split() == [], "smaller than 10 pt: " + rest


@pytest.mark.slow
def test_a_plan_with_more_activities_may_take_more_pages(shipped: Content) -> None:
    ids = [a.id for a in shipped.activities if a.fits_age(12)][:8]
    plan = plan_for_focus(shipped, 12, activity_ids=ids, max_activities=8)
    doc = build_plan_document(shipped, plan, child="Sam", date=DAY)
    data = render_plan(doc, "pdf")
    assert isinstance(data, bytes)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert all(card.name.split()[0] in text for card in doc.activities)
    assert 2 <= pages(data) <= 4


# --- every word real text, every font embedded ----------------------------------------------


@pytest.mark.slow
@needs_poppler
@pytest.mark.parametrize(
    ("months", "paper"), [(2, "a4"), (6, "letter"), (12, "a4"), (24, "letter")]
)
def test_every_label_is_text_and_poppler_has_no_complaint(
    shipped: Content, tmp_path: Path, months: int, paper: str
) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(printed.handout_pdf(months, paper))
    text = poppler("pdftotext", path)
    assert text.returncode == 0
    assert text.stderr == "", text.stderr  # e.g. "Mismatch between font type and embedded font"
    flat = " ".join(text.stdout.split())
    for label in LABELS:
        assert label in flat, label
    fonts = poppler("pdffonts", path)
    assert fonts.stderr == ""
    rows = fonts.stdout.splitlines()[2:]
    assert rows
    for row in rows:
        # name, type..., encoding, emb, sub, uni, object, id: every font embedded as what it is.
        emb, _sub, uni = row.split()[-5:-2]
        assert (emb, uni) == ("yes", "yes"), row
        assert "Type 0C" not in row and "Type 1" not in row, row


@pytest.mark.slow
@needs_poppler
@pytest.mark.parametrize("months", [8, 12, 24])
def test_your_note_label_is_never_garbage(shipped: Content, tmp_path: Path, months: int) -> None:
    """It came out as 'xagf eat8;' in plans with a parent's note at 8, 12 and 24 months."""
    content = shipped
    checklist = max(m for m in content.checklists if m <= months)
    birth = add_months(DAY, -months) - dt.timedelta(days=3)
    answers = {m.id: "sometimes" for m in content.checklist(checklist)}
    result = score(
        content, Answers(Child(birth, 40, "Ada"), DAY, answers, {}, PARENT_NOTE), today=DAY
    )
    doc = build_plan_document(content, plan_for_result(content, result), result=result)
    path = tmp_path / "plan.pdf"
    path.write_bytes(render_plan(doc, "pdf"))  # type: ignore[arg-type]
    text = poppler("pdftotext", path)
    assert text.stderr == ""
    assert "Your note: She gets upset in the car seat" in " ".join(text.stdout.split())


@pytest.mark.slow
@needs_poppler
def test_symbols_noto_sans_lacks_are_real_text_in_an_embedded_truetype_font(
    shipped: Content, tmp_path: Path
) -> None:
    doc = build_plan_document(
        shipped,
        plan_for_focus(shipped, 6),
        child="Zoë",
        notes=["Nap first → then play ✓ ☐"],
        date=DAY,
    )
    path = tmp_path / "plan.pdf"
    path.write_bytes(render_plan(doc, "pdf"))  # type: ignore[arg-type]
    text = poppler("pdftotext", path)
    assert text.stderr == ""
    assert "Nap first → then play ✓ ☐" in text.stdout
    fonts = poppler("pdffonts", path).stdout
    assert "NotoSansSymbols" in fonts
    assert "Type 0C" not in fonts  # CFF fonts are converted, not embedded as TrueType


@pytest.mark.slow
def test_symbols_no_font_has_become_words(
    shipped: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ottool.render.pdf import fonts

    monkeypatch.setattr(fonts, "_candidates", lambda missing: iter(()))
    doc = build_plan_document(
        shipped, plan_for_focus(shipped, 6), notes=["Nap first → then play ✓"], date=DAY
    )
    data = render_plan(doc, "pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)  # type: ignore[arg-type]
    assert "Nap first -> then play (yes)" in text


@pytest.mark.slow
def test_status_words_print_beside_drawn_marks_without_a_symbol_font(
    shipped: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """✓ and ◐ are drawn: a screening plan reads no fallback font at all."""
    from ottool.render.pdf import fonts

    def no_fallbacks(missing: set[int]) -> object:
        raise AssertionError(f"a fallback font was read for {sorted(map(chr, missing))}")

    monkeypatch.setattr(fonts, "_candidates", no_fallbacks)
    # No sign reported: a reported sign's areas would all read "Worth talking about".
    data = render_plan(screening_plan(shipped, 9, "sometimes", sign=False), "pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)  # type: ignore[arg-type]
    assert "Coming along" in text
    assert "(half)" not in text and "(yes)" not in text


# --- any text validate passes wraps, in linear time ------------------------------------------


def long_content(folder: Path, words: int) -> Content:
    """The test content with a 1,500-word activity name and step and a very long
    warning sign: ``ottool validate`` passes it, so every renderer must print it."""
    import yaml

    long = " ".join(f"word{i}" for i in range(words))
    activities = yaml.safe_load((folder / "activities.yaml").read_text())
    first = activities["activities"][0]
    first["name"] = long
    first["steps"] = [long, "x" * 3000]
    (folder / "activities.yaml").write_text(yaml.safe_dump(activities))
    milestones = yaml.safe_load((folder / "milestones.yaml").read_text())
    milestones["warning_signs"][0].update(text=long, advice=long, min_months=0)
    (folder / "milestones.yaml").write_text(yaml.safe_dump(milestones))
    report = check_content(folder)
    assert report.content is not None, report.errors
    return report.content


@pytest.mark.slow
@pytest.mark.parametrize("paper", PAPERS)
def test_text_of_any_length_wraps_instead_of_failing(content_copy: Path, paper: str) -> None:
    """fpdf2 raised "not enough horizontal space" or "too high" on such content."""
    content = long_content(content_copy, 1500)
    doc = build_plan_document(
        content,
        plan_for_focus(content, 3, activity_ids=["tummy-time"]),
        child="N" * 200,
        therapist="T" * 200,
        notes=["y" * 2000],
        date=DAY,
    )
    for fmt in ("pdf", "html", "md", "txt", "json"):
        assert render_plan(doc, fmt, paper=paper)
    data = render_plan(doc, "pdf")
    assert isinstance(data, bytes)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "word1499" in text


def _render_time(content: Content, name_length: int) -> float:
    # Past the plan document's limits on purpose: the renderer must stay linear anyway.
    doc = build_plan_document(content, plan_for_focus(content, 3), date=DAY)
    doc = dataclasses.replace(doc, child="Sam " * (name_length // 4), title="Sam " * 25)
    # CPU time of this process: other work on a busy machine does not count against it.
    start = time.process_time()
    render_plan(doc, "pdf")
    return time.process_time() - start


@pytest.mark.slow
def test_rendering_time_grows_linearly_with_the_length_of_a_name(content: Content) -> None:
    """A 100,000-character name took 65 s and 200,000 over five minutes."""
    _render_time(content, 1000)  # fonts and imports
    small = min(_render_time(content, 25_000) for _ in range(2))
    large = min(_render_time(content, 100_000) for _ in range(2))
    assert large < 20
    assert large / small < 4 * 1.6  # four times the text, about four times the time


# --- the HTML, printed by a browser ----------------------------------------------------------


# Printed by Chromium at every age, in both languages: tests/test_handout_print.py.


def test_the_printed_footer_carries_the_title_safely(shipped: Content) -> None:
    """The title goes into a CSS string for the page footer: quotes, backslashes and
    a closing style tag typed into the child's name stay inside it."""
    doc = build_plan_document(
        shipped, plan_for_focus(shipped, 6), child='Sam "x" \\ </style><b>', date=DAY
    )
    html = render_plan(doc, "html")
    assert isinstance(html, str)
    assert html.count("</style>") == 1 and "<b>" not in html
    style = html[html.index("<style>") : html.index("</style>")]
    footer = style[style.index("@bottom-left") :].split(";")[0]
    assert footer.count('"') == 2  # the string's own quotes only
    assert "Sam \\000022 x\\000022  \\00005c " in footer


# --- typed text has a length limit (issue 10, item 11) ---------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--child", "A" * 201, "--child is too long: 201 characters (at most 200)"),
        ("--therapist", "T" * 100_000, "--therapist is too long: 100,000 characters (at most 200)"),
        ("--note", "n" * 2001, "--note is too long: 2,001 characters (at most 2,000)"),
    ],
)
def test_plan_options_past_their_limit_are_one_clear_error(
    cli: Callable[..., Run], option: str, value: str, message: str
) -> None:
    run = cli("plan", "--age-months", "6", option, value, "--format", "json")
    assert run.exit_code == 1
    assert run.stderr.strip() == f"ottool: {message}"
    assert run.stdout == ""


def test_plan_options_at_their_limit_print(cli: Callable[..., Run]) -> None:
    run = cli(
        "plan", "--age-months", "6", "--child", "A" * 200, "--therapist", "T" * 200,
        "--note", "n" * 2000, "--format", "json",
    )  # fmt: skip
    assert run.exit_code == 0, run.output


@pytest.mark.parametrize(
    ("field", "line", "message"),
    [
        ("name", 3, "child: name is too long: 5,000 characters (at most 200)"),
        ("concerns", 6, "concerns is too long: 2,001 characters (at most 2,000)"),
    ],
)
def test_answer_file_text_past_its_limit_names_the_line(
    cli: Callable[..., Run], tmp_path: Path, field: str, line: int, message: str
) -> None:
    name = "N" * 5000 if field == "name" else "Sam"
    concerns = "c" * 2001 if field == "concerns" else "fine"
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        f"child:\n  birth_date: 2026-05-01\n  name: {name}\ndate: 2026-11-02\n"
        f"answers: {{}}\nconcerns: {concerns}\n"
    )
    run = cli("screen", "--answers", answers, "--format", "json", "--data-dir", FIXTURE_DIR)
    assert run.exit_code == 1
    assert run.stderr.strip() == f"{answers}:{line}: {message}"


def test_a_plan_document_refuses_text_past_the_limits_however_it_came(content: Content) -> None:
    from ottool.core.errors import InputError

    plan = plan_for_focus(content, 3)
    for options in ({"child": "x" * 201}, {"therapist": "x" * 201}, {"notes": ["x" * 2001]}):
        with pytest.raises(InputError, match="too long"):
            build_plan_document(content, plan, **options)  # type: ignore[arg-type]


def test_the_questionnaire_asks_again_for_a_name_past_the_limit() -> None:
    from ottool.cli.prompts import within as _within
    from ottool.core.limits import MAX_NAME

    check = _within(MAX_NAME)
    assert check("Sam") is True
    assert check("x" * 200) is True
    assert check("x" * 201) == "Please keep it to 200 characters or fewer."


@pytest.mark.slow
def test_the_handout_reads_its_fonts_from_the_package_and_writes_no_cache(
    shipped: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Noto Sans ships with ottool: no font is unpacked, cut down or cached on a run."""
    monkeypatch.setenv("OTTOOL_HOME", str(tmp_path / "home"))
    data = render_plan(screening_plan(shipped, 6), "pdf")
    assert isinstance(data, bytes) and b"NotoSans" in data and b"Helvetica" not in data
    assert not (tmp_path / "home").exists()
