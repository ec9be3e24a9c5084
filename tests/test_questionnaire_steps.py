"""The questionnaire's warning-sign step, in a real pseudo-terminal: a way Back, and the
ticked signs written out whole (questionary's own echo was cut and in English)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import pexpect
import pytest

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "content"
BIRTH = (dt.date.today() - dt.timedelta(days=130)).isoformat()  # the 4-month checklist
UP = "\x1b[A"


def spawn(home: Path) -> pexpect.spawn:
    env = {**os.environ, "OTTOOL_HOME": str(home), "NO_COLOR": "1", "TERM": "xterm"}
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"
    env.pop("OTTOOL_DATA_DIR", None)
    return pexpect.spawn(
        sys.executable,
        ["-m", "ottool", "screen", "--data-dir", str(FIXTURE)],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
    )


def to_the_warning_signs(child: pexpect.spawn) -> None:
    child.expect("first name")
    child.sendline("Mia")
    child.expect("Date of birth")
    child.sendline(BIRTH)
    child.expect("born early")
    child.send("n\r")
    for n in range(1, 6):
        child.expect(f"{n} of 5")
        child.expect(r"\?")
        child.send("1\r")
    child.expect("Have you noticed any of these")


def test_back_from_the_warning_signs_and_the_ticks_written_out_whole(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    to_the_warning_signs(child)
    child.expect("Back to the previous question")
    child.send(UP)  # from the first line up to the last: Back
    child.send(" \r")
    child.expect("5 of 5")  # the last milestone question again
    child.expect(r"\?")
    child.send("2\r")  # changed to "sometimes"
    child.expect("Have you noticed any of these")
    child.expect("Back to the previous question")
    child.send(" ")  # the first sign
    child.send("\x1b[B ")  # and the second
    child.send("\r")
    child.expect("Anything else")
    step = child.before
    assert "· Cannot grasp or hold objects" in step
    assert "· Has lost skills they once had" in step
    assert "selections" not in step  # questionary's own echo is gone
    child.sendline("")
    child.expect("Results for Mia")
    child.expect("Write this plan")
    child.send("n\r")
    child.expect("Save these results")
    child.send("n\r")
    child.expect(pexpect.EOF)
    if child.isalive():
        child.wait()  # its exit status: close() would kill it
    child.close()
    assert child.exitstatus == 0
