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
from ottool.core.next_check import NOW_ACTS, NextCheck
from ottool.core.printable import printable
from ottool.core.vocabulary import Act
from ottool.documents.wording import ACT_LABELS, NEUTRAL_EMERGENCY_SHORT

#: Days before a check when the calendar reminds.
REMINDER_DAYS = 7


@dataclass(frozen=True, slots=True)
class ChildChecks:
    """One child's coming checks: ``key`` is their name as matched, ``name`` as written."""

    key: str
    name: str | None
    birth_date: dt.date
    checks: tuple[NextCheck, ...]
    #: The latest result's ``act``: a "now" check says its time frame in the result's
    #: own headline words (documents/wording/result.py ``ACT_LABELS``), not a routine check's.
    act: Act | None = None
    #: The emergency number an ``emergency`` headline names (the result's region).
    emergency: str = ""


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One all-day event: the check's day, a title, a description and a stable UID."""

    uid: str
    day: dt.date
    title: str
    description: str
    #: Days before the event when the calendar reminds; None: no reminder (the day has
    #: come, so a reminder would already be in the past).
    reminder_days: int | None = REMINDER_DAYS


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


def _urgent(check: NextCheck, act: Act | None) -> Act | None:
    """The result's act when the check is "now" because of it (sooner than any check)."""
    return act if check.why == "now" and act in NOW_ACTS else None


def check_title(check: NextCheck, act: Act | None = None, emergency: str = "") -> str:
    """What the check is, in a few words: after a result that asks to talk with someone
    (``act`` emergency/today/days/visit), that result's headline, the same words as the
    screening's headline box."""
    urgent = _urgent(check, act)
    if urgent is not None:
        number = emergency or _(NEUTRAL_EMERGENCY_SHORT)
        return _(ACT_LABELS[urgent][1]).format(emergency=number)
    if check.months is None:
        return _("Ask the doctor about developmental screening")
    if check.why == "now":
        return _("Talk with your child's doctor (milestone check, {months} months)").format(
            months=check.months
        )
    if check.why == "recheck":
        return _("Milestone check again ({months}-month checklist)").format(months=check.months)
    return _("Milestone check: {months}-month checklist").format(months=check.months)


def check_description(check: NextCheck, act: Act | None = None, emergency: str = "") -> str:
    """What to do on the day."""
    urgent = _urgent(check, act)
    if urgent == "visit":
        return _(
            "{headline}. Bring the screening's result to the visit, or book one if it is a "
            "while away. A milestone check, not a diagnosis."
        ).format(headline=check_title(check, act, emergency))
    if urgent == "emergency":
        return _(
            "{headline}. Then contact your child's doctor and bring the screening's result "
            "with you."
        ).format(headline=check_title(check, act, emergency))
    if urgent is not None:
        return _(
            "{headline}. Do not wait for a routine visit or another milestone check; bring "
            "the screening's result with you."
        ).format(headline=check_title(check, act, emergency))
    if check.months is None:
        return _(
            "ottool's checklists end here. Ask your child's doctor about developmental "
            "screening at the next check-up."
        )
    return _(
        "Answer the milestone questions again with `ottool screen` and bring the result to "
        "your child's next visit. A milestone check, not a diagnosis."
    )


def reminder_days(day: dt.date, today: dt.date) -> int | None:
    """Days before ``day`` to remind: a week, or fewer when the event is sooner, so that
    the reminder never falls before ``today``'s end (an all-day event's reminder counts
    from its midnight); None for an event due today or earlier."""
    ahead = (day - today).days
    if ahead <= 0:
        return None
    return min(REMINDER_DAYS, ahead - 1)


def build_calendar(
    children: Sequence[ChildChecks],
    *,
    with_names: bool = False,
    secret: bytes = b"",
    today: dt.date | None = None,
) -> CheckCalendar:
    """The calendar of every coming check of ``children``; names only ``with_names``; UIDs
    keyed with ``secret`` (:func:`event_uid`); no reminder before ``today``."""
    today = today or dt.date.today()
    events = []
    for child in children:
        for check in child.checks:
            title = check_title(check, child.act, child.emergency)
            if with_names and child.name:
                # A calendar line holds no control characters (RFC 5545): made visible.
                name = printable(child.name).replace("\n", " ").replace("\t", " ")
                title = _("{title} – {child}").format(title=title, child=name)
            events.append(
                CalendarEvent(
                    uid=event_uid(child.key, child.birth_date, check.months, secret),
                    day=check.date,
                    title=title,
                    description=check_description(check, child.act, child.emergency),
                    reminder_days=reminder_days(check.date, today),
                )
            )
    return CheckCalendar(_("Milestone checks"), tuple(events))
