"""How long typed text may be: a child's name, a therapist's name, a note, concerns.

A name longer than a page or a note of a megabyte is a paste gone wrong, not
something a family's handout should print (issue 10, item 11). Every place a
person types text checks it against these limits: the questionnaire, answer
files, `ottool plan`'s options, and the plan document itself for text that
arrives another way (a result file, a saved screening).
"""

from __future__ import annotations

from ottool.core.errors import InputError
from ottool.core.i18n import _

MAX_NAME = 200  # a child's or a therapist's name, in characters (long names and titles fit)
MAX_NOTE = 2000  # a therapist's note, or a parent's concerns


def too_long(text: str | None, limit: int) -> bool:
    return text is not None and len(text) > limit


def length_message(what: str, text: str, limit: int) -> str:
    """One sentence: what is too long, by how much, and the limit."""
    message = _("{what} is too long: {count} characters (at most {limit})")
    return message.format(what=what, count=f"{len(text):,}", limit=f"{limit:,}")


def check_length(what: str, text: str | None, limit: int) -> None:
    """Raise InputError when ``text`` is longer than ``limit`` characters."""
    if text is not None and too_long(text, limit):
        raise InputError(length_message(what, text, limit))
