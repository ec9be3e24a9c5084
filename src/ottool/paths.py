"""Where ottool keeps a user's private files: ``OTTOOL_HOME`` or the platform's data folder."""

from __future__ import annotations

import os
from pathlib import Path


def home_dir(*, create: bool = True) -> Path:
    """The private folder for drafts and history (mode 0700 when ottool creates it)."""
    env = os.environ.get("OTTOOL_HOME")
    if env:
        folder = Path(env)
    else:
        import platformdirs

        folder = Path(platformdirs.user_data_dir("ottool", appauthor=False))
    if create:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder
