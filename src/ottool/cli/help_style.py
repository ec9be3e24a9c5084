"""One look for every command's ``--help``: plain placeholders, no type names.

Typer shows a type beside each option (``<bool>`` even for plain flags, ``<int>``,
``<path>``) and writes required arguments as ``{NUMBER}`` in usage lines. ottool's
help uses one placeholder style instead: ``FILE``, ``DIR``, ``ID``, ``AREA``, ``N``,
``TEXT``; a flag shows none; a choice's words are listed in its help text. Options
that name their own placeholder keep it.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Any, get_args

from ottool.cli.click_words import (
    COMMAND_PLACEHOLDER,
    OPTIONS_PLACEHOLDER,
    SHOW_HELP,
    speak_in_help,
)
from ottool.core.i18n import _

#: Placeholders by the option's Python type, for options that do not name their own.
_BY_TYPE: dict[Any, str] = {int: "N", float: "N", str: "TEXT", Path: "PATH"}


def tidy_help(command: Any, ctx: Any) -> None:
    """Give ``command`` (and, for a group, its sub-commands) ottool's help style."""
    if getattr(command, "_ottool_tidy", False):
        return
    command._ottool_tidy = True
    speak_in_help(command)
    command.options_metavar = _(OPTIONS_PLACEHOLDER)
    if getattr(command, "subcommand_metavar", None):
        command.subcommand_metavar = _(COMMAND_PLACEHOLDER)
    help_option = command.get_help_option(ctx)
    if help_option is not None:
        help_option.metavar = ""
        help_option.help = _(SHOW_HELP)
    for param in command.params:
        if param.param_type_name == "argument":
            _argument(param)
        elif param.metavar is None:
            param.metavar = _placeholder(param)
    for sub in getattr(command, "commands", {}).values():
        tidy_help(sub, ctx)


def _placeholder(param: Any) -> str:
    if getattr(param, "is_flag", False):
        return ""
    annotation = _value_type(getattr(getattr(param, "type_descriptor", None), "annotation", None))
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        # The choices themselves are in the help text: --format FORMAT.
        return str(max(param.opts, key=len)).lstrip("-").upper()
    for kind, word in _BY_TYPE.items():
        if isinstance(annotation, type) and issubclass(annotation, kind):
            return word
    return str(param.name).upper()


def _value_type(annotation: Any) -> Any:
    """``int`` for ``int | None`` and ``list[int] | None``: the type of one value."""
    for _level in range(3):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if not args:
            break
        annotation = args[0]
    return annotation


def _argument(param: Any) -> None:
    """``NUMBER`` when required, ``[NUMBER]`` when not, as click and most tools write them."""
    name = (param.metavar or str(param.name)).strip("[]{}").upper()
    param.metavar = name
    shown = name if param.required else f"[{name}]"
    if param.nargs != 1:
        shown += "..."
    param.get_usage_pieces = lambda ctx: [shown]
    param.display_type_rich = lambda ctx: None  # its help says what it takes
