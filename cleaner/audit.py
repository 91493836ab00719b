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
from itertools import accumulate
from dataclasses import dataclass
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


#: Work limits that keep the change log linear in the line's length, whatever a rule did to it
#: (a paragraph with an NBSP between every word, a megabyte line of straight quotes): see
#: :func:`edit_spans`.
#: How far (in tokens, both sides together) the diff looks for the end of one edit.
_RESYNC_TOKENS = 64
#: Above this many characters (old and new together) a line is diffed on characters, without
#: tokenising it (a token list costs about 25 bytes per character); regions then resynchronise
#: on this many agreeing characters.
_MAX_TOKEN_DIFF_CHARS = 1 << 21
_SYNC_CHARS = 8
#: The characters that span building may scan per line: with ``n`` characters in a line, at most
#: ``max(_MIN_SPANS, _SCAN_BUDGET // n)`` spans are made (nearby edits are merged beyond that),
#: so writing the log and replaying it both cost at most about ``_SCAN_BUDGET`` character steps.
_SCAN_BUDGET = 1 << 26
_MIN_SPANS = 64
#: How many times a span is widened to the left (to make its first occurrence the right one)
#: before it is widened to the start of the line at once.
_MAX_WIDENINGS = 8


def _opcodes(a: list[str], b: list[str]) -> list[tuple[int, int, int, int]]:
    """The non-equal blocks ``(i1, i2, j1, j2)`` that turn token list ``a`` into ``b``.

    A linear greedy diff: walk both lists while they agree; at a difference, take the nearest
    point where they agree again (fewest tokens skipped on both sides together, up to
    ``_RESYNC_TOKENS``). Rules edit locally, so this finds the same small edits a full LCS diff
    finds, at a cost that stays linear where ``difflib`` goes cubic (many one-token edits in a
    long line). Where no agreement is near, the rest of the line is one block.

    >>> _opcodes(["a", " ", "b"], ["a", " ", "c"])
    [(2, 3, 2, 3)]
    >>> _opcodes(["x", "y"], ["x", "z", "y"])
    [(1, 1, 1, 2)]
    """
    n, m = len(a), len(b)
    # Common suffix first, so the walk below ends where the lines start to agree for good.
    while n and m and a[n - 1] == b[m - 1]:
        n -= 1
        m -= 1
    ops: list[tuple[int, int, int, int]] = []
    i = j = 0
    checks = 16 * (n + m) + 4096  # the search below never does more than this many comparisons
    while i < n and j < m:
        if a[i] == b[j]:
            i += 1
            j += 1
            continue
        found = None
        for d in range(1, _RESYNC_TOKENS + 1):
            for da in range(d + 1):
                p, q = i + da, j + d - da
                checks -= 1
                if p > n or q > m:
                    continue
                if (p == n and q == m) or (p < n and q < m and a[p] == b[q] and _solid(a, b, p, q, n, m)):
                    found = (p, q)
                    break
            if found or checks < 0:
                break
        if found is None:
            break
        ops.append((i, found[0], j, found[1]))
        i, j = found
    if i < n or j < m:
        ops.append((i, n, j, m))
    return ops


def _solid(a: list[str], b: list[str], p: int, q: int, n: int, m: int) -> bool:
    """Is ``a[p] == b[q]`` a real point of agreement? A lone space is too common to resync on
    (``NATO , China`` -> ``NATO, China`` would align the wrong spaces): it counts only when the
    token after it agrees too, or at the end."""
    if not a[p].isspace():
        return True
    return p + 1 >= n or q + 1 >= m or a[p + 1] == b[q + 1]


def _offsets(tokens: list[str]) -> list[int]:
    """Character offsets of the tokens' starts, and the total length."""
    return [0, *accumulate(map(len, tokens))]


def edit_spans(old: str, new: str) -> list[tuple[str, str]]:
    """The ``(before, after)`` snippets that turn ``old`` into ``new`` by first-occurrence
    replacement, left to right.

    >>> edit_spans("According to media`s reports on China`s", "According to media’s reports on China’s")
    [('media`s', 'media’s'), ('China`s', 'China’s')]
    >>> edit_spans("security, ”Stoltenberg said", "security,” Stoltenberg said")
    [('security, ”Stoltenberg', 'security,” Stoltenberg')]
    >>> edit_spans("a  b", "a b")
    [('a  b', 'a b')]

    The cost is linear in the length of the line (see ``_SCAN_BUDGET``): a huge line with edits
    all over gives fewer, longer spans rather than a quadratic amount of work.
    """
    if old == new:
        return []
    if len(old) + len(new) > _MAX_TOKEN_DIFF_CHARS:
        return _long_line_spans(old, new)
    a, b = _tokens(old), _tokens(new)
    if "".join(a) != old or "".join(b) != new:  # pragma: no cover - the token pattern covers all text
        return [(old, new)]
    # Merge edits that touch the same whitespace-delimited word, or lie one token apart.
    groups: list[list[int]] = []
    for i1, i2, j1, j2 in _opcodes(a, b):
        if groups:
            gap = a[groups[-1][1]:i1]
            if len(gap) <= 1 or not any(_is_space(t) for t in gap):
                groups[-1][1], groups[-1][3] = i2, j2
                continue
        groups.append([i1, i2, j1, j2])
    limit = max(_MIN_SPANS, _SCAN_BUDGET // max(1, len(old) + len(new)))
    if len(groups) > limit:
        # A huge line with edits all over: merge neighbouring edits into ``limit`` spans.
        size = -(-len(groups) // limit)
        groups = [[g[0][0], g[-1][1], g[0][2], g[-1][3]] for g in (groups[k:k + size] for k in range(0, len(groups), size))]

    aoff, boff = _offsets(a), _offsets(b)
    spans: list[tuple[str, str]] = []
    prev_i2 = prev_j2 = 0
    for gi, (i1, i2, j1, j2) in enumerate(groups):
        next_i1 = groups[gi + 1][0] if gi + 1 < len(groups) else len(a)
        # Right context: unchanged tokens up to the next whitespace (whole word), bounded.
        r = i2
        while r < next_i1 and r - i2 < _CONTEXT_TOKENS and not _is_space(a[r]):
            r += 1
        # Left context: whole word to the left (taken from the already-edited text ``b``).
        lj = j1
        while lj > prev_j2 and j1 - lj < _CONTEXT_TOKENS and not _is_space(b[lj - 1]):
            lj -= 1
        if lj == j1 and r == i2 and lj > prev_j2:
            lj -= 1  # an edit between words: show the word (or space) before it
        # The working text at this point is new[:boff[j1]] + old[aoff[i1]:]; ``before`` starts
        # at boff[lj] in it and must not occur earlier. Only the head up to the end of
        # ``before`` matters for that.
        head = new[:boff[j1]] + old[aoff[i1]:aoff[r]]
        widenings = 0
        while lj > 0:
            start = boff[lj]
            if head.find(head[start:], 0, len(head) - 1) == -1:
                break
            widenings += 1
            lj = lj - 1 if widenings < _MAX_WIDENINGS else 0
        before = head[boff[lj]:]
        after = new[boff[lj]:boff[j2]] + old[aoff[i2]:aoff[r]]
        spans.append((before, after))
        prev_i2, prev_j2 = i2, j2
    return spans


def _common_prefix(old: str, i: int, new: str, j: int) -> int:
    """How many characters ``old[i:]`` and ``new[j:]`` share at their start: galloping slice
    comparisons (run in C), then halving."""
    limit = min(len(old) - i, len(new) - j)
    lo, step = 0, 16
    while lo < limit:
        hi = min(limit, lo + step)
        if old[i + lo:i + hi] != new[j + lo:j + hi]:
            break
        lo = hi
        step = min(step * 2, 1 << 16)
    else:
        return limit
    hi = min(limit, lo + step)  # the first difference lies in [lo, hi)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if old[i + lo:i + mid] == new[j + lo:j + mid]:
            lo = mid
        else:
            hi = mid
    return lo if old[i + lo:i + lo + 1] != new[j + lo:j + lo + 1] else lo + 1


def _char_regions(old: str, new: str) -> list[tuple[int, int, int, int]]:
    """The differing regions ``(i1, i2, j1, j2)`` of two long strings, found like
    :func:`_opcodes` but on characters: skip what agrees, then resynchronise on the nearest
    ``_SYNC_CHARS`` characters that agree again."""
    n, m = len(old), len(new)
    regions: list[tuple[int, int, int, int]] = []
    i = j = 0
    while True:
        k = _common_prefix(old, i, new, j)
        i, j = i + k, j + k
        if i >= n or j >= m:
            break
        found = None
        for d in range(1, _RESYNC_TOKENS + 1):
            for da in range(d + 1):
                p, q = i + da, j + d - da
                if p <= n and q <= m and old[p:p + _SYNC_CHARS] == new[q:q + _SYNC_CHARS] and (n - p >= _SYNC_CHARS or n - p == m - q):
                    found = (p, q)
                    break
            if found:
                break
        if found is None:
            break
        regions.append((i, found[0], j, found[1]))
        i, j = found
    if i < n or j < m:
        # No resynchronisation near: the rest differs, up to the common end.
        s = 0
        while s < min(n - i, m - j) and old[n - s - 1] == new[m - s - 1]:
            s += 1
            if s >= 4096:
                break
        regions.append((i, n - s, j, m - s))
    return regions


def _long_line_spans(old: str, new: str) -> list[tuple[str, str]]:
    """Spans for a line too long to tokenise: differing regions on characters, widened to
    whitespace (a bounded amount), merged when close, at most ``max(_MIN_SPANS, _SCAN_BUDGET //
    n)`` of them; each made unique to the left like the spans of :func:`edit_spans`."""
    regions = _char_regions(old, new)
    widened: list[list[int]] = []
    for i1, i2, j1, j2 in regions:
        k = 0  # widen left to the start of the word (same characters on both sides)
        while k < 64 and i1 - k > 0 and not old[i1 - k - 1].isspace():
            k += 1
        i1, j1 = i1 - k, j1 - k
        k = 0
        while k < 64 and i2 + k < len(old) and not old[i2 + k].isspace():
            k += 1
        i2, j2 = i2 + k, j2 + k
        if widened and i1 <= widened[-1][1] + 1:
            widened[-1][1], widened[-1][3] = max(widened[-1][1], i2), max(widened[-1][3], j2)
        else:
            widened.append([i1, i2, j1, j2])
    limit = max(_MIN_SPANS, _SCAN_BUDGET // (len(old) + len(new)))
    if len(widened) > limit:
        size = -(-len(widened) // limit)
        widened = [[g[0][0], g[-1][1], g[0][2], g[-1][3]] for g in (widened[k:k + size] for k in range(0, len(widened), size))]
    spans: list[tuple[str, str]] = []
    for i1, i2, j1, j2 in widened:
        # Working text here: new[:j1] + old[i1:]. ``before`` = old[i1:i2] starts at j1.
        before, after = old[i1:i2], new[j1:j2]
        if _occurs_earlier(new, j1, before):
            # Widen once by a stretch of the line before it, then to the line start (always
            # the first occurrence).
            k = max(0, j1 - 256)
            if _occurs_earlier(new, k, new[k:j1] + before):
                k = 0
            before, after = new[k:j1] + before, new[k:j2]
        spans.append((before, after))
    return spans


def _occurs_earlier(new: str, start: int, before: str) -> bool:
    """Does ``before`` occur in the working text ``new[:start] + before + ...`` before ``start``?"""
    head = new[max(0, start - len(before) + 1):start] + before
    return new.find(before, 0, start) != -1 or head.find(before, 0, len(head) - 1) != -1


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
