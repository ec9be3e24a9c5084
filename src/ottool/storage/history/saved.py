"""A saved screening as the history holds it, and how saved results are recognised."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ottool.core.vocabulary import Change

if TYPE_CHECKING:
    from ottool.storage.history.plans import SavedPlan
from ottool.storage.formats import (
    HISTORY_LIST_FORMAT,
    HistoryList,
    HistorySummary,
    PlanSummary,
    Result,
)


@dataclass(frozen=True, slots=True)
class SavedScreening:
    """One saved screening: when it was saved, whose it is, and the stored documents."""

    id: int
    saved_at: str  # ISO 8601 with offset, UTC
    child: str | None  # the child's name as entered, or None
    date: str  # the screening date, ISO (YYYY-MM-DD)
    content_version: str
    result: dict[str, Any]  # the ottool-result/1 document exactly as saved
    answers: dict[str, Any]  # the answers in answer-file form
    #: The stored result or answers are not a JSON object any more (the file was damaged
    #: or edited): ``result``/``answers`` are then empty, and nothing is shown or exported.
    damaged: bool = False
    #: The child's birth date (ISO), '' when the stored result does not say.
    birth_date: str = ""
    #: The clinic's id for the child (``--child-id``), '' when none was given.
    child_id: str = ""

    @property
    def parsed(self) -> Result | None:
        """The result read as ``formats.Result``; None when it is not a complete one."""
        return parse_result(self.result)

    @property
    def age_used_months(self) -> float | None:
        """The age the screening used (corrected when it applied), in months."""
        return None if self.parsed is None else self.parsed.age.used_months

    @property
    def corrected(self) -> bool:
        """True when the age used was corrected for prematurity."""
        return self.parsed is not None and self.parsed.age.corrected

    @property
    def checklist_months(self) -> int | None:
        """The checklist age (months) whose questions were asked."""
        return None if self.parsed is None else self.parsed.checklist.months

    @property
    def overall(self) -> str | None:
        """The overall step: on_track, monitor, discuss or urgent."""
        return None if self.parsed is None else self.parsed.overall

    @property
    def act(self) -> str | None:
        """When to act, as the result said (None for a result saved before results named
        it, or one that names no known act)."""
        from ottool.core.vocabulary import ACTS

        act = None if self.parsed is None else self.parsed.act
        return act if act in ACTS else None

    @property
    def domain_statuses(self) -> dict[str, str]:
        """Each area's status by area id, in the order of the result."""
        return {} if self.parsed is None else {d.id: d.status for d in self.parsed.domains}

    def summary(self) -> HistorySummary:
        """The facts shown in a list of screenings (``ottool-history-list/1``)."""
        return HistorySummary(
            id=self.id,
            saved_at=self.saved_at,
            child=self.child,
            date=self.date,
            content_version=self.content_version,
            age_used_months=self.age_used_months,
            corrected=self.corrected,
            checklist_months=self.checklist_months,
            overall=self.overall,
            act=self.act,
            domains=self.domain_statuses,
        )

    @property
    def activity_ids(self) -> list[str]:
        """The ids of the home plan's activities, in plan order."""
        return [] if self.parsed is None else [a.id for a in self.parsed.plan.activities]


def history_list(
    child: str | None,
    screenings: Sequence[SavedScreening],
    changes: dict[str, Change] | None = None,
    *,
    plans: Sequence[SavedPlan] = (),
    birth_date: str | None = None,
) -> dict[str, Any]:
    """The ``ottool-history-list/1`` document for ``history --format json``, JSON-ready."""
    import msgspec

    listed = HistoryList(
        format=HISTORY_LIST_FORMAT,
        child=child,
        screenings=[s.summary() for s in screenings],
        changes=None if changes is None else dict(changes),
        birth_date=birth_date,
        plans=[
            PlanSummary(
                id=p.id,
                saved_at=p.saved_at,
                date=p.given_on,
                child=p.child,
                birth_date=p.birth_date or None,
                therapist=p.therapist,
                screening=p.screening_id,
                activities=p.activity_ids,
            )
            for p in plans
        ]
        or None,
    )
    data: dict[str, Any] = msgspec.to_builtins(listed)
    return data


def parse_result(data: dict[str, Any]) -> Result | None:
    """A stored result document as ``formats.Result``, or None when it is not a whole one.

    ottool saves whole results; an older or damaged one is still listed, with "?"s.
    """
    import msgspec

    try:
        return msgspec.convert(data, Result)
    except (msgspec.ValidationError, RecursionError):
        return None


def child_key(name: str | None) -> str:
    """A child's name for matching: trimmed, inner spaces collapsed, Unicode NFC and
    case-folded ("Zoé" typed as one letter or as "e" and a combining accent is one name)."""
    import unicodedata

    folded = unicodedata.normalize("NFC", " ".join((name or "").split())).casefold()
    return unicodedata.normalize("NFC", folded)


def result_sha256(result: dict[str, Any]) -> str:
    """The sha256 of a result document's canonical JSON: how duplicates are recognised."""
    canonical = json.dumps(result, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def child_name(result: dict[str, Any]) -> str | None:
    parsed = parse_result(result)
    name = None if parsed is None else parsed.child.name
    return name.strip() or None if name is not None else None
