"""The editorial rules in `ottool validate` (issue 27): each slip a content editor can
make in the shipped content is one problem at its line, with the fix in the message.

The rules themselves live in `ottool.core.content.editorial` and `content.checking`; these
tests only edit a copy of the shipped content, run validate and read what it says.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import Run
from ottool.core.content import check_content
from ottool.core.content.editorial import (
    BABY_UNTIL_MONTHS,
    CDC_SPANISH_WORDING,
    SPANISH_BABY,
    SPANISH_CHILD,
    TU_POSSESSIVE,
    EditorialChecker,
    Text,
)
from ottool.core.errors import Problem

SHIPPED_DIR = Path(__file__).parents[1] / "data"
M = "milestones.yaml"
A = "activities.yaml"


class Shipped:
    """A copy of the shipped content, edited inside one entry at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def block(self, name: str, entry_id: str) -> tuple[str, int, int]:
        """The file's text, and where the entry ``entry_id`` starts and ends in it."""
        text = (self.path / name).read_text("utf-8")
        start = text.index(f"- id: {entry_id}\n")
        end = text.find("\n  - id: ", start)
        return text, start, len(text) if end < 0 else end + 1

    def edit(self, name: str, entry_id: str, old: str, new: str) -> int:
        """Replace ``old`` (once in the entry) with ``new``; the line where it starts."""
        text, start, end = self.block(name, entry_id)
        assert text[start:end].count(old) == 1, f"{old!r} in {entry_id}"
        at = text.index(old, start)
        (self.path / name).write_text(text[:at] + new + text[at + len(old) :], "utf-8")
        return text[:at].count("\n") + 1

    def line(self, name: str, entry_id: str, needle: str) -> int:
        """The line of ``needle`` (once in the entry ``entry_id``)."""
        text, start, end = self.block(name, entry_id)
        assert text[start:end].count(needle) == 1, f"{needle!r} in {entry_id}"
        return text[: text.index(needle, start)].count("\n") + 1


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Shipped:
    folder = tmp_path / "data"
    shutil.copytree(SHIPPED_DIR, folder)
    monkeypatch.chdir(folder)  # files are shown as 'milestones.yaml:LINE:'
    return Shipped(folder)


def problems(run: Run) -> list[str]:
    """The problem lines of a failed `validate` (exit 1, no traceback)."""
    assert run.exit_code == 1, run.output
    assert "Traceback" not in run.output
    *lines, summary = run.stderr.strip().splitlines()
    assert summary == f"{len(lines)} problem{'s' if len(lines) != 1 else ''} found."
    return lines


@dataclass(frozen=True)
class Slip:
    """An edit inside one entry and the one problem validate reports for it.

    The problem is at the line of ``at`` in the entry (after the edit), or where ``new``
    starts; ``message`` is a part of it, the fix included.
    """

    file: str
    entry: str
    old: str
    new: str
    message: str
    at: str | None = None


SLIPS = {
    "normed left out of a Pathways item": Slip(
        M, "sn-2m-calms-with-rocking", "    normed: false\n", "",
        "milestone 'sn-2m-calms-with-rocking': the source is not the CDC's 2022 checklists, "
        "so no age norm stands behind it: add 'normed: false'",
        at="    source: ",
    ),
    "normed: false on a CDC item": Slip(
        M, "gm-15m-takes-steps", "    source: CDC Learn the Signs. Act Early. (2022)\n",
        "    source: CDC Learn the Signs. Act Early. (2022)\n    normed: false\n",
        "the source is the CDC's 2022 checklists, whose items are normed: "
        "remove 'normed: false'",
        at="    normed: false",
    ),
    "tu bebé": Slip(
        A, "tummy-time-floor", "ayudan a su bebé", "ayudan a tu bebé",
        "activity 'tummy-time-floor': why: 'tu bebé' speaks to the parent as 'tú'; "
        "the content speaks as 'usted': write 'su bebé'",
        at="      es: Los ratos cortos",
    ),
    "a tip that says 'Mira'": Slip(
        M, "sn-2m-calms-with-rocking", "es: Todos los bebés tienen tardes difíciles;",
        "es: Todos los bebés tienen tardes difíciles; mira",
        "hint: 'mira' tells the parent what to do as 'tú'; the content speaks as 'usted'",
    ),
    "pediatra for doctor": Slip(
        M, "ws-faces", "pronto con el médico", "pronto con el pediatra",
        "warning sign 'ws-faces': advice: the English says 'doctor', so the Spanish "
        "says 'médico' (one Spanish term for each idea)",
        at="      es: >-\n        Comuníquese",
    ),
    "the CDC's Spanish wording changed": Slip(
        M, "se-15m-copies-children", "es: Copia a otros niños", "es: Imita a otros niños",
        "text: the Spanish is the CDC's own wording, 'Copia a otros niños mientras juega'",
    ),
    "su bebé in a 15-month question": Slip(
        M, "gm-15m-takes-steps", "es: ¿Su hijo puede", "es: ¿Su bebé puede",
        f"question: from {BABY_UNTIL_MONTHS + 1} months the CDC's Spanish checklists call the "
        f"child '{SPANISH_CHILD}', not '{SPANISH_BABY}'",
    ),
    "su hijo in a 9-month question": Slip(
        M, "gm-9m-gets-to-sitting", "es: ¿Su bebé puede", "es: ¿Su hijo puede",
        f"question: up to {BABY_UNTIL_MONTHS} months the CDC's Spanish checklists call the "
        f"child '{SPANISH_BABY}'",
    ),
    "Pathways cited at 24 months": Slip(
        M, "sn-24m-messy-play", "source: Common occupational therapy practice",
        "source: Pathways.org sensory milestones",
        "Pathways.org's sensory checklist stops at 18 months: cite another source for a "
        "24-month item",
    ),
    "an empty source": Slip(
        A, "tummy-time-floor", '    source: "AAP', '    source: ""  # was: "AAP',
        "activity 'tummy-time-floor': source is empty: name where this comes from",
        at='    source: ""',
    ),
    "months: 11": Slip(
        M, "gm-15m-takes-steps", "    months: 15", "    months: 11",
        "milestone 'gm-15m-takes-steps': months: 11 is not a checklist age (checklists on "
        "line 50: 2, 4, 6, 9, 12, 15, 18, 24): did you mean 12?",
    ),
    "a Spanish routine name": Slip(
        A, "tummy-to-chest", "routines: [waking_up, diaper_change]",
        "routines: [waking_up, cambio de pañal]",
        "activity 'tummy-to-chest': routines: each item must be a daily routine id: waking_up,",
    ),
    "a routine that is no id": Slip(
        A, "tummy-to-chest", "routines: [waking_up, diaper_change]",
        "routines: [waking_up, bath_time]",
        "activity 'tummy-to-chest': routine 'bath_time' is not a known routine (known: ",
    ),
    "Spanish left in English": Slip(
        M, "cm-24m-points-in-book",
        "es: Señala cosas en un libro cuando usted se lo pide",
        "es: Points to things in a book when you ask",
        "text: the Spanish is the same as the English ('Points to things in a book when you ask'): "
        "translate it",
    ),
}  # fmt: skip


@pytest.mark.parametrize("slip", SLIPS.values(), ids=SLIPS.keys())
def test_each_slip_is_one_problem_at_its_line(
    shipped: Shipped, cli: Callable[..., Run], slip: Slip
) -> None:
    line = shipped.edit(slip.file, slip.entry, slip.old, slip.new)
    if slip.at is not None:
        line = shipped.line(slip.file, slip.entry, slip.at)
    [problem] = problems(cli("validate", "--data-dir", shipped.path))
    assert problem.startswith(f"{slip.file}:{line}: "), problem
    assert slip.message in problem


def test_the_checklists_line_is_where_the_slip_message_says(shipped: Shipped) -> None:
    text = (shipped.path / M).read_text("utf-8")
    assert text.splitlines()[49].startswith("checklists: [2, 4, 6, 9, 12, 15, 18, 24]")


def test_a_declared_age_without_milestones_is_named(shipped: Shipped) -> None:
    text = (shipped.path / M).read_text("utf-8")
    (shipped.path / M).write_text(text.replace("18, 24]", "18, 24, 30]", 1), "utf-8")
    report = check_content(shipped.path)
    assert [str(p) for p in report.errors] == [
        f"{M}:50: checklists: the 30-month checklist has no milestone: add its milestones "
        "or remove 30 from the list"
    ]


def test_without_declared_ages_a_lonely_checklist_is_a_warning(shipped: Shipped) -> None:
    text = (shipped.path / M).read_text("utf-8")
    start = text.index("checklists: [")
    text = text[:start] + text[text.index("\n", start) + 1 :]
    (shipped.path / M).write_text(text, "utf-8")
    line = shipped.edit(M, "sn-24m-messy-play", "    months: 24", "    months: 23")
    report = check_content(shipped.path)
    assert report.content is not None
    assert f"{M}:{line}: the 23-month checklist has only this milestone: if 'months: 23' is " in (
        "\n".join(str(w) for w in report.warnings)
    )


def test_a_duplicate_spanish_area_name_names_the_other_area(shipped: Shipped) -> None:
    line = shipped.edit(M, "fine_motor", "es: Manos y dedos", "es: Movimiento (músculos grandes)")
    assert [str(p) for p in check_content(shipped.path).errors] == [
        f"{M}:{line}: domain 'fine_motor': name: 'Movimiento (músculos grandes)' is already "
        "the name of 'gross_motor': give each area its own name"
    ]


def test_every_pinned_cdc_wording_is_in_the_shipped_spanish() -> None:
    """The pinned wording names real milestones (a renamed id would silently unpin it)."""
    text = (SHIPPED_DIR / M).read_text("utf-8")
    for milestone_id, wording in CDC_SPANISH_WORDING.items():
        assert f"- id: {milestone_id}\n" in text
        assert f"es: {wording}\n" in text


# --- properties of the rules ------------------------------------------------------------

NOUNS = st.sampled_from(["bebé", "bebés", "hijo", "hijos", "hija", "hijas"])


@given(
    st.sampled_from(["tu", "Tu", "tus", "Tus", "TU"]),
    NOUNS,
    st.text(alphabet="abcdefg ,", max_size=20),
)
def test_the_usted_fix_the_message_offers_passes_the_rule(
    possessive: str, noun: str, rest: str
) -> None:
    found: list[Problem] = []
    checker = EditorialChecker(found)
    es = f"Cuando {possessive} {noun} {rest}".strip()
    checker.spanish("f", "milestone 'x'", "milestone", Text("text", "When", es, 3, 2))
    [problem] = found
    assert problem.line == 3
    fix = problem.message.rsplit("write '", 1)[1].rstrip("'")
    assert not TU_POSSESSIVE.search(fix)
    assert fix.lower().endswith(noun.lower())


@given(st.integers(min_value=0, max_value=60), st.sampled_from([SPANISH_BABY, SPANISH_CHILD]))
def test_the_child_is_named_by_the_age_of_the_checklist(months: int, name: str) -> None:
    """A CDC question names the child "su bebé" exactly up to 12 months."""
    from ottool.core.content import Milestone
    from ottool.core.yamlsource import parse_yaml

    source = "CDC LTSAE 2022"
    raw = parse_yaml(f"id: x\nquestion:\n  en: Does your child walk?\n  es: ¿{name} camina?\n", "f")
    m = Milestone(id="x", months=months, domain="d", text="t", source=source)
    found: list[Problem] = []
    EditorialChecker(found).milestone("f", m, raw)
    right = (name == SPANISH_BABY) == (months <= BABY_UNTIL_MONTHS)
    assert (found == []) is right
    assert all(p.line == 4 for p in found)
