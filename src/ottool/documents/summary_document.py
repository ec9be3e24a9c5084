"""One page for the child's doctor (`ottool summary`, docs/design.md §10): the facts of a
child's screenings, signs, concerns, plan and next check, and those facts worded in the
run's language. Every decision is made here; the renderers (``render/summary.py``,
``render/summary_pdf.py``) only lay it out, and shorten only what this module says may
be shortened (docs/decisions.md, "The summary for the doctor").

:class:`SummaryFacts` is ``ottool-summary/1`` (``summary --format json``): ids, codes,
dates and numbers, never a sentence, the same in every language. It is gathered from
the history by :mod:`ottool.storage.summary_facts`. :func:`build_summary_document`
words it as :class:`SummaryDocument`.

What the page keeps, whatever the child's history:

- the screenings side by side, at most :data:`MAX_COLUMNS`: the first (where things
  started) and the latest ones; a note says how many in between are left out;
- each reported warning sign once, with every date it was reported and its time
  frame (``act``), the most urgent first;
- the parent's concerns in their own words, dated; on paper the oldest give way
  first and long ones are cut (the renderer asks :func:`concerns_left_out`'s words).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ottool.core.age import FULL_TERM_WEEKS, PRETERM_BEFORE_WEEKS, age_in_words, age_of
from ottool.core.i18n import N_, _, format_date, language, ngettext
from ottool.core.vocabulary import ACTS, Status
from ottool.documents.wording import STATUS_LABELS

if TYPE_CHECKING:
    from ottool.core.clinic import Clinic
    from ottool.core.content import Content

SUMMARY_FORMAT = "ottool-summary/1"
#: Screenings side by side: the first and the latest ones (one page, A4 or Letter).
MAX_COLUMNS = 8
#: An area not in a screening's checklist.
NOT_CHECKED = "–"

#: A sign's time frame (``act``, docs/design.md §4) in a doctor's few words.
ACT_WORDS: dict[str, str] = {
    "emergency": N_("emergency"),
    "today": N_("doctor today"),
    "days": N_("doctor within days"),
    "visit": N_("next visit"),
}
#: A sign's level, for an older result that did not record its act.
LEVEL_WORDS: dict[str, str] = {"urgent": N_("urgent"), "discuss": N_("to discuss")}
#: The result's time frame in a cell of the table (symbols as on the result).
ACT_MARKS: dict[str, str] = {
    "emergency": "!!!",
    "today": "!!",
    "days": "!!",
    "visit": "!",
    "recheck": "◐",
    "next_check": "✓",
}
#: "Next check" when the latest screening asked to see the doctor: in its own time frame.
NOW_WORDS: dict[str, str] = {
    "emergency": N_(
        "Now: the screening of {date} reported an emergency sign; the family was told to "
        "call the emergency number if it happens."
    ),
    "today": N_(
        "Now: the screening of {date} asked the family to contact the child's doctor today."
    ),
    "days": N_(
        "Now: the screening of {date} asked the family to contact the child's doctor within "
        "the next few days."
    ),
    "visit": N_("Now: the screening of {date} asked the family to talk with the child's doctor."),
}
#: The areas' marks in the legend, in the order of the result's table.
STATUS_ORDER: tuple[Status, ...] = ("on_track", "emerging", "discuss", "incomplete")
STATUS_MARKS: dict[str, str] = {"on_track": "✓", "emerging": "◐", "incomplete": "?",
                                "discuss": "!"}  # fmt: skip


# --------------------------------------------------------------------------- the facts


@dataclass(frozen=True, slots=True)
class SignFact:
    """A warning sign reported at a screening: its id, level and time frame."""

    id: str
    level: str | None = None
    act: str | None = None


@dataclass(frozen=True, slots=True)
class ScreeningFact:
    """One saved screening as the summary uses it."""

    number: int
    date: dt.date
    checklist_months: int | None
    age_used_months: float | None
    corrected: bool
    overall: str | None
    act: str | None
    #: Each area's status by area id, in the result's order.
    areas: dict[str, str]
    signs: tuple[SignFact, ...] = ()
    concerns: str | None = None
    #: Referral kinds the result suggested (None in results older than them).
    referrals: tuple[str, ...] | None = None
    #: The milestones answered "not yet" and "sometimes" (ids, in the result's order).
    not_yet: tuple[str, ...] = ()
    sometimes: tuple[str, ...] = ()
    #: The region whose early-intervention route the result named (None: neutral).
    region: str | None = None


@dataclass(frozen=True, slots=True)
class PlanActivity:
    """An activity of the plan being practiced, and its dose."""

    id: str
    minutes: int | None = None
    times_per_day: int | None = None
    days_per_week: int | None = None


@dataclass(frozen=True, slots=True)
class PlanFact:
    """The plan being practiced: the latest plan given, else the latest screening's."""

    date: dt.date
    #: "given" (a therapist's plan kept with `plan --save`) or "screening".
    source: str
    activities: tuple[PlanActivity, ...]
    number: int | None = None
    #: Who gave it (a plan given with --therapist), so the doctor knows whom to call.
    therapist: str | None = None


@dataclass(frozen=True, slots=True)
class PracticeFact:
    """Practice kept of one activity of the plan since it began (``core/practice_kept.py``):
    days practiced against the days its dose asks for, this week's and last week's."""

    activity: str
    days_per_week: int
    this_week: int
    last_week: int
    days_practiced: int
    days_asked: int
    minutes: int = 0


@dataclass(frozen=True, slots=True)
class NextCheckFact:
    """When to check again (docs/design.md §10), from the latest screening and today.

    ``overdue`` is True when that check's day has passed with no screening since.
    """

    date: dt.date
    months: int | None
    why: str
    overdue: bool = False
    #: The checklist of the child's age today, when it is a later one than the latest
    #: screening's (its day has passed with no screening since).
    now_months: int | None = None


@dataclass(frozen=True, slots=True)
class AgeFact:
    chronological_months: float
    corrected_months: float | None
    corrected: bool


@dataclass(frozen=True, slots=True)
class SummaryFacts:
    """``ottool-summary/1``: one child's history as the doctor's page uses it."""

    today: dt.date
    name: str | None
    birth_date: dt.date | None
    gestational_weeks: int | None
    age_today: AgeFact | None
    screenings: tuple[ScreeningFact, ...]
    plan: PlanFact | None
    #: None when this history keeps no practice log; empty when nothing is logged.
    practice: tuple[PracticeFact, ...] | None
    next_check: NextCheckFact | None
    #: The first check from today on (a checklist's day or the hand-over), said after a
    #: check that is overdue or "now".
    coming_check: NextCheckFact | None = None
    #: The clinic's own id for the child (``--child-id``), when one was given.
    child_id: str | None = None
    format: str = SUMMARY_FORMAT


def age_fact(birth_date: dt.date, today: dt.date, weeks: int | None) -> AgeFact:
    """The child's age today, corrected while it applies (docs/design.md §3)."""
    age = age_of(birth_date, today, weeks or FULL_TERM_WEEKS)
    corrected = age.corrected_months
    return AgeFact(
        chronological_months=round(age.chronological_months, 2),
        corrected_months=None if corrected is None else round(corrected, 2),
        corrected=age.corrected,
    )


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
class SkillLine:
    """An area's milestones not seen yet at the latest screening."""

    area: str
    not_yet: tuple[str, ...]
    sometimes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SignLine:
    """A reported sign once, every date it was reported, and its time frame."""

    text: str
    when: str  # the time frame in words
    dates: tuple[str, ...]  # ISO, oldest first
    urgent: bool


@dataclass(frozen=True, slots=True)
class ConcernLine:
    date: str  # ISO
    text: str  # the parent's words, as written (whitespace tidied)


@dataclass(frozen=True, slots=True)
class PlanLine:
    name: str
    dose: str
    kept: str  # practice kept in words, or '' when no practice is logged


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
        skills_heading=_skills_heading(facts.screenings),
        skills=_skills(facts.screenings, content),
        signs=_signs(facts.screenings, content),
        concerns=tuple(
            ConcernLine(s.date.isoformat(), " ".join(s.concerns.split()))
            for s in facts.screenings
            if s.concerns and s.concerns.strip()
        ),
        plan_heading=_plan_heading(facts.plan),
        plan=_plan(facts, content),
        unknown_activities=tuple(
            a.id
            for a in (facts.plan.activities if facts.plan else ())
            if a.id not in content.activity_by_id
        ),
        practice_note=_practice_note(facts),
        referrals=_referrals(facts.screenings, content),
        next_check=_next_check(facts),
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


def _skills_heading(screenings: tuple[ScreeningFact, ...]) -> str:
    if not screenings:
        return ""
    return _("Skills not seen yet at the latest screening ({date})").format(
        date=format_date(screenings[-1].date)
    )


def _skills(screenings: tuple[ScreeningFact, ...], content: Content) -> tuple[SkillLine, ...]:
    """The latest screening's "not yet" and "sometimes" milestones, by area in the
    content's order (a paediatrician's first question after a "!")."""
    if not screenings:
        return ()
    latest = screenings[-1]
    known = content.milestone_by_id

    def words(ids: tuple[str, ...], area: str) -> tuple[str, ...]:
        return tuple(
            " ".join(known[m].text.split()) if m in known else m
            for m in ids
            if (known[m].domain if m in known else None) == area
        )

    lines = []
    for domain in content.domains:
        not_yet = words(latest.not_yet, domain.id)
        sometimes = words(latest.sometimes, domain.id)
        if not_yet or sometimes:
            lines.append(SkillLine(domain.name, not_yet, sometimes))
    return tuple(lines)


def _signs(screenings: tuple[ScreeningFact, ...], content: Content) -> tuple[SignLine, ...]:
    """Each sign once, with its dates, the most urgent first, then the latest reported."""
    dates: dict[str, list[dt.date]] = {}
    found: dict[str, SignFact] = {}
    for s in screenings:
        for sign in s.signs:
            dates.setdefault(sign.id, []).append(s.date)
            found[sign.id] = sign  # the latest report's level and act
    rank: dict[str, int] = {act: i for i, act in enumerate(ACTS)}
    lines = []
    for sign_id, sign in found.items():
        known = content.warning_sign_by_id.get(sign_id)
        act = sign.act or (known.act if known is not None else None)
        if act in ACT_WORDS:
            when = _(ACT_WORDS[act])
        else:
            when = _(LEVEL_WORDS.get(sign.level or "", N_("reported")))
        urgent = act in ("emergency", "today", "days") or sign.level == "urgent"
        text = " ".join(known.text.split()) if known is not None else sign_id
        order = (rank.get(act or "", len(ACTS)), -dates[sign_id][-1].toordinal())
        lines.append((order, SignLine(text, when, tuple(d.isoformat() for d in dates[sign_id]),
                                      urgent)))  # fmt: skip
    return tuple(line for _order, line in sorted(lines, key=lambda pair: pair[0]))


def _plan_heading(plan: PlanFact | None) -> str:
    if plan is None:
        return _("Home practice")
    if plan.source == "given" and plan.therapist:
        return _("Home practice: the plan {therapist} gave on {date}").format(
            therapist=" ".join(plan.therapist.split()), date=format_date(plan.date)
        )
    if plan.source == "given":
        return _("Home practice: the plan given on {date}").format(date=format_date(plan.date))
    return _("Home practice: the plan from the screening of {date}").format(
        date=format_date(plan.date)
    )


def _plan(facts: SummaryFacts, content: Content) -> tuple[PlanLine, ...]:
    import msgspec

    from ottool.documents.wording import dose_words

    if facts.plan is None:
        return ()
    kept = {p.activity: p for p in facts.practice or ()}
    lines = []
    for given in facts.plan.activities:
        activity = content.activity_by_id.get(given.id)
        if activity is None:  # a clinic's own activity, without --clinic or --extra-data
            name, dose = _("A clinic's own activity"), ""
        else:
            name = activity.name
            dose = dose_words(
                msgspec.structs.replace(
                    activity,
                    minutes=given.minutes or activity.minutes,
                    times_per_day=given.times_per_day or activity.times_per_day,
                    days_per_week=given.days_per_week or activity.days_per_week,
                )
            )
        practice = kept.get(given.id)
        words = ""
        if practice is not None and any(p.days_practiced for p in kept.values()):
            words = ngettext(
                "practiced on {done} of {asked} day (this week: {week})",
                "practiced on {done} of {asked} days (this week: {week})",
                practice.days_asked,
            ).format(
                done=practice.days_practiced, asked=practice.days_asked, week=practice.this_week
            )
        lines.append(PlanLine(name, dose, words))
    return tuple(lines)


def _practice_note(facts: SummaryFacts) -> str:
    if facts.plan is None:
        return _("No home plan is saved for this child.")
    if not any(p.days_practiced for p in facts.practice or ()):
        return _("No practice is logged for this plan yet.")
    return _("Days practiced since {date}, against the days the plan asks for.").format(
        date=format_date(facts.plan.date)
    )


def _referrals(screenings: tuple[ScreeningFact, ...], content: Content) -> str:
    """The referral kinds the latest screening suggested, then those only earlier ones
    did, each once with the latest date it was suggested. The doctor is the reader: the
    doctor is not named as a referral. Early intervention names the region the latest
    screening named, whose route differs from country to country."""
    if not screenings:
        return ""
    latest_date: dict[str, dt.date] = {}
    for s in screenings:
        for kind in s.referrals or ():
            if kind != "doctor" and kind in content.referral_by_id:
                latest_date[kind] = s.date
    region = content.region_by_id.get(screenings[-1].region or "")

    def named(kind: str) -> str:
        name = content.referral_by_id[kind].name
        if kind == "early_intervention" and region is not None:
            name = _("{referral} in {region}").format(referral=name, region=region.name)
        return name

    now = [k for k in screenings[-1].referrals or () if k in latest_date]
    before = sorted(
        (k for k in latest_date if k not in now), key=lambda k: latest_date[k], reverse=True
    )
    parts = []
    if now:
        parts.append(
            _("{referrals} ({date})").format(
                referrals="; ".join(named(k) for k in now),
                date=screenings[-1].date.isoformat(),
            )
        )
    if before:
        earlier = "; ".join(
            _("{referral} ({date})").format(referral=named(k), date=latest_date[k].isoformat())
            for k in before
        )
        parts.append(_("Earlier, not at the latest screening: {referrals}").format(
            referrals=earlier))  # fmt: skip
    return ". ".join(parts)


def _next_check(facts: SummaryFacts) -> str:
    check = facts.next_check
    if check is None:
        return _("Not known: no screening is saved for this child.")
    when = format_date(check.date)
    if check.why == "now":
        act = facts.screenings[-1].act if facts.screenings else None
        text = _(NOW_WORDS.get(act or "", NOW_WORDS["visit"])).format(date=when)
        if check.now_months is not None:
            text += " " + _("Due now too: the {now}-month checklist.").format(now=check.now_months)
    elif check.overdue and check.now_months is not None and check.now_months != check.months:
        text = _(
            "Due now: the {now}-month checklist (the {months}-month one was due on {date}, "
            "with no screening since)."
        ).format(now=check.now_months, months=check.months, date=when)
    elif check.overdue and check.months is not None:
        due = (
            _("A recheck (the {months}-month checklist) has been due since {date}")
            if check.why == "recheck"
            else _("The {months}-month checklist has been due since {date}")
        )
        text = due.format(months=check.months, date=when) + _(", with no screening since.")
    else:
        text = _check_words(check)
    coming = facts.coming_check
    if coming is not None and coming != check and (check.overdue or check.why == "now"):
        text += " " + _("Then: {check}").format(check=_check_words(coming))
    return text


def _check_words(check: NextCheckFact) -> str:
    """A check on its day: '{date}: the 12-month checklist.'"""
    when = format_date(check.date)
    if check.months is None:
        return _(
            "{date}: the developmental screening at the 30-month visit (ottool's "
            "checklists end before it)."
        ).format(date=when)
    if check.why == "recheck":
        return _("{date}: a recheck (the {months}-month checklist).").format(
            date=when, months=check.months
        )
    return _("{date}: the {months}-month checklist.").format(date=when, months=check.months)
