"""Nothing a user typed disappears silently: unused answers, ages past the checklists."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURE_DIR, Run, answers_text
from ottool.core.activity_choice import plan_for_focus
from ottool.core.age import CDC_CHECKLISTS_URL, check_age_served
from ottool.core.content import load_content
from ottool.core.errors import InputError
from ottool.core.screening import Answers, Child, score
from ottool.storage.result_json import result_from_data, result_to_data

CONTENT = load_content(FIXTURE_DIR)

EARLY_BABY = answers_text("preterm-34-weeks-answered-ahead")
LATER = ["gm-6m-rolls", "fm-4m-holds-toy", "gm-4m-head-steady"]  # in the file's order


@pytest.fixture
def answers_file(tmp_path: Path) -> Callable[[str], Path]:
    def write(text: str) -> Path:
        path = tmp_path / "answers.yaml"
        path.write_text(text)
        return path

    return write


# --- 1. unused answers -----------------------------------------------------------------


def test_answers_to_later_checklists_are_listed_in_the_files_order() -> None:
    answers = Answers(
        Child(dt.date(2025, 1, 1), 34),
        dt.date(2025, 5, 11),
        {"gm-6m-rolls": "yes", "gm-2m-head-up": "yes", "fm-4m-holds-toy": "not_yet"},
    )
    result = score(CONTENT, answers, today=dt.date(2026, 1, 1))
    assert result.checklist.months == 2
    assert result.unused_answers == ("gm-6m-rolls", "fm-4m-holds-toy")
    # ... and they do not change any status (docs/design.md §4).
    assert all("fm-4m-holds-toy" not in d.not_yet for d in result.domains)


@settings(deadline=None)  # a busy machine is not a failure
@given(
    st.lists(st.sampled_from([m.id for m in CONTENT.milestones]), unique=True),
    st.integers(min_value=0, max_value=300),
)
def test_unused_answers_are_exactly_the_later_checklists_answers(ids: list[str], days: int) -> None:
    birth = dt.date(2025, 1, 1)
    answers = Answers(Child(birth), birth + dt.timedelta(days=days), dict.fromkeys(ids, "yes"))
    result = score(CONTENT, answers, today=dt.date(2026, 6, 1))
    later = [i for i in ids if CONTENT.milestone_by_id[i].months > result.checklist.months]
    assert list(result.unused_answers) == later
    counted = {m for d in result.domains for m in d.yes}
    assert counted.isdisjoint(later)
    assert counted | set(later) >= set(ids)


SHIPPED = load_content()
SIX_MONTHS_ALL_YES = Answers(
    Child(dt.date(2026, 5, 20)),
    dt.date(2026, 11, 25),
    {m.id: "yes" for m in SHIPPED.milestones if m.months == 6},
)


def test_a_ticked_sign_of_a_later_age_is_set_aside_like_a_later_answer() -> None:
    # An answer file can tick any sign: "not walking" and "no words" for a six-month-old
    # are not what the 6-month checklist asks, so they must not send the family to the
    # doctor within days; they are listed as not used, as a later milestone's answer is.
    ahead = {"ws-not-walking": True, "ws-no-words": True}
    answers = Answers(
        SIX_MONTHS_ALL_YES.child, SIX_MONTHS_ALL_YES.date, SIX_MONTHS_ALL_YES.milestones, ahead
    )
    result = score(SHIPPED, answers, today=dt.date(2026, 12, 1))
    assert result.warning_signs == ()
    assert (result.overall, result.act) == ("on_track", "next_check")
    assert result.unused_answers == ("ws-not-walking", "ws-no-words")


def test_a_ticked_sign_of_the_childs_age_or_earlier_still_counts() -> None:
    # Past a sign's last age what worried the parent still does: only later ages wait.
    current = [w for w in SHIPPED.warning_signs if w.min_months <= 6]
    for sign in current:
        answers = Answers(
            SIX_MONTHS_ALL_YES.child,
            SIX_MONTHS_ALL_YES.date,
            SIX_MONTHS_ALL_YES.milestones,
            {sign.id: True},
        )
        result = score(SHIPPED, answers, today=dt.date(2026, 12, 1))
        assert [w.id for w in result.warning_signs] == [sign.id]
        assert sign.id not in result.unused_answers


def test_the_result_json_lists_unused_answers_and_stderr_says_why(
    cli: Callable[..., Run], answers_file: Callable[[str], Path]
) -> None:
    run = cli("screen", "--answers", answers_file(EARLY_BABY), "--format", "json",
              "--data-dir", FIXTURE_DIR)  # fmt: skip
    assert run.exit_code == 0
    doc = json.loads(run.stdout)
    assert doc["unused_answers"] == LATER
    lines = run.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0] == (
        "ottool: 3 answers not used (gm-6m-rolls, fm-4m-holds-toy, gm-4m-head-steady): they "
        "are about a later age than the 2-month checklist used at an age of 2 months "
        "and 4 weeks (corrected for prematurity)."
    )


def test_unused_answers_is_an_empty_list_and_nothing_is_said_when_all_count(
    cli: Callable[..., Run], answers_file: Callable[[str], Path]
) -> None:
    text = EARLY_BABY.split("answers:")[0] + "answers:\n  gm-2m-head-up: yes\n"
    run = cli("screen", "--answers", answers_file(text), "--format", "json",
              "--data-dir", FIXTURE_DIR)  # fmt: skip
    assert json.loads(run.stdout)["unused_answers"] == []
    assert run.stderr == ""


def test_the_terminal_result_says_which_answers_were_not_counted(
    cli: Callable[..., Run], answers_file: Callable[[str], Path]
) -> None:
    run = cli("screen", "--answers", answers_file(EARLY_BABY), "--data-dir", FIXTURE_DIR)
    assert run.exit_code == 0
    text = " ".join(run.stdout.split())
    assert (
        "Not counted: 3 answers were about milestones or signs of a later age (gm-6m-rolls, "
        "fm-4m-holds-toy, gm-4m-head-steady)." in text
    )
    assert "goes with the 2-month milestones" in text
    assert "printed with `ottool checklist --age-months 2`" in text


def test_unused_answers_survive_a_round_trip_through_the_result_file() -> None:
    answers = Answers(Child(dt.date(2025, 1, 1)), dt.date(2025, 3, 15), {"se-6m-mirror": "yes"})
    result = score(CONTENT, answers, today=dt.date(2026, 1, 1))
    from ottool.core.activity_choice import plan_for_result

    data = result_to_data(result, plan_for_result(CONTENT, result))
    assert data["unused_answers"] == ["se-6m-mirror"]
    again, _ = result_from_data(data, CONTENT, "result.json")
    assert again.unused_answers == ("se-6m-mirror",)
    del data["unused_answers"]  # written before the key existed
    assert result_from_data(data, CONTENT, "result.json")[0].unused_answers == ()


# --- 2. ages past the checklists ---------------------------------------------------------


@pytest.fixture
def limited(content_copy: Path) -> Path:
    """The test content, serving children up to 7 whole months of age used."""
    path = content_copy / "milestones.yaml"
    path.write_text(
        path.read_text().replace("schema_version: 1\n", "schema_version: 1\nmax_months: 7\n")
    )
    return content_copy


def test_the_limit_is_in_whole_months_of_age_used(limited: Path) -> None:
    content = load_content(limited)
    assert content.max_months == 7
    check_age_served(7.99, content.max_months)  # still 7 whole months
    with pytest.raises(InputError) as caught:
        check_age_served(8.0, content.max_months)
    message = str(caught.value)
    assert "up to 7 months" in message
    assert "doctor" in message and CDC_CHECKLISTS_URL in message
    assert "\n" not in message


def test_content_without_max_months_has_no_limit() -> None:
    assert CONTENT.max_months is None
    answers = Answers(Child(dt.date(2022, 1, 1)), dt.date(2025, 1, 1))  # 3 years old
    assert score(CONTENT, answers, today=dt.date(2026, 1, 1)).checklist.months == 6


def test_an_older_child_is_refused_with_one_line_at_the_birth_date(
    cli: Callable[..., Run], answers_file: Callable[[str], Path], limited: Path
) -> None:
    text = "child:\n  name: Sam\n  birth_date: 2025-01-01\ndate: 2025-09-15\n"  # 8 months 14 days
    run = cli("screen", "--answers", answers_file(text), "--data-dir", limited)
    assert run.exit_code == 1
    assert run.stdout == ""
    lines = run.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{answers_file(text)}:3: at 8 months and 2 weeks (age used)")
    assert "up to 7 months" in lines[0] and "doctor" in lines[0]


def test_corrected_age_decides_whether_a_child_is_served(
    cli: Callable[..., Run], answers_file: Callable[[str], Path], limited: Path
) -> None:
    # 8.4 months since birth but born at 30 weeks: 6.1 months corrected, so served.
    text = "child:\n  birth_date: 2025-01-01\n  gestational_weeks: 30\ndate: 2025-09-15\n"
    run = cli("screen", "--answers", answers_file(text), "--format", "json", "--data-dir", limited)
    assert run.exit_code == 0, run.stderr


def test_plan_for_an_age_past_the_checklists_is_refused(
    cli: Callable[..., Run], limited: Path
) -> None:
    run = cli("plan", "--age-months", "8", "--data-dir", limited)
    assert run.exit_code == 1
    assert run.stderr.startswith("ottool: at 8 months (age used)")
    assert run.stderr.count("\n") == 1
    ok = cli("plan", "--age-months", "7.9", "--format", "json", "--data-dir", limited)
    assert ok.exit_code == 0, ok.stderr
    with pytest.raises(InputError):
        plan_for_focus(load_content(limited), 12)


def test_the_shipped_content_serves_up_to_29_months(cli: Callable[..., Run]) -> None:
    shipped = load_content()
    assert shipped.max_months == 29
    assert cli("plan", "--age-months", "29.9", "--format", "json").exit_code == 0
    assert cli("plan", "--age-months", "30").exit_code == 1


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("thirty", "max_months must be a whole number of months, from 0 to 60, got 'thirty'"),
        ("61", "max_months must be a whole number of months, from 0 to 60, got 61"),
        ("5", "max_months (5) is younger than the last checklist (6 months)"),
    ],
)
def test_validate_checks_max_months(
    cli: Callable[..., Run], content_copy: Path, value: str, message: str
) -> None:
    path = content_copy / "milestones.yaml"
    path.write_text(
        path.read_text().replace("schema_version: 1\n", f"schema_version: 1\nmax_months: {value}\n")
    )
    run = cli("validate", "--data-dir", content_copy)
    assert run.exit_code == 1
    assert f"milestones.yaml:3: {message}" in run.stderr


def test_the_schema_describes_max_months(cli: Callable[..., Run]) -> None:
    schema = json.loads(cli("schema", "milestones").stdout)
    top = schema["$defs"]["MilestonesFile"]
    assert "max_months" in top["properties"] and "max_months" not in top["required"]
