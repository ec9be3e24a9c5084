"""One page for the child's doctor (`ottool summary`, docs/design.md §10): the facts of a
child's screenings, signs, concerns, plan and next check, and those facts worded in the
run's language. Every decision is made here; the renderers (``render/summary.py``,
``render/summary_pdf.py``) only lay it out, and shorten only what this module says may
be shortened (docs/decisions.md, "The summary for the doctor").

:class:`~ottool.documents.summary_facts.SummaryFacts` is ``ottool-summary/1``
(``summary --format json``): ids, codes, dates and numbers, never a sentence, the same
in every language. It is gathered from the history by
:mod:`ottool.storage.summary_facts`. :func:`build_summary_document` words it as
:class:`SummaryDocument`, the lines below the table by
:mod:`ottool.documents.summary_lines`.

What the page keeps, whatever the child's history:

- the screenings side by side, at most :data:`MAX_COLUMNS`: the first (where things
  started) and the latest ones; a note says how many in between are left out;
- each reported warning sign once, with every date it was reported and its time
  frame (``act``), the most urgent first;
- the parent's concerns in their own words, dated; on paper the oldest give way
  first and long ones are cut (the renderer asks :func:`concerns_left_out`'s words).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ottool.core.age import FULL_TERM_WEEKS, PRETERM_BEFORE_WEEKS, age_in_words, age_of
from ottool.core.i18n import _, format_date, language, ngettext
from ottool.core.vocabulary import Status
from ottool.documents.summary_facts import (
    ScreeningFact,
    SummaryFacts,
)
from ottool.documents.summary_lines import (
    ConcernLine,
    PlanLine,
    SignLine,
    SkillLine,
    next_check_line,
    plan_heading,
    plan_lines,
    practice_note,
    referral_words,
    sign_lines,
    skill_lines,
    skills_heading,
)
from ottool.documents.wording import STATUS_LABELS

if TYPE_CHECKING:
    from ottool.core.clinic import Clinic
    from ottool.core.content import Content

#: Screenings side by side: the first and the latest ones (one page, A4 or Letter).
MAX_COLUMNS = 8
#: An area not in a screening's checklist.
NOT_CHECKED = "–"

#: The result's time frame in a cell of the table (symbols as on the result).
ACT_MARKS: dict[str, str] = {
    "emergency": "!!!",
    "today": "!!",
    "days": "!!",
    "visit": "!",
    "recheck": "◐",
    "next_check": "✓",
}
#: The areas' marks in the legend, in the order of the result's table.
STATUS_ORDER: tuple[Status, ...] = ("on_track", "emerging", "discuss", "incomplete")
STATUS_MARKS: dict[str, str] = {"on_track": "✓", "emerging": "◐", "incomplete": "?",
                                "discuss": "!"}  # fmt: skip


# --------------------------------------------------------------------------- the words


@dataclass(frozen=True, slots=True)
class SummaryWords:
    """The page's headings and labels in the run's language."""

    title: str
    over_time: str
    area: str
    overall: str
    #: (mark, words) for the areas' marks and for the result's.
    legend_areas: tuple[tuple[str, str], ...]
    legend_result: tuple[tuple[str, str], ...]
    legend_months: str
    not_yet: str  # the skills' columns
    sometimes: str
    signs: str
    sign: str  # the signs' columns
    when: str
    dates: str
    activity: str  # the plan's columns
    dose: str
    kept: str
    concerns: str
    plan: str
    referrals: str
    next_check: str
    none: str
    no_referrals: str
    no_screenings: str

    @property
    def legend(self) -> str:
        """The marks of the table in one paragraph."""
        areas = " · ".join(f"{mark} {words}" for mark, words in self.legend_areas)
        result = " · ".join(f"{mark} {words}" for mark, words in self.legend_result)
        return f"{areas}. {self.overall}: {result}. {self.legend_months}"


@dataclass(frozen=True, slots=True)
class Column:
    """A screening in the table: its date (ISO) and its checklist ('6 m')."""

    date: str
    checklist: str


@dataclass(frozen=True, slots=True)
class Row:
    """A line of the table: an area (or the overall result) and its mark in each column."""

    name: str
    marks: tuple[str, ...]
    #: The overall result's row, set apart from the areas.
    total: bool = False


@dataclass(frozen=True, slots=True)
class SummaryDocument:
    """The summary as the doctor reads it, every word in the run's language."""

    lang: str
    words: SummaryWords
    facts: SummaryFacts
    clinic: Clinic | None
    #: (label, value): the child, birth date, weeks of pregnancy, age today.
    details: tuple[tuple[str, str], ...]
    #: 'Made on ... from 5 screenings, ... to ...'.
    made: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    #: Screenings between the first and the latest ones that the table leaves out.
    columns_note: str
    #: 'Not yet seen at the latest screening (...)', and its lines by area.
    skills_heading: str
    skills: tuple[SkillLine, ...]
    signs: tuple[SignLine, ...]
    concerns: tuple[ConcernLine, ...]
    plan_heading: str  # 'Home plan (given on ...)'
    plan: tuple[PlanLine, ...]
    #: The plan's activities this content does not hold (a clinic's own, read without
    #: its --clinic or --extra-data): the command says so, the page names them generally.
    unknown_activities: tuple[str, ...]
    practice_note: str  # 'No practice is logged.' and the like; '' when lines say it
    referrals: str  # the referral kinds in words, or ''
    next_check: str
    disclaimer: str

    @property
    def footer(self) -> str:
        """The page's footer: the title, the child and the clinic."""
        parts = [self.words.title]
        if self.facts.name:
            parts.append(self.facts.name)
        if self.clinic is not None:
            parts.append(self.clinic.footer_line())
        return " · ".join(parts)


def build_summary_document(
    facts: SummaryFacts, content: Content, *, clinic: Clinic | None = None
) -> SummaryDocument:
    """The summary worded in the run's language (names from ``content``)."""
    from ottool.documents.wording import disclaimer

    words = SummaryWords(
        title=_("Developmental summary for the doctor"),
        over_time=_("Milestone checks over time"),
        area=_("Area"),
        overall=_("Result"),
        # The areas' words are the result's own (documents/wording.py), in every language.
        legend_areas=(
            *((STATUS_LABELS[s][0], _(STATUS_LABELS[s][1])) for s in STATUS_ORDER),
            (NOT_CHECKED, _("Not in that checklist")),
        ),
        legend_result=(
            ("✓", _("On track")),
            ("◐", _("Practice and check again")),
            ("?", _("Not enough answers to tell")),
            ("!", _("Talk with the doctor at the next visit")),
            ("!!", _("Doctor today or within days")),
            ("!!!", _("Emergency")),
        ),
        legend_months=_("Under each date: the checklist's age in months."),
        not_yet=_("Not yet"),
        sometimes=_("Sometimes"),
        signs=_("Warning signs the parent reported"),
        sign=_("Sign"),
        when=_("How soon to act"),
        dates=_("Reported on"),
        activity=_("Activity"),
        dose=_("How much"),
        kept=_("Practice kept"),
        concerns=_("The parent's concerns, in their own words"),
        plan=_("Home practice"),
        referrals=_("Referrals suggested"),
        next_check=_("Next check"),
        none=_("None reported."),
        no_referrals=_("None suggested."),
        no_screenings=_("No screening is saved for this child yet."),
    )
    shown = shown_screenings(facts.screenings)
    return SummaryDocument(
        lang=language(),
        words=words,
        facts=facts,
        clinic=clinic,
        details=_details(facts),
        made=_made(facts),
        columns=tuple(Column(s.date.isoformat(), _months_short(s.checklist_months)) for s in shown),
        rows=_rows(shown, content, words),
        columns_note=_columns_note(facts.screenings, shown),
        skills_heading=skills_heading(facts.screenings),
        skills=skill_lines(facts.screenings, content),
        signs=sign_lines(facts.screenings, content),
        concerns=tuple(
            ConcernLine(s.date.isoformat(), " ".join(s.concerns.split()))
            for s in facts.screenings
            if s.concerns and s.concerns.strip()
        ),
        plan_heading=plan_heading(facts.plan),
        plan=plan_lines(facts, content),
        unknown_activities=tuple(
            a.id
            for a in (facts.plan.activities if facts.plan else ())
            if a.id not in content.activity_by_id and not a.name
        ),
        practice_note=practice_note(facts),
        referrals=referral_words(facts.screenings, content),
        next_check=next_check_line(facts),
        disclaimer=disclaimer(),
    )


def shown_screenings(screenings: tuple[ScreeningFact, ...]) -> tuple[ScreeningFact, ...]:
    """The screenings the table shows: all when they fit, else the first (where things
    started) and the latest ``MAX_COLUMNS - 1``."""
    if len(screenings) <= MAX_COLUMNS:
        return screenings
    return (screenings[0], *screenings[-(MAX_COLUMNS - 1) :])


def concerns_left_out(count: int) -> str:
    """The line that says how many earlier concerns the printed page leaves out."""
    return ngettext(
        "{n} earlier concern is in the HTML and JSON summary (ottool summary --format html).",
        "{n} earlier concerns are in the HTML and JSON summary (ottool summary --format html).",
        count,
    ).format(n=count)


def signs_left_out(count: int) -> str:
    """The line that says how many less urgent signs the printed page leaves out."""
    return ngettext(
        "{n} more sign, less urgent, is in the HTML and JSON summary.",
        "{n} more signs, less urgent, are in the HTML and JSON summary.",
        count,
    ).format(n=count)


def cut_mark() -> str:
    """What ends a concern cut short on paper."""
    return _("… (cut short; the whole text is in the HTML summary)")


def _months_short(months: int | None) -> str:
    if months is None:
        return "?"
    # Translators: a checklist's age under a date in a narrow table column: '6 m'.
    return _("{months} m").format(months=months)


def _details(facts: SummaryFacts) -> tuple[tuple[str, str], ...]:
    from ottool.documents.wording import child_with_id

    out = [(_("Child:"), child_with_id(facts.name or _("(no name given)"), facts.child_id) or "")]
    if facts.birth_date is not None:
        out.append((_("Born:"), format_date(facts.birth_date)))
    weeks = facts.gestational_weeks
    if weeks is None:
        out.append((_("Weeks of pregnancy:"), _("not given (counted as full term)")))
    elif weeks < PRETERM_BEFORE_WEEKS:
        out.append((_("Weeks of pregnancy:"), _("{weeks} (born early)").format(weeks=weeks)))
    elif weeks == FULL_TERM_WEEKS:
        # What a screening records when the parent said the baby was not born early.
        out.append((_("Weeks of pregnancy:"), _("full term (counted as 40)")))
    else:
        out.append((_("Weeks of pregnancy:"), _("{weeks} (full term)").format(weeks=weeks)))
    if facts.birth_date is not None and facts.birth_date <= facts.today:
        age = age_of(facts.birth_date, facts.today, weeks or FULL_TERM_WEEKS)
        text = age_in_words(age.chronological)
        corrected = age.corrected_age
        if corrected is not None:
            text = _("{age}; corrected for prematurity: {corrected}").format(
                age=text, corrected=age_in_words(corrected)
            )
        out.append((_("Age today:"), text))
    return tuple(out)


def _made(facts: SummaryFacts) -> str:
    count = len(facts.screenings)
    when = format_date(facts.today)
    if not count:
        return _("Made on {date}. No screening is saved for this child yet.").format(date=when)
    first, last = facts.screenings[0].date, facts.screenings[-1].date
    if count == 1:
        return _("Made on {date} from one screening, on {first}.").format(
            date=when, first=format_date(first)
        )
    return _("Made on {date} from {count} screenings, {first} to {last}.").format(
        date=when, count=count, first=format_date(first), last=format_date(last)
    )


def _rows(
    shown: tuple[ScreeningFact, ...], content: Content, words: SummaryWords
) -> tuple[Row, ...]:
    if not shown:
        return ()
    seen: dict[str, None] = {}
    for s in shown:
        seen.update(dict.fromkeys(s.areas))
    names = {d.id: d.name for d in content.domains}
    order = [d for d in names if d in seen] + [d for d in seen if d not in names]
    rows = []
    for a in order:
        marks = tuple(STATUS_MARKS.get(s.areas.get(a, ""), NOT_CHECKED) for s in shown)
        rows.append(Row(names.get(a, a), marks))
    rows.append(Row(words.overall, tuple(_result_mark(s) for s in shown), total=True))
    return tuple(rows)


def _result_mark(screening: ScreeningFact) -> str:
    if screening.act in ACT_MARKS and screening.overall != "incomplete":
        return ACT_MARKS[screening.act]
    marks = {"on_track": "✓", "monitor": "◐", "incomplete": "?", "discuss": "!", "urgent": "!!"}
    return marks.get(screening.overall or "", "?")


def _columns_note(all_: tuple[ScreeningFact, ...], shown: tuple[ScreeningFact, ...]) -> str:
    left_out = [s for s in all_ if s not in shown]
    if not left_out:
        return ""
    if len(left_out) > 3:
        return _(
            "Not shown here: {n} screenings from {first} to {last} (every screening is in "
            "`ottool history --child`)."
        ).format(
            n=len(left_out), first=left_out[0].date.isoformat(), last=left_out[-1].date.isoformat()
        )
    return ngettext(
        "Not shown here: the screening of {dates} (every screening is in "
        "`ottool history --child`).",
        "Not shown here: the screenings of {dates} (every screening is in "
        "`ottool history --child`).",
        len(left_out),
    ).format(dates=", ".join(s.date.isoformat() for s in left_out))
