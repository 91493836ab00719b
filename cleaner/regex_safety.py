"""Refuse regular expressions that can backtrack catastrophically.

Rule packs are data a user may write, and Python's ``re`` backtracks: ``(a+)+$`` on a long run of
``a`` followed by ``b`` takes exponential time. Before a pack pattern is compiled, its parse tree
is walked and a pattern is refused when an unbounded repeat contains another unbounded repeat
(``(a+)+``, ``(\\w+\\s?)*``) or alternatives that can match the same text under a repeat
(``(a|a)*``). This is conservative: a refused pattern can always be rewritten without nesting.

Repeats one after another backtrack polynomially: ``.*a.*a.*a.*x`` tries every way to split a
line among its four ``.*``, O(n⁴). A pattern is also refused when three or more unbounded
repeats can share one stretch of text (their characters overlap and nothing between them that
they cannot match separates them). With at most two, and pack patterns only ever matched
against a whole line of at most ``MAX_PHRASE_CHARS`` (200) characters, the worst case stays in
the tens of thousands of steps per line.
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


#: Probe characters standing for the classes a pattern can use: a repeat's "character set" is
#: the probes it can match (plus the pattern's own literals), enough to tell overlap.
_PROBES = (
    "abcxyzABCXYZ0123456789 \t_-.,;:!?'\"()[]{}/\\@#$%&*+=<>|~^`"
    "éßÆЖжαΩ한中あ٣\u00a0\u2003’“”«»—…©®°€£"
)
_CATEGORY_TESTS = {
    _c.CATEGORY_DIGIT: str.isdecimal,
    _c.CATEGORY_NOT_DIGIT: lambda ch: not ch.isdecimal(),
    _c.CATEGORY_SPACE: str.isspace,
    _c.CATEGORY_NOT_SPACE: lambda ch: not ch.isspace(),
    _c.CATEGORY_WORD: lambda ch: ch.isalnum() or ch == "_",
    _c.CATEGORY_NOT_WORD: lambda ch: not (ch.isalnum() or ch == "_"),
}
_ATOMIC = {op for op in (getattr(_c, "ATOMIC_GROUP", None), _POSSESSIVE) if op is not None}
#: Refuse when this many unbounded repeats can share one stretch of text.
MAX_OVERLAPPING_REPEATS = 2


def _literals(items: Any, out: set[str]) -> None:
    for op, arg in items:
        if op in (_c.LITERAL, _c.NOT_LITERAL):
            out.add(chr(arg))
        elif op == _c.IN:
            for sub_op, sub_arg in arg:
                if sub_op == _c.LITERAL:
                    out.add(chr(sub_arg))
                elif sub_op == _c.RANGE:
                    out.update((chr(sub_arg[0]), chr(sub_arg[1])))
        elif op == _c.SUBPATTERN:
            _literals(arg[-1], out)
        elif op == _c.BRANCH:
            for branch in arg[1]:
                _literals(branch, out)
        elif op in _REPEATS or op in _ATOMIC:
            _literals(arg[-1] if op in _REPEATS or op == _POSSESSIVE else arg, out)
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            _literals(arg[1], out)


def _variants(ch: str) -> set[str]:
    """The character and its case variants (pack patterns are matched ignoring case)."""
    return {v for v in (ch, ch.lower(), ch.upper()) if len(v) == 1}


def _class_matches(items: Any, ch: str) -> bool:
    negate = False
    hit = False
    for op, arg in items:
        if op == _c.NEGATE:
            negate = True
        elif op == _c.LITERAL:
            hit = hit or chr(arg) in _variants(ch)
        elif op == _c.RANGE:
            hit = hit or any(arg[0] <= ord(v) <= arg[1] for v in _variants(ch))
        elif op == _c.CATEGORY:
            test = _CATEGORY_TESTS.get(arg)
            hit = hit or (test(ch) if test else True)
        else:
            hit = True  # unknown class member: assume it matches (conservative)
    return hit != negate


def _charset(items: Any, alphabet: frozenset[str]) -> frozenset[str]:
    """Every probe character some part of ``items`` can consume."""
    out: set[str] = set()
    for op, arg in items:
        if op == _c.LITERAL:
            out |= _variants(chr(arg)) & alphabet
        elif op == _c.NOT_LITERAL:
            out |= {ch for ch in alphabet if chr(arg) not in _variants(ch)}
        elif op == _c.ANY:
            out |= alphabet - {"\n"}
        elif op == _c.IN:
            out |= {ch for ch in alphabet if _class_matches(arg, ch)}
        elif op == _c.SUBPATTERN:
            out |= _charset(arg[-1], alphabet)
        elif op == _c.BRANCH:
            for branch in arg[1]:
                out |= _charset(branch, alphabet)
        elif op in _REPEATS or op == _POSSESSIVE:
            out |= _charset(arg[2], alphabet)
        elif op in _ATOMIC:
            out |= _charset(arg, alphabet)
        elif op == _c.GROUPREF:
            out |= alphabet
    return frozenset(out)


def _min_width(items: Any) -> int:
    try:
        return _parser.SubPattern(_parser.State(), list(items)).getwidth()[0]
    except Exception:  # pragma: no cover - be conservative
        return 0


def _overlap_degree(items: Any, alphabet: frozenset[str], chain: list[frozenset[str]]) -> tuple[int, list[frozenset[str]]]:
    """The most unbounded repeats that can share one stretch of text in the sequence ``items``,
    given the repeats still ``chain``-ed from before; returns it and the chain after."""
    worst = len(chain)
    for op, arg in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero-width
        if op == _c.SUBPATTERN:
            degree, chain = _overlap_degree(arg[-1], alphabet, chain)
            worst = max(worst, degree)
            continue
        if op == _c.BRANCH:
            results = [_overlap_degree(branch, alphabet, list(chain)) for branch in arg[1]]
            worst = max([worst] + [d for d, _ in results])
            merged: list[frozenset[str]] = []
            for _, branch_chain in results:
                merged.extend(s for s in branch_chain if s not in merged)
            chain = merged
            continue
        chars = _charset([(op, arg)], alphabet)
        if op in _REPEATS and (arg[1] == _UNBOUNDED or arg[1] > 100):
            inner, _ = _overlap_degree(arg[2], alphabet, [])
            sharing = [s for s in chain if s & chars]
            worst = max(worst, inner, len(sharing) + 1)
            # A repeat that may match nothing lets the others reach past it.
            chain = (chain if arg[0] == 0 else sharing) + [chars]
            continue
        if _min_width([(op, arg)]) > 0:
            # A character the text must have here: only repeats that can match it go on.
            chain = [s for s in chain if s & chars]
    return worst, chain


def check_pattern(pattern: str, where: str = "pattern") -> None:
    """Raise :class:`ConfigError` if ``pattern`` is invalid or may backtrack catastrophically.

    >>> check_pattern(r"\\d+ comments?")
    >>> check_pattern(r"(a+)+$")
    Traceback (most recent call last):
    ...
    cleaner.errors.ConfigError: pattern: unsafe pattern '(a+)+$' (nested unbounded repeats); rewrite it without nesting
    >>> check_pattern(r".*a.*a.*x")
    Traceback (most recent call last):
    ...
    cleaner.errors.ConfigError: pattern: unsafe pattern '.*a.*a.*x' (3 unbounded repeats can match the same text); rewrite it with at most 2
    """
    try:
        tree = _parser.parse(pattern)
    except Exception as exc:  # re.error and friends
        raise ConfigError(f"{where}: invalid pattern {pattern!r}: {exc}") from None
    problem = _walk(list(tree), None, False)
    if problem:
        raise ConfigError(f"{where}: unsafe pattern {pattern!r} ({problem}); rewrite it without nesting")
    literals: set[str] = set()
    _literals(list(tree), literals)
    alphabet = frozenset(_PROBES) | frozenset(ch for lit in literals for ch in _variants(lit))
    degree, _ = _overlap_degree(list(tree), alphabet, [])
    if degree > MAX_OVERLAPPING_REPEATS:
        raise ConfigError(
            f"{where}: unsafe pattern {pattern!r} ({degree} unbounded repeats can match the same text); "
            f"rewrite it with at most {MAX_OVERLAPPING_REPEATS}"
        )
