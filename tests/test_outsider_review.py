"""What an outside review of the Spanish interface found (session 3): each test fails
without its fix. Damaged catalogs, hostile text in Spanish mode, odd Unicode in
answer words and the other surfaces the review tried."""

from __future__ import annotations

import datetime as dt
import gettext
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ANSWERS_DIR, FIXTURE_DIR, Run, answers_text
from ottool.core import i18n
from ottool.core.content import Content
from ottool.storage.answerfile import read_answers

GOOD_MO = i18n.LOCALE_DIR / "es" / "LC_MESSAGES" / "ottool.mo"


def _broken_catalogs() -> list[bytes]:
    good = GOOD_MO.read_bytes()
    return [
        b"garbage\n",  # bad magic number
        good[:30],  # cut short: struct.error inside gettext
        b"",  # empty
    ]


@pytest.mark.parametrize(
    "mo", [*_broken_catalogs(), None], ids=["garbage", "short", "empty", "missing"]
)
def test_a_damaged_or_missing_catalog_falls_back_to_english(
    mo: bytes | None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cli: Callable[..., Run],
) -> None:
    folder = tmp_path / "locale" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    if mo is not None:
        (folder / "ottool.mo").write_bytes(mo)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    gettext._translations.clear()  # type: ignore[attr-defined]  # gettext caches by path
    i18n.set_language("es")
    assert i18n.language() == "en"
    assert i18n._("March") == "March"
    run = cli(
        "screen",
        "--answers",
        ANSWERS_DIR / "mia-4-months.yaml",
        "--data-dir",
        FIXTURE_DIR,
        "--lang",
        "es",
    )
    from ottool.storage.answerfile import forget_words

    forget_words()  # the answer words were read from the damaged catalog: not for later tests
    assert run.exit_code == 0, run.output
    assert "Results for" in run.stdout


@pytest.mark.parametrize(
    ("written", "answer"),
    [
        ("todavi\u0301a no", "not_yet"),  # decomposed accent, as some phones type it
        ("a\u00a0veces", "sometimes"),  # no-break space pasted from a form
        ("todavía  no", "not_yet"),  # two spaces
        ("\uff53\uff49", "yes"),  # full-width "si"
        ("no se\u0301", "unsure"),
        ("NOT\u00a0YET", "not_yet"),
    ],
)
def test_answer_words_with_odd_unicode_are_understood(
    tmp_path: Path, content: Content, written: str, answer: str
) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(
        "child:\n  birth_date: 2025-01-01\ndate: 2025-05-11\n"
        f'answers:\n  gm-4m-head-steady: "{written}"\n'
        'warning_signs:\n  ws-no-grasp: "si\u0301"\n',
        encoding="utf-8",
    )
    answers = read_answers(path, content, today=dt.date(2026, 1, 1))
    assert answers.milestones == {"gm-4m-head-steady": answer}
    assert answers.warning_signs == {"ws-no-grasp": True}


# --- the command line's own sentences in Spanish (issue 13: "everything a family sees") ---


def test_the_command_lines_own_messages_are_spanish_under_lang_es(
    tmp_path: Path, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OTTOOL_HOME", str(tmp_path / "home"))
    data = ("--data-dir", FIXTURE_DIR, "--lang", "es")
    no_terminal = cli("screen", *data)  # the runner's stdin is no terminal
    assert no_terminal.exit_code == 1
    assert "no hay una terminal donde hacer las preguntas" in no_terminal.stderr
    written = cli("plan", "--age-months", "7", "--output", tmp_path / "plan.md", *data)
    assert written.exit_code == 0, written.output
    assert written.stderr.strip() == f"Plan guardado en {tmp_path / 'plan.md'}."
    neither = cli("plan", *data)
    assert neither.exit_code == 1
    assert "indique solo una de estas opciones" in neither.stderr
    early = tmp_path / "early.yaml"
    early.write_text(answers_text("preterm-34-weeks-answered-ahead"), encoding="utf-8")
    unused = cli("screen", "--answers", early, "--format", "json", "--save", *data)
    assert unused.exit_code == 0, unused.output
    assert "3 respuestas no se usaron (gm-6m-rolls" in unused.stderr
    assert "(corregida por prematuridad)" in unused.stderr
    assert "Guardado como control 1." in unused.stderr


@pytest.mark.slow
def test_ctrl_c_in_the_spanish_questionnaire_says_in_spanish_what_was_kept(
    tmp_path: Path,
) -> None:
    pexpect = pytest.importorskip("pexpect")
    env = {**os.environ, "OTTOOL_HOME": str(tmp_path), "NO_COLOR": "1", "TERM": "xterm"}
    env["PROMPT_TOOLKIT_NO_CPR"] = "1"
    env.pop("OTTOOL_DATA_DIR", None)
    birth = (dt.date.today() - dt.timedelta(days=130)).isoformat()
    child = pexpect.spawn(
        sys.executable,
        ["-m", "ottool", "--lang", "es", "screen", "--data-dir", str(FIXTURE_DIR)],
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 100),
    )
    child.expect("Nombre")
    child.sendline("{0}{name} [bold]x %s")  # format fields and markup in a name
    child.expect("[Nn]acimiento")
    child.sendline(birth)
    child.expect("semanas")
    child.send("n\r")
    child.expect(r"1 de \d+")
    child.expect(r"\?")
    child.send("1\r")
    child.expect(r"2 de \d+")
    child.expect(r"\?")
    child.sendintr()
    child.expect("Se detuvo. Sus respuestas hasta ahora están guardadas en")
    child.expect("ottool screen --resume")
    child.expect(pexpect.EOF)
    if child.isalive():
        child.wait()  # its exit status: close() would kill it
    child.close()
    assert child.exitstatus == 130
    draft = json.loads((tmp_path / "draft.json").read_text(encoding="utf-8"))
    assert "{0}{name} [bold]x %s" in json.dumps(draft, ensure_ascii=False)
