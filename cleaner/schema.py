"""The record schema (``schemas/article.schema.json``), compiled once per process.

Format checkers are not used: jsonschema's optional format extras alone cost over a second of
import time, and the schema states its formats as patterns instead.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from .errors import RecordInvalid

SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "article.schema.json"


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def json_path(parts: Any) -> str:
    """``["changes", 3, "rule"]`` -> ``$.changes[3].rule``."""
    out = "$"
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else f".{p}"
    return out


def iter_errors(record: Any) -> Iterator[tuple[str, str]]:
    """``(json_path, message)`` for every schema error, in a stable order."""
    errors = sorted(_validator().iter_errors(record), key=lambda e: (list(map(str, e.absolute_path)), e.message))
    for err in errors:
        message = err.message
        if len(message) > 200:
            message = message[:197] + "..."
        yield json_path(err.absolute_path), message


@lru_cache(maxsize=1)
def _quick_check() -> Any:
    """The schema compiled to a yes/no check (``cleaner.schema_check``), or ``None``."""
    from .schema_check import compile_schema

    return compile_schema(load_schema())


def validate_record(record: Any) -> None:
    """Raise :class:`RecordInvalid` (with the JSON path of the first bad field) unless valid."""
    quick = _quick_check()
    if quick is not None and quick(record):
        return
    validator = _validator()
    if validator.is_valid(record):
        return
    path, message = next(iter_errors(record))
    raise RecordInvalid(message, path)
