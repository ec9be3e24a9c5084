"""The command line as a whole: --lang on every command, one error handler for every
command, and the newcomer findings (plan --output, --from an answer file, --data-dir)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from ottool.cli import app
from ottool.core import i18n
from ottool.core.content import Content, load_content
from ottool.core.errors import InputError
from ottool.documents.content_search import find_activities, find_milestones

FIXTURE = Path(__file__).parent / "fixtures" / "content"
ES_FIXTURE = Path(__file__).parent / "fixtures" / "content-es"


_ROOTS: dict[int, Any] = {}


def _root_of(command: Any) -> Any:
    return _ROOTS[id(command)]


def leaf_commands() -> Iterator[tuple[list[str], Any]]:
    """Every command a user can run, with the words that name it (`history show`)."""

    def walk(command: Any, path: list[str]) -> Iterator[tuple[list[str], Any]]:
        subs = getattr(command, "commands", None)
        if subs is None or getattr(command, "invoke_without_command", False):
            yield path, command
        for name, sub in (subs or {}).items():
            yield from walk(sub, [*path, name])

    root = get_command(app)
    for name, sub in root.commands.items():  # type: ignore[attr-defined]
        for path, command in walk(sub, [name]):
            _ROOTS[id(command)] = root
            yield path, command


ALL_COMMANDS = [" ".join(path) for path, _ in leaf_commands()]


def test_the_walk_finds_every_command() -> None:
    assert {"screen", "plan", "validate", "schema", "milestones", "activities"} <= set(ALL_COMMANDS)
    assert {"history", "history show", "history export", "fhir questionnaire"} <= set(ALL_COMMANDS)


@pytest.mark.parametrize("words", ALL_COMMANDS)
def test_every_command_takes_lang(words: str) -> None:
    command = dict((" ".join(p), c) for p, c in leaf_commands())[words]
    options = {opt for param in command.params for opt in getattr(param, "opts", [])}
    assert "--lang" in options


# --- --lang, and the environment when it is absent ----------------------------------


def _first_milestone_text(cli: Callable[..., Any], *args: str) -> str:
    run = cli("milestones", "--months", "2", "--format", "json", "--data-dir", ES_FIXTURE, *args)
    assert run.exit_code == 0, run.output
    return str(json.loads(run.stdout)["milestones"][0]["text"])


def test_lang_es_loads_the_content_in_spanish(cli: Callable[..., Any]) -> None:
    english = _first_milestone_text(cli)
    spanish = _first_milestone_text(cli, "--lang", "es")
    expected = load_content(ES_FIXTURE, lang="es").checklist(2)[0].text
    assert spanish == expected != english


def test_in_process_runs_honour_the_environment_when_lang_is_absent(
    cli: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "es_MX.UTF-8")
    spanish = load_content(ES_FIXTURE, lang="es").checklist(2)[0].text
    assert _first_milestone_text(cli) == spanish
    # --lang beats the environment, on the command or before it.
    english = load_content(ES_FIXTURE, lang="en").checklist(2)[0].text
    assert _first_milestone_text(cli, "--lang", "en") == english
    run = CliRunner().invoke(
        app,
        [
            "--lang",
            "en",
            "milestones",
            "--months",
            "2",
            "--format",
            "json",
            "--data-dir",
            str(ES_FIXTURE),
        ],
    )
    assert json.loads(run.stdout)["milestones"][0]["text"] == english


def test_an_unknown_lang_is_refused(cli: Callable[..., Any]) -> None:
    run = cli("milestones", "--lang", "fr", "--data-dir", FIXTURE)
    assert run.exit_code == 2
    assert "--lang" in run.stderr


def test_lang_changes_the_commands_own_sentences(
    cli: Callable[..., Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    english = cli("milestones", "--domain", "nowhere", "--data-dir", FIXTURE)
    spanish = cli("milestones", "--domain", "nowhere", "--data-dir", FIXTURE, "--lang", "es")
    assert english.exit_code == spanish.exit_code == 1
    assert "is not a known area" in english.stderr
    i18n.set_language("es")
    assert i18n._("'{area}' is not a known area{hint} (known: {known})") != (
        "'{area}' is not a known area{hint} (known: {known})"
    ), "the Spanish catalog translates this sentence"
    assert "is not a known area" not in spanish.stderr


# --- one error handler for every command ----------------------------------------------


def _args_for(command: Any) -> list[str]:
    """Values for the required arguments, so the command's own code is reached."""
    return ["1" for p in command.params if p.param_type_name == "argument" and p.required]


@pytest.mark.parametrize(
    ("raised", "code", "said"),
    [
        (RuntimeError("boom"), 3, "This is a bug in ottool"),
        (InputError("a problem you can fix"), 1, "ottool: a problem you can fix"),
        (KeyboardInterrupt(), 130, "interrupted"),
    ],
)
def test_every_command_goes_through_the_one_error_handler(
    raised: BaseException, code: int, said: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: Any, **kwargs: Any) -> None:
        raise raised

    for path, command in leaf_commands():
        monkeypatch.setattr(command, "callback", explode)
        # The runner builds the command line from `app`; give it this one, whose
        # commands' own code is `explode`.
        root = _root_of(command)
        monkeypatch.setattr("typer.testing._get_command", lambda _app, root=root: root)
        run = CliRunner().invoke(app, [*path, *_args_for(command)])
        assert run.exit_code == code, (path, run.output)
        assert said in run.stderr, (path, run.stderr)
        assert "Traceback" not in run.output


# --- activity search, a core rule ---------------------------------------------------


@pytest.fixture(scope="module")
def fixture_content() -> Content:
    return load_content(FIXTURE)


def test_search_ignores_case_and_accents(fixture_content: Content) -> None:
    some = fixture_content.activities[0]
    word = some.name.split()[0]
    found = find_activities(fixture_content, search=word.upper())
    assert some in found
    assert all(
        word.casefold() in " ".join([a.id, a.name, a.why, *a.steps]).casefold()
        or word.casefold() in " ".join([*a.materials, *a.routines]).casefold()
        for a in found
    )


def test_search_finds_spanish_text_without_its_accents() -> None:
    content = load_content(ES_FIXTURE, lang="es")
    accented = next(
        (a, w)
        for a in content.activities
        for w in " ".join([a.name, *a.steps]).split()
        if any(c in w for c in "áéíóúñ")
    )
    activity, word = accented
    plain = word.translate(str.maketrans("áéíóúñ", "aeioun"))
    assert activity in find_activities(content, search=plain)


def test_filters_by_age_and_area(fixture_content: Content) -> None:
    found = find_activities(fixture_content, age=4, area="gross_motor")
    assert found
    assert all(a.fits_age(4) and "gross_motor" in a.domains for a in found)
    assert set(find_activities(fixture_content)) == set(fixture_content.activities)


def test_an_unknown_area_or_checklist_is_an_input_error(fixture_content: Content) -> None:
    with pytest.raises(InputError, match="did you mean 'gross_motor'"):
        find_activities(fixture_content, area="gross_moter")
    with pytest.raises(InputError, match="no 5-month checklist"):
        find_milestones(fixture_content, months=5)
    ages = [m.months for m in find_milestones(fixture_content)]
    assert ages == sorted(ages)


def test_the_search_module_is_core() -> None:
    import subprocess
    import sys

    code = (
        "import sys, ottool.documents.content_search\n"
        "print(sorted({'typer', 'rich', 'questionary'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- newcomer findings ----------------------------------------------------------------


def test_plan_output_refuses_to_replace_a_file_without_force(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    target = tmp_path / "plan.md"
    target.write_text("the therapist's own notes\n")
    run = cli("plan", "--age-months", "4", "--output", target, "--data-dir", FIXTURE)
    assert run.exit_code == 1
    assert "already exists" in run.stderr and "--force" in run.stderr
    assert target.read_text() == "the therapist's own notes\n"
    run = cli("plan", "--age-months", "4", "--output", target, "--force", "--data-dir", FIXTURE)
    assert run.exit_code == 0, run.output
    assert target.read_text().startswith("#")


def test_plan_from_an_answer_file_points_to_screen_answers(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("child:\n  birth_date: 2026-01-01\nanswers: {}\n")
    run = cli("plan", "--from", answers, "--data-dir", FIXTURE)
    assert run.exit_code == 1
    assert f"ottool screen --answers {answers}" in run.stderr
    # Anything else that is not a result still says what is wrong with it.
    other = tmp_path / "notes.md"
    other.write_text("# notes\n")
    run = cli("plan", "--from", other, "--data-dir", FIXTURE)
    assert run.exit_code == 1
    assert "not a JSON result file" in run.stderr
    assert "screen --answers" not in run.stderr


def test_data_dir_naming_a_file_says_it_wants_the_folder(
    cli: Callable[..., Any], tmp_path: Path
) -> None:
    file = tmp_path / "milestones.yaml"
    file.write_text("x: 1\n")
    run = cli("milestones", "--data-dir", file)
    assert run.exit_code == 1
    assert run.stderr.count("\n") == 1
    assert "is a file; give the folder that holds milestones.yaml" in run.stderr


# --- the questionnaire: saying "No" to an unfinished screening ------------------------


@pytest.mark.parametrize(("replies", "kept"), [([False, False], True), ([False, True], False)])
def test_declining_to_resume_asks_before_the_answers_are_deleted(
    replies: list[bool],
    kept: bool,
    fixture_content: Content,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ottool.cli import interview
    from ottool.storage.draft import Draft, DraftChild, draft_path, save_draft

    monkeypatch.setenv("OTTOOL_HOME", str(tmp_path))
    first = fixture_content.checklist(4)[0].id
    save_draft(Draft(child=DraftChild(name="Mia"), answers={first: "yes"}))
    asked: list[str] = []
    answers = iter(replies)

    def ask(self: interview.Interview, question: Any) -> Any:
        asked.append(str(question.application.layout.container))
        return next(answers)

    monkeypatch.setattr(interview.Interview, "ask", ask)
    monkeypatch.setattr(interview.Interview, "run", lambda self: self.draft)
    draft: Any = interview.run_interview(fixture_content)
    assert len(asked) == 2  # "Continue it?", then "Start again? ... will be deleted"
    assert (draft.answers == {first: "yes"}) is kept
    assert draft_path().exists()  # nothing is deleted before a new answer


# --- option values read plainly (no Pydantic: start-up time, and plain words) ---------


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["plan", "--age-months", "abc"], "'abc' is not a number"),
        (["plan", "--age-months", "nan"], "'nan' is not a number"),
        (["plan", "--age-months", "70"], "70 is not from 0 to 60"),
        (["plan", "--age-months", "4", "--weeks", "2.5"], "'2.5' is not a whole number"),
        (["plan", "--age-months", "4", "--paper", "a5"], "'a5' is not one of a4, letter"),
        (["--lang", "fr", "milestones"], "'fr' is not one of en, es"),
    ],
)
def test_a_bad_option_value_is_said_plainly(args: list[str], said: str) -> None:
    run = CliRunner().invoke(app, [*args, "--data-dir", str(FIXTURE)])
    assert run.exit_code == 2
    text = " ".join(run.stderr.replace("│", " ").split())
    assert said in text
    assert "Input should" not in text and "Value error" not in text


def test_options_are_still_read_into_their_types(cli: Callable[..., Any], tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    run = cli(
        "plan", "--age-months", "4.5", "--focus", "fine_motor", "--focus", "gross_motor",
        "--weeks", "3", "--paper", "letter", "--output", out, "--data-dir", FIXTURE,
    )  # fmt: skip
    assert run.exit_code == 0, run.output
    plan = json.loads(out.read_text())
    assert (plan["tracker_weeks"], plan["age"]) == (3, "4 months and 2 weeks")


@pytest.mark.slow
def test_a_screening_from_a_file_does_not_load_pydantic(tmp_path: Path) -> None:
    import subprocess
    import sys

    answers = tmp_path / "answers.yaml"
    answers.write_text("child:\n  birth_date: 2026-01-01\nanswers: {}\n")
    code = (
        "import runpy, sys\n"
        f"sys.argv = ['ottool', 'screen', '--answers', {str(answers)!r}, '--format', 'json',"
        f" '--data-dir', {str(FIXTURE)!r}, '--lang', 'es']\n"
        "try:\n    runpy.run_module('ottool', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print('pydantic' in sys.modules, file=sys.stderr)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.stderr.strip().splitlines()[-1] == "False", run.stderr


# --- one "after the results" for screen --answers and the questionnaire ---------------


def _answers_file(tmp_path: Path, content: Content) -> Path:
    import datetime as dt

    birth = dt.date.today() - dt.timedelta(days=130)
    lines = ["child:", "  name: Mia", f"  birth_date: {birth.isoformat()}", "answers:"]
    lines += [f"  {m.id}: yes" for m in content.checklist(4)]
    path = tmp_path / "answers.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_screen_answers_and_the_questionnaire_end_through_one_function(
    cli: Callable[..., Any],
    fixture_content: Content,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ottool import session
    from ottool.cli import interview, screen

    monkeypatch.setenv("OTTOOL_HOME", str(tmp_path / "home"))
    calls: list[dict[str, Any]] = []
    real = screen.after_results

    def recorded(*args: Any, **kwargs: Any) -> list[str]:
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(screen, "after_results", recorded)
    answers = _answers_file(tmp_path, fixture_content)
    plan_file = tmp_path / "plan.md"
    run = cli(
        "screen", "--answers", answers, "--format", "json", "--plan-output", plan_file,
        "--save", "--data-dir", FIXTURE,
    )  # fmt: skip
    assert run.exit_code == 0, run.output
    assert "Plan written to" in run.stderr and "Saved as screening 1." in run.stderr
    assert calls == [{"plan_to": plan_file, "save": True, "force": False}]

    given = session.read_answers(answers, fixture_content).answers
    screening = session.screen(fixture_content, given)
    replies = iter([True, str(tmp_path / "asked.md"), True])  # write it; this name; save
    monkeypatch.setattr(interview, "plain_ask", lambda question: next(replies))
    assert screen.offer_after_results(screening)
    assert calls[1:] == [
        {"plan_to": tmp_path / "asked.md", "force": False, "full_path": True},
        {"save": True},
    ]
    assert (tmp_path / "asked.md").read_text() == plan_file.read_text()


@pytest.mark.slow
def test_help_texts_follow_the_environments_language() -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "LANG": "es_MX.UTF-8", "COLUMNS": "80"}
    env.pop("LANGUAGE", None)
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    run = subprocess.run(
        [sys.executable, "-m", "ottool", "plan", "--help"], capture_output=True, text=True, env=env
    )
    assert run.returncode == 0
    text = " ".join(run.stdout.replace("│", " ").split())
    assert "Prepara un plan para imprimir" in text
    assert "Plan para esta edad (en meses)." in text
    assert "Plan for this age" not in text
