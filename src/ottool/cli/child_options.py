"""Options of the commands that follow one child over time (`log`, `next`, `progress`,
`history`): `--child`, `--born`, dates; and which child of the history they mean (a
name and a birth date tell children apart: ``storage/history/identity.py``)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated

import typer

from ottool.core.i18n import _

if TYPE_CHECKING:
    from ottool.storage.history.identity import Child

ChildOption = Annotated[
    str | None,
    typer.Option(
        "--child",
        metavar="NAME",
        help=_("The child, by name (needed when the history holds several children)."),
    ),
]
#: --born: which child of a name, when two children share it.
BornOption = Annotated[
    str | None,
    typer.Option(
        "--born",
        metavar="DATE",
        help=_("The child's birth date (YYYY-MM-DD), when two children share a name."),
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
        from ottool.core.printable import printable

        message = _("{option} '{value}' is not a date written YYYY-MM-DD (e.g. 2026-05-20)")
        fail(message.format(option=option, value=printable(text)))


def chosen_child(name: str | None, born: str | None) -> Child:
    """The child of the history these options mean, or exit 1 saying why not."""
    from ottool import session
    from ottool.cli.common import user_errors

    birth = read_date(born, "--born")
    with user_errors():
        return session.which_child(name, None if birth is None else birth.isoformat())
    raise AssertionError("unreachable")  # pragma: no cover
