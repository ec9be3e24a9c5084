"""One way to say things: reasons that name their answers, ages in words, US spelling, LICENSE."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURE_DIR, Run
from ottool.core.activity_choice import plan_for_result
from ottool.core.content import load_content
from ottool.core.screening import Answers, Child, score
from ottool.documents.plan_document import build_plan_document
from ottool.documents.wording import REASONS

ROOT = Path(__file__).resolve().parents[1]
CONTENT = load_content(FIXTURE_DIR)
TODAY = dt.date(2026, 1, 1)


def card_for(answers: dict[str, str], activity_id: str) -> tuple[str, tuple[str, ...]]:
    """The reason and practiced skills shown for one activity of a 4-month screening."""
    given = Answers(Child(dt.date(2025, 1, 1)), dt.date(2025, 5, 11), answers)  # type: ignore[arg-type]
    result = score(CONTENT, given, today=TODAY)
    doc = build_plan_document(CONTENT, plan_for_result(CONTENT, result, 5), result=result)
    card = next(c for c in doc.activities if c.id == activity_id)
    return card.reason, card.practices


def test_a_reason_never_calls_a_sometimes_answer_not_yet() -> None:
    # Reach and grasp targets holds-toy (not yet) and hands-to-mouth (sometimes).
    reason, practices = card_for(
        {"fm-4m-holds-toy": "not_yet", "fm-4m-hands-to-mouth": "sometimes"}, "reach-and-grasp"
    )
    assert reason == "Practices skills you answered 'not yet' and skills you see only sometimes."
    holds = CONTENT.milestone_by_id["fm-4m-holds-toy"].text
    mouth = CONTENT.milestone_by_id["fm-4m-hands-to-mouth"].text
    assert practices == (f"{holds} (not yet)", f"{mouth} (sometimes)")


@pytest.mark.parametrize(
    ("answer", "reason"), [("not_yet", REASONS["not_yet"]), ("sometimes", REASONS["sometimes"])]
)
def test_a_reason_from_one_kind_of_answer_names_that_answer(answer: str, reason: str) -> None:
    shown, practices = card_for(
        {"fm-4m-holds-toy": answer, "fm-4m-hands-to-mouth": "yes"}, "reach-and-grasp"
    )
    assert shown == reason
    assert practices == (CONTENT.milestone_by_id["fm-4m-holds-toy"].text,)


def test_history_writes_ages_in_words_like_everywhere_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Run]
) -> None:
    monkeypatch.setenv("OTTOOL_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COLUMNS", "120")
    answers = tmp_path / "answers.yaml"
    answers.write_text("child:\n  name: Mia\n  birth_date: 2025-01-01\ndate: 2025-05-20\n")
    saved = cli("screen", "--answers", answers, "--format", "json", "--save",
                "--data-dir", FIXTURE_DIR)  # fmt: skip
    assert saved.exit_code == 0, saved.stderr
    listed = cli("history")
    assert "4 months and 2 weeks" in listed.stdout  # 139 days
    assert not re.search(r"\d\.\d months", listed.stdout)
    shown = cli("history", "show", "1", "--data-dir", FIXTURE_DIR)
    assert "4 months and 2 weeks" in shown.stdout
    assert not re.search(r"\d\.\d months", shown.stdout)


def test_one_spelling_practice_not_practise() -> None:
    places = [ROOT / "README.md", ROOT / "data", ROOT / "src" / "ottool", ROOT / "docs"]
    files = [p for place in places for p in ([place] if place.is_file() else place.rglob("*"))]
    british = [
        f"{f.relative_to(ROOT)}:{n}"
        for f in files
        if f.is_file() and f.suffix in {".py", ".md", ".yaml", ".j2"}
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"practis", line, re.IGNORECASE)
    ]
    assert british == []


def test_the_plan_json_uses_the_us_spelling(cli: Callable[..., Run]) -> None:
    plan = json.loads(cli("plan", "--age-months", "4", "--format", "json",
                          "--data-dir", FIXTURE_DIR).stdout)  # fmt: skip
    assert all("practices" in card and "practises" not in card for card in plan["activities"])


def test_the_repository_has_the_mit_license() -> None:
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("MIT License")
    assert "ottool contributors" in text
    assert 'license = "MIT"' in (ROOT / "pyproject.toml").read_text()


@pytest.mark.slow
def test_the_wheel_carries_the_license(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = tmp_path.glob("ottool-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        licenses = [n for n in archive.namelist() if n.endswith("/licenses/LICENSE")]
        assert licenses, archive.namelist()
        assert archive.read(licenses[0]).decode().startswith("MIT License")
        metadata = next(n for n in archive.namelist() if n.endswith("/METADATA"))
        assert "License-Expression: MIT" in archive.read(metadata).decode()


@pytest.mark.slow
def test_the_coverage_floor_counts_the_core_only(tmp_path: Path) -> None:
    """`pip install -e '.[test]' && pytest` (README, Development) gates the core, as CI does."""
    report = tmp_path / "coverage.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COV_", "PYTEST_"))}
    subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_age.py", "-p", "no:cacheprovider",
         f"--cov-report=json:{report}", "--cov-fail-under=0"],
        cwd=ROOT, env=env, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    measured = {Path(name) for name in json.loads(report.read_text())["files"]}
    assert {path.name for path in measured if path.parent.name == "core"} == {
        "age.py",
        "screening.py",
        "next_steps.py",
        "activity_choice.py",
    }
    assert {path.name for path in measured if path.parent.name == "content"} == {
        "__init__.py",
        "checking.py",
        "editorial.py",
        "fields.py",
        "loading.py",
        "models.py",
        "overlay.py",
        "references.py",
        "schema.py",
    }
    assert all(path.parent.name in ("core", "content") for path in measured)
