"""Every ottool benchmark in one run, as a table of ratios against their baselines.

Run from the repository root with ottool installed:  python benchmarks/run.py
``--quick`` runs every benchmark once or a few times, and validation at 1× and 10×
the shipped content only: a check that each still runs (CI), with rough ratios.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).parent
SUITES = ("bench_startup", "bench_validate", "bench_plan", "bench_fhir", "bench_history")
#: What each suite is given under --quick (the 100× validation alone takes about a minute).
QUICK: dict[str, dict[str, Any]] = {
    "bench_startup": {"repeat": 3},
    "bench_validate": {"repeat": 1, "factors": (1, 10)},
    "bench_plan": {"repeat": 1},
    "bench_fhir": {"repeat": 1, "factors": (1, 10)},
    "bench_history": {"repeat": 1, "screenings": 500},
}


def load(name: str) -> ModuleType | None:
    path = HERE / f"{name}.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="fewer repetitions and no 100x validation: checks that every benchmark runs",
    )
    args = parser.parse_args()
    rows = []
    for name in SUITES:
        module = load(name)
        if module is None:
            continue
        print(f"running {name} ...", file=sys.stderr)
        rows += module.run(**QUICK[name]) if args.quick else module.run()
    print()
    head = f"| {'benchmark':<40} | {'time':>8} | {'baseline':<28} | {'base time':>9} |"
    print(f"{head} {'ratio':>6} | goal |")
    print(f"|{'-' * 42}|{'-' * 10}|{'-' * 30}|{'-' * 11}|{'-' * 8}|------|")
    for row in rows:
        ratio = row["seconds"] / row["baseline"] if row.get("baseline") else float("nan")
        goal = f"≤{row['goal']}x" if row.get("goal") else ""
        ok = "" if not row.get("goal") else (" ✓" if ratio <= row["goal"] else " ✗")
        print(
            f"| {row['name']:<40} | {ms(row['seconds']):>8}"
            f" | {row.get('baseline_name', ''):<28} |"
            f" {ms(row.get('baseline', 0)):>9} | {ratio:>5.2f}x | {goal}{ok} |"
        )


def ms(seconds: float) -> str:
    """Milliseconds, with a decimal for the quick ones."""
    value = seconds * 1000
    return f"{value:.1f}ms" if value < 10 else f"{value:.0f}ms"


if __name__ == "__main__":
    main()
