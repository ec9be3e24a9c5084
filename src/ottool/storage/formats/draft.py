"""`ottool-draft/1` (:class:`Draft`): an unfinished questionnaire."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import msgspec

from ottool.storage.formats.base import (
    DRAFT_FORMAT,
    Weeks,
)


class DraftChild(msgspec.Struct, kw_only=True):
    name: str | None = None
    birth_date: dt.date | None = None
    gestational_weeks: Weeks | None = None


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="minutes")


class Draft(msgspec.Struct, kw_only=True):
    """`ottool-draft/1`: an unfinished questionnaire in ottool's private folder (read and
    written by :mod:`ottool.storage.draft`). The questionnaire changes it as the parent
    answers, so unlike the other formats it is not frozen."""

    #: Checked by :func:`check_format` before the rest is read.
    format: str = DRAFT_FORMAT
    #: When the questionnaire started (local time, to the minute).
    started: str = msgspec.field(default_factory=_now)
    child: DraftChild = msgspec.field(default_factory=DraftChild)
    answers: dict[str, str] = {}
    #: The question the parent is at.
    position: Annotated[int, msgspec.Meta(ge=0, le=10_000)] = 0
    #: Warning signs asked about (None: not asked yet), True when seen.
    warning_signs: dict[str, bool] | None = None
    concerns: str | None = None
    concerns_asked: bool = False
