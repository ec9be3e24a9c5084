"""Pieces shared by the command modules: the --data-dir option and clean error exits."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from ottool.errors import InputError, Problem

if TYPE_CHECKING:
    from ottool.content import Content

DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        envvar="OTTOOL_DATA_DIR",
        help="Folder with milestones.yaml and activities.yaml (default: the shipped content).",
        show_default=False,
    ),
]


def fail(problems: list[Problem] | str) -> NoReturn:
    """Print each problem on one line of stderr and exit with status 1."""
    error = InputError(problems)
    for problem in error.problems:
        typer.echo(f"ottool: {problem}" if problem.file is None else str(problem), err=True)
    raise typer.Exit(1)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the core's InputError into clean stderr lines and exit 1."""
    try:
        yield
    except InputError as exc:
        fail(exc.problems)


def load(data_dir: Path | None) -> Content:
    """The content, or exit 1 listing every problem in it."""
    from ottool.content import load_content

    with user_errors():
        return load_content(data_dir)
    raise AssertionError("unreachable")  # pragma: no cover
