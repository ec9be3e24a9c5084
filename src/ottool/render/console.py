"""Rich consoles for ottool's terminal output (NO_COLOR is honoured by Rich itself).

Every console here shows control characters instead of sending them to the
terminal (see :mod:`ottool.core.printable`), and never turns ``:name:`` into emoji.
Content and typed text must still enter Rich as :class:`~rich.text.Text` (or
escaped), never as markup: ``[/twin]`` in a name is text, not a closing tag.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import IO, Any

from rich.console import Console, ConsoleOptions, RenderableType
from rich.segment import Segment
from rich.text import Text

from ottool.core.printable import CONTROL, printable
from ottool.render.theme import THEME

#: The width used when the terminal reports none that can hold text (``COLUMNS=0``).
FALLBACK_WIDTH = 80


class SafeConsole(Console):
    """A Rich console that shows control characters in text (ESC → ␛) instead of obeying them."""

    def render_str(self, text: str, **kwargs: Any) -> Text:
        return _visible(super().render_str(text, **kwargs))

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        # Text is cleaned before layout so that wrapping counts the visible symbols; the
        # segments are checked again for anything a renderable produced on its own.
        if isinstance(renderable, Text):
            renderable = _visible(renderable)
        for segment in super().render(renderable, options):
            if segment.control is None and CONTROL.search(segment.text):
                yield Segment(printable(segment.text), segment.style)
            else:
                yield segment


def _visible(text: Text) -> Text:
    if CONTROL.search(text.plain) is None:
        return text
    clean = text.copy()
    clean.plain = printable(text.plain)  # one symbol per character: the styles stay put
    return clean


def make_console(*, stderr: bool = False, width: int | None = None) -> Console:
    """A console for stdout (or stderr) with ottool's theme."""
    console = SafeConsole(theme=THEME, stderr=stderr, width=width, highlight=False, emoji=False)
    if console.width < 1:  # COLUMNS=0: Rich would print nothing at all
        console.width = FALLBACK_WIDTH
    return console


def text_console(width: int, file: IO[str] | None = None) -> Console:
    """A console that records plain text (no colour) for writing to a file."""
    return SafeConsole(
        theme=THEME,
        width=width,
        file=file or io.StringIO(),
        record=True,
        color_system=None,
        force_terminal=False,
        highlight=False,
        emoji=False,
    )
