"""Printed home plans: Markdown, HTML and PDF from one plan document."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from ottool.core.activity_choice import plan_for_focus, plan_for_result
from ottool.core.content import Content, load_content
from ottool.core.errors import InputError
from ottool.core.screening import Answers, Child, score
from ottool.documents.plan_document import PlanDocument, build_plan_document
from ottool.render.plan_file import render_plan
from ottool.render.registry import FORMATS, PLAN_FORMATS, plan_format_for
from ottool.session import write_plan

FIXTURE = Path(__file__).parent / "fixtures" / "content"
DAY = dt.date(2026, 3, 2)
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
XSS = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(FIXTURE)


def five_activity_plan(content: Content, **options: object) -> PlanDocument:
    """All five activities of the fixture content that fit a 4-month-old."""
    ids = [a.id for a in content.activities if a.fits_age(4)][:5]
    plan = plan_for_focus(content, 4, activity_ids=ids, max_activities=5)
    assert len(plan.activities) == 5
    return build_plan_document(content, plan, date=DAY, **options)  # type: ignore[arg-type]


def screening_plan(content: Content) -> PlanDocument:
    child = Child(DAY - dt.timedelta(days=130), 40, "Mia")
    answers = Answers(
        child,
        DAY,
        {"gm-4m-pushes-up-elbows": "not_yet", "fm-4m-holds-toy": "sometimes"},
        {"ws-lost-skills": True},
        "Cries in the car seat",
    )
    result = score(content, answers, today=DAY)
    plan = plan_for_result(content, result, max_activities=5)
    return build_plan_document(content, plan, result=result, therapist="Dana Reyes, OTR/L")


def pdf_text(data: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), reader


# --- PDF ------------------------------------------------------------------------------------


@pytest.mark.slow
def test_pdf_of_a_five_activity_plan_holds_every_part(content: Content) -> None:
    doc = five_activity_plan(content, child="Mia", therapist="Dana Reyes", notes=["Bring socks"])
    text, reader = pdf_text(render_plan(doc, "pdf"))  # type: ignore[arg-type]
    flat = " ".join(text.split())
    assert "Mia" in text
    for card in doc.activities:
        assert card.name in text
    for day in DAYS:
        assert day in text
    assert "When to call" in text
    assert "Tracker" in text and "Week 2" in text
    assert "Bring socks" in text
    assert " ".join(doc.disclaimer.split()) in flat
    assert "5 min, 3 times a day, every day" in flat
    assert f"Page 1 of {len(reader.pages)}" in text
    assert 1 <= len(reader.pages) <= 2


@pytest.mark.slow
def test_pdf_from_a_screening_shows_statuses_in_words(content: Content) -> None:
    text, _ = pdf_text(render_plan(screening_plan(content), "pdf"))  # type: ignore[arg-type]
    flat = " ".join(text.split())
    # The headline is the result's act (lost skills: within days at least).
    assert "Contact your child's doctor within the next few days" in flat
    assert "Worth talking about" in flat
    # "When to call" opens with its rows, most urgent first; the reported sign is marked.
    assert flat.index("When to call") < flat.index("Call the doctor within a few days")
    assert "you noticed this" in text


@pytest.mark.slow
def test_pdf_prints_every_area_status_whole() -> None:
    # A 6-month-old on track everywhere (shipped content): the status column is exactly as
    # wide as "On track", and rounding used to cut the left column's statuses to "On".
    content = load_content()
    child = Child(DAY - dt.timedelta(days=185), 40, "Ivy")
    answers = {m.id: "yes" for m in content.milestones if m.months == 6}
    result = score(content, Answers(child, DAY, answers, {}, None), today=DAY)
    doc = build_plan_document(content, plan_for_result(content, result), result=result)
    assert {area.words for area in doc.areas} == {"On track"}
    text, _ = pdf_text(render_plan(doc, "pdf"))  # type: ignore[arg-type]
    assert len(doc.areas) == 7
    assert text.count("On track") == 1 + 7  # the next step, then each area


@pytest.mark.slow
@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_pdf_paper_sizes(content: Content, paper: str, size: tuple[int, int]) -> None:
    data = render_plan(five_activity_plan(content), "pdf", paper=paper)
    page = PdfReader(io.BytesIO(data)).pages[0]  # type: ignore[arg-type]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == size


def test_pdf_with_unknown_paper_is_an_input_error(content: Content) -> None:
    with pytest.raises(InputError, match="a4 or letter"):
        render_plan(five_activity_plan(content), "pdf", paper="a5")


@pytest.mark.slow
def test_pdf_with_a_name_outside_latin_1_does_not_crash(
    content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ottool.render.pdf import fonts

    # Noto (shipped) prints Latin and the symbols; Chinese needs a CJK font of the
    # system, which this test takes away: each such character becomes one '?'.
    monkeypatch.setattr(fonts, "CJK_NAMES", ())
    doc = five_activity_plan(content, child="Zoë Łukasz 小明", notes=["Nap first → then play ✓"])
    text, _ = pdf_text(render_plan(doc, "pdf"))  # type: ignore[arg-type]
    assert "Zoë Łukasz ??" in text
    assert "小明" not in text
    assert "Nap first → then play ✓" in text


@pytest.mark.slow
def test_pdf_without_fallback_fonts_prints_words_and_plain_letters(
    content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ottool.render.pdf import fonts

    monkeypatch.setattr(fonts, "_candidates", lambda missing: iter(()))
    doc = five_activity_plan(content, child="Zoë 𝐀na 小明", notes=["Nap first → then play ✓"])
    text, _ = pdf_text(render_plan(doc, "pdf"))  # type: ignore[arg-type]
    assert "Zoë Ana ??" in text
    assert "Nap first -> then play (yes)" in text


# --- HTML -----------------------------------------------------------------------------------


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src") and value:
                self.links.append(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def test_html_has_every_section_and_is_self_contained(content: Content) -> None:
    doc = five_activity_plan(content, child="Mia", notes=["Bring socks"])
    html = render_plan(doc, "html")
    assert isinstance(html, str)
    page = parse(html)
    assert {"why", "activities", "tracker", "when-to-call", "notes"} <= page.ids
    assert "script" not in page.tags
    assert "link" not in page.tags
    assert not [link for link in page.links if link.startswith(("http:", "https:", "//"))]
    assert "http://" not in html and "https://" not in html
    text = " ".join("".join(page.text).split())
    for card in doc.activities:
        assert card.name in text
    assert all(day in text for day in DAYS)
    assert doc.disclaimer in text
    # One table a week for a screen, and one for each two weeks side by side for paper.
    assert page.tags.count("table") == doc.tracker_weeks + (doc.tracker_weeks + 1) // 2
    assert '<meta name="viewport"' in html
    assert "@page" in html and "break-inside: avoid" in html


def test_html_escapes_what_users_typed(content: Content) -> None:
    doc = five_activity_plan(content, child=XSS, therapist=XSS, notes=[XSS])
    html = render_plan(doc, "html")
    assert isinstance(html, str)
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "script" not in parse(html).tags


def test_html_page_size_follows_the_paper(content: Content) -> None:
    assert "size: letter" in str(render_plan(five_activity_plan(content), "html", paper="letter"))


def test_html_from_a_screening_shows_statuses(content: Content) -> None:
    html = str(render_plan(screening_plan(content), "html"))
    assert "Worth talking about" in html and 'class="call-row days urgent"' in html


# --- Markdown, JSON, text --------------------------------------------------------------------


def test_markdown_structure(content: Content) -> None:
    doc = five_activity_plan(content, child="Mia", therapist="Dana")
    md = str(render_plan(doc, "md"))
    lines = md.splitlines()
    assert lines[0] == "# Home activity plan for Mia"
    assert "## Why these activities" in lines
    assert "### 1. Tummy time" in lines
    assert "1. Lay your baby on their tummy on a blanket." in lines
    assert "| Activity | Mon | Tue | Wed | Thu | Fri | Sat | Sun |" in lines
    assert "| Tummy time | ☐ | ☐ | ☐ | ☐ | ☐ | ☐ | ☐ |" in lines
    assert md.count("| Activity |") == 2
    assert "## When to call" in lines
    assert "**Call the doctor within a few days:** Has lost skills they once had" in md
    assert doc.disclaimer in md


def test_markdown_escapes_user_text_minimally(content: Content) -> None:
    doc = five_activity_plan(content, child="Mia *star* [x](y)", notes=["# not a heading", XSS])
    md = str(render_plan(doc, "md"))
    assert "# Home activity plan for Mia \\*star\\* \\[x\\](y)" in md
    assert "- \\# not a heading" in md
    assert "\\<script\\>alert(1)\\</script\\>" in md
    assert "Dana O'Neil" in str(
        render_plan(five_activity_plan(content, therapist="Dana O'Neil"), "md")
    )


def test_json_is_the_document_data(content: Content) -> None:
    doc = five_activity_plan(content, child="Zoë")
    data = json.loads(str(render_plan(doc, "json")))
    assert data["format"] == "ottool-plan/1"
    assert data["child"] == "Zoë"
    assert "Zoë" in str(render_plan(doc, "json"))


def test_plain_text_is_80_columns_without_colour(content: Content) -> None:
    text = str(render_plan(five_activity_plan(content, child="Mia"), "txt"))
    assert "Tummy time" in text and "\x1b[" not in text
    assert max(len(line) for line in text.splitlines()) <= 80


# --- Files and formats -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("plan.md", "md"),
        ("plan.markdown", "md"),
        ("plan.HTML", "html"),
        ("plan.htm", "html"),
        ("plan.pdf", "pdf"),
        ("plan.json", "json"),
        ("plan.txt", "text"),
    ],
)
def test_format_from_suffix(name: str, fmt: str) -> None:
    assert plan_format_for(Path(name)) == fmt
    assert fmt in PLAN_FORMATS


@pytest.mark.parametrize("name", ["plan.docx", "plan", "plan.pdf.bak"])
def test_unknown_suffix_names_the_file_and_the_choices(name: str) -> None:
    with pytest.raises(InputError) as caught:
        plan_format_for(Path(name))
    message = str(caught.value)
    assert name in message and ".pdf" in message and ".md" in message
    assert "\n" not in message


@pytest.mark.parametrize("fmt", PLAN_FORMATS)
def test_write_plan_writes_a_private_file(content: Content, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"plan{FORMATS[fmt].suffixes[0]}"
    write_plan(five_activity_plan(content, child="Mia"), path)
    assert path.stat().st_size > 0
    assert path.stat().st_mode & 0o777 == 0o600


def test_write_plan_to_an_unwritable_place_is_an_input_error(
    content: Content, tmp_path: Path
) -> None:
    with pytest.raises(InputError, match="cannot write"):
        write_plan(five_activity_plan(content), tmp_path / "missing" / "plan.md")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    if os.geteuid() != 0:  # root writes anywhere
        with pytest.raises(InputError, match="permission denied"):
            write_plan(five_activity_plan(content), locked / "plan.html")


def test_importing_the_plan_renderer_does_not_import_fpdf_or_jinja2() -> None:
    code = (
        "import sys, ottool.render.plan_file; "
        "print(sorted(m for m in ('fpdf', 'jinja2') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.slow
def test_fpdf_is_imported_without_fonttools_font_building_which_still_works_after() -> None:
    code = (
        "import sys\n"
        "from ottool.render.pdf.library import fpdf_class\n"
        "fpdf_class()\n"
        "print('fontTools.varLib' in sys.modules)\n"
        "from fontTools.varLib import instancer\n"
        "import fpdf.fonts\n"
        "print(fpdf.fonts.instancer.instantiateVariableFont is instancer.instantiateVariableFont)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_a_long_noticed_sign_wraps_under_its_own_text_not_under_the_mark(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """'What you noticed' keeps wrapped lines clear of the ! mark, as 'When to call' does."""
    from typer.testing import CliRunner

    from ottool.cli import app

    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "child:\n  birth_date: 2026-05-01\ndate: 2026-11-22\nanswers: {}\n"
        "warning_signs:\n  ws-head-turn: true\n"
    )
    monkeypatch.setenv("COLUMNS", "60")
    monkeypatch.setenv("OTTOOL_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("OTTOOL_DATA_DIR", raising=False)
    result = CliRunner().invoke(app, ["screen", "--answers", str(answers)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = lines.index("What you noticed") + 1
    block = lines[start : lines.index("", start)]
    assert block[0].lstrip().startswith("! ")
    assert len(block) > 2  # the sign and its advice wrap at 60 columns
    assert all(line.startswith("    ") for line in block[1:]), block
