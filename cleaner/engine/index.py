"""The candidate index: which lines of a document each line rule is worth judging.

Rules declare what a line needs for ``judge`` to accept it (``LineRule.lines()``, a
:class:`~cleaner.engine.base.Lines`): phrases and labels (looked up by the line's key),
whole-line patterns, or a test of the text alone. The index is built once per pipeline from all
the declarations, and answers for every rule at once, by the line's text alone:

* phrases and labels: one table of every rule's keys, two dict lookups per line for all
  phrase rules together;
* patterns: the literals every match of a pattern member holds (``prefilter``) are found for
  all rules' members with one pass of an Aho-Corasick automaton (pyahocorasick) over the
  line; a rule's members that may match are then tried as one alternation
  (``prefilter.SplitScan``);
* text tests, and for a rule that reads nothing but the line's text (``reads`` empty) and
  declares nothing else, ``judge`` itself.

What a text passes is remembered per text: the same lines come back in every view of a
document (the line stage runs several rounds, and each removal makes a new view) and
boilerplate comes back in every document, so a line seen before costs one dict lookup for all
rules. The answers are a superset, never exact: ``judge`` decides.
``tests/test_prefilters_sound.py`` checks that no line ``judge`` accepts is left out,
``tests/test_reference_equivalence.py`` that the whole engine equals a plain loop.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

import ahocorasick

from ..errors import RuleCrash
from ..rules.phrases import MAX_LABEL_ROW_CHARS, MAX_PHRASE_CHARS, label_words, phrase_key
from .base import LineRule, Lines, Rule
from .prefilter import SplitScan, fold

if TYPE_CHECKING:  # pragma: no cover
    from .view import DocView

#: Line texts whose answers the index remembers (cleared when full).
MAX_KNOWN_LINES = 1 << 16

_NOT_PER_LINE = re.compile(r"\\[AZz]|\(\?[aiLmsux-]+[):]")


def _per_line(pattern: "re.Pattern[str]") -> bool:
    """Can ``pattern``'s members be tried as one alternation ``^(?:...)$`` (``SplitScan``)?
    Not with ``\\A``, ``\\Z`` or inline flags."""
    return _NOT_PER_LINE.search(pattern.pattern) is None


class _Entry:
    """One judged line rule's declaration, made ready for the index."""

    __slots__ = ("rule", "lines", "position", "scans", "test")

    def __init__(self, rule: LineRule, lines: Lines, position: int) -> None:
        self.rule = rule
        self.lines = lines
        #: The rule's place in the index (what a text's answer lists).
        self.position = position
        # Built-in pattern members as one alternation of those whose literals a line holds; a
        # pattern that cannot be read that way (\A, \Z, inline flags) is tried whole, as are
        # the user members (RE2, linear in each line).
        self.scans = tuple(
            (SplitScan(list(p.builtin_sources), p.builtin.flags) if p.builtin is not None and _per_line(p.builtin) else None, p)
            for p in lines.patterns)
        # The text test: the declared one; for a rule that reads only the text and declares
        # nothing to look up, judge itself; else none.
        test = lines.text
        if test is None and not lines.selects and not rule.reads:
            test = lambda text, judge=rule.judge: judge(text, None, -1) is not None  # type: ignore[arg-type, misc]
        self.test: Callable[[str], bool] | None = test

    @property
    def selective(self) -> bool:
        """Does the declaration pick lines (else every line is judged)?"""
        return self.lines.selects or self.test is not None

    def matches_pattern(self, stripped: str, members: dict[tuple[int, int], tuple[int, ...]]) -> bool:
        """Does one of the rule's patterns match the stripped line whole? ``members``: (rule
        position, pattern) -> the members that may match the line."""
        if len(stripped) > self.lines.max_chars:
            return False
        for k, (split, pattern) in enumerate(self.scans):
            if split is not None:
                key = members.get((self.position, k))
                scan = split.union(key) if key else None
                if scan is not None and scan.fullmatch(stripped) is not None:
                    return True
                if pattern.user is not None and pattern.user_fullmatch(stripped):
                    return True
            elif pattern.fullmatch(stripped) is not None:
                return True
        return False

    def passes(self, text: str) -> bool:
        """The text test; a crash names the entry's rule (the index asks every rule's test
        about a new text at once, on the first rule's request)."""
        try:
            return self.test(text)  # type: ignore[misc]
        except Exception as exc:  # a bug in the rule: name it in the reject (REJ099)
            raise RuleCrash(self.rule.code, self.rule.name, exc) from exc


class CandidateIndex:
    """Built once per pipeline from the line rules' declarations."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self._entries: dict[int, _Entry] = {}
        by_key: dict[str, tuple[int, ...]] = {}
        by_start: dict[str, tuple[int, ...]] = {}
        for rule in rules:
            if not isinstance(rule, LineRule):
                continue
            entry = _Entry(rule, rule.lines(), len(self._entries))
            self._entries[id(rule)] = entry
            for key in entry.lines.phrases | entry.lines.labels:
                by_key[key] = (*by_key.get(key, ()), entry.position)
            for word in entry.lines.label_starts:
                by_start[word] = (*by_start.get(word, ()), entry.position)
        self._by_key = by_key
        self._by_start = by_start
        self._with_patterns = [e for e in self._entries.values() if e.scans]
        self._entries_by_position = {e.position: e for e in self._entries.values()}
        # Every literal of every pattern member, in one automaton; each literal knows the
        # members whose prefilter holds it, and members without literals always take part.
        self._by_literal: dict[str, list[tuple[int, int, int]]] = {}
        self._always: dict[tuple[int, int], tuple[int, ...]] = {}
        for entry in self._with_patterns:
            for k, (split, _) in enumerate(entry.scans):
                if split is None:
                    continue
                always = tuple(m for m, (_, needs) in enumerate(split.members) if not needs.clauses)
                if always:
                    self._always[(entry.position, k)] = always
                for m, (_, needs) in enumerate(split.members):
                    for literal in {lit for clause in needs.clauses for lit in clause}:
                        self._by_literal.setdefault(literal, []).append((entry.position, k, m))
        self._automaton: "ahocorasick.Automaton | None" = None
        if self._by_literal:
            self._automaton = ahocorasick.Automaton()
            for literal in self._by_literal:
                self._automaton.add_word(literal, literal)
            self._automaton.make_automaton()
        self._tested = [e for e in self._entries.values() if e.test is not None]
        #: Line text -> the positions of the rules it is a candidate of.
        self._known: dict[str, tuple[int, ...]] = {}

    def for_view(self, view: "DocView") -> "ViewCandidates":
        return ViewCandidates(self, view)

    def hits(self, text: str) -> tuple[int, ...]:
        """The positions of the rules whose declaration lets a line of ``text`` through."""
        found = self._known.get(text)
        if found is None:
            found = self._hits(text)
            if len(self._known) >= MAX_KNOWN_LINES:
                self._known.clear()
            self._known[text] = found
        return found

    def _hits(self, text: str) -> tuple[int, ...]:
        out: set[int] = set()
        stripped = text.strip()
        key = phrase_key(stripped) if len(stripped) <= MAX_PHRASE_CHARS else None
        if key:
            out.update(self._by_key.get(key, ()))
            if len(stripped) <= MAX_LABEL_ROW_CHARS:
                words = label_words(key)
                if words:
                    out.update(self._by_start.get(words[0], ()))
        if self._with_patterns:
            members = self._members(fold(stripped))
            for entry in self._with_patterns:
                if entry.position not in out and entry.matches_pattern(stripped, members):
                    out.add(entry.position)
        for entry in self._tested:
            if entry.position not in out and entry.passes(text):
                out.add(entry.position)
        return tuple(sorted(out))


    def _members(self, folded: str) -> dict[tuple[int, int], tuple[int, ...]]:
        """For a line (``fold``-ed): (rule position, pattern) -> the members that may match
        it, from one automaton pass that finds every literal it holds."""
        present = {literal for _, literal in self._automaton.iter(folded)} if self._automaton is not None else set()
        maybe: dict[tuple[int, int], set[int]] = {}
        for literal in present:
            for position, k, m in self._by_literal[literal]:
                found = maybe.get((position, k))
                if found is None:
                    maybe[(position, k)] = {m}
                else:
                    found.add(m)
        out = dict(self._always)
        for where, found in maybe.items():
            split = self._entries_by_position[where[0]].scans[where[1]][0]
            passing = {m for m in found if split.members[m][1].satisfied_by(present)}  # type: ignore[union-attr]
            if passing:
                out[where] = tuple(sorted(passing.union(out.get(where, ()))))
        return out


class ViewCandidates:
    """The index's answers for one view of a document: one lookup per line, for all rules."""

    def __init__(self, index: CandidateIndex, view: "DocView") -> None:
        self.index = index
        self.view = view
        self._by_position: dict[int, list[int]] | None = None

    def of(self, rule: LineRule) -> Iterable[int]:
        """The lines of the view ``rule``'s declaration lets through, in order (all of them
        for a rule that declares nothing)."""
        entry = self.index._entries.get(id(rule))
        if entry is None or not entry.selective:
            return range(len(self.view.lines))
        if self._by_position is None:
            by_position: dict[int, list[int]] = {}
            hits = self.index.hits
            for i, line in enumerate(self.view.lines):
                for position in hits(line.text):
                    found = by_position.get(position)
                    if found is None:
                        by_position[position] = [i]
                    else:
                        found.append(i)
            self._by_position = by_position
        return self._by_position.get(entry.position, ())
