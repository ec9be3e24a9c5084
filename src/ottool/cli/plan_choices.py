"""A therapist's plan on the command line (docs/design.md §11): the edit options, a plan
given before (`--from-plan N|FILE`), keeping it with the child (`--save`) and the plan
file a therapist edits (`--output plan.yaml`).

The rules are in :mod:`ottool.core.plan_edits` and :mod:`ottool.storage.given_plan`;
this module only gathers what the options say.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ottool.core.i18n import _

#: The options `ottool plan` adds for a therapist's own plan.
DoseOption = Annotated[
    list[str] | None,
    typer.Option(
        "--dose",
        metavar="ID=MIN,TIMES[,DAYS]",
        help=_(
            "Change an activity's dose for this family: minutes, times a day and "
            "(optionally) days a week, e.g. tummy-time-floor=5,3,4 (repeatable)."
        ),
    ),
]
WhyOption = Annotated[
    list[str] | None,
    typer.Option(
        "--why",
        metavar="ID=TEXT",
        help=_("Your own 'why' line for an activity, printed on its card (repeatable)."),
    ),
]
StepOption = Annotated[
    list[str] | None,
    typer.Option(
        "--step",
        metavar="ID=TEXT",
        help=_("A step that replaces the activity's steps; repeat for each step, in order."),
    ),
]
AddStepOption = Annotated[
    list[str] | None,
    typer.Option(
        "--add-step",
        metavar="ID=TEXT",
        help=_("A step added after the activity's steps (repeatable)."),
    ),
]
DropOption = Annotated[
    list[str] | None,
    typer.Option(
        "--drop", metavar="ID", help=_("Leave this activity out of the plan (repeatable).")
    ),
]
TreatingOption = Annotated[
    list[str] | None,
    typer.Option(
        "--treating",
        metavar="SIGN",
        help=_(
            "A warning sign you are treating (its id, e.g. ws-head-turn): left out of "
            "'When to call' (repeatable)."
        ),
    ),
]
CaregiverOption = Annotated[
    str | None,
    typer.Option(
        "--caregiver",
        metavar="NAME",
        help=_("Who else does the activities with the child (e.g. a daycare), printed."),
    ),
]
FromPlanOption = Annotated[
    str | None,
    typer.Option(
        "--from-plan",
        metavar="NUMBER|FILE",
        help=_(
            "A plan given before: its number in `ottool history`, or a plan file "
            "(.yaml from --output, or the plan's JSON). Reprints it; other options revise it."
        ),
    ),
]
SaveOption = Annotated[
    bool,
    typer.Option(
        "--save", help=_("Keep this plan with the child in the history (`ottool history`).")
    ),
]
BornOption = Annotated[
    str | None,
    typer.Option(
        "--born",
        metavar="DATE",
        help=_("The child's birth date (YYYY-MM-DD): who the plan is for, with --child."),
    ),
]


def needs_birth_date(name: str | None) -> str:
    """Why `--save` cannot keep a plan without knowing whose it is."""
    if not name:
        return _("--save needs the child: add --child NAME --born YYYY-MM-DD")
    return _(
        "--save needs {name}'s birth date (a child is a name and a birth date): "
        "add --born YYYY-MM-DD"
    ).format(name=name)
