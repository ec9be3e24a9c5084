"""Families for the summary tests: a private home with a child's screenings saved the way
families save them (`ottool screen --answers FILE --save`), with the shipped content.

``save_family(home, SCREENINGS_MANY)`` gives Rosa, born early (33 weeks), screened ten
times from 2 to 22 months: answers moving from "not yet" to "yes", warning signs
reported more than once, and long concerns with characters that are markup elsewhere.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import yaml

from ottool.core.age import age_of, checklist_for
from ottool.core.content import Content, load_content

NAME = "Rosa"
BORN = dt.date(2025, 1, 10)
WEEKS = 33
#: Screening dates: ten of them (more than the page shows side by side), and two.
SCREENINGS_MANY = tuple(
    dt.date(2025, 3, 20) + dt.timedelta(days=62 * n) for n in range(10)
)  # 2025-03-20 … 2026-09-05
SCREENINGS_FEW = SCREENINGS_MANY[-2:]
CONCERN_MARKUP = "She <b>hates</b> tummy time | & cries <script>alert(1)</script> *a lot*"
LONG_CONCERN = (
    "Since the last visit she has started to pull to stand but only on her left side, and "
    "when she drops a toy she does not look for it the way her cousin does; at meals she "
    "gags on anything with lumps, even soft pasta, and we have gone back to purées. We are "
    "worried because her grandmother says her father was the same and needed help, and "
    "the nursery says she does not join in songs or clap along with the other children. "
    "We also wonder whether the ear infections in the winter could have affected her "
    "hearing, since she seemed to stop babbling for a few weeks after them."
)


@functools.cache
def shipped() -> Content:
    return load_content(lang="en")


def answers_for(day: dt.date, index: int, count: int) -> dict[str, Any]:
    """An answer file for Rosa's screening on ``day``, the ``index``-th of ``count``: early
    ones with more "not yet", later ones mostly "yes"."""
    content = shipped()
    used = age_of(BORN, day, WEEKS).used_months
    months = checklist_for(used, content.checklists).months
    answers: dict[str, str] = {}
    for n, milestone in enumerate(content.checklist(months)):
        if index < count // 2 and n % 4 == 0:
            answers[milestone.id] = "not yet"
        elif n % 5 == 1:
            answers[milestone.id] = "sometimes"
        else:
            answers[milestone.id] = "yes"
    data: dict[str, Any] = {
        "child": {"name": NAME, "birth_date": BORN.isoformat(), "gestational_weeks": WEEKS},
        "date": day.isoformat(),
        "answers": answers,
    }
    signs = [w for w in content.warning_signs_at(used) if w.act == "visit"]
    if signs and index % 3 == 1:
        data["warning_signs"] = {signs[0].id: True}
    if index == 1:
        data["concerns"] = CONCERN_MARKUP
    elif index % 2 == 0:
        data["concerns"] = LONG_CONCERN if index >= count - 4 else "Rolls only to one side."
    return data


def save_family(
    home: Path, days: tuple[dt.date, ...], *, name: str = NAME, born: dt.date = BORN
) -> None:
    """Save the child's screenings on ``days`` in the history at ``home``, as families
    do: `ottool screen --answers FILE --save`."""
    from typer.testing import CliRunner

    from ottool.cli import app

    folder = home.parent / f"answers-{home.name}-{name}"
    folder.mkdir(parents=True, exist_ok=True)
    for index, day in enumerate(days):
        data = answers_for(day, index, len(days))
        data["child"].update(name=name, birth_date=born.isoformat())
        path = folder / f"{day.isoformat()}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
        args = ["screen", "--answers", str(path), "--save", "--format", "json"]
        done = CliRunner().invoke(app, args, env={"OTTOOL_HOME": str(home), "NO_COLOR": "1"})
        assert done.exit_code == 0, done.output
