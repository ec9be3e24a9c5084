"""How reading a FHIR QuestionnaireResponse scales with its size (linear, not quadratic).

Builds responses of 1x, 10x and 100x items: a realistic 12-month response (every
milestone and warning sign answered, nested in groups as a forms tool writes them)
padded with a forms tool's own unanswered items (pages, notes), then times:

- ``answers_from_fhir``: everything `screen --answers response.json` does to read it;
- a bare ``json.loads`` of the same text (the baseline);
- the whole `ottool screen --answers ... --format json` command on a 1 MiB response
  (goal: about a second, start-up included).

Linear reading means the time per item stays flat from 1x to 100x (an earlier reader
searched the text again for every item: 10,000 items took 14 s).
Run: python benchmarks/bench_fhir.py [--repeat N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ottool.core.content import default_data_dir, load_content
from ottool.storage.fhir import answers_from_fhir

ITEMS_1X = 600
ONE_MIB = 1024 * 1024


def response(padding: int) -> str:
    """A 12-month response with every question answered, and ``padding`` notes."""
    content = load_content(default_data_dir())
    birth = dt.date.today() - dt.timedelta(days=380)
    answered: list[dict[str, Any]] = [
        {"linkId": "birth-date", "answer": [{"valueDate": birth.isoformat()}]},
        {"linkId": "child-name", "answer": [{"valueString": "Ana"}]},
    ]
    groups = [
        {"linkId": f"page-{m.id}", "text": "A page", "item": [
            {"linkId": m.id, "text": m.prompt,
             "answer": [{"valueCoding": {"code": "yes", "display": "Yes"}}]}]}
        for m in content.milestones if m.months <= 12
    ]  # fmt: skip
    signs = [{"linkId": w.id, "answer": [{"valueBoolean": False}]} for w in content.warning_signs]
    notes = [{"linkId": f"note-{n}", "text": f"A note of the form, number {n}."}
             for n in range(padding)]  # fmt: skip
    items = answered + groups + [{"linkId": "signs", "item": signs}] + notes
    return json.dumps(
        {"resourceType": "QuestionnaireResponse", "status": "completed",
         "authored": dt.date.today().isoformat(), "item": items}, indent=2
    )  # fmt: skip


def response_of_size(size: int) -> str:
    """A response of at most ``size`` bytes, padded with as many notes as fit."""
    low, high = 0, size // 20
    while low < high:  # the most notes that still fit
        middle = (low + high + 1) // 2
        if len(response(middle).encode()) <= size:
            low = middle
        else:
            high = middle - 1
    return response(low)


def median_time(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(repeat: int = 5, factors: tuple[int, ...] = (1, 10, 100)) -> list[dict[str, Any]]:
    """Measure each size; return rows for the benchmark table."""
    content = load_content(default_data_dir())
    rows = []
    for factor in factors:
        text = response(ITEMS_1X * factor)
        items = text.count('"linkId"')
        reps = repeat if factor < 100 else min(3, repeat)
        read = median_time(lambda t=text: answers_from_fhir(t, content, "r.json"), reps)
        bare = median_time(lambda t=text: json.loads(t), reps)
        rows.append(
            {
                "name": f"read FHIR {factor}x ({items} items, {len(text) / 1e6:.2f} MB)",
                "seconds": read,
                "baseline": bare,
                "baseline_name": "bare json.loads",
                "items": items,
            }
        )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "response.json"
        path.write_text(response_of_size(ONE_MIB))  # an answer file's limit
        command = median_time(
            lambda: subprocess.run(
                [sys.executable, "-m", "ottool", "screen", "--answers", str(path),
                 "--format", "json"],
                capture_output=True,
                check=True,
            ),
            min(3, repeat),
        )  # fmt: skip
        rows.append(
            {
                "name": f"screen --answers, {path.stat().st_size / ONE_MIB:.2f} MiB FHIR",
                "seconds": command,
                "items": path.read_text().count('"linkId"'),
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rows = run(args.repeat)
    print(f"{'size':<50} {'read':>9} {'json.loads':>10} {'ratio':>6}  per item")
    for row in rows:
        per = row["seconds"] / row["items"] * 1e6
        if "baseline" in row:
            ratio = row["seconds"] / row["baseline"]
            print(
                f"{row['name']:<50} {row['seconds']:>8.3f}s {row['baseline']:>9.3f}s"
                f" {ratio:>6.2f}  {per:.1f} µs"
            )
        else:
            print(f"{row['name']:<50} {row['seconds']:>8.3f}s {'':>10} {'':>6}  {per:.1f} µs")


if __name__ == "__main__":
    main()
