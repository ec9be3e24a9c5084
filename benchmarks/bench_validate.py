"""How `ottool validate` scales with content size, against a bare YAML parse.

Generates content 1x, 10x and 100x the shipped size (the shipped entries copied
with new ids, targets renamed to match), then times:

- ``check_content``: everything `ottool validate` does (parse, convert, check);
- a bare ``yaml.load(..., Loader=CSafeLoader)`` of the same two files;
- the whole `ottool validate` command in a subprocess (start-up included).

Goal (issue 2): validate within 1.5x of the bare parse, and linear growth.
Run: python benchmarks/bench_validate.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from ottool.core.content import check_content, default_data_dir, forget_checked_content

try:
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as Loader  # type: ignore[assignment]


def scaled_content(source: Path, target: Path, factor: int) -> None:
    """Write content ``factor`` times the size of ``source`` into ``target``."""
    milestones = yaml.safe_load((source / "milestones.yaml").read_text())
    activities = yaml.safe_load((source / "activities.yaml").read_text())
    m_out: dict[str, Any] = {k: v for k, v in milestones.items() if k != "milestones"}
    m_out["milestones"] = []
    m_out["warning_signs"] = []
    a_out: dict[str, Any] = {"schema_version": activities["schema_version"], "activities": []}
    for copy in range(factor):
        suffix = f"-c{copy}" if copy else ""
        for m in milestones["milestones"]:
            m_out["milestones"].append({**m, "id": m["id"] + suffix})
        for w in milestones.get("warning_signs", []):
            m_out["warning_signs"].append({**w, "id": w["id"] + suffix})
        for a in activities["activities"]:
            a_out["activities"].append(
                {**a, "id": a["id"] + suffix, "targets": [t + suffix for t in a.get("targets", [])]}
            )
    target.mkdir(parents=True, exist_ok=True)
    (target / "milestones.yaml").write_text(
        yaml.safe_dump(m_out, sort_keys=False, allow_unicode=True)
    )
    (target / "activities.yaml").write_text(
        yaml.safe_dump(a_out, sort_keys=False, allow_unicode=True)
    )


def median_time(fn: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def check_afresh(folder: Path) -> None:
    """check_content as `ottool validate` runs it: in a process that has checked nothing."""
    forget_checked_content()
    check_content(folder)


def bare_parse(folder: Path) -> None:
    for name in ("milestones.yaml", "activities.yaml"):
        yaml.load((folder / name).read_text(), Loader=Loader)


def run(
    repeat: int = 5, source: Path | None = None, factors: tuple[int, ...] = (1, 10, 100)
) -> list[dict[str, Any]]:
    """Measure each size (``factors`` × the shipped content); return rows for the table."""
    source = source or default_data_dir()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for factor in factors:
            folder = Path(tmp) / f"x{factor}"
            scaled_content(source, folder, factor)
            report = check_content(folder)
            assert report.content is not None, report.errors[:3]
            size = sum((folder / n).stat().st_size for n in ("milestones.yaml", "activities.yaml"))
            reps = repeat if factor < 100 else max(3, repeat // 2)
            validate = median_time(lambda f=folder: check_afresh(f), reps)
            bare = median_time(lambda f=folder: bare_parse(f), reps)
            command = median_time(
                lambda f=folder: subprocess.run(
                    [
                        sys.executable,
                        "-m",
                        "ottool",
                        "validate",
                        "--data-dir",
                        str(f),
                        "--format",
                        "json",
                    ],
                    capture_output=True,
                    check=True,
                ),
                max(3, reps // 2),
            )
            rows.append(
                {
                    "name": f"validate {factor}x content ({size / 1e6:.2f} MB)",
                    "seconds": validate,
                    "baseline": bare,
                    "baseline_name": "bare yaml.load (C loader)",
                    "goal": 1.5,
                    "command_seconds": command,
                    "entries": len(report.content.milestones) + len(report.content.activities),
                }
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--source", type=Path, help="content folder to scale (default: shipped)")
    args = parser.parse_args()
    rows = run(args.repeat, args.source)
    print(f"{'size':<38} {'validate':>9} {'bare':>9} {'ratio':>6} {'command':>9}  per entry")
    for row in rows:
        ratio = row["seconds"] / row["baseline"]
        per = row["seconds"] / row["entries"] * 1e6
        print(
            f"{row['name']:<38} {row['seconds']:>8.3f}s {row['baseline']:>8.3f}s {ratio:>6.2f}"
            f" {row['command_seconds']:>8.3f}s  {per:.0f} µs"
        )


if __name__ == "__main__":
    main()
