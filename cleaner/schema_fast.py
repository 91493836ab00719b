"""A fast yes/no check compiled from the record schema: the quick path of record validation.

jsonschema spends about a millisecond on a record of average size (mostly on the ``changes``
items), which is most of what ``cleaner validate`` and the record hooks pay per valid record,
and importing it costs start-up time. Records are nearly always valid, so
:func:`compile_check` turns the schema into the source of one Python function -- straight-line
type tests, ``in`` tests and loops for the keywords the schema uses, as fastjsonschema does --
that answers "valid?", and jsonschema only runs when that answer is not a plain yes: to confirm
and to name the bad field.

The quick check may be stricter than JSON Schema (it wants exact JSON types, so ``1.0`` is not
an integer to it), never looser: when it says yes, jsonschema says yes too (a property test
checks this on mutated records). A schema keyword it does not know makes :func:`compile_check`
return ``None``, and jsonschema does all the work.

Patterns are tested as :func:`pattern_test` splits them: a text pattern made of negative
lookaheads (``^(?!\\s)(?![\\s\\S]*  )...``) costs a backtracking walk over the whole text per
lookahead, where a substring test does the same job in one fast scan.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Mapping

try:  # Python 3.11+
    from re import _parser as _sre  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre  # type: ignore[no-redef]

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
_ALL_TYPES = frozenset(t for types in _EXACT_TYPES.values() for t in types)

#: Bound keywords by the JSON types they apply to: keyword -> (what is measured, comparison).
_BOUNDS: tuple[tuple[tuple[type, ...], dict[str, tuple[str, str]]], ...] = (
    ((str,), {"minLength": ("len({})", ">="), "maxLength": ("len({})", "<=")}),
    ((int, float), {"minimum": ("{}", ">="), "maximum": ("{}", "<=")}),
    ((dict,), {"minProperties": ("len({})", ">="), "maxProperties": ("len({})", "<=")}),
    ((list,), {"minItems": ("len({})", ">="), "maxItems": ("len({})", "<=")}),
)


class Unsupported(Exception):
    """The schema uses something the quick check does not implement."""


class _Source:
    """The lines of the generated function, and the constants it refers to by name."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.constants: dict[str, Any] = {}
        self._names = 0

    def name(self, prefix: str) -> str:
        self._names += 1
        return f"{prefix}{self._names}"

    def constant(self, value: Any) -> str:
        name = self.name("c")
        self.constants[name] = value
        return name

    def emit(self, depth: int, line: str) -> None:
        self.lines.append("    " * depth + line)


def _type_test(types: tuple[type, ...], var: str, source: _Source) -> str:
    """An expression that is true when ``var`` has one of ``types`` (exactly)."""
    if len(types) == 1:
        return f"type({var}) is {source.constant(types[0])}"
    return f"type({var}) in {source.constant(frozenset(types))}"


def _node(node: Any, var: str, depth: int, source: _Source) -> None:
    """Emit statements that ``return False`` unless ``var`` is valid against ``node``."""
    if node is True:
        return
    if node is False:
        source.emit(depth, "return False")
        return
    if not isinstance(node, Mapping):
        raise Unsupported(f"schema node {node!r}")
    unknown = set(node) - _KNOWN
    if unknown:
        raise Unsupported(", ".join(sorted(unknown)))

    possible = set(_ALL_TYPES)  # the types ``var`` may still have past the checks so far
    if "type" in node:
        names = [node["type"]] if isinstance(node["type"], str) else list(node["type"])
        try:
            allowed = tuple(t for name in names for t in _EXACT_TYPES[name])
        except KeyError as exc:
            raise Unsupported(f"type {exc}") from None
        source.emit(depth, f"if not ({_type_test(allowed, var, source)}): return False")
        possible &= set(allowed)
    for keyword in ("enum", "const"):
        if keyword in node:
            options = node[keyword] if keyword == "enum" else [node[keyword]]
            if not all(type(o) is str for o in options):
                raise Unsupported(f"{keyword} of non-strings")
            source.emit(depth, f"if type({var}) is not str or {var} not in {source.constant(frozenset(options))}: return False")
            possible &= {str}

    def guarded(types: tuple[type, ...]) -> int:
        """Open a block for keywords that apply to ``types`` only (JSON Schema's rule), unless
        ``var`` can have no other type here; returns the depth to emit them at."""
        if possible <= set(types):
            return depth
        source.emit(depth, f"if {_type_test(types, var, source)}:")
        return depth + 1

    for types, keywords in _BOUNDS:
        present = [(node[k], measure, op) for k, (measure, op) in keywords.items() if k in node]
        if not present or not possible & set(types):
            continue
        inner = guarded(types)
        for limit, measure, op in present:
            if type(limit) not in (int, float):
                raise Unsupported(f"bound {limit!r}")
            # ``not (x >= limit)`` is true for NaN, so NaN never passes (stricter is fine)
            source.emit(inner, f"if not ({measure.format(var)} {op} {limit!r}): return False")
    if "pattern" in node and str in possible:
        inner = guarded((str,))
        source.emit(inner, f"if not {source.constant(pattern_test(node['pattern']))}({var}): return False")

    properties = node.get("properties", {})
    required = list(node.get("required", ()))
    extra = node.get("additionalProperties", True)
    if (properties or required or extra is not True) and dict in possible:
        inner = guarded((dict,))
        for name in required:
            if not isinstance(name, str):
                raise Unsupported(f"required name {name!r}")
            source.emit(inner, f"if {name!r} not in {var}: return False")
        for name, sub in properties.items():
            if not isinstance(name, str):
                raise Unsupported(f"property name {name!r}")
            if sub is True:
                continue
            value = source.name("v")
            if name in required:
                source.emit(inner, f"{value} = {var}[{name!r}]")
                _node(sub, value, inner, source)
            else:
                source.emit(inner, f"if {name!r} in {var}:")
                source.emit(inner + 1, f"{value} = {var}[{name!r}]")
                _node(sub, value, inner + 1, source)
        names = source.constant(frozenset(properties))
        if extra is False:
            source.emit(inner, f"if not {names}.issuperset({var}): return False")
        elif extra is not True:
            key, value = source.name("k"), source.name("v")
            source.emit(inner, f"for {key}, {value} in {var}.items():")
            source.emit(inner + 1, f"if {key} not in {names}:")
            _node(extra, value, inner + 2, source)
            source.emit(inner + 2, "pass")

    if "items" in node and list in possible:
        inner = guarded((list,))
        item = source.name("v")
        source.emit(inner, f"for {item} in {var}:")
        _node(node["items"], item, inner + 1, source)
        source.emit(inner + 1, "pass")


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
    source = _Source()
    try:
        _node(schema, "value", 1, source)
    except (Unsupported, re.error, TypeError, ValueError):
        return None
    code = "\n".join(["def check(value):", *source.lines, "    return True", ""])
    namespace: dict[str, Any] = dict(source.constants)
    exec(compile(code, "<cleaner.schema_fast check>", "exec"), namespace)  # noqa: S102 - our own generated code
    check: Check = namespace["check"]
    check.source = code  # type: ignore[attr-defined]  # to read what was generated
    return check


# -- patterns ---------------------------------------------------------------------------------


def pattern_test(pattern: str) -> Callable[[str], bool]:
    """A function that says whether ``re.search(pattern, text)`` finds a match, faster.

    A pattern ``^(?!A)(?!B)...R`` (no flags) matches a text when ``A``, ``B``, ... do not match
    at its start and ``R`` does; a lookahead ``(?![\\s\\S]*X)`` does not match when ``X`` is
    found nowhere in the text, and when ``X`` is a plain string that is a substring test. Any
    other pattern is searched as it is.

    >>> test = pattern_test(r"^(?!\\s)(?![\\s\\S]*  )[a-z ]*$")
    >>> test("two words"), test("two  spaces"), test(" lead"), test("Upper")
    (True, False, False, False)
    """
    search = re.compile(pattern).search
    parts = _split_lookaheads(pattern)
    if parts is None:
        return lambda text: search(text) is not None
    substrings, anywhere, at_start, rest = parts

    def test(text: str) -> bool:
        for part in substrings:
            if part in text:
                return False
        for find in anywhere:
            if find(text) is not None:
                return False
        for match_start in at_start:
            if match_start(text) is not None:
                return False
        return rest(text) is not None

    return test


_ANYTHING = ("[\\s\\S]*", "[\\S\\s]*", "[\\d\\D]*", "[\\w\\W]*")


def _split_lookaheads(pattern: str) -> "tuple[tuple[str, ...], tuple[Any, ...], tuple[Any, ...], Any] | None":
    """For ``^(?!A)...(?![\\s\\S]*X)...R``: the plain strings that may occur nowhere, the
    searches that must find nothing (``X`` not a plain string), the matches that must fail at
    the start (``A``) and the match of ``R``; ``None`` for a pattern of any other form."""
    if not pattern.startswith("^") or re.compile(pattern).flags & ~re.UNICODE:
        return None
    at = 1
    substrings: list[str] = []
    anywhere: list[Any] = []
    at_start: list[Any] = []
    while pattern.startswith("(?!", at):
        end = _group_end(pattern, at)
        if end is None:
            return None
        body = pattern[at + 3:end]
        lead = next((a for a in _ANYTHING if body.startswith(a)), None)
        try:
            if lead is None:
                at_start.append(re.compile(body).match)
            else:
                inner = body[len(lead):]
                literal = _plain_string(inner)
                if literal is not None:
                    substrings.append(literal)
                else:
                    anywhere.append(re.compile(inner).search)
        except re.error:
            return None
        at = end + 1
    if at == 1:
        return None
    try:
        rest = re.compile(pattern[at:])
    except re.error:
        return None
    if rest.groups or rest.flags & ~re.UNICODE:  # a group number would shift: keep it whole
        return None
    return tuple(substrings), tuple(anywhere), tuple(at_start), rest.match


def _group_end(pattern: str, start: int) -> int | None:
    """Index of the ``)`` that closes the group opening at ``start``."""
    depth = 0
    i = start
    in_class = False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
            if pattern.startswith("]", i + 1) or pattern.startswith("^]", i + 1):
                i += 2 if pattern[i + 1] == "]" else 3  # a leading ] is a member of the class
                continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None


def _plain_string(pattern: str) -> str | None:
    """The string a pattern of literal characters only matches, or ``None``."""
    items = list(_sre.parse(pattern))
    if not items or any(op is not _sre.LITERAL for op, _ in items):
        return None
    return "".join(chr(code) for _, code in items)
