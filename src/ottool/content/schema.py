"""JSON Schema of the content files, for editors' YAML tooling (`ottool schema`)."""

from __future__ import annotations

from typing import Any, Literal

import msgspec

from ottool.content.models import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    ActivitiesFile,
    Activity,
    Domain,
    Milestone,
    MilestonesFile,
    Referral,
    Region,
    WarningSign,
)


def json_schema(which: Literal["milestones", "activities"]) -> dict[str, Any]:
    """A JSON Schema of one content file, for editors' YAML tooling."""
    model = MilestonesFile if which == "milestones" else ActivitiesFile
    schema = msgspec.json.schema(model)
    defs = schema.setdefault("$defs", {})
    defs["Text"] = _text_schema()
    text_ref = {"$ref": "#/$defs/Text"}
    for struct in (Domain, Milestone, WarningSign, Referral, Region, Activity):
        definition = defs.get(struct.__name__)
        if definition is None:
            continue
        if struct.__doc__:
            definition["description"] = struct.__doc__.strip()
        for name in getattr(struct, "TEXT_FIELDS", ()):
            definition["properties"][name] = dict(text_ref)
        for name in getattr(struct, "TEXT_LIST_FIELDS", ()):
            prop = definition["properties"][name]
            prop["items"] = dict(text_ref)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"ottool {which}.yaml"
    return schema


def _text_schema() -> dict[str, Any]:
    """JSON Schema of one human-readable value: a string, or one text per language."""
    return {
        "description": (
            "Text a family or therapist reads: a plain string (English), or one text per "
            "language such as {en: Rolls over, es: Se da vuelta}. English is required; "
            "`ottool validate --language es` also requires Spanish."
        ),
        "anyOf": [
            {"type": "string"},
            {
                "type": "object",
                "properties": {
                    code: {"type": "string", "description": f"the text in {name}"}
                    for code, name in LANGUAGES.items()
                },
                "required": [DEFAULT_LANGUAGE],
                "additionalProperties": False,
            },
        ],
    }
