"""The summary for the doctor as Markdown and as one self-contained HTML page.

Both escape everything from the document (names, concerns, content text): Markdown
through :func:`~ottool.render.markdown.escape_md`, HTML through Jinja's autoescape.
"""

from __future__ import annotations

from ottool.i18n import _, language
from ottool.printable import printable
from ottool.render.html import PAGE_SIZES, _template, page_counter
from ottool.render.markdown import escape_md
from ottool.summary_document import SummaryDocument
from ottool.wording import STATUS_LABELS

#: A status in a table cell: its symbol ("–" when the area was not in that screening).
NOT_CHECKED = "–"


def status_symbol(status: str | None) -> str:
    if status is None:
        return NOT_CHECKED
    return STATUS_LABELS[status][0] if status in STATUS_LABELS else status


def overall_symbol(overall: str | None) -> str:
    from ottool.wording import OVERALL_SHORT

    return OVERALL_SHORT[overall][0] if overall in OVERALL_SHORT else "?"


def summary_markdown(doc: SummaryDocument) -> str:
    md = escape_md
    words = doc.labels
    out = [f"# {md(words.title)}", ""]
    out.append(" · ".join(f"**{md(label)}** {md(value)}" for label, value in doc.facts))
    out += ["", f"## {md(words.areas)}", ""]
    if doc.columns:
        out.append("| | " + " | ".join(md(c) for c in doc.columns) + " |")
        out.append("|---|" + "---|" * len(doc.columns))
        for row in doc.areas:
            cells = " | ".join(status_symbol(s) for s in row.statuses)
            out.append(f"| {md(row.name)} | {cells} |")
        overall = " | ".join(md(overall_symbol(o)) for o in doc.overall)
        out.append(f"| **{md(words.overall)}** | {overall} |")
        out += ["", md(words.legend)]
        if doc.columns_note:
            out += ["", md(doc.columns_note)]
    else:
        out.append(md(words.none))
    sections = [
        (words.signs, [f"{d}: {t} ({a})" for d, t, a in doc.signs]),
        (words.concerns, [f"{d}: “{t}”" for d, t in doc.concerns]),
        (words.practice, [f"{n}: {k}" for n, k in doc.practice]),
        (words.now_yes, list(doc.now_yes)),
        (words.referrals, list(doc.referrals)),
        (words.next_check, [doc.next_check] if doc.next_check else []),
    ]
    for heading, lines in sections:
        out += ["", f"## {md(heading)}", ""]
        out += [f"- {md(line)}" for line in lines] or [md(words.none)]
    out += ["", "---", "", f"*{md(doc.disclaimer)}*", ""]
    return printable("\n".join(out))


def summary_html(doc: SummaryDocument, *, paper: str = "a4") -> str:
    html: str = _template("summary.html.j2").render(
        doc=doc,
        words=doc.labels,
        page_size=PAGE_SIZES.get(paper, "A4"),
        footer=f"{doc.labels.title} · {doc.date_shown}",
        page_counter=page_counter(),
        status_symbol=status_symbol,
        overall_symbol=overall_symbol,
        lang=language(),
        quote=_("“{text}”"),
    )
    return printable(html)
