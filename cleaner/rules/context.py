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
    line runs on when it reaches 60% of the wrap width; otherwise when it has 45 columns. A
    line that opens a block (a list item, a quote, a heading, a link definition) starts a unit.

    >>> [u.indices for u in group_units(["Home", "News", "A long wrapped line of text that goes on and on and", "ends here."], [0, 0, 1, 0])]
    [range(0, 1), range(1, 2), range(2, 4)]
    """
    width = wrap_width(texts, gaps) if len(texts) > 6 else None
    run_on = WRAP_MIN_CHARS if width is None else min(WRAP_MIN_CHARS, max(16, int(width * 0.6)))
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
