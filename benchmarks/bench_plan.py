"""How long a printed home plan takes, against light baselines measured in the same run.

- The PDF (issue 14): the default plan after a screening (4 activities, a
  reported warning sign, a parent's and a therapist's note), written by a fresh
  Python process that loads the content, builds the plan and writes the PDF,
  against a bare fpdf2 script in a fresh process that adds the same Noto Sans
  font, writes one page of body text with one ``multi_cell`` and saves it.
  Both pay for Python's start and ``import fpdf``.
  The same plan through ``ottool plan --output plan.pdf``, the command a therapist
  runs, adds the command line's start-up (Typer): the goal is that it takes no longer
  than the bare page (at most 1.0×), all three timed in one run, interleaved.
- The HTML (Jinja2) in-process, against the Markdown render of the same plan.

Run: python benchmarks/bench_plan.py [--repeat N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench_startup import ENV  # benchmarks/ is on sys.path when run as a script
from bench_validate import median_time

from ottool.core.activity_choice import plan_for_result
from ottool.core.age import add_months
from ottool.core.content import Content, load_content
from ottool.core.screening import Answers, Child, ScreeningResult, score
from ottool.documents.plan_document import PlanDocument, build_plan_document
from ottool.render.registry import render_plan
from ottool.storage.result_json import result_to_data

DAY = dt.date(2026, 11, 2)
THERAPIST = "Dana Reyes, OTR/L"
NOTE = "Little and often, after naps when she is rested."

BARE_FPDF = """
import sys
from fpdf import FPDF
pdf = FPDF()
pdf.add_page()
pdf.add_font("noto", "", sys.argv[1])
pdf.set_font("noto", size=10)
pdf.multi_cell(0, 4.2, open(sys.argv[3], encoding="utf-8").read())
pdf.output(sys.argv[2])
"""

PLAN_PDF = f"""
import sys
from pathlib import Path
from ottool.core.content import load_content
from ottool.documents.plan_document import build_plan_document
from ottool.core.activity_choice import plan_for_result
from ottool.session import write_plan
from ottool.storage.result_json import read_result
content = load_content()
result, _ = read_result(Path(sys.argv[1]), content)
plan = plan_for_result(content, result)
doc = build_plan_document(content, plan, result=result, therapist={THERAPIST!r}, notes=[{NOTE!r}])
write_plan(doc, Path(sys.argv[2]), force=True)  # each run replaces the last one
"""


def screening(content: Content, months: int = 6) -> ScreeningResult:
    """A screening at ``months`` with some "not yet" answers and a reported warning sign."""
    birth = add_months(DAY, -months) - dt.timedelta(days=5)
    checklist = content.checklist(months)
    answers = {m.id: ("not_yet" if i % 3 == 0 else "yes") for i, m in enumerate(checklist)}
    sign = next(w for w in content.warning_signs if w.applies_at(months) and w.level == "discuss")
    concerns = "She gets upset in the car seat and at bath time."
    given = Answers(Child(birth, 40, "Sam"), DAY, answers, {sign.id: True}, concerns)
    return score(content, given, today=DAY)


def default_plan(content: Content) -> tuple[ScreeningResult, PlanDocument]:
    result = screening(content)
    plan = plan_for_result(content, result)
    doc = build_plan_document(content, plan, result=result, therapist=THERAPIST, notes=[NOTE])
    return result, doc


def run(repeat: int = 5) -> list[dict[str, Any]]:
    """Time each render; return rows for the benchmark table."""
    content = load_content()
    result, doc = default_plan(content)
    with tempfile.TemporaryDirectory(prefix="ottool-bench-") as folder:
        tmp = Path(folder)
        font = tmp / "NotoSans-Regular.ttf"
        font.write_bytes(
            bytes(importlib.import_module("pymupdf_fonts.NotoSans_Regular").fontbuffer)
        )
        page = tmp / "page.txt"  # about one page of the plan's own words
        words = " ".join(step for card in doc.activities for step in card.steps)
        page.write_text((words + " ") * (3500 // len(words) + 1), encoding="utf-8")
        saved = tmp / "result.json"
        plan = plan_for_result(content, result)
        saved.write_text(json.dumps(result_to_data(result, plan)), encoding="utf-8")
        out = tmp / "plan.pdf"
        bare = [sys.executable, "-c", BARE_FPDF, str(font), str(tmp / "bare.pdf"), str(page)]
        script = [sys.executable, "-c", PLAN_PDF, str(saved), str(out)]
        # Every run writes the same file again: --force, as ottool never replaces a file
        # unasked (without it the second run stops with "already exists").
        cli = [
            sys.executable, "-m", "ottool", "plan", "--from", str(saved),
            "--therapist", THERAPIST, "--note", NOTE, "--output", str(tmp / "cli.pdf"),
            "--force",
        ]  # fmt: skip
        for command in (bare, script, cli):  # warm the file cache; fail loudly if broken
            subprocess.run(command, check=True, capture_output=True, env=ENV)
        times: dict[str, list[float]] = {"bare": [], "script": [], "cli": []}
        for _ in range(repeat):  # interleaved, so a busy moment hits all three alike
            for name, command in (("bare", bare), ("script", script), ("cli", cli)):
                times[name].append(median_time(lambda c=command: _quiet(c), 1))
    for fmt in ("html", "md"):
        render_plan(doc, fmt)  # imports and templates once
    html = median_time(lambda: render_plan(doc, "html"), repeat)
    markdown = median_time(lambda: render_plan(doc, "md"), repeat)
    bare_time = _median(times["bare"])
    activities = len(doc.activities)
    return [
        {
            "name": f"plan PDF, {activities} activities (process)",
            "seconds": _median(times["script"]),
            "baseline": bare_time,
            "baseline_name": "bare fpdf2 Noto Sans page",
        },
        {
            "name": "`ottool plan --output plan.pdf`",
            "seconds": _median(times["cli"]),
            "baseline": bare_time,
            "baseline_name": "bare fpdf2 Noto Sans page",
            "goal": 1.0,
        },
        {
            "name": f"plan HTML, {activities} activities",
            "seconds": html,
            "baseline": markdown,
            "baseline_name": "Markdown render",
        },
    ]


def _quiet(command: list[str]) -> None:
    # From compiled bytecode, as an installed ottool (and the installed fpdf2) run.
    subprocess.run(command, check=True, capture_output=True, env=ENV)


def _median(values: list[float]) -> float:
    import statistics

    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{'render':<42} {'time':>9} {'baseline':<26} {'base time':>9} {'ratio':>6}")
    for row in run(args.repeat):
        print(
            f"{row['name']:<42} {row['seconds'] * 1000:>7.1f}ms {row['baseline_name']:<26}"
            f" {row['baseline'] * 1000:>7.1f}ms {row['seconds'] / row['baseline']:>6.2f}x"
        )


if __name__ == "__main__":
    main()
