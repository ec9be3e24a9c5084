"""`ottool-result/1` (:class:`Result`, a screening and its plan) and the answer file
(:class:`AnswerFile`, read from YAML with line numbers by
:mod:`ottool.storage.answerfile`)."""

from __future__ import annotations

import datetime as dt

import msgspec

from ottool.core.vocabulary import Act, Answer, Level, Overall, SignAct, Status
from ottool.storage.formats.base import (
    RESULT_FORMAT,
    ChecklistMonths,
    Days,
    Dose,
    Months,
    Weeks,
)


class ResultChild(msgspec.Struct, kw_only=True, frozen=True):
    name: str | None = None
    birth_date: dt.date
    gestational_weeks: Weeks | None = None


class ResultAge(msgspec.Struct, kw_only=True, frozen=True):
    chronological_months: Months
    corrected_months: Months | None = None
    used_months: Months | None = None
    corrected: bool = False
    chronological_days: Days | None = None
    corrected_days: Days | None = None


class ResultChecklist(msgspec.Struct, kw_only=True, frozen=True):
    months: ChecklistMonths
    early: bool = False


class ResultDomain(msgspec.Struct, kw_only=True, frozen=True):
    id: str
    status: Status
    not_yet: list[str] = []
    sometimes: list[str] = []
    unsure: list[str] = []
    yes: list[str] = []


class ResultSign(msgspec.Struct, kw_only=True, frozen=True):
    id: str
    level: Level | None = None
    #: The sign's own time frame (emergency, today, days, visit); absent in older results.
    act: SignAct | None = None


class ResultNextCheck(msgspec.Struct, kw_only=True, frozen=True):
    """When to check again: ``why`` is now, recheck or next_checklist (docs/design.md §10)."""

    date: dt.date
    months: ChecklistMonths | None = None
    why: str


class ResultActivity(msgspec.Struct, kw_only=True, frozen=True):
    id: str
    #: Why it was chosen (vocabulary.Reason); kept so the plan reads the same again.
    reason: str = "age"
    #: The milestones it practices (answered not yet or sometimes).
    targets: list[str] = []
    minutes: Dose | None = None
    times_per_day: Dose | None = None
    days_per_week: Dose | None = None


class ResultPlan(msgspec.Struct, kw_only=True, frozen=True):
    activities: list[ResultActivity] = []


class Result(msgspec.Struct, kw_only=True, frozen=True):
    """`ottool-result/1`: what `screen --format json` writes and the history stores.

    Only ids, status codes, dates and numbers: a saved result reads the same in any
    language. The field order is the order written.
    """

    #: Checked by :func:`check_format` before the rest is read.
    format: str = RESULT_FORMAT
    date: dt.date
    child: ResultChild
    age: ResultAge
    checklist: ResultChecklist
    domains: list[ResultDomain]
    warning_signs: list[ResultSign] = []
    overall: Overall
    #: The result's one time frame; absent in results written before it existed
    #: (then decided again on reading, see docs/decisions.md).
    act: Act | None = None
    #: Referral kinds for a result worth talking about; absent in older results.
    referrals: list[str] | None = None
    #: The region whose emergency number and early-intervention route were named;
    #: null for the neutral default.
    region: str | None = None
    next_check: ResultNextCheck | None = None
    concerns: str | None = None
    content_version: str = ""
    #: Answers to later checklists' milestones, not scored (absent before they were listed).
    unused_answers: list[str] = []
    plan: ResultPlan = ResultPlan()


class AnswerFileChild(msgspec.Struct, kw_only=True, frozen=True):
    name: str | None = None
    birth_date: dt.date
    gestational_weeks: Weeks | None = None


class AnswerFile(msgspec.Struct, kw_only=True, frozen=True):
    """An answer file (docs/design.md §4) as ottool writes it: the answers behind a saved screening.

    Parents write it as YAML, which :mod:`ottool.storage.answerfile` reads with line numbers and
    more spellings (``not yet``, ``sí``, YAML's yes/no); the keys it accepts are these
    fields. Absent answers are unsure; ``gestational_weeks`` absent means full term.
    """

    child: AnswerFileChild | None = None
    date: dt.date | None = None
    answers: dict[str, Answer] = {}
    warning_signs: dict[str, bool] = {}
    concerns: str | None = None
