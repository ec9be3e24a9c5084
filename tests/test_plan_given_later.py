"""A paediatric OT's findings on plans given after the screening (issue 26): a plan given
today from an older screening is dated today and names the screening's own date; a copy
in another language than the plan was given in prints the therapist's own words as
written, under their heading, and tells the therapist so."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from conftest import ANSWERS_DIR, Run
from ottool.core.i18n import format_date, speaking

Cli = Callable[..., Run]
LEO = ANSWERS_DIR / "leo-4-months-head-turn.yaml"  # screened 2026-11-03
NOTE = "Left side first at every play time"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Cli) -> Path:
    folder = tmp_path / "home"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("OTTOOL_HOME", str(folder))
    monkeypatch.delenv("OTTOOL_DATA_DIR", raising=False)
    assert cli("screen", "--answers", LEO, "--save", "--format", "json").exit_code == 0
    return folder


def test_a_plan_given_after_the_screening_carries_both_dates(home: Path, cli: Cli) -> None:
    today = dt.date.today()
    assert today > dt.date(2026, 11, 3)
    data = json.loads(cli("plan", "--from-history", "1", "--format", "json").stdout)
    assert data["date"] == data["given"]["date"] == today.isoformat()
    assert data["screening_date"] == "2026-11-03"
    md = cli("plan", "--from-history", "1", "--format", "md").stdout
    assert "**Screening:** November 3, 2026  \n" in md
    assert f"**Date:** {format_date(today)}" in md
    assert md.index("**Screening:**") < md.index("**Date:**")
    html = cli("plan", "--from-history", "1", "--format", "html").stdout
    assert "<dt>Screening:</dt><dd>November 3, 2026</dd>" in html
    es = cli("plan", "--from-history", "1", "--format", "md", "--lang", "es").stdout
    with speaking("es"):
        assert f"**Evaluación:** 3 de noviembre de 2026  \n**Fecha:** {format_date(today)}" in es


def test_a_plan_given_on_the_screening_day_has_one_date(
    home: Path, tmp_path: Path, cli: Cli
) -> None:
    today = dt.date.today().isoformat()
    answers = yaml.safe_load(LEO.read_text("utf-8"))
    answers["date"] = today
    answers["child"]["birth_date"] = (dt.date.today() - dt.timedelta(days=125)).isoformat()
    (tmp_path / "today.yaml").write_text(yaml.safe_dump(answers), "utf-8")
    run = cli("screen", "--answers", tmp_path / "today.yaml", "--format", "json")
    (tmp_path / "result.json").write_text(run.stdout, "utf-8")
    data = json.loads(cli("plan", "--from", tmp_path / "result.json", "--format", "json").stdout)
    assert data["date"] == today and data["screening_date"] is None
    md = cli("plan", "--from", tmp_path / "result.json", "--format", "md").stdout
    assert "**Screening:**" not in md


def test_a_copy_in_another_language_keeps_the_therapists_words(home: Path, cli: Cli) -> None:
    run = cli("plan", "--from-history", "1", "--note", NOTE, "--why",
              "tummy-minute=For Leo's neck", "--save", "--format", "yaml")  # fmt: skip
    assert run.exit_code == 0, run.output
    assert yaml.safe_load(run.stdout.split("# The screening")[0])["language"] == "en"
    es = cli("plan", "--from-plan", "1", "--lang", "es", "--format", "md")
    assert es.exit_code == 0, es.output
    # Under the Spanish heading, as the therapist wrote them.
    assert f"## Notas de su terapeuta\n\n- {NOTE}\n" in es.stdout
    assert "For Leo's neck." in es.stdout
    assert es.stderr.strip() == (
        "ottool: sus notas, líneas de «por qué» y pasos se imprimen tal como los "
        "escribió, en inglés; el resto de esta copia está en español"
    )
    # The same language, or a plan with no words of the therapist's: nothing to say.
    assert cli("plan", "--from-plan", "1", "--format", "md").stderr == ""
    assert cli("plan", "--from-history", "1", "--lang", "es", "--format", "md").stderr == ""
