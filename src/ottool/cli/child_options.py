"""Options of the commands that follow one child over time (`log`, `next`, `progress`,
`history`, `summary`, `plan`): `--child`, `--born`, `--child-id`, dates; and which child
of the history they mean (a name and a birth date, and the clinic's id when given, tell
children apart: ``storage/history/identity.py``)."""

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

#: --child-id: the clinic's own id for the child, kept with the child in the history.
ChildIdOption = Annotated[
    str | None,
    typer.Option(
        "--child-id",
        metavar="ID",
        help=_(
            "The clinic's own id for the child (e.g. a chart number): kept with the child, "
            "and tells apart two children of one name born the same day."
        ),
    ),
]


def read_child_id(text: str | None) -> str | None:
    """The id given to --child-id, trimmed; exit 1 with one clear sentence when it is
    empty, longer than 64 characters or holds a control character."""
    if text is None:
        return None
    from ottool.cli.common import fail
    from ottool.core.printable import printable

    given = text.strip()
    if not given or len(given) > 64 or any(not c.isprintable() for c in given):
        message = _(
            "--child-id '{value}' is not an id: give 1 to 64 letters, digits or signs "
            "(e.g. MRN-20417)"
        )
        fail(message.format(value=printable(text[:80])))
    return given


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


def chosen_child(name: str | None, born: str | None, child_id: str | None = None) -> Child:
    """The child of the history these options mean, or exit 1 saying why not."""
    from ottool import session
    from ottool.cli.common import user_errors

    birth = read_date(born, "--born")
    given_id = read_child_id(child_id)
    with user_errors():
        return session.which_child(
            name, None if birth is None else birth.isoformat(), child_id=given_id
        )
    raise AssertionError("unreachable")  # pragma: no cover
