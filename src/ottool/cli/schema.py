"""`ottool schema`: the JSON Schema of a content file, for YAML editor extensions."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from ottool.cli.common import DataDir, Lang
from ottool.core.i18n import _


class SchemaName(enum.StrEnum):
    milestones = "milestones"
    activities = "activities"


def schema(
    which: Annotated[
        SchemaName, typer.Argument(metavar="FILE", help=_("milestones or activities."))
    ] = SchemaName.milestones,
    data_dir: DataDir = None,
    lang: Lang = None,
) -> None:
    import json

    from ottool.core.content import json_schema, resolve_data_dir
    from ottool.core.content.schema import vocabulary_of

    vocabulary = vocabulary_of(resolve_data_dir(data_dir))
    typer.echo(json.dumps(json_schema(which.value, vocabulary), indent=2))
