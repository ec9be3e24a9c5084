"""What an outside review of the Spanish interface found (session 3): each test fails
without its fix. Damaged catalogs, hostile text in Spanish mode, odd Unicode in
answer words and the other surfaces the review tried."""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ANSWERS_DIR, FIXTURE_DIR, Run
from ottool import i18n
from ottool.answerfile import read_answers
from ottool.content import Content

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
