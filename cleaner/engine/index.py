"""The candidate index: which lines of a document view each line rule is worth judging.

Rules declare what a line needs for ``judge`` to accept it (``LineRule.lines()``, a
:class:`~cleaner.engine.base.Lines`): phrases and labels (looked up by the line's key),
whole-line patterns, or a test of the text alone. The index is built once per pipeline from all
the declarations and answers for every rule of a view at once:

* phrases and labels: one table of every rule's keys, two dict lookups per line for all
  phrase rules together (a line's rules remembered per text: the same lines come back in
  every view of a document, and boilerplate in every document);
* patterns: each rule's patterns scanned over the view's short lines joined, with only the
  members whose literals the text holds (``prefilter.SplitScan``);
* text tests: answers remembered per text, in memos the engine owns (a rule keeps none);
* a rule that reads nothing but the line's text (``reads`` empty) and declares nothing else is
  its own test: ``judge`` is asked once per distinct text.

A view made after lines were only removed starts from the answers of the view before it, less
those lines (:meth:`ViewCandidates.carried`): a line's text says the same wherever it stands.
The answers are a superset, never exact: ``judge`` decides. ``tests/test_prefilters_sound.py``
checks that no line ``judge`` accepts is left out, ``tests/test_reference_equivalence.py``
that the whole engine equals a plain loop.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from ..rules.phrases import MAX_LABEL_ROW_CHARS, MAX_PHRASE_CHARS, label_words, phrase_key
from .base import LineRule, Lines, Rule
from .prefilter import SplitScan, fold

if TYPE_CHECKING:  # pragma: no cover
    from .view import DocView

#: Line texts whose phrase-table rules the index remembers (cleared when full).
MAX_KNOWN_LINES = 20_000
#: Answers a text test remembers per rule (cleared when full).
MAX_TEXT_MEMO = 1 << 16

_NOT_PER_LINE = re.compile(r"\\[AZz]|\(\?[aiLmsux-]+[):]")


def _per_line(pattern: "re.Pattern[str]") -> bool:
    """Can ``pattern`` be scanned for as ``^(?:...)$`` with ``re.MULTILINE`` and find every
    line it matches whole? Not with ``\\A``, ``\\Z`` or inline flags."""
    return _NOT_PER_LINE.search(pattern.pattern) is None


class _Entry:
    """One judged line rule's declaration, made ready for the index."""

    __slots__ = ("rule", "lines", "slot", "scans", "test", "memo")

    def __init__(self, rule: LineRule, lines: Lines, slot: int | None) -> None:
        self.rule = rule
        self.lines = lines
        self.slot = slot
        # Built-in pattern members anchored per line, scanned over all short lines of a view at
        # once; a pattern that cannot be read per line (\A, \Z, inline flags) is tried line by
        # line, as are the user members (RE2, linear in each line).
        self.scans = tuple(
            (SplitScan(list(p.builtin_sources), p.builtin.flags) if p.builtin is not None and _per_line(p.builtin) else None, p)
            for p in lines.patterns)
        # The text test: the declared one; for a rule that reads only the text and declares
        # nothing to look up, judge itself; else none (every line is judged).
        test = lines.text
        if test is None and not lines.selects and not rule.reads:
            test = lambda text, judge=rule.judge: judge(text, None, -1) is not None  # type: ignore[arg-type, misc]
        self.test: Callable[[str], bool] | None = test
        self.memo: dict[str, bool] = {}


class CandidateIndex:
    """Built once per pipeline from the line rules' declarations."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self._entries: dict[int, _Entry] = {}
        by_key: dict[str, tuple[int, ...]] = {}
        by_start: dict[str, tuple[int, ...]] = {}
        slot = 0
        for rule in rules:
            if not isinstance(rule, LineRule):
                continue
            lines = rule.lines()
            rule_slot = None
            if lines.phrases or lines.labels or lines.label_starts:
                rule_slot = slot
                slot += 1
                for key in lines.phrases | lines.labels:
                    by_key[key] = (*by_key.get(key, ()), rule_slot)
                for word in lines.label_starts:
                    by_start[word] = (*by_start.get(word, ()), rule_slot)
            self._entries[id(rule)] = _Entry(rule, lines, rule_slot)
        self._by_key = by_key
        self._by_start = by_start
        #: Line text -> the slots of the rules whose phrases or labels it may be.
        self._known: dict[str, tuple[int, ...]] = {}

    def for_view(self, view: "DocView", carried: "dict[int, list[int]] | None" = None) -> "ViewCandidates":
        return ViewCandidates(self, view, carried)

    def _slots_of(self, text: str, stripped: str) -> tuple[int, ...]:
        slots = self._known.get(text)
        if slots is None:
            slots = ()
            key = phrase_key(stripped) if len(stripped) <= MAX_PHRASE_CHARS else None
            if key:
                slots = self._by_key.get(key, ())
                if len(stripped) <= MAX_LABEL_ROW_CHARS:
                    words = label_words(key)
                    if words:
                        slots = (*slots, *self._by_start.get(words[0], ()))
            if len(self._known) >= MAX_KNOWN_LINES:
                self._known.clear()
            self._known[text] = slots
        return slots


class ViewCandidates:
    """The index's answers for one view of a document, found on first use per rule."""

    def __init__(self, index: CandidateIndex, view: "DocView", carried: "dict[int, list[int]] | None") -> None:
        self.index = index
        self.view = view
        #: Rule id -> its candidate lines (in order) in this view.
        self.found: dict[int, list[int]] = dict(carried) if carried else {}
        self._by_slot: dict[int, list[int]] | None = None
        self._short: dict[int, tuple[str, list[int], list[int]]] = {}
        self._folded: dict[int, str] = {}

    def of(self, rule: LineRule) -> Iterable[int]:
        """The lines of the view ``rule``'s declaration lets through (all of them for a rule
        that declares nothing)."""
        entry = self.index._entries.get(id(rule))
        if entry is None or (not entry.lines.selects and entry.test is None):
            return range(len(self.view.lines))
        found = self.found.get(id(rule))
        if found is None:
            found = self.found[id(rule)] = self._find(entry)
        return found

    def carried(self, drop: "set[int] | dict[int, int]", kept: int) -> dict[int, list[int]]:
        """The answers for the view left when the kept lines in ``drop`` are removed (of
        ``kept`` lines): kept line i moves up by the number of dropped lines above it."""
        new_index: list[int | None] = []
        dropped = 0
        for i in range(kept):
            if i in drop:
                dropped += 1
                new_index.append(None)
            else:
                new_index.append(i - dropped)
        return {rule: [j for j in (new_index[i] for i in found) if j is not None] for rule, found in self.found.items()}

    # -- finding ----------------------------------------------------------------------------

    def _find(self, entry: _Entry) -> list[int]:
        lines = entry.lines
        if not lines.selects:
            return self._passing(entry)
        found: set[int] = set(self._slot_lines().get(entry.slot, ())) if entry.slot is not None else set()
        limit = lines.max_chars
        stripped = self._stripped()
        for split, pattern in entry.scans:
            if split is not None:
                scan = split.scanner(self._folded_short(limit))
                if scan is not None:
                    found |= self._fullmatching(scan, limit)
                if pattern.user is not None:
                    found.update(i for i, s in enumerate(stripped) if len(s) <= limit and pattern.user_fullmatch(s))
            else:
                found.update(i for i, s in enumerate(stripped) if len(s) <= limit and pattern.fullmatch(s))
        if entry.test is not None:
            found.update(self._passing(entry))
        return sorted(found)

    def _passing(self, entry: _Entry) -> list[int]:
        """The lines whose text passes the entry's text test, remembered per text."""
        memo = entry.memo
        if len(memo) > MAX_TEXT_MEMO:
            memo.clear()
        test = entry.test
        out = []
        for i, line in enumerate(self.view.lines):
            text = line.text
            hit = memo.get(text)
            if hit is None:
                hit = memo[text] = test(text)  # type: ignore[misc]
            if hit:
                out.append(i)
        return out

    def _stripped(self) -> tuple[str, ...]:
        return self.view.stripped

    def _slot_lines(self) -> dict[int, list[int]]:
        """Rule slot -> the lines whose key is one of its phrases or labels, or starts like a
        row of its labels: two dict lookups per line for every phrase rule at once."""
        if self._by_slot is None:
            by_slot: dict[int, list[int]] = {}
            stripped = self._stripped()
            slots_of = self.index._slots_of
            for i, line in enumerate(self.view.lines):
                for slot in slots_of(line.text, stripped[i]):
                    found = by_slot.get(slot)
                    if found is None:
                        by_slot[slot] = [i]
                    elif found[-1] != i:
                        found.append(i)
            self._by_slot = by_slot
        return self._by_slot

    def _short_text(self, limit: int) -> tuple[str, list[int], list[int]]:
        """The stripped lines of at most ``limit`` characters joined by newlines, with each
        one's start offset and index."""
        found = self._short.get(limit)
        if found is None:
            parts, starts, indices = [], [], []
            at = 0
            for i, s in enumerate(self._stripped()):
                if len(s) <= limit:
                    parts.append(s)
                    starts.append(at)
                    indices.append(i)
                    at += len(s) + 1
            found = self._short[limit] = ("\n".join(parts), starts, indices)
        return found

    def _folded_short(self, limit: int) -> str:
        found = self._folded.get(limit)
        if found is None:
            found = self._folded[limit] = fold(self._short_text(limit)[0])
        return found

    def _fullmatching(self, pattern: "re.Pattern[str]", limit: int) -> set[int]:
        """A superset of the lines (stripped, at most ``limit`` characters) that ``pattern``
        matches whole, found with one scan: ``pattern`` is compiled as ``^(?:...)$`` with
        ``re.MULTILINE``. A match may run across lines; every line it touches counts, so no
        line that matches on its own is missed."""
        text, starts, indices = self._short_text(limit)
        out: set[int] = set()
        for m in pattern.finditer(text):
            first = bisect_right(starts, m.start()) - 1
            last = bisect_right(starts, max(m.start(), m.end() - 1)) - 1
            out.update(indices[first:last + 1])
        return out
