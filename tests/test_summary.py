"""`ottool summary`: one page for the child's doctor (issue 24 item 6, docs/design.md §10).

Rosa (born at 33 weeks) is saved twice per test session: screened ten times (more than
the page shows side by side) and twice. Her screenings report warning signs more than
once and concerns that are long or look like markup. Each printed summary is made
once per session (:func:`printed`) and asserted by many tests.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from conftest import Run
from ottool.core.content import load_content
from printed import CHROMIUM, print_pdf
from summary_family import (
    BORN,
    CONCERN_MARKUP,
    LONG_CONCERN,
    NAME,
    SCREENINGS_FEW,
    SCREENINGS_MANY,
    save_family,
)

CLINIC = Path(__file__).parent / "fixtures" / "clinic" / "clinic.yaml"
FAMILIES = {"many": SCREENINGS_MANY, "few": SCREENINGS_FEW}


@pytest.fixture(scope="session")
def homes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """An OTTOOL_HOME per family: Rosa screened ten times, and twice."""
    root = tmp_path_factory.mktemp("summary")
    found = {}
    for family, days in FAMILIES.items():
        home = root / family
        save_family(home, days)
        found[family] = home
    return found


def summary(home: Path, *args: str | Path) -> Run:
    """`ottool summary ARGS` with the history at ``home``."""
    from ottool.cli import app
    from ottool.core import i18n

    result = CliRunner().invoke(
        app, ["summary", *[str(a) for a in args]], env={"OTTOOL_HOME": str(home)}
    )
    i18n.set_language(i18n.DEFAULT_LANGUAGE)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


@pytest.fixture(scope="session")
def printed(homes: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Any]:
    """The summary of a family in a format, language and paper: made once per session."""
    folder = tmp_path_factory.mktemp("printed")
    made: dict[tuple[str, str, str, str], Any] = {}

    def get(family: str, fmt: str, lang: str = "en", paper: str = "a4") -> Any:
        key = (family, fmt, lang, paper)
        if key not in made:
            path = folder / f"{family}-{lang}-{paper}.{fmt}"
            done = summary(homes[family], "--format", fmt, "--lang", lang, "--paper", paper,
                           "--output", path)  # fmt: skip
            assert done.exit_code == 0, done.output
            made[key] = path.read_bytes() if fmt == "pdf" else path.read_text("utf-8")
            assert stat.S_IMODE(path.stat().st_mode) == 0o600  # a child's details: private
        return made[key]

    return get


# --------------------------------------------------------------------------- json


def test_the_json_holds_the_facts_in_every_language(printed: Callable[..., Any]) -> None:
    data = json.loads(printed("many", "json"))
    assert data["format"] == "ottool-summary/1"
    assert (data["name"], data["birth_date"], data["gestational_weeks"]) == (
        NAME, BORN.isoformat(), 33
    )  # fmt: skip
    assert data["age_today"]["corrected"] is (
        (dt.date.today() - BORN).days < 730
    )  # corrected until the second birthday
    assert [s["date"] for s in data["screenings"]] == [d.isoformat() for d in SCREENINGS_MANY]
    first = data["screenings"][0]
    assert first["checklist_months"] == 2 and first["corrected"] is True
    assert first["not_yet"] and all("-2m-" in m for m in first["not_yet"] + first["sometimes"])
    assert set(first["areas"]) >= {"gross_motor", "fine_motor", "communication"}
    assert {s["act"] for s in data["screenings"]} <= {"visit", "recheck", "next_check", "days"}
    concerns = [s["concerns"] for s in data["screenings"] if s["concerns"]]
    assert CONCERN_MARKUP in concerns and LONG_CONCERN in concerns  # as written
    reported = [sign for s in data["screenings"] for sign in s["signs"]]
    assert reported and all(sign["act"] for sign in reported)
    assert data["plan"]["source"] == "screening" and data["plan"]["activities"]
    planned = [a["id"] for a in data["plan"]["activities"]]
    assert [p["activity"] for p in data["practice"]] == planned  # nothing logged yet
    assert not any(p["days_practiced"] for p in data["practice"])
    check = data["next_check"]
    assert set(check) == {"date", "months", "why", "overdue", "now_months"}
    assert check["date"] >= data["screenings"][-1]["date"]
    # Codes, ids and dates only: the Spanish summary's JSON is the same.
    assert json.loads(printed("many", "json", "es")) == data


# --------------------------------------------------------------------------- the words


def test_text_is_the_default_and_shows_the_table_and_the_parent_words(
    homes: dict[str, Path],
) -> None:
    done = summary(homes["many"])  # the only child of this history; text to the screen
    assert done.exit_code == 0, done.output
    out = done.stdout
    assert out.startswith("Developmental summary for the doctor")
    assert "Child: Rosa" in out and "Weeks of pregnancy: 33 (born early)" in out
    assert "corrected for prematurity" in out or (dt.date.today() - BORN).days >= 730
    header = next(line for line in out.splitlines() if "2025-03-20" in line)
    assert header.split() == [d.isoformat() for d in (SCREENINGS_MANY[0], *SCREENINGS_MANY[3:])]
    assert "Not shown here: the screenings of 2025-05-21, 2025-07-22" in out
    # Which milestones the latest screening did not see yet, by area, in words.
    skills = out.split("Skills not seen yet at the latest screening (September 29, 2026)")[1]
    skills = skills.split("Warning signs")[0]
    assert "- Movement (large muscles): Sometimes: Climbs on and off a couch" in skills
    assert CONCERN_MARKUP in out  # as the parent wrote it
    assert "not a diagnosis" in out


def test_markdown_escapes_what_the_parent_wrote(printed: Callable[..., Any]) -> None:
    md = printed("many", "md")
    assert "<script>" not in md and "<b>" not in md
    assert r"\<script\>alert(1)\</script\>" in md and r"\| & cries" in md and r"\*a lot\*" in md
    assert md.count("\n| ") == 2 + 7 + 1  # the heading and its rule, seven areas, the result


@pytest.mark.parametrize("lang", ["en", "es"])
def test_html_escapes_and_names_everything(printed: Callable[..., Any], lang: str) -> None:
    html = printed("many", "html", lang)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;hates&lt;/b&gt;" in html
    assert f'<html lang="{lang}">' in html
    words = {
        "en": ["Developmental summary for the doctor", "Warning signs the parent reported",
               "in their own words", "Weeks of pregnancy:", "Next check"],
        "es": ["Resumen del desarrollo para el médico", "Señales de alerta",
               "con sus propias palabras", "Semanas de embarazo:", "Próximo control"],
    }[lang]  # fmt: skip
    for word in words:
        assert word in html
    grid = html.split('<table class="grid">')[1].split("</thead>")[0]
    assert grid.count('<th scope="col">') == 1 + 8  # "Area" and eight screenings
    assert html.count('<tr class="older">') == 6 - 3  # printed: the latest three concerns


def test_each_sign_is_listed_once_with_its_dates_most_urgent_first(
    printed: Callable[..., Any],
) -> None:
    data = json.loads(printed("many", "json"))
    md = printed("many", "md")
    section = md.split("## Warning signs the parent reported")[1].split("## ")[0]
    lines = [line for line in section.splitlines() if line.startswith("- ")]
    ids = {sign["id"] for s in data["screenings"] for sign in s["signs"]}
    assert len(lines) == len(ids)
    whens = [line.split("**")[1] for line in lines]
    order = ["emergency", "doctor today", "doctor within days", "next visit"]
    assert whens == sorted(whens, key=order.index)


def test_the_clinic_heads_the_summary(homes: dict[str, Path], tmp_path: Path) -> None:
    done = summary(homes["few"], "--clinic", CLINIC, "--format", "md")
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith("**Riverside Children's Therapy**")
    assert "+1 555 0100" in done.stdout
    page = tmp_path / "summary.html"
    assert summary(homes["few"], "--clinic", CLINIC, "--output", page).exit_code == 0
    html = page.read_text("utf-8")
    assert 'class="clinic"' in html and "data:image/png;base64," in html
    assert "Riverside Children" in html.split("@bottom-left")[1].split("}")[0] or (
        "Riverside" in html
    )


def test_practice_kept_is_on_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ottool import session

    home = tmp_path / "home"
    save_family(home, SCREENINGS_FEW)
    nothing = summary(home, "--format", "md").stdout
    assert "No practice is logged for this plan" in nothing
    monkeypatch.setenv("OTTOOL_HOME", str(home))
    content = load_content()
    rosa = session.which_child("Rosa")
    plan = session.plan_today(rosa)
    assert plan is not None and plan.activities
    first = plan.activities[0].id
    today = dt.date.today()
    for days_ago in (0, 1, 3):
        session.log_practice(rosa, [first], content, on=today - dt.timedelta(days=days_ago))
    data = json.loads(summary(home, "--format", "json").stdout)
    kept = {p["activity"]: p for p in data["practice"]}
    assert kept[first]["days_practiced"] == 3 and kept[first]["days_asked"] > 3
    md = summary(home, "--format", "md").stdout
    name = content.activity_by_id[first].name
    line = next(line for line in md.splitlines() if line.startswith(f"- {name}"))
    assert "practiced on 3 of" in line
    assert "Days practiced since" in md


# --------------------------------------------------------------------------- the command line


def test_an_existing_file_is_kept_without_force(homes: dict[str, Path], tmp_path: Path) -> None:
    target = tmp_path / "summary.md"
    target.write_text("the doctor's own notes", "utf-8")
    refused = summary(homes["few"], "--output", target)
    assert refused.exit_code == 1 and "--force" in refused.stderr
    assert target.read_text("utf-8") == "the doctor's own notes"
    forced = summary(homes["few"], "--output", target, "--force")
    assert forced.exit_code == 0, forced.output
    assert target.read_text("utf-8").startswith("# Developmental summary for the doctor")
    assert "The summary for Rosa was written to" in forced.stderr


def test_a_file_name_with_no_format_is_refused(homes: dict[str, Path], tmp_path: Path) -> None:
    done = summary(homes["few"], "--output", tmp_path / "summary.docx")
    assert done.exit_code == 1
    assert "summary.docx" in done.stderr and "--format" in done.stderr
    assert "Traceback" not in done.output
    assert not (tmp_path / "summary.docx").exists()


def test_which_child(tmp_path: Path) -> None:
    home = tmp_path / "home"
    empty = summary(home)
    assert empty.exit_code == 1 and "ottool screen" in empty.stderr
    save_family(home, SCREENINGS_FEW[-1:])
    twin = BORN + dt.timedelta(days=20)
    save_family(home, SCREENINGS_FEW[-1:], born=twin)
    save_family(home, SCREENINGS_FEW[-1:], name="Leo")
    several = summary(home)
    assert several.exit_code == 1 and "--child" in several.stderr and "Leo" in several.stderr
    two = summary(home, "--child", "rosa")
    assert two.exit_code == 1 and "--born" in two.stderr
    assert BORN.isoformat() in two.stderr and twin.isoformat() in two.stderr
    chosen = summary(home, "--child", "ROSA", "--born", twin.isoformat(), "--format", "json")
    assert chosen.exit_code == 0, chosen.output
    assert json.loads(chosen.stdout)["birth_date"] == twin.isoformat()
    unknown = summary(home, "--child", "Rosalind")
    assert unknown.exit_code == 1 and "Rosalind" in unknown.stderr


def test_early_intervention_names_the_region_the_screening_named(tmp_path: Path) -> None:
    from ottool.cli import app

    home = tmp_path / "home"
    answers = Path(__file__).parent / "fixtures" / "answers" / "ana-15-meses-arcadas.yaml"
    saved = CliRunner().invoke(
        app, ["screen", "--answers", str(answers), "--region", "ES", "--save", "--format", "json"],
        env={"OTTOOL_HOME": str(home)},
    )  # fmt: skip
    assert saved.exit_code == 0, saved.output
    data = json.loads(summary(home, "--format", "json").stdout)
    assert data["screenings"][-1]["region"] == "ES"
    referrals = next(
        line for line in summary(home, "--lang", "es").stdout.splitlines()
        if line.startswith("Derivaciones sugeridas")
    )  # fmt: skip
    assert "(intervención temprana) en España;" in referrals


def test_a_later_checklist_due_by_age_is_named(tmp_path: Path) -> None:
    """Screened at 12 months, 18 months old today: the 18-month checklist is due now,
    and the plan's therapist is named for the doctor."""
    from ottool.cli import app
    from ottool.core.age import add_months

    today = dt.date.today()
    born, screened = add_months(today, -18), add_months(today, -6)
    source = Path(__file__).parent / "fixtures" / "answers" / "first-birthday-12-months.yaml"
    text = source.read_text("utf-8").replace("birth_date: 2025-12-01", f"birth_date: {born}")
    answers = tmp_path / "leo.yaml"
    answers.write_text(text.replace("\ndate: 2026-12-01", f"\ndate: {screened}"), "utf-8")
    home = tmp_path / "home"
    env = {"OTTOOL_HOME": str(home)}
    saved = CliRunner().invoke(app, ["screen", "--answers", str(answers), "--save"], env=env)
    assert saved.exit_code == 0, saved.output
    given = CliRunner().invoke(
        app, ["plan", "--from-history", "1", "--therapist", "A. Rivera, OT", "--save",
              "--output", str(tmp_path / "plan.md")], env=env,
    )  # fmt: skip
    assert given.exit_code == 0, given.output
    data = json.loads(summary(home, "--format", "json").stdout)
    assert data["screenings"][0]["checklist_months"] == 12
    assert data["next_check"]["now_months"] == 18
    out = summary(home).stdout
    check = next(line for line in out.splitlines() if line.startswith("Next check:"))
    assert "the 18-month checklist" in check and "Due now" in check
    assert "the plan A. Rivera, OT gave on" in out


def test_a_clinic_activity_without_its_content_is_named_as_the_plan_kept_it(
    tmp_path: Path,
) -> None:
    from ottool.cli import app

    home = tmp_path / "home"
    made = CliRunner().invoke(
        app,
        ["plan", "--age-months", "14", "--activity", "clinic-rice-bin", "--child", "Max",
         "--born", "2025-06-01", "--clinic", str(CLINIC), "--save",
         "--output", str(tmp_path / "plan.md")],
        env={"OTTOOL_HOME": str(home)},
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    done = summary(home, "--format", "md")
    assert done.exit_code == 0, done.output
    # The plan given keeps the card's title (issue 26): the page names it without the
    # clinic's folder, and nothing needs saying.
    assert "Rice bin treasure hunt" in done.stdout and "clinic-rice-bin" not in done.stdout
    assert "A clinic's own activity" not in done.stdout and not done.stderr
    named = summary(home, "--format", "md", "--clinic", CLINIC)
    assert "Rice bin treasure hunt" in named.stdout and not named.stderr


def test_a_child_with_a_plan_and_no_screening(tmp_path: Path) -> None:
    from ottool.cli import app

    home = tmp_path / "home"
    given = CliRunner().invoke(
        app,
        ["plan", "--age-months", "10", "--area", "fine_motor", "--child", "Noa", "--born",
         "2026-01-15", "--save", "--output", str(tmp_path / "plan.md")],
        env={"OTTOOL_HOME": str(home)},
    )  # fmt: skip
    assert given.exit_code == 0, given.output
    done = summary(home, "--format", "json")
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert data["screenings"] == [] and data["plan"]["source"] == "given"
    assert data["birth_date"] == "2026-01-15"
    assert data["next_check"]["why"] == "next_checklist"  # the next checklist's day
    text = summary(home).stdout
    assert "No screening is saved for this child yet." in text
    assert "Home practice: the plan given on" in text


# --------------------------------------------------------------------------- the document


def test_the_table_keeps_the_first_screening_and_the_latest() -> None:
    from ottool.documents.summary_document import (
        MAX_COLUMNS,
        build_summary_document,
        shown_screenings,
    )
    from ottool.documents.summary_facts import ScreeningFact, SummaryFacts

    def on(day: int) -> ScreeningFact:
        return ScreeningFact(day, dt.date(2026, 1, day), 2, 2.0, False, "on_track",
                             "next_check", {})  # fmt: skip

    few = tuple(on(d) for d in range(1, MAX_COLUMNS + 1))
    assert shown_screenings(few) == few
    many = tuple(on(d) for d in range(1, 13))
    shown = shown_screenings(many)
    assert len(shown) == MAX_COLUMNS
    assert shown[0] == many[0] and shown[1:] == many[-(MAX_COLUMNS - 1) :]
    facts = SummaryFacts(
        today=dt.date(2026, 2, 1), name="Ana", birth_date=dt.date(2025, 11, 1),
        gestational_weeks=None, age_today=None, screenings=many, plan=None, practice=None,
        next_check=None,
    )  # fmt: skip
    note = build_summary_document(facts, load_content()).columns_note
    assert note.startswith("Not shown here: 4 screenings from 2026-01-02 to 2026-01-05")


def test_an_overdue_check_and_a_talk_now_are_said_plainly() -> None:
    from ottool.documents.summary_document import build_summary_document
    from ottool.documents.summary_facts import NextCheckFact, SummaryFacts

    content = load_content()
    base = SummaryFacts(
        today=dt.date(2026, 12, 3), name="Ana", birth_date=dt.date(2026, 1, 2),
        gestational_weeks=None, age_today=None, screenings=(), plan=None, practice=None,
        next_check=NextCheckFact(dt.date(2026, 10, 2), 9, "next_checklist", overdue=True),
    )  # fmt: skip
    doc = build_summary_document(base, content)
    assert doc.next_check == (
        "The 9-month checklist has been due since October 2, 2026, with no screening since."
    )
    assert ("Weeks of pregnancy:", "not given (counted as full term)") in doc.details
    assert doc.practice_note == "No home plan is saved for this child."
    coming = NextCheckFact(dt.date(2027, 1, 2), 12, "next_checklist")
    with_coming = build_summary_document(
        SummaryFacts(**{**_fields(base), "coming_check": coming}), content
    ).next_check
    assert with_coming.endswith("Then: January 2, 2027: the 12-month checklist.")
    now = NextCheckFact(dt.date(2026, 11, 2), 9, "now")
    talk = build_summary_document(
        SummaryFacts(**{**_fields(base), "next_check": now}), content
    ).next_check
    assert talk.startswith("Now: the screening of November 2, 2026")


def _fields(facts: Any) -> dict[str, Any]:
    import dataclasses

    return {f.name: getattr(facts, f.name) for f in dataclasses.fields(facts)}


# --------------------------------------------------------------------------- the page


@pytest.mark.slow
@pytest.mark.parametrize("family", ["few", "many"])
@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_pdf_is_one_page(
    printed: Callable[..., Any], family: str, lang: str, paper: str
) -> None:
    reader = PdfReader(io.BytesIO(printed(family, "pdf", lang, paper)))
    assert len(reader.pages) == 1
    width_mm = float(reader.pages[0].mediabox.width) * 25.4 / 72
    assert round(width_mm) == (210 if paper == "a4" else 216)
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Rosa" in text and "2025" in text
    words = {
        "en": ["Weeks of pregnancy", "not a diagnosis", "Next check"],
        "es": ["Semanas de embarazo", "no es un diagnóstico", "Próximo control"],
    }[lang]
    for word in words:
        assert word.lower() in text.lower()
    if family == "few":  # room for every concern, as the parent wrote it
        assert "<script>alert(1)</script>" in text
    else:  # the latest concerns, cut short, and a line saying where the rest are
        assert ("HTML" in text) and ("2026-07-29" in text)


@pytest.mark.slow
def test_the_pdf_looks_like_one_page(printed: Callable[..., Any], tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler's pdftoppm is not installed")
    for lang in ("en", "es"):
        path = tmp_path / f"{lang}.pdf"
        path.write_bytes(printed("many", "pdf", lang, "letter"))
        prefix = tmp_path / lang
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(prefix)], check=True)
        pngs = list(tmp_path.glob(f"{lang}*.png"))
        assert len(pngs) == 1 and pngs[0].stat().st_size > 20_000


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "paper"), [("en", "a4"), ("es", "letter")])
def test_the_html_prints_on_one_page(printed: Callable[..., Any], lang: str, paper: str) -> None:
    """Printed from a browser, the HTML keeps to one page too (the latest concerns)."""
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed")
    pdf = io.BytesIO(print_pdf(printed("many", "html", lang, paper)))
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Rosa" in text and "2026-09-29" in text


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_long_lists_give_way_so_the_page_stays_one(
    homes: dict[str, Path], paper: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worst a history can hold: thirty signs, forty long concerns, a clinic, in
    Spanish. The table, the details, the next check and the disclaimer stay; the lists
    give way, and the page says where the rest is."""
    import dataclasses

    from ottool import session
    from ottool.core import i18n
    from ottool.documents.summary_document import build_summary_document
    from ottool.documents.summary_lines import ConcernLine, SignLine
    from ottool.render.summary_pdf import summary_pdf
    from ottool.storage.clinic_file import read_clinic
    from ottool.storage.summary_facts import summary_facts

    monkeypatch.setenv("OTTOOL_HOME", str(homes["many"]))
    i18n.set_language("es")
    content = load_content(lang="es")
    facts = summary_facts(session.which_child("Rosa"), content, dt.date.today())
    base = build_summary_document(facts, content, clinic=read_clinic(CLINIC))
    sign = "Una señal descrita con bastante detalle, en dos líneas o más en la página. "
    doc = dataclasses.replace(
        base,
        signs=tuple(
            SignLine(f"{n}. {sign}", "próxima consulta", ("2026-01-01", "2026-02-02"), n % 3 == 0)
            for n in range(30)
        ),
        concerns=tuple(ConcernLine(f"2026-01-{d:02d}", LONG_CONCERN) for d in range(1, 29))
        + tuple(ConcernLine(f"2026-02-{d:02d}", LONG_CONCERN) for d in range(1, 13)),
    )
    reader = PdfReader(io.BytesIO(summary_pdf(doc, paper=paper)))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "2026-02-12" in text  # the latest concern stays
    assert "HTML" in text and "Riverside Children's Therapy" in text
    assert "No es un diagnóstico" in text or "no es un diagnóstico" in text


def test_an_emergency_screening_is_named_in_its_own_time_frame(tmp_path: Path) -> None:
    """The doctor's page never says a breathing emergency 'asked the family to talk with
    the child's doctor'; the Result legend has every mark the table can show."""
    from ottool.cli import app

    home = tmp_path / "home"
    answers = Path(__file__).parent / "fixtures" / "answers" / "feeding-emergency-10-months.yaml"
    saved = CliRunner().invoke(
        app, ["screen", "--answers", str(answers), "--save"], env={"OTTOOL_HOME": str(home)}
    )
    assert saved.exit_code == 0, saved.output
    text = summary(home, "--format", "md", "--output", "-").stdout
    line = next(x for x in text.splitlines() if "Next check" in x)
    assert "reported an emergency sign" in line and "talk with the child's doctor" not in line
    for mark in ("✓ On track", "◐ Practice", "? Not enough answers", "! Talk", "!! Doctor",
                 "!!! Emergency"):  # fmt: skip
        assert mark in text, mark


def test_the_legend_uses_the_results_own_words_in_spanish(tmp_path: Path) -> None:
    """The areas' marks read as on the result and in `history --child`, not in words of
    their own ('◐ Va avanzando', not '◐ en camino')."""
    from ottool.cli import app
    from ottool.core import i18n
    from ottool.documents.wording import STATUS_LABELS

    home = tmp_path / "home"
    answers = Path(__file__).parent / "fixtures" / "answers" / "ana-15-meses-arcadas.yaml"
    saved = CliRunner().invoke(
        app, ["screen", "--answers", str(answers), "--save"], env={"OTTOOL_HOME": str(home)}
    )
    assert saved.exit_code == 0, saved.output
    text = summary(home, "--lang", "es", "--format", "md", "--output", "-").stdout
    with i18n.speaking("es"):
        for mark, words in STATUS_LABELS.values():
            assert f"{mark} {i18n._(words)}" in text


def test_full_term_is_not_a_measured_40_weeks(tmp_path: Path) -> None:
    """A screening records 40 weeks when the baby was not born early: the page says full
    term, not '40' as if the parent had given it."""
    from ottool.cli import app

    home = tmp_path / "home"
    answers = Path(__file__).parent / "fixtures" / "answers" / "sam-18-months-not-walking.yaml"
    saved = CliRunner().invoke(
        app, ["screen", "--answers", str(answers), "--save"], env={"OTTOOL_HOME": str(home)}
    )
    assert saved.exit_code == 0, saved.output
    text = summary(home, "--format", "md", "--output", "-").stdout
    line = next(x for x in text.splitlines() if "Weeks of pregnancy" in x)
    assert "full term (counted as 40)" in line


def test_the_next_check_is_the_one_the_family_was_told(tmp_path: Path) -> None:
    """Theo, 28 months, coming along at the 24-month checklist: his result (and `ottool
    next`) sends him to the doctor's 30-month screening, as ottool's checklists end; the
    summary says the same, not an overdue four-week recheck."""
    from ottool.cli import app

    home = tmp_path / "home"
    env = {"OTTOOL_HOME": str(home)}
    answers = Path(__file__).parent / "fixtures" / "answers" / "coming-along-28-months.yaml"
    saved = CliRunner().invoke(app, ["screen", "--answers", str(answers), "--save"], env=env)
    assert saved.exit_code == 0, saved.output
    line = next(
        x for x in summary(home, "--format", "md", "--output", "-").stdout.splitlines()
        if "Next check" in x
    )  # fmt: skip
    assert "30-month visit" in line and "recheck" not in line, line
    listed = CliRunner().invoke(app, ["next", "--format", "json"], env=env)
    (theo,) = json.loads(listed.stdout)["children"]
    assert [c["months"] for c in theo["checks"]] == [None]


def test_the_skills_table_shows_only_the_answers_given(tmp_path: Path) -> None:
    """Lucia's latest screening has 'sometimes' answers and no 'not yet': the table of
    skills not seen yet has no empty 'Not yet' column squeezing its heading."""
    from ottool.cli import app

    home = tmp_path / "home"
    answers = Path(__file__).parent / "fixtures" / "answers" / "feeding-emergency-10-months.yaml"
    saved = CliRunner().invoke(
        app, ["screen", "--answers", str(answers), "--save"], env={"OTTOOL_HOME": str(home)}
    )
    assert saved.exit_code == 0, saved.output
    page = summary(home, "--lang", "es", "--format", "html", "--output", "-").stdout
    skills = page[page.index('<section id="skills">') :]
    skills = skills[: skills.index("</section>")]
    assert '<th scope="col">A veces</th>' in skills
    assert "Todavía no" not in skills
