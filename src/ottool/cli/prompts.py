"""The questions' shape, shared by the questionnaire and `ottool log`'s tick list: their
style, their width (broken at spaces to the terminal), the yes/no question in the run's
language, a question whose Ctrl-C only skips it, and a length check for typed text.
Only :mod:`ottool.cli.interview` and the commands' own prompts ask them."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from typing import Any

import questionary
from prompt_toolkit.styles import Style

from ottool.core.i18n import _
from ottool.core.limits import too_long

#: Questions are at most this wide, and broken at least this wide even on a tiny screen.
MAX_PROMPT_WIDTH = 100
MIN_PROMPT_WIDTH = 30
STYLE = Style([("qmark", "fg:ansicyan"), ("question", "bold"), ("answer", "fg:ansicyan")])


def fit(text: str, width: int | None = None, *, indent: int = 2, reserve: int = 0) -> str:
    """``text`` broken at spaces to fit ``width`` columns (default: the terminal's).

    prompt_toolkit cuts a long question at the screen's edge, mid-word; broken here, a
    question reads as a paragraph at any width. ``indent`` is the room questionary's
    "? " takes (continuation lines are indented as much). ``reserve`` is the room what
    follows the question on its last line needs ("(Y/n)", a default, the answer): when
    the last line cannot hold it, the question ends with a line break, so that it starts
    a line of its own instead of being cut. Words are never split, nor file names at
    their hyphens.
    """
    columns = width if width is not None else shutil.get_terminal_size((80, 24)).columns
    room = max(MIN_PROMPT_WIDTH, min(columns, MAX_PROMPT_WIDTH) - indent - 1)
    wrap = textwrap.TextWrapper(room, break_long_words=False, break_on_hyphens=False)
    lines = wrap.wrap(text) or [text]
    if reserve and len(lines[-1]) + 1 + reserve > room:
        lines.append("")
    return ("\n" + " " * indent).join(lines)


def confirm(message: str, *, default: bool, **prompt: Any) -> Any:
    """A yes/no question in the run's language: y and n, as questionary reads them, and
    the language's own first letter of "yes" (s for "sí"), which is what a reader presses.

    The question is broken to the terminal's width (:func:`fit`)."""
    from questionary.prompts import confirm as module

    # questionary writes its hint and the echoed answer in English; these are the words.
    words = {"YES": _("Yes"), "NO": _("No"), "YES_OR_NO": _("(Y/n)"), "NO_OR_YES": _("(y/N)")}
    for name, said in words.items():
        setattr(module, name, said)
    message = fit(message, reserve=len(_("(Y/n)")))
    # The answer waits for Enter: a "n" that answered at once left the Enter a parent
    # types after it to the next question, which took its first choice unasked.
    question = questionary.confirm(
        message, default=default, style=STYLE, auto_enter=False, **prompt
    )
    # Translators: the one key, besides y, that answers "yes" to a yes/no question.
    yes_key = _("y").lower()
    if yes_key != "y":
        from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings

        app = question.application
        own = app.key_bindings
        assert own is not None  # questionary's confirm always brings its y and n keys
        answer_yes = next(b.handler for b in own.bindings if b.keys == ("y",))
        extra = KeyBindings()
        extra.add(yes_key)(answer_yes)
        extra.add(yes_key.upper())(answer_yes)
        app.key_bindings = merge_key_bindings([own, extra])
    return question


def plain_ask(question: Any) -> Any:
    """Ask after the results: Ctrl-C here just skips the offer (nothing is lost)."""
    try:
        return question.unsafe_ask()
    except (KeyboardInterrupt, EOFError):
        return None


def within(limit: int) -> Callable[[str], bool | str]:
    """A questionary check that typed text is at most ``limit`` characters."""

    def check(text: str) -> bool | str:
        text = text.strip()
        return not too_long(text, limit) or _(
            "Please keep it to {limit} characters or fewer."
        ).format(limit=limit)

    return check
