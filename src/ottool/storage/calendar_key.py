"""The private key that keeps calendar event UIDs stable without giving the child away.

A calendar's UID must stay the same for one child and checklist, so that importing the
file again updates its events instead of adding copies (RFC 5545). A plain hash of the
child's name and birth date would do that, but the birth date can be read from the
events' dates, and a list of names then recovers the name from a calendar written
without it. So the UID is keyed with a random secret kept in ottool's private folder
(0600), made the first time a calendar is written (docs/decisions.md, "After the
screening").
"""

from __future__ import annotations

import secrets

from ottool.storage.atomic_write import write_atomic
from ottool.storage.home_folder import CALENDAR_KEY_FILE, home_dir

_KEY_BYTES = 16


def calendar_key() -> bytes:
    """This user's calendar key, made (and kept, private) on first use.

    A key file that is not what ottool wrote is replaced by a new key: the UIDs of
    calendars written before then change, which costs a second copy of their events in
    the calendar, never the child's privacy.
    """
    path = home_dir() / CALENDAR_KEY_FILE
    try:
        text = path.read_text(encoding="ascii").strip()
        key = bytes.fromhex(text)
        if len(key) == _KEY_BYTES:
            return key
    except (OSError, ValueError, UnicodeError):
        pass
    key = secrets.token_bytes(_KEY_BYTES)
    write_atomic(path, key.hex() + "\n", private=True)
    return key
