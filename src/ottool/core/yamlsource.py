"""Read YAML as plain data, remembering the line of every value.

Content editors and parents need errors that point at a line, so the files are
*composed* by PyYAML's safe machinery (the C parser when it is available) and the
node tree is turned into ordinary dicts and lists here. Mappings become
:class:`LineDict` and sequences :class:`LineList`, which carry the 1-based line of
themselves and of each of their values.

Only the plain YAML types are accepted (strings, numbers, booleans, null, dates,
mappings and sequences). Any other tag, ``!!python/object`` included, is an error,
never code. Alias expansion is bounded so that a "billion laughs" file is refused
instead of eating the machine's memory.

Content files (``parse_yaml(..., content=True)``) are read for editors who are not
programmers: a YAML mistake is said in plain words with its fix (a tab, a line
indented differently, a colon inside unquoted text, a quote never closed), the bare
words yes, no, on and off stay words (:class:`YamlWord`) for the checker to explain
rather than becoming true or false, and text cut short by `` #`` is a warning.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml is much faster; PyYAML without it still works.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from ottool.core.errors import InputError, Problem, shown
from ottool.core.i18n import _

# A YAML file is read as text first; its readers import these from here too.
from ottool.core.textfile import MAX_FILE_BYTES as MAX_FILE_BYTES
from ottool.core.textfile import read_text as read_text

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_BOOL = "tag:yaml.org,2002:bool"
_PLAIN_SCALARS = {
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    _TIMESTAMP,
}
_scalar_constructor = yaml.constructor.SafeConstructor()


class LineDict(dict[str, Any]):
    """A mapping read from YAML: ``line`` of the mapping, ``lines[key]`` of each value."""

    __slots__ = ("line", "lines")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        """Line of the value under ``key``, or of the mapping itself when absent."""
        return self.lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence read from YAML: ``line`` of the sequence, ``lines[i]`` of each item."""

    __slots__ = ("line", "lines")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.lines: list[int] = []


#: Plain words that YAML 1.1 (PyYAML) reads as true or false, but YAML 1.2 (editors'
#: YAML extensions, check-jsonschema) reads as text. Content uses only true and false.
YAML11_BOOLEANS = frozenset(
    w for word in ("yes", "no", "on", "off") for w in (word, word.title(), word.upper())
)


class YamlWord:
    """A bare yes, no, on or off in a content file: neither text nor true/false.

    YAML readers disagree on these words, so a content file must say what it means:
    ``true``/``false`` for a yes-or-no field, quotes for text. The checker explains.
    """

    __slots__ = ("line", "word")

    def __init__(self, word: str, line: int) -> None:
        self.word = word
        self.line = line

    def __repr__(self) -> str:
        return repr(self.word)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, YamlWord) and other.word == self.word

    def __hash__(self) -> int:
        return hash(self.word)

    @property
    def boolean(self) -> bool:
        """What YAML 1.1 would have read: yes and on are true."""
        return self.word.lower() in ("yes", "on")


class _Builder:
    """Turns one composed node tree into LineDict/LineList/scalars."""

    def __init__(self, file: str, budget: int, *, content: bool = False, text: str = "") -> None:
        self.file = file
        self.budget = budget
        self.content = content
        self.text = text
        self.problems: list[Problem] = []
        #: Keys given twice: the first value is kept, so the rest of the file can be checked.
        self.duplicates: list[Problem] = []
        #: Content only: text cut short by a comment.
        self.warnings: list[Problem] = []

    def fail(self, node: yaml.Node, message: str) -> InputError:
        return InputError([Problem(self.file, node.start_mark.line + 1, message)])

    def build(self, node: yaml.Node) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise self.fail(
                node,
                "the file expands to far more values than it holds "
                "(too many aliases); write the values out instead",
            )
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if tag == _STR:
                if self.content and not node.style:
                    self._cut_by_comment(node)
                return node.value
            if self.content and tag == _BOOL and node.value in YAML11_BOOLEANS:
                return YamlWord(node.value, node.start_mark.line + 1)
            if tag in _PLAIN_SCALARS:
                try:
                    return _scalar_constructor.yaml_constructors[tag](_scalar_constructor, node)
                except (ValueError, OverflowError):
                    if tag == _TIMESTAMP:  # a birth date such as 2026-02-30
                        message = _(
                            "{value} is not a real date; write it as year-month-day, "
                            "for example 2026-04-01"
                        )
                    else:
                        message = _("{value} is not a valid value")
                    raise self.fail(node, message.format(value=shown(node.value))) from None
        elif isinstance(node, yaml.MappingNode) and tag == _MAP:
            return self._mapping(node)
        elif isinstance(node, yaml.SequenceNode) and tag == _SEQ:
            result = LineList(node.start_mark.line + 1)
            for item in node.value:
                result.append(self.build(item))
                result.lines.append(item.start_mark.line + 1)
            return result
        short_tag = tag.replace("tag:yaml.org,2002:", "!!")
        # Keep going so that every such tag in the file is reported in one run.
        self.problems.append(
            Problem(
                self.file,
                node.start_mark.line + 1,
                f"the YAML tag {short_tag} is not allowed (plain values only)",
            )
        )
        return None

    def _cut_by_comment(self, node: yaml.ScalarNode) -> None:
        """Warn when `` #`` right after plain text starts a comment that cut the text.

        A comment set off by two spaces or more (``months: 4  # why``) is taken as meant.
        """
        end = node.end_mark.index
        newline = self.text.find("\n", end)
        rest = self.text[end : newline if newline >= 0 else None]  # up to the line's end
        if rest.startswith(" #") and node.value:
            comment = rest.strip()
            self.warnings.append(
                Problem(
                    self.file,
                    node.end_mark.line + 1,
                    f"the text stops at '{node.value[-20:]}': YAML reads '{comment[:20]}' "
                    "after it as a comment. If it belongs to the text, put the whole text "
                    "in quotes",
                )
            )

    def _mapping(self, node: yaml.MappingNode) -> LineDict:
        result = LineDict(node.start_mark.line + 1)
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self._merge(result, value_node)
                continue
            key = self.build(key_node)
            if isinstance(key, YamlWord):
                key = key.word
            elif not isinstance(key, str):
                key = str(key)
            if key in result:
                line = key_node.start_mark.line + 1
                message = f"the key '{key}' appears twice in this mapping"
                self.duplicates.append(Problem(self.file, line, message))
                continue
            result[key] = self.build(value_node)
            result.lines[key] = value_node.start_mark.line + 1
        return result

    def _merge(self, result: LineDict, value_node: yaml.Node) -> None:
        sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
        for source in sources:
            merged = self.build(source)
            if not isinstance(merged, LineDict):
                raise self.fail(source, "a merge key (<<) must point at a mapping")
            for key, value in merged.items():
                if key not in result:
                    result[key] = value
                    result.lines[key] = merged.line_of(key)


def parse_yaml(
    text: str,
    file: str,
    *,
    duplicates: list[Problem] | None = None,
    content: bool = False,
    warnings: list[Problem] | None = None,
) -> Any:
    """Parse YAML ``text`` (named ``file`` in messages) into line-aware plain data.

    A key given twice is an error. With ``duplicates`` such errors are added to that
    list and the data (with each key's first value) is returned, so that a checker can
    report every other problem of the file in the same run. ``content`` reads a content
    file (see the module's docstring); its warnings go to ``warnings``.
    """
    with _no_gc_pauses():
        return _parse(text, file, duplicates, content, warnings)


@contextmanager
def _no_gc_pauses() -> Iterator[None]:
    """Pause the cycle collector while building a large tree of fresh objects.

    Parsing allocates many objects and no cycles; the collector's repeated scans of
    the growing tree would make big files take more than linear time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# libyaml composes flow collections ([...], {...}) recursively in C: some ten
# thousand levels overflow the C stack and kill the process, out of reach of
# Python's recursion limit. No ottool file nests more than a few levels.
MAX_FLOW_DEPTH = 1000


def _flow_depth_exceeds(text: str, limit: int = MAX_FLOW_DEPTH) -> bool:
    """Whether brackets in ``text`` nest deeper than ``limit`` (quotes not parsed).

    Counting the brackets is fast; the scan runs only when there are enough of them
    to matter. Brackets inside quoted text count too, which can only err on the side
    of refusing a file that nobody would write by hand.
    """
    if text.count("[") + text.count("{") <= limit:
        return False
    depth = 0
    for match in re.finditer(r"[\[\]{}]", text):
        depth += 1 if match.group() in "[{" else -1
        if depth > limit:
            return True
        depth = max(depth, 0)
    return False


def _parse(
    text: str,
    file: str,
    duplicates: list[Problem] | None,
    content: bool = False,
    warnings: list[Problem] | None = None,
) -> Any:
    if _flow_depth_exceeds(text):
        raise InputError([Problem(file, None, "the YAML is nested too deeply to read")])
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        if exc.problem == "but found another document" and exc.problem_mark is not None:
            raise InputError([_second_document(file, exc.problem_mark.line + 1)]) from None
        if content:
            raise InputError([plain_yaml_problem(text, file, exc)]) from None
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "unreadable YAML"
        raise InputError([Problem(file, line, f"this is not valid YAML: {problem}")]) from None
    except yaml.YAMLError as exc:
        raise InputError([Problem(file, None, f"this is not valid YAML: {exc}")]) from None
    except RecursionError:
        raise InputError([Problem(file, None, "the YAML is nested too deeply to read")]) from None
    if node is None:
        return None
    builder = _Builder(file, budget=len(text) + 1000, content=content, text=text)
    try:
        data = builder.build(node)
    except RecursionError:
        raise InputError([Problem(file, None, "the YAML is nested too deeply to read")]) from None
    if builder.problems or (builder.duplicates and duplicates is None):
        raise InputError(sorted(builder.problems + builder.duplicates))
    if duplicates is not None:
        duplicates.extend(builder.duplicates)
    if warnings is not None:
        warnings.extend(builder.warnings)
    return data


def _second_document(file: str, line: int) -> Problem:
    """PyYAML's "but found another document": a ``---`` starts a second document."""
    message = _(
        "a second YAML document starts here (a line '---' after the first one): "
        "a file holds one document; remove this line, or what follows it"
    )
    return Problem(file, line, message)


INDENTED_DIFFERENTLY = (
    "this line is indented differently from the lines around it: line its key up with "
    "the other keys of the same entry, using spaces"
)


def plain_yaml_problem(text: str, file: str, exc: yaml.MarkedYAMLError) -> Problem:
    """A YAML syntax error in words a content editor can act on, at the line to change.

    PyYAML reports where it noticed the mistake, often a line or more after it (an
    unclosed quote is noticed at the next quote, or at the end of the file).
    """
    lines = text.splitlines()
    mark = exc.problem_mark or exc.context_mark
    last = mark.line + 1 if mark else len(lines)
    problem = exc.problem or exc.context or "unreadable YAML"
    for number, line in enumerate(lines[:last], start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            return Problem(
                file,
                number,
                "this line is indented with a tab character: YAML needs spaces; replace the "
                "tab with spaces",
            )
    unclosed = (
        "the quote that opens the text on this line is never closed: end the text with "
        "the same quote mark"
    )
    if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
        return Problem(file, exc.context_mark.line + 1, unclosed)
    for number, line in enumerate(lines[:last], start=1):
        if _opens_a_quote(line):
            return Problem(file, number, unclosed)
    if mark is not None and "mapping values are not allowed" in problem:
        before = lines[mark.line][: mark.column] if mark.line < len(lines) else ""
        if re.match(r"\s*(- )?[^\s#'\"][^#]*?:\s", before):
            return Problem(
                file,
                last,
                "a colon followed by a space inside text that is not in quotes: put the "
                'whole text in quotes, like text: "Reaches: to grab a toy"',
            )
        return Problem(file, last, INDENTED_DIFFERENTLY)
    if any(words in problem for words in ("expected key", "indicator", "block end")):
        return Problem(file, last, INDENTED_DIFFERENTLY)
    return Problem(file, last if mark else None, f"this is not valid YAML: {problem}")


def _opens_a_quote(line: str) -> bool:
    """Whether a value on ``line`` starts with a quote that the line does not close."""
    found = re.match(r"\s*(?:- )?(?:[^\s:#'\"][^:#]*:\s+)?([\"'])(.*)$", line)
    if not found:
        return False
    quote, rest = found.groups()
    if quote == '"':
        return re.search(r'(?<!\\)"', rest) is None
    return re.search(r"'(?!')", rest.replace("''", "")) is None


def read_yaml(path: Path, *, name: str | None = None, max_bytes: int = MAX_FILE_BYTES) -> Any:
    """Read and parse a YAML file into line-aware plain data."""
    shown = name or str(path)
    return parse_yaml(read_text(path, name=shown, max_bytes=max_bytes), shown)
