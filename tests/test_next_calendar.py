"""`ottool next` and `--ics FILE`: the coming checks, and a calendar a second parser reads."""

from __future__ import annotations

import datetime as dt
import json
import stat
from pathlib import Path
from typing import Any

import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from followup import FIRST, FIXTURE, MIA_BORN, TODAY, run, save_screening
from ottool.content import load_content
from ottool.history.coming import coming_checks_after

LEO_BORN = TODAY - dt.timedelta(days=75)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("OTTOOL_HOME", str(folder))
    monkeypatch.setenv("OTTOOL_DATA_DIR", str(FIXTURE))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    return folder


@pytest.fixture
def family(home: Path, tmp_path: Path) -> Path:
    """Mia (a result worth talking about) and Leo (born at 34 weeks, all yes)."""
    save_screening(tmp_path, FIRST)
    yes = {"gm-2m-head-up": "yes", "fm-2m-opens-hands": "yes", "se-2m-calms": "yes"}
    save_screening(tmp_path, yes, name="Leo", born=LEO_BORN, weeks=34)
    return home


def read_calendar(path: Path) -> Any:
    """The calendar read back by vobject, a parser independent of the one that wrote it."""
    return vobject.readOne(path.read_text(encoding="utf-8"))


def test_next_lists_each_childs_coming_checks(family: Path) -> None:
    data = json.loads(run("next", "--format", "json").stdout)
    assert data["format"] == "ottool-next/1"
    mia, leo = data["children"]
    assert mia["name"] == "Mia" and leo["name"] == "Leo"
    # Mia's result asks to talk with someone: her next check is now.
    assert mia["checks"][0] == {"date": TODAY.isoformat(), "months": 4, "why": "now"}
    # Leo, corrected age about 3 weeks: his next checklist is the 2-month one at corrected age.
    assert leo["checks"][0]["months"] == 2
    assert leo["checks"][0]["date"] > TODAY.isoformat()
    for child in data["children"]:
        days = [c["date"] for c in child["checks"]]
        assert days == sorted(days) and days[0] >= TODAY.isoformat()
    one = json.loads(run("next", "--child", "leo", "--format", "json").stdout)
    assert [c["name"] for c in one["children"]] == ["Leo"]
    shown = run("next")
    assert shown.exit_code == 0
    assert "Mia" in shown.stdout and "Leo" in shown.stdout
    assert "6-month checklist" in shown.stdout


def test_the_calendar_has_one_all_day_event_per_check_and_no_names(
    family: Path, tmp_path: Path
) -> None:
    path = tmp_path / "checks.ics"
    result = run("next", "--ics", path)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    checks = json.loads(run("next", "--format", "json").stdout)["children"]
    calendar = read_calendar(path)
    events = calendar.vevent_list
    assert len(events) == sum(len(c["checks"]) for c in checks)
    for event in events:
        start = event.dtstart.value
        assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)  # all day
        assert event.dtend.value == start + dt.timedelta(days=1)
        assert event.uid.value.endswith("@ottool")
        (alarm,) = event.valarm_list
        assert alarm.action.value == "DISPLAY"
        assert alarm.trigger.value == dt.timedelta(days=-7)
    text = path.read_text(encoding="utf-8")
    assert "Mia" not in text and "Leo" not in text  # calendars sync to the cloud
    uids = [e.uid.value for e in events]
    assert len(set(uids)) == len(uids)

    # Written again (a newer file): the same UIDs, so importing it updates the events.
    again = tmp_path / "again.ics"
    assert run("next", "--ics", again).exit_code == 0
    assert [e.uid.value for e in read_calendar(again).vevent_list] == uids


def test_names_only_when_asked_and_spanish(family: Path, tmp_path: Path) -> None:
    path = tmp_path / "named.ics"
    assert run("next", "--child", "Mia", "--ics", path, "--ics-name", "--lang", "es").exit_code == 0
    summaries = [e.summary.value for e in read_calendar(path).vevent_list]
    assert all("Mia" in s for s in summaries)
    assert any("Revisión de indicadores" in s for s in summaries)


def test_an_existing_calendar_is_not_replaced_without_force(family: Path, tmp_path: Path) -> None:
    path = tmp_path / "mine.ics"
    path.write_text("my own calendar")
    refused = run("next", "--ics", path)
    assert refused.exit_code == 1 and "--force" in refused.stderr
    assert path.read_text() == "my own calendar"
    assert run("next", "--ics", path, "--force").exit_code == 0


def test_screen_and_plan_write_the_calendar_too(family: Path, tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        f"child: {{name: Noa, birth_date: {MIA_BORN.isoformat()}}}\ndate: {TODAY.isoformat()}\n"
        "answers: {gm-4m-head-steady: yes, gm-4m-pushes-up: yes, fm-4m-holds-toy: yes,"
        " fm-4m-hands-to-mouth: yes, se-4m-smiles: yes}\n"
    )
    screened = tmp_path / "screen.ics"
    result = run("screen", "--answers", answers, "--format", "json", "--ics", screened)
    assert result.exit_code == 0, result.output
    events = read_calendar(screened).vevent_list
    assert events[0].summary.value == "Milestone check: 6-month checklist"
    planned = tmp_path / "plan.ics"
    result = run("plan", "--from-history", "1", "--format", "json", "--ics", planned)
    assert result.exit_code == 0, result.output
    assert read_calendar(planned).vevent_list
    no_child = run("plan", "--age-months", "4", "--ics", tmp_path / "x.ics")
    assert no_child.exit_code == 1 and "--ics needs a screening" in no_child.stderr


@settings(max_examples=60, deadline=None)
@given(
    age_days=st.integers(min_value=0, max_value=800),
    screened_ago=st.integers(min_value=0, max_value=200),
    weeks=st.integers(min_value=24, max_value=42),
    overall=st.sampled_from(["on_track", "monitor", "incomplete", "discuss", "urgent"]),
)
def test_coming_checks_are_never_past_nor_beyond_the_last_checklist(
    age_days: int, screened_ago: int, weeks: int, overall: str
) -> None:
    content = load_content(FIXTURE)
    today = dt.date(2026, 6, 1)
    born = today - dt.timedelta(days=age_days)
    screened = max(born, today - dt.timedelta(days=screened_ago))
    result = {
        "format": "ottool-result/1",
        "date": screened.isoformat(),
        "child": {"birth_date": born.isoformat(), "gestational_weeks": weeks},
        "age": {"chronological_months": 0},
        "checklist": {"months": 2},
        "domains": [],
        "overall": overall,
    }
    checks = coming_checks_after(result, content, today)
    assert checks
    dates = [c.date for c in checks]
    assert dates[0] >= today and dates == sorted(dates)
    months = [c.months for c in checks if c.months is not None]
    assert len(months) == len(set(months))  # one event per checklist: stable UIDs
    assert all(m <= max(content.checklists) for m in months)
    if overall in ("discuss", "urgent"):
        assert checks[0].date == today and checks[0].why == "now"
    if overall in ("monitor", "incomplete") and screened_ago <= 28:
        assert checks[0].date <= screened + dt.timedelta(days=28)


def test_a_check_already_due_is_due_today_in_the_summary_too(home: Path, tmp_path: Path) -> None:
    save_screening(tmp_path, FIRST, on=TODAY - dt.timedelta(days=60), born=MIA_BORN)
    data = json.loads(run("summary", "--format", "json").stdout)
    assert data["next_check"]["date"] == TODAY.isoformat()
    listed = json.loads(run("next", "--format", "json").stdout)["children"][0]["checks"][0]
    assert listed == {"date": data["next_check"]["date"], "months": data["next_check"]["months"],
                      "why": data["next_check"]["why"]}  # fmt: skip
