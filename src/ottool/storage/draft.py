"""The questionnaire's unfinished screening (``ottool-draft/1``), kept in ottool's private
folder so that `ottool screen --resume` continues where the parent stopped.

The draft is one :class:`ottool.storage.formats.Draft`: the questionnaire changes it
as the parent answers and saves it after every answer; this module reads it back
(checked against the content: answers and signs the content no longer has are
dropped) and writes and removes the file.
"""

from __future__ import annotations

import os
from pathlib import Path

from ottool.core.content import Content
from ottool.core.errors import InputError, Problem, os_reason
from ottool.core.i18n import N_, _
from ottool.core.screening import ANSWERS
from ottool.storage.atomic_write import write_atomic
from ottool.storage.formats import (
    DRAFT_FORMAT,
    Draft,
    DraftChild,
    check_format,
    convert,
    decode_json,
)
from ottool.storage.home_folder import DRAFT_FILE, home_dir

__all__ = [
    "Draft",
    "DraftChild",
    "discard_draft",
    "draft_from_json",
    "draft_path",
    "draft_to_json",
    "load_draft",
    "save_draft",
]

#: A draft holds a few dozen answers; anything much bigger is not a draft.
MAX_DRAFT_BYTES = 1024 * 1024


def draft_path() -> Path:
    """Where the unfinished screening is kept."""
    return home_dir() / DRAFT_FILE


def draft_to_json(draft: Draft) -> str:
    """The draft as the JSON kept in the private folder."""
    import json

    import msgspec

    return json.dumps(msgspec.to_builtins(draft), indent=2)


def save_draft(draft: Draft) -> None:
    """Keep ``draft`` (privately: it holds a child's name and answers)."""
    write_atomic(draft_path(), draft_to_json(draft), private=True)


def draft_from_json(text: str, content: Content, where: str = DRAFT_FILE) -> Draft:
    """The draft in ``text``, checked against the format (InputError if damaged); the
    answers and signs the content no longer has are left out."""
    data = check_format(decode_json(text, where), DRAFT_FORMAT, where)
    draft = convert(data, Draft, where, N_("the draft"))
    for milestone, answer in draft.answers.items():
        if answer not in ANSWERS:  # ottool never writes one: the draft was edited
            message = _("the answer to '{id}' is '{answer}', not one of {choices}").format(
                id=milestone, answer=answer, choices=", ".join(ANSWERS)
            )
            raise InputError([Problem(where, None, f"$.answers.{milestone}: {message}")])
    draft.answers = {k: v for k, v in draft.answers.items() if k in content.milestone_by_id}
    if draft.warning_signs is not None:
        draft.warning_signs = {
            k: v for k, v in draft.warning_signs.items() if k in content.warning_sign_by_id
        }
    return draft


def load_draft(content: Content) -> Draft | None:
    """The saved draft, or None when there is none; InputError when it cannot be read."""
    from ottool.core.yamlsource import read_text

    path = draft_path()
    if not path.exists() and not path.is_symlink():
        return None
    try:
        _check_regular_file(path)
        return draft_from_json(read_text(path, max_bytes=MAX_DRAFT_BYTES), content, str(path))
    except InputError as exc:
        raise InputError(
            _(
                "{problem}; the saved unfinished screening cannot be read: "
                "move it away to start afresh"
            ).format(problem=exc.problems[0])
        ) from None


def _check_regular_file(path: Path) -> None:
    """InputError unless ``path`` is a regular file: a FIFO would block the read forever."""
    import stat

    try:
        found = os.stat(path)
    except OSError as exc:
        raise InputError([Problem(str(path), None, os_reason(exc))]) from None
    if not stat.S_ISREG(found.st_mode):
        raise InputError([Problem(str(path), None, _("this is not a regular file"))])


def discard_draft() -> None:
    """Remove the unfinished screening (its results were saved, or the parent said no)."""
    draft_path().unlink(missing_ok=True)
