"""A home plan as Markdown, for pasting into an email or a patient portal.

Every piece of text from the document (typed fields and content alike) goes
through :func:`escape_md`: a ``<img onerror>`` in an activity step, a ``|`` in a
table cell or an ESC in a name is shown as written, never obeyed.
"""

from __future__ import annotations

import re

from ottool.plan_document import ActivityCard, PlanDocument
from ottool.printable import printable

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
    out: list[str] = [f"# {md(doc.title)}", ""]
    details = [f"**Age:** {md(doc.age)}", f"**Checklist:** {doc.checklist_months} months"]
    details.append(f"**Date:** {md(doc.date)}")
    if doc.therapist:
        details.append(f"**Therapist:** {md(doc.therapist)}")
    out += [line + "  " for line in details[:-1]] + [details[-1], ""]

    if doc.overall:
        out += ["## Where things stand", "", f"**Next step: {md(doc.overall)}**", ""]
        if doc.overall_advice:
            out += [md(doc.overall_advice), ""]
        if doc.areas:
            out += ["| Area | Status |", "| --- | --- |"]
            out += [f"| {md(area.name)} | {md(area.status)} |" for area in doc.areas]
            out.append("")
    if doc.concerns:
        out += ["**Your note:** " + md(doc.concerns), ""]

    out += ["## Why these activities", "", md(doc.intro), ""]
    out += ["## Activities", ""]
    for number, card in enumerate(doc.activities, start=1):
        out += _card(number, card)

    out += _tracker(doc)

    if doc.when_to_call:
        out += ["## When to call your child's doctor", ""]
        for sign in doc.when_to_call:
            mark = "**Urgent:** " if sign.urgent else ""
            seen = " *(you noticed this)*" if sign.reported else ""
            if sign.urgent or sign.reported:
                out.append(f"- {mark}{md(sign.text)}{seen}  ")
                out.append(f"  {md(sign.advice)}")
            else:
                out.append(f"- {md(sign.text)}")
        out += ["", md(doc.call_advice), ""]
    if doc.notes:
        out += ["## Notes from your therapist", ""]
        out += [f"- {md(note)}" for note in doc.notes]
        out.append("")
    out += ["---", "", f"*{md(doc.disclaimer)}*", "", "**Sources**", ""]
    out += [f"- {md(source)}" for source in doc.sources]
    return "\n".join(out) + "\n"


def _card(number: int, card: ActivityCard) -> list[str]:
    md = escape_md
    out = [f"### {number}. {md(card.name)}", ""]
    if card.why:
        out += [f"*{md(card.why)}*", ""]
    out.append(f"**Why:** {md(card.reason)}  ")
    if card.practices:
        out.append(f"**Skills it practices:** {'; '.join(map(md, card.practices))}  ")
    out.append(f"**How much:** {md(card.dose)}  ")
    if card.routines:
        out.append(f"**Fits into:** {', '.join(map(md, card.routines))}  ")
    if card.materials:
        out.append(f"**You need:** {', '.join(map(md, card.materials))}  ")
    out[-1] = out[-1].rstrip()
    out += ["", "**Steps**", ""]
    out += [f"{i}. {md(step)}" for i, step in enumerate(card.steps, start=1)]
    out.append("")
    if card.safety:
        out += ["**Safety**", ""]
        out += [f"- ⚠ {md(note)}" for note in card.safety]
        out.append("")
    return out


def _tracker(doc: PlanDocument) -> list[str]:
    out = ["## Tracker", "", "Tick a box each day you do the activity.", ""]
    for week in range(1, doc.tracker_weeks + 1):
        out += [f"**Week {week}**", ""]
        out.append("| Activity | " + " | ".join(doc.tracker_days) + " |")
        out.append("| --- |" + " :---: |" * len(doc.tracker_days))
        for card in doc.activities:
            cells = " | ".join(TICK_BOX for _ in doc.tracker_days)
            out.append(f"| {escape_md(card.name)} | {cells} |")
        out.append("")
    return out
