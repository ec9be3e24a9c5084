"""Answer files (docs/design.md §4): a parent's answers written as YAML.

The file's shape (its keys and the canonical answers) is declared once in
:class:`ottool.storage.formats.AnswerFile`; ottool writes answers in that shape too (the
answers behind a saved screening). Reading is done here, on the YAML with its line
numbers, so that every problem is reported as ``file:line: sentence`` and more
spellings are accepted than ottool writes (YAML's yes/no, "not yet", Spanish words).

The interactive questionnaire's draft is another format (``ottool-draft/1``, JSON in
ottool's private folder, :class:`ottool.storage.formats.Draft`), not an answer file.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from ottool.core.age import (
    FULL_TERM_WEEKS,
    MAX_GESTATIONAL_WEEKS,
    MIN_GESTATIONAL_WEEKS,
    age_on,
    check_age_served,
)
from ottool.core.content import Content
from ottool.core.errors import InputError, Problem, did_you_mean, shown
from ottool.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, _, language
from ottool.core.limits import MAX_NAME, MAX_NOTE, length_message, too_long
from ottool.core.screening import ANSWERS, Answer, Answers, Child
from ottool.core.yamlsource import LineDict, parse_yaml, read_text
from ottool.documents.wording import answer_words, sign_words
from ottool.storage.formats import AnswerFile, AnswerFileChild, looks_like_fhir, to_data

#: Answer files are small; anything bigger is a mistake (or an attack).
MAX_ANSWER_FILE_BYTES = 1024 * 1024
_TOP_KEYS = AnswerFile.__struct_fields__
_CHILD_KEYS = AnswerFileChild.__struct_fields__


@cache
def answer_words_in(lang: str) -> dict[Answer, tuple[str, ...]]:
    """The words an answer file accepts for each answer in ``lang`` (lower case), the
    first the one ottool suggests. English takes the codes themselves ("not_yet", "not
    yet", "not-yet", "unsure") and the questionnaire's words; every other language takes
    the catalog's words for the answers (``wording.ANSWER_LABELS``), so a language added
    to the catalog is read in answer files with no change here. Accents, case and
    spaces do not count (:func:`_word_key`)."""
    labels = answer_words(lang)
    if lang != DEFAULT_LANGUAGE:
        return {answer: (labels[answer].lower(),) for answer in ANSWERS}
    return {
        answer: tuple(
            dict.fromkeys(
                (answer.replace("_", " "), answer, answer.replace("_", "-"), labels[answer].lower())
            )
        )
        for answer in ANSWERS
    }


@cache
def sign_words_in(lang: str) -> dict[bool, tuple[str, ...]]:
    """The same for warning signs: true when the sign is seen. YAML itself reads unquoted
    yes/no/true/false as booleans; these are the words it leaves as text."""
    labels = sign_words(lang)
    if lang != DEFAULT_LANGUAGE:
        return {seen: (labels[seen].lower(),) for seen in (True, False)}
    return {True: ("true", "yes"), False: ("false", "no")}


def _word_key(text: str) -> str:
    """``text`` as it is looked up: no accents, no case, single spaces.

    A word typed on a phone or pasted from a form can carry a decomposed accent
    (``i`` + U+0301), a no-break space, full-width letters or two spaces; a parent
    still means "todavía no". NFKD splits accents from their letters and folds
    full-width forms, so dropping the combining marks accepts any accent spelling.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


_MILESTONE = N_("milestone")
_SIGN = N_("warning sign")


def forget_words() -> None:
    """Read the answer words from the catalogs again (they are read once a process; a
    test that swaps the catalogs calls this)."""
    for cached in (answer_words_in, sign_words_in, _spellings, _sign_spellings):
        cached.cache_clear()


@cache
def _spellings() -> dict[str, Answer]:
    """Every language's answer words: a file written in Spanish works under English and
    the other way round."""
    return {
        _word_key(word): answer
        for lang in LANGUAGES
        for answer, spellings in answer_words_in(lang).items()
        for word in spellings
    }


@cache
def _sign_spellings() -> dict[str, bool]:
    return {
        _word_key(word): seen
        for lang in LANGUAGES
        for seen, spellings in sign_words_in(lang).items()
        for word in spellings
    }


def read_answers(path: Path, content: Content, *, today: dt.date | None = None) -> Answers:
    """Read an answer file (YAML, or FHIR JSON); every problem is reported with its line."""
    name = str(path)
    text = read_text(path, name=name, max_bytes=MAX_ANSWER_FILE_BYTES)
    return answers_from_text(text, content, name, today=today)


def answers_from_text(
    text: str, content: Content, name: str, *, today: dt.date | None = None
) -> Answers:
    """The answers in an answer file's text (YAML, or FHIR JSON) read from ``name``."""
    if looks_like_fhir(text):  # a QuestionnaireResponse from a forms tool (docs/design.md §9)
        from ottool.storage.fhir import answers_from_fhir

        return answers_from_fhir(text, content, name, today=today)
    data = parse_yaml(text, name)
    return answers_from_data(data, content, name, today=today)


def answers_from_data(
    data: Any, content: Content, file: str, *, today: dt.date | None = None
) -> Answers:
    """Check parsed answer-file data and turn it into :class:`Answers`."""
    problems: list[Problem] = []

    def problem(line: int | None, message: str) -> None:
        problems.append(Problem(file, line, message))

    if not isinstance(data, LineDict):
        message = _("an answer file is a mapping with child, answers, ...")
        raise InputError([Problem(file, 1, message)])
    for key in data:
        if key not in _TOP_KEYS:
            message = _("unknown key '{key}'").format(key=key)
            problem(data.line_of(key), message + did_you_mean(key, _TOP_KEYS))

    child_data = data.get("child")
    name: str | None = None
    birth: dt.date | None = None
    weeks = FULL_TERM_WEEKS
    if not isinstance(child_data, LineDict):
        problem(data.line_of("child"), _("'child' with at least a birth_date is required"))
    else:
        for key in child_data:
            if key not in _CHILD_KEYS:
                problem(
                    child_data.line_of(key),
                    _("child: unknown key '{key}'").format(key=key)
                    + did_you_mean(key, _CHILD_KEYS),
                )
        raw_name = child_data.get("name")
        if isinstance(raw_name, (list, dict)):
            problem(child_data.line_of("name"), _not_text("child: name"))
        elif raw_name is not None:
            name = str(raw_name).strip() or None
            if name is not None and too_long(name, MAX_NAME):
                message = length_message("child: name", name, MAX_NAME)
                problem(child_data.line_of("name"), message)
        birth = _date(child_data, "birth_date", problem, required=True)
        raw_weeks = child_data.get("gestational_weeks", FULL_TERM_WEEKS)
        if isinstance(raw_weeks, bool) or not isinstance(raw_weeks, int):
            problem(
                child_data.line_of("gestational_weeks"),
                _("gestational_weeks must be a whole number of weeks, got {value}").format(
                    value=shown(raw_weeks)
                ),
            )
        elif not MIN_GESTATIONAL_WEEKS <= raw_weeks <= MAX_GESTATIONAL_WEEKS:
            problem(
                child_data.line_of("gestational_weeks"),
                _("gestational_weeks must be between {low} and {high}, got {value}").format(
                    low=MIN_GESTATIONAL_WEEKS, high=MAX_GESTATIONAL_WEEKS, value=shown(raw_weeks)
                ),
            )
        else:
            weeks = raw_weeks

    screening_date = _date(data, "date", problem, required=False) or (today or dt.date.today())
    milestones = _answer_map(
        data, "answers", content.milestone_by_id, _MILESTONE, problem, _milestone_answer
    )
    signs = _answer_map(
        data, "warning_signs", content.warning_sign_by_id, _SIGN, problem, _sign_answer
    )
    concerns = data.get("concerns")
    if isinstance(concerns, (list, dict)):
        problem(data.line_of("concerns"), _not_text("concerns"))
        concerns = None
    elif concerns is not None and not isinstance(concerns, str):
        concerns = str(concerns)
    if concerns is not None and too_long(concerns.strip(), MAX_NOTE):
        problem(data.line_of("concerns"), length_message("concerns", concerns.strip(), MAX_NOTE))
    if birth is not None and isinstance(child_data, LineDict) and not problems:
        _check_age(data, child_data, birth, screening_date, weeks, problem, today, content)
    if problems or birth is None:
        raise InputError(problems)
    return Answers(
        Child(birth, weeks, name),
        screening_date,
        milestones,
        signs,
        concerns.strip() or None if isinstance(concerns, str) else None,
    )


def _check_age(
    data: LineDict,
    child_data: LineDict,
    birth: dt.date,
    screening_date: dt.date,
    weeks: int,
    problem: Any,
    today: dt.date | None,
    content: Content,
) -> None:
    """Impossible ages (docs/design.md §3), and ages past the checklists, at the date to fix."""
    try:
        age = age_on(birth, screening_date, weeks, today=today)
        check_age_served(age, content.max_months)
    except InputError as exc:
        # age_on checks the birth date first: a problem with these dates is the
        # screening date's (when the file gives one), any other the birth date's.
        today = today or dt.date.today()
        about_screening = "date" in data and birth <= today and not birth <= screening_date <= today
        line = data.line_of("date") if about_screening else child_data.line_of("birth_date")
        for p in exc.problems:
            problem(line, p.message)


def _date(data: LineDict, key: str, problem: Any, *, required: bool) -> dt.date | None:
    value = data.get(key)
    if value is None:
        if required:
            problem(data.line, _("'{key}' is required (a date like 2026-04-01)").format(key=key))
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    message = _("{key} must be a real date written like 2026-04-01, got {value}")
    problem(data.line_of(key), message.format(key=key, value=shown(value)))
    return None


def _milestone_answer(value: Any) -> Answer | None:
    if value is True:
        return "yes"
    if value is False:
        return "not_yet"
    if value is None:
        return "unsure"
    if isinstance(value, str):
        return _spellings().get(_word_key(value))
    return None


def _sign_answer(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return _sign_spellings().get(_word_key(value))
    return None


def _answer_map(
    data: LineDict, key: str, known: Mapping[str, Any], what: str, problem: Any, convert: Any
) -> dict[str, Any]:
    section = data.get(key)
    if section is None:
        return {}
    if not isinstance(section, LineDict):
        problem(data.line_of(key), _("'{key}' must be a mapping of id: answer").format(key=key))
        return {}
    result = {}
    for item_id, value in section.items():
        line = section.line_of(item_id)
        if item_id not in known:
            message = _("'{id}' is not a known {what} id").format(id=item_id, what=_(what))
            problem(line, message + did_you_mean(item_id, known))
            continue
        answer = convert(value)
        if answer is None:
            message = _("{what} '{id}': {value} is not an answer (allowed: {allowed})")
            allowed = _allowed_words(what == _MILESTONE)
            problem(
                line, message.format(what=_(what), id=item_id, value=shown(value), allowed=allowed)
            )
            continue
        result[item_id] = answer
    return result


def answers_to_data(answers: Answers) -> dict[str, Any]:
    """Answers as answer-file data (the answers behind a saved screening)."""
    return to_data(answers_to_file(answers))


def answers_to_file(answers: Answers) -> AnswerFile:
    """Answers as an answer file (:class:`ottool.storage.formats.AnswerFile`)."""
    weeks = answers.child.gestational_weeks
    return AnswerFile(
        child=AnswerFileChild(
            name=answers.child.name or None,
            birth_date=answers.child.birth_date,
            gestational_weeks=None if weeks == FULL_TERM_WEEKS else weeks,
        ),
        date=answers.date,
        answers=dict(answers.milestones),
        warning_signs=dict(answers.warning_signs),
        concerns=answers.concerns or None,
    )


def _allowed_words(milestone: bool) -> str:
    """The answers an error suggests, in the interface's language: 'yes, sometimes, ...'."""
    lang = language()
    if milestone:
        return ", ".join(answer_words_in(lang)[a][0] for a in ANSWERS)
    return ", ".join(sign_words_in(lang)[seen][0] for seen in (True, False))


def _not_text(field: str) -> str:
    """A list or a mapping where a name or a note belongs (``name: [a, b]``)."""
    return _(
        "{field} must be text, not a list or a mapping (put it in quotes if it has brackets)"
    ).format(field=field)
