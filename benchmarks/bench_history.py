"""How `ottool history` and one child's `progress` and `next` scale to a clinic's
history (issue 24, docs/decisions.md "History at clinic scale").

Builds a private history of 10,000 saved screenings (400 children, 25 screenings each,
result documents made by ottool's own scoring), then times, each in a fresh process as
a user runs them:

- ``ottool history`` (the table: the latest 20, newest first): the goal is ≤ 0.5 s;
- ``ottool history --page N`` halfway down the list (older screenings);
- ``ottool progress --child NAME --format json`` and ``ottool next --child NAME`` for
  one child of the 400;
- ``ottool --version``: start-up alone, the floor under every command.

Run: python benchmarks/bench_history.py [--repeat N] [--screenings N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

GOAL_SECONDS = 0.5


def build(home: Path, count: int, per_child: int = 25) -> None:
    """A history of ``count`` screenings, made by ottool's own scoring and saving."""
    import msgspec

    from ottool import session
    from ottool.core.content import load_content
    from ottool.core.screening import Answers, Child
    from ottool.storage.history import insert_screening
    from ottool.storage.history.sqlite_file import open_history, write_transaction

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
                screening = session.screen(content, Answers(child, day))
                data = msgspec.to_builtins(screening.record)
                insert_screening(db, saved_at, data, {"answers": {}}, content.version)


def timed(args: list[str], home: Path, repeat: int) -> float:
    """The median time of ``ottool ARGS`` in a fresh process, from compiled bytecode as an
    installed ottool runs (a PYTHONDONTWRITEBYTECODE in the environment is dropped)."""
    env = {**os.environ, "OTTOOL_HOME": str(home), "NO_COLOR": "1", "COLUMNS": "100"}
    for name in ("OTTOOL_DATA_DIR", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    times = []
    for _ in range(repeat):
        begin = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "ottool", *args], env=env, check=True, capture_output=True
        )
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def run(repeat: int = 5, screenings: int = 10_000) -> list[dict[str, Any]]:
    """The rows for benchmarks/run.py: each command against start-up alone."""
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        home.mkdir(mode=0o700)
        begin = time.perf_counter()
        build(home, screenings)
        print(
            f"built {screenings} screenings in {time.perf_counter() - begin:.1f} s", file=sys.stderr
        )
        floor = timed(["--version"], home, repeat)
        middle = str(max(1, screenings // 40))  # a page halfway down, 20 a page
        commands = [
            ("history (the latest 20)", ["history"]),
            (f"history --page {middle}", ["history", "--page", middle]),
            ("progress --child (json)", ["progress", "--child", "Child 7", "--format", "json"]),
            ("next --child", ["next", "--child", "Child 7"]),
        ]
        rows = []
        for label, command in commands:
            seconds = timed(command, home, repeat)
            rows.append(
                {
                    "name": f"{label}, {screenings} saved",
                    "seconds": seconds,
                    "baseline_name": "ottool --version",
                    "baseline": floor,
                }
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--screenings", type=int, default=10_000)
    args = parser.parse_args()
    rows = run(args.repeat, args.screenings)
    for row in rows:
        print(f"{row['name']:44} {row['seconds']:6.3f} s  (start-up alone {row['baseline']:.3f} s)")
    history = rows[0]["seconds"]
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    verdict = "meets" if history <= GOAL_SECONDS else "misses"
    print(f"`ottool history` {verdict} the {GOAL_SECONDS} s goal (load average {load:.1f})")


if __name__ == "__main__":
    main()
