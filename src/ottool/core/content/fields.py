"""Reading one entry of a content file into its model, with a problem per wrong field.

A content editor sees every mistake of an entry at once, each at its own line and in
words made from the field's type ("a whole number of months, from 0 to 60"), rather
than msgspec's first error. These messages are for content editors and stay in
English (docs/decisions.md).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import msgspec

from ottool.core.content.models import DEFAULT_LANGUAGE, LANGUAGES, localized
from ottool.core.errors import Problem, did_you_mean
from ottool.core.i18n import language_name
from ottool.core.yamlsource import LineDict, LineList, YamlWord


def _start_of(text: str, limit: int = 50) -> str:
    """The text, or its start and '...' when longer than ``limit``: enough to find it."""
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _item_line(raw: Any, index: int, default: int) -> int:
    """The line of item ``index`` of a YAML list, or ``default`` when unknown."""
    if isinstance(raw, LineList) and index < len(raw.lines):
        return int(raw.lines[index])
    return default


@functools.cache
def _field_names(model: type[msgspec.Struct]) -> tuple[str, ...]:
    """The fields of ``model``, by name. msgspec works them out from the (string)
    annotations on every call, which cost more than the rest of checking an entry."""
    return tuple(f.name for f in msgspec.structs.fields(model))


_PLAIN_NAMES: dict[Any, str] = {
    str: "text",
    int: "a whole number",
    bool: "true or false",
}


def expected(tp: Any) -> str:
    """Words for what a field must hold, from its type (and its msgspec description)."""
    if get_origin(tp) is Annotated:
        base, *extras = get_args(tp)
        if base is bool:  # its description says what it means, not what to write
            return _PLAIN_NAMES[bool]
        for extra in extras:
            if isinstance(extra, msgspec.Meta) and extra.description:
                return str(extra.description)
        return expected(base)
    origin = get_origin(tp)
    if origin is Literal:
        return " or ".join(repr(a) for a in get_args(tp))
    if origin is tuple:
        item = get_args(tp)[0]
        return "a list of text" if item is str else f"a list, each {expected(item)}"
    if origin is Union or str(origin) == "<class 'types.UnionType'>":
        options = [expected(a) for a in get_args(tp) if a is not type(None)]
        return " or ".join(options) + " (or left out)"
    return _PLAIN_NAMES.get(tp, getattr(tp, "__name__", str(tp)))


def as_shown(value: Any) -> str:
    """A value as a message echoes it: a kind for mappings and lists, else its repr, cut."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


@dataclass
class Entries:
    """Converted entries of one list, with the YAML mapping each came from."""

    kind: str
    file: str
    items: list[tuple[Any, LineDict]] = field(default_factory=list)
    #: Entries left out for a wrong field: (id or "#n", mapping); their references
    #: are still checked, so one run reports every problem.
    failed: list[tuple[str, LineDict]] = field(default_factory=list)


class EntryChecker:
    """Converts the entries of content lists into their models, collecting problems."""

    def __init__(self, lang: str, complete_in: str | None = None) -> None:
        self.lang = lang
        self.complete_in = complete_in
        self.problems: list[Problem] = []
        #: Problems worth a look that do not make the content invalid.
        self.warnings: list[Problem] = []
        #: How many texts have no translation, by language (plain `validate` says so).
        self.untranslated: dict[str, int] = {}
        #: Ids of entries already reported as invalid, by kind: references to them are
        #: not reported again as unknown.
        self.broken: dict[str, set[str]] = {}

    def problem(self, file: str, line: int | None, message: str) -> None:
        self.problems.append(Problem(file, line, message))

    def _entries(
        self,
        root: LineDict | None,
        key: str,
        model: type[msgspec.Struct],
        kind: str,
        file: str,
        *,
        required: bool,
    ) -> Entries:
        result = Entries(kind, file)
        if root is None:
            return result
        if key not in root:
            if required:
                self.problem(file, root.line, f"missing the list '{key}'")
            return result
        seq = root[key]
        if not isinstance(seq, LineList):
            self.problem(
                file, root.line_of(key), f"'{key}' must be a list of entries, got {as_shown(seq)}"
            )
            return result
        if required and not seq:
            self.problem(file, seq.line, f"'{key}' is empty")
        for i, entry in enumerate(seq):
            if not isinstance(entry, LineDict):
                self.problem(
                    file,
                    seq.lines[i],
                    f"{kind} #{i + 1}: each entry must be a mapping of keys, got {as_shown(entry)}",
                )
                continue
            label = (
                f"{kind} '{entry['id']}'"
                if isinstance(entry.get("id"), str)
                else f"{kind} #{i + 1}"
            )
            converted = self._convert(entry, model, label, file)
            if converted is not None:
                result.items.append((converted, entry))
                continue
            owner = entry["id"] if isinstance(entry.get("id"), str) else f"#{i + 1}"
            result.failed.append((owner, entry))
            if isinstance(entry.get("id"), str):
                self.broken.setdefault(kind, set()).add(entry["id"])
        return result

    def _convert(self, entry: LineDict, model: type[msgspec.Struct], label: str, file: str) -> Any:
        data: dict[str, Any] = dict(entry)
        reported: set[str] = set()  # fields whose translations are already reported
        text_fields = getattr(model, "TEXT_FIELDS", ())
        list_fields = getattr(model, "TEXT_LIST_FIELDS", ())
        known = _field_names(model)
        for name in (*text_fields, *list_fields):
            if name not in data:
                continue
            value = data[name]
            if name in text_fields:
                value = self._text(value, entry.line_of(name), label, name, file, known)
            elif isinstance(value, list):
                raw = entry.get(name)
                items = [
                    self._text(v, _item_line(raw, i, entry.line_of(name)), label, name, file, known)
                    for i, v in enumerate(value)
                ]
                value = None if None in items else items
            if value is None:
                reported.add(name)
            else:
                data[name] = value
        try:
            if not reported:
                return msgspec.convert(data, model, strict=True)
        except msgspec.ValidationError:
            pass
        self._field_problems(data, entry, model, label, file, reported)
        return None

    def _text(
        self,
        value: Any,
        line: int,
        label: str,
        name: str,
        file: str,
        fields: tuple[str, ...] = (),
    ) -> Any:
        """One human-readable value (a string or translations) in the chosen language.

        Returns None after reporting a problem. A value that is neither a string nor a
        mapping is left for the type check to report. ``fields``: the entry's field
        names, to recognise one indented under this text by mistake.
        """
        if isinstance(value, YamlWord):
            self.problem(file, value.line, f"{label}: {name}: {_word_as_text(value)}")
            return None
        if not isinstance(value, dict):
            if isinstance(value, str):
                self._needs_translation(value, line, label, name, file)
            return value
        ok = True
        for code, text in value.items():
            at = value.line_of(code) if isinstance(value, LineDict) else line
            if code not in LANGUAGES and code in fields:
                self.problem(
                    file,
                    at,
                    f"{label}: '{code}' is indented under '{name}': move it left to line up "
                    f"with '{name}'",
                )
                ok = False
            elif code not in LANGUAGES:
                self.problem(
                    file,
                    line,
                    f"{label}: {name}: unknown language '{code}'"
                    + did_you_mean(code, LANGUAGES)
                    + f" (languages: {', '.join(LANGUAGES)})",
                )
                ok = False
            elif isinstance(text, YamlWord):
                self.problem(file, at, f"{label}: {name}: {_word_as_text(text)}")
                ok = False
            elif not isinstance(text, str):
                self.problem(
                    file,
                    line,
                    f"{label}: {name}: the '{code}' text must be text, got {as_shown(text)}",
                )
                ok = False
        if DEFAULT_LANGUAGE not in value:
            self.problem(
                file, line, f"{label}: {name} gives translations but no '{DEFAULT_LANGUAGE}' text"
            )
            return None
        if not ok:
            return None
        self._needs_translation(value, line, label, name, file)
        return localized(value, self.lang)

    def _needs_translation(
        self, value: str | dict[str, str], line: int, label: str, name: str, file: str
    ) -> None:
        """Count a text without a translation; with ``complete_in`` it is a problem too."""
        english = localized(value)
        if not english.strip():
            return
        for code in LANGUAGES:
            if code == DEFAULT_LANGUAGE:
                continue
            text = value.get(code) if isinstance(value, dict) else None
            if text and text.strip():
                continue
            self.untranslated[code] = self.untranslated.get(code, 0) + 1
            if code == self.complete_in:
                self.problem(
                    file,
                    line,
                    f"{label}: {name} has no {language_name(code)} ('{code}') text "
                    f"(English: '{_start_of(english)}')",
                )

    def _field_problems(
        self,
        data: dict[str, Any],
        entry: LineDict,
        model: type[msgspec.Struct],
        label: str,
        file: str,
        reported: set[str],
    ) -> None:
        fields = {f.name: f for f in msgspec.structs.fields(model)}
        before = len(self.problems)
        for key in data:
            if key not in fields:
                self.problem(
                    file,
                    entry.line_of(key),
                    f"{label}: unknown key '{key}'" + did_you_mean(key, fields),
                )
        for name, info in fields.items():
            if name in reported:
                continue
            if name not in data:
                nested = any(isinstance(v, dict) and name in v for v in entry.values())
                if info.required and not nested:  # nested: reported as indented under a text
                    self.problem(file, entry.line, f"{label}: missing '{name}'")
                continue
            value = data[name]
            try:
                msgspec.convert(value, info.type, strict=True)
            except msgspec.ValidationError:
                line = entry.line_of(name)
                if self._item_problems(value, entry.get(name), line, info.type, label, name, file):
                    continue
                if isinstance(value, YamlWord) and _is_bool(info.type):
                    self.problem(
                        file,
                        line,
                        f"{label}: {name}: write {str(value.boolean).lower()}, not "
                        f"{value.word} (only true and false are yes-or-no values)",
                    )
                    continue
                self.problem(
                    file,
                    line,
                    f"{label}: {name} must be {expected(info.type)}, got {as_shown(value)}"
                    + _fix(value, info.type),
                )
        if len(self.problems) == before and not reported:  # a rule of the whole entry
            self.problem(file, entry.line, f"{label}: this entry is not valid")

    def _item_problems(
        self, value: Any, raw: Any, line: int, tp: Any, label: str, name: str, file: str
    ) -> bool:
        """For a list whose items are wrong, a problem per bad item, at the item's line."""
        if get_origin(tp) is Annotated:
            tp = get_args(tp)[0]
        if not isinstance(value, list) or get_origin(tp) is not tuple:
            return False
        item_type = get_args(tp)[0]
        found = False
        for i, item in enumerate(value):
            try:
                msgspec.convert(item, item_type, strict=True)
            except msgspec.ValidationError:
                self.problem(
                    file,
                    raw.lines[i] if isinstance(raw, LineList) else line,
                    f"{label}: {name}: each item must be {expected(item_type)}, "
                    f"got {as_shown(item)}" + _fix(item, item_type),
                )
                found = True
        return found


def _is_bool(tp: Any) -> bool:
    base = get_args(tp)[0] if get_origin(tp) is Annotated else tp
    return base is bool


def _base(tp: Any) -> Any:
    """The plain type under Annotated and ``| None``."""
    if get_origin(tp) is Annotated:
        return _base(get_args(tp)[0])
    if get_origin(tp) is Union or str(get_origin(tp)) == "<class 'types.UnionType'>":
        options = [a for a in get_args(tp) if a is not type(None)]
        return _base(options[0]) if len(options) == 1 else tp
    return tp


def _fix(value: Any, tp: Any) -> str:
    """How to write ``value`` so that it is read as ``tp``, when the fix is plain."""
    base = _base(tp)
    if isinstance(value, str) and base is int and value.strip().lstrip("-").isdigit():
        return ": remove the quotes"
    if isinstance(value, str) and base is bool and value.strip().lower() in ("true", "false"):
        return ": remove the quotes"
    if isinstance(value, YamlWord):
        return f" (YAML reads {value.word} as yes or no: put it in quotes if it is text)"
    return ""


def _word_as_text(word: YamlWord) -> str:
    return f"YAML reads {word.word} as yes or no, not as text: write '{word.word}' in quotes"
