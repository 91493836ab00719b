"""Where the article is: text units and the article span, for rules that judge by position.

Web extractors write one paragraph per line, but some (Markdown converters, OCR, e-mail
bodies) hard-wrap paragraphs at a fixed width. A *unit* is one paragraph either way: in a
document detected as hard-wrapped (``wrap_width``), consecutive lines without a blank line
between them are one unit while each line but the last reaches the wrap width, and a list
item, a heading or a link definition starts a unit of its own; otherwise every line is a unit.

Past the article's edge, ``units_past_edge`` finds the short units that are chrome, from the
evidence the chrome rules left where they removed lines.

The *article span* is the stretch of units where the article body lies: the stretch that
maximises prose words minus a cost for every short non-sentence unit (the "body text
extraction" idea of Finn et al., 2001, with prose in place of tags). A subheading between two
paragraphs costs little against the prose around it and stays inside; a menu of forty items
above the first paragraph costs more than any prose could repay and stays outside. Everything
before the span is the top chrome zone, everything after it the bottom zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from .shape import line_shape

#: A line at least this wide, followed without a blank line by another, is a wrapped line.
WRAP_MIN_CHARS = 45
#: A line that starts a block of its own: a list item, a heading, a link definition.
_BLOCK_START = re.compile(r"\s*(?:[*+•·▪►-]\s|\d{1,3}[.)]\s|\[[^\]]{1,40}\]:|#{1,6}\s)")
_QUOTE_START = re.compile(r"\s*>")


def _starts_block(line: str, following: str) -> bool:
    """Does ``following`` open a block of its own rather than continue ``line``? A quote
    (``> ...``) continues a quote."""
    if _BLOCK_START.match(following):
        return True
    return _QUOTE_START.match(following) is not None and _QUOTE_START.match(line) is None
_WIDE = re.compile(r"[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")
#: The cost of a short unit in the span search: its words plus this.
SHORT_UNIT_COST = 3
#: The cost of crossing a place where site chrome was removed (``Line.chrome_before``): the
#: article goes on across it only when more prose than this lies beyond.
BOUNDARY_COST = 40


@dataclass(frozen=True)
class Unit:
    """Kept lines ``start..end`` (inclusive) read as one paragraph."""

    start: int
    end: int
    text: str
    words: int
    prose: bool
    #: Site chrome was removed right before this unit (see ``Line.chrome_before``).
    chrome_before: int = 0

    @property
    def indices(self) -> range:
        return range(self.start, self.end + 1)


def display_width(text: str) -> int:
    """Columns the text takes: East Asian wide characters count twice.

    >>> display_width("NATO"), display_width("한국어")
    (4, 6)
    """
    return len(text) + len(_WIDE.findall(text))


def wrap_width(texts: Sequence[str], gaps: Sequence[int]) -> int | None:
    """The column width a hard-wrapped document is wrapped at, or ``None`` when it is not
    wrapped (one paragraph per line, as most extractors write).

    A document is wrapped when most lines that run on into the next line (no blank line
    between) sit near one width and do not end a sentence.

    >>> column = ["The quick brown fox jumps over the lazy", "dog and then runs into the forest to", "rest."] * 4
    >>> wrap_width(column, [0] * len(column))
    39
    >>> wrap_width(["Home", "World", "Sport", "Weather", "Podcasts"], [0] * 5) is None
    True
    """
    runs_on = [display_width(texts[i].strip()) for i in range(len(texts) - 1) if gaps[i + 1] == 0 and texts[i].strip()]
    if len(runs_on) < 6:
        return None
    widths = sorted(runs_on)
    width = widths[int(len(widths) * 0.9)]
    if width < 20:
        return None
    near = sum(1 for w in runs_on if w >= 0.75 * width)
    open_ended = sum(1 for i in range(len(texts) - 1) if gaps[i + 1] == 0 and texts[i].strip()
                     and not texts[i].rstrip().endswith((".", "!", "?", "。", "！", "？", "”", "\"")))
    if near < 0.5 * len(runs_on) or open_ended < 0.5 * len(runs_on):
        return None
    return width


def group_units(texts: Sequence[str], gaps: Sequence[int], chrome: Sequence[int] = ()) -> tuple[Unit, ...]:
    """Group kept lines into paragraphs (see the module docstring). In a hard-wrapped document a
    line runs on when it reaches 60% of the wrap width (45 columns at most); otherwise every
    line is a paragraph of its own. A
    line that opens a block (a list item, a quote, a heading, a link definition) starts a unit.

    >>> column = ["The quick brown fox jumps over the lazy", "dog and then runs into the forest to", "rest."] * 3
    >>> [u.indices for u in group_units(["Home", "News"] + column, [0, 0, 1] + [0] * 8)]
    [range(0, 1), range(1, 2), range(2, 5), range(5, 8), range(8, 11)]
    >>> [u.indices for u in group_units(["Home", "A paragraph on one line, as web extractors write it.", "Next"], [0, 0, 0])]
    [range(0, 1), range(1, 2), range(2, 3)]
    """
    width = wrap_width(texts, gaps) if len(texts) > 6 else None
    # Not wrapped: one paragraph per line, whatever follows it.
    run_on = 10**9 if width is None else min(WRAP_MIN_CHARS, max(16, int(width * 0.6)))
    units: list[Unit] = []
    start = 0
    n = len(texts)
    for i in range(n):
        last = i == n - 1
        if last or gaps[i + 1] > 0 or display_width(texts[i].strip()) < run_on or _starts_block(texts[i], texts[i + 1]):
            joined = texts[start].strip() if start == i else " ".join(t.strip() for t in texts[start:i + 1])
            words, prose = line_shape(joined)
            units.append(Unit(start, i, joined, words, prose, chrome[start] if chrome else 0))
            start = i + 1
    return tuple(units)


def article_span(units: Sequence[Unit], short_cost: int = SHORT_UNIT_COST, boundary_cost: int = BOUNDARY_COST) -> tuple[int, int] | None:
    """Indices (into ``units``) of the first and last unit of the article body, or ``None``
    when there is no prose at all.

    >>> from itertools import starmap
    >>> us = [Unit(i, i, "", w, p) for i, (w, p) in enumerate([(1, False), (2, False), (40, True), (3, False), (30, True), (2, False)])]
    >>> article_span(us)
    (2, 4)
    """
    best: tuple[int, int] | None = None
    best_score = 0
    score = 0
    start = 0
    for i, unit in enumerate(units):
        gain = unit.words if unit.prose else -(unit.words + short_cost)
        if unit.chrome_before and i:
            gain -= boundary_cost * unit.chrome_before // 2
        if score <= 0:
            score, start = gain, i
        else:
            score += gain
        if unit.prose and score > best_score:
            best_score, best = score, (start, i)
    if best is None:
        return None
    first, last = best
    while not units[first].prose:  # the span starts and ends on prose
        first += 1
    return first, last


#: How much evidence of the article's edge (see ``Line.chrome_before``) makes short lines past
#: it chrome: a phrase and a label, or three labels; one phrase alone is not enough.
EDGE_EVIDENCE = 3


def units_past_edge(units: Sequence[Unit], first: int, last: int, evidence: int = EDGE_EVIDENCE, reset_words: int = 40,
                    sentence_evidence: int = EDGE_EVIDENCE + 1) -> list[int]:
    """Indices of the short units past the article's edge (units ``first..last`` are the body).

    Walking outwards from the body, evidence accumulates where chrome was removed
    (``Unit.chrome_before``); past ``evidence`` of it every short unit is chrome, until
    ``reset_words`` of prose show the text has turned back into running text. A short unit
    that reads like a sentence (five words or more, mostly in lower case: a list item, not a
    menu entry) needs ``sentence_evidence``. Prose units are never in the result.

    >>> us = [Unit(0, 0, "", 2, False), Unit(1, 1, "", 2, False, 3), Unit(2, 2, "", 40, True),
    ...       Unit(3, 3, "", 3, False), Unit(4, 4, "", 3, False, 3), Unit(5, 5, "", 3, False)]
    >>> units_past_edge(us, 2, 2)
    [4, 5, 0]
    """
    out: list[int] = []
    below = [(u, units[u].chrome_before) for u in range(last + 1, len(units))]
    above = [(u, units[u + 1].chrome_before) for u in range(first - 1, -1, -1)]
    for walk in (below, above):
        found_evidence = prose = 0
        for u, found in walk:
            unit = units[u]
            if found:
                found_evidence, prose = found_evidence + found, 0
            if unit.prose:
                prose += unit.words
                if prose >= reset_words:
                    found_evidence = 0
            elif found_evidence >= (sentence_evidence if sentence_like(unit.text) else evidence):
                out.append(u)
    return out



_LOWER_WORD = re.compile(r"\b[a-zà-öø-ÿ][\w'’-]*")
_ANY_WORD = re.compile(r"\b[^\W\d_][\w'’-]*")


def sentence_like(text: str) -> bool:
    """Five words or more, at least half of them (after the first) in lower case.

    >>> sentence_like("Easy setup for all your Apple devices"), sentence_like("Fantasy Football Today")
    (True, False)
    """
    words = _ANY_WORD.findall(text)
    if len(words) < 5:
        return False
    return len(_LOWER_WORD.findall(text)) >= 0.5 * (len(words) - 1)
