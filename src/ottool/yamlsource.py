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
"""

from __future__ import annotations

import gc
import os
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

from ottool.errors import InputError, Problem, shown
from ottool.i18n import _

_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_PLAIN_SCALARS = {
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    _TIMESTAMP,
}
_scalar_constructor = yaml.constructor.SafeConstructor()

#: Files larger than this are refused before parsing (bytes).
MAX_FILE_BYTES = 64 * 1024 * 1024


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


class _Builder:
    """Turns one composed node tree into LineDict/LineList/scalars."""

    def __init__(self, file: str, budget: int) -> None:
        self.file = file
        self.budget = budget
        self.problems: list[Problem] = []
        #: Keys given twice: the first value is kept, so the rest of the file can be checked.
        self.duplicates: list[Problem] = []

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
                return node.value
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

    def _mapping(self, node: yaml.MappingNode) -> LineDict:
        result = LineDict(node.start_mark.line + 1)
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self._merge(result, value_node)
                continue
            key = self.build(key_node)
            if not isinstance(key, str):
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


def parse_yaml(text: str, file: str, *, duplicates: list[Problem] | None = None) -> Any:
    """Parse YAML ``text`` (named ``file`` in messages) into line-aware plain data.

    A key given twice is an error. With ``duplicates`` such errors are added to that
    list and the data (with each key's first value) is returned, so that a checker can
    report every other problem of the file in the same run.
    """
    with _no_gc_pauses():
        return _parse(text, file, duplicates)


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


def _parse(text: str, file: str, duplicates: list[Problem] | None) -> Any:
    if _flow_depth_exceeds(text):
        raise InputError([Problem(file, None, "the YAML is nested too deeply to read")])
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
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
    builder = _Builder(file, budget=len(text) + 1000)
    try:
        data = builder.build(node)
    except RecursionError:
        raise InputError([Problem(file, None, "the YAML is nested too deeply to read")]) from None
    if builder.problems or (builder.duplicates and duplicates is None):
        raise InputError(sorted(builder.problems + builder.duplicates))
    if duplicates is not None:
        duplicates.extend(builder.duplicates)
    return data


def read_text(path: Path, *, name: str | None = None, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a UTF-8 text file, with clear errors for missing, huge or binary files.

    At most ``max_bytes`` + 1 bytes are read, whatever the file is: a pipe or a device
    such as /dev/zero reports no size, so its size is found by reading, never trusted.
    """
    shown = name or str(path)
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size  # 0 for pipes and devices
            raw = b"" if size > max_bytes else handle.read(max_bytes + 1)
        if size > max_bytes or len(raw) > max_bytes:
            raise InputError(
                [
                    Problem(
                        shown,
                        None,
                        _("the file is too large; the limit is {limit} bytes").format(
                            limit=f"{max_bytes:,}"
                        ),
                    )
                ]
            )
    except FileNotFoundError:
        raise InputError([Problem(shown, None, _("the file does not exist"))]) from None
    except IsADirectoryError:
        raise InputError([Problem(shown, None, _("this is a folder, not a file"))]) from None
    except PermissionError:
        raise InputError(
            [Problem(shown, None, _("the file cannot be read (permission denied)"))]
        ) from None
    except OSError as exc:
        raise InputError(
            [
                Problem(
                    shown, None, _("the file cannot be read ({reason})").format(reason=exc.strerror)
                )
            ]
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError([Problem(shown, line, _("the file is not UTF-8 text"))]) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise InputError([Problem(shown, line, "the file holds binary data, not YAML text")])
    return text


def read_yaml(path: Path, *, name: str | None = None, max_bytes: int = MAX_FILE_BYTES) -> Any:
    """Read and parse a YAML file into line-aware plain data."""
    shown = name or str(path)
    return parse_yaml(read_text(path, name=shown, max_bytes=max_bytes), shown)
