"""Literal prefilters for regular expressions: skip a scan when a text cannot match.

Most rule patterns need some words to match at all: the site-notice pattern
``.{1,80}\\s+is\\s+(?:reader|audience)-supported.{0,300}`` cannot match a text without
"-supported" in it. Scanning a document for the pattern costs a regex attempt at every line
start (with backtracking over the ``.{1,80}``); looking for "-supported" is one fast substring
search. Like RE2's and Hyperscan's prefilters, :func:`prefilter` reads the parsed pattern and
derives what every match must contain, as clauses: each clause is a set of literals, and every
match contains at least one literal of every clause.

>>> f = prefilter(re.compile(r"(?:we|our)\\s+(?:may|might)\\s+earn\\s+commissions?", re.I))
>>> f.clauses
(('commission',), ('earn',), ('may', 'might'), ('our', 'we'))
>>> f.may_match(fold("We may earn a fee.")), f.may_match(fold("We may earn a COMMISSION."))
(False, True)

The test is sound, never exact: a text it rejects cannot match (so skipping the scan changes
nothing); a text it accepts may still not match. Texts are compared after :func:`fold`, which
lower-cases them and maps the few non-ASCII letters that ``re.IGNORECASE`` treats as ASCII
letters (``ſ`` as ``s``, ``ı`` and ``İ`` as ``i``); a case-insensitive literal is only used
while it is ASCII. Patterns without a usable literal get no clauses and
always pass (``prefilter(...).clauses == ()``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Container

try:  # Python 3.11+
    from re import _parser as _sre  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre  # type: ignore[no-redef]

#: Literals shorter than this select too little to be worth a substring search.
MIN_LITERAL = 2
#: A clause of more literals than this costs more than it saves.
MAX_CLAUSE = 24

_LITERAL, _BRANCH, _SUBPATTERN, _IN, _ASSERT = _sre.LITERAL, _sre.BRANCH, _sre.SUBPATTERN, _sre.IN, _sre.ASSERT
_REPEATS = {op for op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)) if op is not None}
_ATOMIC = getattr(_sre, "ATOMIC_GROUP", None)

Clause = tuple[str, ...]


#: The characters ``re.IGNORECASE`` equates with an ASCII letter that ``str.lower`` does not
#: turn into it (``tests/test_prefilter.py`` derives this from ``re`` itself).
IGNORECASE_EXTRAS = {"İ": "i", "ı": "i", "ſ": "s"}


def fold(text: str) -> str:
    """``text`` as prefilters compare it: lower case, with :data:`IGNORECASE_EXTRAS` mapped to
    their ASCII letters."""
    for extra, letter in IGNORECASE_EXTRAS.items():
        if extra in text:
            text = text.replace(extra, letter)
    return text.lower()


@dataclass(frozen=True)
class Prefilter:
    """What every match of a pattern contains: at least one literal of each clause."""

    clauses: tuple[Clause, ...] = ()

    def may_match(self, folded: str) -> bool:
        """Can the pattern match somewhere in ``folded`` (a text passed through :func:`fold`)?"""
        for clause in self.clauses:  # loops, not all(any(...)): called for every rule and view
            for literal in clause:
                if literal in folded:
                    break
            else:
                return False
        return True

    def satisfied_by(self, present: "Container[str]") -> bool:
        """:meth:`may_match` for a text known to hold exactly the literals ``present`` of
        those in the clauses (found beforehand, for many patterns at once)."""
        for clause in self.clauses:
            for literal in clause:
                if literal in present:
                    break
            else:
                return False
        return True


def prefilter(pattern: "re.Pattern[str] | str", flags: int = 0) -> Prefilter:
    """The :class:`Prefilter` of a compiled pattern, or of a pattern's source and flags (only
    parsed, not compiled)."""
    if not isinstance(pattern, str):
        pattern, flags = pattern.pattern, pattern.flags
    try:
        parsed = _sre.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - a pattern we cannot read: no prefilter
        return Prefilter()
    clauses = _sequence(list(parsed), bool(flags & re.IGNORECASE))
    useful = {c for c in clauses if c and len(c) <= MAX_CLAUSE and min(map(len, c)) >= MIN_LITERAL}
    # A clause is implied by another whose every literal contains one of its own ("may" or
    # "might" present means "ay" or "ight" is): keep only what adds a test.
    needed = {c for c in useful if not any(o != c and all(any(x in lit for x in c) for lit in o) for o in useful)}
    return Prefilter(tuple(sorted(needed, key=lambda c: (-min(map(len, c)), c))))


def _literal(code: int, ignore_case: bool) -> str | None:
    """The folded form of a literal character, or ``None`` if folding can't be trusted with
    it: under ``re.IGNORECASE`` non-ASCII letters (``É`` also matches ``é``); case-sensitive,
    characters whose lower case is longer (``İ``) or depends on context (``Σ``)."""
    ch = chr(code)
    if ch.isascii():
        return ch.lower()
    if ignore_case:
        return None
    low = ch.lower()
    return low if len(low) == 1 and ch != "Σ" else None


def _sequence(items: list[Any], ignore_case: bool) -> list[Clause]:
    """The clauses of a sequence: its literal runs, and the clauses of its required items."""
    clauses: list[Clause] = []
    run: list[str] = []

    def end_run() -> None:
        if run:
            clauses.append(("".join(run),))
            run.clear()

    for op, av in items:
        if op is _LITERAL:
            ch = _literal(av, ignore_case)
            if ch is not None:
                run.append(ch)
                continue
            end_run()
            continue
        if op is _BRANCH and run:
            # re factors common prefixes out ("may|might" is "m" then "ay|ight"): the run
            # goes on into whichever branch matched.
            leads = [_leading_run(list(body), ignore_case) for body in av[1]]
            clauses.append(tuple(sorted({"".join(run) + lead for lead in leads})))
        end_run()
        clauses.extend(_item(op, av, ignore_case))
    end_run()
    return clauses


def _leading_run(items: list[Any], ignore_case: bool) -> str:
    """The literal characters a sequence starts with."""
    out: list[str] = []
    for op, av in items:
        ch = _literal(av, ignore_case) if op is _LITERAL else None
        if ch is None:
            break
        out.append(ch)
    return "".join(out)


def _item(op: Any, av: Any, ignore_case: bool) -> list[Clause]:
    if op is _SUBPATTERN:
        _group, add_flags, del_flags, body = av
        if add_flags & re.IGNORECASE:
            ignore_case = True
        if del_flags & re.IGNORECASE:
            ignore_case = False
        return _sequence(list(body), ignore_case)
    if op is _ATOMIC:
        return _sequence(list(av), ignore_case)
    if op in _REPEATS:
        low, _high, body = av
        return _sequence(list(body), ignore_case) if low >= 1 else []
    if op is _ASSERT:  # what a lookahead or lookbehind needs is in the text too
        _direction, body = av
        return _sequence(list(body), ignore_case)
    if op is _BRANCH:
        return _branch(av[1], ignore_case)
    if op is _IN and len(av) == 1 and av[0][0] is _LITERAL:  # [x]: one literal
        ch = _literal(av[0][1], ignore_case)
        return [(ch,)] if ch is not None else []
    return []


def _branch(branches: list[Any], ignore_case: bool) -> list[Clause]:
    """One clause for an alternation: the union of one clause of each branch (the most
    selective one), or none if some branch requires nothing."""
    union: set[str] = set()
    for body in branches:
        clauses = [c for c in _sequence(list(body), ignore_case) if c and min(map(len, c)) >= MIN_LITERAL]
        if not clauses:
            return []
        best = max(clauses, key=lambda c: (min(map(len, c)), -len(c)))
        union.update(best)
    # A literal that contains another one is implied by it: keep the shorter.
    kept = sorted(union, key=len)
    minimal: list[str] = []
    for literal in kept:
        if not any(other in literal for other in minimal):
            minimal.append(literal)
    return [tuple(sorted(minimal))]


class SplitScan:
    """A union of patterns (a rule's ``patterns`` list) to scan texts with, whole line by whole
    line, in which only the members whose prefilter passes take part.

    A rule's patterns are alternatives, and most texts hold the words of none or few of them;
    the union of the rest is compiled (once per combination) as ``^(?:...)$`` with
    ``re.MULTILINE``, so a text of joined lines is scanned once for all of them.

    >>> scan = SplitScan([r"(?:please\\s+)?update\\s+your\\s+browser.*", r"\\d+\\s+comments?"], re.IGNORECASE)
    >>> scan.scanner(fold("Nothing here.")) is None
    True
    >>> [m.group() for m in scan.scanner(fold("Intro\\n12 Comments")).finditer("Intro\\n12 Comments")]
    ['12 Comments']
    """

    #: Compiled combinations kept per scan (cleared when full).
    MAX_COMBINATIONS = 256

    def __init__(self, sources: list[str], flags: int) -> None:
        self.members = tuple((source, prefilter(source, flags)) for source in sources)
        self.flags = flags | re.MULTILINE
        self._compiled: dict[tuple[int, ...], re.Pattern[str]] = {}

    def scanner(self, folded: str) -> "re.Pattern[str] | None":
        """The multiline pattern of the members that may match ``folded`` (``fold`` of the
        text to scan), or ``None`` when none may."""
        return self.union(tuple(i for i, (_, needs) in enumerate(self.members) if needs.may_match(folded)))

    def union(self, key: tuple[int, ...]) -> "re.Pattern[str] | None":
        """The multiline pattern of the members at ``key`` (indices, ascending); ``None`` for
        none."""
        if not key:
            return None
        found = self._compiled.get(key)
        if found is None:
            if len(self._compiled) >= self.MAX_COMBINATIONS:
                self._compiled.clear()
            union = "|".join(f"(?:{self.members[i][0]})" for i in key)
            found = self._compiled[key] = re.compile(f"^(?:{union})$", self.flags)
        return found
