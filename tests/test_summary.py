"""`ottool summary`: one page for the doctor, in every format, paper and language.

A child with many screenings, reported signs, concerns in the parent's words (with
characters that would be markup) and practice is saved once per session; each
summary is rendered once and asserted many times.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import shutil
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from followup import FIRST, FIXTURE, MIA_BORN, SECOND, TODAY, run, save_screening

SCREENINGS = 14  # more than fit side by side
CONCERN = "She <b>hates</b> tummy time | & cries | <script>alert(1)</script>"


@pytest.fixture(scope="session")
def family(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home where Mia has 14 screenings (the first ones at 2 months), signs reported
    twice, concerns, and practice of her plan; and her cousin Leo has one screening."""
    folder = tmp_path_factory.mktemp("family")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OTTOOL_HOME", str(folder / "home"))
        patch.setenv("OTTOOL_DATA_DIR", str(FIXTURE))
        patch.setenv("NO_COLOR", "1")
        for n in range(SCREENINGS):
            on = TODAY - dt.timedelta(days=9 * (SCREENINGS - 1 - n))
            signs = {"ws-no-grasp": True} if n in (9, 12) else None
            concern = CONCERN if n == 3 else ("Rolls only to one side." if n == 12 else None)
            save_screening(
                folder, FIRST if n < 11 else SECOND, on=on, concerns=concern, signs=signs
            )
        save_screening(folder, {}, name="Leo", born=MIA_BORN - dt.timedelta(days=20))
        for days in (0, 1, 3):
            day = (TODAY - dt.timedelta(days=days)).isoformat()
            assert run("log", "tummy-time", "--child", "Mia", "--date", day).exit_code == 0
    return folder  # the environment is set back: other tests use the shipped content


@pytest.fixture(scope="session")
def rendered(family: Path) -> dict[tuple[str, str, str], Any]:
    """Every summary once: (language, format, paper) → its text or bytes."""
    out: dict[tuple[str, str, str], Any] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OTTOOL_HOME", str(family / "home"))
        patch.setenv("OTTOOL_DATA_DIR", str(FIXTURE))
        for lang in ("en", "es"):
            for fmt, paper in (("md", "a4"), ("html", "a4"), ("json", "a4")):
                result = run("summary", "--child", "Mia", "--format", fmt, "--lang", lang)
                assert result.exit_code == 0, result.output
                out[(lang, fmt, paper)] = result.stdout
        from ottool import i18n

        i18n.set_language("en")
    return out


@pytest.fixture(scope="session")
def pdfs(family: Path) -> dict[tuple[str, str], Path]:
    """The PDF summaries, written as users write them (a file each)."""
    out = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OTTOOL_HOME", str(family / "home"))
        patch.setenv("OTTOOL_DATA_DIR", str(FIXTURE))
        for lang in ("en", "es"):
            for paper in ("a4", "letter"):
                path = family / f"summary-{lang}-{paper}.pdf"
                result = run("summary", "--child", "mia", "--format", "pdf", "--paper", paper,
                             "--output", path, "--lang", lang)  # fmt: skip
                assert result.exit_code == 0, result.output
                out[(lang, paper)] = path
        from ottool import i18n

        i18n.set_language("en")
    return out


# --------------------------------------------------------------------------- json


def test_the_json_holds_every_screening_sign_concern_and_practice(
    rendered: dict[tuple[str, str, str], Any],
) -> None:
    data = json.loads(rendered[("en", "json", "a4")])
    assert data["format"] == "ottool-summary/1"
    assert data["child"] == {"name": "Mia", "birth_date": MIA_BORN.isoformat()}
    assert len(data["screenings"]) == SCREENINGS  # Leo's are not Mia's
    assert [s["id"] for s in data["warning_signs"]] == ["ws-no-grasp", "ws-no-grasp"]
    assert all(s["level"] for s in data["warning_signs"])
    assert [c["text"] for c in data["concerns"]] == [CONCERN, "Rolls only to one side."]
    tummy = next(p for p in data["practice"] if p["activity"] == "tummy-time")
    assert tummy["since_plan"] >= 1
    assert data["age_today"]["corrected"] is False
    assert data["next_check"]["date"] >= TODAY.isoformat()  # from the latest screening
    assert {m["milestone"] for m in data["now_yes"]} == {
        "gm-4m-head-steady",
        "fm-4m-hands-to-mouth",
    }
    # The JSON is the same in Spanish: codes, ids and dates, never sentences.
    assert json.loads(rendered[("es", "json", "a4")]) == data


# --------------------------------------------------------------------------- md and html


@pytest.mark.parametrize("lang", ["en", "es"])
def test_markdown_escapes_what_the_parent_wrote(
    rendered: dict[tuple[str, str, str], Any], lang: str
) -> None:
    md = rendered[(lang, "md", "a4")]
    assert "<script>" not in md and "<b>" not in md
    assert r"\<script\>" in md and r"\|" in md
    assert "Rolls only to one side." in md
    assert md.count("| ") > SCREENINGS  # the table over time


@pytest.mark.parametrize("lang", ["en", "es"])
def test_html_escapes_and_names_everything(
    rendered: dict[tuple[str, str, str], Any], lang: str
) -> None:
    html = rendered[(lang, "html", "a4")]
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert f'<html lang="{lang}">' in html
    words = {
        "en": ["Summary for the doctor", "Warning signs reported", "in their words"],
        "es": ["Resumen para el médico", "Señales de alerta", "con sus propias palabras"],
    }[lang]
    for word in words:
        assert word in html
    assert html.count('<th scope="col">') == 10  # the latest ten screenings side by side
    assert "14" in html  # "the last 10 of 14 screenings"


# --------------------------------------------------------------------------- pdf


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_pdf_is_one_page_on_either_paper(
    pdfs: dict[tuple[str, str], Path], lang: str, paper: str
) -> None:
    path = pdfs[(lang, paper)]
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    width_mm = float(reader.pages[0].mediabox.width) * 25.4 / 72
    assert round(width_mm) == (210 if paper == "a4" else 216)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert "Mia" in text and MIA_BORN.strftime("%Y") in text
    assert "<script>alert(1)</script>" in text  # shown as written, in the parent's words
    words = " ".join(text.split())
    assert ("not a diagnosis" if lang == "en" else "No es un diagnóstico") in words
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.slow
def test_the_pdf_looks_like_one_page_when_rendered(
    pdfs: dict[tuple[str, str], Path], tmp_path: Path
) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler's pdftoppm is not installed")
    for (lang, paper), path in pdfs.items():
        prefix = tmp_path / f"{lang}-{paper}"
        subprocess.run(["pdftoppm", "-png", "-r", "40", str(path), str(prefix)], check=True)
        pngs = list(tmp_path.glob(f"{lang}-{paper}*.png"))
        assert len(pngs) == 1 and pngs[0].stat().st_size > 5000


# --------------------------------------------------------------------------- the command line


def test_an_existing_file_is_not_replaced_without_force(family: Path, tmp_path: Path) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OTTOOL_HOME", str(family / "home"))
        patch.setenv("OTTOOL_DATA_DIR", str(FIXTURE))
        target = tmp_path / "summary.md"
        target.write_text("the doctor's own notes")
        refused = run("summary", "--child", "Mia", "--output", target)
        assert refused.exit_code == 1 and "--force" in refused.stderr
        assert target.read_text() == "the doctor's own notes"
        forced = run("summary", "--child", "Mia", "--output", target, "--force")
        assert forced.exit_code == 0, forced.output
        assert target.read_text().startswith("# Summary for the doctor")
        several = run("summary")
        assert several.exit_code == 1 and "several children" in several.stderr


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_long_lists_give_way_so_the_page_stays_one(paper: str) -> None:
    from ottool.formats import FollowChild, Summary
    from ottool.render.summary_pdf import summary_pdf
    from ottool.summary_document import AreaRow, build_summary_document

    base = build_summary_document(
        Summary(
            today=TODAY,
            child=FollowChild(name="Mia", birth_date=MIA_BORN),
            gestational_weeks=None,
            age_today=None,
            screenings=[],
            warning_signs=[],
            concerns=[],
            practice=[],
            plan_date=None,
            now_yes=[],
            referrals=[],
            next_check=None,
        ),
        None,
    )
    long = "A long worry written over several lines by a tired parent at night. " * 3
    doc = dataclasses.replace(
        base,
        columns=tuple(f"2026-01-{d:02d}" for d in range(1, 11)),
        areas=tuple(AreaRow(f"Area {n}", ("on_track",) * 10) for n in range(7)),
        overall=("on_track",) * 10,
        concerns=tuple((f"2026-01-{d:02d}", long) for d in range(1, 41)),
        signs=tuple((f"2026-01-{d:02d}", "A sign", "today") for d in range(1, 31)),
    )
    reader = PdfReader(io.BytesIO(summary_pdf(doc, paper=paper)))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "earlier, in `--format json`" in text
    assert "2026-01-40" in text or "2026-01-30" in text  # the latest entries stay
