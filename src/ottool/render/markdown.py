"""A home plan as Markdown, for pasting into an email or a patient portal."""

from __future__ import annotations

import re

from ottool.plandoc import ActivityCard, PlanDocument

#: Characters that start Markdown markup anywhere in a line (emphasis, code, links, HTML).
_INLINE = re.compile(r"([\\`*_\[\]<>|])")
#: Markup that only counts at the start of a line: headings, quotes, lists.
_LINE_START = re.compile(r"^(\s*)([#>+\-]|\d+[.)])(?=\s|$)")

TICK_BOX = "☐"


def escape_md(text: str) -> str:
    """User-typed text as literal Markdown: escape only the characters that would format it."""
    lines = []
    for line in text.splitlines() or [""]:
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
    out: list[str] = [f"# {escape_md(doc.title)}", ""]
    details = [f"**Age:** {doc.age}", f"**Checklist:** {doc.checklist_months} months"]
    details.append(f"**Date:** {doc.date}")
    if doc.therapist:
        details.append(f"**Therapist:** {escape_md(doc.therapist)}")
    out += [line + "  " for line in details[:-1]] + [details[-1], ""]

    if doc.overall:
        out += ["## Where things stand", "", f"**Next step: {doc.overall}**", ""]
        if doc.overall_advice:
            out += [doc.overall_advice, ""]
        if doc.areas:
            out += ["| Area | Status |", "| --- | --- |"]
            out += [f"| {area.name} | {area.status} |" for area in doc.areas]
            out.append("")
    if doc.concerns:
        out += ["**Your note:** " + escape_md(doc.concerns), ""]

    out += ["## Why these activities", "", doc.intro, ""]
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
                out.append(f"- {mark}{sign.text}{seen}  ")
                out.append(f"  {sign.advice}")
            else:
                out.append(f"- {sign.text}")
        out += ["", doc.call_advice, ""]
    if doc.notes:
        out += ["## Notes from your therapist", ""]
        out += [f"- {escape_md(note)}" for note in doc.notes]
        out.append("")
    out += ["---", "", f"*{doc.disclaimer}*", "", "**Sources**", ""]
    out += [f"- {source}" for source in doc.sources]
    return "\n".join(out) + "\n"


def _card(number: int, card: ActivityCard) -> list[str]:
    out = [f"### {number}. {card.name}", ""]
    if card.why:
        out += [f"*{card.why}*", ""]
    out.append(f"**Why:** {card.reason}  ")
    if card.practices:
        out.append(f"**Skills it practices:** {'; '.join(card.practices)}  ")
    out.append(f"**How much:** {card.dose}  ")
    if card.routines:
        out.append(f"**Fits into:** {', '.join(card.routines)}  ")
    if card.materials:
        out.append(f"**You need:** {', '.join(card.materials)}  ")
    out[-1] = out[-1].rstrip()
    out += ["", "**Steps**", ""]
    out += [f"{i}. {step}" for i, step in enumerate(card.steps, start=1)]
    out.append("")
    if card.safety:
        out += ["**Safety**", ""]
        out += [f"- ⚠ {note}" for note in card.safety]
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
            out.append(f"| {card.name.replace('|', '/')} | {cells} |")
        out.append("")
    return out
