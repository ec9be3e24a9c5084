"""A blank checklist as Markdown, HTML or an answer-file template (PDF: checklist_pdf).

Every text from the document is escaped for its format (Markdown's markup characters,
HTML by Jinja2's autoescape); the answer-file template puts content text only in YAML
comments, so no question can change what the file means.
"""

from __future__ import annotations

import base64

from ottool.core.i18n import _
from ottool.core.printable import printable
from ottool.documents.checklist_document import ChecklistDocument
from ottool.render.markdown import TICK_BOX, escape_md

#: CSS `@page` sizes for the paper names ottool accepts.
PAGE_SIZES = {"a4": "A4", "letter": "letter"}
#: Lines to write on: a name, a date, the worries.
BLANK = "_" * 24


def render_checklist(
    doc: ChecklistDocument, fmt: str, *, paper: str = "a4", notes: list[str] | None = None
) -> str | bytes:
    """The checklist in ``fmt`` (one of the registry's ``CHECKLIST_FORMATS``): PDF is
    bytes, the rest text. What the user should know about the file (letters the PDF
    cannot print) goes to ``notes``."""
    if fmt == "pdf":
        from ottool.render.checklist_pdf import checklist_pdf

        return checklist_pdf(doc, paper=paper, notes=notes)
    if fmt == "html":
        return checklist_html(doc, paper=paper)
    if fmt == "yaml":
        return answer_template(doc)
    return checklist_markdown(doc)


def checklist_markdown(doc: ChecklistDocument) -> str:
    md = escape_md
    words = doc.words
    out: list[str] = []
    if doc.clinic is not None:
        out += [f"**{md(doc.clinic.name)}**  ", md(doc.clinic.contact_line()), ""]
    out += [f"# {md(doc.title)}", "", f"{md(doc.ages)} {md(doc.early)}", ""]
    fill = (words.child_name, words.birth_date, words.born_early, words.date_filled)
    out += [f"{md(label)}: {BLANK}  " for label in fill]
    out[-1] = out[-1].rstrip()
    out += ["", f"## {md(words.questions)}", "", md(words.tick_one), ""]
    head = " | ".join(md(label) for _, label in doc.answers)
    for area in doc.areas:
        out += [f"**{md(area.name)}**", ""]
        out += [f"| {md(words.question)} | {head} |", "| --- |" + " :---: |" * len(doc.answers)]
        boxes = " | ".join(TICK_BOX for _ in doc.answers)
        out += [f"| {md(q.text)} | {boxes} |" for q in area.questions]
        out.append("")
    if doc.signs:
        out += [f"## {md(words.signs)}", "", md(words.tick_signs), ""]
        for sign in doc.signs:
            urgent = f"**{md(words.urgent)}** " if sign.urgent else ""
            out.append(f"- {TICK_BOX} {urgent}{md(sign.text)}")
        out += ["", md(doc.call_advice), ""]
    out += [f"## {md(words.concerns)}", "", md(words.concerns_hint), ""]
    out += [BLANK * 3 + "  " for _ in range(3)] + [BLANK * 3, ""]
    out += ["---", "", f"**{md(words.bring_it)}**", "", f"*{md(doc.disclaimer)}*", ""]
    out += [md(source) for source in doc.sources]
    return "\n".join(out) + "\n"


def checklist_html(doc: ChecklistDocument, *, paper: str = "a4") -> str:
    """The checklist as one self-contained, print-ready HTML page (no scripts)."""
    from ottool.render.html import css_string, page_counter, template

    logo = None
    if doc.clinic is not None and doc.clinic.logo is not None:
        data = base64.b64encode(doc.clinic.logo.data).decode("ascii")
        logo = f"data:{doc.clinic.logo.media_type};base64,{data}"
    footer = " · ".join(
        [doc.title, *([doc.clinic.footer_line()] if doc.clinic is not None else [])]
    )
    html: str = template("checklist.html.j2").render(
        doc=doc,
        words=doc.words,
        logo=logo,
        page_size=PAGE_SIZES.get(paper, "A4"),
        footer=footer,
        page_counter=page_counter(),
        css_string=css_string,
    )
    return printable(html)


def answer_template(doc: ChecklistDocument) -> str:
    """An answer file to fill in (docs/design.md §4): every milestone id, its question as
    a comment in the run's language, the warning signs (``no`` until noticed), the child,
    the date and the concerns; ``ottool screen --answers FILE`` reads it as it is."""
    from ottool.storage.answerfile import answer_words_in, sign_words_in

    answers = ", ".join(words[0] for words in answer_words_in(doc.lang).values())
    seen, not_seen = sign_words_in(doc.lang)[True][0], sign_words_in(doc.lang)[False][0]

    def comment(text: str) -> str:
        return "# " + " ".join(printable(text).split())

    out = [
        comment(doc.title),
        comment(
            _(
                "Fill in the child's details, answer each question after its id with one of: "
                "{answers} (an empty answer counts as not sure), then run: "
                "ottool screen --answers FILE"
            ).format(answers=answers)
        ),
        "child:",
        "  name:  " + comment(_("optional")),
        f"  birth_date: {doc.born or ''} " + comment(_("year-month-day, for example 2025-12-01")),
        f"  gestational_weeks: {doc.weeks or 40}  "
        + comment(_("weeks of pregnancy at birth, if born early")),
        "date:  " + comment(_("the day you answer (empty: today), year-month-day")),
        "answers:",
    ]
    for area in doc.areas:
        out.append("  " + comment(f"— {area.name} —"))
        for q in area.questions:
            out += ["  " + comment(q.text), f"  {q.id}:"]
    if doc.signs:
        out += [
            "warning_signs:",
            "  "
            + comment(
                _("Change '{no}' to '{yes}' for any you have noticed.").format(
                    no=not_seen, yes=seen
                )
            ),
        ]
        for sign in doc.signs:
            out += ["  " + comment(sign.text), f"  {sign.id}: {not_seen}"]
    out += [
        comment(doc.words.concerns_hint),
        'concerns: ""',
    ]
    return "\n".join(out) + "\n"
