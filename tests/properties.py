"""How many examples a property test tries.

A run that includes the slow tests (CI's ``pytest``, or a test file run on its own)
tries every example a test asks for. The quick loop (``pytest -m "not slow"``) tries a
fifth of them, at least ten: every property and every assertion still runs, on fewer
generated cases, so the loop stays within seconds (docs/decisions.md).
"""

from __future__ import annotations

#: Set by tests/conftest.py for a run that leaves the slow tests out.
QUICK = False
#: What Hypothesis tries where a test names no number (its own default is 100).
DEFAULT_EXAMPLES = 100


def examples(wanted: int = DEFAULT_EXAMPLES) -> int:
    """``wanted`` examples in a full run, a fifth of them (at least 10) in the quick loop."""
    return max(10, wanted // 5) if QUICK else wanted
