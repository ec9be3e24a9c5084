"""How `ottool history`, `progress` and `summary` scale to a clinic's history (issue 24).

Builds a private history of 10,000 saved screenings (400 children, 25 screenings
each, realistic result documents made by ottool itself), then times, each in a fresh
process as a user runs them:

- ``ottool history`` (the table: the latest 50, newest first): the goal is ≤ 0.5 s;
- ``ottool history --page 200`` (older screenings);
- ``ottool progress --child NAME --format json`` and ``ottool summary --child NAME
  --format md`` for one child of the 400.

Run: python benchmarks/bench_history.py [--repeat N] [--screenings N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL_SECONDS = 0.5


def build(home: Path, count: int, per_child: int = 25) -> None:
    """A history of ``count`` screenings, made by ottool's own scoring and saving."""
    from ottool.activity_choice import plan_for_result
    from ottool.content import load_content
    from ottool.history import insert_screening
    from ottool.history.sqlite_file import open_history, write_transaction
    from ottool.result_json import result_to_data
    from ottool.screening import Answers, Child, score

    content = load_content()
    start = dt.date(2024, 1, 1)
    saved_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with open_history(home / "history.sqlite3") as db:
        assert db is not None
        with write_transaction(db):
            for n in range(count):
                child_number, visit = divmod(n, per_child)
                born = start + dt.timedelta(days=child_number % 300)
                day = born + dt.timedelta(days=60 + 14 * visit)
                child = Child(name=f"Child {child_number}", birth_date=born)
                result = score(content, Answers(child, day), today=day)
                data = result_to_data(result, plan_for_result(content, result, 4))
                insert_screening(db, saved_at, data, {"answers": {}}, content.version)


def timed(args: list[str], home: Path, repeat: int) -> float:
    env = {**os.environ, "OTTOOL_HOME": str(home), "NO_COLOR": "1", "COLUMNS": "100"}
    times = []
    for _ in range(repeat):
        begin = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "ottool", *args], env=env, check=True, capture_output=True
        )
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--screenings", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        home.mkdir(mode=0o700)
        begin = time.perf_counter()
        build(home, args.screenings)
        print(f"built {args.screenings} screenings in {time.perf_counter() - begin:.1f} s")
        rows = [
            ("history (latest 50)", ["history"]),
            ("history --page 200", ["history", "--page", "200"]),
            ("progress --child (json)", ["progress", "--child", "Child 7", "--format", "json"]),
            ("summary --child (md)", ["summary", "--child", "Child 7", "--format", "md"]),
            ("--version (start-up alone)", ["--version"]),
        ]
        results = {}
        for label, command in rows:
            results[label] = timed(command, home, args.repeat)
            print(f"{label:32} {results[label]:6.3f} s")
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        own = results["history (latest 50)"] - results["--version (start-up alone)"]
        print(f"history's own work beyond start-up: {own:.3f} s (load average {load:.1f})")
        verdict = "meets" if results["history (latest 50)"] <= GOAL_SECONDS else "misses"
        print(f"`ottool history` {verdict} the {GOAL_SECONDS} s goal")
        print(json.dumps({k: round(v, 3) for k, v in results.items()}))


if __name__ == "__main__":
    main()
