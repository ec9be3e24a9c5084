"""`ottool schema`: the JSON Schema of a content file, for YAML editor extensions."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from ottool.cli.common import Lang
from ottool.i18n import _


class SchemaName(enum.StrEnum):
    milestones = "milestones"
    activities = "activities"


def schema(
    which: Annotated[
        SchemaName, typer.Argument(metavar="FILE", help=_("milestones or activities."))
    ] = SchemaName.milestones,
    lang: Lang = None,
) -> None:
    import json

    from ottool.content import json_schema

    typer.echo(json.dumps(json_schema(which.value), indent=2))
