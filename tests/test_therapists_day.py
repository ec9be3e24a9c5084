"""A therapist's day through the command line, as a paediatric OT works (issue 26):
a screening, a plan with the therapist's edits kept with the child, and at the next
visit the plan reprinted, revised and the progress seen, in English and in Spanish."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest

from conftest import ANSWERS_DIR, Run
from ottool.core.content import load_content
from ottool.core.i18n import speaking
from ottool.documents.wording import dose_words, taught_first

FIRST = ANSWERS_DIR / "leo-4-months-head-turn.yaml"
NEXT = ANSWERS_DIR / "leo-4-months-next-visit.yaml"
WHY = "neck-stretches=Leo looks to the right: these stretch his left side"
NOTE = "Start every play time on his left side."


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("OTTOOL_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("OTTOOL_DATA_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def ok(run: Run) -> Run:
    assert run.exit_code == 0, run.output
    assert "Traceback" not in run.output
    return run


def given(cli: Callable[..., Run], number: int) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        ok(cli("plan", "--from-plan", str(number), "--format", "json")).stdout
    )["given"]
    return data


def flat(path: Path) -> str:
    return " ".join(path.read_text("utf-8").split())


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_therapists_day(home: Path, cli: Callable[..., Run], lang: str) -> None:
    content = load_content(lang=lang)
    # 1. The family's screening, saved with Leo.
    ok(cli("screen", "--answers", FIRST, "--format", "json", "--save", "--lang", lang))

    # 2. The therapist's plan: the screening's activities, her own two on top, one
    # dropped, a dose and a "why" of her own, the sign she treats, a note; kept.
    run = ok(cli(
        "plan", "--from-history", "1", "--activity", "neck-stretches",
        "--activity", "turn-both-ways", "--drop", "supported-sitting",
        "--dose", "turn-both-ways=5,4,5", "--why", WHY, "--treating", "ws-head-turn",
        "--therapist", "A. Rivera, OT", "--note", NOTE, "--save", "--output", "leo.md",
        "--lang", lang,
    ))  # fmt: skip
    assert "plan 1" in run.stderr or "plan 1" in run.stdout or "1" in run.stderr
    handout = flat(home / "leo.md")
    assert stat.S_IMODE((home / "leo.md").stat().st_mode) == 0o600
    first = given(cli, 1)
    ids = [a["id"] for a in first["activities"]]
    assert ids[:2] == ["neck-stretches", "turn-both-ways"] and len(ids) == 4
    assert "supported-sitting" not in ids and first["dropped"] == ["supported-sitting"]
    assert first["child"] == {"name": "Leo", "birth_date": "2026-07-01"}
    assert first["screening"] == 1 and first["treating"] == ["ws-head-turn"]
    turn = next(a for a in first["activities"] if a["id"] == "turn-both-ways")
    assert (turn["minutes"], turn["times_per_day"], turn["days_per_week"]) == (5, 4, 5)
    with speaking(lang):
        edited = content.activity_by_id["turn-both-ways"]
        dose = dose_words(msgspec.structs.replace(edited, times_per_day=4, days_per_week=5))
        shown_first = taught_first()
    assert NOTE in handout and "A. Rivera, OT" in handout
    assert dose in handout
    assert shown_first in handout  # the neck stretches are shown first
    assert WHY.split("=", 1)[1] in handout
    # The sign she treats is out of "When to call", and named once among her notes.
    when_to_call = handout[handout.index("## ", handout.index(NOTE)) :]
    assert content.warning_sign_by_id["ws-head-turn"].text not in when_to_call
    assert handout.count(content.warning_sign_by_id["ws-head-turn"].text) == 1

    # 3. The next visit: the plan given is there beside the screening.
    listed = json.loads(ok(cli("history", "--child", "Leo", "--format", "json")).stdout)
    assert [p["id"] for p in listed["plans"]] == [1] and len(listed["screenings"]) == 1
    # Reprinted as given, for the daycare in the other language too.
    other = "es" if lang == "en" else "en"
    ok(cli("plan", "--from-plan", "1", "--output", "again.md", "--lang", lang))
    assert flat(home / "again.md") == handout
    ok(cli("plan", "--from-plan", "1", "--caregiver", "Little Stars daycare",
           "--output", "daycare.md", "--lang", other))  # fmt: skip
    daycare = flat(home / "daycare.md")
    assert load_content(lang=other).activity_by_id["turn-both-ways"].name in daycare
    # Revised: the stretches stop, tummy time gets her dose; kept as plan 2.
    ok(cli(
        "plan", "--from-plan", "1", "--drop", "neck-stretches", "--activity", "tummy-time-floor",
        "--dose", "tummy-time-floor=5,3", "--save", "--output", "revised.md", "--lang", lang,
    ))  # fmt: skip
    second = given(cli, 2)
    assert [a["id"] for a in second["activities"]] == [*ids[1:], "tummy-time-floor"]
    assert next(a for a in second["activities"] if a["id"] == "turn-both-ways")["minutes"] == 5
    assert second["notes"] == [NOTE] and second["therapist"] == "A. Rivera, OT"
    assert second["dropped"] == ["supported-sitting", "neck-stretches"]
    # The plan file: edited by hand and printed again.
    ok(cli("plan", "--from-plan", "2", "--output", "leo-plan.yaml", "--lang", lang))
    text = (home / "leo-plan.yaml").read_text("utf-8").replace("weeks: 2", "weeks: 4")
    (home / "leo-plan.yaml").write_text(text, encoding="utf-8")
    ok(cli("plan", "--from-plan", "leo-plan.yaml", "--output", "edited.json", "--lang", lang))
    assert json.loads((home / "edited.json").read_text("utf-8"))["tracker_weeks"] == 4

    # The saved screening points to the plans given from it.
    shown = " ".join(ok(cli("history", "show", "1", "--lang", lang)).stdout.split())
    assert "1, 2" in shown and "ottool plan --from-plan 2" in shown

    # 4. Progress: the next screening, and both plans given beside the two screenings.
    ok(cli("screen", "--answers", NEXT, "--format", "json", "--save", "--lang", lang))
    progress = json.loads(ok(cli("history", "--child", "Leo", "--format", "json")).stdout)
    assert len(progress["screenings"]) == 2 and [p["id"] for p in progress["plans"]] == [1, 2]
    assert progress["changes"]["gross_motor"] == "better"
    table = ok(cli("history", "--child", "Leo", "--lang", lang)).stdout
    with speaking(lang):
        from ottool.core.i18n import _

        assert _("Plans given") in table


def test_a_plan_given_to_from_is_pointed_to_from_plan(home: Path, cli: Callable[..., Run]) -> None:
    """Issue 26: `plan --from leo-plan.json` said "not an ottool result"."""
    ok(cli("plan", "--age-months", "3", "--activity", "turn-both-ways", "--output", "leo.json"))
    run = cli("plan", "--from", "leo.json")
    assert run.exit_code == 1
    assert "leo.json is a plan, not a screening's result" in run.stderr
    assert "`ottool plan --from-plan leo.json`" in run.stderr
    ok(cli("plan", "--from-plan", "leo.json", "--output", "again.md"))


def test_save_without_a_birth_date_says_what_to_add(home: Path, cli: Callable[..., Run]) -> None:
    run = cli("plan", "--age-months", "3", "--child", "Ana", "--activity", "turn-both-ways",
              "--save")  # fmt: skip
    assert run.exit_code == 1
    assert "--save needs Ana's birth date" in run.stderr and "--born YYYY-MM-DD" in run.stderr
    ok(cli("plan", "--age-months", "3", "--child", "Ana", "--born", "2026-09-01",
           "--activity", "turn-both-ways", "--save", "--output", "ana.md"))  # fmt: skip
    # Ana is known now: a second plan finds her birth date by her name.
    ok(cli("plan", "--age-months", "3", "--child", "ana", "--activity", "firm-touch-play",
           "--save", "--output", "ana-2.md"))  # fmt: skip
    assert [p["birth_date"] for p in json.loads(
        ok(cli("history", "--child", "Ana", "--format", "json")).stdout)["plans"]
    ] == ["2026-09-01", "2026-09-01"]  # fmt: skip


def test_a_therapist_plan_for_one_of_two_leos_asks_which(
    home: Path, cli: Callable[..., Run]
) -> None:
    for born in ("2026-07-01", "2025-09-01"):
        ok(cli("plan", "--age-months", "3", "--child", "Leo", "--born", born,
               "--activity", "turn-both-ways", "--save", "--output", f"leo-{born}.md"))  # fmt: skip
    run = cli("plan", "--age-months", "3", "--child", "Leo", "--activity", "turn-both-ways",
              "--save")  # fmt: skip
    assert run.exit_code == 1
    assert "'Leo' is the name of 2 children" in run.stderr and "--born DATE" in run.stderr


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("focus: []\n", "focus:\n- nope\n"), "focus 'nope' is not a known area"),
        (("- id: turn-both-ways\n", "- id: turn-both-ways\n- id: turn-both-ways\n"),
         "the activity 'turn-both-ways' is listed twice"),
        (("dropped: []\n", "dropped:\n- turn-both-ways\n"),
         "'turn-both-ways' is both in activities and in dropped"),
        (("birth_date: '2026-09-01'", "birth_date: '2030-01-01'"), "is after today"),
        (("weeks: 2\n", "weeks: 2\nwekes: 3\n"), "unknown field 'wekes'"),
    ],
)  # fmt: skip
def test_a_slip_in_a_plan_file_is_one_clear_line(
    home: Path, cli: Callable[..., Run], edit: tuple[str, str], message: str
) -> None:
    ok(cli("plan", "--age-months", "3", "--child", "Ana", "--born", "2026-09-01",
           "--activity", "turn-both-ways", "--output", "ana.yaml"))  # fmt: skip
    text = (home / "ana.yaml").read_text("utf-8")
    assert edit[0] in text
    (home / "ana.yaml").write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    run = cli("plan", "--from-plan", "ana.yaml")
    assert run.exit_code == 1, run.output
    assert message in run.stderr and "ana.yaml" in run.stderr


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--dose", "turn-both-ways=240,24"], "more than 2 hours a day"),
        (["--dose", "turn-both-ways=5,3", "--dose", "turn-both-ways=6,3"], "given twice"),
        (["--born", "2030-01-01", "--child", "Ana", "--save"], "--born 2030-01-01 is after today"),
    ],
)
def test_an_impossible_edit_is_refused(
    home: Path, cli: Callable[..., Run], options: list[str], message: str
) -> None:
    run = cli("plan", "--age-months", "3", "--activity", "turn-both-ways", *options)
    assert run.exit_code == 1 and message in run.stderr, run.output


def test_a_plan_is_kept_only_once_it_was_written(home: Path, cli: Callable[..., Run]) -> None:
    run = cli("plan", "--age-months", "3", "--child", "Ana", "--born", "2026-09-01",
              "--activity", "turn-both-ways", "--save", "--output", "missing/ana.md")  # fmt: skip
    assert run.exit_code == 1 and "saved" not in run.stderr
    assert json.loads(ok(cli("history", "--format", "json")).stdout).get("plans") is None


def test_a_plan_file_keeps_its_own_child_beside_a_namesake(
    home: Path, cli: Callable[..., Run]
) -> None:
    ok(cli("plan", "--age-months", "3", "--child", "Leo", "--born", "2025-11-20",
           "--activity", "turn-both-ways", "--save", "--output", "leo1.md"))  # fmt: skip
    ok(cli("plan", "--age-months", "3", "--child", "Leo", "--born", "2024-05-05",
           "--activity", "turn-both-ways", "--output", "leo2.yaml"))  # fmt: skip
    ok(cli("plan", "--from-plan", "leo2.yaml", "--save", "--output", "leo2.md"))
    plans = json.loads(ok(cli("history", "--format", "json")).stdout)["plans"]
    assert [p["birth_date"] for p in plans] == ["2025-11-20", "2024-05-05"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("[" * 3000 + "]" * 3000 + "\n", "nested too deeply"),
        (
            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c]\n",
            "plan.yaml",
        ),
    ],
    ids=["deep", "aliases"],
)
def test_a_plan_file_is_read_with_ottools_yaml_reader(
    text: str, said: str, cli: Callable[..., Any], tmp_path: Path
) -> None:
    plan_file = tmp_path / "plan.yaml"
    plan_file.write_text(text)
    run = cli("plan", "--from-plan", plan_file, "--output", "-")
    assert run.exit_code == 1, run.output  # one clear line, never a crash or a long wait
    assert said in run.stderr
