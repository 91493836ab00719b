"""Where a JSON path is in a JSON document: the line and column a finding points at.

Only used to report problems, so it walks the text with the ``json`` module's own scanners
instead of keeping positions while parsing every record.
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring
from typing import Sequence

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_PATH_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def parse_json_path(path: str) -> list[str | int]:
    """``$.changes[3].rule`` -> ``["changes", 3, "rule"]``.

    >>> parse_json_path("$.changes[3].rule"), parse_json_path("$")
    (['changes', 3, 'rule'], [])
    """
    return [key if key else int(index) for key, index in _PATH_PART.findall(path[1:])]


def _skip(text: str, i: int) -> int:
    return _WHITESPACE.match(text, i).end()  # type: ignore[union-attr]


def _member(text: str, start: int, part: str | int, decoder: json.JSONDecoder) -> int | None:
    """The offset of the value ``part`` names inside the object or array at ``start``."""
    opening = text[start]
    if (opening == "{") != isinstance(part, str) or opening not in "{[":
        return None
    closing = "}" if opening == "{" else "]"
    i = _skip(text, start + 1)
    index = 0
    while i < len(text) and text[i] != closing:
        if opening == "{":
            key, i = scanstring(text, i + 1)
            i = _skip(text, i)
            i = _skip(text, i + 1)  # the colon
            if key == part:
                return i
        elif index == part:
            return i
        _, i = decoder.raw_decode(text, i)
        i = _skip(text, i)
        if i < len(text) and text[i] == ",":
            i = _skip(text, i + 1)
        index += 1
    return None


def offset_of(text: str, path: Sequence[str | int]) -> int:
    """The offset where the value at ``path`` starts; for a path that does not exist (or a
    malformed document), where its deepest existing parent starts."""
    decoder = json.JSONDecoder()
    found = _skip(text, 0)
    try:
        for part in path:
            if found >= len(text):
                break
            inner = _member(text, found, part, decoder)
            if inner is None:
                break
            found = inner
    except (ValueError, IndexError):
        pass
    return found


def line_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def locate(text: str, path: str | Sequence[str | int]) -> tuple[int, int]:
    """Line and column of the value at a JSON path (``$.a[0].b`` or a list of parts).

    >>> doc = '{\\n  "id": "a",\\n  "changes": [\\n    {"rule": "X"},\\n    {"rule": "Y"}\\n  ]\\n}\\n'
    >>> locate(doc, "$.changes[1].rule")
    (5, 14)
    >>> locate(doc, "$.changes[7]")
    (3, 14)
    """
    parts = parse_json_path(path) if isinstance(path, str) else list(path)
    return line_column(text, offset_of(text, parts))
