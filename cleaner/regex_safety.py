"""Refuse regular expressions that can backtrack catastrophically.

Rule packs are data a user may write, and Python's ``re`` backtracks: ``(a+)+$`` on a long run of
``a`` followed by ``b`` takes exponential time. Before a pack pattern is compiled, its parse tree
is walked and a pattern is refused when an unbounded repeat contains another unbounded repeat
(``(a+)+``, ``(\\w+\\s?)*``) or alternatives that can match the same text under a repeat
(``(a|a)*``). This is conservative: a refused pattern can always be rewritten without nesting.
"""

from __future__ import annotations

import sys
from typing import Any

from .errors import ConfigError

if sys.version_info >= (3, 11):
    import re._constants as _c
    import re._parser as _parser
else:  # pragma: no cover
    import sre_constants as _c
    import sre_parse as _parser

_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT}
_POSSESSIVE = getattr(_c, "POSSESSIVE_REPEAT", None)
_UNBOUNDED = _c.MAXREPEAT


def _first_literal(items: Any) -> Any:
    """The literal a sub-pattern must start with, if any (looking into groups)."""
    for op, arg in items:
        if op == _c.LITERAL:
            return arg
        if op == _c.SUBPATTERN:
            return _first_literal(arg[-1])
        return None
    return None


def _walk(items: Any, repeat_first: Any, inside_unbounded: bool) -> str | None:
    """Find a construct that backtracks exponentially. ``repeat_first`` is the literal that the
    innermost enclosing unbounded repeat starts each iteration with."""
    for op, arg in items:
        if op in _REPEATS:
            lo, hi, sub = arg
            unbounded = hi == _UNBOUNDED or hi > 100
            if unbounded and inside_unbounded:
                return "nested unbounded repeats"
            found = _walk(sub, _first_literal(sub) if unbounded else repeat_first, inside_unbounded or unbounded)
            if found:
                return found
        elif op == _POSSESSIVE:
            continue  # possessive repeats never backtrack
        elif op == _c.SUBPATTERN:
            found = _walk(arg[-1], repeat_first, inside_unbounded)
            if found:
                return found
        elif op == _c.BRANCH:
            branches = arg[1]
            if inside_unbounded and len(branches) > 1:
                # Under a repeat, alternatives that can match the same text let the engine split
                # one string in exponentially many ways: (a|a)*, (a|aa)*.
                firsts = [_first_literal(b) for b in branches]
                known = [f for f in firsts if f is not None]
                empties = sum(1 for b in branches if not b)
                if len(set(known)) < len(known) or empties > 1:
                    return "overlapping alternatives under a repeat"
                if empties and repeat_first is not None and repeat_first in known:
                    return "overlapping alternatives under a repeat"
            for b in branches:
                found = _walk(b, repeat_first, inside_unbounded)
                if found:
                    return found
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            found = _walk(arg[1], repeat_first, inside_unbounded)
            if found:
                return found
    return None


def check_pattern(pattern: str, where: str = "pattern") -> None:
    """Raise :class:`ConfigError` if ``pattern`` is invalid or may backtrack catastrophically.

    >>> check_pattern(r"\\d+ comments?")
    >>> check_pattern(r"(a+)+$")
    Traceback (most recent call last):
    ...
    cleaner.errors.ConfigError: pattern: unsafe pattern '(a+)+$' (nested unbounded repeats); rewrite it without nesting
    """
    try:
        tree = _parser.parse(pattern)
    except Exception as exc:  # re.error and friends
        raise ConfigError(f"{where}: invalid pattern {pattern!r}: {exc}") from None
    problem = _walk(list(tree), None, False)
    if problem:
        raise ConfigError(f"{where}: unsafe pattern {pattern!r} ({problem}); rewrite it without nesting")
