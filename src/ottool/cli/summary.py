"""`ottool summary`: one page for the child's doctor (pdf, html, md or json)."""

from __future__ import annotations

import datetime as dt
import enum
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ottool.cli.child_options import BornOption, ChildOption, chosen_child
from ottool.cli.common import DataDir, Lang, fail, refuse_to_replace, shown, user_errors
from ottool.i18n import _

if TYPE_CHECKING:
    from ottool.content import Content
    from ottool.history.record import ChildRecord


class SummaryFormat(enum.StrEnum):
    pdf = "pdf"
    html = "html"
    md = "md"
    json = "json"


class Paper(enum.StrEnum):
    a4 = "a4"
    letter = "letter"


def summary(
    child: ChildOption = None,
    born: BornOption = None,
    fmt: Annotated[
        SummaryFormat, typer.Option("--format", help=_("pdf, html, md or json."))
    ] = SummaryFormat.md,
    output: Annotated[
        Path | None,
        typer.Option("--output", metavar="FILE", help=_("Write the summary here (private).")),
    ] = None,
    paper: Annotated[
        Paper, typer.Option("--paper", help=_("Paper size for PDF and HTML: a4 or letter."))
    ] = Paper.a4,
    force: Annotated[
        bool, typer.Option("--force", help=_("Replace the --output file if it exists."))
    ] = False,
    data_dir: DataDir = None,
    lang: Lang = None,
) -> None:
    from ottool.atomic_write import is_stdout, write_output
    from ottool.history.record import child_record

    output = None if output is None or is_stdout(output) else output
    refuse_to_replace(output, force)
    who = chosen_child(child, born)
    content = _content(data_dir)
    with user_errors():
        record = child_record(who, dt.date.today())
        data: str | bytes = render_summary(record, content, fmt.value, paper.value)
    if output is None:
        if fmt is SummaryFormat.pdf and sys.stdout.isatty():
            fail(_("a PDF cannot be shown in the terminal; add --output summary.pdf"))
        write_output(Path("-"), data)
        return
    with user_errors():
        write_output(output, data, private=True, force=force)
    typer.echo(_("Summary written to {file}.").format(file=shown(output)), err=True)


def render_summary(record: ChildRecord, content: Content | None, fmt: str, paper: str) -> Any:
    """The summary of ``record`` in ``fmt``: text, or bytes for pdf."""
    from ottool.summary_document import build_summary_document, summary_data

    data = summary_data(record, content, coming_check(record, content))
    if fmt == "json":
        import msgspec

        from ottool.printable import json_text

        return json_text(msgspec.to_builtins(data))
    doc = build_summary_document(data, content)
    if fmt == "pdf":
        from ottool.render.summary_pdf import summary_pdf

        return summary_pdf(doc, paper=paper)
    from ottool.render.summary_text import summary_html, summary_markdown

    return summary_html(doc, paper=paper) if fmt == "html" else summary_markdown(doc)


def coming_check(record: ChildRecord, content: Content | None) -> Any | None:
    """The next check after the child's latest screening, or None when it cannot be told."""
    from ottool.history.coming import coming_checks_after

    if content is None or not record.screenings:
        return None
    checks = coming_checks_after(record.screenings[-1].result, content, record.today)
    return checks[0] if checks else None


def _content(data_dir: Path | None) -> Content | None:
    """The content for names; None (ids are shown) when it cannot be read."""
    from ottool.content import load_content
    from ottool.errors import InputError
    from ottool.i18n import language

    try:
        return load_content(data_dir, lang=language())
    except InputError:
        return None
