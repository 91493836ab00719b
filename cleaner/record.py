"""Records: build them from a cleaning result, and serialise them canonically.

Canonical form: UTF-8, ``ensure_ascii=False``, indent 2, a trailing newline, and keys in the
order the schema lists its properties (so ``id`` and ``source`` come first and ``text`` sits
before its ``changes``). Serialising a parsed record again must give the same bytes; ``cleaner
validate`` checks exactly that.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Mapping

from .canonical_json import dumps_indented
from .engine.pipeline import Cleaned
from .safe_read import loads_untrusted
from .schema import load_schema
from .version import __version__


@dataclass(frozen=True)
class Source:
    """The raw file a record comes from."""

    path: str
    sha256: str
    bytes: int
    encoding: str

    @classmethod
    def of(cls, path: str, data: bytes, encoding: str) -> "Source":
        return cls(path, hashlib.sha256(data).hexdigest(), len(data), encoding)

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "sha256": self.sha256, "bytes": self.bytes, "encoding": self.encoding}


def build_record(record_id: str, source: Source, cleaned: Cleaned, config_hash: str) -> dict[str, Any]:
    """The record of a cleaning result, its keys already in canonical order at every level:
    written in the schema's order here (``tests/test_canonical_json.py`` holds it to
    :func:`canonicalize`), so only the field dicts rules made are put in order."""
    fields = cleaned.fields
    schema = load_schema()["properties"]
    return {
        "id": record_id,
        "source": source.to_dict(),
        "title": fields.get("title"),
        "published": fields.get("published"),
        "authors": [_order(a, schema["authors"]["items"]) for a in fields.get("authors", [])],
        "credits": [_order(c, schema["credits"]["items"]) for c in fields.get("credits", [])],
        "captions": list(fields.get("captions", [])),
        "language": cleaned.language,
        "language_score": cleaned.language_score,
        "text": cleaned.text,
        "changes": [c.to_dict() for c in cleaned.changes],
        "warnings": [w.to_dict() for w in cleaned.warnings],
        "stats": {
            "raw_chars": cleaned.raw_chars,
            "text_chars": len(cleaned.text),
            "paragraphs": cleaned.paragraphs,
            "lines_removed": cleaned.lines_removed,
        },
        "cleaner": {"version": __version__, "config_hash": config_hash},
    }


def _order(value: Any, node: Mapping[str, Any] | None) -> Any:
    if isinstance(value, dict):
        props = (node or {}).get("properties", {})
        known = [k for k in props if k in value]
        extra = sorted(k for k in value if k not in props)
        return {k: _order(value[k], props.get(k)) for k in known + extra}
    if isinstance(value, list):
        items = (node or {}).get("items")
        return [_order(v, items) for v in value]
    return value


def canonicalize(record: Mapping[str, Any]) -> dict[str, Any]:
    """The record with keys in schema order at every level (unknown keys last, sorted)."""
    return _order(dict(record), load_schema())


def dumps_record(record: Mapping[str, Any]) -> bytes:
    """Canonical bytes of a record."""
    return (dumps_indented(canonicalize(record)) + "\n").encode("utf-8")


def is_canonical(data: bytes) -> bool:
    """Do these record bytes equal their canonical re-serialisation?"""
    try:
        parsed = loads_untrusted(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return False
    return isinstance(parsed, dict) and dumps_record(parsed) == data
