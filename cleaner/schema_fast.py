"""A fast yes/no check compiled from the record schema: the quick path of record validation.

jsonschema spends about a millisecond on a record of average size (mostly on the ``changes``
items), which is most of what ``cleaner validate`` and the record hooks pay per valid record,
and importing it costs start-up time. Records are nearly always valid, so
:func:`compile_check` turns the schema into a few nested closures that answer "valid?" for the
keywords the schema uses, and jsonschema only runs when that answer is not a plain yes -- to
confirm and to name the bad field.

The quick check may be stricter than JSON Schema (it wants exact JSON types, so ``1.0`` is not
an integer to it), never looser: when it says yes, jsonschema says yes too (a property test
checks this on mutated records). A schema keyword it does not know makes :func:`compile_check`
return ``None``, and jsonschema does all the work.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Mapping

Check = Callable[[Any], bool]

#: Keywords that never affect validity.
_ANNOTATIONS = frozenset({"$schema", "$id", "$comment", "title", "description", "examples", "default", "deprecated", "readOnly", "writeOnly"})
_KNOWN = _ANNOTATIONS | {
    "type", "enum", "const", "pattern", "minLength", "maxLength", "minimum", "maximum",
    "properties", "required", "additionalProperties", "minProperties", "maxProperties",
    "items", "minItems", "maxItems",
}
_EXACT_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),  # JSON Schema also takes 1.0; left to jsonschema
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
    "object": (dict,),
    "array": (list,),
}


class Unsupported(Exception):
    """The schema uses something the quick check does not implement."""


def _all(checks: list[Check]) -> Check:
    if not checks:
        return lambda value: True
    if len(checks) == 1:
        return checks[0]
    return lambda value: all(check(value) for check in checks)


def _when(types: tuple[type, ...], checks: list[Check]) -> list[Check]:
    """Keywords for one JSON type apply only to values of that type (JSON Schema's rule)."""
    if not checks:
        return []
    inner = _all(checks)
    return [lambda value: type(value) not in types or inner(value)]


def _compile(node: Any) -> Check:
    if node is True:
        return lambda value: True
    if node is False:
        return lambda value: False
    if not isinstance(node, Mapping):
        raise Unsupported(f"schema node {node!r}")
    unknown = set(node) - _KNOWN
    if unknown:
        raise Unsupported(", ".join(sorted(unknown)))
    checks: list[Check] = []

    if "type" in node:
        names = [node["type"]] if isinstance(node["type"], str) else list(node["type"])
        try:
            allowed = tuple(t for name in names for t in _EXACT_TYPES[name])
        except KeyError as exc:
            raise Unsupported(f"type {exc}") from None
        checks.append(lambda value: type(value) in allowed)
    for keyword in ("enum", "const"):
        if keyword in node:
            options = node[keyword] if keyword == "enum" else [node[keyword]]
            if not all(type(o) is str for o in options):
                raise Unsupported(f"{keyword} of non-strings")
            members = frozenset(options)
            checks.append(lambda value: type(value) is str and value in members)

    text: list[Check] = []
    if "pattern" in node:
        search = re.compile(node["pattern"]).search
        text.append(lambda value: search(value) is not None)
    if "minLength" in node:
        least = int(node["minLength"])
        text.append(lambda value: len(value) >= least)
    if "maxLength" in node:
        most = int(node["maxLength"])
        text.append(lambda value: len(value) <= most)
    checks += _when((str,), text)

    numeric: list[Check] = []
    if "minimum" in node:
        low = node["minimum"]
        numeric.append(lambda value: value >= low)
    if "maximum" in node:
        high = node["maximum"]
        numeric.append(lambda value: value <= high)
    checks += _when((int, float), numeric)

    mapping: list[Check] = []
    properties = {name: _compile(sub) for name, sub in node.get("properties", {}).items()}
    if properties:
        items = tuple(properties.items())
        mapping.append(lambda value: all(name not in value or check(value[name]) for name, check in items))
    if node.get("required"):
        required = tuple(node["required"])
        mapping.append(lambda value: all(name in value for name in required))
    if "additionalProperties" in node:
        extra = _compile(node["additionalProperties"])
        known = frozenset(properties)
        mapping.append(lambda value: all(name in known or extra(v) for name, v in value.items()))
    if "minProperties" in node:
        least_keys = int(node["minProperties"])
        mapping.append(lambda value: len(value) >= least_keys)
    if "maxProperties" in node:
        most_keys = int(node["maxProperties"])
        mapping.append(lambda value: len(value) <= most_keys)
    checks += _when((dict,), mapping)

    sequence: list[Check] = []
    if "items" in node:
        each = _compile(node["items"])
        sequence.append(lambda value: all(each(v) for v in value))
    if "minItems" in node:
        least_items = int(node["minItems"])
        sequence.append(lambda value: len(value) >= least_items)
    if "maxItems" in node:
        most_items = int(node["maxItems"])
        sequence.append(lambda value: len(value) <= most_items)
    checks += _when((list,), sequence)
    return _all(checks)


def compile_check(schema: Mapping[str, Any]) -> Check | None:
    """A function ``value -> bool`` that says ``True`` only for values valid against
    ``schema``; ``None`` when the schema uses a keyword it does not implement.

    >>> check = compile_check({"type": "object", "required": ["n"], "additionalProperties": False,
    ...                        "properties": {"n": {"type": "integer", "minimum": 1}}})
    >>> check({"n": 2}), check({"n": 0}), check({"n": 2, "x": 1}), check({})
    (True, False, False, False)
    >>> compile_check({"oneOf": [{"type": "string"}]}) is None
    True
    """
    try:
        return _compile(schema)
    except (Unsupported, re.error, TypeError, ValueError):
        return None
