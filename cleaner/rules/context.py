"""Where the article is: text units and the article span, for rules that judge by position.

Web extractors write one paragraph per line, but some (Markdown converters, e-mail bodies)
hard-wrap paragraphs at a fixed width. A *unit* is one paragraph either way: consecutive lines
without a blank line between them are one unit while each line but the last is long (a wrapped
paragraph); a short line ends its unit (a menu item stands alone).

The *article span* is the stretch of units where the article body lies: the stretch that
maximises prose words minus a cost for every short non-sentence unit (the "body text
extraction" idea of Finn et al., 2001, with prose in place of tags). A subheading between two
paragraphs costs little against the prose around it and stays inside; a menu of forty items
above the first paragraph costs more than any prose could repay and stays outside. Everything
before the span is the top chrome zone, everything after it the bottom zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from .shape import line_shape

#: A line at least this long, followed without a blank line by another, is a wrapped line.
WRAP_MIN_CHARS = 45
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
    chrome_before: bool = False

    @property
    def indices(self) -> range:
        return range(self.start, self.end + 1)


def group_units(texts: Sequence[str], gaps: Sequence[int], chrome: Sequence[bool] = ()) -> tuple[Unit, ...]:
    """Group kept lines into paragraphs (see the module docstring).

    >>> [u.indices for u in group_units(["Home", "News", "A long wrapped line of text that goes on and on and", "ends here."], [0, 0, 1, 0])]
    [range(0, 1), range(1, 2), range(2, 4)]
    """
    units: list[Unit] = []
    start = 0
    n = len(texts)
    for i in range(n):
        last = i == n - 1
        if last or gaps[i + 1] > 0 or len(texts[i].strip()) < WRAP_MIN_CHARS:
            joined = texts[start].strip() if start == i else " ".join(t.strip() for t in texts[start:i + 1])
            words, prose = line_shape(joined)
            units.append(Unit(start, i, joined, words, prose, bool(chrome) and chrome[start]))
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
            gain -= boundary_cost
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
