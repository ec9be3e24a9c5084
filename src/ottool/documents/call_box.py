"""The handout's "When to call" box and the lines for the family's phone numbers.

The rows come most urgent first (docs/design.md §4, "When to act"), each with the
signs of the child's age that call for it; signs a therapist is treating are left out,
except those that need the emergency number (docs/decisions.md, "The handout").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ottool.core.clinic import Clinic
from ottool.core.content import Content, WarningSign
from ottool.core.errors import InputError, did_you_mean
from ottool.core.i18n import _
from ottool.core.vocabulary import SIGN_ACTS, SignAct
from ottool.documents.result_document import (
    CallSign,
    NextStep,
    call_sign,
)
from ottool.documents.wording import (
    CALL_EMERGENCY_ANY,
    CALL_EMERGENCY_WHEN,
    CALL_TODAY_PASSED,
    CALL_VISIT_WORRY,
    CONTACT_DOCTOR,
    CONTACT_EARLY_INTERVENTION,
    CONTACT_THERAPIST,
    call_heading,
    early_intervention,
)


@dataclass(frozen=True)
class CallGroup:
    """One row of the "When to call" box: what to do, and the signs that call for it.

    Rows come most urgent first (``emergency``, ``today``, ``days``, ``visit``); a row
    with nothing in it is left out. ``lines`` are sentences in words that belong to the
    row but are not signs (the emergency that has passed, "anything else that
    worries you"), printed after its signs.
    """

    act: SignAct
    heading: str  # 'Call 911 now', 'Call the doctor within a few days'
    when: str  # printed after the heading, before the signs: 'if it is happening now:'
    signs: tuple[CallSign, ...]
    lines: tuple[str, ...] = ()
    urgent: bool = False  # emergency, today, days: printed in the urgent colour


@dataclass(frozen=True)
class ContactLine:
    """A line for a phone number: who, and what is already known (pre-filled from the
    clinic) or empty (a line to write on)."""

    role: str  # "Child's doctor:"
    name: str = ""
    phone: str = ""
    #: Words under the line: how to reach early intervention in the region.
    note: str = ""


def contacts(
    content: Content,
    region: str | None,
    therapist: str | None,
    clinic: Clinic | None,
    step: NextStep | None,
) -> tuple[ContactLine, ...]:
    """Lines for the child's doctor, the therapist and early intervention; the clinic's
    name and phone go on the therapist's line, its early-intervention number on that one.
    How to reach early intervention is said under the lines unless the next step just
    said it."""
    who = " · ".join(p for p in (therapist or "", clinic.name if clinic else "") if p)
    route = early_intervention(content, region)
    if step is not None and route in step.advice:
        route = ""
    return (
        ContactLine(_(CONTACT_DOCTOR)),
        ContactLine(_(CONTACT_THERAPIST), name=who, phone=clinic.phone if clinic else ""),
        ContactLine(
            _(CONTACT_EARLY_INTERVENTION),
            phone=clinic.early_intervention_phone if clinic else "",
            note=route,
        ),
    )


def known_signs(content: Content, ids: Sequence[str]) -> frozenset[str]:
    """The sign ids a therapist is treating; an unknown one is an error naming it, and so
    is an emergency sign: what needs the emergency number stays on every handout."""
    for sign in ids:
        if sign not in content.warning_sign_by_id:
            raise InputError(
                _("--treating {sign} is not a warning sign ottool knows{suggestion}").format(
                    sign=sign, suggestion=did_you_mean(sign, content.warning_sign_by_id)
                )
            )
        if content.warning_sign_by_id[sign].act == "emergency":
            raise InputError(
                _(
                    "--treating {sign}: a sign that needs the emergency number stays in "
                    "'When to call' on every handout, even while it is being treated"
                ).format(sign=sign)
            )
        if not treatable(content.warning_sign_by_id[sign]):
            raise InputError(
                _(
                    "--treating {sign}: this sign asks for the doctor (or a hearing or eye "
                    "check), not for therapy, so it stays in 'When to call' on every handout"
                ).format(sign=sign)
            )
    return frozenset(ids)


#: Referral kinds that are a therapist's work: a sign that names one may be left out of
#: "When to call" while that therapist treats it (docs/decisions.md).
THERAPY_REFERRALS = frozenset(
    {"occupational_therapy", "physical_therapy", "speech_therapy", "feeding_specialist"}
)


def treatable(sign: WarningSign) -> bool:
    """Whether a therapist may mark ``sign`` as being treated (``--treating``): never a
    sign for the doctor today or an urgent one (seizures, lost skills), and only one the
    content refers to a therapist (not a white pupil or a hearing sign)."""
    if sign.act in ("emergency", "today") or sign.level == "urgent":
        return False
    return bool(THERAPY_REFERRALS.intersection(sign.refer))


def call_box(
    signs: Sequence[WarningSign], reported: set[str] | frozenset[str], emergency: str
) -> tuple[CallGroup, ...]:
    """The "When to call" rows, most urgent first: the emergency number and when to use
    it, the doctor today, within a few days, the next visit. ``signs`` are the signs of
    the age (less those being treated), in content order within each row."""
    rows: list[CallGroup] = []
    by_act: dict[SignAct, list[CallSign]] = {act: [] for act in SIGN_ACTS}
    for w in signs:
        # In the box only a reported sign carries its own advice: the row already says
        # when to act on the others (and the box must stay compact).
        sign = call_sign(w, reported=w.id in reported, emergency=emergency)
        by_act[w.act].append(replace(sign, own_advice=sign.reported))
    for act in SIGN_ACTS:
        found = tuple(by_act[act])
        lines: tuple[str, ...] = ()
        if act == "today" and by_act["emergency"]:
            lines = (_(CALL_TODAY_PASSED),)
        elif act == "visit":
            lines = (_(CALL_VISIT_WORRY),)
        if not found and not lines and act != "emergency":
            continue
        rows.append(
            CallGroup(
                act=act,
                heading=call_heading(act, emergency),
                when=_emergency_when(act, found),
                signs=found,
                lines=lines,
                urgent=act != "visit",
            )
        )
    return tuple(rows)


def _emergency_when(act: SignAct, signs: tuple[CallSign, ...]) -> str:
    """When to use the emergency number: if one of its signs is happening, or, where the
    content has none at this age, in an emergency."""
    if act != "emergency":
        return ""
    return _(CALL_EMERGENCY_WHEN) if signs else _(CALL_EMERGENCY_ANY)
