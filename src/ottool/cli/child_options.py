"""Options shared by the commands that follow one child over time: `--child`, `--born`,
`--date`; and choosing that child in the history (name and birth date tell them apart)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from ottool.i18n import _

if TYPE_CHECKING:
    from ottool.history.identity import ChildId

ChildOption = Annotated[
    str | None,
    typer.Option(
        "--child",
        metavar="NAME",
        help=_("The child, by name (needed when the history holds several children)."),
    ),
]
BornOption = Annotated[
    str | None,
    typer.Option(
        "--born",
        metavar="YYYY-MM-DD",
        help=_("The child's birth date, to tell apart two children with the same name."),
    ),
]


def read_date(text: str | None, option: str) -> dt.date | None:
    """The date given to ``option`` (YYYY-MM-DD), or exit 1 with one clear sentence."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        from ottool.cli.common import fail
        from ottool.printable import printable

        message = _("{option} '{value}' is not a date written YYYY-MM-DD (e.g. 2026-05-20)")
        fail(message.format(option=option, value=printable(text)))


def chosen_child(name: str | None, born: str | None) -> ChildId:
    """The child of the history these options mean, or exit 1 saying why not."""
    from ottool.cli.common import user_errors
    from ottool.history.identity import choose_child

    birth = read_date(born, "--born")
    with user_errors():
        return choose_child(name, birth)
    raise AssertionError("unreachable")  # pragma: no cover
