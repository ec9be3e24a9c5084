"""Progress between screenings: how each area changed (docs/design.md §10)."""

from __future__ import annotations

from collections.abc import Sequence

from ottool.core.vocabulary import Change
from ottool.storage.history.saved import SavedScreening

__all__ = ["STATUS_RANK", "Change", "area_change", "changes_since_previous"]

#: How far along an area is, for comparing two screenings. ``incomplete`` (too few
#: answers) says nothing about the child, so it has no rank and is never compared.


STATUS_RANK: dict[str, int] = {"discuss": 0, "emerging": 1, "on_track": 2}


def area_change(before: str | None, after: str | None) -> Change:
    """What changed in one area between two screenings.

    ``better`` when the status moved up (discuss < emerging < on_track), ``same`` when it
    did not move, ``needs_attention`` when it moved down, ``unknown`` when either
    screening had too few answers in that area (``incomplete``) or lacks the area.
    """
    if before not in STATUS_RANK or after not in STATUS_RANK:
        return "unknown"
    gap = STATUS_RANK[after] - STATUS_RANK[before]
    return "better" if gap > 0 else "same" if gap == 0 else "needs_attention"


def changes_since_previous(screenings: Sequence[SavedScreening]) -> dict[str, Change]:
    """Each area's change from the second-to-last screening to the last (oldest first in).

    Empty when there are fewer than two screenings. Areas of either screening appear.
    """
    if len(screenings) < 2:
        return {}
    before, after = screenings[-2].domain_statuses, screenings[-1].domain_statuses
    areas = list(after) + [a for a in before if a not in after]
    return {a: area_change(before.get(a), after.get(a)) for a in areas}
