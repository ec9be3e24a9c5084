"""Shared fixtures: the small test content set, a CLI runner, and content builders."""

from __future__ import annotations

import contextlib
import functools
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import coverage
import hypothesis
import pytest
import typer.main
import typer.testing
from typer.testing import CliRunner

import properties
from ottool.core.content import Activity, Content, Domain, Milestone, WarningSign, load_content

SRC_DIR = Path(__file__).resolve().parents[1] / "src"
# Subprocesses (`python -m ottool`, the `ottool` script, pseudo-terminals) import the
# source tree too, as this process does (pyproject.toml's pythonpath).
os.environ["PYTHONPATH"] = os.pathsep.join(
    filter(None, [str(SRC_DIR), os.environ.get("PYTHONPATH")])
)
# The suite runs from compiled bytecode, as an installed ottool does: with
# PYTHONDONTWRITEBYTECODE set, every `python -m ottool` a test starts would compile the
# whole package again (about 0.3 s of CPU each, hundreds of times), and every xdist worker
# would rewrite and compile every test module. The compiled files go to __pycache__
# folders, which git ignores. This process's own test modules, imported after this
# conftest, are cached too; the workers inherit the environment.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

FIXTURE_DIR = Path(__file__).parent / "fixtures" / "content"
ANSWERS_DIR = Path(__file__).parent / "fixtures" / "answers"


def shell(work: Path, home: Path) -> Callable[[str], subprocess.CompletedProcess[str]]:
    """Runs a documentation example in ``work`` as a user's shell would: ``ottool`` is this
    source tree, with a private OTTOOL_HOME, no colour and 100 columns."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OTTOOL_")}
    env.update(OTTOOL_HOME=str(home), NO_COLOR="1", COLUMNS="100")

    def run(command: str) -> subprocess.CompletedProcess[str]:
        script = f'ottool() {{ "{sys.executable}" -m ottool "$@"; }}\n{command}\n'
        return subprocess.run(
            ["bash", "-c", script], cwd=work, env=env, capture_output=True, text=True,
            timeout=120, stdin=subprocess.DEVNULL,
        )  # fmt: skip

    return run


#: Words that make a command line the shell's business (redirections, pipes, lists).
SHELL_WORDS = ("<", ">", "|", "&", ";", "$", "`")


def in_process(work: Path, home: Path) -> Callable[[str], subprocess.CompletedProcess[str]]:
    """Runs a documentation example as ``shell`` does, but in this process when it is a
    plain ``ottool`` command line (CliRunner, in ``work``, the same environment): a fresh
    Python for each costs about a second. A line that uses the shell (a redirection, a
    pipe, a variable) still runs in a real shell."""
    real_shell = shell(work, home)
    env: dict[str, str | None] = {k: None for k in os.environ if k.startswith("OTTOOL_")}
    env.update(OTTOOL_HOME=str(home), NO_COLOR="1", COLUMNS="100")

    def run(command: str) -> subprocess.CompletedProcess[str]:
        words = shlex.split(command, comments=True)
        if words[:1] != ["ottool"] or any(c in w for w in words for c in SHELL_WORDS):
            return real_shell(command)
        from ottool.cli import app

        with contextlib.chdir(work):
            result = CliRunner(env=env).invoke(app, words[1:])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return subprocess.CompletedProcess(words, result.exit_code, result.stdout, result.stderr)

    return run


def answers_text(name: str) -> str:
    """A sample answer file of tests/fixtures/answers/ (its name without '.yaml')."""
    return (ANSWERS_DIR / f"{name}.yaml").read_text("utf-8")


def pytest_configure(config: pytest.Config) -> None:
    quick_property_tests(config)
    coverage_of_whole_runs_only(config)


def quick_property_tests(config: pytest.Config) -> None:
    """The quick loop (``-m "not slow"``) tries fewer examples of each property
    (tests/properties.py); any run that includes the slow tests tries them all."""
    if "not slow" not in (config.option.markexpr or ""):
        return
    properties.QUICK = True
    hypothesis.settings.register_profile(
        "quick", max_examples=properties.examples(properties.DEFAULT_EXAMPLES)
    )
    hypothesis.settings.load_profile("quick")


def coverage_of_whole_runs_only(config: pytest.Config) -> None:
    """Measure coverage (and hold its 90% floor) when the whole suite runs.

    A run narrowed with ``-m``, ``-k`` or named tests cannot reach the floor by
    design, and tracing roughly doubles the time of the quick loop
    (``pytest -m "not slow"``); it skips coverage unless a ``--cov`` option is given
    on its command line. pytest-cov starts before any conftest is read, so it is told
    here to stand down, the way ``--no-cov`` would.
    """
    narrowed = (
        config.option.markexpr
        or config.option.keyword
        or config.args_source is pytest.Config.ArgsSource.ARGS
    )
    asked = any(str(arg).startswith("--cov") for arg in config.invocation_params.args)
    plugin: Any = config.pluginmanager.get_plugin("_cov")
    # pytest-cov's own objects: should they change, coverage simply stays on.
    options = getattr(plugin, "options", None)
    controller = getattr(plugin, "cov_controller", None)
    if not narrowed or asked or options is None or not hasattr(controller, "pause"):
        return
    options.no_cov = True  # read at session start: no report, no floor
    controller.pause()


@pytest.fixture(scope="session", autouse=True)
def command_line_built_once() -> Iterator[None]:
    """Build each Typer app's command line once per test process, as a real run does.

    ``CliRunner.invoke(app)`` rebuilds the Click command from the Typer app on every
    call (about 16 ms of annotation evaluation); the app does not change during a run.
    """
    built: dict[int, tuple[typer.Typer, Any]] = {}

    def get_command(app: typer.Typer) -> Any:
        if id(app) not in built:
            built[id(app)] = (app, typer.main.get_command(app))
        return built[id(app)][1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(typer.testing, "_get_command", get_command)
        yield


@pytest.fixture(scope="session", autouse=True)
def pdf_layout_untraced() -> Iterator[None]:
    """Lay out PDFs with coverage paused, when coverage runs (the whole suite, in CI).

    Coverage counts the core only (pyproject.toml), never the renderers, and under
    Python 3.11 any trace function slows every line of Python, traced file or not:
    laying out a handout took 2.7 times as long. The layout steps of the three PDFs
    (and fpdf2's writing of the file) run untraced; the core they are given was worked
    out, and measured, before. A renamed step fails here, loudly.
    """
    if coverage.Coverage.current() is None:  # a narrowed run: nothing is traced
        yield
        return
    from ottool.render import checklist_pdf, summary_pdf
    from ottool.render.pdf import handout
    from ottool.render.pdf.library import fpdf_class

    steps = [
        (handout.Handout, "lay_out"),
        (handout, "_new_pdf"),
        (checklist_pdf, "_lay_out"),
        (summary_pdf, "_lay_out"),
        (fpdf_class(), "output"),
    ]
    with pytest.MonkeyPatch.context() as patch:
        for owner, name in steps:
            patch.setattr(owner, name, untraced(getattr(owner, name)))
        yield


def untraced(step: Callable[..., Any]) -> Callable[..., Any]:
    """``step`` run with coverage paused, if it runs (see ``pdf_layout_untraced``)."""

    @functools.wraps(step)
    def run(*args: Any, **kwargs: Any) -> Any:
        running = coverage.Coverage.current() if sys.gettrace() is not None else None
        if running is None:
            return step(*args, **kwargs)
        running.stop()
        try:
            return step(*args, **kwargs)
        finally:
            running.start()

    return run


@pytest.fixture(autouse=True)
def english_by_default(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts in English, whatever the machine's locale, and a test that
    switches to Spanish (``--lang es``) does not leak it into the next test."""
    from ottool.core import i18n

    for name in i18n.ENVIRONMENT_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.set_language(i18n.DEFAULT_LANGUAGE)
    yield
    i18n.set_language(i18n.DEFAULT_LANGUAGE)


@pytest.fixture(scope="session")
def content() -> Content:
    """The small test content: gross_motor, fine_motor, social_emotional; checklists 2, 4, 6."""
    return load_content(FIXTURE_DIR)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A private copy of the test content folder, for deliberate edits."""
    folder = tmp_path / "content"
    shutil.copytree(FIXTURE_DIR, folder)
    return folder


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


@pytest.fixture
def cli() -> Callable[..., Run]:
    """Invoke `ottool ARGS...` in-process, as a user would call it."""
    from ottool.cli import app

    def run(*args: str | Path) -> Run:
        result = CliRunner().invoke(app, [str(a) for a in args])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Run(result.exit_code, result.stdout, result.stderr)

    return run


# --- building small Content objects in code (for planning and scoring rules) -------


def domain(id: str) -> Domain:
    return Domain(id=id, name=id.replace("_", " "))


def milestone(id: str, months: int, domain: str) -> Milestone:
    return Milestone(id=id, months=months, domain=domain, text=id, source="test")


def activity(
    id: str,
    domains: Sequence[str],
    targets: Sequence[str] = (),
    min_months: int = 0,
    max_months: int = 24,
) -> Activity:
    return Activity(
        id=id,
        name=id,
        min_months=min_months,
        max_months=max_months,
        domains=tuple(domains),
        targets=tuple(targets),
        minutes=5,
        times_per_day=1,
        steps=("do it",),
        source="test",
    )


def sign(
    id: str,
    level: str = "discuss",
    min_months: int = 0,
    act: str | None = None,
    refer: Sequence[str] = (),
) -> WarningSign:
    """A warning sign of area "a"; its act defaults to one its level allows."""
    return WarningSign(
        id=id,
        text=id,
        min_months=min_months,
        domains=("a",),
        level=level,  # type: ignore[arg-type]
        act=act or ("days" if level == "urgent" else "visit"),  # type: ignore[arg-type]
        refer=tuple(refer),
        advice="ask",
        source="test",
    )


def make_content(
    domains: Iterable[str],
    milestones: Iterable[Milestone],
    activities: Iterable[Activity] = (),
    signs: Iterable[WarningSign] = (),
) -> Content:
    return Content(
        tuple(domain(d) for d in domains),
        tuple(milestones),
        tuple(signs),
        tuple(activities),
    )
