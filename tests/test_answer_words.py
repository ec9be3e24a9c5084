"""Answer files accept Spanish answer words, whatever the interface's language (issue 13)."""

from __future__ import annotations

import datetime as dt
import gettext
from pathlib import Path

import pytest

from ottool.core import i18n
from ottool.core.content import Content
from ottool.core.errors import InputError
from ottool.storage.answerfile import read_answers

HEADER = """\
child:
  birth_date: 2025-01-01
date: 2025-05-11
"""
TODAY = dt.date(2026, 1, 1)

MILESTONE_WORDS = [
    ("sí", "yes"),
    ("si", "yes"),
    ("Sí", "yes"),
    ("SI", "yes"),
    ("a veces", "sometimes"),
    ("A Veces", "sometimes"),
    ("todavía no", "not_yet"),
    ("todavia no", "not_yet"),
    ("Todavía No", "not_yet"),
    ("no sé", "unsure"),
    ("no se", "unsure"),
    ("NO SÉ", "unsure"),
    ("  a veces  ", "sometimes"),
]


def _read(tmp_path: Path, content: Content, body: str) -> object:
    path = tmp_path / "answers.yaml"
    path.write_text(HEADER + body, encoding="utf-8")
    return read_answers(path, content, today=TODAY)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(("written", "answer"), MILESTONE_WORDS)
def test_spanish_milestone_answer_words_in_any_language(
    tmp_path: Path, content: Content, lang: str, written: str, answer: str
) -> None:
    i18n.set_language(lang)
    answers = _read(tmp_path, content, f'answers:\n  gm-4m-head-steady: "{written}"\n')
    assert answers.milestones == {"gm-4m-head-steady": answer}  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize(
    ("written", "reported"), [("sí", True), ("si", True), ("SÍ", True), ("no", False)]
)
def test_spanish_yes_and_no_for_warning_signs(
    tmp_path: Path, content: Content, lang: str, written: str, reported: bool
) -> None:
    i18n.set_language(lang)
    answers = _read(tmp_path, content, f"warning_signs:\n  ws-no-grasp: {written}\n")
    assert answers.warning_signs == {"ws-no-grasp": reported}  # type: ignore[attr-defined]


def test_unquoted_spanish_words_work_too(tmp_path: Path, content: Content) -> None:
    body = "answers:\n  gm-4m-head-steady: sí\n  gm-4m-pushes-up-elbows: todavía no\n"
    answers = _read(tmp_path, content, body)
    assert answers.milestones == {  # type: ignore[attr-defined]
        "gm-4m-head-steady": "yes",
        "gm-4m-pushes-up-elbows": "not_yet",
    }


@pytest.mark.parametrize(
    ("lang", "allowed"),
    [("en", "yes, sometimes, not yet, unsure"), ("es", "sí, a veces, todavía no, no sé")],
)
def test_a_word_that_is_not_an_answer_suggests_the_words_of_the_language(
    tmp_path: Path, content: Content, lang: str, allowed: str
) -> None:
    i18n.set_language(lang)
    with pytest.raises(InputError) as caught:
        _read(tmp_path, content, "answers:\n  gm-4m-head-steady: quizás\n")
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'answers.yaml'}:5: ")
    assert "'quizás'" in message
    assert message.endswith(f"({allowed})") or f": {allowed})" in message


@pytest.mark.parametrize(("lang", "allowed"), [("en", "true, false"), ("es", "sí, no")])
def test_a_sign_answer_that_is_not_yes_or_no_suggests_the_words_of_the_language(
    tmp_path: Path, content: Content, lang: str, allowed: str
) -> None:
    i18n.set_language(lang)
    with pytest.raises(InputError) as caught:
        _read(tmp_path, content, "warning_signs:\n  ws-no-grasp: a veces\n")
    assert str(caught.value).endswith(f"{allowed})")


class _Marked(gettext.NullTranslations):
    """A catalog that marks every sentence it translates: «like this»."""

    def gettext(self, message: str) -> str:
        return f"«{message}»"


def test_error_sentences_go_through_the_catalog(
    tmp_path: Path, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sentence is translated; the file:line and the id stay as they are."""
    monkeypatch.setattr(i18n, "_translations", _Marked())
    with pytest.raises(InputError) as caught:
        _read(tmp_path, content, "answers:\n  gm-4m-head-stead: yes\n")
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'answers.yaml'}:5: «")
    assert "'gm-4m-head-stead'" in message
