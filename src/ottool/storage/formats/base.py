"""The format tags (``"format": "ottool-result/1"``), what each is called in an error,
and the bounds the formats' numbers and texts carry."""

from __future__ import annotations

from typing import Annotated

import msgspec

from ottool.core.age import MAX_GESTATIONAL_WEEKS, MIN_GESTATIONAL_WEEKS
from ottool.core.i18n import N_

RESULT_FORMAT = "ottool-result/1"
HISTORY_FORMAT = "ottool-history/1"
DRAFT_FORMAT = "ottool-draft/1"
HISTORY_LIST_FORMAT = "ottool-history-list/1"
GIVEN_PLAN_FORMAT = "ottool-given-plan/1"
#: Lines of an exported history besides the screenings: a plan given, a practice logged.
HISTORY_PLAN_FORMAT = "ottool-history-plan/1"
HISTORY_PRACTICE_FORMAT = "ottool-history-practice/1"
#: What each format is, for "not an ottool result (expected ...)" errors.
FORMAT_NAMES: dict[str, str] = {
    RESULT_FORMAT: N_("an ottool result"),
    HISTORY_FORMAT: N_("an exported ottool history"),
    DRAFT_FORMAT: N_("a draft"),
    GIVEN_PLAN_FORMAT: N_("an ottool plan"),
    HISTORY_PLAN_FORMAT: N_("a plan of an exported ottool history"),
    HISTORY_PRACTICE_FORMAT: N_("a practice of an exported ottool history"),
}

#: Ages in months and days: generous bounds, far beyond the 5-year limit of an age.
Months = Annotated[float, msgspec.Meta(ge=-1000, le=1000)]
Days = Annotated[int, msgspec.Meta(ge=-36_600, le=36_600)]
ChecklistMonths = Annotated[int, msgspec.Meta(ge=0, le=120)]
Weeks = Annotated[int, msgspec.Meta(ge=MIN_GESTATIONAL_WEEKS, le=MAX_GESTATIONAL_WEEKS)]
Dose = Annotated[int, msgspec.Meta(ge=0, le=10_000)]
Count = Annotated[int, msgspec.Meta(ge=1, le=240)]
DaysPerWeek = Annotated[int, msgspec.Meta(ge=1, le=7)]
TrackerWeeks = Annotated[int, msgspec.Meta(ge=1, le=12)]
Text = Annotated[str, msgspec.Meta(max_length=2000)]
Name = Annotated[str, msgspec.Meta(max_length=200)]
