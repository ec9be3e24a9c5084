"""The practice log in the history (issue 24): migration 4 on histories made by earlier
ottool versions, logging and undoing through the session, practice kept against the
plan's dose, one child for a name typed two ways."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import stat
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup import FIRST, FIXTURE, MIA_BORN, SECOND, TODAY, save_screening
from ottool import session
from ottool.core.content import load_content
from ottool.core.errors import InputError
from ottool.core.practice_kept import practice_kept, week_start
from ottool.storage.history import delete_screening, list_screenings
from ottool.storage.history.identity import children, choose_child
from ottool.storage.history.migrations import SCHEMA_VERSION
from ottool.storage.history.practice import practice_of

HISTORIES = Path(__file__).parent / "fixtures" / "history"
SCREENINGS = "SELECT id, saved_at, child, result_json, answers_json, result_sha256 FROM screenings"
PLANS = (
    "SELECT id, saved_at, given_on, child, child_key, birth_date, therapist, screening_id,"
    " plan_json FROM plans"
)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("OTTOOL_HOME", str(folder))
    monkeypatch.setenv("OTTOOL_DATA_DIR", str(FIXTURE))
    return folder


@pytest.fixture
def mia(home: Path, tmp_path: Path) -> Path:
    """Mia's two screenings, ten days ago and today; her plan is the second one's."""
    save_screening(tmp_path, FIRST, on=TODAY - dt.timedelta(days=10))
    save_screening(tmp_path, SECOND)
    return home / "history.sqlite3"


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    db = sqlite3.connect(path)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def old_history(home: Path, name: str) -> Path:
    home.mkdir(mode=0o700)
    path = home / "history.sqlite3"
    shutil.copy(HISTORIES / name, path)
    path.chmod(0o600)
    return path


# --------------------------------------------------------------------------- migration 4


@pytest.mark.parametrize(
    ("fixture", "version", "count"), [("version-2.sqlite3", 2, 3), ("version-3.sqlite3", 3, 3)]
)
def test_an_older_history_is_upgraded_to_the_practice_log_keeping_every_screening(
    home: Path, fixture: str, version: int, count: int
) -> None:
    path = old_history(home, fixture)
    before = rows(path, SCREENINGS)
    plans_before = rows(path, PLANS) if version == 3 else []
    assert rows(path, "PRAGMA user_version") == [(version,)] and len(before) == count
    assert len(list_screenings()) == count
    assert rows(path, "PRAGMA user_version") == [(SCHEMA_VERSION,)] == [(5,)]
    assert rows(path, SCREENINGS) == before  # not one byte of a screening changed
    assert rows(path, PLANS) == plans_before
    assert rows(path, "SELECT COUNT(*) FROM practice") == [(0,)]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert (HISTORIES / fixture).read_bytes() != path.read_bytes()  # the fixture is a copy


def test_practice_is_logged_in_a_version_3_history_against_the_plan_given(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OTTOOL_DATA_DIR")
    path = old_history(home, "version-3.sqlite3")
    content = load_content(None)  # the history was made with the shipped content
    leo = session.which_child("leo")
    assert (leo.name, leo.birth_date) == ("Leo", "2026-07-01")
    plan = session.plan_today(leo, dt.date(2026, 12, 3))
    # The plan given on 2026-12-03 from screening 1 is newer than the screening.
    assert plan is not None and (plan.kind, plan.number) == ("plan", 1)
    first = plan.activity_ids[0]
    (logged,) = session.log_practice(
        leo, [first], content, on=dt.date(2026, 12, 3), minutes=5, today=dt.date(2026, 12, 3)
    )
    assert logged.in_plan
    assert rows(
        path, "SELECT child, birth_date, plan_id, screening_id, activity FROM practice"
    ) == [("Leo", "2026-07-01", 1, None, first)]
    # Before the plan was given, the screening's plan was the one practiced.
    earlier = session.plan_today(leo, dt.date(2026, 11, 20))
    assert earlier is not None and (earlier.kind, earlier.number) == ("screening", 1)


# --------------------------------------------------------------------------- logging


def test_logging_links_each_practice_to_the_plan_of_its_day(mia: Path) -> None:
    content = load_content(FIXTURE)
    child = session.which_child(" MIA ")
    yesterday = TODAY - dt.timedelta(days=1)
    session.log_practice(child, ["tummy-time"], content, minutes=5)
    session.log_practice(child, ["open-hands"], content, on=yesterday)
    found = rows(mia, "SELECT activity, practiced_on, minutes, screening_id FROM practice")
    # Yesterday's practice followed the plan of the screening ten days ago (number 1).
    assert found == [
        ("tummy-time", TODAY.isoformat(), 5, 2),
        ("open-hands", str(yesterday), None, 1),
    ]
    assert [e.activity for e in practice_of(child)] == ["open-hands", "tummy-time"]
    assert stat.S_IMODE(mia.stat().st_mode) == 0o600


def test_undo_removes_only_the_last_entry(mia: Path) -> None:
    content = load_content(FIXTURE)
    child = session.which_child(None)
    session.log_practice(child, ["tummy-time", "open-hands"], content)
    undone = session.undo_practice()
    assert undone is not None and undone.activity == "open-hands"
    assert rows(mia, "SELECT activity FROM practice") == [("tummy-time",)]
    session.undo_practice(child)
    assert session.undo_practice() is None


@pytest.mark.parametrize(
    ("activities", "on", "minutes", "says"),
    [
        (["tummy"], None, None, "'tummy' is not an activity id (did you mean 'tummy-time'?)"),
        (["tummy-time"], dt.date(2999, 1, 1), None, "2999-01-01 is in the future"),
        (["tummy-time"], dt.date(2000, 1, 1), None, "is before the child's birth date"),
        (["tummy-time"], None, 0, "--minutes must be between 1 and 240"),
    ],
)
def test_bad_practice_is_refused_with_one_sentence(
    mia: Path, activities: list[str], on: dt.date | None, minutes: int | None, says: str
) -> None:
    content = load_content(FIXTURE)
    with pytest.raises(InputError, match=None) as raised:
        session.log_practice(
            session.which_child("Mia"), activities, content, on=on, minutes=minutes
        )
    assert says in str(raised.value)
    assert rows(mia, "SELECT COUNT(*) FROM practice") == [(0,)]


def test_deleting_a_childs_last_record_deletes_their_practice(mia: Path, tmp_path: Path) -> None:
    content = load_content(FIXTURE)
    save_screening(tmp_path, {}, name="Leo")
    session.log_practice(session.which_child("Mia"), ["tummy-time"], content)
    session.log_practice(session.which_child("Leo"), ["songs"], content)
    delete_screening(1)  # Mia keeps screening 2: her practice stays
    assert rows(mia, "SELECT activity, screening_id FROM practice ORDER BY id") == [
        ("tummy-time", 2),
        ("songs", 3),
    ]
    delete_screening(2)
    assert rows(mia, "SELECT activity FROM practice") == [("songs",)]


# --------------------------------------------------------------------------- which child


def test_a_name_typed_in_two_unicode_forms_is_one_child(home: Path, tmp_path: Path) -> None:
    composed, decomposed = "Zoé", unicodedata.normalize("NFD", "Zoé")
    assert composed != decomposed
    save_screening(tmp_path, FIRST, name=composed, on=TODAY - dt.timedelta(days=3))
    save_screening(tmp_path, SECOND, name=decomposed)
    assert len(children()) == 1
    assert len(list_screenings(decomposed)) == len(list_screenings(composed)) == 2
    assert choose_child(decomposed.upper()).name == composed


def test_no_name_means_the_only_child_and_several_need_a_name(mia: Path, tmp_path: Path) -> None:
    assert session.which_child(None).name == "Mia"
    other = MIA_BORN - dt.timedelta(days=60)
    save_screening(tmp_path, {}, name="mia", born=other)
    with pytest.raises(InputError, match="several children in the history"):
        session.which_child(None)
    with pytest.raises(InputError, match="add --born DATE") as raised:
        session.which_child("Mia")
    assert f"Mia (born {MIA_BORN})" in str(raised.value)
    assert session.which_child("MIA", str(other)).birth_date == str(other)


def test_a_version_3_history_with_a_name_in_two_forms_is_merged_by_the_migration(
    home: Path,
) -> None:
    path = old_history(home, "version-3.sqlite3")
    db = sqlite3.connect(path)
    # As an earlier ottool stored it: its key was the name in the form it was typed.
    nfd = unicodedata.normalize("NFD", "Zoé")
    db.execute("UPDATE screenings SET child = ?, child_key = ? WHERE id = 2", (nfd, nfd.lower()))
    db.execute("UPDATE screenings SET child = 'Zoé', child_key = 'zoé' WHERE id = 3")
    db.execute("UPDATE screenings SET birth_date = '2026-01-10' WHERE id IN (2, 3)")
    db.commit()
    db.close()
    assert len(list_screenings("zoé")) == 2


# --------------------------------------------------------------------------- practice kept


def test_practice_kept_counts_days_against_the_dose() -> None:
    today = dt.date(2026, 12, 3)  # a Thursday
    start = dt.date(2026, 11, 19)  # two weeks ago: 15 days up to today
    monday = week_start(today)
    logged = [
        ("a", monday, 5),
        ("a", monday, 3),  # twice on one day counts once
        ("a", monday + dt.timedelta(days=1), None),
        ("a", monday - dt.timedelta(days=2), None),  # last week's Saturday
        ("a", start - dt.timedelta(days=1), None),  # before the plan: another plan's
        ("b", today, None),
        ("elsewhere", today, 10),
    ]
    a, b = practice_kept([("a", 7), ("b", 3)], logged, start, today)
    assert (a.this_week, a.last_week, a.since_plan, a.since_plan_target) == (2, 1, 3, 15)
    assert a.minutes == 8
    assert (b.days_per_week, b.this_week, b.since_plan, b.since_plan_target) == (3, 1, 1, 7)
    assert a.recent_span[0] == monday - dt.timedelta(days=7) and a.recent_span[-1] == today
    assert a.recent_days == (monday - dt.timedelta(days=2), monday, monday + dt.timedelta(days=1))
    (none,) = practice_kept([("a", None)], [], today, today)
    assert (none.days_per_week, none.since_plan_target, none.kept_share) == (7, 1, 0.0)


@settings(max_examples=200, deadline=None)
@given(
    start=st.dates(dt.date(2025, 1, 1), dt.date(2027, 1, 1)),
    span=st.integers(0, 120),
    dose=st.integers(1, 7),
    days=st.lists(st.integers(-30, 150), max_size=60),
)
def test_practice_kept_never_counts_more_days_than_there_are(
    start: dt.date, span: int, dose: int, days: list[int]
) -> None:
    today = start + dt.timedelta(days=span)
    logged = [("a", start + dt.timedelta(days=n), None) for n in days]
    (kept,) = practice_kept([("a", dose)], logged, start, today)
    assert 0 <= kept.since_plan <= span + 1
    assert kept.since_plan_target <= span + 1
    assert kept.this_week <= min(7, kept.since_plan) and kept.last_week <= 7
    assert 0.0 <= kept.kept_share <= 1.0
    assert all(start <= d <= today for d in kept.recent_days)


def test_practice_through_the_session_takes_the_contents_dose(mia: Path) -> None:
    content = load_content(FIXTURE)
    child = session.which_child("Mia")
    plan = session.plan_today(child)
    assert plan is not None
    session.log_practice(child, plan.activity_ids[:1], content)
    kept = session.practice(child, content)
    assert [k.activity for k in kept.kept] == plan.activity_ids
    first = kept.kept[0]
    assert (first.this_week, first.since_plan, first.since_plan_target) == (1, 1, 1)
    dose = content.activity_by_id[first.activity].days_per_week
    assert first.days_per_week == dose
