"""The file formats, declared once in ottool.storage.formats: what ottool writes decodes as them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import msgspec
import pytest
import yaml
from typer.testing import CliRunner

from ottool.core.content import Content
from ottool.core.errors import InputError
from ottool.storage.answerfile import answers_to_data, read_answers
from ottool.storage.formats import (
    HISTORY_LIST_FORMAT,
    RESULT_FORMAT,
    AnswerFile,
    HistoryList,
    Result,
    check_format,
)
from ottool.storage.history import get_screening, save_screening

FIXTURE = Path(__file__).parent / "fixtures" / "content"
ANSWERS = {
    "gm-4m-head-steady": "not yet",
    "fm-4m-holds-toy": "sometimes",
    "se-4m-smiles-for-attention": "yes",
}


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("OTTOOL_HOME", str(folder))
    monkeypatch.setenv("OTTOOL_DATA_DIR", str(FIXTURE))
    monkeypatch.setenv("NO_COLOR", "1")
    return folder


def ottool(*args: str) -> Any:
    from ottool.cli import app

    run = CliRunner().invoke(app, list(args))
    assert run.exit_code == 0, run.output
    return run


def screened(tmp_path: Path, name: str, date: str) -> dict[str, Any]:
    """`ottool screen --format json` on a small answer file, saved in the history."""
    data = {"child": {"name": name, "birth_date": "2026-01-01"}, "date": date, "answers": ANSWERS}
    path = tmp_path / f"{name}-{date}.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    result: dict[str, Any] = json.loads(
        ottool("screen", "--answers", str(path), "--format", "json").stdout
    )
    save_screening(result, {}, result["content_version"])
    return result


def test_a_result_file_decodes_as_the_result_format(home: Path, tmp_path: Path) -> None:
    result = msgspec.convert(screened(tmp_path, "Mia", "2026-05-15"), Result)
    assert result.format == RESULT_FORMAT
    planned = result.plan.activities
    assert planned and all(a.reason for a in planned)
    assert any(a.targets for a in planned)  # the plan keeps what each activity practices


def test_history_list_and_progress_are_the_history_list_format(home: Path, tmp_path: Path) -> None:
    screened(tmp_path, "Mia", "2026-05-15")
    screened(tmp_path, "Mia", "2026-05-20")
    listed = ottool("history", "--format", "json").stdout
    progress = ottool("history", "--child", "mia", "--format", "json").stdout
    for text in (listed, progress):
        doc = msgspec.json.decode(text, type=HistoryList)
        assert doc.format == HISTORY_LIST_FORMAT
        assert [s.date for s in doc.screenings] == ["2026-05-15", "2026-05-20"]
        assert doc.screenings[0].checklist_months == 4
    assert "changes" not in json.loads(listed)  # only one child's progress compares
    assert json.loads(progress)["child"] == "Mia"
    assert msgspec.json.decode(progress, type=HistoryList).changes is not None


def test_an_empty_history_is_an_empty_list(home: Path) -> None:
    doc = json.loads(ottool("history", "--format", "json").stdout)
    assert doc == {"format": HISTORY_LIST_FORMAT, "child": None, "screenings": []}


def test_a_saved_screening_shows_its_plan_with_the_reasons_it_was_saved_with(
    home: Path, tmp_path: Path
) -> None:
    screened(tmp_path, "Mia", "2026-05-15")
    result = get_screening(1).result
    for activity in result["plan"]["activities"]:
        activity["reason"] = "chosen"  # a plan the therapist chose by hand
    save_screening(result | {"date": "2026-05-16"}, {}, result["content_version"])
    # A card the therapist chose has no "Why:" line of its own (issue 26, item 5).
    assert "Why:" in ottool("history", "show", "1").stdout
    assert "Why:" not in ottool("history", "show", "2").stdout


def test_answers_are_written_in_the_answer_file_format(tmp_path: Path, content: Content) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(
        "child:\n  birth_date: 2025-01-01\n  gestational_weeks: 34\n"
        "date: 2025-05-11\nanswers:\n  gm-4m-head-steady: todavía no\n",
        encoding="utf-8",
    )
    answers = read_answers(path, content, today=dt.date(2026, 1, 1))
    data = answers_to_data(answers)
    decoded = msgspec.convert(data, AnswerFile)
    assert decoded.answers == {"gm-4m-head-steady": "not_yet"}
    assert decoded.child is not None and decoded.child.gestational_weeks == 34
    assert "name" not in data["child"] and "concerns" not in data  # absent, not null
    # What ottool writes, a parent's answer file reads back the same.
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert read_answers(path, content, today=dt.date(2026, 1, 1)) == answers


def test_a_wrong_format_is_named_once_for_every_reader() -> None:
    with pytest.raises(InputError) as caught:
        check_format({"format": "ottool-result/2"}, RESULT_FORMAT, "r.json")
    assert str(caught.value) == (
        'r.json: not an ottool result (expected "format": "ottool-result/1", '
        "found 'ottool-result/2')"
    )


def test_the_result_is_the_same_in_every_language(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ids, keys and codes only: a screening saved in one language shows in the other."""
    english = screened(tmp_path, "Mia", "2026-05-15")
    monkeypatch.setenv("LANG", "es_MX.UTF-8")  # the run's language, from the environment
    spanish = screened(tmp_path, "Mia", "2026-05-15")
    assert spanish == english
    # The very same document: saving it again finds the screening already saved.
    assert len(json.loads(ottool("history", "--format", "json").stdout)["screenings"]) == 1


def test_history_messages_follow_the_language(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "es_MX.UTF-8")  # the run's language, from the environment
    assert "Todavía no hay controles guardados" in ottool("history").stdout
    screened(tmp_path, "Mia", "2026-05-15")
    out = tmp_path / "all.jsonl"
    assert "Se exportó 1 control a" in ottool("history", "export", "--output", str(out)).stdout
    assert ottool("history", "import", str(out)).stdout == (
        "Se importaron 0 controles; se omitió 1 que ya estaba guardado.\n"
    )
