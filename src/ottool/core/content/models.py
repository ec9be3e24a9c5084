"""The content's schema (docs/design.md §2) as frozen types, and Content, what a run knows.

The structs below are the schema: `ottool schema` prints them as JSON Schema
(:mod:`ottool.core.content.schema`), and :mod:`ottool.core.content.fields` converts every
entry of a content file into one of them with msgspec.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Any, ClassVar, Literal

import msgspec

from ottool.core.errors import Problem
from ottool.core.i18n import DEFAULT_LANGUAGE as DEFAULT_LANGUAGE
from ottool.core.i18n import LANGUAGES as I18N_LANGUAGES
from ottool.core.vocabulary import ROUTINES, SignAct
from ottool.core.vocabulary import Level as Level

MILESTONES_FILE = "milestones.yaml"
ACTIVITIES_FILE = "activities.yaml"
SCHEMA_VERSION = 1
#: Where a warning sign's advice names the emergency number: filled with the reader's
#: region's number, or "your local emergency number" (docs/content.md).
EMERGENCY_SLOT = "{emergency}"
#: The languages ottool ships content in: the interface's (core.i18n.LANGUAGES).
LANGUAGES = I18N_LANGUAGES

EntryId = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        description="an id of lower-case letters, digits and hyphens, such as 'gm-4m-head-steady'",
    ),
]
DomainId = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z0-9_]+$",
        description="an area id of lower-case letters, digits and underscores, like 'fine_motor'",
    ),
]
Months = Annotated[
    int, msgspec.Meta(ge=0, le=60, description="a whole number of months, from 0 to 60")
]
Count = Annotated[int, msgspec.Meta(ge=1, le=240, description="a whole number, 1 or more")]
DaysPerWeek = Annotated[int, msgspec.Meta(ge=1, le=7, description="a whole number from 1 to 7")]
ReferralId = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z0-9_]+$",
        description="a referral kind id of lower-case letters, digits and underscores, "
        "such as 'speech_therapy'",
    ),
]
#: Referral kind ids (from the ``referrals`` table), such as (speech_therapy, hearing_test).
Refer = tuple[ReferralId, ...]
RegionId = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[A-Z]{2}$",
        description="a country code of two capital letters (ISO 3166), such as 'MX'",
    ),
]
PhoneNumber = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[0-9]{2,4}$",
        description="an emergency number of 2 to 4 digits, written in quotes, such as '112'",
    ),
]
RoutineId = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^[a-z]+(_[a-z]+)*$",
        description="a daily routine id: " + ", ".join(ROUTINES),
        extra_json_schema={"enum": list(ROUTINES)},
    ),
]
TextList = tuple[str, ...]

_STRUCT = {"frozen": True, "forbid_unknown_fields": True, "kw_only": True}


class Domain(msgspec.Struct, **_STRUCT):
    """An area of development, such as fine motor skills."""

    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ("name", "description")
    id: DomainId
    name: str
    description: str = ""
    #: Whom a family may see about this area when it is worth talking about.
    refer: Refer = ()


class Milestone(msgspec.Struct, **_STRUCT):
    """One thing most children can do by a checklist age."""

    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ("text", "question", "hint")
    id: EntryId
    months: Months
    domain: DomainId
    text: str
    source: str
    question: str = ""
    hint: str = ""
    #: False when no population age norm stands behind the item (sensory and feeding
    #: items from OT practice rather than the CDC checklists): a "not yet" on it alone
    #: never makes an area worth talking about (docs/design.md §4).
    normed: Annotated[
        bool,
        msgspec.Meta(
            description="false when no population age norm stands behind the item "
            "(not from the CDC checklists): its 'not yet' then counts as 'sometimes'"
        ),
    ] = True
    #: A warning sign that a "not yet" here reports: practice is not the answer to,
    #: say, a baby who does not react to loud sounds; a hearing check is.
    check: (
        Annotated[
            str,
            msgspec.Meta(
                pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
                description="the id of a warning sign that a 'not yet' here reports, "
                "such as 'ws-hearing'",
            ),
        ]
        | None
    ) = None
    #: Whom a "not yet" here may lead to, beyond its area's referrals.
    refer: Refer = ()

    @property
    def prompt(self) -> str:
        """What the questionnaire asks: the question, or the text when there is none."""
        return self.question or self.text


class WarningSign(msgspec.Struct, **_STRUCT):
    """A sign that should be talked over with a professional whatever the milestones say."""

    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ("text", "advice")
    id: EntryId
    text: str
    min_months: Months
    domains: tuple[DomainId, ...]
    level: Level
    advice: str
    source: str
    #: When to act on this sign (docs/content.md): ``emergency`` (call the emergency
    #: number now), ``today``, ``days`` (within a few days) or ``visit`` (next visit).
    act: Annotated[
        SignAct,
        msgspec.Meta(
            description="one of 'emergency' (call the emergency number now), 'today' "
            "(the doctor today), 'days' (the doctor within a few days) or 'visit' "
            "(the next visit)"
        ),
    ]
    max_months: Months | None = None
    #: Whom a family should see about this sign (referral kind ids).
    refer: Refer = ()

    @property
    def emergency(self) -> bool:
        """The advice is an emergency action (call emergency services): a result that
        reports this sign opens with that advice, before anything else (docs/design.md §4)."""
        return self.act == "emergency"

    def applies_at(self, months: float) -> bool:
        """Whether this sign is asked about for a child whose age used is ``months``."""
        return self.min_months <= months and (
            self.max_months is None or months < self.max_months + 1
        )


class Referral(msgspec.Struct, **_STRUCT):
    """A kind of professional or check a result may send a family to."""

    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ("name",)
    id: ReferralId
    #: The words a family reads, such as "a speech-language therapist".
    name: str
    source: str = ""


class Region(msgspec.Struct, **_STRUCT):
    """A country's emergency number and its route to early intervention."""

    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ("name", "early_intervention")
    id: RegionId
    name: str
    emergency: PhoneNumber
    #: How a family reaches early intervention there, in words.
    early_intervention: str
    source: str = ""
    #: Other numbers that reach emergency services there too (112 in the United Kingdom).
    emergency_also: Annotated[
        tuple[PhoneNumber, ...],
        msgspec.Meta(
            description="other emergency numbers that also work there, in quotes, such as ['112']"
        ),
    ] = ()


class Activity(msgspec.Struct, **_STRUCT):
    """A home activity with its age range, dose and steps."""

    TEXT_FIELDS: ClassVar[tuple[str, ...]] = ("name", "why")
    TEXT_LIST_FIELDS: ClassVar[tuple[str, ...]] = ("steps", "safety", "materials", "tags")
    id: EntryId
    name: str
    min_months: Months
    max_months: Months
    domains: tuple[DomainId, ...]
    minutes: Count
    times_per_day: Count
    steps: Annotated[TextList, msgspec.Meta(min_length=1, description="a list of steps, in order")]
    source: str
    why: str = ""
    targets: tuple[EntryId, ...] = ()
    days_per_week: DaysPerWeek = 7
    safety: TextList = ()
    materials: TextList = ()
    #: The daily moments it fits into, as ids (vocabulary.ROUTINES), shown through the
    #: catalog; rules compare the ids, never translated words (docs/decisions.md).
    routines: tuple[RoutineId, ...] = ()
    #: Milestones the activity builds on: it is left out while any of them is answered
    #: "not yet" or "sometimes" (no stairs before walking).
    requires: Annotated[
        tuple[EntryId, ...],
        msgspec.Meta(
            description="milestone ids the activity builds on; it is left out while any "
            "of them is answered 'not yet' or 'sometimes'"
        ),
    ] = ()
    #: Warning signs it must never be offered with: left out when any is reported (no
    #: move to lumpier food while a feeding sign is reported).
    avoid_with: Annotated[
        tuple[EntryId, ...],
        msgspec.Meta(
            description="warning-sign ids; the activity is left out when any of them is reported"
        ),
    ] = ()
    #: Conditions and goals a therapist searches for (`ottool activities --search`),
    #: such as "torticollis" or "picky eating"; never printed on a handout.
    tags: Annotated[
        tuple[
            Annotated[
                str,
                msgspec.Meta(
                    min_length=1,
                    max_length=40,
                    description="a tag of 1 to 40 characters, such as 'torticollis'",
                ),
            ],
            ...,
        ],
        msgspec.Meta(
            description="conditions and goals a therapist searches for, such as "
            "'torticollis' or 'picky eating' (each at most 40 characters)"
        ),
    ] = ()
    #: A technique the therapist shows the family first (neck stretches): its card says
    #: so, and only a therapist's choice (`ottool plan --activity`) puts it in a plan.
    taught_by_therapist: Annotated[
        bool,
        msgspec.Meta(
            description="true for a technique a therapist shows the family first (such as "
            "neck stretches): only a therapist's --activity chooses it, never a screening"
        ),
    ] = False

    def fits_age(self, months: float) -> bool:
        """Whether a child whose age used is ``months`` is in this activity's range."""
        return self.min_months <= months < self.max_months + 1


class MilestonesFile(msgspec.Struct, **_STRUCT):
    """The whole of milestones.yaml (used for `ottool schema`)."""

    schema_version: Literal[1]
    domains: tuple[Domain, ...]
    milestones: tuple[Milestone, ...]
    warning_signs: tuple[WarningSign, ...] = ()
    referrals: tuple[Referral, ...] = ()
    regions: tuple[Region, ...] = ()
    #: The oldest age (whole months of age used) the checklists serve; older children
    #: are refused with a pointer to their doctor. Left out: no limit.
    max_months: Months | None = None
    #: The checklist ages: every milestone's months must be one of them, so a typo
    #: (months: 11) is named instead of making a checklist of one item.
    checklists: tuple[Months, ...] = ()


class ActivitiesFile(msgspec.Struct, **_STRUCT):
    """The whole of activities.yaml (used for `ottool schema`)."""

    schema_version: Literal[1]
    activities: tuple[Activity, ...]


@dataclass(frozen=True)
class Content:
    """Everything ottool knows: domains, checklists, warning signs and activities.

    Immutable all the way down (frozen structs, tuples, read-only lookups), so one
    loaded Content can be shared by every caller in a process (see check_content).
    """

    domains: tuple[Domain, ...]
    milestones: tuple[Milestone, ...]
    warning_signs: tuple[WarningSign, ...]
    activities: tuple[Activity, ...]
    version: str = ""
    data_dir: Path | None = None
    #: The oldest age (whole months of age used) the checklists serve; None: no limit.
    max_months: int | None = None
    referrals: tuple[Referral, ...] = ()
    regions: tuple[Region, ...] = ()
    #: A clinic's own activities folder (``--extra-data``) and the ids of the activities
    #: that came from it (docs/clinics.md); the others are the content's own.
    extra_data: Path | None = None
    extra_activities: frozenset[str] = frozenset()

    @cached_property
    def checklists(self) -> tuple[int, ...]:
        """The checklist ages in months, ascending."""
        return tuple(sorted({m.months for m in self.milestones}))

    @cached_property
    def milestone_by_id(self) -> Mapping[str, Milestone]:
        return MappingProxyType({m.id: m for m in self.milestones})

    @cached_property
    def warning_sign_by_id(self) -> Mapping[str, WarningSign]:
        return MappingProxyType({w.id: w for w in self.warning_signs})

    @cached_property
    def activity_by_id(self) -> Mapping[str, Activity]:
        return MappingProxyType({a.id: a for a in self.activities})

    @cached_property
    def domain_by_id(self) -> Mapping[str, Domain]:
        return MappingProxyType({d.id: d for d in self.domains})

    @cached_property
    def referral_by_id(self) -> Mapping[str, Referral]:
        return MappingProxyType({r.id: r for r in self.referrals})

    @cached_property
    def region_by_id(self) -> Mapping[str, Region]:
        return MappingProxyType({r.id: r for r in self.regions})

    def checklist(self, months: int) -> tuple[Milestone, ...]:
        """The milestones of the checklist at ``months``, in content order."""
        return tuple(m for m in self.milestones if m.months == months)

    def warning_signs_at(self, months: float) -> tuple[WarningSign, ...]:
        """The warning signs that apply to a child whose age used is ``months``."""
        return tuple(w for w in self.warning_signs if w.applies_at(months))


@dataclass(frozen=True)
class Report:
    """The outcome of checking content: the content when valid, problems, warnings."""

    content: Content | None
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...] = ()
    #: How many texts have no translation, by language code ({"es": 3}).
    untranslated: Mapping[str, int] = field(default_factory=dict)


def localized(value: Any, lang: str = DEFAULT_LANGUAGE) -> Any:
    """A human-readable field may be a string or ``{en: ..., es: ...}``: pick one string."""
    if isinstance(value, dict):
        return value.get(lang, value.get(DEFAULT_LANGUAGE))
    return value
