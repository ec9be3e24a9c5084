"""Every output goes through one writer (`ottool.storage.atomic_write.write_output`): ottool's
own files are never written, whatever the path or link, and an existing file is never
replaced without --force (issue 21, items 1, 2, 5 and 16)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import FIXTURE_DIR, Run
from ottool.core.errors import InputError
from ottool.storage.atomic_write import check_output, write_output

Cli = Callable[..., Run]

ANSWERS = {
    "child": {"name": "Sam", "birth_date": "2026-01-01"},
    "date": "2026-05-15",
    "answers": {"gm-4m-head-steady": "yes", "gm-4m-pushes-up-elbows": "yes"},
}


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("OTTOOL_HOME", str(folder))
    monkeypatch.setenv("OTTOOL_DATA_DIR", str(FIXTURE_DIR))
    monkeypatch.chdir(tmp_path)
    return folder


def answer_file(tmp_path: Path) -> Path:
    path = tmp_path / "a.yaml"
    path.write_text(yaml.safe_dump(ANSWERS), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- ottool's own files


OWN = ["history.sqlite3", "history.sqlite3-wal", "history.sqlite3-shm", "draft.json"]


@pytest.mark.parametrize("name", OWN)
def test_a_hard_link_to_an_own_file_is_refused_even_with_force(
    home: Path, tmp_path: Path, name: str
) -> None:
    own = home / name
    own.write_bytes(b"precious")
    link = tmp_path / "bk.sqlite3"
    os.link(own, link)
    for force in (False, True):
        with pytest.raises(InputError, match="ottool's own"):
            write_output(link, "an export", force=force)
    assert own.read_bytes() == b"precious"


def test_the_questionnaire_output_into_a_hard_link_of_the_history_is_refused(
    home: Path, tmp_path: Path, cli: Cli
) -> None:
    history = home / "history.sqlite3"
    history.write_bytes(b"SQLite format 3\x00 the family's history")
    os.link(history, tmp_path / "bk.sqlite3")
    run = cli("fhir", "questionnaire", "--months", "4", "--output", "bk.sqlite3", "--force")
    assert run.exit_code == 1 and "ottool's own history" in run.stderr
    assert history.read_bytes() == b"SQLite format 3\x00 the family's history"


def test_a_plan_into_a_hard_link_of_the_draft_is_refused_with_force(
    home: Path, tmp_path: Path, cli: Cli
) -> None:
    draft = home / "draft.json"
    draft.write_text('{"format": "ottool-draft/1"}')
    os.link(draft, tmp_path / "plan.md")
    run = cli("plan", "--age-months", "4", "--output", "plan.md", "--force")
    assert run.exit_code == 1 and "ottool's own unfinished screening" in run.stderr
    assert draft.read_text() == '{"format": "ottool-draft/1"}'


def test_sqlites_rollback_journal_is_an_own_file_too(home: Path) -> None:
    """SQLite deletes a `-journal` beside the history at the next run: never write one."""
    journal = home / "history.sqlite3-journal"
    with pytest.raises(InputError, match="ottool's own history"):
        write_output(journal, "an export")
    assert not journal.exists()


# --------------------------------------------------------------------------- never replaced unasked


def test_every_output_refuses_an_existing_file_without_force(
    home: Path, tmp_path: Path, cli: Cli
) -> None:
    answers = answer_file(tmp_path)
    before = answers.read_text()
    existing = tmp_path / "old.txt"
    existing.write_text("keep")
    runs = {
        "screen --output":
            cli("screen", "--answers", answers, "--format", "json", "--output", answers),
        "screen terminal --output": cli("screen", "--answers", answers, "--output", existing),
        "screen --plan-output": cli("screen", "--answers", answers, "--plan-output", existing),
        "fhir questionnaire": cli("fhir", "questionnaire", "--months", "4", "--output", existing),
        "history export": cli("history", "export", "--output", existing),
        "plan --output": cli("plan", "--age-months", "4", "--output", existing),
    }  # fmt: skip
    for what, run in runs.items():
        assert run.exit_code == 1, what
        assert "already exists; nothing was written. Add --force to replace it" in run.stderr, what
    assert answers.read_text() == before
    assert existing.read_text() == "keep"
    assert not (home / "history.sqlite3").exists()  # --save was not asked; nothing half-done


def test_force_replaces_for_every_output(home: Path, tmp_path: Path, cli: Cli) -> None:
    answers = answer_file(tmp_path)
    result = tmp_path / "result.json"
    result.write_text("old")
    run = cli("screen", "--answers", answers, "--format", "json", "--output", result, "--force")
    assert run.exit_code == 0, run.output
    assert json.loads(result.read_text())["format"] == "ottool-result/1"
    plan = tmp_path / "plan.md"
    plan.write_text("old")
    run = cli("screen", "--answers", answers, "--plan-output", plan, "--force")
    assert run.exit_code == 0 and plan.read_text().startswith("#")
    form = tmp_path / "form.json"
    form.write_text("old")
    run = cli("fhir", "questionnaire", "--months", "4", "--output", form, "--force")
    assert run.exit_code == 0 and json.loads(form.read_text())["resourceType"] == "Questionnaire"


def test_an_existing_file_is_refused_before_the_screening_is_scored(
    home: Path, tmp_path: Path, cli: Cli
) -> None:
    answers = answer_file(tmp_path)
    plan = tmp_path / "plan.md"
    plan.write_text("keep")
    run = cli("screen", "--answers", answers, "--plan-output", plan, "--save")
    assert run.exit_code == 1
    assert not (home / "history.sqlite3").exists()


# --------------------------------------------------------------------------- names that are no file


@pytest.mark.parametrize("name", ["/dev/null", "."])
def test_export_to_a_device_or_folder_is_not_said_to_exist(home: Path, cli: Cli, name: str) -> None:
    run = cli("history", "export", "--output", name)
    assert "already exists" not in run.output
    if name == "/dev/null":
        assert run.exit_code == 0, run.output
    else:
        assert run.exit_code == 1 and ("folder" in run.stderr or "file name" in run.stderr)


def test_export_to_a_folder_says_it_is_a_folder(home: Path, tmp_path: Path, cli: Cli) -> None:
    (tmp_path / "backups").mkdir()
    run = cli("history", "export", "--output", "backups")
    assert run.exit_code == 1 and "is a folder; give a file name" in run.stderr


def test_an_output_name_ending_in_a_slash_names_a_folder(
    home: Path, tmp_path: Path, cli: Cli
) -> None:
    run = cli("history", "export", "--output", "newdir/")
    assert run.exit_code == 1 and "folder" in run.stderr
    assert not (tmp_path / "newdir").exists()


def test_check_output_passes_a_new_name_and_refuses_an_existing_one(tmp_path: Path) -> None:
    new = tmp_path / "new.md"
    check_output(new)
    new.write_text("x")
    with pytest.raises(InputError, match="already exists"):
        check_output(new)
    check_output(new, force=True)


# ---------------------------------------------------------------- the questionnaire's offer


def test_the_offered_file_name_is_a_free_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ottool.cli.interview import free_name

    monkeypatch.chdir(tmp_path)
    assert free_name("plan-sam-2026-11-27.html") == "plan-sam-2026-11-27.html"
    Path("plan-sam-2026-11-27.html").write_text("this morning's plan")
    assert free_name("plan-sam-2026-11-27.html") == "plan-sam-2026-11-27-2.html"
    Path("plan-sam-2026-11-27-2.html").write_text("another")
    assert free_name("plan-sam-2026-11-27.html") == "plan-sam-2026-11-27-3.html"


def test_the_offer_asks_before_replacing_and_then_proposes_a_free_name(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ottool import session
    from ottool.cli import interview, screen
    from ottool.core.content import load_content
    from ottool.storage.answerfile import read_answers

    content = load_content(FIXTURE_DIR)
    given = read_answers(answer_file(tmp_path), content)
    earlier = tmp_path / "plan-sam-2026-05-15.html"
    earlier.write_text("this morning's plan")
    asked: list[Any] = []
    # Write it? yes; the earlier plan's name; replace it? no; the free name offered; save? no.
    replies = iter([True, earlier.name, False, None, False])

    def reply(question: Any) -> Any:
        asked.append(question)
        answer = next(replies)
        if answer is None:  # the text question: accept the name offered
            return question[1]
        return answer

    monkeypatch.setattr(interview, "plain_ask", reply)
    monkeypatch.setattr(interview.questionary, "text", lambda _, default, style: ("?", default))
    assert screen.offer_after_results(session.screen(content, given))
    assert earlier.read_text() == "this morning's plan"
    assert len(asked) == 5
    assert (tmp_path / "plan-sam-2026-05-15-2.html").read_text().startswith("<!")
