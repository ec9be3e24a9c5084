"""Text that is safe to print or write: control characters shown, never obeyed.

A child's name, a note, an imported history file or a content file can carry
terminal control sequences (ESC ``[2J`` clears the screen, OSC 0 sets the window
title, OSC 8 makes hidden links). Everything ottool prints or writes as text goes
through :func:`printable` at the edge (the Rich console, Markdown and text files,
error lines), so such characters appear as visible symbols instead of acting.
JSON keeps them exactly, as ``\\u`` escapes (:func:`json_text`).
"""

from __future__ import annotations

import json
import re
from typing import Any

#: C0 controls except tab and newline, DEL, the C1 controls, and Unicode's bidirectional
#: embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): a name holding
#: U+202E would print the rest of its line (the next table columns) backwards.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: Characters that json.dumps leaves raw (it escapes C0 itself): DEL, C1, and the
#: line and paragraph separators, which many readers (Python's str.splitlines, older
#: JavaScript) take for the end of a line, splitting a JSON Lines file mid-record.
_JSON_RAW_CONTROL = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

#: One visible character for each control character, so lengths (and Rich's style
#: spans) stay the same: C0 and DEL as Unicode's control pictures (ESC → ␛),
#: C1 (which has no pictures) as the replacement character.
_VISIBLE = {code: chr(0x2400 + code) for code in range(0x20)} | {0x7F: "\u2421"}
_VISIBLE |= {code: "\ufffd" for code in range(0x80, 0xA0)}
_VISIBLE |= {code: "\ufffd" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def printable(text: str) -> str:
    """``text`` with every control character but newline and tab made visible (ESC → ␛),
    and the bidirectional overrides made harmless (U+202E → �)."""
    if CONTROL.search(text) is None:
        return text
    return CONTROL.sub(lambda m: _VISIBLE[ord(m.group())], text)


def json_text(data: Any, *, indent: int | None = 2) -> str:
    """``data`` as JSON, readable (non-ASCII kept) with no control character left raw.

    json.dumps escapes C0 controls but not DEL, C1 (``\\x9b`` is a one-byte CSI to
    some terminals), U+2028, U+2029 and the bidirectional overrides; those become ``\\u``
    escapes too, so the data is unchanged.
    """
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    return _JSON_RAW_CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
