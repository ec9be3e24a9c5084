"""`ottool-given-plan/1` (:class:`GivenPlan`): a home plan as a therapist gave it,
with their edits (docs/design.md §11)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import msgspec

from ottool.storage.formats.base import (
    GIVEN_PLAN_FORMAT,
    Count,
    DaysPerWeek,
    Name,
    Text,
    TrackerWeeks,
)


class GivenActivity(
    msgspec.Struct, kw_only=True, frozen=True, omit_defaults=True, forbid_unknown_fields=True
):
    """One activity of a plan given, and the therapist's edits to it (docs/design.md §11)."""

    id: str
    #: Why it is in the plan (vocabulary.Reason): "chosen" for a therapist's pick.
    reason: str = "chosen"
    targets: list[str] = []
    minutes: Count | None = None
    times_per_day: Count | None = None
    days_per_week: DaysPerWeek | None = None
    #: The therapist's own "why" line for this family.
    why: Text | None = None
    #: Steps that replace the content's, in order (empty: the content's steps).
    steps: list[Text] = []
    #: Steps added after them.
    added_steps: list[Text] = []
    #: A clinic's own activity (``--clinic``, ``--extra-data``): its card's title and
    #: days a week as given, so `log`, `progress` and `summary` name it and count it
    #: without the clinic's folder.
    name: Name | None = None
    card_days_per_week: DaysPerWeek | None = None


class GivenChild(
    msgspec.Struct, kw_only=True, frozen=True, omit_defaults=True, forbid_unknown_fields=True
):
    name: Name | None = None
    birth_date: dt.date | None = None
    #: The clinic's own id for the child (``--child-id``).
    id: Name | None = None


class GivenPlan(msgspec.Struct, kw_only=True, frozen=True, forbid_unknown_fields=True):
    """`ottool-given-plan/1`: a plan as the therapist gave it, to reprint or revise.

    Written by `plan --save` (kept in the history) and `plan --output F.yaml` (a file
    the therapist may edit); read by `plan --from-plan N|FILE`. The activities are the
    ones given, in order, with the therapist's edits, so a reprint is the same plan
    even after the rules that chose it change.
    """

    format: str = GIVEN_PLAN_FORMAT
    date: dt.date
    child: GivenChild = GivenChild()
    therapist: Name | None = None
    caregiver: Name | None = None
    weeks: TrackerWeeks = 2
    notes: list[Text] = []
    #: Warning signs the therapist is treating: left out of "When to call".
    treating: list[str] = []
    #: The saved screening it came from (its number), when one.
    screening: int | None = None
    #: The age in months of a plan made for an age (no screening).
    age_months: Annotated[float, msgspec.Meta(ge=0, le=60)] | None = None
    focus: list[str] = []
    activities: list[GivenActivity] = []
    #: Activities the therapist dropped, so that a revision keeps them out.
    dropped: list[str] = []
    region: str | None = None
    #: The language the plan was given in (``en``, ``es``): the therapist's own words
    #: (notes, "why" lines, steps) are in it, whatever language a later copy prints in.
    language: Annotated[str, msgspec.Meta(max_length=20)] | None = None
    #: The screening's result (``ottool-result/1``) for a plan from a screening, so the
    #: file reprints on another computer; written last, since nobody edits it.
    result: dict[str, Any] | None = None
