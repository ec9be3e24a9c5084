"""The whole interactive questionnaire once in Spanish, in a real pseudo-terminal."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import pexpect
import pytest

pytestmark = pytest.mark.slow

SPANISH_CONTENT = Path(__file__).parent / "fixtures" / "content-es"
# 130 days old: the 4-month checklist of the fixture content, five questions.
BIRTH = (dt.date.today() - dt.timedelta(days=130)).isoformat()


def spawn(home: Path, *args: str, environ: dict[str, str] | None = None) -> pexpect.spawn:
    env = {**os.environ, "OTTOOL_HOME": str(home), "NO_COLOR": "1", "TERM": "xterm"}
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"
    for name in ("OTTOOL_DATA_DIR", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        env.pop(name, None)
    env.update(environ or {})
    return pexpect.spawn(
        sys.executable,
        ["-m", "ottool", "screen", "--data-dir", str(SPANISH_CONTENT), *args],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 100),
        cwd=str(home),
    )


def choose(child: pexpect.spawn, position: str, key: str) -> None:
    """Wait for question ``position`` (e.g. '2 de 5'), press a number key and Enter."""
    child.expect(position)
    child.expect(r"\?")
    child.send(key)
    child.send("\r")


def test_a_parent_answers_the_whole_questionnaire_in_spanish(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--lang", "es")
    child.expect("no un diagnóstico")
    child.expect("Nombre de su hijo")
    child.sendline("Lucía")
    child.expect("Fecha de nacimiento")
    child.sendline("2026-02-30")  # not a real date: asked again, in Spanish
    child.expect("año-mes-día")
    child.send("\x15")
    child.sendline(BIRTH)
    child.expect("nació antes de tiempo")
    child.send("n\r")
    child.expect("4 meses")  # the age used
    choose(child, "Movimiento \\(músculos grandes\\) · 1 de 5", "1")
    child.expect("Volver")  # the way back is offered in Spanish
    choose(child, "2 de 5", "1")
    choose(child, "3 de 5", "5")  # back to the previous question
    choose(child, "2 de 5", "3")  # boca abajo: changed to todavía no
    choose(child, "Manos y dedos · 3 de 5", "2")
    choose(child, "4 de 5", "1")
    choose(child, "Sentimientos y relaciones · 5 de 5", "1")
    child.expect("Ha notado alguna de estas")
    child.expect("No puede agarrar ni sostener objetos")
    child.send("\r")
    child.expect("Hay algo más sobre el desarrollo")
    child.sendline("Se asusta con los ruidos")
    child.expect("Lucía")
    child.expect("Movimiento")
    child.expect("Tiempo boca abajo")  # practices the 'todavía no' push-up milestone
    child.expect("Acueste a su bebé boca abajo")
    child.expect("Guardar este plan")
    child.send("y\r")
    child.expect("Nombre del archivo")
    child.send("\x15")
    child.sendline("plan-lucia.html")
    child.expect("Plan guardado en")
    child.expect("Guardar estos resultados")
    # The full path (one longer than the line wraps anywhere: spaces not counted).
    assert f"{tmp_path / 'plan-lucia.html'}." in "".join(child.before.split())
    child.send("y\r")
    child.expect(r"Guardado como control (\d+)")
    child.expect(pexpect.EOF)
    if child.isalive():
        child.wait()  # its exit status: close() would kill it
    child.close()
    assert child.exitstatus == 0

    html = (tmp_path / "plan-lucia.html").read_text(encoding="utf-8")
    assert "Lucía" in html and "Tiempo boca abajo" in html


def test_stopping_and_resuming_in_spanish_keeps_the_answers(tmp_path: Path) -> None:
    child = spawn(tmp_path, environ={"LANG": "es_MX.UTF-8"})  # Spanish from the locale
    child.expect("Nombre de su hijo")
    child.sendline("Mateo")
    child.expect("Fecha de nacimiento")
    child.sendline(BIRTH)
    child.expect("nació antes de tiempo")
    child.send("n\r")
    choose(child, "1 de 5", "3")
    choose(child, "2 de 5", "1")
    child.expect("3 de 5")
    child.expect("←")  # its choices drawn: the question is listening
    child.sendcontrol("c")
    child.expect("--resume")
    child.expect(pexpect.EOF)
    if child.isalive():
        child.wait()  # its exit status: close() would kill it
    child.close()
    assert child.exitstatus == 130
    draft = json.loads((tmp_path / "draft.json").read_text())
    # Answers are saved as codes, whatever the language they were given in.
    assert draft["answers"] == {"gm-4m-head-steady": "not_yet", "gm-4m-pushes-up-elbows": "yes"}

    child = spawn(tmp_path, "--resume", environ={"LANG": "es_MX.UTF-8"})
    child.expect("Seguimos con el control de Mateo: 2 respuestas hasta ahora")
    choose(child, "3 de 5", "1")
    choose(child, "4 de 5", "1")
    choose(child, "5 de 5", "1")
    child.expect("Ha notado alguna de estas")
    child.send("\r")
    child.expect("Hay algo más")
    child.sendline("")
    child.expect("Movimiento")
    child.expect("Guardar este plan")
    child.send("n\r")
    child.expect("Guardar estos resultados")
    child.send("n\r")
    child.expect(pexpect.EOF)
    if child.isalive():
        child.wait()  # its exit status: close() would kill it
    child.close()
    assert child.exitstatus == 0


def test_n_then_enter_answers_only_the_yes_or_no_question(tmp_path: Path) -> None:
    """A parent types "n" and Enter at the born-early question: the Enter is the yes-or-no
    question's, never an answer to the first milestone nobody chose."""
    child = spawn(tmp_path, "--lang", "es")
    child.expect("Nombre de su hijo")
    child.sendline("Emma")
    child.expect("Fecha de nacimiento")
    child.sendline(BIRTH)
    child.expect("nació antes de tiempo")
    child.send("n")
    child.send("\r")
    child.expect("1 de 5")
    child.expect(r"\?")
    child.expect("←")  # its choices drawn: the question is listening
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    if child.isalive():
        child.wait()  # its exit status: close() would kill it
    child.close()
    draft = json.loads((tmp_path / "draft.json").read_text())
    assert draft["answers"] == {}  # the first question is still unanswered
    assert draft["child"]["gestational_weeks"] == 40  # "no": born at term
