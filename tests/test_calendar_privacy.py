"""A calendar written without names does not give the child's name back (its UIDs)."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import pytest
import vobject

from followup import FIXTURE, MIA_BORN, SECOND, run, save_screening


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("OTTOOL_HOME", str(folder))
    monkeypatch.setenv("OTTOOL_DATA_DIR", str(FIXTURE))
    save_screening(tmp_path, SECOND)
    return folder


def uids(path: Path) -> list[str]:
    calendar = vobject.readOne(path.read_text(encoding="utf-8"))
    return [event.uid.value for event in calendar.vevent_list]


def test_the_uids_cannot_be_matched_against_a_list_of_names(home: Path, tmp_path: Path) -> None:
    # The birth date can be read from the events' dates; an unkeyed hash of name and
    # birth date would let anyone with a list of names find "Mia" in a nameless calendar.
    path = tmp_path / "checks.ics"
    assert run("next", "--ics", path).exit_code == 0
    found = uids(path)
    assert found
    for name in ("mia", "Mia", "MIA"):
        guess = hashlib.sha256(f"{name}\x00{MIA_BORN.isoformat()}".encode()).hexdigest()[:20]
        assert not any(uid.startswith(guess) for uid in found)
    key = home / "calendar.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    # The key keeps them stable: written again, the same UIDs (an import updates).
    again = tmp_path / "again.ics"
    assert run("next", "--ics", again).exit_code == 0
    assert uids(again) == found


def test_a_damaged_key_is_replaced_and_the_key_is_never_an_output(
    home: Path, tmp_path: Path
) -> None:
    key = home / "calendar.key"
    key.write_text("not a key\n", encoding="ascii")
    path = tmp_path / "checks.ics"
    assert run("next", "--ics", path).exit_code == 0
    assert len(bytes.fromhex(key.read_text(encoding="ascii").strip())) == 16
    refused = run("next", "--ics", key, "--force")
    assert refused.exit_code == 1
    assert len(bytes.fromhex(key.read_text(encoding="ascii").strip())) == 16


def test_a_name_with_control_characters_is_made_visible_in_the_calendar() -> None:
    """A calendar line holds no control characters (RFC 5545): ESC, BEL and a
    right-to-left override in a name typed at the questionnaire are made visible."""
    import datetime as dt

    from ottool.core.next_check import NextCheck
    from ottool.documents.coming_checks import ChildChecks, build_calendar

    check = NextCheck(dt.date(2027, 1, 4), 6, "next_checklist")
    child = ChildChecks("leo", "Le\x1b[31mo\x07\u202e", dt.date(2026, 7, 1), (check,))
    (event,) = build_calendar([child], with_names=True, today=dt.date(2026, 12, 3)).events
    assert "Le␛[31mo␇" in event.title
    assert not any(ord(c) < 0x20 or c == "\u202e" for c in event.title)
