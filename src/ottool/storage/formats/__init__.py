"""The file formats ottool reads and writes, declared once as msgspec Structs.

`ottool-result/1` (:class:`Result`, a screening and its plan), `ottool-history/1`
(:class:`HistoryLine`, one line of an exported history), `ottool-history-list/1`
(:class:`HistoryList`, `history --format json`), `ottool-draft/1` (:class:`Draft`,
an unfinished questionnaire) and the answer file (:class:`AnswerFile`, read from
YAML with line numbers by :mod:`ottool.storage.answerfile`). Writers build these Structs;
readers decode through :func:`decode_json` and :func:`convert`, so a damaged or
hostile file (5000-digit numbers, 100,000-deep nesting, ``Infinity``, wrong types) is
one clear :class:`~ottool.core.errors.InputError` naming the file and the field, never a
crash later. They hold ids, codes, dates and numbers, never a sentence, so a saved
screening reads the same in every language.

Numbers carry bounds: a value no real screening can have is refused here rather than
overflowing an age calculation or a SQLite column further on. Unknown keys are
allowed in results and history lines (docs/design.md §4: "more keys may be added").

The formats live in modules by what they hold, every name importable from here
(``from ottool.storage.formats import Result``): ``base`` (the format tags and the
bounds), ``decoding`` (:func:`decode_json`, :func:`convert`, :func:`check_format`,
:func:`to_data`), ``screening`` (results and answer files), ``plan`` (plans given),
``history`` (exports and lists), ``draft`` and ``progress``.
"""

from ottool.storage.formats.base import (
    DRAFT_FORMAT,
    FORMAT_NAMES,
    GIVEN_PLAN_FORMAT,
    HISTORY_FORMAT,
    HISTORY_LIST_FORMAT,
    HISTORY_PLAN_FORMAT,
    HISTORY_PRACTICE_FORMAT,
    RESULT_FORMAT,
    ChecklistMonths,
    Count,
    Days,
    DaysPerWeek,
    Dose,
    Months,
    Name,
    Text,
    TrackerWeeks,
    Weeks,
)
from ottool.storage.formats.decoding import (
    check_format,
    convert,
    decode_json,
    looks_like_fhir,
    to_data,
)
from ottool.storage.formats.draft import (
    Draft,
    DraftChild,
)
from ottool.storage.formats.history import (
    HistoryLine,
    HistoryList,
    HistoryPlanLine,
    HistoryPracticeLine,
    HistorySummary,
    PlanSummary,
    PracticeChild,
)
from ottool.storage.formats.plan import (
    GivenActivity,
    GivenChild,
    GivenPlan,
)
from ottool.storage.formats.progress import (
    PROGRESS_FORMAT,
    AreaOverTime,
    FollowChild,
    FollowPlan,
    NowYes,
    PracticeKept,
    Progress,
    ScreeningInBrief,
)
from ottool.storage.formats.screening import (
    AnswerFile,
    AnswerFileChild,
    Result,
    ResultActivity,
    ResultAge,
    ResultChecklist,
    ResultChild,
    ResultDomain,
    ResultNextCheck,
    ResultPlan,
    ResultSign,
)

__all__ = [
    "DRAFT_FORMAT",
    "FORMAT_NAMES",
    "GIVEN_PLAN_FORMAT",
    "HISTORY_FORMAT",
    "HISTORY_LIST_FORMAT",
    "HISTORY_PLAN_FORMAT",
    "HISTORY_PRACTICE_FORMAT",
    "PROGRESS_FORMAT",
    "RESULT_FORMAT",
    "AnswerFile",
    "AnswerFileChild",
    "AreaOverTime",
    "ChecklistMonths",
    "Count",
    "Days",
    "DaysPerWeek",
    "Dose",
    "Draft",
    "DraftChild",
    "FollowChild",
    "FollowPlan",
    "GivenActivity",
    "GivenChild",
    "GivenPlan",
    "HistoryLine",
    "HistoryList",
    "HistoryPlanLine",
    "HistoryPracticeLine",
    "HistorySummary",
    "Months",
    "Name",
    "NowYes",
    "PlanSummary",
    "PracticeChild",
    "PracticeKept",
    "Progress",
    "Result",
    "ResultActivity",
    "ResultAge",
    "ResultChecklist",
    "ResultChild",
    "ResultDomain",
    "ResultNextCheck",
    "ResultPlan",
    "ResultSign",
    "ScreeningInBrief",
    "Text",
    "TrackerWeeks",
    "Weeks",
    "check_format",
    "convert",
    "decode_json",
    "looks_like_fhir",
    "to_data",
]
