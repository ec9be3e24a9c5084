"""Errors as values: what went wrong, in which file and on which line.

The core raises :class:`InputError` carrying one or more :class:`Problem`; the CLI
prints each as one line on stderr and exits with status 1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One mistake a user can fix: ``file:line: message``."""

    file: str | None
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.file is None:
            return self.message
        if self.line is None:
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {"file": self.file, "line": self.line, "message": self.message}


class InputError(Exception):
    """Bad input from a user or a content file; never a bug in ottool."""

    def __init__(self, problems: Iterable[Problem] | str) -> None:
        if isinstance(problems, str):
            problems = [Problem(None, None, problems)]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def did_you_mean(word: str, known: Iterable[str], *, cutoff: float = 0.6) -> str:
    """`` (did you mean 'x'?)`` for the closest known word, or an empty string.

    Ids that share a pattern ('gm-4m-head-steady', 'gm-2m-head-up') look alike to
    difflib; their callers ask for a closer match (``cutoff=0.8``).
    """
    import difflib  # only when a word was mistyped: not at every start-up

    from ottool.core.i18n import _

    close = difflib.get_close_matches(str(word), list(known), n=1, cutoff=cutoff)
    return _(" (did you mean '{word}'?)").format(word=close[0]) if close else ""


def os_reason(exc: OSError) -> str:
    """What the operating system said, in lower case: 'permission denied'."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    return reason[:1].lower() + reason[1:]


def caused_by_ctrl_c(exc: BaseException) -> bool:
    """Whether Ctrl-C is behind ``exc``, even wrapped in another error.

    Python 3.11 wraps an exception raised in ``__set_name__`` (as while a module with a
    ``cached_property`` is being imported) in a RuntimeError.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, KeyboardInterrupt):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def shown(value: object, limit: int = 40) -> str:
    """``repr(value)`` cut to ``limit`` characters, for echoing a user's value in a message.

    A huge number is described, not printed (Python refuses to print past 4300 digits).
    """
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**limit:
        return "a number too large to show"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


#: A value without spaces longer than this (an id of 10,000 characters) is cut in a
#: message; the longest real ids, names and paths are far shorter.
_LONGEST_WORD = 200
#: What is kept of such a value: its beginning, then "…".
_KEPT = 40


def shortened(message: str) -> str:
    """``message`` with every huge value a user typed or a file held cut to its first
    40 characters and "…" (a closing quote or bracket kept): one readable sentence."""
    import re

    def cut(found: re.Match[str]) -> str:
        word = found.group()
        closing = re.search(r"['\"),;:.?!]*$", word)
        tail = closing.group() if closing else ""
        return f"{word[:_KEPT]}…{tail[-3:]}"

    return re.sub(rf"\S{{{_LONGEST_WORD + 1},}}", cut, message)
