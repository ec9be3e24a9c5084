"""The benchmarks keep up with the code: every name they import from ottool exists.

`python benchmarks/run.py --quick` (in .ci/run) runs them all; this catches an API that
moved (as ``write_plan`` did) in the quick loop, before CI does.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def _ottool_imports(source: str) -> list[tuple[str, str]]:
    """(module, name) of every ``from ottool... import name`` in ``source``, also in the
    scripts a benchmark runs in a fresh process (string constants that are Python)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:  # a docstring or message, not a script
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("ottool"):
            found += [(node.module or "", alias.name) for alias in node.names]
        elif isinstance(node, ast.JoinedStr):  # an f-string: its values as placeholders
            text = "".join(
                str(part.value) if isinstance(part, ast.Constant) else "None"
                for part in node.values
            )
            found += _ottool_imports(text) if "from ottool" in text else []
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and "from ottool" in node.value
        ):
            found += _ottool_imports(node.value)
    return sorted(set(found))


@pytest.mark.parametrize("path", sorted(BENCHMARKS.glob("*.py")), ids=lambda p: p.name)
def test_every_name_a_benchmark_imports_from_ottool_exists(path: Path) -> None:
    for module, name in _ottool_imports(path.read_text(encoding="utf-8")):
        imported = importlib.import_module(module)
        assert hasattr(imported, name) or importlib.util.find_spec(f"{module}.{name}"), (
            f"{path.name}: from {module} import {name}"
        )


def test_the_check_finds_the_imports_of_a_fresh_process_script() -> None:
    script = (
        'CODE = f"""\nfrom ottool.session import write_plan\nx = {1}\n"""\n'
        "from ottool import session\n"
    )
    assert sorted(_ottool_imports(script)) == [
        ("ottool", "session"),
        ("ottool.session", "write_plan"),
    ]
