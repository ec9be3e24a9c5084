"""A home plan document as JSON or plain text (the registry of output formats,
``render.registry``, names the renderer of each format).

This module stays light: the PDF library and Jinja2 are imported only by the
renderer that needs them, so `ottool --help` and the terminal view stay fast.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ottool.core.printable import json_text
from ottool.documents.plan_document import PlanDocument
from ottool.render.registry import render_plan

__all__ = ["as_plain_text", "plan_json", "plan_text", "render_plan"]

if TYPE_CHECKING:
    from rich.console import Console

#: Plain-text plans are as wide as a classic terminal, so they print and paste cleanly.
TEXT_WIDTH = 80


def plan_json(doc: PlanDocument) -> str:
    """The plan document as JSON (every decision made, for other programs)."""
    return json_text(doc.as_data()) + "\n"


def plan_text(doc: PlanDocument) -> str:
    """The terminal view as plain text: no colour, 80 columns."""
    from ottool.render.terminal import print_plan

    return as_plain_text(lambda console: print_plan(doc, console))


def as_plain_text(draw: Callable[[Console], object]) -> str:
    """What ``draw`` prints on a terminal, as plain text: no colour, 80 columns."""
    from ottool.render.console import text_console

    console = text_console(TEXT_WIDTH)
    draw(console)
    text = console.export_text(styles=False)
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines()) + "\n"
