"""Browsing and checking the content: the milestones and activities `ottool milestones`
and `ottool activities` list, one activity by its id, its card as a plan shows it, and
`ottool validate`'s report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ottool.core.errors import InputError

if TYPE_CHECKING:
    from ottool.core.clinic import Clinic
    from ottool.core.content import Activity, Content, Milestone, Report
    from ottool.documents.plan_document import ActivityCard


def milestones(
    content: Content, *, months: int | None = None, area: str | None = None
) -> list[Milestone]:
    """The milestones of the checklist at ``months`` (all when None) in ``area``;
    InputError for an unknown area."""
    from ottool.documents.content_search import find_milestones

    return find_milestones(content, months=months, area=area)


def activities(
    content: Content,
    *,
    age: float | None = None,
    area: str | None = None,
    search: str | None = None,
) -> list[Activity]:
    """The activities that fit ``age``, practice ``area`` and hold the words of ``search``
    (accents, case and hyphens aside); InputError for an unknown area."""
    from ottool.documents.content_search import find_activities

    return find_activities(content, age=age, area=area, search=search)


def activity_origins(content: Content, chosen: list[Activity]) -> list[str] | None:
    """Where each of ``chosen`` comes from ("shipped", or the clinic's activities file);
    None when the run adds no clinic activities."""
    if content.extra_data is None:
        return None
    from ottool.render.browse import overlay_file

    where = overlay_file(content)
    return ["shipped" if a.id not in content.extra_activities else where for a in chosen]


def activity(content: Content, activity_id: str) -> Activity:
    """The activity ``activity_id``; InputError with a suggestion when there is none."""
    from ottool.core.errors import did_you_mean
    from ottool.core.i18n import _

    found = content.activity_by_id.get(activity_id)
    if found is None:
        raise InputError(
            _("'{id}' is not a known activity{hint} (see `ottool activities`)").format(
                id=activity_id, hint=did_you_mean(activity_id, content.activity_by_id)
            )
        )
    return found


def activity_card(content: Content, chosen: Activity) -> ActivityCard:
    """``chosen`` as a plan's card shows it."""
    from ottool.documents.therapist_plan import activity_card as card

    return card(content, chosen)


def check_content(
    data_dir: Path | None,
    *,
    complete_in: str | None = None,
    extra: Path | None = None,
    clinic: Clinic | None = None,
) -> Report:
    """Every problem of the content in ``data_dir`` (with the clinic's activities in
    ``extra``), every text without a translation in ``complete_in``, and a ``clinic``
    whose region the content does not know."""
    from dataclasses import replace

    from ottool.core.content import check_content as check
    from ottool.core.errors import Problem
    from ottool.storage.clinic_file import region_problem

    report = check(data_dir, complete_in=complete_in, extra=extra)
    if report.content is None or clinic is None:
        return report
    message = region_problem(clinic, report.content)
    if message is None:
        return report
    return replace(report, content=None, errors=(Problem(None, None, message),))
