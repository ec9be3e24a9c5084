"""The lines of the doctor's summary below its table, in the run's language: the skills
not seen yet, the reported signs with their time frames, the parents' concerns, the
home practice, the referrals and the next check."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ottool.core.i18n import N_, _, format_date, ngettext
from ottool.core.vocabulary import ACTS
from ottool.documents.summary_facts import (
    NextCheckFact,
    PlanFact,
    ScreeningFact,
    SignFact,
    SummaryFacts,
)

if TYPE_CHECKING:
    from ottool.core.content import Content

#: A sign's time frame (``act``, docs/design.md §4) in a doctor's few words.
ACT_WORDS: dict[str, str] = {
    "emergency": N_("emergency"),
    "today": N_("doctor today"),
    "days": N_("doctor within days"),
    "visit": N_("next visit"),
}
#: A sign's level, for an older result that did not record its act.
LEVEL_WORDS: dict[str, str] = {"urgent": N_("urgent"), "discuss": N_("to discuss")}
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


def skills_heading(screenings: tuple[ScreeningFact, ...]) -> str:
    if not screenings:
        return ""
    return _("Skills not seen yet at the latest screening ({date})").format(
        date=format_date(screenings[-1].date)
    )


def skill_lines(screenings: tuple[ScreeningFact, ...], content: Content) -> tuple[SkillLine, ...]:
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


def sign_lines(screenings: tuple[ScreeningFact, ...], content: Content) -> tuple[SignLine, ...]:
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


def plan_heading(plan: PlanFact | None) -> str:
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


def plan_lines(facts: SummaryFacts, content: Content) -> tuple[PlanLine, ...]:
    import msgspec

    from ottool.documents.wording import dose_words

    if facts.plan is None:
        return ()
    kept = {p.activity: p for p in facts.practice or ()}
    lines = []
    for given in facts.plan.activities:
        activity = content.activity_by_id.get(given.id)
        if activity is None:  # a clinic's own activity, without --clinic or --extra-data
            name, dose = given.name or _("A clinic's own activity"), ""
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


def practice_note(facts: SummaryFacts) -> str:
    if facts.plan is None:
        return _("No home plan is saved for this child.")
    if not any(p.days_practiced for p in facts.practice or ()):
        return _("No practice is logged for this plan yet.")
    return _("Days practiced since {date}, against the days the plan asks for.").format(
        date=format_date(facts.plan.date)
    )


def referral_words(screenings: tuple[ScreeningFact, ...], content: Content) -> str:
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


def next_check_line(facts: SummaryFacts) -> str:
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
