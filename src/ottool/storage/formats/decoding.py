"""Reading a format: plain JSON decoded, checked against its Struct and its format tag,
every problem one :class:`~ottool.core.errors.InputError` naming the file, the line
and the field; and Structs written back as plain data."""

from __future__ import annotations

import re
from typing import Any, TypeVar

import msgspec

from ottool.core.errors import InputError, Problem, shown
from ottool.core.i18n import N_, _
from ottool.storage.formats.base import FORMAT_NAMES

T = TypeVar("T")


def to_data(value: msgspec.Struct) -> dict[str, Any]:
    """A Struct as JSON-ready data, leaving out the fields that are None (never written)."""
    data: dict[str, Any] = _without_none(msgspec.to_builtins(value))
    return data


def _without_none(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _without_none(v) for k, v in data.items() if v is not None}
    return data


def decode_json(
    raw: str | bytes, where: str, what: str = "JSON", *, line: int | None = None
) -> Any:
    """Plain data from JSON text; InputError for anything that is not plain, sane JSON.

    ``where`` names the file and ``what`` the expected content ("this is not {what}");
    ``line`` is given for one line of JSON Lines ("this line is not {what}").
    """
    try:
        return msgspec.json.decode(raw)
    except msgspec.DecodeError as exc:
        at = line or _line_of(raw, str(exc))
        message = (
            _("this line is not {what} ({reason})") if line else _("this is not {what} ({reason})")
        )
        raise _problem(where, at, message.format(what=_(what), reason=_lower(exc))) from None
    except msgspec.ValidationError as exc:  # e.g. a number too large to hold
        message = _("this JSON cannot be read ({reason})").format(reason=_lower(exc))
        raise _problem(where, line, message) from None
    except RecursionError:
        raise _problem(where, line, _("the JSON is nested too deeply to read")) from None


def convert(data: Any, kind: type[T], where: str, what: str, *, line: int | None = None) -> T:
    """``data`` checked against the Struct ``kind``; InputError naming the field otherwise."""
    try:
        return msgspec.convert(data, kind)
    except msgspec.ValidationError as exc:
        message = _("{what} is incomplete or damaged ({reason})")
        reason = _validation_reason(str(exc))
        raise _problem(where, line, message.format(what=_(what), reason=reason)) from None
    except RecursionError:
        message = _("{what} is nested too deeply to read").format(what=_(what))
        raise _problem(where, line, message) from None


def check_format(
    data: Any, expected: str, where: str, what: str | None = None, *, line: int | None = None
) -> dict[str, Any]:
    """``data`` itself when it is an object tagged ``"format": expected``.

    ``what`` names the expected kind of file; by default the format's own name
    (:data:`FORMAT_NAMES`).
    """
    found = data.get("format") if isinstance(data, dict) else None
    if not isinstance(data, dict) or found != expected:
        message = _('not {what} (expected "format": "{expected}", found {found})').format(
            what=_(what or FORMAT_NAMES[expected]), expected=expected, found=shown(found)
        )
        raise _problem(where, line, message)
    return data


def _problem(where: str, line: int | None, message: str) -> InputError:
    return InputError([Problem(where, line, message)])


#: msgspec's names of JSON types, as a reader says them.
_TYPE_WORDS = {
    "object": N_("an object"),
    "str": N_("text"),
    "int": N_("a whole number"),
    "float": N_("a number"),
    "array": N_("a list"),
    "bool": N_("true or false"),
    "null": N_("nothing (null)"),
    "date": N_("a date"),
    "datetime": N_("a date and time"),
}
_VALIDATION = (
    (re.compile(r"Expected `([^`]+)`, got `([^`]+)`"), N_("expected {0}, found {1}")),
    (re.compile(r"Object missing required field `([^`]+)`"), N_("the field '{0}' is missing")),
    (re.compile(r"Object contains unknown field `([^`]+)`"), N_("unknown field '{0}'")),
    (re.compile(r"Expected `([^`]+)` (>=|<=|>|<) (\S+)"), N_("expected {0} {1} {2}")),
    (re.compile(r"Invalid enum value (.+)"), N_("{0} is not one of the allowed values")),
)


def _validation_reason(text: str) -> str:
    """msgspec's validation message in the run's language: "Expected `object`, got `str`
    - at `$.child`" → "expected an object, found text, at $.child". A message of a kind
    not known here stays as msgspec wrote it."""
    said, _sep, path = text.partition(" - at `")
    for pattern, words in _VALIDATION:
        found = pattern.fullmatch(said)
        if found is not None:
            parts = [_(_TYPE_WORDS[g]) if g in _TYPE_WORDS else g for g in found.groups()]
            said = _(words).format(*parts)
            break
    else:
        said = said[:1].lower() + said[1:]
    if path:
        said = _("{reason}, at {path}").format(reason=said, path=path.rstrip("`"))
    return said


def _lower(exc: Exception) -> str:
    """The message with a lower-case start, unless it starts with a name like JSON."""
    text = str(exc)
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def _line_of(raw: str | bytes, message: str) -> int | None:
    """The line of msgspec's ``(byte N)`` in ``raw``, when the message names one."""
    import re

    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    if "truncated" in message:  # the file ended too early: point at its end
        return data.count(b"\n") + 1
    found = re.search(r"\(byte (\d+)\)", message)
    if found is None:
        return None
    return data[: int(found.group(1))].count(b"\n") + 1


def looks_like_fhir(text: str) -> bool:
    """Whether an answer file is FHIR JSON (a JSON object naming its ``resourceType``).

    Here, not in :mod:`ottool.storage.fhir`, so that reading a YAML answer file does not
    load the FHIR code."""
    return text.lstrip("\ufeff \t\r\n").startswith("{") and '"resourceType"' in text
