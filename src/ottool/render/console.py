"""Rich consoles for ottool's terminal output (NO_COLOR is honoured by Rich itself)."""

from __future__ import annotations

from rich.console import Console
from rich.theme import Theme

THEME = Theme(
    {
        "on_track": "green",
        "emerging": "cyan",
        "incomplete": "yellow",
        "monitor": "cyan",
        "discuss": "bold yellow",
        "urgent": "bold red",
        "muted": "dim",
        "heading": "bold",
    }
)


def make_console(*, stderr: bool = False, width: int | None = None) -> Console:
    """A console for stdout (or stderr) with ottool's theme."""
    return Console(theme=THEME, stderr=stderr, width=width, highlight=False)
