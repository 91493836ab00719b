"""The quick yes/no check of a record against the schema, on fastjsonschema.

jsonschema spends about a millisecond on a record of average size (mostly on the ``changes``
items), which is most of what ``cleaner validate`` and the record hooks pay per valid record,
and importing it costs start-up time. Records are nearly always valid, so the quick path is
fastjsonschema's validator compiled from the schema, and jsonschema only runs when that answer
is not a plain yes: to confirm and to name the bad field. A property test checks on mutated
records that whenever the quick check says yes, jsonschema does too.

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


class _Search:
    """Stands in for a compiled pattern in fastjsonschema's generated code, which calls
    ``REGEX_PATTERNS[source].search(text)`` and tests the result for truth."""

    __slots__ = ("search",)

    def __init__(self, test: Callable[[str], bool]) -> None:
        self.search = test


def compile_check(schema: Mapping[str, Any]) -> Check | None:
    """A function ``value -> bool`` that says ``True`` only for values valid against
    ``schema`` (fastjsonschema's validator, its patterns tested by :func:`pattern_test`);
    ``None`` when fastjsonschema cannot compile the schema (jsonschema then does all the work).

    >>> check = compile_check({"type": "object", "required": ["n"], "additionalProperties": False,
    ...                        "properties": {"n": {"type": "integer", "minimum": 1}}})
    >>> check({"n": 2}), check({"n": 0}), check({"n": 2, "x": 1}), check({})
    (True, False, False, False)
    """
    import fastjsonschema

    try:
        validate = fastjsonschema.compile(dict(schema), use_formats=False)
    except (fastjsonschema.JsonSchemaDefinitionException, re.error, TypeError, ValueError):
        return None
    # fastjsonschema searches each pattern with ``re`` (``$`` as ``\Z``); the text pattern's
    # negative lookaheads cost a walk over the whole text each, so they are split into
    # substring tests (the same answers as jsonschema's ``re.search``).
    patterns = getattr(validate, "__globals__", {}).get("REGEX_PATTERNS")
    if isinstance(patterns, dict):
        for source in list(patterns):
            try:
                patterns[source] = _Search(pattern_test(source))
            except re.error:
                pass
    error = fastjsonschema.JsonSchemaException

    def check(value: Any) -> bool:
        try:
            validate(value)
        except error:
            return False
        return True

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
