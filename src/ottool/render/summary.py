"""The summary for the doctor as text, Markdown, one HTML page and JSON (PDF:
``render/summary_pdf.py``).

Everything from the document is escaped for its format: Markdown through
:func:`~ottool.render.markdown.escape_md`, HTML through Jinja2's autoescape, so a
parent's concern that looks like markup prints as the parent wrote it.
"""

from __future__ import annotations

from ottool.core.i18n import _
from ottool.core.printable import printable
from ottool.documents.summary_document import SummaryDocument, concerns_left_out
from ottool.render.markdown import escape_md

#: CSS `@page` sizes for the paper names ottool accepts.
PAGE_SIZES = {"a4": "A4", "letter": "letter"}
#: The latest concerns a printed HTML page keeps (the screen shows every one).
PRINTED_CONCERNS = 3


def summary_json(doc: SummaryDocument) -> str:
    """``ottool-summary/1``: the facts behind the page, the same in every language."""
    import msgspec

    from ottool.core.printable import json_text

    data = msgspec.to_builtins(doc.facts)
    data = {"format": data.pop("format"), **data}
    return json_text(data) + "\n"


def _quoted(text: str) -> str:
    return _("“{text}”").format(text=text)


def summary_text(doc: SummaryDocument) -> str:
    """The summary as plain text, for a terminal or a plain file."""
    words = doc.words
    out: list[str] = []
    if doc.clinic is not None:
        out += [doc.clinic.name, *([doc.clinic.contact_line()] if doc.clinic.contact else []), ""]
    out += [words.title, "=" * len(words.title), doc.made, ""]
    out += [f"{label} {value}" for label, value in doc.details]
    out += ["", words.over_time, "-" * len(words.over_time)]
    if doc.columns:
        first = max(len(r.name) for r in [*doc.rows]) + 2
        widths = [max(len(c.date), len(c.checklist)) + 2 for c in doc.columns]
        out.append(
            " " * first + "".join(c.date.ljust(w) for c, w in zip(doc.columns, widths, strict=True))
        )
        out.append(
            " " * first
            + "".join(c.checklist.ljust(w) for c, w in zip(doc.columns, widths, strict=True))
        )
        for r in doc.rows:
            marks = "".join(m.ljust(w) for m, w in zip(r.marks, widths, strict=True))
            out.append(r.name.ljust(first) + marks)
        out += ["", words.legend]
        if doc.columns_note:
            out.append(doc.columns_note)
    else:
        out.append(words.no_screenings)
    if doc.skills:
        out += ["", doc.skills_heading, "-" * len(doc.skills_heading)]
        for skill in doc.skills:
            parts = [f"{words.not_yet}: {'; '.join(skill.not_yet)}"] if skill.not_yet else []
            if skill.sometimes:
                parts.append(f"{words.sometimes}: {'; '.join(skill.sometimes)}")
            out.append(f"- {skill.area}: " + ". ".join(parts))
    out += ["", words.signs, "-" * len(words.signs)]
    out += [f"- {s.text} — {s.when} ({', '.join(s.dates)})" for s in doc.signs] or [words.none]
    out += ["", words.concerns, "-" * len(words.concerns)]
    out += [f"- {c.date}: {_quoted(c.text)}" for c in doc.concerns] or [words.none]
    out += ["", doc.plan_heading, "-" * len(doc.plan_heading)]
    out += [f"- {p.name}: {'; '.join(x for x in (p.dose, p.kept) if x)}" for p in doc.plan]
    if doc.practice_note:
        out.append(doc.practice_note)
    out += ["", f"{words.referrals}: {doc.referrals or words.no_referrals}"]
    out += [f"{words.next_check}: {doc.next_check}", "", doc.disclaimer]
    return printable("\n".join(line.rstrip() for line in out)) + "\n"


def summary_markdown(doc: SummaryDocument) -> str:
    md = escape_md
    words = doc.words
    out: list[str] = []
    if doc.clinic is not None:
        out += [f"**{md(doc.clinic.name)}**  ", md(doc.clinic.contact_line()), ""]
    out += [f"# {md(words.title)}", "", md(doc.made), ""]
    out += [f"**{md(label)}** {md(value)}  " for label, value in doc.details]
    out[-1] = out[-1].rstrip()
    out += ["", f"## {md(words.over_time)}", ""]
    if doc.columns:
        out.append(
            f"| {md(words.area)} | "
            + " | ".join(f"{md(c.date)} ({md(c.checklist)})" for c in doc.columns)
            + " |"
        )
        out.append("| --- |" + " :---: |" * len(doc.columns))
        for r in doc.rows:
            name = f"**{md(r.name)}**" if r.total else md(r.name)
            out.append(f"| {name} | " + " | ".join(md(m) for m in r.marks) + " |")
        out += ["", md(words.legend)]
        if doc.columns_note:
            out += ["", md(doc.columns_note)]
    else:
        out.append(md(words.no_screenings))
    if doc.skills:
        out += ["", f"## {md(doc.skills_heading)}", ""]
        for skill in doc.skills:
            parts = (
                [f"*{md(words.not_yet)}:* {md('; '.join(skill.not_yet))}"] if skill.not_yet else []
            )
            if skill.sometimes:
                parts.append(f"*{md(words.sometimes)}:* {md('; '.join(skill.sometimes))}")
            out.append(f"- **{md(skill.area)}**: " + ". ".join(parts))
    out += ["", f"## {md(words.signs)}", ""]
    out += [f"- {md(s.text)}: **{md(s.when)}** ({md(', '.join(s.dates))})" for s in doc.signs] or [
        md(words.none)
    ]
    out += ["", f"## {md(words.concerns)}", ""]
    out += [f"- {md(c.date)}: {md(_quoted(c.text))}" for c in doc.concerns] or [md(words.none)]
    out += ["", f"## {md(doc.plan_heading)}", ""]
    out += [f"- {md(p.name)}: {md('; '.join(x for x in (p.dose, p.kept) if x))}" for p in doc.plan]
    if doc.practice_note:
        out += ([""] if doc.plan else []) + [md(doc.practice_note)]
    out += ["", f"**{md(words.referrals)}:** {md(doc.referrals or words.no_referrals)}  "]
    out += [f"**{md(words.next_check)}:** {md(doc.next_check)}", "", "---", ""]
    out += [f"*{md(doc.disclaimer)}*", ""]
    return printable("\n".join(out))


def summary_html(doc: SummaryDocument, *, paper: str = "a4") -> str:
    """The summary as one self-contained, print-ready HTML page (no scripts)."""
    from ottool.render.html import css_string, page_counter, template

    logo = ""
    if doc.clinic is not None and doc.clinic.logo is not None:
        import base64

        data = base64.b64encode(doc.clinic.logo.data).decode("ascii")
        logo = f"data:{doc.clinic.logo.media_type};base64,{data}"
    html: str = template("summary.html.j2").render(
        doc=doc,
        words=doc.words,
        logo=logo,
        page_size=PAGE_SIZES.get(paper, "A4"),
        page_counter=page_counter(),
        css_string=css_string,
        quoted=_quoted,
        printed_concerns=PRINTED_CONCERNS,
        concerns_left_out=concerns_left_out,
    )
    return printable(html)
