"""Option values read with the standard library instead of Pydantic.

Typer (0.2x) turns every option's text into its Python value through Pydantic,
which costs a fifth of a second to import on every run, and words its complaints
in Pydantic's terms ("Input should be a valid number, unable to parse string as a
number"). ottool's options are simple (text, whole numbers, numbers, paths, a word
from a list, or a list of these), so they are read here, in the run's language:
"'abc' is not a number". Anything else is left to Typer.
"""

from __future__ import annotations

import enum
import math
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from typer import BadParameter

from ottool.core.i18n import _

try:  # Typer's own per-option reader, which this one takes the place of
    from typer._coercion import RuntimeParam
except ImportError:  # pragma: no cover - an older Typer reads values with click itself
    RuntimeParam = None  # type: ignore[assignment,misc]

_SIMPLE = (bool, str, int, float, Path)


def read_options_plainly(command: Any, ctx: Any) -> None:
    """Give ``command`` (and, for a group, its sub-commands) the plain readers."""
    if RuntimeParam is None:  # pragma: no cover
        return
    for param in [*command.params, command.get_help_option(ctx)]:
        if getattr(param, "_runtime_param", False) is None:  # Typer builds it on first use
            descriptor = param.type_descriptor
            kind, many = _kind(descriptor.annotation)
            if kind is not None and descriptor.file_annotation is None:
                param._runtime_param = _PlainValue(
                    parameter_info=descriptor.parameter_info,
                    annotation=descriptor.annotation,
                    kind=kind,
                    many=many,
                )
    for sub in getattr(command, "commands", {}).values():
        read_options_plainly(sub, ctx)


def _kind(annotation: Any) -> tuple[type | None, bool]:
    """(the type of one value, whether a list) for the simple types; (None, _) otherwise."""
    many = False
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) != 1:
            return None, False
        annotation = args[0]
    if get_origin(annotation) is list:
        (annotation,) = get_args(annotation)
        many = True
    if isinstance(annotation, type) and (
        annotation in _SIMPLE or issubclass(annotation, enum.Enum)
    ):
        return annotation, many
    return None, False


if RuntimeParam is not None:

    @dataclass(frozen=True)
    class _PlainValue(RuntimeParam):
        kind: type = str
        many: bool = False

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if self.many:
                return [self._one(item, param, ctx) for item in value]
            return self._one(value, param, ctx)

        def _one(self, value: Any, param: Any, ctx: Any) -> Any:
            kind = self.kind
            if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
                return value
            text = str(value)
            if kind is bool:  # a flag's value is a bool already; an environment's is text
                return text.strip().casefold() in ("1", "true", "yes", "y", "on")
            if issubclass(kind, enum.Enum):
                return _choice(kind, text, self.parameter_info.case_sensitive, param, ctx)
            if kind is int or kind is float:
                return self._number(text, param, ctx)
            if kind is Path:
                from ottool.storage.atomic_write import path_as_typed

                return path_as_typed(text)  # "newdir/" stays a folder's name
            return text

        def _number(self, text: str, param: Any, ctx: Any) -> int | float:
            try:
                number: int | float = int(text) if self.kind is int else float(text)
            except ValueError:
                message = (
                    _("'{value}' is not a whole number")
                    if self.kind is int
                    else _("'{value}' is not a number")
                )
                raise BadParameter(message.format(value=text), ctx=ctx, param=param) from None
            if isinstance(number, float) and not math.isfinite(number):
                raise BadParameter(
                    _("'{value}' is not a number").format(value=text), ctx=ctx, param=param
                )
            low, high = self.parameter_info.min, self.parameter_info.max
            if (low is not None and number < low) or (high is not None and number > high):
                raise BadParameter(
                    _("{value} is not from {low} to {high}").format(
                        value=text,
                        low=low if low is not None else "-∞",
                        high=high if high is not None else "∞",
                    ),
                    ctx=ctx,
                    param=param,
                )
            return number


def _choice(kind: type[enum.Enum], text: str, case_sensitive: bool, param: Any, ctx: Any) -> Any:
    for member in kind:
        word = str(member.value)
        if word == text or (not case_sensitive and word.casefold() == text.casefold()):
            return member
    try:  # an earlier name the enum still reads (``--format terminal`` is ``text``)
        return kind(text)
    except ValueError:
        pass
    choices = ", ".join(str(m.value) for m in kind)
    raise BadParameter(
        _("'{value}' is not one of {choices}").format(value=text, choices=choices),
        ctx=ctx,
        param=param,
    )
