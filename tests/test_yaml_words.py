"""YAML mistakes in a content file, said in plain words with their fix (issue 27).

A content editor is not a programmer: each row is one slip in the test content, the
line `ottool validate` names and a part of what it says there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import Run
from ottool.core.content import check_content
from ottool.core.errors import InputError
from ottool.core.yamlsource import YAML11_BOOLEANS, parse_yaml

M = "milestones.yaml"
A = "activities.yaml"


@dataclass(frozen=True)
class Slip:
    """``old`` -> ``new`` in ``file``; the problem is at ``at`` (else where ``new``
    starts, plus ``offset`` lines) and contains ``message``."""

    file: str
    old: str
    new: str
    message: str
    at: str | None = None
    offset: int = 0


INDENTED = "this line is indented differently from the lines around it"
UNCLOSED = "the quote that opens the text on this line is never closed"

SLIPS = {
    "a tab": Slip(
        M, "    text: Opens hands briefly\n", "\ttext: Opens hands briefly\n",
        "this line is indented with a tab character: YAML needs spaces",
    ),
    "a key indented further": Slip(
        M, "    text: Opens hands briefly\n    source: CDC LTSAE 2022\n",
        "    text: Opens hands briefly\n      source: CDC LTSAE 2022\n", INDENTED, offset=1,
    ),
    "a key indented less": Slip(
        M, "    text: Opens hands briefly\n    source: CDC LTSAE 2022\n",
        "    text: Opens hands briefly\n   source: CDC LTSAE 2022\n", INDENTED, offset=1,
    ),
    "source indented under hint": Slip(
        M, "    text: Opens hands briefly\n    source: CDC LTSAE 2022\n",
        "    text: Opens hands briefly\n    hint:\n      en: Watch the fingers.\n"
        "      source: CDC LTSAE 2022\n",
        "milestone 'fm-2m-opens-hands': 'source' is indented under 'hint': move it left to "
        "line up with 'hint'", offset=3,
    ),
    "a colon inside text": Slip(
        M, "    text: Opens hands briefly\n", "    text: Opens hands: briefly\n",
        "a colon followed by a space inside text that is not in quotes: put the whole text "
        "in quotes",
    ),
    "Yes as a text": Slip(
        A, "    name: Rolling practice\n", "    name: Yes\n",
        "activity 'rolling-practice': name: YAML reads Yes as yes or no, not as text: write "
        "'Yes' in quotes",
    ),
    "On as a translation": Slip(
        A, "    name: Rolling practice\n", "    name:\n      en: On\n      es: Encendido\n",
        "activity 'rolling-practice': name: YAML reads On as yes or no, not as text: write "
        "'On' in quotes", offset=1,
    ),
    "No as a step": Slip(
        A, "    steps: [Hold a toy to one side.]\n", "    steps:\n      - No\n",
        "activity 'rolling-practice': steps: YAML reads No as yes or no", offset=1,
    ),
    "normed: no": Slip(
        M, "    text: Opens hands briefly\n    source: CDC LTSAE 2022\n",
        "    text: Opens hands briefly\n    source: Common OT practice\n    normed: off\n",
        "milestone 'fm-2m-opens-hands': normed: write false, not off", offset=2,
    ),
    "a quoted number": Slip(
        A, "    minutes: 5\n    times_per_day: 2\n", '    minutes: "5"\n    times_per_day: 2\n',
        "activity 'rolling-practice': minutes must be a whole number, 1 or more, got '5': "
        "remove the quotes",
    ),
    "an unclosed double quote": Slip(
        M, "    text: Opens hands briefly\n", '    text: "Opens hands briefly\n', UNCLOSED,
    ),
    "an unclosed single quote": Slip(
        M, "    text: Opens hands briefly\n", "    text: 'Opens hands briefly\n", UNCLOSED,
    ),
    "an unclosed quote before a quoted value": Slip(
        M, "    text: Opens hands briefly\n    source: CDC LTSAE 2022\n",
        '    text: "Opens hands briefly\n    source: "CDC LTSAE 2022"\n', UNCLOSED,
    ),
    "an unclosed quote in the last line": Slip(
        A, "    source: Common OT practice\n", '    source: "Common OT practice\n', UNCLOSED,
    ),
    "a second document": Slip(
        A, "schema_version: 1\n", "schema_version: 1\n---\n",
        "a second YAML document starts here (a line '---' after the first one)", at="---",
    ),
    "a checklist age twice": Slip(
        M, "schema_version: 1\n", "schema_version: 1\nchecklists: [2, 4, 4, 6]\n",
        "checklists: 4 is listed twice: remove one of them", at="checklists:",
    ),
    "a quoted schema_version": Slip(
        M, "schema_version: 1\n", 'schema_version: "1"\n',
        "schema_version must be 1, got '1': remove the quotes",
    ),
}  # fmt: skip


@pytest.fixture
def folder(content_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(content_copy)
    return content_copy


def edit(folder: Path, slip: Slip) -> int:
    """Make the slip; the line where the problem must be reported."""
    text = (folder / slip.file).read_text("utf-8")
    assert text.count(slip.old) >= 1, slip.old
    start = text.index(slip.old)
    (folder / slip.file).write_text(text.replace(slip.old, slip.new, 1), "utf-8")
    edited = text.replace(slip.old, slip.new, 1)
    if slip.at is not None:
        return edited[: edited.index(slip.at)].count("\n") + 1
    return text[:start].count("\n") + 1 + slip.offset


@pytest.mark.parametrize("slip", SLIPS.values(), ids=SLIPS.keys())
def test_each_yaml_slip_is_said_plainly_at_its_line(
    folder: Path, cli: Callable[..., Run], slip: Slip
) -> None:
    line = edit(folder, slip)
    run = cli("validate", "--data-dir", folder)
    assert run.exit_code == 1, run.output
    assert "Traceback" not in run.output
    *problems, summary = run.stderr.strip().splitlines()
    assert summary == "1 problem found.", run.stderr
    [problem] = problems
    assert problem.startswith(f"{slip.file}:{line}: "), problem
    assert slip.message in problem
    assert "not valid YAML" not in problem


def test_text_cut_at_a_comment_is_a_warning(folder: Path, cli: Callable[..., Run]) -> None:
    line = edit(
        folder,
        Slip(A, "    name: Rolling practice\n", "    name: Rolling practice #2 a day\n", ""),
    )
    run = cli("validate", "--data-dir", folder)
    assert run.exit_code == 0, run.stderr
    flat = " ".join(run.stdout.split())
    assert (
        f"{A}:{line}: the text stops at 'Rolling practice': YAML reads '#2 a day' after it as "
        "a comment. If it belongs to the text, put the whole text in quotes"
    ) in flat


def test_a_comment_set_off_by_two_spaces_is_meant(folder: Path) -> None:
    edit(folder, Slip(A, "    minutes: 5\n", "    minutes: 5  # AAP: 3 to 5\n", ""))
    edit(folder, Slip(A, "    name: Rolling practice\n", "    name: Rolling  # short\n", ""))
    report = check_content(folder)
    assert report.content is not None
    assert not [w for w in report.warnings if "comment" in w.message]


def test_answer_files_keep_reading_yes_and_no_as_booleans() -> None:
    """Only content files are read strictly: a parent's `ws-lost-skills: yes` is true."""
    data = parse_yaml("warning_signs:\n  ws-lost-skills: yes\n", "answers.yaml")
    assert data["warning_signs"]["ws-lost-skills"] is True
    with pytest.raises(InputError) as err:
        parse_yaml("a: 'open\n", "answers.yaml")
    assert "not valid YAML" in str(err.value)


@given(st.sampled_from(sorted(YAML11_BOOLEANS)))
def test_every_bare_yes_or_no_word_is_refused_as_text_and_quoted_is_fine(word: str) -> None:
    from ottool.core.content.fields import EntryChecker
    from ottool.core.content.models import Domain

    checker = EntryChecker("en")
    entry = parse_yaml(f"id: d\nname: {word}\n", "m", content=True)
    assert checker._convert(entry, Domain, "domain 'd'", "m") is None
    [problem] = checker.problems
    assert problem.line == 2
    assert f"write '{word}' in quotes" in problem.message
    quoted = parse_yaml(f"id: d\nname: '{word}'\n", "m", content=True)
    assert EntryChecker("en")._convert(quoted, Domain, "domain 'd'", "m").name == word
