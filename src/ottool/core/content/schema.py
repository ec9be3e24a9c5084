"""JSON Schema of the content files, for editors' YAML tooling (`ottool schema`).

The schema is an editor's aid that agrees with `ottool validate`: the same fields and
types (from the models), a description on every field for hover help, the areas and
checklist ages of the content folder as lists to choose from, and the same yes-or-no
rule (only ``true`` and ``false``; a bare Yes or No is not text). `validate` still
holds the rules a schema cannot say (references, the Spanish, the sources).
The repository keeps the schemas of its own data/ in schemas/ for VS Code's YAML
extension (.vscode/settings.json); tests check they are what `ottool schema` prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import msgspec

from ottool.core.content.models import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    MILESTONES_FILE,
    ActivitiesFile,
    Activity,
    Domain,
    Milestone,
    MilestonesFile,
    Referral,
    Region,
    WarningSign,
)
from ottool.core.i18n import language_name
from ottool.core.yamlsource import YAML11_BOOLEANS

#: Hover help for every field of every entry (and of the files themselves).
FIELD_HELP: dict[str, dict[str, str]] = {
    "MilestonesFile": {
        "schema_version": "The version of this file's layout: 1.",
        "domains": "The areas of development, such as fine motor skills.",
        "milestones": "The checklists: every milestone with the same months is one checklist.",
        "warning_signs": "Signs to talk over with a professional whatever the milestones say.",
        "referrals": "The kinds of professional or check a result may send a family to.",
        "regions": "Emergency numbers and routes to early intervention, by country.",
        "max_months": "The oldest age (whole months) the checklists serve; left out: no limit.",
        "checklists": "The checklist ages in months; every milestone's months is one of them.",
    },
    "ActivitiesFile": {
        "schema_version": "The version of this file's layout: 1.",
        "activities": "The home activities plans choose from.",
    },
    "Domain": {
        "id": "The area's id, used by milestones, signs and activities (fine_motor).",
        "name": "The area's name as a family reads it.",
        "description": "One sentence on what the area covers.",
        "refer": "Whom a family may see when this area is worth talking about (referral ids).",
    },
    "Milestone": {
        "id": "A fixed id: activities and saved screenings refer to it (gm-4m-head-steady).",
        "months": "The checklist age this milestone belongs to (one of the checklists).",
        "domain": "The area it belongs to (an id from domains).",
        "text": "What most children can do by this age, in a few words.",
        "source": "Where it comes from, such as 'CDC Learn the Signs. Act Early. (2022)'.",
        "question": "What the questionnaire asks a parent (warm, concrete, 'your baby').",
        "hint": "A one-line tip on how to check, shown under the question.",
        "normed": (
            "true (the default) for the CDC's 2022 checklist items; false for every other "
            "item: no age norm stands behind it, so its 'not yet' counts as 'sometimes'."
        ),
        "check": "A warning sign a 'not yet' here reports (ws-hearing); no activity targets it.",
        "refer": "Whom a 'not yet' here may lead to, beyond its area's referrals.",
    },
    "WarningSign": {
        "id": "The sign's id (ws-...): answer files and milestones' check refer to it.",
        "text": "The sign as a parent would notice it.",
        "min_months": "The youngest age (months) it applies to.",
        "max_months": "The oldest age (months, inclusive) it applies to; left out: no limit.",
        "domains": "The areas it concerns (ids from domains).",
        "level": "discuss, or urgent (loss of skills, emergencies).",
        "advice": (
            "What a parent should do, in words. Write {emergency} where the emergency number "
            "goes: ottool fills in the reader's region's number (required for act: emergency)."
        ),
        "source": "Where it comes from (CDC, AAP, ASHA, NHS ...).",
        "act": "When to act: emergency, today, days (within a few days) or visit.",
        "refer": "Whom a family should see about it (referral ids).",
    },
    "Referral": {
        "id": "The referral kind's id (speech_therapy).",
        "name": "The words a family reads, such as 'a speech-language therapist'.",
        "source": "Where the wording comes from, when it matters.",
    },
    "Region": {
        "id": "The country's ISO 3166 code, such as US, MX or ES.",
        "name": "The country's name.",
        "emergency": 'The emergency number, in quotes ("911").',
        "early_intervention": "How a family reaches early intervention there.",
        "source": "Where the number and the route come from.",
    },
    "Activity": {
        "id": "A fixed id: plans and saved results refer to it (tummy-time-floor).",
        "name": "The activity's title on the plan.",
        "why": "The paragraph under the title: what it helps with, in a sentence.",
        "min_months": "The youngest age (months) it fits.",
        "max_months": "The oldest age (months, inclusive) it fits.",
        "domains": "The areas it practices (ids from domains).",
        "targets": "The milestones it practices (milestone ids, within its ages).",
        "requires": "Milestones the child must have reached first (milestone ids).",
        "avoid_with": "Warning signs that rule it out when reported (sign ids).",
        "minutes": "Minutes a session.",
        "times_per_day": "Sessions a day.",
        "days_per_week": "Days a week, 1 to 7 (default 7).",
        "steps": "How to do it, in order, one short sentence each.",
        "safety": "Safety points, shown on every plan that includes it.",
        "materials": "What a family needs, ordinary things.",
        "routines": "The daily moments it fits into.",
        "source": "Where the activity and its dose come from.",
    },
}

_STRUCTS: tuple[type[msgspec.Struct], ...] = (
    MilestonesFile,
    ActivitiesFile,
    Domain,
    Milestone,
    WarningSign,
    Referral,
    Region,
    Activity,
)


@dataclass(frozen=True)
class Vocabulary:
    """What a content folder lets an editor choose from: its areas and checklist ages."""

    areas: tuple[str, ...] = ()
    checklists: tuple[int, ...] = ()


def vocabulary_of(data_dir: Path) -> Vocabulary:
    """The areas and checklist ages of the milestones.yaml in ``data_dir``.

    Read leniently: a file with mistakes still gives what can be read (validate is what
    reports them), and an unreadable one gives an empty vocabulary.
    """
    from ottool.core.errors import InputError
    from ottool.core.yamlsource import parse_yaml, read_text

    try:
        raw = parse_yaml(read_text(data_dir / MILESTONES_FILE), MILESTONES_FILE, duplicates=[])
    except InputError:
        return Vocabulary()
    if not isinstance(raw, dict):
        return Vocabulary()

    def items(key: str) -> list[Any]:
        value = raw.get(key)
        return value if isinstance(value, list) else []

    areas = [d["id"] for d in items("domains") if isinstance(d, dict)]
    declared = items("checklists")
    if not declared:
        declared = [m.get("months") for m in items("milestones") if isinstance(m, dict)]
    ages = {a for a in declared if isinstance(a, int) and not isinstance(a, bool)}
    return Vocabulary(
        tuple(dict.fromkeys(a for a in areas if isinstance(a, str))), tuple(sorted(ages))
    )


def json_schema(
    which: Literal["milestones", "activities"], vocabulary: Vocabulary | None = None
) -> dict[str, Any]:
    """A JSON Schema of one content file, for editors' YAML tooling.

    With ``vocabulary``, areas and checklist ages are lists to choose from.
    """
    model = MilestonesFile if which == "milestones" else ActivitiesFile
    schema = msgspec.json.schema(model)
    defs = schema.setdefault("$defs", {})
    defs["Text"] = _text_schema()
    text_ref = {"$ref": "#/$defs/Text"}
    for struct in _STRUCTS:
        definition = defs.get(struct.__name__)
        if definition is None:
            continue
        if struct.__doc__:
            definition["description"] = struct.__doc__.strip()
        properties = definition["properties"]
        for name in getattr(struct, "TEXT_FIELDS", ()):
            properties[name] = dict(text_ref)
        for name in getattr(struct, "TEXT_LIST_FIELDS", ()):
            prop = properties[name]
            if prop.get("items", {}).get("type") == "string":  # free text, not ids
                prop["items"] = dict(text_ref)
        for name, help_text in FIELD_HELP.get(struct.__name__, {}).items():
            if name in properties:  # a description the model gives wins
                properties[name].setdefault("description", help_text)
    if vocabulary is not None:
        _choices(defs, vocabulary)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"ottool {which}.yaml"
    return schema


def _choices(defs: dict[str, Any], vocabulary: Vocabulary) -> None:
    """Areas and checklist ages as enums, where the schema has such fields."""
    areas = list(vocabulary.areas)
    if areas:
        for struct, field in (("Milestone", "domain"),):
            if struct in defs:
                defs[struct]["properties"][field]["enum"] = areas
        for struct in ("WarningSign", "Activity"):
            if struct in defs:
                defs[struct]["properties"]["domains"]["items"]["enum"] = areas
    if vocabulary.checklists and "Milestone" in defs:
        defs["Milestone"]["properties"]["months"]["enum"] = list(vocabulary.checklists)


def _text_schema() -> dict[str, Any]:
    """JSON Schema of one human-readable value: a string, or one text per language.

    A bare yes, no, on or off is not text (validate: "write 'Yes' in quotes"); the
    schema says so for the editors' YAML 1.2 readers, which read them as strings.
    """
    text = {"type": "string", "not": {"enum": sorted(YAML11_BOOLEANS)}}
    return {
        "description": (
            "Text a family or therapist reads: a plain string (English), or one text per "
            "language such as {en: Rolls over, es: Se da vuelta}. English is required; "
            "`ottool validate --language es` also requires Spanish. Write Yes, No, On "
            "or Off in quotes."
        ),
        "anyOf": [
            text,
            {
                "type": "object",
                "properties": {
                    code: {**text, "description": f"the text in {language_name(code)}"}
                    for code in LANGUAGES
                },
                "required": [DEFAULT_LANGUAGE],
                "additionalProperties": False,
            },
        ],
    }
