"""The interactive questionnaire, driven in a real pseudo-terminal with pexpect."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import pexpect
import pytest

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "content"
# 130 days old: the 4-month checklist of the fixture content, five questions.
BIRTH = (dt.date.today() - dt.timedelta(days=130)).isoformat()


def spawn(home: Path, *args: str, cwd: Path | None = None) -> pexpect.spawn:
    env = {**os.environ, "OTTOOL_HOME": str(home), "NO_COLOR": "1", "TERM": "xterm"}
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"  # no cursor-position queries to wait for
    env.pop("OTTOOL_DATA_DIR", None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "ottool", "screen", "--data-dir", str(FIXTURE), *args],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
        cwd=str(cwd) if cwd else None,
    )
    return child


def answer_child(child: pexpect.spawn, name: str = "Mia") -> None:
    child.expect("first name")
    child.sendline(name)
    child.expect("Date of birth")
    child.sendline("2026-02-30")  # not a real date: asked again
    child.expect("year-month-day")
    child.send("\x15")  # Ctrl-U clears the line
    child.sendline(BIRTH)
    child.expect("born early")
    child.send("n\r")


def choose(child: pexpect.spawn, position: str, key: str) -> None:
    """Wait for question ``position`` (e.g. '2 of 5'), press a number key and Enter."""
    child.expect(position)
    child.expect(r"\?")  # the question itself
    child.send(key)
    child.send("\r")


def test_parent_answers_goes_back_and_sees_results_and_plan(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    answer_child(child)
    choose(child, "1 of 5", "1")  # head steady: yes
    choose(child, "2 of 5", "1")  # pushes up: yes
    choose(child, "3 of 5", "5")  # back to the previous question
    choose(child, "2 of 5", "3")  # pushes up: changed to not yet
    choose(child, "3 of 5", "1")
    choose(child, "4 of 5", "1")
    choose(child, "5 of 5", "1")
    child.expect("Have you noticed any of these")
    child.send("\r")
    child.expect("Anything else")
    child.sendline("")
    child.expect("Results for Mia")
    child.expect("Movement")
    child.expect("Worth talking about")
    child.expect("Your home activity plan")
    child.expect("Tummy time")  # practices the 'not yet' push-up milestone
    child.expect("Steps")
    child.expect("Write this plan")
    child.send("n\r")
    child.expect("Save these results")
    child.send("n\r")
    child.expect(pexpect.EOF)
    if child.isalive():
        child.wait()  # its exit status: close() would kill it
    child.close()
    assert child.exitstatus == 0
    assert not (tmp_path / "draft.json").exists()


def test_enter_pressed_through_every_question_is_not_sure_never_on_track(
    tmp_path: Path,
) -> None:
    """A parent who presses Enter through the milestones without choosing gets "not
    enough answers to tell", not an "on track" nobody chose: a new question starts on
    "Not sure"."""
    child = spawn(tmp_path)
    answer_child(child)
    for n in range(1, 6):
        child.expect(f"{n} of 5")
        child.expect(r"\?")
        child.send("\r")
    child.expect("Have you noticed any of these")
    child.send("\r")
    child.expect("Anything else")
    child.sendline("")
    child.expect("Results for Mia")
    child.expect("Not enough answers")
    child.expect("Write this plan")
    child.send("n\r")
    child.expect("Save these results")
    child.send("n\r")
    child.expect(pexpect.EOF)
    if child.isalive():
        child.wait()  # its exit status: close() would kill it
    child.close()
    assert child.exitstatus == 0


def test_ctrl_c_keeps_the_answers_and_resume_continues(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    answer_child(child, name="Noor")
    choose(child, "1 of 5", "3")  # head steady: not yet
    choose(child, "2 of 5", "1")
    child.expect("3 of 5")
    child.expect("←")  # its choices drawn: the question is listening
    child.sendcontrol("c")
    child.expect("Stopped")
    child.expect("--resume")
    child.expect(pexpect.EOF)
    if child.isalive():
        child.wait()  # its exit status: close() would kill it
    child.close()
    assert child.exitstatus == 130

    draft = json.loads((tmp_path / "draft.json").read_text())
    assert draft["child"]["name"] == "Noor"
    assert draft["answers"] == {"gm-4m-head-steady": "not_yet", "gm-4m-pushes-up-elbows": "yes"}
    assert (tmp_path / "draft.json").stat().st_mode & 0o777 == 0o600

    child = spawn(tmp_path, "--resume")
    child.expect("Continuing the screening for Noor: 2 answers so far")
    choose(child, "3 of 5", "1")
    choose(child, "4 of 5", "1")
    choose(child, "5 of 5", "1")
    child.expect("Have you noticed any of these")
    child.send("\r")
    child.expect("Anything else")
    child.sendline("")
    child.expect("Results for Noor")
    # The answer given before Ctrl-C still counts.
    child.expect("Movement")
    child.expect("Worth talking about")
    child.expect("Write this plan")
    child.send("n\r")
    child.expect("Save these results")
    child.send("n\r")
    child.expect(pexpect.EOF)
    if child.isalive():
        child.wait()  # its exit status: close() would kill it
    child.close()
    assert child.exitstatus == 0
    assert not (tmp_path / "draft.json").exists()


def test_resume_without_a_draft_is_a_clear_error(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--resume")
    child.expect("no unfinished screening to resume")
    child.expect(pexpect.EOF)
    if child.isalive():
        child.wait()  # its exit status: close() would kill it
    child.close()
    assert child.exitstatus == 1


@pytest.mark.parametrize("stdin", [b"", b"yes\n"])
def test_without_a_terminal_screen_points_to_answers(tmp_path: Path, stdin: bytes) -> None:
    import subprocess

    done = subprocess.run(
        [sys.executable, "-m", "ottool", "screen", "--data-dir", str(FIXTURE)],
        input=stdin,
        capture_output=True,
        env={**os.environ, "OTTOOL_HOME": str(tmp_path)},
        check=False,
    )
    assert done.returncode == 1
    assert b"--answers" in done.stderr
    assert b"Traceback" not in done.stderr


def test_the_end_offers_write_the_plan_and_save_the_results(tmp_path: Path) -> None:
    home, work = tmp_path / "home", tmp_path / "work"
    work.mkdir()
    child = spawn(home, cwd=work)
    answer_child(child, name="Ada Lovelace")
    for position in ("1 of 5", "2 of 5", "3 of 5", "4 of 5"):
        choose(child, position, "1")
    choose(child, "5 of 5", "2")  # smiles for attention: sometimes
    child.expect("Have you noticed any of these")
    child.send("\r")
    child.expect("Anything else")
    child.sendline("She naps a lot")
    child.expect("Results for Ada Lovelace")
    child.expect("Write this plan")
    child.send("y\r")
    child.expect("File name")
    child.expect("plan-ada-lovelace-")  # the suggested name, from the child's name
    child.send("\x15")  # clear the suggested name
    child.sendline("ada.doc")
    child.expect("cannot tell which format")
    child.expect("File name")  # asked again
    child.send("\x15")
    child.sendline("ada.md")
    child.expect("Plan written to")
    child.expect("Save these results")
    # Where the plan went, as a full path: the parent typed a bare name. (A path longer
    # than the line, as a parallel run's folders can be, wraps anywhere: spaces not counted.)
    assert f"{work / 'ada.md'}." in "".join(child.before.split())
    child.send("y\r")
    child.expect(r"Saved as screening (\d+)")
    number = int(child.match.group(1))
    child.expect(pexpect.EOF)
    if child.isalive():
        child.wait()  # its exit status: close() would kill it
    child.close()
    assert child.exitstatus == 0

    plan = (work / "ada.md").read_text()
    assert "Ada Lovelace" in plan
    assert "Mirror play" in plan  # practices the 'sometimes' smile
    assert (work / "ada.md").stat().st_mode & 0o777 == 0o600

    import subprocess

    shown = subprocess.run(
        [
            sys.executable,
            "-m",
            "ottool",
            "history",
            "show",
            str(number),
            "--format",
            "json",
            "--data-dir",
            str(FIXTURE),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "OTTOOL_HOME": str(home)},
        check=True,
    )
    saved = json.loads(shown.stdout)
    assert saved["format"] == "ottool-result/1"
    assert saved["child"]["name"] == "Ada Lovelace"
    assert saved["concerns"] == "She naps a lot"


def test_back_on_the_first_question_returns_to_the_details_as_typed(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    child.expect("first name")
    child.sendline("Mia")
    child.expect("Date of birth")
    child.sendline(BIRTH)
    child.expect("born early")
    child.send("y\r")
    child.expect("How many weeks")
    child.sendline("36")  # 4 weeks early: 102 days corrected, the 2-month checklist
    child.expect("1 of 3")
    child.expect("Back to your child's details")
    child.send("5")
    child.send("\r")
    # Every detail comes back as it was typed: Enter keeps it.
    child.expect("first name")
    child.expect("Mia")
    child.send("\r")
    child.expect("Date of birth")
    child.expect(BIRTH)
    child.send("\r")
    child.expect(r"born early.*\(Y/n\)")  # the answer given before is the default now
    child.send("\r")
    child.expect("How many weeks")
    child.expect("36")
    child.send("\r")
    child.expect("born 4 weeks early")
    for position in ("1 of 3", "2 of 3", "3 of 3"):
        choose(child, position, "1")
    child.expect("Have you noticed any of these")
    child.send("\r")
    child.expect("Anything else")
    child.sendline("")
    child.expect("Results for Mia")
    child.expect("Questions from the 2-month milestones")
    child.expect("Write this plan")
    child.send("n\r")
    child.expect("Save these results")
    child.send("n\r")
    child.expect(pexpect.EOF)
    if child.isalive():
        child.wait()  # its exit status: close() would kill it
    child.close()
    assert child.exitstatus == 0


# The refusal as the terminal wraps it (a long --data-dir path in a parallel run's
# folders moves the line breaks).
OLDER = r"older\s+than\s+ottool's\s+checklists\s+serve"


def test_a_child_older_than_the_checklists_is_told_at_the_birth_date(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    for name in ("milestones.yaml", "activities.yaml"):
        (content / name).write_text((FIXTURE / name).read_text())
    limited = (
        (FIXTURE / "milestones.yaml")
        .read_text()
        .replace("schema_version: 1\n", "schema_version: 1\nmax_months: 7\n")
    )
    (content / "milestones.yaml").write_text(limited)
    # 13 months old: over 7 months of age used even if born at 22 weeks.
    older = (dt.date.today() - dt.timedelta(days=400)).isoformat()
    child = spawn(tmp_path / "home", "--data-dir", str(content))
    child.expect("first name")
    child.sendline("Sam")
    child.expect("Date of birth")
    child.sendline(older)
    child.expect(OLDER)
    child.send("\x15")
    # 8.2 months: refused once the parent says Sam was born at term ...
    child.sendline((dt.date.today() - dt.timedelta(days=250)).isoformat())
    child.expect("born early")
    child.send("n\r")
    child.expect(OLDER)
    child.expect("CDC")
    # ... and asked the details again, as typed: born at 32 weeks, 6.4 months corrected.
    child.expect("first name")
    child.send("\r")
    child.expect("Date of birth")
    child.send("\r")
    child.expect("born early")
    child.send("y\r")
    child.expect("How many weeks")
    child.sendline("32")
    child.expect("1 of 3")  # the 6-month checklist
    child.expect("←")  # its choices drawn: the question is listening
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    if child.isalive():
        child.wait()  # its exit status: close() would kill it
    child.close()
    assert child.exitstatus == 130


def test_the_resume_offer_says_when_the_draft_was_started_in_words() -> None:
    from ottool.cli.interview import _started_in_words
    from ottool.core import i18n

    assert _started_in_words("2026-11-22T14:05") == "November 22, 2026 at 14:05"
    i18n.set_language("es")
    try:
        assert _started_in_words("2026-11-22T14:05") == "22 de noviembre de 2026 a las 14:05"
    finally:
        i18n.set_language("en")
    assert _started_in_words("someday") == "someday"  # an edited draft: as it was stored
