"""The terminal's colours: one style per status and overall step, and for headings.

Colour only repeats what words and symbols already say (✓ on track, ◐ coming
along, ! worth talking about), so NO_COLOR output loses nothing.
"""

from __future__ import annotations

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
