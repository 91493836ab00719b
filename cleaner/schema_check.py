"""A fast yes/no check of a record against its JSON Schema, compiled once per process.

``jsonschema`` walks the schema for every record, building a validator object per subschema
it descends into: with a few dozen changes a record, that is about a tenth of the cleaning
time. The record schema uses a small set of keywords (``type``, ``properties``, ``required``,
``additionalProperties``, ``items``, ``enum``, ``pattern``, ``minLength``, ``minimum``,
``maximum``, ``minProperties``), so it is compiled here, once, into nested closures that give
the same yes/no answer as ``jsonschema`` for draft 2020-12. A schema using any other keyword
is not compiled (:func:`compile_schema` returns ``None``) and ``jsonschema`` does all the work.

Only the answer comes from here: when a record is invalid, ``jsonschema`` is asked for the
error (``cleaner.schema``), so messages and paths do not change. ``tests/test_fast_paths.py``
checks the answers against ``jsonschema`` on real records and on generated mutations of them.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Mapping

Check = Callable[[Any], bool]

#: Keywords that only annotate (they never make an instance invalid).
ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "default", "examples", "deprecated",
                         "readOnly", "writeOnly"})
KEYWORDS = frozenset({"type", "properties", "required", "additionalProperties", "items", "enum", "pattern", "minLength",
                      "minimum", "maximum", "minProperties"})


class Unsupported(Exception):
    """The schema uses something this compiler does not handle."""


def _is_integer(x: Any) -> bool:
    return (isinstance(x, int) and not isinstance(x, bool)) or (isinstance(x, float) and x.is_integer())


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


_TYPES: dict[str, Check] = {
    "string": lambda x: isinstance(x, str),
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "boolean": lambda x: isinstance(x, bool),
    "null": lambda x: x is None,
    "integer": _is_integer,
    "number": _is_number,
}


def compile_schema(schema: Any) -> Check | None:
    """A function telling whether an instance is valid, or ``None`` if the schema uses
    keywords outside :data:`KEYWORDS`."""
    try:
        return _compile(schema)
    except Unsupported:
        return None


def _compile(node: Any) -> Check:
    if node is True:
        return lambda x: True
    if node is False:
        return lambda x: False
    if not isinstance(node, Mapping):
        raise Unsupported(repr(node))
    unknown = set(node) - KEYWORDS - ANNOTATIONS
    if unknown:
        raise Unsupported(", ".join(sorted(unknown)))
    checks: list[Check] = []
    if "type" in node:
        names = [node["type"]] if isinstance(node["type"], str) else list(node["type"])
        if not names or any(n not in _TYPES for n in names):
            raise Unsupported(f"type {node['type']!r}")
        tests = [_TYPES[n] for n in names]
        checks.append(tests[0] if len(tests) == 1 else (lambda x, tests=tuple(tests): any(t(x) for t in tests)))
    if "enum" in node:
        values = node["enum"]
        if not isinstance(values, list) or not all(v is None or isinstance(v, str) for v in values):
            raise Unsupported("enum of other than strings and null")
        strings = frozenset(v for v in values if v is not None)
        allows_null = None in values
        checks.append(lambda x: (x is None and allows_null) or (isinstance(x, str) and x in strings))
    if "pattern" in node:
        search = re.compile(node["pattern"]).search
        checks.append(lambda x: not isinstance(x, str) or search(x) is not None)
    if "minLength" in node:
        min_length = int(node["minLength"])
        checks.append(lambda x: not isinstance(x, str) or len(x) >= min_length)
    if "minimum" in node:
        minimum = node["minimum"]
        checks.append(lambda x: not _is_number(x) or x >= minimum)
    if "maximum" in node:
        maximum = node["maximum"]
        checks.append(lambda x: not _is_number(x) or x <= maximum)
    if "minProperties" in node:
        min_properties = int(node["minProperties"])
        checks.append(lambda x: not isinstance(x, dict) or len(x) >= min_properties)
    if "required" in node:
        required = tuple(node["required"])
        checks.append(lambda x: not isinstance(x, dict) or all(k in x for k in required))
    if "properties" in node or "additionalProperties" in node:
        checks.append(_object_check(node.get("properties", {}), node.get("additionalProperties", True)))
    if "items" in node:
        item = _compile(node["items"])
        checks.append(lambda x: not isinstance(x, list) or all(item(v) for v in x))
    if not checks:
        return lambda x: True
    if len(checks) == 1:
        return checks[0]
    first, *rest = checks
    return lambda x: first(x) and all(c(x) for c in rest)


def _object_check(properties: Mapping[str, Any], additional: Any) -> Check:
    compiled = {name: _compile(sub) for name, sub in properties.items()}
    extra: Check | None = None if additional is True else _compile(additional)

    def check(x: Any) -> bool:
        if not isinstance(x, dict):
            return True
        for key, value in x.items():
            sub = compiled.get(key)
            if sub is not None:
                if not sub(value):
                    return False
            elif extra is not None and not extra(value):
                return False
        return True

    return check
