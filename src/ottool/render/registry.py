"""One registry of output formats: each format's name, file endings, whether it is text or
bytes, and the renderer that lays a home plan out in it.

Every ``--format`` choice and every output file name is read against this table: a
command offers the formats of its kind (``PLAN_FORMATS``, ``RESULT_FORMATS``, ...), and
a file's ending names its format (``format_for``). Renderers are named here by module
and function and imported only when used, so `ottool --help` stays fast. The one
writer of every output is ``storage.atomic_write.write_output``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ottool.core.errors import InputError
from ottool.core.vocabulary import FORMAT_ALIASES, FormatName

if TYPE_CHECKING:
    from ottool.documents.plan_document import PlanDocument
    from ottool.documents.summary_document import SummaryDocument


@dataclass(frozen=True)
class OutputFormat:
    """One output format."""

    name: FormatName
    #: File name endings that mean this format (lower case), the first the usual one.
    suffixes: tuple[str, ...]
    #: True when the renderer returns bytes (a PDF), False for text.
    binary: bool = False
    #: ``module:function`` laying a plan document out in this format, or None.
    plan_renderer: str | None = None


FORMATS: dict[FormatName, OutputFormat] = {
    f.name: f
    for f in (
        OutputFormat("text", (".txt",), plan_renderer="ottool.render.plan_file:plan_text"),
        OutputFormat(
            "md", (".md", ".markdown"), plan_renderer="ottool.render.markdown:plan_markdown"
        ),
        OutputFormat("html", (".html", ".htm"), plan_renderer="ottool.render.html:plan_html"),
        OutputFormat("pdf", (".pdf",), binary=True, plan_renderer="ottool.render.pdf:plan_pdf"),
        OutputFormat("json", (".json",), plan_renderer="ottool.render.plan_file:plan_json"),
        OutputFormat("jsonl", (".jsonl", ".ndjson")),
        OutputFormat("fhir", (".json", ".ndjson")),
        OutputFormat("yaml", (".yaml", ".yml")),
    )
}

#: What each kind of output can be written as, in the order help texts list them.
#: Every command's ``--format`` choices are one of these (tests/test_session.py).
#: A plan document's layouts (the renderers above).
PLAN_FORMATS: tuple[FormatName, ...] = ("text", "md", "html", "pdf", "json")
#: `plan --format`: a layout, or yaml (the plan file a therapist edits and prints again).
PLAN_COMMAND_FORMATS: tuple[FormatName, ...] = (*PLAN_FORMATS, "yaml")
#: `checklist`: a checklist to print, or yaml (an answer file to fill in).
CHECKLIST_FORMATS: tuple[FormatName, ...] = ("pdf", "html", "md", "yaml")
#: `screen`: the result for people, `ottool-result/1`, or a FHIR Bundle.
RESULT_FORMATS: tuple[FormatName, ...] = ("text", "json", "fhir")
#: Lists and reports (history, milestones, activities, validate).
LIST_FORMATS: tuple[FormatName, ...] = ("text", "json")
#: `history export`.
EXPORT_FORMATS: tuple[FormatName, ...] = ("jsonl", "fhir")


def format_named(name: str) -> FormatName | None:
    """The format a word names (``terminal`` and ``txt`` are ``text``); None if none."""
    word = name.strip().lower()
    if word in FORMAT_ALIASES:
        return FORMAT_ALIASES[word]
    return next((f for f in FORMATS if f == word), None)


def format_for(path: Path, kinds: Iterable[FormatName] = PLAN_FORMATS) -> FormatName:
    """The format a file name asks for among ``kinds``, from its ending (``plan.pdf`` →
    ``pdf``); InputError naming the endings allowed when it asks for none of them."""
    allowed = [f for f in kinds]
    suffix = path.suffix.lower()
    for name in allowed:
        if suffix in FORMATS[name].suffixes:
            return name
    from ottool.core.i18n import _
    from ottool.core.printable import printable

    endings = ", ".join(s for name in allowed for s in FORMATS[name].suffixes)
    message = _(
        "cannot tell which format to write {file} in: its name should end in one of {allowed}"
    )
    raise InputError(message.format(file=printable(str(path)), allowed=endings))


def plan_format_for(path: Path) -> FormatName:
    """The plan format a file name asks for (``format_for`` among ``PLAN_FORMATS``)."""
    return format_for(path, PLAN_FORMATS)


def suffix_format(path: Path, kinds: Iterable[FormatName] = PLAN_FORMATS) -> FormatName | None:
    """The format ``path``'s ending names among ``kinds``, or None when it names none."""
    suffix = path.suffix.lower()
    return next((f for f in kinds if suffix in FORMATS[f].suffixes), None)


def render_plan(
    doc: PlanDocument, fmt: str, *, paper: str = "a4", notes: list[str] | None = None
) -> str | bytes:
    """The plan laid out in ``fmt`` (a name or alias of ``PLAN_FORMATS``); bytes when the
    format is binary. What the reader should know (letters a PDF cannot show) is
    appended to ``notes``."""
    name = format_named(fmt)
    if name is None or name not in PLAN_FORMATS:
        raise InputError(f"unknown plan format '{fmt}': use one of {', '.join(PLAN_FORMATS)}")
    target = FORMATS[name].plan_renderer
    assert target is not None  # every plan format names its renderer
    module, function = target.split(":")
    renderer: Any = getattr(importlib.import_module(module), function)
    if name == "pdf":
        return bytes(renderer(doc, paper=paper, notes=notes))
    if name == "html":
        return str(renderer(doc, paper=paper))
    return str(renderer(doc))


#: `summary`: the one page for the doctor (``render/summary.py``, ``render/summary_pdf.py``).
SUMMARY_FORMATS: tuple[FormatName, ...] = ("text", "md", "html", "pdf", "json")
SUMMARY_RENDERERS: dict[FormatName, str] = {
    "text": "ottool.render.summary:summary_text",
    "md": "ottool.render.summary:summary_markdown",
    "html": "ottool.render.summary:summary_html",
    "pdf": "ottool.render.summary_pdf:summary_pdf",
    "json": "ottool.render.summary:summary_json",
}


def render_summary(
    doc: SummaryDocument, fmt: str, *, paper: str = "a4", notes: list[str] | None = None
) -> str | bytes:
    """The summary for the doctor laid out in ``fmt`` (a name or alias of
    ``SUMMARY_FORMATS``); bytes for PDF. Letters a PDF cannot show are said in ``notes``."""
    name = format_named(fmt)
    if name is None or name not in SUMMARY_FORMATS:
        raise InputError(f"unknown summary format '{fmt}': use one of {', '.join(SUMMARY_FORMATS)}")
    module, function = SUMMARY_RENDERERS[name].split(":")
    renderer: Any = getattr(importlib.import_module(module), function)
    if name == "pdf":
        return bytes(renderer(doc, paper=paper, notes=notes))
    if name == "html":
        return str(renderer(doc, paper=paper))
    return str(renderer(doc))
