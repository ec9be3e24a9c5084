"""After the screening, as families and scripts call it (issue 24): `ottool log` (with
the tick list in a pseudo-terminal), `ottool next` and `--ics` calendars read back by a
second parser (vobject), `ottool progress`."""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
import stat
import sys
from pathlib import Path
from typing import Any

import pytest
import vobject

from followup import FIRST, FIXTURE, MIA_BORN, SECOND, TODAY, run, save_screening

LEO_BORN = TODAY - dt.timedelta(days=75)
ALL_YES = {"gm-2m-head-up": "yes", "fm-2m-opens-hands": "yes", "se-2m-calms": "yes"}


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("OTTOOL_HOME", str(folder))
    monkeypatch.setenv("OTTOOL_DATA_DIR", str(FIXTURE))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    return folder


@pytest.fixture
def mia(home: Path, tmp_path: Path) -> Path:
    """Mia's two screenings, ten days ago and today; her plan is the second one's."""
    save_screening(tmp_path, FIRST, on=TODAY - dt.timedelta(days=10))
    save_screening(tmp_path, SECOND)
    return home / "history.sqlite3"


@pytest.fixture
def family(mia: Path, tmp_path: Path) -> Path:
    """Mia, and Leo (born at 34 weeks, every answer yes)."""
    save_screening(tmp_path, ALL_YES, name="Leo", born=LEO_BORN, weeks=34)
    return mia


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    db = sqlite3.connect(path)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def read_calendar(path: Path) -> Any:
    """The calendar read back by vobject, a parser independent of the one that wrote it."""
    return vobject.readOne(path.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- ottool log


def test_log_links_each_practice_to_the_plan_of_its_day(mia: Path) -> None:
    logged = run("log", "tummy-time", "--minutes", "5")
    assert logged.exit_code == 0, logged.output
    assert "Logged: Tummy time for Mia on" in logged.stdout
    yesterday = (TODAY - dt.timedelta(days=1)).isoformat()
    assert run("log", "open-hands", "--child", " MIA ", "--date", yesterday).exit_code == 0
    found = rows(mia, "SELECT activity, practiced_on, minutes, screening_id FROM practice")
    assert found == [("tummy-time", TODAY.isoformat(), 5, 2), ("open-hands", yesterday, None, 1)]
    assert stat.S_IMODE(mia.stat().st_mode) == 0o600


def test_log_undo_removes_only_the_last_entry(mia: Path) -> None:
    run("log", "tummy-time")
    run("log", "open-hands")
    undone = run("log", "--undo")
    assert undone.exit_code == 0 and "Removed: Open hands" in undone.stdout
    assert rows(mia, "SELECT activity FROM practice") == [("tummy-time",)]
    run("log", "--undo", "--child", "mia")
    nothing = run("log", "--undo")
    assert nothing.exit_code == 0 and "There is no practice logged" in nothing.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["log", "tummy"], "'tummy' is not an activity id (did you mean 'tummy-time'?)"),
        (["log", "tummy-time", "--date", "2026-02-30"], "--date '2026-02-30' is not a date"),
        (["log", "tummy-time", "--date", "2999-01-01"], "2999-01-01 is in the future"),
        (["log", "tummy-time", "--date", "2000-01-01"], "is before the child's birth date"),
        (["log", "tummy-time", "--minutes", "0"], "--minutes must be between 1 and 240"),
        (["log", "tummy-time", "--child", "Noah"], "there is no child called 'Noah'"),
        (["log", "tummy-time", "--born", "10-01-2026"], "--born '10-01-2026' is not a date"),
        (["log", "--undo", "tummy-time"], "--undo removes the last entry"),
        (["log", "--minutes", "5"], "give the ACTIVITY to log with --date or --minutes"),
        (["log"], "there is no terminal to show the tick list"),
    ],
)
def test_log_bad_input_is_one_clear_line(mia: Path, args: list[str], says: str) -> None:
    result = run(*args)
    assert result.exit_code == 1
    assert says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert rows(mia, "SELECT COUNT(*) FROM practice") == [(0,)]


def test_log_with_no_history_says_so(home: Path) -> None:
    result = run("log", "tummy-time")
    assert result.exit_code == 1 and "No screenings are saved yet" in result.stderr


def test_log_outside_the_plan_is_kept_with_a_note_and_spanish(mia: Path) -> None:
    result = run("log", "songs")
    assert result.exit_code == 0 and "not in the current plan" in result.stdout
    spanish = run("log", "tummy-time", "--lang", "es")
    assert spanish.exit_code == 0 and "Registrado:" in spanish.stdout


def test_log_tells_two_children_of_one_name_apart(mia: Path, tmp_path: Path) -> None:
    other = MIA_BORN - dt.timedelta(days=60)
    save_screening(tmp_path, {}, name="mia", born=other)
    ambiguous = run("log", "tummy-time", "--child", "Mia")
    assert ambiguous.exit_code == 1
    assert f"Mia (born {MIA_BORN.isoformat()})" in ambiguous.stderr
    assert f"mia (born {other.isoformat()})" in ambiguous.stderr
    assert "--born DATE" in ambiguous.stderr
    chosen = run("log", "tummy-time", "--child", "Mia", "--born", other.isoformat())
    assert chosen.exit_code == 0, chosen.output
    assert rows(mia, "SELECT birth_date FROM practice") == [(other.isoformat(),)]
    several = run("log", "tummy-time")
    assert several.exit_code == 1 and "several children" in several.stderr


def test_log_undo_with_several_children_asks_which(family: Path) -> None:
    assert run("log", "tummy-time", "--child", "Mia").exit_code == 0
    assert run("log", "tummy-time", "--child", "Leo").exit_code == 0  # another family's
    which = run("log", "--undo")
    assert which.exit_code == 1 and "several children" in which.stderr
    assert "--child" in which.stderr and len(which.stderr.strip().splitlines()) == 1
    assert rows(family, "SELECT child FROM practice ORDER BY id") == [("Mia",), ("Leo",)]
    undone = run("log", "--undo", "--child", "Mia")
    assert undone.exit_code == 0, undone.output
    assert "Removed: Tummy time for Mia on" in undone.stdout
    assert rows(family, "SELECT child FROM practice") == [("Leo",)]


def _spawn(*args: str) -> Any:
    import pexpect

    env = {**os.environ, "TERM": "xterm", "PROMPT_TOOLKIT_NO_CPR": "1"}
    return pexpect.spawn(
        sys.executable,
        ["-m", "ottool", *args],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(30, 100),
    )


@pytest.mark.slow
def test_the_tick_list_logs_what_was_ticked_in_a_terminal(mia: Path) -> None:
    import pexpect

    child = _spawn("log")
    child.expect("Space ticks a line")
    child.expect("Which activities did you do today")
    child.expect("Mirror play")  # every activity of the plan is listed
    child.send(" ")  # tick the first
    child.send("\x1b[B")  # down
    child.send(" ")  # tick the second
    child.send("\r")
    child.expect("2 activities ticked")
    child.expect("Logged: ")
    child.expect(pexpect.EOF)
    if child.isalive():
        child.wait()  # its exit status: close() would kill it
    child.close()
    assert child.exitstatus == 0
    ticked = rows(mia, "SELECT practiced_on, screening_id FROM practice")
    assert ticked == [(TODAY.isoformat(), 2), (TODAY.isoformat(), 2)]


@pytest.mark.slow
def test_ctrl_c_in_the_tick_list_logs_nothing(mia: Path) -> None:
    import pexpect

    child = _spawn("log", "--lang", "es")
    child.expect("¿Qué actividades hizo hoy?")
    child.send(" ")
    child.send("\x03")
    child.expect("No se anotó nada")
    child.expect(pexpect.EOF)
    if child.isalive():
        child.wait()  # its exit status: close() would kill it
    child.close()
    assert rows(mia, "SELECT COUNT(*) FROM practice") == [(0,)]


# --------------------------------------------------------------------------- ottool next


def test_next_lists_each_childs_coming_checks(family: Path) -> None:
    data = json.loads(run("next", "--format", "json").stdout)
    assert data["format"] == "ottool-next/1"
    mia, leo = data["children"]
    assert (mia["name"], leo["name"]) == ("Mia", "Leo")
    assert leo["birth_date"] == LEO_BORN.isoformat()
    # Leo, born at 34 weeks, all yes: the 2-month checklist at corrected age, ahead.
    assert leo["checks"][0]["months"] == 2 and leo["checks"][0]["date"] > TODAY.isoformat()
    for child in data["children"]:
        days = [c["date"] for c in child["checks"]]
        assert days == sorted(days) and days[0] >= TODAY.isoformat()
        assert child["checks"][-1]["months"] is None  # the hand-over to the doctor
    one = json.loads(run("next", "--child", "leo", "--format", "json").stdout)
    assert [c["name"] for c in one["children"]] == ["Leo"]
    shown = run("next")
    assert shown.exit_code == 0
    assert f"Leo (born {LEO_BORN.isoformat()})" in shown.stdout
    assert "Milestone check: 4-month checklist" in shown.stdout


def test_next_with_no_history_says_so(home: Path) -> None:
    result = run("next")
    assert result.exit_code == 0 and "No screenings are saved yet" in result.stdout
    assert json.loads(run("next", "--format", "json").stdout)["children"] == []


def test_the_calendar_has_one_all_day_event_a_check_and_no_names(
    family: Path, tmp_path: Path
) -> None:
    path = tmp_path / "checks.ics"
    result = run("next", "--ics", path)
    assert result.exit_code == 0, result.output
    assert "Calendar with" in result.stderr
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    checks = json.loads(run("next", "--format", "json").stdout)["children"]
    events = read_calendar(path).vevent_list
    assert len(events) == sum(len(c["checks"]) for c in checks)
    for event in events:
        start = event.dtstart.value
        assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)  # all day
        assert start >= TODAY
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


@pytest.mark.parametrize(
    ("lang", "headline"),
    [
        ("en", "Contact your child's doctor within the next few days"),
        ("es", "Comuníquese con el médico de su hijo en los próximos días"),
    ],
)
def test_a_result_that_asks_to_call_the_doctor_is_not_a_routine_check(
    home: Path, tmp_path: Path, lang: str, headline: str
) -> None:
    # Ten days ago Mia had lost skills (act days): the step is the doctor, not a checklist.
    lost_skills = {"ws-lost-skills": True}
    save_screening(tmp_path, FIRST, on=TODAY - dt.timedelta(days=10), signs=lost_skills)
    data = json.loads(run("next", "--format", "json").stdout)
    assert data["children"][0]["checks"][0]["date"] == TODAY.isoformat()
    shown = run("next", "--lang", lang)
    assert shown.exit_code == 0, shown.output
    first_row = " ".join(shown.stdout.split())
    assert headline in first_row
    assert "milestone check, " not in first_row  # not the routine check's words
    path = tmp_path / "urgent.ics"
    assert run("next", "--ics", path, "--lang", lang).exit_code == 0
    first, *later = read_calendar(path).vevent_list
    assert first.dtstart.value == TODAY
    assert first.summary.value == headline
    assert first.description.value.startswith(headline)
    assert "ottool screen" not in first.description.value
    assert not first.contents.get("valarm")  # due today: a reminder would be in the past
    for event in later:
        for alarm in event.valarm_list:
            assert event.dtstart.value + alarm.trigger.value > TODAY


def test_a_reminder_never_falls_before_tomorrow() -> None:
    from ottool.documents.coming_checks import reminder_days

    assert reminder_days(TODAY, TODAY) is None
    assert reminder_days(TODAY - dt.timedelta(days=1), TODAY) is None
    assert reminder_days(TODAY + dt.timedelta(days=1), TODAY) == 0  # on the day itself
    assert reminder_days(TODAY + dt.timedelta(days=3), TODAY) == 2
    assert reminder_days(TODAY + dt.timedelta(days=40), TODAY) == 7


def test_names_only_when_asked_and_in_spanish(family: Path, tmp_path: Path) -> None:
    path = tmp_path / "named.ics"
    result = run("next", "--child", "Mia", "--ics", path, "--ics-name", "--lang", "es")
    assert result.exit_code == 0, result.output
    summaries = [e.summary.value for e in read_calendar(path).vevent_list]
    assert all(s.endswith("– Mia") for s in summaries)
    assert any("Control de indicadores del desarrollo" in s for s in summaries)


def test_an_existing_calendar_is_not_replaced_without_force(family: Path, tmp_path: Path) -> None:
    path = tmp_path / "mine.ics"
    path.write_text("my own calendar")
    refused = run("next", "--ics", path)
    assert refused.exit_code == 1 and "--force" in refused.stderr
    assert path.read_text() == "my own calendar"
    assert run("next", "--ics", path, "--force").exit_code == 0


def test_screen_and_plan_write_the_calendar_too(mia: Path, tmp_path: Path) -> None:
    answers = tmp_path / "noa.yaml"
    yes = dict.fromkeys(FIRST, "yes")
    noa = {"child": {"name": "Noa", "birth_date": MIA_BORN.isoformat()}}
    answers.write_text(json.dumps({**noa, "date": TODAY.isoformat(), "answers": yes}))
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
    assert no_child.exit_code == 1 and "--ics needs the child's birth date" in no_child.stderr


def test_a_child_with_only_a_plan_given_has_coming_checks(home: Path, tmp_path: Path) -> None:
    """A plan given by age (no screening) knows the child's birth date: `next` lists the
    checklists' days, and the plan's --ics writes them, before or after --save; without
    a birth date, --ics is refused before the plan is written."""
    born = TODAY - dt.timedelta(days=40)
    given = run("plan", "--age-months", "1", "--child", "Bea", "--born", born.isoformat(),
                "--activity", "tummy-time", "--save", "--output", tmp_path / "bea.md",
                "--ics", tmp_path / "bea.ics")  # fmt: skip
    assert given.exit_code == 0, given.output
    assert [e.summary.value for e in read_calendar(tmp_path / "bea.ics").vevent_list][:2] == [
        "Milestone check: 2-month checklist",
        "Milestone check: 4-month checklist",
    ]
    listed = json.loads(run("next", "--child", "Bea", "--format", "json").stdout)
    (bea,) = listed["children"]
    assert bea["birth_date"] == born.isoformat()
    assert [c["months"] for c in bea["checks"]][:2] == [2, 4]
    again = run("plan", "--from-plan", "1", "--output", tmp_path / "again.md",
                "--ics", tmp_path / "again.ics")  # fmt: skip
    assert again.exit_code == 0, again.output
    assert read_calendar(tmp_path / "again.ics").vevent_list
    nameless = run("plan", "--age-months", "1", "--activity", "tummy-time",
                   "--output", tmp_path / "none.md", "--ics", tmp_path / "none.ics")  # fmt: skip
    assert nameless.exit_code == 1
    assert not (tmp_path / "none.md").exists() and not (tmp_path / "none.ics").exists()


# --------------------------------------------------------------------------- ottool progress


def test_progress_json_counts_practice_and_answers_over_time(mia: Path) -> None:
    run("log", "tummy-time")
    run("log", "tummy-time", "--date", (TODAY - dt.timedelta(days=1)).isoformat())
    data = json.loads(run("progress", "--format", "json").stdout)
    assert data["format"] == "ottool-progress/1"
    assert data["child"] == {"name": "Mia", "birth_date": MIA_BORN.isoformat()}
    assert data["plan"] == {"kind": "screening", "number": 2, "date": TODAY.isoformat()}
    kept = {p["activity"]: p for p in data["practice"]}
    # Yesterday's practice followed the earlier plan: only today's counts for this one.
    assert kept["tummy-time"]["since_plan"] == 1 and kept["tummy-time"]["this_week"] == 1
    assert [s["id"] for s in data["screenings"]] == [1, 2]
    moved = {m["milestone"]: m["before"] for m in data["now_yes"]}
    assert moved == {"gm-4m-head-steady": "not_yet", "fm-4m-hands-to-mouth": "sometimes"}
    gross = next(a for a in data["areas"] if a["id"] == "gross_motor")
    assert len(gross["statuses"]) == 2


def test_progress_in_the_terminal_shows_symbols_as_well_as_colour(mia: Path) -> None:
    run("log", "tummy-time")
    shown = run("progress", "--child", "mia")
    assert shown.exit_code == 0, shown.output
    out = shown.stdout
    assert "Practice for Mia" in out and "Tummy time" in out
    assert "●" in out and "·" in out and "█" in out  # a day done, not done, the bar
    assert "Now yes" in out and "✓" in out
    assert "Progress for Mia" in out
    spanish = run("progress", "--lang", "es").stdout
    assert "Práctica de Mia" in spanish and "Esta semana" in spanish
    assert "Ahora sí" in spanish and "Now yes" not in spanish


@pytest.mark.parametrize("columns", ["60", "80"])
@pytest.mark.parametrize(
    ("lang", "names"),
    [
        ("en", ["Walking with a push toy", "Cushion climbing and obstacle course"]),
        ("es", ["Caminar empujando un juguete", "Trepar cojines y pista de obstáculos"]),
    ],
)
def test_the_practice_names_each_activity_in_a_narrow_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columns: str, lang: str, names: list[str]
) -> None:
    monkeypatch.setenv("OTTOOL_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("OTTOOL_DATA_DIR", raising=False)  # the shipped activities' names
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", columns)
    sam = Path(__file__).parent / "fixtures" / "answers" / "sam-18-months-not-walking.yaml"
    assert run("screen", "--answers", sam, "--format", "json", "--save").exit_code == 0
    assert run("log", "push-toy-walking", "--child", "Sam").exit_code == 0
    shown = run("--lang", lang, "progress", "--child", "Sam")
    assert shown.exit_code == 0, shown.output
    for name in names:  # whole, on one line: not squeezed out of the table
        assert name in shown.stdout
    assert "…" not in shown.stdout.split("\n\n", 2)[1]  # no practice cell cut short
    assert all(len(line) <= int(columns) for line in shown.stdout.splitlines())


def test_a_later_harder_checklist_is_new_questions_not_needs_attention(
    home: Path, tmp_path: Path
) -> None:
    born = TODAY - dt.timedelta(days=200)
    four = {**dict.fromkeys(FIRST, "yes"), "fm-4m-hands-to-mouth": "not yet"}
    save_screening(tmp_path, four, name="Ada", born=born, on=TODAY - dt.timedelta(days=70))
    six = {"gm-6m-rolls": "sometimes", "fm-6m-reaches": "yes", "se-6m-mirror": "yes"}
    save_screening(tmp_path, six, name="Ada", born=born)
    data = json.loads(run("history", "--child", "Ada", "--format", "json").stdout)
    assert data["changes"]["gross_motor"] == "new_questions"  # ✓ at 4 months, ◐ at 6
    for args in (["history", "--child", "Ada"], ["progress", "--child", "Ada"]):
        out = run(*args).stdout
        rows = [line for line in out.splitlines() if line.startswith("│ Movement")]
        assert "New questions at this age" in rows[0] and "Needs attention" not in rows[0]
    spanish = run("--lang", "es", "history", "--child", "Ada").stdout
    assert "→ Preguntas nuevas" in spanish and "Necesita atención" not in spanish


def test_progress_bad_input_is_one_line(mia: Path) -> None:
    result = run("progress", "--child", "Zed")
    assert result.exit_code == 1 and "there is no child called 'Zed'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# --------------------------------------------------------------------------- export, import


def test_export_and_import_carry_the_plans_given_and_the_practice(
    mia: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    given = run("plan", "--from-history", "2", "--therapist", "A. Rivera, OT", "--save",
                "--format", "json", "--dose", "tummy-time=3,1,3")  # fmt: skip
    assert given.exit_code == 0, given.output
    run("log", "tummy-time", "--minutes", "4")
    run("log", "open-hands", "--date", (TODAY - dt.timedelta(days=2)).isoformat())
    exported = tmp_path / "all.jsonl"
    done = run("history", "export", "--output", exported)
    assert done.exit_code == 0, done.output
    assert "2 screenings" in done.stdout and "1 plan given and 2 practices logged" in done.stdout
    lines = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    assert [line["format"] for line in lines] == ["ottool-history/1"] * 2 + [
        "ottool-history-plan/1"
    ] + ["ottool-history-practice/1"] * 2
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600
    before = json.loads(run("progress", "--format", "json").stdout)

    other = tmp_path / "other-computer"
    monkeypatch.setenv("OTTOOL_HOME", str(other))
    imported = run("history", "import", exported)
    assert imported.exit_code == 0, imported.output
    assert imported.stdout.strip() == (
        "Imported 2 screenings with 1 plan given and 2 practices logged."
    )
    moved = other / "history.sqlite3"
    # The links are made again in the new history: the plan to its screening, each
    # practice to the plan of its day (the plan given today; the screening before).
    assert rows(moved, "SELECT screening_id FROM plans") == [(2,)]
    linked = "SELECT activity, minutes, plan_id, screening_id FROM practice ORDER BY activity"
    assert rows(moved, linked) == [("open-hands", None, None, 1), ("tummy-time", 4, 1, None)]
    after = json.loads(run("progress", "--format", "json").stdout)
    assert after == before
    again = run("history", "import", exported)
    assert again.stdout.strip() == "Imported 0 screenings; 5 already saved were skipped."
    assert rows(moved, "SELECT COUNT(*) FROM practice") == [(2,)]

    one = tmp_path / "mia.jsonl"
    assert run("history", "export", "--child", "MIA", "--output", one).exit_code == 0
    assert one.read_text(encoding="utf-8") == exported.read_text(encoding="utf-8")


def test_a_bad_practice_line_adds_nothing(mia: Path, tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    line = {"format": "ottool-history-practice/1", "logged_at": "2026-05-01T10:00:00+00:00",
            "child": {"name": "Mia", "birth_date": "2026-01-10"}, "activity": "tummy-time",
            "date": "2026-05-01", "minutes": 0}  # fmt: skip
    source.write_text(json.dumps(line) + "\n", encoding="utf-8")
    result = run("history", "import", source)
    assert result.exit_code == 1
    assert f"{source}:1:" in result.stderr and "minutes" in result.stderr
    assert rows(mia, "SELECT COUNT(*) FROM practice") == [(0,)]


# --------------------------------------------------------------------------- history at scale


def test_the_history_list_says_each_screenings_own_time_frame(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never calmer than the screening's headline: Sam (18 months, not walking) is to see
    the doctor within days, in the list as in `history show` and the JSON."""
    monkeypatch.delenv("OTTOOL_DATA_DIR")
    answers = Path(__file__).parent / "fixtures" / "answers" / "sam-18-months-not-walking.yaml"
    saved = run("screen", "--answers", answers, "--format", "json", "--save")
    assert saved.exit_code == 0, saved.output
    act = json.loads(saved.stdout[: saved.stdout.rindex("}") + 1])["act"]
    assert act == "days"
    listed = run("history").stdout
    assert "!! Contact your child's doctor within the next" in listed and "few days" in listed
    assert "Talk to a professional" not in listed
    data = json.loads(run("history", "--format", "json").stdout)
    assert data["screenings"][0]["act"] == "days"
    side_by_side = run("history", "--child", "Sam").stdout
    assert "!! Contact your" in side_by_side and "Talk to a professional" not in side_by_side


def test_history_lists_a_page_at_a_time_newest_first(home: Path, tmp_path: Path) -> None:
    for days in range(5):
        save_screening(tmp_path, FIRST, on=TODAY - dt.timedelta(days=days * 3))
    first = run("history", "--limit", "2")
    assert first.exit_code == 0, first.output
    assert "5 saved screenings. Showing 1–2, newest first." in " ".join(first.stdout.split())
    assert "ottool history --page 2" in first.stdout
    page = json.loads(run("history", "--limit", "2", "--page", "2", "--format", "json").stdout)
    assert [s["id"] for s in page["screenings"]] == [3, 4]  # newest first: 1 is today
    last = json.loads(run("history", "--limit", "2", "--page", "3", "--format", "json").stdout)
    assert [s["id"] for s in last["screenings"]] == [5]
    beyond = run("history", "--limit", "2", "--page", "9")
    assert beyond.exit_code == 0 and "There is no page 9" in beyond.stdout
    everything = json.loads(run("history", "--format", "json").stdout)
    assert len(everything["screenings"]) == 5  # JSON without --limit: all, oldest first
    bad = run("history", "--page", "0")
    assert bad.exit_code != 0 and "Traceback" not in bad.output
