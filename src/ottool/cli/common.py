"""Pieces shared by the command modules: the --data-dir option and clean error exits.

`fail` and `user_errors` stop a command at once with exit 1; everything else that can
go wrong is reported by the one handler around every command (`ottool.error_handler`).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ottool.error_handler import fail
from ottool.errors import InputError

if TYPE_CHECKING:
    from ottool.content import Content

__all__ = ["AREA_HELP", "ContentLanguage", "DataDir", "fail", "load", "shown", "user_errors"]

#: The shipped areas, for help texts (tests keep this list equal to the content's).
AREA_IDS = "gross_motor, fine_motor, sensory, cognitive, social_emotional, communication, feeding"
AREA_HELP = f"Areas: {AREA_IDS}."

DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        metavar="DIR",
        envvar="OTTOOL_DATA_DIR",
        help="Folder with milestones.yaml and activities.yaml (default: the shipped content).",
        show_default=False,
    ),
]


class ContentLanguage(enum.StrEnum):
    """The languages ottool ships content in (content.LANGUAGES)."""

    en = "en"
    es = "es"


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


def shown(path: Path) -> str:
    """A path the user gave, safe to print (control characters shown, not obeyed)."""
    from ottool.printable import printable

    return printable(str(path))
