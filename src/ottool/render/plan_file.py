"""A home plan document in any printable format: Markdown, HTML, PDF, JSON or plain text.

This module stays light: the PDF library and Jinja2 are imported only by the
renderer that needs them, so `ottool --help` and the terminal view stay fast.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ottool.core.printable import json_text
from ottool.documents.plan_document import PlanDocument
from ottool.render.registry import FORMATS as REGISTERED
from ottool.render.registry import PLAN_FORMATS, plan_format_for, render_plan
from ottool.storage.atomic_write import check_output, write_output

__all__ = ["FORMATS", "SUFFIXES", "format_from_suffix", "render_plan", "write_plan"]

if TYPE_CHECKING:
    from rich.console import Console

#: The plan formats a file can be written in (the registry's, "txt" for its text).
FORMATS = ("md", "html", "pdf", "json", "txt")

#: File name endings and the format each one means (from ``render.registry``).
SUFFIXES: dict[str, str] = {
    suffix: ("txt" if name == "text" else name)
    for name in PLAN_FORMATS
    for suffix in REGISTERED[name].suffixes
}

#: Plain-text plans are as wide as a classic terminal, so they print and paste cleanly.
TEXT_WIDTH = 80


def format_from_suffix(path: Path) -> str:
    """The format a file name asks for, from its ending (``plan.pdf`` → ``pdf``)."""
    name = plan_format_for(path)
    return "txt" if name == "text" else name


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


def write_plan(
    doc: PlanDocument,
    path: Path,
    *,
    fmt: str | None = None,
    paper: str = "a4",
    force: bool = False,
    notes: list[str] | None = None,
) -> None:
    """Write the plan to ``path``, in ``fmt`` or the format its name ends in.

    The file is private (readable by its owner only): it holds a child's details. An
    existing file is replaced only with ``force`` (``atomic_write.write_output``).
    """
    check_output(path, force=force)  # before the (slow) PDF is laid out
    data = render_plan(doc, fmt or format_from_suffix(path), paper=paper, notes=notes)
    write_output(path, data, private=True, force=force)
