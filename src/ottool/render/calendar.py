"""A calendar document as an RFC 5545 file (``.ics``), written with ``icalendar``.

One all-day event a check (``DTSTART``/``DTEND`` dates, shown as free time), with a
display alarm ``reminder_days`` before (none when the document gives None). Every
word comes from the document.
"""

from __future__ import annotations

import datetime as dt

from ottool.documents.coming_checks import CheckCalendar

PRODUCT_ID = "-//ottool//Milestone checks//EN"


def calendar_bytes(calendar: CheckCalendar, *, now: dt.datetime | None = None) -> bytes:
    """The calendar file's bytes (CRLF lines, UTF-8)."""
    from icalendar import Alarm, Calendar, Event

    stamp = now or dt.datetime.now(dt.UTC)
    ics = Calendar()
    ics.add("prodid", PRODUCT_ID)
    ics.add("version", "2.0")
    ics.add("calscale", "GREGORIAN")
    ics.add("x-wr-calname", calendar.name)
    for item in calendar.events:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("summary", item.title)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + dt.timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        event.add("description", item.description)
        if item.reminder_days is not None:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", item.title)
            alarm.add("trigger", dt.timedelta(days=-item.reminder_days))
            event.add_component(alarm)
        ics.add_component(event)
    data: bytes = ics.to_ical()
    return data
