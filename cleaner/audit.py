"""The change log: how edits become ``changes`` entries, and how ``changes`` replay.

Every difference between the decoded raw text and the record's ``text`` is in ``changes``:

* ``removed`` / ``extracted``: the whole line ``line`` (as it stood then) is in ``before``;
* ``repaired`` / ``normalized``: inside line ``line``, the first occurrence of ``before`` becomes
  ``after``. ``before`` is the changed span widened to whole words, so it reads well
  (``media`s`` -> ``media’s``), and widened further to the left until its first occurrence is
  the right one, so replay is exact. A ``before`` holding ``\\n`` spans into the following lines
  (a join of hard-wrapped lines);
* ``DEC*`` entries describe decoding (BOM, line ends) and are already reflected in the text that
  replay starts from.

The paragraph layout is not logged: blank and whitespace-only lines are paragraph breaks, and
the text is the kept lines joined by exactly one blank line. :func:`apply_changes` replays a log,
so ``apply_changes(decoded_raw, changes) == text`` holds for every record (tested).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import accumulate
from typing import Any, Iterable, Mapping

_CJK_CHAR = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: Words (CJK ideographs one by one), runs of whitespace, single punctuation marks.
_TOKEN = re.compile(rf"[{_CJK_CHAR}]|[^\W{_CJK_CHAR}]+|\s+|[^\w\s]", re.UNICODE)
#: At most this many unchanged tokens are taken as context on each side of an edit.
_CONTEXT_TOKENS = 4


@dataclass(frozen=True)
class Change:
    """One entry of a record's ``changes``."""

    rule: str
    action: str
    line: int
    before: str
    after: str | None = None
    field: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rule": self.rule, "action": self.action, "line": self.line, "before": self.before}
        if self.after is not None:
            out["after"] = self.after
        if self.field is not None:
            out["field"] = self.field
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Change":
        return cls(data["rule"], data["action"], data["line"], data["before"], data.get("after"), data.get("field"))


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _is_space(token: str) -> bool:
    return token.isspace()


def _substitutions(a: list[str], b: list[str], start: int, end: int) -> list[tuple[str, int, int, int, int]]:
    """``replace`` opcodes for the runs of differing tokens of two equally long token lists."""
    out: list[tuple[str, int, int, int, int]] = []
    i = start
    while i < end:
        if a[i] == b[i]:
            i += 1
            continue
        j = i + 1
        while j < end and a[j] != b[j]:
            j += 1
        out.append(("replace", i, j, i, j))
        i = j
    return out


def edit_spans(old: str, new: str) -> list[tuple[str, str]]:
    """The ``(before, after)`` snippets that turn ``old`` into ``new`` by first-occurrence
    replacement, left to right.

    >>> edit_spans("According to media`s reports on China`s", "According to media’s reports on China’s")
    [('media`s', 'media’s'), ('China`s', 'China’s')]
    >>> edit_spans("security, ”Stoltenberg said", "security,” Stoltenberg said")
    [('security, ”Stoltenberg', 'security,” Stoltenberg')]
    >>> edit_spans("a  b", "a b")
    [('a  b', 'a b')]
    """
    if old == new:
        return []
    a, b = _tokens(old), _tokens(new)
    if "".join(a) != old or "".join(b) != new:  # pragma: no cover - the token pattern covers all text
        return [(old, new)]
    # Diff only what lies between the common prefix and suffix: a repair usually touches a few
    # tokens of a long paragraph, and SequenceMatcher is quadratic in the frequent tokens
    # (spaces) of what it is given.
    limit = min(len(a), len(b))
    head = 0
    while head < limit and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < limit - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    if len(a) == len(b):
        # Token for token (quotes curled, spaces normalised): the aligned differences are the
        # edits, and no search is needed.
        opcodes = _substitutions(a, b, head, len(a) - tail)
    else:
        matcher = SequenceMatcher(None, a[head:len(a) - tail], b[head:len(b) - tail], autojunk=False)
        opcodes = [(tag, i1 + head, i2 + head, j1 + head, j2 + head) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]
    # Merge edits that touch the same whitespace-delimited word, or lie one token apart.
    groups: list[list[int]] = []
    for _, i1, i2, j1, j2 in opcodes:
        if groups:
            gap = a[groups[-1][1]:i1]
            if len(gap) <= 1 or not any(_is_space(t) for t in gap):
                groups[-1][1], groups[-1][3] = i2, j2
                continue
        groups.append([i1, i2, j1, j2])

    # Character offsets of the tokens: a run of tokens is then a slice of the line.
    at_a = [0, *accumulate(map(len, a))]
    at_b = [0, *accumulate(map(len, b))]
    spans: list[tuple[str, str]] = []
    prev_i2 = prev_j2 = 0
    for gi, (i1, i2, j1, j2) in enumerate(groups):
        next_i1 = groups[gi + 1][0] if gi + 1 < len(groups) else len(a)
        # Right context: unchanged tokens up to the next whitespace (whole word), bounded.
        r = i2
        while r < next_i1 and r - i2 < _CONTEXT_TOKENS and not _is_space(a[r]):
            r += 1
        # A pure whitespace edit at a line end reads better with the word before it.
        # Left context: whole word to the left (taken from the already-edited text ``b``).
        lj = j1
        while lj > prev_j2 and j1 - lj < _CONTEXT_TOKENS and not _is_space(b[lj - 1]):
            lj -= 1
        if lj == j1 and r == i2 and lj > prev_j2:
            lj -= 1  # an edit between words: show the word (or space) before it
        right = old[at_a[i2]:at_a[r]]
        before = new[at_b[lj]:at_b[j1]] + old[at_a[i1]:at_a[i2]] + right
        after = new[at_b[lj]:at_b[j2]] + right
        # Widen to the left until the first occurrence in the working text is this one.
        working_prefix_len = at_b[lj]
        working = new[:at_b[j1]] + old[at_a[i1]:]
        while working.find(before) != working_prefix_len and lj > 0:
            lj -= 1
            working_prefix_len -= len(b[lj])
            before = b[lj] + before
            after = b[lj] + after
        spans.append((before, after))
        prev_i2, prev_j2 = i2, j2
    return spans


def line_changes(rule: str, action: str, line_no: int, old: str, new: str) -> list[Change]:
    return [Change(rule, action, line_no, before, after) for before, after in edit_spans(old, new)]


class ReplayError(ValueError):
    """A change log does not apply to the text it claims to describe."""


def apply_changes(text: str, changes: Iterable[Change | Mapping[str, Any]]) -> str:
    """Replay a change log on decoded raw text and return the clean text.

    >>> raw = "Go to contents\\n\\nChina`s view\\n"
    >>> log = [Change("NAV001", "removed", 1, "Go to contents"),
    ...        Change("QUO001", "repaired", 3, "China`s", "China’s")]
    >>> apply_changes(raw, log)
    'China’s view'
    """
    entries: list[list[Any]] = [[no, t, True] for no, t in enumerate(text.split("\n"), 1)]
    by_no = {e[0]: i for i, e in enumerate(entries)}
    for raw_change in changes:
        ch = raw_change if isinstance(raw_change, Change) else Change.from_dict(raw_change)
        if ch.rule.startswith("DEC"):
            continue
        pos = by_no.get(ch.line)
        if pos is None or not entries[pos][2]:
            raise ReplayError(f"{ch.rule}: line {ch.line} is gone before this change")
        entry = entries[pos]
        if ch.action in ("removed", "extracted"):
            if entry[1] != ch.before:
                raise ReplayError(f"{ch.rule}: line {ch.line} is {entry[1]!r}, not {ch.before!r}")
            entry[2] = False
            continue
        after = ch.after if ch.after is not None else ""
        follower = pos + 1
        while ch.before not in entry[1]:
            while follower < len(entries) and not entries[follower][2]:
                follower += 1
            if follower >= len(entries) or entry[1].count("\n") >= ch.before.count("\n") + 64:
                raise ReplayError(f"{ch.rule}: {ch.before!r} not found at line {ch.line}")
            entry[1] = entry[1] + "\n" + entries[follower][1]
            entries[follower][2] = False
            follower += 1
        entry[1] = entry[1].replace(ch.before, after, 1)
    return "\n\n".join(e[1] for e in entries if e[2] and e[1].strip())
