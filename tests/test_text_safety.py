"""Hostile text: control characters and square brackets, typed or in content, are shown as text.

Nothing ottool prints or writes may carry a raw control character (an ESC can clear
the screen, retitle the window or hide a link), and no text is read as Rich markup
(``[/x]`` used to crash, ``[on a bed]`` used to vanish).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ottool.core.printable import CONTROL, json_text, printable
from properties import examples

#: Brackets Rich would read as tags, an emoji code, terminal controls (OSC title, clear
#: screen, an 8-bit CSI) and HTML that Markdown would pass through.
HOSTILE = (
    "Lie back [on a bed] [/x] [bold]b[/bold] :baby: \x1b]0;PWNED\x07 \x1b[2J \x9b31m "
    "<img src=x onerror=alert(1)>|"
)
#: What must be seen of HOSTILE wherever it is shown as text.
SEEN = ("[on a bed]", "[/x]", "[bold]b[/bold]", ":baby:", "␛]0;PWNED", "␛[2J")


def yaml_text(text: str) -> str:
    """``text`` as a YAML scalar: JSON's escaped string is a valid YAML double-quoted one."""
    return json.dumps(text)


def assert_no_controls(text: str) -> None:
    found = CONTROL.search(text)
    assert found is None, f"raw control character {found.group()!r} in output"


def assert_seen(text: str) -> None:
    for piece in SEEN:
        assert piece in text, f"{piece!r} is missing"


@pytest.fixture
def hostile_content(content_copy: Path) -> Path:
    """The test content with HOSTILE as an area name, a milestone, a sign and an activity."""
    edits = {
        "milestones.yaml": [
            ("name: Movement (large muscles)", f"name: {yaml_text(HOSTILE)}"),
            ("text: Holds head up when on tummy", f"text: {yaml_text(HOSTILE)}"),
            ("text: Has lost skills they once had", f"text: {yaml_text(HOSTILE)}"),
            (
                "advice: Contact your child's doctor within a few days.",
                f"advice: {yaml_text(HOSTILE)}",
            ),
        ],
        "activities.yaml": [
            ("name: Tummy time", f"name: {yaml_text(HOSTILE)}"),
            ("Lay your baby on their tummy on a blanket.", yaml_text(HOSTILE)),
            ("Only while awake and watched.", yaml_text(HOSTILE)),
        ],
    }
    for name, pairs in edits.items():
        path = content_copy / name
        text = path.read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    return content_copy


@pytest.fixture
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    """A terminal wide enough that no table wraps the text under test."""
    monkeypatch.setenv("COLUMNS", "400")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "home"
    monkeypatch.setenv("OTTOOL_HOME", str(folder))
    monkeypatch.chdir(tmp_path)
    yield folder


def answers_file(folder: Path, name: str, concerns: str) -> Path:
    birth = (dt.date.today() - dt.timedelta(days=70)).isoformat()  # the 2-month checklist
    path = folder / "answers.yaml"
    path.write_text(
        f"child:\n  name: {yaml_text(name)}\n  birth_date: {birth}\n"
        f"answers:\n  gm-2m-head-up: not yet\n"
        f"warning_signs:\n  ws-lost-skills: true\n"
        f"concerns: {yaml_text(concerns)}\n",
        encoding="utf-8",
    )
    return path


# --- item 8: content text is never markup --------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("plan", "--age-months", "2"),
        ("activities",),
        ("milestones",),
        ("validate",),
    ],
    ids=lambda a: " ".join(a),
)
def test_content_with_brackets_and_controls_prints_as_written(
    cli: Callable[..., object], hostile_content: Path, wide: None, args: tuple[str, ...]
) -> None:
    run = cli(*args, "--data-dir", hostile_content)
    assert run.exit_code == 0, run.output  # type: ignore[attr-defined]
    if args[0] != "validate":  # validate shows the area names only
        assert_seen(run.stdout)  # type: ignore[attr-defined]
    assert "[on a bed]" in run.stdout  # type: ignore[attr-defined]
    assert_no_controls(run.output)  # type: ignore[attr-defined]


def test_screen_result_shows_content_and_typed_text_as_written(
    cli: Callable[..., object], hostile_content: Path, wide: None, home: Path, tmp_path: Path
) -> None:
    answers = answers_file(tmp_path, HOSTILE, HOSTILE)
    run = cli("screen", "--answers", answers, "--data-dir", hostile_content)
    assert run.exit_code == 0, run.output  # type: ignore[attr-defined]
    out = run.stdout  # type: ignore[attr-defined]
    assert_seen(out)
    assert "Results for Lie back [on a bed]" in out
    assert_no_controls(out)


# --- item 7: control characters from every source are shown, not obeyed ----------------


def test_typed_fields_reach_plan_files_without_control_characters(
    cli: Callable[..., object], hostile_content: Path, tmp_path: Path
) -> None:
    for suffix in ("md", "txt", "html", "json"):
        out = tmp_path / f"plan.{suffix}"
        run = cli(
            "plan", "--age-months", "2", "--data-dir", hostile_content,
            "--child", HOSTILE, "--therapist", HOSTILE, "--note", HOSTILE, "--output", out,
        )  # fmt: skip
        assert run.exit_code == 0, run.output  # type: ignore[attr-defined]
        written = out.read_text(encoding="utf-8")
        assert_no_controls(written)
        if suffix == "json":
            data = json.loads(written)
            assert data["child"] == HOSTILE  # JSON keeps the text exactly, escaped
            assert data["activities"][0]["steps"][0] == HOSTILE
        else:
            assert "␛" in written and "0;PWNED" in written  # shown (Markdown escapes the ])


def test_screen_result_file_and_json_have_no_control_characters(
    cli: Callable[..., object], hostile_content: Path, home: Path, tmp_path: Path
) -> None:
    answers = answers_file(tmp_path, HOSTILE, HOSTILE)
    out = tmp_path / "result.txt"
    run = cli("screen", "--answers", answers, "--data-dir", hostile_content, "--output", out)
    assert run.exit_code == 0, run.output  # type: ignore[attr-defined]
    assert_no_controls(out.read_text(encoding="utf-8"))
    assert "␛]0;PWNED" in out.read_text(encoding="utf-8")
    run = cli("screen", "--answers", answers, "--data-dir", hostile_content, "--format", "json")
    assert_no_controls(run.stdout)  # type: ignore[attr-defined]
    assert json.loads(run.stdout)["child"]["name"] == HOSTILE  # type: ignore[attr-defined]


def test_saved_history_with_hostile_names_prints_safely(
    cli: Callable[..., object], hostile_content: Path, wide: None, home: Path, tmp_path: Path
) -> None:
    answers = answers_file(tmp_path, HOSTILE, HOSTILE)
    run = cli("screen", "--answers", answers, "--data-dir", hostile_content, "--save")
    assert run.exit_code == 0, run.output  # type: ignore[attr-defined]
    for args in (
        ("history",),
        ("history", "--child", HOSTILE, "--data-dir", hostile_content),
        ("history", "show", "1", "--data-dir", hostile_content),
        ("history", "show", "1", "--format", "json"),
        ("history", "--format", "json"),
    ):
        run = cli(*args)
        assert run.exit_code == 0, run.output  # type: ignore[attr-defined]
        assert_no_controls(run.output)  # type: ignore[attr-defined]
        assert "[on a bed]" in run.stdout  # type: ignore[attr-defined]
    export = tmp_path / "backup.jsonl"
    run = cli("history", "export", "--output", export)
    assert run.exit_code == 0, run.output  # type: ignore[attr-defined]
    line = export.read_text(encoding="utf-8")
    assert_no_controls(line.rstrip("\n"))
    assert json.loads(line)["result"]["child"]["name"] == HOSTILE


def test_error_messages_show_control_characters(
    cli: Callable[..., object], content_copy: Path
) -> None:
    run = cli("plan", "--age-months", "2", "--focus", "\x1b]0;PWNED\x07")
    assert run.exit_code == 1
    assert "'␛]0;PWNED␇' is not a known area" in run.stderr  # type: ignore[attr-defined]
    assert_no_controls(run.stderr)  # type: ignore[attr-defined]

    path = content_copy / "activities.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("    name: Tummy time\n", '    name: Tummy time\n    "\\e[2Jnmae": x\n'),
        encoding="utf-8",
    )
    run = cli("validate", "--data-dir", content_copy)
    assert run.exit_code == 1
    assert "unknown key '␛[2Jnmae'" in run.stderr  # type: ignore[attr-defined]
    assert_no_controls(run.stderr)  # type: ignore[attr-defined]


def test_json_keeps_text_exactly_with_every_control_escaped() -> None:
    text = "".join(chr(c) for c in range(0xA0))
    written = json_text({"t": text})
    assert CONTROL.search(written) is None and "\\u009b" in written
    assert json.loads(written)["t"] == text


def test_printable_shows_each_control_as_one_symbol() -> None:
    assert printable("a\x1b[2Jb\tc\nd\x7f\x9b") == "a␛[2Jb\tc\nd␡\ufffd"
    assert printable("plain [text]") == "plain [text]"


# --- item 9: Markdown escapes content text --------------------------------------------


def test_markdown_plan_escapes_content_text(
    cli: Callable[..., object], hostile_content: Path
) -> None:
    run = cli("plan", "--age-months", "2", "--data-dir", hostile_content, "--format", "md")
    assert run.exit_code == 0, run.output  # type: ignore[attr-defined]
    md = run.stdout  # type: ignore[attr-defined]
    assert_no_controls(md)
    assert "\\<img src=x onerror=alert(1)\\>" in md
    assert re.search(r"(?<!\\)<", md) is None  # no HTML tag reaches a Markdown viewer
    assert "\\[on a bed\\]" in md
    rows = [line for line in md.splitlines() if line.startswith("| ")]
    assert rows
    for row in rows:  # a | in a name would add a column to the tracker or area table
        cells = len(re.findall(r"(?<!\\)\|", row)) - 1
        assert cells in (2, 8), row


# --- item 3: a typed name with brackets never breaks the questionnaire -----------------


def test_a_draft_for_a_name_with_brackets_resumes(
    content: object, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ottool.cli.interview import run_interview
    from ottool.storage.draft import Draft, DraftChild, draft_path, draft_to_json

    birth = dt.date.today() - dt.timedelta(days=70)
    draft = Draft(
        child=DraftChild(name="Sam [/twin] \x1b[2J", birth_date=birth, gestational_weeks=40)
    )
    draft.answers = {"gm-2m-head-up": "yes"}
    draft.position, draft.warning_signs, draft.concerns_asked = 99, {}, True
    home.mkdir()
    draft_path().write_text(draft_to_json(draft), encoding="utf-8")

    answers = run_interview(content, resume=True)  # type: ignore[arg-type]

    assert answers.child.name == "Sam [/twin] \x1b[2J"  # kept exactly as typed
    out = capsys.readouterr().out
    assert "Continuing the screening for Sam [/twin] ␛[2J: 1 answer so far." in out
    assert_no_controls(out)


def test_the_plan_offer_handles_a_name_and_file_name_with_brackets(
    content: object,
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import ottool.cli.interview as interview
    from ottool import session
    from ottool.cli import screen
    from ottool.storage.answerfile import read_answers

    given = read_answers(answers_file(tmp_path, "Sam [/twin]", "[/note]"), content)  # type: ignore[arg-type]
    screening = session.screen(content, given)  # type: ignore[arg-type]
    # Write the plan: yes; a file name with brackets in a folder that does not exist
    # (an error, asked again), then one that works; save the results: no.
    replies = iter([True, "[/missing]/plan.md", "[bold]plan[x].md", False])
    monkeypatch.setattr(interview, "plain_ask", lambda question: next(replies))
    # Wide enough for the whole path on one line, however deep the test's folder is
    # (a parallel run's folders are longer): a path longer than the line breaks anywhere.
    monkeypatch.setenv("COLUMNS", "400")

    screen.offer_after_results(screening)

    out = capsys.readouterr().out
    written = tmp_path / "[bold]plan[x].md"
    assert "Home activity plan for Sam \\[/twin\\]" in written.read_text(encoding="utf-8")
    assert "[/missing]" in out
    # The questionnaire says where the plan went as a full path: the parent typed a bare name.
    assert f"Plan written to {written}." in " ".join(out.split())


# --- item 17: odd environments and arguments -------------------------------------------


def run_ottool(*args: str | bytes, **env: str) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m ottool` as a user's shell would, with extra environment variables."""
    environ = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    return subprocess.run(
        [sys.executable, "-m", "ottool", *args],
        capture_output=True,
        env={**environ, **env},
        timeout=60,
        check=False,
    )


def test_arguments_that_are_not_utf8_get_a_clear_error() -> None:
    done = run_ottool("plan", "--age-months", "3", "--child", b"Sam\xff")
    assert done.returncode == 1
    err = done.stderr.decode()
    assert "the argument 'Sam?' is not valid UTF-8 text" in err
    assert "Traceback" not in err and "unexpected" not in err


@pytest.mark.slow
def test_an_ascii_only_output_replaces_what_it_cannot_show() -> None:
    done = run_ottool("plan", "--age-months", "3", "--child", "Zoë", PYTHONIOENCODING="ascii")
    assert done.returncode == 0, done.stderr.decode()
    out = done.stdout.decode("ascii")
    assert "Home activity plan for Zo?" in out
    assert "Steps" in out


@pytest.mark.slow
@pytest.mark.parametrize("args", [("--help",), ("activities", "--age", "3")])
def test_columns_zero_still_prints(args: tuple[str, ...]) -> None:
    done = run_ottool(*args, COLUMNS="0")
    assert done.returncode == 0, done.stderr.decode()
    assert len(done.stdout.decode().strip().splitlines()) > 3


def test_a_console_never_gets_a_width_of_zero(monkeypatch: pytest.MonkeyPatch) -> None:
    from ottool.render.console import FALLBACK_WIDTH, make_console

    monkeypatch.setenv("COLUMNS", "0")
    assert make_console().width == FALLBACK_WIDTH


# --- item 21: validate reports every problem in one run ------------------------------


def test_validate_keeps_checking_after_a_duplicate_key(
    cli: Callable[..., object], content_copy: Path
) -> None:
    path = content_copy / "activities.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("    name: Tummy time\n", "    name: Tummy time\n    name: Again\n", 1)
    text = text.replace("    domains: [fine_motor]\n", "    domains: [fine_motr]\n", 1)
    path.write_text(text, encoding="utf-8")
    run = cli("validate", "--data-dir", content_copy)
    assert run.exit_code == 1
    err = run.stderr  # type: ignore[attr-defined]
    assert "the key 'name' appears twice in this mapping" in err
    assert "domain 'fine_motr' is not a known domain" in err  # later in the same file
    assert "2 problems found." in err


def test_a_type_error_does_not_hide_the_entrys_unknown_area_and_target(
    cli: Callable[..., object], content_copy: Path
) -> None:
    path = content_copy / "activities.yaml"
    text = path.read_text(encoding="utf-8")
    old = (
        "    domains: [gross_motor]\n"
        "    targets: [gm-2m-head-up, gm-4m-head-steady, gm-4m-pushes-up-elbows]\n    minutes: 5\n"
    )
    assert old in text
    new = "    domains: [gross_motr]\n    targets: [gm-2m-head-upp]\n    minutes: ten\n"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    path = content_copy / "milestones.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    months: 2\n    domain: gross_motor\n    text: Holds head up when on tummy\n"
    path.write_text(text.replace(old, old.replace("months: 2", "months: two").replace(
        "domain: gross_motor", "domain: gross_motr"), 1), encoding="utf-8")  # fmt: skip
    run = cli("validate", "--data-dir", content_copy)
    assert run.exit_code == 1
    err = run.stderr  # type: ignore[attr-defined]
    assert "activity 'tummy-time': minutes must be" in err
    assert "activity 'tummy-time': domain 'gross_motr' is not a known domain" in err
    assert "activity 'tummy-time': target 'gm-2m-head-upp' is not a known milestone" in err
    assert "milestone 'gm-2m-head-up': months must be" in err
    assert "milestone 'gm-2m-head-up': domain 'gross_motr' is not a known domain" in err


# --- every renderer, any text: hypothesis ---------------------------------------------

_PIECES = [*"ab [ ]/\\:|<>*_#`&é✓", *(chr(c) for c in range(32) if c not in (9, 10))]
_PIECES += ["\x7f", "\x85", "\x9b", "[/x]", "[bold]", ":baby:", "\x1b]0;T\x07", "\x1b[2J"]
any_text = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12).map("".join)


def _documents(text: str) -> tuple[object, object, object, dict[str, object]]:
    """Content, a result and a plan document with ``text`` in every text field."""
    from ottool.core.activity_choice import plan_for_result
    from ottool.core.content import Activity, Content, Domain, Milestone, WarningSign
    from ottool.core.screening import Answers, Child, score
    from ottool.storage.result_json import result_to_data

    content = Content(
        (Domain(id="d", name=text),),
        (Milestone(id="m", months=2, domain="d", text=text, source=text),),
        (
            WarningSign(
                id="w", text=text, min_months=0, domains=("d",), level="urgent",
                act="days", advice=text, source=text,
            ),
        ),
        (
            Activity(
                id="a", name=text, min_months=0, max_months=12, domains=("d",),
                targets=("m",), minutes=5, times_per_day=1, steps=(text,), safety=(text,),
                materials=(text,), routines=(text,), why=text, source=text,
            ),
        ),
    )  # fmt: skip
    today = dt.date.today()
    child = Child(today - dt.timedelta(days=70), 40, text)
    result = score(content, Answers(child, today, {"m": "not_yet"}, {"w": True}, text))
    plan = plan_for_result(content, result, 4)
    from ottool.documents.plan_document import build_plan_document

    doc = build_plan_document(content, plan, result=result, therapist=text, notes=(text,))
    return content, result, doc, result_to_data(result, plan)


def _terminal_views(text: str) -> str:
    """Every Rich view (result, plan, browse, validate, history) on one wide console."""
    from ottool.core.errors import Problem
    from ottool.render import browse, history, terminal, validation
    from ottool.render.console import text_console
    from ottool.storage.history.saved import SavedScreening

    content, result, doc, data = _documents(text)
    console = text_console(2000)
    terminal.print_result(result, content, console)  # type: ignore[arg-type]
    terminal.print_plan(doc, console)  # type: ignore[arg-type]
    browse.print_milestones(content, content.milestones, console)  # type: ignore[arg-type, attr-defined]
    browse.print_activities(content, content.activities, console)  # type: ignore[arg-type, attr-defined]
    report = validation.Report(content, (), (Problem("f.yaml", 1, text),))  # type: ignore[arg-type]
    validation.print_summary(report, console)
    saved = SavedScreening(1, "2026-01-01T00:00:00+00:00", text, text, "v", data, {})
    history.print_history([saved, saved], console)
    history.print_progress(text, [saved, saved], {"d": text}, {"d": "same"}, console)
    history.print_saved_summary(saved, console, text, {"d": text})
    return console.export_text(styles=False)


@pytest.mark.slow
@settings(max_examples=examples(40), deadline=None)
@given(any_text)
def test_any_text_shows_as_written_in_every_terminal_view(text: str) -> None:
    from rich.control import strip_control_codes

    out = _terminal_views(text)
    assert_no_controls(out)
    # Rich drops BEL, BS, VT, FF and CR itself; every other character shows, brackets too.
    expected = printable(strip_control_codes(text)).strip()
    assert out.count(expected) >= 8


@pytest.mark.slow
@settings(max_examples=examples(40), deadline=None)
@given(any_text)
def test_any_text_is_safe_in_every_plan_file(text: str) -> None:
    from markupsafe import escape

    from ottool.render.plan_file import render_plan

    _, _, doc, data = _documents(text)
    md, html, txt, plan_json = (render_plan(doc, f) for f in ("md", "html", "txt", "json"))
    for written in (md, html, txt, plan_json, json_text(data)):
        assert isinstance(written, str)
        assert_no_controls(written)
    assert re.search(r"(?<!\\)<", str(md)) is None
    for row in (line for line in str(md).splitlines() if line.startswith("| ")):
        assert len(re.findall(r"(?<!\\)\|", row)) - 1 in (2, 8), row
    assert str(escape(printable(text))) in str(html)
    assert json.loads(str(plan_json))["activities"][0]["steps"] == [text]


#: The PDF renderer fails on a bold symbol its fallback font set lacks ("Undefined font:
#: fallback0B" for a ✓ in a heading): reported to the PDF's owner, left out here.
pdf_text = any_text.map(lambda t: t.replace("✓", "v"))


@pytest.mark.slow
@settings(max_examples=examples(15), deadline=None)
@given(pdf_text)
def test_any_text_prints_in_a_pdf(text: str) -> None:
    from ottool.render.plan_file import render_plan

    _, _, doc, _ = _documents(text)
    assert bytes(render_plan(doc, "pdf")).startswith(b"%PDF")  # type: ignore[arg-type]
