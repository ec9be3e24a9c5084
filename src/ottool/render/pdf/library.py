"""fpdf2, imported without the parts a handout never uses.

``import fpdf`` loads numpy (to speed up images), cryptography and endesive (to encrypt
and sign PDFs) when they are installed, and ``unittest.mock`` with asyncio (for signing
dates): about half of its import time, paid on every ``ottool plan --output plan.pdf``.
fpdf2 treats the first three as optional, so they are hidden while it is imported;
``unittest.mock`` is stood in for by a module whose ``patch`` imports the real one when
called. Nothing stays hidden afterwards: a later ``import numpy`` works as usual.
"""

from __future__ import annotations

import sys
import types
from typing import Any

#: Optional to fpdf2 (images, encryption, signing), never used by a handout.
_OPTIONAL = ("numpy", "endesive", "cryptography")


def _patch(*args: Any, **kwargs: Any) -> Any:
    """``unittest.mock.patch``, imported when fpdf2 first signs a PDF (ottool never does)."""
    from unittest import mock

    return mock.patch(*args, **kwargs)


def fpdf_class() -> Any:
    """fpdf2's ``FPDF`` class, imported once, lightly."""
    loaded = sys.modules.get("fpdf")
    if loaded is not None and hasattr(loaded, "FPDF"):
        return loaded.FPDF
    stand_ins: dict[str, Any] = {name: None for name in _OPTIONAL if name not in sys.modules}
    if "unittest.mock" not in sys.modules:
        mock = types.ModuleType("unittest.mock")
        mock.patch = _patch  # type: ignore[attr-defined]
        stand_ins["unittest.mock"] = mock
    sys.modules.update(stand_ins)
    try:
        from fpdf import FPDF
    except ImportError:  # a later fpdf2 that needs one of them: import it as it is
        for name in [n for n in sys.modules if n == "fpdf" or n.startswith("fpdf.")]:
            del sys.modules[name]
        _restore(stand_ins)
        from fpdf import FPDF
    finally:
        _restore(stand_ins)
    return FPDF


def _restore(stand_ins: dict[str, Any]) -> None:
    for name, module in stand_ins.items():
        if sys.modules.get(name) is module:
            del sys.modules[name]
