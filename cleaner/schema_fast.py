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

import operator
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


def _itself(value: Any) -> Any:
    return value


#: Bound keywords by the JSON types they apply to: keyword -> (what is measured, how compared).
_BOUNDS: tuple[tuple[tuple[type, ...], dict[str, tuple[Callable[[Any], Any], Callable[[Any, Any], bool]]]], ...] = (
    ((str,), {"minLength": (len, operator.ge), "maxLength": (len, operator.le)}),
    ((int, float), {"minimum": (_itself, operator.ge), "maximum": (_itself, operator.le)}),
    ((dict,), {"minProperties": (len, operator.ge), "maxProperties": (len, operator.le)}),
    ((list,), {"minItems": (len, operator.ge), "maxItems": (len, operator.le)}),
)


def _bound(limit: Any, measure: Callable[[Any], Any], compare: Callable[[Any, Any], bool]) -> Check:
    if type(limit) not in (int, float):
        raise Unsupported(f"bound {limit!r}")
    # `compare(measure(value), limit)` is False for NaN, so NaN never passes (stricter is fine)
    return lambda value: compare(measure(value), limit)


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

    for types, keywords in _BOUNDS:
        bounds = [_bound(node[k], measure, compare) for k, (measure, compare) in keywords.items() if k in node]
        checks += _when(types, bounds)
    if "pattern" in node:
        search = re.compile(node["pattern"]).search
        checks += _when((str,), [lambda value: search(value) is not None])

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
    checks += _when((dict,), mapping)

    sequence: list[Check] = []
    if "items" in node:
        each = _compile(node["items"])
        sequence.append(lambda value: all(each(v) for v in value))
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
