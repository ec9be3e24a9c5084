"""fpdf2, imported without the parts a handout never uses.

``import fpdf`` loads numpy (to speed up images), cryptography and endesive (to encrypt
and sign PDFs) when they are installed, and ``unittest.mock`` with asyncio (for signing
dates): about half of its import time, paid on every ``ottool plan --output plan.pdf``.
fpdf2 treats the first three as optional, so they are hidden while it is imported;
``unittest.mock`` is stood in for by a module whose ``patch`` imports the real one when
called. ``fontTools.varLib`` (whose package imports the whole of fontTools' font
building, for variable fonts; the handout's fonts are static) is stood in for by its
bare package, whose ``instancer`` is imported when first used. Nothing stays hidden
afterwards: a later ``import numpy`` or ``import fontTools.varLib`` works as usual.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from typing import Any

#: Optional to fpdf2 (images, encryption, signing), never used by a handout.
_OPTIONAL = ("numpy", "endesive", "cryptography")


def _patch(*args: Any, **kwargs: Any) -> Any:
    """``unittest.mock.patch``, imported when fpdf2 first signs a PDF (ottool never does)."""
    from unittest import mock

    return mock.patch(*args, **kwargs)


class _Instancer:
    """``fontTools.varLib.instancer``, imported when fpdf2 first uses it (a variable font)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(importlib.import_module("fontTools.varLib.instancer"), name)


def _bare_varlib() -> types.ModuleType | None:
    """``fontTools.varLib`` without its package's imports: its submodules (``varStore``)
    still import from its folder; ``instancer`` waits until it is used."""
    spec = importlib.util.find_spec("fontTools.varLib")
    if spec is None or spec.submodule_search_locations is None:
        return None
    bare = types.ModuleType("fontTools.varLib")
    bare.__path__ = list(spec.submodule_search_locations)
    bare.instancer = _Instancer()  # type: ignore[attr-defined]
    return bare


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
    if "fontTools.varLib" not in sys.modules:
        bare = _bare_varlib()
        if bare is not None:
            stand_ins["fontTools.varLib"] = bare
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
