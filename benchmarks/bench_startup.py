"""Start-up and screening time against a minimal Typer app, in the same run.

Times (median of N runs, each a fresh process):
- `ottool --help` and a full `ottool screen --answers ... --format json`, in English
  and in Spanish (`--lang es`: the catalog and the Spanish content are read too);
- `python minimal_typer_app.py --help`: the floor any Typer CLI pays.

Goals (issues 3 and 12): help and screen each <= 1.3x the minimal app. Typer reads
option values through Pydantic, a fifth of a second to import; ottool reads its
simple options itself (ottool.cli.params), which is most of what keeps screen there.
Run: python benchmarks/bench_startup.py [--repeat N]
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

MINIMAL_APP = '''
import typer

app = typer.Typer()


@app.command()
def main(name: str = "world") -> None:
    """Say hello."""
    print(f"hello {name}")


app()
'''


def answer_file(folder: Path) -> Path:
    """A full answer file for the shipped 6-month checklist."""
    from ottool.core.content import load_content

    content = load_content()
    birth = dt.date.today() - dt.timedelta(days=200)
    lines = ["child:", "  name: Sam", f"  birth_date: {birth.isoformat()}", "answers:"]
    for m in content.checklist(6):
        lines.append(f"  {m.id}: {'sometimes' if m.domain == 'fine_motor' else 'yes'}")
    path = folder / "answers.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


#: Installed Python code runs from compiled bytecode (pip compiles a wheel's modules);
#: a PYTHONDONTWRITEBYTECODE in the environment would make every run compile ottool
#: from source while Typer (installed) does not, and the ratio would measure that.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def timed(command: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, env=ENV)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(repeat: int = 15) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        minimal = folder / "minimal_typer_app.py"
        minimal.write_text(MINIMAL_APP)
        answers = answer_file(folder)
        py = sys.executable
        commands = {
            "minimal": [py, str(minimal), "--help"],
            "help": [py, "-m", "ottool", "--help"],
            "screen": [py, "-m", "ottool", "screen", "--answers", str(answers), "--format", "json"],
        }
        commands["screen_es"] = [*commands["screen"], "--lang", "es"]
        for command in commands.values():  # warm the file cache, write the bytecode
            subprocess.run(command, capture_output=True, check=True, env=ENV)
        # Interleave the runs so that machine noise hits all three alike.
        samples: dict[str, list[float]] = {k: [] for k in commands}
        for _ in range(repeat):
            for key, command in commands.items():
                samples[key].append(timed(command, 1))
        base = statistics.median(samples["minimal"])
        return [
            {
                "name": "ottool --help",
                "seconds": statistics.median(samples["help"]),
                "baseline": base,
                "baseline_name": "minimal Typer app --help",
                "goal": 1.3,
            },
            {
                "name": "ottool screen --answers (json)",
                "seconds": statistics.median(samples["screen"]),
                "baseline": base,
                "baseline_name": "minimal Typer app --help",
                "goal": 1.3,
            },
            {
                "name": "ottool screen --answers --lang es",
                "seconds": statistics.median(samples["screen_es"]),
                "baseline": base,
                "baseline_name": "minimal Typer app --help",
                "goal": 1.3,
            },
        ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    for row in run(args.repeat):
        ratio = row["seconds"] / row["baseline"]
        print(
            f"{row['name']:<34} {row['seconds']:.3f}s vs {row['baseline']:.3f}s"
            f" ({row['baseline_name']}): {ratio:.2f}x (goal <= {row['goal']}x)"
        )


if __name__ == "__main__":
    main()
