"""Answer files through the CLI (docs/design.md §4): `ottool screen --answers F --format json`."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURE_DIR, Run

HEADER = """\
child:
  name: Sam
  birth_date: 2025-01-01
date: 2025-05-11
"""  # 130 days: 4.27 months, the 4-month checklist


def line_of(text: str, needle: str) -> int:
    """The 1-based number of the first line of ``text`` containing ``needle``."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the text")


@pytest.fixture
def screen(tmp_path: Path, cli: Callable[..., Run]) -> Callable[[str], tuple[Run, Path]]:
    def run(text: str) -> tuple[Run, Path]:
        path = tmp_path / "answers.yaml"
        path.write_text(text, encoding="utf-8")
        return cli("screen", "--answers", path, "--format", "json", "--data-dir", FIXTURE_DIR), path

    return run


def ok(run: Run) -> dict[str, Any]:
    assert run.exit_code == 0, run.stderr
    return json.loads(run.stdout)


def domain(doc: dict[str, Any], domain_id: str) -> dict[str, Any]:
    return next(d for d in doc["domains"] if d["id"] == domain_id)


def fails(run: Run) -> str:
    """The run failed cleanly: exit 1, nothing on stdout, no traceback; returns stderr."""
    assert run.exit_code == 1, run.output
    assert run.stdout == ""
    assert "Traceback" not in run.output
    assert run.stderr.strip()
    return run.stderr


# --- accepted spellings --------------------------------------------------------------


def test_not_yet_with_a_space_means_not_yet(screen: Any) -> None:
    doc = ok(screen(HEADER + "answers:\n  fm-4m-holds-toy: not yet\n")[0])
    fm = domain(doc, "fine_motor")
    assert fm["not_yet"] == ["fm-4m-holds-toy"]
    assert fm["status"] == "discuss"


@pytest.mark.parametrize(
    ("written", "answer"),
    [
        ("yes", "yes"),
        ("no", "not_yet"),
        ("true", "yes"),
        ("false", "not_yet"),
        ("not_yet", "not_yet"),
        ("sometimes", "sometimes"),
        ("unsure", "unsure"),
        ("Sometimes", "sometimes"),
    ],
)
def test_answer_spellings(screen: Any, written: str, answer: str) -> None:
    doc = ok(screen(HEADER + f"answers:\n  gm-4m-head-steady: {written}\n")[0])
    assert "gm-4m-head-steady" in domain(doc, "gross_motor")[answer]


def test_missing_answers_count_as_unsure(screen: Any) -> None:
    doc = ok(screen(HEADER + "answers:\n  gm-4m-head-steady: yes\n")[0])
    assert domain(doc, "gross_motor")["unsure"] == ["gm-4m-pushes-up-elbows"]
    assert domain(doc, "fine_motor")["unsure"] == ["fm-4m-holds-toy", "fm-4m-hands-to-mouth"]
    assert domain(doc, "fine_motor")["status"] == "incomplete"
    assert domain(doc, "gross_motor")["status"] == "on_track"  # exactly half unsure


def test_no_answers_section_at_all(screen: Any) -> None:
    doc = ok(screen(HEADER)[0])
    assert {d["status"] for d in doc["domains"]} == {"incomplete"}
    # Nothing answered: the result says it could not tell (not "keep practising").
    assert doc["overall"] == "incomplete"
    assert doc["act"] == "recheck"


def test_warning_signs_as_yaml_booleans(screen: Any) -> None:
    text = HEADER + "warning_signs:\n  ws-no-grasp: yes\n  ws-lost-skills: no\n"
    doc = ok(screen(text)[0])
    assert doc["warning_signs"] == [{"id": "ws-no-grasp", "level": "discuss", "act": "visit"}]
    assert doc["overall"] == "discuss"


def test_gestational_weeks_and_concerns(screen: Any) -> None:
    text = HEADER.replace("  name: Sam\n", "  gestational_weeks: 32\n") + "concerns: sleeps a lot\n"
    doc = ok(screen(text)[0])
    assert doc["child"]["gestational_weeks"] == 32
    assert doc["child"]["name"] is None
    assert doc["age"]["corrected"] is True
    assert doc["checklist"] == {"months": 2, "early": False}  # 130 - 56 = 74 days: 2.4 months
    assert doc["concerns"] == "sleeps a lot"


# --- unknown ids ---------------------------------------------------------------------


def test_unknown_milestone_is_named_with_a_suggestion_and_its_line(screen: Any) -> None:
    text = HEADER + "answers:\n  gm-4m-head-steady: yes\n  fm-4m-hold-toy: yes\n"
    run, path = screen(text)
    err = fails(run)
    expected = (
        f"{path}:{line_of(text, 'fm-4m-hold-toy')}: 'fm-4m-hold-toy' is not a known milestone id"
        " (did you mean 'fm-4m-holds-toy'?)"
    )
    assert err.strip() == expected


def test_unknown_warning_sign_is_named_with_a_suggestion(screen: Any) -> None:
    text = HEADER + "warning_signs:\n  ws-no-grap: true\n"
    run, path = screen(text)
    err = fails(run)
    assert f"{path}:{line_of(text, 'ws-no-grap')}:" in err
    assert "'ws-no-grap' is not a known warning sign id (did you mean 'ws-no-grasp'?)" in err


def test_every_problem_is_reported_once(screen: Any) -> None:
    text = HEADER + "answers:\n  gm-4m-head-stedy: yes\n  se-4m-smile: maybe\n"
    run, path = screen(text)
    lines = fails(run).strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{path}:{line_of(text, 'stedy')}: 'gm-4m-head-stedy'")
    assert lines[1].startswith(f"{path}:{line_of(text, 'smile')}: 'se-4m-smile'")


# --- bad values ----------------------------------------------------------------------


def test_bad_answer_names_the_value_and_the_allowed_ones(screen: Any) -> None:
    text = HEADER + "answers:\n  gm-4m-head-steady: maybe\n"
    run, path = screen(text)
    err = fails(run).strip()
    assert err == (
        f"{path}:{line_of(text, 'maybe')}: milestone 'gm-4m-head-steady': 'maybe' is not an "
        "answer (allowed: yes, sometimes, not yet, unsure)"
    )


def test_numeric_answer_is_refused(screen: Any) -> None:
    run, _ = screen(HEADER + "answers:\n  gm-4m-head-steady: 3\n")
    assert "3 is not an answer" in fails(run)


def test_bad_warning_sign_answer(screen: Any) -> None:
    text = HEADER + "warning_signs:\n  ws-no-grasp: often\n"
    run, path = screen(text)
    err = fails(run)
    assert f"{path}:{line_of(text, 'often')}:" in err
    assert "'often' is not an answer (allowed: true, false)" in err


# --- dates and the child -------------------------------------------------------------


#: A change to HEADER (old -> new), the text on the problem's line, and what is said.
DATE_MISTAKES = {
    "an impossible calendar date": ("2025-01-01", "2025-02-30", "2025-02-30", "2025-02-30"),
    "a quoted impossible date": (
        "2025-05-11",
        '"2025-13-01"',
        "2025-13-01",
        "date must be a real date written like 2026-04-01, got '2025-13-01'",
    ),
    "a birth date that is not a date": (
        "2025-01-01",
        "last spring",
        "last spring",
        "birth_date must be a real date",
    ),
    "a screening before birth": (
        "date: 2025-05-11",
        "date: 2024-12-01",
        "date: 2024-12-01",
        "the screening date 2024-12-01 is before the birth date 2025-01-01",
    ),
    "a child over five years": ("2025-01-01", "2015-01-01", "2015-01-01", "over 5 years old"),
}


@pytest.mark.parametrize(("old", "new", "on_line", "message"), DATE_MISTAKES.values(),
                         ids=DATE_MISTAKES.keys())  # fmt: skip
def test_a_wrong_date_is_refused_at_its_line(
    screen: Any, old: str, new: str, on_line: str, message: str
) -> None:
    text = HEADER.replace(old, new)
    run, path = screen(text)
    first = fails(run).splitlines()[0]
    assert first.startswith(f"{path}:{line_of(text, on_line)}: ")
    assert message in first


def test_birth_date_in_the_future(screen: Any) -> None:
    text = HEADER.replace("2025-01-01", "2999-01-01").replace("date: 2025-05-11\n", "")
    run, path = screen(text)
    err = fails(run).strip()
    assert "the birth date 2999-01-01 is in the future" in err
    assert err.startswith(f"{path}:{line_of(text, '2999-01-01')}:")


def test_missing_birth_date(screen: Any) -> None:
    text = "child:\n  name: Sam\ndate: 2025-05-11\n"
    run, path = screen(text)
    assert f"{path}:2: 'birth_date' is required" in fails(run)


@pytest.mark.parametrize("weeks", ["21", "45"])
def test_gestational_weeks_out_of_range(screen: Any, weeks: str) -> None:
    text = HEADER.replace("  name: Sam\n", f"  gestational_weeks: {weeks}\n")
    run, path = screen(text)
    err = fails(run)
    assert f"{path}:{line_of(text, 'gestational_weeks')}:" in err
    assert f"gestational_weeks must be between 22 and 44, got {weeks}" in err


# --- wrong types and shapes ----------------------------------------------------------


def test_gestational_weeks_must_be_a_number(screen: Any) -> None:
    text = HEADER.replace("  name: Sam\n", "  gestational_weeks: thirty\n")
    run, path = screen(text)
    err = fails(run)
    assert f"{path}:{line_of(text, 'thirty')}: gestational_weeks must be a whole number" in err
    assert "'thirty'" in err


def test_answers_must_be_a_mapping(screen: Any) -> None:
    text = HEADER + "answers:\n  - gm-4m-head-steady\n"
    run, path = screen(text)
    err = fails(run)
    assert f"{path}:{line_of(text, '- gm-4m')}: 'answers' must be a mapping of id: answer" in err


def test_child_must_be_a_mapping(screen: Any) -> None:
    text = "child: Sam\ndate: 2025-05-11\n"
    run, path = screen(text)
    assert f"{path}:1: 'child' with at least a birth_date is required" in fails(run)


def test_unknown_top_level_key_with_suggestion(screen: Any) -> None:
    text = HEADER + "anwsers:\n  gm-4m-head-steady: yes\n"
    run, path = screen(text)
    err = fails(run)
    assert (
        f"{path}:{line_of(text, 'gm-4m')}: unknown key 'anwsers' (did you mean 'answers'?)" in err
    )


def test_unknown_child_key_with_suggestion(screen: Any) -> None:
    text = HEADER.replace("  name: Sam", "  nmae: Sam")
    run, path = screen(text)
    err = fails(run)
    assert f"{path}:2: child: unknown key 'nmae' (did you mean 'name'?)" in err


def test_a_list_instead_of_a_mapping(screen: Any) -> None:
    run, path = screen("- yes\n- no\n")
    assert f"{path}:1: an answer file is a mapping" in fails(run)


def test_malformed_yaml(screen: Any) -> None:
    text = HEADER + "answers:\n  gm-4m-head-steady: [yes\n  fm-4m-holds-toy: yes\n"
    run, path = screen(text)
    err = fails(run)
    assert err.startswith(f"{path}:")
    assert "this is not valid YAML" in err
    assert len(err.strip().splitlines()) == 1


def test_python_tag_is_refused(screen: Any, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = HEADER + f"concerns: !!python/object/apply:os.system ['touch {marker}']\n"
    run, path = screen(text)
    err = fails(run)
    assert f"{path}:{line_of(text, 'concerns')}:" in err
    assert "!!python/object/apply:os.system is not allowed" in err
    assert not marker.exists()


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(screen: Any, text: str) -> None:
    run, path = screen(text)
    assert f"{path}:1: an answer file is a mapping" in fails(run)


def test_missing_file(cli: Callable[..., Run], tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    run = cli("screen", "--answers", missing, "--format", "json", "--data-dir", FIXTURE_DIR)
    assert fails(run).strip() == f"{missing}: the file does not exist"


def test_binary_file(cli: Callable[..., Run], tmp_path: Path) -> None:
    path = tmp_path / "photo.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    run = cli("screen", "--answers", path, "--format", "json", "--data-dir", FIXTURE_DIR)
    assert f"{path}:1: the file is not UTF-8 text" in fails(run)


def test_screening_date_in_the_future(screen: Any) -> None:
    text = HEADER.replace("date: 2025-05-11", "date: 2999-05-11")
    run, path = screen(text)
    err = fails(run).strip()
    assert (
        err
        == f"{path}:{line_of(text, '2999-05-11')}: the screening date 2999-05-11 is in the future"
    )


@pytest.mark.slow
def test_the_installed_command_fails_cleanly(tmp_path: Path) -> None:
    """The real console entry point, in a separate process, as a parent would run it."""
    path = tmp_path / "answers.yaml"
    text = HEADER + "answers:\n  gm-4m-head-stedy: yes\n"
    path.write_text(text)
    command = [sys.executable, "-m", "ottool", "screen", "--answers", str(path)]
    proc = subprocess.run(
        [*command, "--format", "json", "--data-dir", str(FIXTURE_DIR)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip() == (
        f"{path}:{line_of(text, 'stedy')}: 'gm-4m-head-stedy' is not a known milestone id"
        " (did you mean 'gm-4m-head-steady'?)"
    )
    good = HEADER + "answers:\n  gm-4m-head-steady: yes\n"
    path.write_text(good)
    proc = subprocess.run(
        [*command, "--format", "json", "--data-dir", str(FIXTURE_DIR)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["format"] == "ottool-result/1"
