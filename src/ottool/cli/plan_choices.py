"""A therapist's plan on the command line (docs/design.md §11): the edit options, a plan
given before (`--from-plan N|FILE`), keeping it with the child (`--save`) and the plan
file a therapist edits (`--output plan.yaml`).

The rules are in :mod:`ottool.core.plan_edits` and :mod:`ottool.storage.given_plan`;
this module only gathers what the options say.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

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


@dataclass
class Earlier:
    """A plan given before, as `--from-plan` found it."""

    given: Any  # storage.formats.GivenPlan
    where: str
    number: int | None = None


def read_earlier(value: str) -> Earlier:
    """`--from-plan`: a number in the history, or a file."""
    from ottool.storage.given_plan import read_given_plan

    if value.strip().isdigit():
        from ottool.core.errors import InputError
        from ottool.storage.history.plans import get_plan

        number = int(value)
        saved = get_plan(number)
        plan = saved.plan
        if plan is None:
            message = _("saved plan {number} is damaged (what was stored cannot be read)")
            raise InputError(message.format(number=number))
        return Earlier(plan, _("saved plan {number}").format(number=number), number)
    path = Path(value)
    return Earlier(read_given_plan(path), str(path))


def check_signs(content: Any, treating: tuple[str, ...]) -> None:
    """--treating names warning signs of the content."""
    from ottool.core.errors import InputError, did_you_mean

    for sign in treating:
        if sign not in content.warning_sign_by_id:
            message = _("--treating {id}: '{id}' is not a known warning sign{hint} (see {where})")
            raise InputError(
                message.format(
                    id=sign,
                    hint=did_you_mean(sign, content.warning_sign_by_id),
                    where="`ottool milestones --format json`",
                )
            )


def birth_date_for(name: str | None, born: str | None, result: Any) -> dt.date | None:
    """Whose plan this is: the screening's child, else --born, else the one child of that
    name in the history; None when nothing says (a plan for an age, not kept)."""
    from ottool.core.errors import InputError

    if born is not None:
        try:
            day = dt.date.fromisoformat(born)
        except ValueError:
            message = _("--born {value}: write the birth date as YYYY-MM-DD")
            raise InputError(message.format(value=born)) from None
        if day > dt.date.today():
            raise InputError(_("--born {value} is after today").format(value=born))
        return day
    if result is not None:
        birth: dt.date = result.child.birth_date
        return birth
    if name:
        from ottool.storage.history.identity import children, find_child
        from ottool.storage.history.saved import child_key

        if any(child_key(c.name) == child_key(name) for c in children()):
            found = find_child(name)
            return dt.date.fromisoformat(found.birth_date) if found.birth_date else None
    return None


def needs_birth_date(name: str | None) -> str:
    """Why `--save` cannot keep a plan without knowing whose it is."""
    if not name:
        return _("--save needs the child: add --child NAME --born YYYY-MM-DD")
    return _(
        "--save needs {name}'s birth date (a child is a name and a birth date): "
        "add --born YYYY-MM-DD"
    ).format(name=name)
