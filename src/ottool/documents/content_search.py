"""Finding milestones and activities in the content: the rules of `ottool milestones`
and `ottool activities` (which area, which age, which words).

Pure functions over :class:`~ottool.core.content.Content`, so any front end (the command
line, a test, a library caller) filters the same way. A filter that cannot match
anything because it names no known area or checklist is an :class:`InputError`, not
an empty list: a typing mistake should be said, not look like "no activities".
"""

from __future__ import annotations

import re
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

    The search ignores case, accents and hyphens (``bano`` finds ``baño``, ``TUMMY``
    finds ``tummy``, ``head turn`` finds ``head-turn``), so a parent need not type
    Spanish accents; each word searched for may be anywhere, and looks in the id, name,
    reason, steps, materials, routines and tags (conditions and goals, such as
    "torticollis"), in the language the content was loaded in.
    """
    check_area(content, area)
    words = _words(search) if search is not None else []
    if search is not None and not words:
        # '(((' or '' would list every activity as if it had matched.
        raise InputError(_("--search {text!r} has no word to look for").format(text=search))
    found = [
        (a, " ".join(_words(" ".join(_searched_text(a)))))
        for a in content.activities
        if (age is None or a.fits_age(age)) and (area is None or area in a.domains)
    ]
    if not words:
        return [a for a, _text in found]
    # The words side by side ('head turn' in 'head-turn preference') come first.
    phrase = " ".join(words)
    return [
        a
        for a, text in sorted(found, key=lambda pair: phrase not in pair[1])
        if _has_every_word(words, text)
    ]


def _has_every_word(words: Sequence[str], text: str) -> bool:
    """Whether each of ``words`` is somewhere in ``text`` (both :func:`_words`), a plural
    'turns' found as 'turn'."""
    return all(w in text or (len(w) > 3 and w.endswith("s") and w[:-1] in text) for w in words)


def _words(text: str) -> list[str]:
    """``text`` folded (:func:`_folded`) into words: 'Head-turn' -> ['head', 'turn']."""
    return re.findall(r"\w+", _folded(text))


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
