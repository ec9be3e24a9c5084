"""One flow, assembled once: the session API under every command and the questionnaire,
the one registry of output formats, and the one rule for every --output."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURE_DIR
from ottool import session
from ottool.core.content import Content

SRC = Path(__file__).resolve().parents[1] / "src" / "ottool"
FHIR_RESPONSE = Path(__file__).parent / "fixtures" / "fhir" / "spanish-response.json"
FIXTURE_ANSWERS = """\
child: {name: Sam, birth_date: 2026-01-01}
date: 2026-05-15
answers: {}
"""


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("OTTOOL_HOME", str(folder))
    return folder


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(FIXTURE_ANSWERS)
    return path


# --- the flow is assembled in one place ----------------------------------------------

#: What only the session may call: scoring, choosing activities, building a document,
#: turning a result or answers into the formats' data.
ASSEMBLY = {
    "score",
    "plan_for_result",
    "plan_for_focus",
    "build_plan_document",
    "result_to_data",
    "result_to_struct",
    "answers_to_data",
    "save_screening",
    "therapist_plan",
    "revised",
    "chosen_plan",
    "given_plan",
    "with_words",
    "build_checklist_document",
}


def _names_imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


@pytest.mark.parametrize("module", sorted(p.name for p in (SRC / "cli").glob("*.py")))
def test_no_command_assembles_a_result_plan_or_document_itself(module: str) -> None:
    assert not _names_imported(SRC / "cli" / module) & ASSEMBLY


def test_the_questionnaire_never_calls_back_into_the_command_line() -> None:
    tree = ast.parse((SRC / "cli" / "interview.py").read_text(encoding="utf-8"))
    imported = {
        node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    } | {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    # Its questions' shape (cli/prompts.py) is the only part of the command line it uses.
    assert not {m for m in imported if m.startswith("ottool.cli") and m != "ottool.cli.prompts"}


def test_a_screening_carries_its_result_plan_document_and_typed_files(content: Content) -> None:
    import datetime as dt

    from ottool.core.screening import Answers, Child
    from ottool.storage.formats import AnswerFile, Result

    today = dt.date.today()
    child = Child(today - dt.timedelta(days=125), 40, "Mia")
    given = Answers(child, today, {m.id: "yes" for m in content.checklist(4)}, {}, None)
    screening = session.screen(content, given, max_activities=2)
    assert isinstance(screening.record, Result) and isinstance(screening.answer_file, AnswerFile)
    assert screening.record.overall == screening.result.overall == "on_track"
    assert screening.answer_file.child is not None
    assert screening.answer_file.child.name == "Mia"
    assert len(screening.plan.activities) == len(screening.record.plan.activities) == 2


def test_a_plan_for_an_age_and_a_plan_for_a_result_come_from_one_function(
    content: Content,
) -> None:
    import datetime as dt

    from ottool.core.plan_edits import gather_edits
    from ottool.core.screening import Answers, Child
    from ottool.storage.given_plan import EarlierPlan

    doc = session.plan_from(content, age_months=4, focus=["gross_motor"], max_activities=1)
    assert len(doc.document.activities) == len(doc.given.activities) == 1
    with pytest.raises(ValueError):
        session.plan_from(content)  # neither a result nor an age: a caller's mistake

    today = dt.date.today()
    child = Child(today - dt.timedelta(days=125), 40, "Mia")
    answers = Answers(child, today, {m.id: "not_yet" for m in content.checklist(4)}, {}, None)
    result = session.screen(content, answers).result
    chosen = session.plan_from(
        content,
        result=result,
        screening=7,
        max_activities=2,
        details=session.PlanDetails(therapist="Ana", weeks=3, notes=("Floor time daily",)),
    )
    assert chosen.document.child == "Mia" and chosen.document.therapist == "Ana"
    assert chosen.given.screening == 7 and chosen.given.result is not None
    assert chosen.given.child.birth_date == child.birth_date
    assert (chosen.given.weeks, chosen.given.notes) == (3, ["Floor time daily"])
    first = chosen.given.activities[0].id
    # A plan given before, revised: its details kept unless said again, the edits on top.
    earlier = EarlierPlan(chosen.given, "plan.yaml")
    again = session.plan_from(
        content,
        earlier=earlier,
        edits=gather_edits(dose=(f"{first}=5,2",)),
        details=session.PlanDetails(weeks=4),
    )
    assert again.document.therapist == "Ana" and again.given.weeks == 4
    assert [a.id for a in again.given.activities] == [a.id for a in chosen.given.activities]
    assert (again.given.activities[0].minutes, again.given.activities[0].times_per_day) == (5, 2)
    assert again.given.screening == 7


def test_answers_are_read_once_so_a_fifo_keeps_a_fhir_subject(tmp_path: Path) -> None:
    from ottool.core.content import load_content

    content = load_content(FIXTURE_DIR)
    fifo = tmp_path / "response.json"
    os.mkfifo(fifo)
    text = FHIR_RESPONSE.read_bytes()

    def write() -> None:
        with open(fifo, "wb") as pipe:  # one writer, once: a second read would find nothing
            pipe.write(text)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        read = session.read_answers(fifo, content)
    except Exception:  # the response is for the shipped content; any clear error is fine
        writer.join(timeout=5)
        raise
    writer.join(timeout=5)
    assert read.incoming is not None and read.incoming.subject is not None
    assert read.incoming.subject.reference == "Patient/sam-77"


@pytest.mark.slow
def test_a_piped_fhir_response_keeps_its_subject_in_the_bundle(home: Path) -> None:
    with FHIR_RESPONSE.open("rb") as stdin:
        run = subprocess.run(
            [sys.executable, "-m", "ottool", "screen", "--answers", "/dev/stdin",
             "--format", "fhir", "--data-dir", str(FIXTURE_DIR)],
            stdin=stdin, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert '"reference": "Patient/sam-77"' in run.stdout


# --- formats: one vocabulary, earlier names still read --------------------------------


def test_text_is_the_name_of_the_view_for_people_and_terminal_still_works(
    cli: Callable[..., Any], answers: Path
) -> None:
    new = cli("screen", "--answers", answers, "--format", "text", "--data-dir", FIXTURE_DIR)
    old = cli("screen", "--answers", answers, "--format", "terminal", "--data-dir", FIXTURE_DIR)
    assert new.exit_code == old.exit_code == 0, new.output + old.output
    assert new.stdout == old.stdout
    help_text = cli("screen", "--help").stdout
    assert "text (for people)" in help_text and "terminal" not in help_text


def test_plan_takes_text_and_its_earlier_names(cli: Callable[..., Any], tmp_path: Path) -> None:
    outputs = []
    for word in ("text", "terminal", "txt"):
        out = tmp_path / f"{word}.txt"
        run = cli("plan", "--age-months", "4", "--format", word, "--output", out,
                  "--data-dir", FIXTURE_DIR)  # fmt: skip
        assert run.exit_code == 0, run.output
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1] == outputs[2]


def test_every_plan_format_has_an_ending_and_a_renderer() -> None:
    from ottool.render.registry import FORMATS, PLAN_FORMATS, format_for, format_named

    for name in PLAN_FORMATS:
        entry = FORMATS[name]
        assert entry.plan_renderer is not None
        assert format_for(Path(f"plan{entry.suffixes[0]}")) == name
    assert format_named("terminal") == format_named("txt") == "text"
    assert format_named("docx") is None
    assert [n for n in FORMATS if FORMATS[n].binary] == ["pdf"]


def _format_choices() -> dict[str, tuple[str, ...]]:
    """Each command's --format words, from the command line itself."""
    import enum

    from typer.main import get_command

    from ottool.cli import app
    from ottool.cli.help_style import _value_type

    found: dict[str, tuple[str, ...]] = {}

    def walk(command: Any, path: tuple[str, ...]) -> None:
        for param in command.params:
            if "--format" in getattr(param, "opts", ()):
                kind = _value_type(param.type_descriptor.annotation)
                assert isinstance(kind, type) and issubclass(kind, enum.Enum), path
                found[" ".join(path)] = tuple(str(m.value) for m in kind)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, (*path, name))

    walk(get_command(app), ())
    return found


def test_every_format_option_offers_one_kind_of_the_registry() -> None:
    from ottool.render import registry

    kinds = {
        "screen": registry.RESULT_FORMATS,
        "plan": registry.PLAN_COMMAND_FORMATS,
        "checklist": registry.CHECKLIST_FORMATS,
        "summary": registry.SUMMARY_FORMATS,
        "history export": registry.EXPORT_FORMATS,
    }
    choices = _format_choices()
    assert {"screen", "plan", "checklist", "history", "milestones", "validate"} <= set(choices)
    for command, words in choices.items():
        assert words == kinds.get(command, registry.LIST_FORMATS), command
        assert all(w in registry.FORMATS for w in words)


@pytest.mark.parametrize(
    "args",
    [
        ["history"],
        ["milestones", "--age-months", "4"],
        ["activities", "--age-months", "4"],
        ["validate", "--data-dir", str(FIXTURE_DIR)],
    ],
    ids=lambda a: a[0],
)
def test_lists_take_text_and_the_earlier_terminal(
    args: list[str], cli: Callable[..., Any], home: Path
) -> None:
    text = cli(*args, "--format", "text")
    terminal = cli(*args, "--format", "terminal")
    assert text.exit_code == terminal.exit_code == 0, text.output + terminal.output
    assert text.stdout == terminal.stdout
    assert "terminal" not in cli(args[0], "--help").stdout


# --- --plan-output - -----------------------------------------------------------------


def test_plan_output_dash_writes_the_plan_as_text_when_the_result_has_a_file(
    cli: Callable[..., Any], answers: Path, tmp_path: Path
) -> None:
    result = tmp_path / "result.json"
    run = cli("screen", "--answers", answers, "--format", "json", "--output", result,
              "--plan-output", "-", "--data-dir", FIXTURE_DIR)  # fmt: skip
    assert run.exit_code == 0, run.output
    assert "Home activity plan for Sam" in run.stdout
    assert result.read_text().startswith("{")


def test_plan_output_dash_beside_a_result_on_stdout_is_refused_before_scoring(
    cli: Callable[..., Any], answers: Path
) -> None:
    run = cli("screen", "--answers", answers, "--plan-output", "-", "--data-dir", FIXTURE_DIR)
    assert run.exit_code == 1
    assert run.stdout == ""
    assert run.stderr.startswith("ottool: --plan-output - writes the plan on standard output")


# --- every --output: never replaced without --force -----------------------------------


def _screen(answers: Path, out: Path) -> list[str | Path]:
    return ["screen", "--answers", answers, "--output", out, "--data-dir", FIXTURE_DIR]


OUTPUTS: dict[str, Callable[[Path, Path], list[str | Path]]] = {
    "screen --output": _screen,
    "screen --format json --output": lambda a, out: [*_screen(a, out), "--format", "json"],
    "screen --format fhir --output": lambda a, out: [*_screen(a, out), "--format", "fhir"],
    "screen --plan-output": lambda a, out: [
        "screen", "--answers", a, "--format", "json", "--plan-output", out.with_suffix(".md"),
        "--data-dir", FIXTURE_DIR,
    ],
    "plan --output": lambda a, out: [
        "plan", "--age-months", "4", "--output", out.with_suffix(".md"), "--data-dir", FIXTURE_DIR
    ],
    "fhir questionnaire --output": lambda a, out: [
        "fhir", "questionnaire", "--months", "4", "--output", out, "--data-dir", FIXTURE_DIR
    ],
    "fhir questionnaire (all) --output": lambda a, out: [
        "fhir", "questionnaire", "--output", out, "--data-dir", FIXTURE_DIR
    ],
    "fhir codesystem --output": lambda a, out: [
        "fhir", "codesystem", "--output", out, "--data-dir", FIXTURE_DIR
    ],
    "history export --output": lambda a, out: ["history", "export", "--output", out],
}  # fmt: skip


@pytest.mark.parametrize("command", sorted(OUTPUTS))
def test_every_output_refuses_an_existing_file_without_force(
    command: str, cli: Callable[..., Any], answers: Path, tmp_path: Path, home: Path
) -> None:
    out = tmp_path / "out.json"
    args = OUTPUTS[command](answers, out)
    target = Path(next(a for a in args[::-1] if isinstance(a, Path) and a.parent == tmp_path))
    target.write_text("keep me")
    refused = cli(*args)
    assert refused.exit_code == 1, refused.output
    assert "already exists; nothing was written. Add --force to replace it" in refused.stderr
    assert target.read_text() == "keep me"
    replaced = cli(*args, "--force")
    assert replaced.exit_code == 0, replaced.output
    assert target.read_text() != "keep me"
