"""How long a printed home plan takes to render, against light baselines.

Times, in-process, for a 5-activity plan of the shipped content:

- the PDF (fpdf2, Unicode fonts) against a bare fpdf2 one-page document with a
  core font and one line of text;
- the HTML (Jinja2) against the Markdown render of the same plan.

No ratio goal: fpdf2's line breaking dominates the PDF time (each card is laid
out twice, once to measure it so it never splits across pages). What matters is
that a plan prints in well under a second. Run: python benchmarks/bench_plan.py [--repeat N]
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from bench_validate import median_time  # benchmarks/ is on sys.path when run as a script

from ottool.content import load_content
from ottool.plandoc import PlanDocument, build_plan_document
from ottool.planning import plan_for_focus
from ottool.render.plan import render_plan


def five_activity_plan() -> PlanDocument:
    content = load_content()
    ids = [a.id for a in content.activities if a.fits_age(4)][:5]
    plan = plan_for_focus(content, 4, activity_ids=ids, max_activities=5)
    return build_plan_document(
        content,
        plan,
        child="Zoë",
        therapist="Dana Reyes, OTR/L",
        notes=["Tummy time after each nap."],
        date=dt.date(2026, 3, 2),
    )


def bare_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.cell(0, 5, "Home activity plan")
    return bytes(pdf.output())


def run(repeat: int = 5) -> list[dict[str, Any]]:
    """Time each render; return rows for the benchmark table."""
    doc = five_activity_plan()
    activities = len(doc.activities)
    # Warm up: imports and font unpacking happen once per process.
    for fmt in ("pdf", "html", "md"):
        render_plan(doc, fmt)
    bare_pdf()
    pdf = median_time(lambda: render_plan(doc, "pdf"), repeat)
    bare = median_time(bare_pdf, repeat)
    html = median_time(lambda: render_plan(doc, "html"), repeat)
    markdown = median_time(lambda: render_plan(doc, "md"), repeat)
    return [
        {
            "name": f"plan PDF, {activities} activities",
            "seconds": pdf,
            "baseline": bare,
            "baseline_name": "bare fpdf2 one-line page",
        },
        {
            "name": f"plan HTML, {activities} activities",
            "seconds": html,
            "baseline": markdown,
            "baseline_name": "Markdown render",
        },
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{'render':<30} {'time':>9} {'baseline':<26} {'base time':>9} {'ratio':>6}")
    for row in run(args.repeat):
        print(
            f"{row['name']:<30} {row['seconds'] * 1000:>7.1f}ms {row['baseline_name']:<26}"
            f" {row['baseline'] * 1000:>7.1f}ms {row['seconds'] / row['baseline']:>6.1f}x"
        )


if __name__ == "__main__":
    main()
