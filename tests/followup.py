"""Helpers for the follow-through tests: a private home with saved screenings, made the
way families make them (`ottool screen --answers FILE --save`)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import yaml
from typer.testing import CliRunner

FIXTURE = Path(__file__).parent / "fixtures" / "content"
TODAY = dt.date.today()
#: Mia is 150 days old today: the 4-month checklist of the test content from 120 days on.
MIA_BORN = TODAY - dt.timedelta(days=150)

FIRST = {
    "gm-4m-head-steady": "not yet",
    "gm-4m-pushes-up-elbows": "not yet",
    "fm-4m-holds-toy": "yes",
    "fm-4m-hands-to-mouth": "sometimes",
    "se-4m-smiles-for-attention": "yes",
}
SECOND = {**FIRST, "gm-4m-head-steady": "yes", "gm-4m-pushes-up-elbows": "sometimes",
          "fm-4m-hands-to-mouth": "yes"}  # fmt: skip


def run(*args: str | Path) -> Any:
    """`ottool ARGS` in-process; the result has exit_code, stdout and stderr."""
    from ottool.cli import app

    result = CliRunner().invoke(app, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def save_screening(
    folder: Path,
    answers: dict[str, str],
    *,
    name: str | None = "Mia",
    born: dt.date = MIA_BORN,
    on: dt.date = TODAY,
    concerns: str | None = None,
    signs: dict[str, bool] | None = None,
    weeks: int | None = None,
) -> dict[str, Any]:
    """Save one screening through the command line; its result document."""
    child: dict[str, Any] = {"birth_date": born.isoformat()}
    if name is not None:
        child["name"] = name
    if weeks is not None:
        child["gestational_weeks"] = weeks
    data: dict[str, Any] = {"child": child, "date": on.isoformat(), "answers": answers}
    if concerns:
        data["concerns"] = concerns
    if signs:
        data["warning_signs"] = signs
    answer_file = folder / f"answers-{name}-{born}-{on}.yaml"
    answer_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = run("screen", "--answers", answer_file, "--format", "json", "--save")
    assert result.exit_code == 0, result.output
    out = result.stdout
    document: dict[str, Any] = json.loads(out[: out.rindex("}") + 1])
    return document


def private_home(tmp_path: Path, monkeypatch: Any) -> Path:
    """A private OTTOOL_HOME under ``tmp_path``, the test content, no colour, 120 columns."""
    folder = tmp_path / "home"
    monkeypatch.setenv("OTTOOL_HOME", str(folder))
    monkeypatch.setenv("OTTOOL_DATA_DIR", str(FIXTURE))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    return folder
