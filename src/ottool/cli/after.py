"""After the results: write the plan to a file and save the screening.

One place for both ways a screening ends: `ottool screen --answers FILE` with
``--plan-output`` and ``--save``, and the questionnaire's offers at the end.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ottool.cli.common import shown
from ottool.i18n import _

if TYPE_CHECKING:
    from ottool.plan_document import PlanDocument
    from ottool.screening import Answers, ScreeningResult


def after_results(
    doc: PlanDocument,
    result: ScreeningResult,
    result_data: dict[str, Any],
    answers: Answers,
    *,
    plan_to: Path | None = None,
    save: bool = False,
) -> list[str]:
    """Write the plan to ``plan_to`` and save the results (when asked); the sentences
    that say what was done. InputError (nothing half-written) when one cannot be done."""
    said = []
    if plan_to is not None:
        from ottool.render.plan_file import write_plan

        write_plan(doc, plan_to)
        said.append(_("Plan written to {file}.").format(file=shown(plan_to)))
    if save:
        from ottool.answerfile import answers_to_data
        from ottool.cli.history import save_results

        number = save_results(result_data, answers_to_data(answers), result.content_version)
        said.append(
            _("Saved as screening {number}. See them with: ottool history").format(number=number)
        )
    return said
