"""The coming checks of a child as a family reads them (`ottool next`) and as calendar
events (`--ics`, docs/design.md §10): every word is chosen here, in the run's language.

Each event's UID is made from the child (name key and birth date) and the checklist,
hashed: importing a newer calendar file updates the events instead of adding copies,
and the UID says nothing about the child. Calendars sync to the cloud, so the child's
name is left out of the events unless asked for (``--ics-name``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass

from ottool.core.i18n import _
from ottool.core.next_check import NextCheck

#: Days before a check when the calendar reminds.
REMINDER_DAYS = 7


@dataclass(frozen=True, slots=True)
class ChildChecks:
    """One child's coming checks: ``key`` is their name as matched, ``name`` as written."""

    key: str
    name: str | None
    birth_date: dt.date
    checks: tuple[NextCheck, ...]


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One all-day event: the check's day, a title, a description and a stable UID."""

    uid: str
    day: dt.date
    title: str
    description: str
    reminder_days: int = REMINDER_DAYS


@dataclass(frozen=True, slots=True)
class CheckCalendar:
    """What a calendar file holds: its name and one event a coming check."""

    name: str
    events: tuple[CalendarEvent, ...]


def event_uid(key: str, birth_date: dt.date, months: int | None, secret: bytes = b"") -> str:
    """The same child and checklist always give the same UID for one ``secret`` (the
    user's calendar key, storage/calendar_key.py): the name and birth date are keyed away,
    so a calendar written without the name does not give it back to a list of names."""
    which = "handover" if months is None else f"{months}m"
    message = f"{key}\x00{birth_date.isoformat()}".encode()
    digest = hmac.new(secret, message, hashlib.sha256).hexdigest()[:20]
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


def check_description(check: NextCheck) -> str:
    """What to do on the day."""
    if check.months is None:
        return _(
            "ottool's checklists end here. Ask your child's doctor about developmental "
            "screening at the next check-up."
        )
    return _(
        "Answer the milestone questions again with `ottool screen` and bring the result to "
        "your child's next visit. A milestone check, not a diagnosis."
    )


def build_calendar(
    children: Sequence[ChildChecks], *, with_names: bool = False, secret: bytes = b""
) -> CheckCalendar:
    """The calendar of every coming check of ``children``; names only ``with_names``; UIDs
    keyed with ``secret`` (:func:`event_uid`)."""
    events = []
    for child in children:
        for check in child.checks:
            title = check_title(check)
            if with_names and child.name:
                title = _("{title} – {child}").format(title=title, child=child.name)
            events.append(
                CalendarEvent(
                    uid=event_uid(child.key, child.birth_date, check.months, secret),
                    day=check.date,
                    title=title,
                    description=check_description(check),
                )
            )
    return CheckCalendar(_("Milestone checks"), tuple(events))
