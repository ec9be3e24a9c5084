"""Loading content: a process that loads the same files again reuses the checked result."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from ottool.core.content import check_content, load_content

FIXTURE_DIR = Path(__file__).parent / "fixtures" / "content"


def test_loading_the_same_files_twice_gives_the_same_content_object() -> None:
    assert load_content(FIXTURE_DIR) is load_content(FIXTURE_DIR)


def test_each_language_is_loaded_on_its_own() -> None:
    english, spanish = load_content(FIXTURE_DIR), load_content(FIXTURE_DIR, lang="es")
    assert english is not spanish
    assert english.version == spanish.version  # the same files


def test_an_edited_file_is_read_again_not_served_from_memory(content_copy: Path) -> None:
    before = load_content(content_copy)
    milestones = content_copy / "milestones.yaml"
    milestones.write_text(milestones.read_text().replace("schema_version: 1", "schema_version: 2"))
    report = check_content(content_copy)
    assert report.content is None
    assert [p.message for p in report.errors] == ["schema_version must be 1, got 2"]
    assert before.version != ""


def test_a_missing_file_is_reported_each_time(tmp_path: Path) -> None:
    for _ in range(2):
        report = check_content(tmp_path)
        assert [p.message for p in report.errors] == ["the file does not exist"] * 2


def test_shared_content_cannot_be_changed_by_one_caller() -> None:
    content = load_content(FIXTURE_DIR)
    with pytest.raises(TypeError):
        content.milestone_by_id["x"] = content.milestones[0]  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        content.version = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        content.milestones[0].text = "changed"  # type: ignore[misc]


def test_forgetting_checked_content_checks_the_files_again() -> None:
    from ottool.core.content import forget_checked_content

    first = load_content(FIXTURE_DIR)
    forget_checked_content()
    again = load_content(FIXTURE_DIR)
    assert again is not first
    assert again == first
