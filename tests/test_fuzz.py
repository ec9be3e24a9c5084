"""Fuzzing the content and answer-file loaders: every failure is a message, never a crash.

Hypothesis throws generated and mutated YAML at both loaders: wrong types,
missing keys, huge numbers, deep nesting, odd Unicode, YAML tags, anchors and
aliases, empty files and binary junk. The only allowed outcomes are valid data
or an InputError whose problems each carry a message.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ottool.cli import app
from ottool.core.content import check_content, load_content
from ottool.core.errors import InputError
from ottool.core.yamlsource import MAX_FILE_BYTES, parse_yaml, read_text
from ottool.storage.answerfile import answers_from_data
from properties import examples

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "content"
CONTENT = load_content(FIXTURE)
MILESTONES = (FIXTURE / "milestones.yaml").read_text()
ACTIVITIES = (FIXTURE / "activities.yaml").read_text()
FUZZ = settings(
    max_examples=int(os.environ.get("OTTOOL_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.dates(),
)
plain_data = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.text(max_size=12), inner, max_size=5),
    ),
    max_leaves=30,
)
tags = st.sampled_from(
    [
        "!!python/object/apply:os.system ['touch /tmp/ottool-pwned']",
        "!!python/name:os.system",
        "!!binary aGVsbG8=",
        "!!set {a, b}",
        "!!omap [a: 1]",
        "!custom thing",
        "!!str 5",
        "!!int '7'",
        "!!float 1e400",
    ]
)


def mutate(text: str, data: st.DataObject) -> str:
    """Delete, duplicate or replace a few slices of ``text``."""
    for _ in range(data.draw(st.integers(1, 4))):
        if not text:
            break
        i = data.draw(st.integers(0, len(text) - 1))
        j = data.draw(st.integers(i, min(len(text), i + 40)))
        action = data.draw(st.sampled_from(["delete", "duplicate", "replace", "insert"]))
        if action == "delete":
            text = text[:i] + text[j:]
        elif action == "duplicate":
            text = text[:j] + text[i:j] + text[j:]
        elif action == "replace":
            text = text[:i] + data.draw(st.text(max_size=10)) + text[j:]
        else:
            snippet = data.draw(
                st.one_of(tags, st.sampled_from(["&x ", "*x", "<<: *x", ": ", "- ", "\t", "'"]))
            )
            text = text[:i] + snippet + text[i:]
    return text


def check_folder(milestones: str | bytes, activities: str | bytes) -> None:
    """Validate a content folder; assert it either loads or reports messages."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, body in (("milestones.yaml", milestones), ("activities.yaml", activities)):
            if isinstance(body, bytes):
                (folder / name).write_bytes(body)
            else:
                (folder / name).write_text(body, encoding="utf-8", errors="surrogatepass")
        report = check_content(folder)
    assert (report.content is None) == bool(report.errors)
    for problem in report.errors:
        assert problem.message and "Traceback" not in problem.message


def check_answers(text: str) -> None:
    try:
        data = parse_yaml(text, "answers.yaml")
        answers_from_data(data, CONTENT, "answers.yaml", today=dt.date(2026, 11, 24))
    except InputError as exc:
        assert exc.problems and all(p.message for p in exc.problems)


@FUZZ
@given(data=st.data())
def test_mutated_content_never_crashes(data: st.DataObject) -> None:
    which = data.draw(st.sampled_from(["milestones", "activities", "both"]))
    m = mutate(MILESTONES, data) if which != "activities" else MILESTONES
    a = mutate(ACTIVITIES, data) if which != "milestones" else ACTIVITIES
    check_folder(m, a)


@FUZZ
@given(milestones=plain_data, activities=plain_data)
def test_generated_yaml_documents_never_crash_content(milestones: Any, activities: Any) -> None:
    check_folder(yaml.safe_dump(milestones), yaml.safe_dump(activities))


@FUZZ
@given(
    entry=st.dictionaries(
        st.sampled_from(["id", "months", "domain", "text", "source", "question", "hint", "extra"]),
        plain_data,
    )
)
def test_generated_milestone_entries_never_crash(entry: dict[str, Any]) -> None:
    doc = yaml.safe_load(MILESTONES)
    doc["milestones"].append(entry)
    check_folder(yaml.safe_dump(doc), ACTIVITIES)


@FUZZ
@given(junk=st.binary(max_size=300))
def test_binary_junk_never_crashes(junk: bytes) -> None:
    check_folder(junk, ACTIVITIES)


@FUZZ
@given(data=st.data())
def test_mutated_answer_files_never_crash(data: st.DataObject) -> None:
    base = (
        "child:\n  name: Sam\n  birth_date: 2026-06-01\n  gestational_weeks: 32\n"
        "date: 2026-11-20\nanswers:\n  gm-4m-head-steady: yes\n  fm-4m-holds-toy: not yet\n"
        "warning_signs:\n  ws-no-grasp: false\nconcerns: some text\n"
    )
    check_answers(mutate(base, data))


@FUZZ
@given(doc=plain_data)
def test_generated_answer_documents_never_crash(doc: Any) -> None:
    check_answers(yaml.safe_dump(doc))


@FUZZ
@given(text=st.text(max_size=200))
def test_any_text_as_answer_file_never_crashes(text: str) -> None:
    check_answers(text)


def test_billion_laughs_is_refused_quickly() -> None:
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    previous = "a"
    for name in "bcdefghij":
        text += f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]\n"
        previous = name
    try:
        parse_yaml(text, "laughs.yaml")
    except InputError as exc:
        assert "too many aliases" in str(exc)
    else:  # pragma: no cover - the assertion below explains
        raise AssertionError("alias expansion was not bounded")


def test_deep_nesting_is_a_message() -> None:
    for text in ("[" * 50_000 + "]" * 50_000, "- " * 20_000 + "x"):
        try:
            parse_yaml(text, "deep.yaml")
        except InputError as exc:
            assert "deep.yaml" in str(exc)
        else:  # pragma: no cover
            raise AssertionError("deep nesting was accepted")


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    try:
        read_text(big, name="big.yaml")
    except InputError as exc:
        assert "big.yaml: the file is" in str(exc) and "the limit is" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("an oversized file was read")


def test_python_tags_are_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    folder = tmp_path / "content"
    shutil.copytree(FIXTURE, folder)
    (folder / "milestones.yaml").write_text(
        MILESTONES + f"\nextra: !!python/object/apply:os.system ['touch {marker}']\n"
    )
    result = CliRunner().invoke(app, ["validate", "--data-dir", str(folder)])
    assert result.exit_code == 1
    assert "!!python/object/apply:os.system is not allowed" in result.output
    assert not marker.exists()


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_the_validate_command_exits_0_or_1_with_messages(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "milestones.yaml").write_text(mutate(MILESTONES, data), errors="surrogatepass")
        (folder / "activities.yaml").write_text(ACTIVITIES)
        result = CliRunner().invoke(app, ["validate", "--data-dir", str(folder)])
    assert result.exit_code in (0, 1)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
