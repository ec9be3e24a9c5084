"""A home plan as one self-contained HTML page: inline CSS, no scripts, print-ready."""

from __future__ import annotations

import functools
import re
from importlib.resources import files
from typing import Any

from ottool.core.i18n import _, language
from ottool.core.printable import printable
from ottool.documents.plan_document import PlanDocument
from ottool.documents.wording import PAGE_OF, week_label

#: CSS `@page` sizes for the paper names ottool accepts.
PAGE_SIZES = {"a4": "A4", "letter": "letter"}


def plan_html(doc: PlanDocument, *, paper: str = "a4") -> str:
    """The plan as HTML; everything from the document is escaped (autoescape is on).

    Control characters are shown as symbols, so the file is safe to `cat` as well.
    """
    html: str = template("plan.html.j2").render(
        doc=doc,
        page_size=PAGE_SIZES.get(paper, "A4"),
        footer=f"{doc.title} · {doc.date_shown}",
        page_counter=page_counter(),
        words=doc.labels,
        week_label=week_label,
        lang=language(),
        logo_src=logo_source(doc),
    )
    return printable(html)


def logo_source(doc: PlanDocument) -> str:
    """The clinic's logo as a ``data:`` address, so the page stays one file ('' if none).

    An SVG shown through ``<img>`` runs no scripts and loads nothing.
    """
    logo = doc.clinic.logo if doc.clinic else None
    if logo is None:
        return ""
    import base64

    return f"data:{logo.media_type};base64,{base64.b64encode(logo.data).decode('ascii')}"


@functools.cache
def template(name: str) -> Any:
    """The Jinja2 template ``templates/<name>`` (the plan, the summary, the checklist):
    every value escaped, an undefined name an error, and the ``css_string`` filter."""
    import jinja2

    env = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["css_string"] = css_string
    source = files("ottool.render").joinpath("templates", name).read_text("utf-8")
    return env.from_string(source)


def page_counter() -> Any:
    """CSS ``content`` for 'Page 1 of 2' in the language's words, with the page counters."""
    import markupsafe

    counters = {"{number}": "counter(page)", "{total}": "counter(pages)"}
    parts = re.split(r"(\{number\}|\{total\})", _(PAGE_OF))
    css = [counters.get(p) or f'"{css_string(p)}"' for p in parts if p]
    return markupsafe.Markup(" ".join(css))


def css_string(text: str) -> Any:
    """``text`` for inside a double-quoted CSS string in a <style> element.

    Every character but letters, digits and spaces becomes a CSS escape, so no
    quote, backslash or ``</style>`` can end the string or the element.
    """
    import markupsafe

    # The space after each escape ends it (CSS swallows it), so spaces that follow stay.
    safe = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):06x} " for c in text)
    return markupsafe.Markup(safe)
