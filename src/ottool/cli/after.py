"""After the results: write the plan to a file and save the screening.

One place for both ways a screening ends: `ottool screen --answers FILE` with
``--plan-output`` and ``--save``, and the questionnaire's offers at the end.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ottool.cli.common import shown
from ottool.core.errors import InputError, Problem
from ottool.core.i18n import _

if TYPE_CHECKING:
    from ottool.core.screening import Answers, ScreeningResult
    from ottool.documents.plan_document import PlanDocument


def after_results(
    doc: PlanDocument,
    result: ScreeningResult,
    result_data: dict[str, Any],
    answers: Answers,
    *,
    plan_to: Path | None = None,
    save: bool = False,
    force: bool = False,
) -> list[str]:
    """Save the results and write the plan to ``plan_to`` (when asked); the sentences
    that say what was done. InputError (nothing half-written) when one cannot be done.

    The screening is saved first: a plan that cannot be written (a damaged font, a full
    disk) must not lose the results. Its failure then also says they were saved.
    """
    said = []
    number = None
    if save:
        from ottool.cli.history import save_results
        from ottool.storage.answerfile import answers_to_data

        number = save_results(result_data, answers_to_data(answers), result.content_version)
        said.append(
            _("Saved as screening {number}. See them with: ottool history").format(number=number)
        )
    if plan_to is not None:
        from ottool.cli.common import paper_for
        from ottool.render.plan_file import write_plan

        notes: list[str] = []
        try:  # on the clinic's paper, when a clinic file says which
            write_plan(doc, plan_to, force=force, notes=notes, paper=paper_for(None))
        except InputError as exc:
            if number is None:
                raise
            kept = _("the results were saved as screening {number}").format(number=number)
            raise InputError([*exc.problems, Problem(None, None, kept)]) from None
        said.insert(0, _("Plan written to {file}.").format(file=shown(plan_to)))
        said[1:1] = [_("Note: {note}.").format(note=note[:1].upper() + note[1:]) for note in notes]
    return said
