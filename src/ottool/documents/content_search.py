"""Finding milestones and activities in the content: the rules of `ottool milestones`
and `ottool activities` (which area, which age, which words).

Pure functions over :class:`~ottool.core.content.Content`, so any front end (the command
line, a test, a library caller) filters the same way. A filter that cannot match
anything because it names no known area or checklist is an :class:`InputError`, not
an empty list: a typing mistake should be said, not look like "no activities".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from ottool.core.content import Activity, Content, Milestone
from ottool.core.errors import InputError, did_you_mean
from ottool.core.i18n import _
from ottool.documents.wording import routine_name


def check_area(content: Content, area: str | None) -> None:
    """InputError unless ``area`` is None or one of the content's area ids."""
    if area is None or area in content.domain_by_id:
        return
    known = list(content.domain_by_id)
    raise InputError(
        _("'{area}' is not a known area{hint} (known: {known})").format(
            area=area, hint=did_you_mean(area, known), known=", ".join(known)
        )
    )


def find_milestones(
    content: Content, *, months: int | None = None, area: str | None = None
) -> list[Milestone]:
    """The milestones of the checklist at ``months`` (all when None) in ``area``,
    youngest checklist first and in content order within one."""
    check_area(content, area)
    if months is not None and months not in content.checklists:
        raise InputError(
            _("there is no {months}-month checklist (checklists: {known} months)").format(
                months=months, known=", ".join(str(m) for m in content.checklists)
            )
        )
    chosen = [
        m
        for m in content.milestones
        if (months is None or m.months == months) and (area is None or m.domain == area)
    ]
    return sorted(chosen, key=lambda m: m.months)  # stable: content order within an age


def find_activities(
    content: Content,
    *,
    age: float | None = None,
    area: str | None = None,
    search: str | None = None,
) -> list[Activity]:
    """The activities that fit ``age`` (months), work on ``area`` and contain ``search``.

    The search ignores case and accents (``bano`` finds ``baño``, ``TUMMY`` finds
    ``tummy``), so a parent need not type Spanish accents, and looks in the id, name,
    reason, steps, materials, routines and tags (conditions and goals, such as
    "torticollis"), in the language the content was loaded in.
    """
    check_area(content, area)
    needle = _folded(search) if search else None
    return [
        a
        for a in content.activities
        if (age is None or a.fits_age(age))
        and (area is None or area in a.domains)
        and (needle is None or needle in _folded(" ".join(_searched_text(a))))
    ]


def _searched_text(activity: Activity) -> Sequence[str]:
    return [
        activity.id,
        activity.name,
        activity.why,
        *activity.steps,
        *activity.materials,
        *(routine_name(r) for r in activity.routines),
        *activity.tags,
    ]


def _folded(text: str) -> str:
    """``text`` without case or accents: 'Baño' -> 'bano'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
