"""One page for the doctor (`ottool summary`): a child's screenings, signs, concerns,
practice, referrals and next check, every decision made and worded; the renderers
(`render/summary_*.py`) only lay it out.

The data behind it is `ottool-summary/1` (:class:`ottool.formats.Summary`): ids,
codes, dates and numbers, as the other formats are; the document is that data in the
run's language. At most :data:`MAX_COLUMNS` screenings are shown side by side (the
latest ones), so the page stays one page for a child screened many times; the JSON
holds them all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ottool.formats import (
    FollowChild,
    NowYes,
    PracticeKept,
    Summary,
    SummaryAge,
    SummaryConcern,
    SummaryNextCheck,
    SummaryScreening,
    SummarySign,
)
from ottool.i18n import N_, _, format_date, ngettext

if TYPE_CHECKING:
    from ottool.content import Content
    from ottool.history.record import ChildRecord

#: Screenings side by side on the page (the latest ones).
MAX_COLUMNS = 10

#: A sign's act (how soon to act, DESIGN.md §4) in a doctor's few words.
ACT_WORDS: dict[str, str] = {
    "emergency": N_("emergency"),
    "today": N_("today"),
    "days": N_("within days"),
    "visit": N_("at a visit"),
}
#: A sign's level, when the content names no act.
LEVEL_WORDS: dict[str, str] = {"urgent": N_("urgent"), "discuss": N_("to discuss")}
#: Why the next check is on its date.
WHY_WORDS: dict[str, str] = {
    "now": N_("now: talk with the child's doctor first"),
    "recheck": N_("a recheck after a result to keep watching"),
    "next_checklist": N_("the next checklist's age"),
}


@dataclass(frozen=True, slots=True)
class SummaryLabels:
    title: str
    child: str
    born: str
    weeks: str
    age_today: str
    areas: str
    overall: str
    signs: str
    concerns: str
    practice: str
    now_yes: str
    referrals: str
    next_check: str
    none: str
    legend: str


@dataclass(frozen=True, slots=True)
class AreaRow:
    name: str
    #: Each screening's status code (on_track, emerging, incomplete, discuss) or None.
    statuses: tuple[str | None, ...]


@dataclass(frozen=True, slots=True)
class SummaryDocument:
    """The summary as read, in the run's language."""

    labels: SummaryLabels
    facts: tuple[tuple[str, str], ...]  # (label, value): child, birth date, weeks, age
    date_shown: str  # today
    columns: tuple[str, ...]  # the screenings shown, by date (ISO)
    columns_note: str | None  # when older screenings are left out
    areas: tuple[AreaRow, ...]
    overall: tuple[str | None, ...]  # each screening's overall code
    signs: tuple[tuple[str, str, str], ...]  # (date, sign, act or level in words)
    concerns: tuple[tuple[str, str], ...]  # (date, the parent's words)
    practice: tuple[tuple[str, str], ...]  # (activity, days kept in words)
    now_yes: tuple[str, ...]
    referrals: tuple[str, ...]
    next_check: str | None
    disclaimer: str


def summary_data(
    record: ChildRecord, content: Content | None, next_check: Any | None = None
) -> Summary:
    """The record as `ottool-summary/1`. ``next_check`` is a ``next_check.NextCheck``."""
    from ottool.age import FULL_TERM_WEEKS, age_on

    child = record.child
    weeks = _weeks(record)
    age = None
    if child.birth_date is not None and child.birth_date <= record.today:
        found = age_on(child.birth_date, record.today, weeks or FULL_TERM_WEEKS, today=record.today)
        age = SummaryAge(
            chronological_months=round(found.chronological_months, 1),
            corrected_months=None
            if found.corrected_months is None
            else round(found.corrected_months, 1),
            corrected=found.corrected,
        )
    signs, concerns, referrals = [], [], []
    for s in record.screenings:
        parsed = s.parsed
        if parsed is None:
            continue
        for sign in parsed.warning_signs:
            signs.append(
                SummarySign(date=s.date, id=sign.id, level=sign.level, act=_act(content, sign.id))
            )
        if parsed.concerns and parsed.concerns.strip():
            concerns.append(SummaryConcern(date=s.date, text=parsed.concerns.strip()))
    latest = record.screenings[-1] if record.screenings else None
    if latest is not None and content is not None:
        referrals = _referrals(latest, content)
    return Summary(
        today=record.today,
        child=FollowChild(name=child.name, birth_date=child.birth_date),
        gestational_weeks=weeks,
        age_today=age,
        screenings=[
            SummaryScreening(
                id=s.id,
                date=s.date,
                checklist_months=s.checklist_months,
                overall=s.overall,
                domains=s.domain_statuses,
            )
            for s in record.screenings
        ],
        warning_signs=signs,
        concerns=concerns,
        practice=[
            PracticeKept(
                activity=p.activity,
                days_per_week=p.days_per_week,
                this_week=p.this_week,
                last_week=p.last_week,
                since_plan=p.since_plan,
                since_plan_target=p.since_plan_target,
                recent_days=list(p.recent_days),
            )
            for p in record.practice
        ],
        plan_date=None if record.plan_screening is None else record.plan_screening.date,
        now_yes=[
            NowYes(
                milestone=m.milestone,
                area=m.area,
                before=m.before,
                before_date=m.before_date,
                after_date=m.after_date,
            )
            for m in record.moves
        ],
        referrals=referrals,
        next_check=None
        if next_check is None
        else SummaryNextCheck(date=next_check.date, months=next_check.months, why=next_check.why),
    )


def build_summary_document(data: Summary, content: Content | None) -> SummaryDocument:
    """The summary worded in the run's language (names from ``content`` when given)."""
    from ottool.age import months_in_words
    from ottool.wording import disclaimer

    area_names = {d.id: d.name for d in content.domains} if content else {}
    sign_texts = {w.id: w.text for w in content.warning_signs} if content else {}
    activity_names = {a.id: a.name for a in content.activities} if content else {}
    milestone_texts = {m.id: m.text for m in content.milestones} if content else {}
    labels = SummaryLabels(
        title=_("Summary for the doctor"),
        child=_("Child:"),
        born=_("Born:"),
        weeks=_("Weeks of pregnancy:"),
        age_today=_("Age today:"),
        areas=_("Milestone checks over time"),
        overall=_("Overall"),
        signs=_("Warning signs reported"),
        concerns=_("The parent's concerns, in their words"),
        practice=_("Home practice kept"),
        now_yes=_("Now yes (was not yet or sometimes)"),
        referrals=_("Referrals suggested"),
        next_check=_("Next check"),
        none=_("None."),
        legend=_(
            "✓ on track · ◐ coming along · ! worth talking about · ? not enough answers · "
            "– not checked"
        ),
    )
    child = data.child
    facts = [(labels.child, child.name or _("(no name)"))]
    if child.birth_date is not None:
        facts.append((labels.born, format_date(child.birth_date)))
    facts.append((labels.weeks, str(data.gestational_weeks) if data.gestational_weeks else "40"))
    if data.age_today is not None:
        age = data.age_today
        text = months_in_words(age.chronological_months)
        if age.corrected and age.corrected_months is not None:
            text = _("{age} (corrected: {corrected})").format(
                age=text, corrected=months_in_words(age.corrected_months)
            )
        facts.append((labels.age_today, text))
    shown = data.screenings[-MAX_COLUMNS:]
    note = None
    if len(data.screenings) > len(shown):
        note = _(
            "The last {shown} of {total} screenings; all of them are in `--format json`."
        ).format(shown=len(shown), total=len(data.screenings))
    seen: dict[str, None] = {}
    for s in data.screenings:
        seen.update(dict.fromkeys(s.domains))
    order = [d for d in area_names if d in seen] + [d for d in seen if d not in area_names]
    areas = tuple(
        AreaRow(area_names.get(a, a), tuple(s.domains.get(a) for s in shown)) for a in order
    )
    signs = tuple(
        (s.date, sign_texts.get(s.id, s.id), _(ACT_WORDS[s.act]) if s.act in ACT_WORDS
         else _(LEVEL_WORDS.get(s.level or "", N_("reported"))))
        for s in data.warning_signs
    )  # fmt: skip
    practice = tuple(
        (
            activity_names.get(p.activity, p.activity),
            ngettext(
                "{done} of {target} day", "{done} of {target} days", p.since_plan_target
            ).format(done=p.since_plan, target=p.since_plan_target)
            + " · "
            + _("{n} days a week").format(n=p.days_per_week),
        )
        for p in data.practice
    )
    if practice and data.plan_date:
        since = _("since {date}").format(date=format_date(dt.date.fromisoformat(data.plan_date)))
        practice = tuple((name, f"{kept} ({since})") for name, kept in practice)
    referral_names = {}
    if content is not None:
        for r in getattr(content, "referrals", ()):
            referral_names[r.id] = r.name
    next_words = None
    if data.next_check is not None:
        check = data.next_check
        next_words = format_date(check.date)
        if check.months is not None:
            next_words += " · " + _("{months}-month checklist").format(months=check.months)
        else:
            next_words += " · " + _("the doctor's developmental screening")
        next_words += " (" + _(WHY_WORDS.get(check.why, check.why)) + ")"
    return SummaryDocument(
        labels=labels,
        facts=tuple(facts),
        date_shown=format_date(data.today),
        columns=tuple(s.date for s in shown),
        columns_note=note,
        areas=areas,
        overall=tuple(s.overall for s in shown),
        signs=signs,
        concerns=tuple((c.date, c.text) for c in data.concerns),
        practice=practice,
        now_yes=tuple(
            _("{milestone} ({date})").format(
                milestone=milestone_texts.get(m.milestone, m.milestone), date=m.after_date
            )
            for m in data.now_yes
        ),
        referrals=tuple(referral_names.get(r, r.replace("_", " ")) for r in data.referrals),
        next_check=next_words,
        disclaimer=disclaimer(),
    )


def _weeks(record: ChildRecord) -> int | None:
    for s in reversed(record.screenings):
        if s.parsed is not None and s.parsed.child.gestational_weeks:
            return s.parsed.child.gestational_weeks
    return None


def _act(content: Content | None, sign_id: str) -> str | None:
    if content is None:
        return None
    for sign in content.warning_signs:
        if sign.id == sign_id:
            act = getattr(sign, "act", None)
            return str(act) if act else None
    return None


def _referrals(latest: Any, content: Content) -> list[str]:
    """The referrals the content suggests for the latest screening: for each reported
    sign and each area worth talking about, its ``refer`` ids, in that order, once."""
    found: dict[str, None] = {}
    parsed = latest.parsed
    if parsed is None:
        return []
    signs = {w.id: w for w in content.warning_signs}
    for sign in parsed.warning_signs:
        found.update(dict.fromkeys(getattr(signs.get(sign.id), "refer", ()) or ()))
    domains = {d.id: d for d in content.domains}
    for area in parsed.domains:
        if area.status == "discuss":
            found.update(dict.fromkeys(getattr(domains.get(area.id), "refer", ()) or ()))
    result = latest.result.get("referrals")
    if isinstance(result, list):
        found.update(dict.fromkeys(str(r) for r in result if isinstance(r, str)))
    return list(found)
