"""A home plan as Markdown, for pasting into an email or a patient portal.

Every piece of text from the document (typed fields and content alike) goes
through :func:`escape_md`: a ``<img onerror>`` in an activity step, a ``|`` in a
table cell or an ESC in a name is shown as written, never obeyed.
"""

from __future__ import annotations

import re

from ottool.core.printable import printable
from ottool.documents.plan_document import ActivityCard, PlanDocument
from ottool.documents.wording import Labels, week_label

#: Characters that start Markdown markup anywhere in a line (emphasis, code, links, HTML).
_INLINE = re.compile(r"([\\`*_\[\]<>|])")
#: Markup that only counts at the start of a line: headings, quotes, lists.
_LINE_START = re.compile(r"^(\s*)([#>+\-]|\d+[.)])(?=\s|$)")

TICK_BOX = "☐"


def escape_md(text: str) -> str:
    """Text as literal Markdown on one line: escape only the characters that would format it."""
    lines = []
    for line in printable(text).splitlines() or [""]:
        line = _INLINE.sub(r"\\\1", line)
        line = _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), line)
        lines.append(line)
    return " ".join(line.strip() for line in lines if line.strip())


def _escape_marker(marker: str) -> str:
    if marker[-1] in ".)":
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def plan_markdown(doc: PlanDocument) -> str:
    """The whole plan: header, activities, tracker, when to call, notes, disclaimer."""
    md = escape_md
    words = doc.labels
    out: list[str] = [f"# {md(doc.title)}", ""]
    details = [
        f"**{md(words.age)}** {md(doc.age)}",
        f"**{md(words.checklist)}** {md(doc.checklist)}",
    ]
    details.append(f"**{md(words.date)}** {md(doc.date_shown)}")
    if doc.therapist:
        details.append(f"**{md(words.therapist)}** {md(doc.therapist)}")
    out += [line + "  " for line in details[:-1]] + [details[-1], ""]

    if doc.next_step:
        step = doc.next_step
        out += [f"## {md(words.where_things_stand)}", ""]
        out += [f"**{md(words.next_step)} {md(step.label)}**", "", md(step.advice), ""]
        if step.next_check:
            out += [f"**{md(step.next_check)}**", ""]
        if doc.areas:
            out += [f"| {md(words.area)} | {md(words.status)} |", "| --- | --- |"]
            out += [f"| {md(area.name)} | {md(area.status)} |" for area in doc.areas]
            out.append("")
    if doc.concerns:
        out += [f"**{md(words.your_note)}** " + md(doc.concerns), ""]

    out += [f"## {md(words.why_these)}", "", md(doc.intro), ""]
    out += [f"## {md(words.activities)}", ""]
    for number, card in enumerate(doc.activities, start=1):
        out += _card(number, card, words)

    out += _tracker(doc)

    if doc.when_to_call:
        out += [f"## {md(words.when_to_call)}", ""]
        for sign in doc.when_to_call:
            mark = f"**{md(words.urgent)}** " if sign.urgent else ""
            seen = f" *{md(words.you_noticed)}*" if sign.reported else ""
            if sign.own_advice:
                out.append(f"- {mark}{md(sign.text)}{seen}  ")
                out.append(f"  {md(sign.advice)}")
            else:
                out.append(f"- {md(sign.text)}")
        out += ["", md(doc.call_advice), ""]
    if doc.notes:
        out += [f"## {md(words.notes)}", ""]
        out += [f"- {md(note)}" for note in doc.notes]
        out.append("")
    out += ["---", "", f"*{md(doc.disclaimer)}*", "", f"**{md(words.sources)}**", ""]
    out += [f"- {md(source)}" for source in doc.sources]
    return "\n".join(out) + "\n"


def _card(number: int, card: ActivityCard, words: Labels) -> list[str]:
    md = escape_md
    out = [f"### {number}. {md(card.name)}", ""]
    if card.why:
        out += [f"*{md(card.why)}*", ""]
    if card.reason:
        out.append(f"**{md(words.why)}** {md(card.reason)}  ")
    if card.practices:
        out.append(f"**{md(words.skills)}** {'; '.join(map(md, card.practices))}  ")
    out.append(f"**{md(words.how_much)}** {md(card.dose)}  ")
    if card.routines:
        out.append(f"**{md(words.fits_into)}** {', '.join(map(md, card.routines))}  ")
    if card.materials:
        out.append(f"**{md(words.you_need)}** {', '.join(map(md, card.materials))}  ")
    out[-1] = out[-1].rstrip()
    out += ["", f"**{md(words.steps)}**", ""]
    out += [f"{i}. {md(step)}" for i, step in enumerate(card.steps, start=1)]
    out.append("")
    if card.safety:
        out += [f"**{md(words.safety)}**", ""]
        out += [f"- ⚠ {md(note)}" for note in card.safety]
        out.append("")
    return out


def _tracker(doc: PlanDocument) -> list[str]:
    words = doc.labels
    out = [f"## {escape_md(words.tracker)}", "", escape_md(doc.tracker_note), ""]
    for week in range(1, doc.tracker_weeks + 1):
        out += [f"**{escape_md(week_label(week))}**", ""]
        out.append(f"| {escape_md(words.activity)} | " + " | ".join(doc.tracker_days) + " |")
        out.append("| --- |" + " :---: |" * len(doc.tracker_days))
        for card in doc.activities:
            cells = " | ".join(TICK_BOX for _ in doc.tracker_days)
            out.append(f"| {escape_md(card.name)} | {cells} |")
        out.append("")
    return out
