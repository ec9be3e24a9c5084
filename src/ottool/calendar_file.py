"""The coming checks as an RFC 5545 calendar (`--ics FILE`), written with ``icalendar``.

One all-day event per check, with a display alarm a week before. Each event's UID is
made from the child (name key and birth date) and the checklist, hashed: importing a
newer file updates the events instead of adding copies, and the UID says nothing about
the child. Calendars sync to the cloud, so the child's name is left out unless asked
for (``--ics-name``). The words are in the run's language.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from ottool.i18n import _
from ottool.next_check import NextCheck

#: Days before a check when the calendar reminds.
REMINDER_DAYS = 7
PRODUCT_ID = "-//ottool//Milestone checks//EN"


@dataclass(frozen=True, slots=True)
class ChildChecks:
    """One child's coming checks: ``key`` is their name key, ``name`` as written."""

    key: str
    name: str | None
    birth_date: dt.date
    checks: Sequence[NextCheck]


def event_uid(key: str, birth_date: dt.date, months: int | None) -> str:
    """The same child and checklist always give the same UID (names are hashed away)."""
    which = "handover" if months is None else f"{months}m"
    digest = hashlib.sha256(f"{key}\x00{birth_date.isoformat()}".encode()).hexdigest()[:20]
    return f"{digest}-{which}@ottool"


def check_title(check: NextCheck) -> str:
    """What the check is, in a few words."""
    if check.months is None:
        return _("Ask the doctor about developmental screening")
    if check.why == "now":
        return _("Talk with your child's doctor (milestone check, {months} months)").format(
            months=check.months
        )
    if check.why == "recheck":
        return _("Milestone check again ({months}-month checklist)").format(months=check.months)
    return _("Milestone check: {months}-month checklist").format(months=check.months)


def calendar_bytes(
    children: Sequence[ChildChecks], *, with_names: bool = False, now: dt.datetime | None = None
) -> bytes:
    """The calendar file's bytes."""
    from icalendar import Alarm, Calendar, Event

    stamp = now or dt.datetime.now(dt.UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("Milestone checks"))
    for child in children:
        for check in child.checks:
            title = check_title(check)
            if with_names and child.name:
                title = _("{title} – {child}").format(title=title, child=child.name)
            event = Event()
            event.add("uid", event_uid(child.key, child.birth_date, check.months))
            event.add("dtstamp", stamp)
            event.add("summary", title)
            event.add("dtstart", check.date)
            event.add("dtend", check.date + dt.timedelta(days=1))
            event.add("transp", "TRANSPARENT")
            event.add("description", _check_description(check))
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", title)
            alarm.add("trigger", dt.timedelta(days=-REMINDER_DAYS))
            event.add_component(alarm)
            calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def _check_description(check: NextCheck) -> str:
    if check.months is None:
        return _(
            "ottool's checklists end here. Ask your child's doctor about developmental "
            "screening at the next check-up."
        )
    return _(
        "Answer the milestone questions again with `ottool screen`, and bring the summary "
        "(`ottool summary`) to your child's next visit. A milestone check, not a diagnosis."
    )
