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
#: A line to write on, in the text (a name, a date, a phone number).
BLANK = "\\_" * 12
#: A whole line to write on: a horizontal rule would end the section, so underscores.
BLANK_LINE = "\\_" * 40 + "  "


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
    if doc.clinic:
        out += [
            f"**{md(doc.clinic.name)}**"
            + (f"  \n{md(doc.clinic.contact_line())}" if doc.clinic.contact else ""),
            "",
        ]
    details = []
    if doc.child_shown:
        details.append(f"**{md(words.child)}** {md(doc.child_shown)}")
    if doc.details:
        details.append(f"**{md(words.born)}** {md(doc.details.born) or BLANK}")
    details += [
        f"**{md(words.age)}** {md(doc.age)}",
        f"**{md(words.checklist)}** {md(doc.checklist)}",
        *(
            [f"**{md(words.screened)}** {md(doc.screening_date_shown)}"]
            if doc.screening_date
            else []
        ),
        f"**{md(words.date)}** {md(doc.date_shown)}",
    ]
    if doc.details:
        details.append(f"**{md(words.next_check)}** {md(doc.details.next_check) or BLANK}")
    if doc.therapist:
        details.append(f"**{md(words.therapist)}** {md(doc.therapist)}")
    if doc.caregiver:
        details.append(f"**{md(words.caregiver)}** {md(doc.caregiver)}")
    out += [line + "  " for line in details[:-1]] + [details[-1], ""]
    if doc.notes:
        out += [f"## {md(words.notes)}", ""]
        out += [f"- {md(note)}" for note in doc.notes]
        out.append("")
    out += _call_box(doc)

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
    out += [f"## {md(words.questions)}", ""]
    out += [BLANK_LINE] * doc.question_lines
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


def _call_box(doc: PlanDocument) -> list[str]:
    """ "When to call": one paragraph per row, most urgent first, then the phone lines."""
    md = escape_md
    words = doc.labels
    if not doc.call_box:
        return []
    out = [f"## {md(doc.call_box_title)}", ""]
    for row in doc.call_box:
        head = f"**{md(row.heading)}**" + (f" {md(row.when)}" if row.when else "")
        if not row.when:
            head = f"**{md(row.heading)}:**"
        items = [
            (f"**{md(s.text)} {md(words.you_noticed)}**" if s.reported else md(s.text))
            + (f" {md(s.advice)}" if s.own_advice and s.advice else "")
            for s in row.signs
        ]
        items += [f"*{md(line)}*" for line in row.lines]
        out += [head + " " + " · ".join(items), ""]
    for line in doc.contacts:
        name = md(line.name) or BLANK
        phone = md(line.phone) or BLANK
        out.append(f"- **{md(line.role)}** {name} **{md(words.phone)}** {phone}")
    notes = [md(line.note) for line in doc.contacts if line.note]
    out += ["", *notes, ""] if notes else [""]
    return out


def _tracker(doc: PlanDocument) -> list[str]:
    words = doc.labels
    out = [f"## {escape_md(words.tracker)}", "", escape_md(doc.tracker_note), ""]
    for week in range(1, doc.tracker_weeks + 1):
        out += [f"**{escape_md(week_label(week))}**", ""]
        out.append(f"| {escape_md(words.activity)} | " + " | ".join(doc.tracker_days) + " |")
        out.append("| --- |" + " :---: |" * len(doc.tracker_days))
        for card in doc.activities:
            name = escape_md(card.tracker_name or card.name)
            if card.tracker_boxes >= len(doc.tracker_days):
                cells = " | ".join(TICK_BOX for _ in doc.tracker_days)
            else:  # its boxes beside its name, one ticked on each day it was done
                name += " " + " ".join(TICK_BOX for _ in range(card.tracker_boxes))
                cells = " |" * (len(doc.tracker_days) - 1)
            out.append(f"| {name} | {cells} |")
        out.append("")
    return out
