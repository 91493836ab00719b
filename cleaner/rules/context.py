"""Where the article is: text units and the article span, for rules that judge by position.

A *unit* is one kept line with its shape (words, prose or not) and the chrome evidence left
before it. Every line is a paragraph by the time line rules run: web extractors write one
paragraph per line, and hard-wrapped text (OCR, Markdown converters) has been unwrapped by the
layout stage. Judging each line the same way whatever blank lines stood around it keeps
cleaning idempotent: a record's text, whose paragraphs are separated by blank lines, is judged
as its raw file was.

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
from functools import lru_cache
from dataclasses import dataclass
from typing import NamedTuple, Sequence

from ..engine.options import Options, setting
from ..text.shape import line_shape

#: The cost of a short unit in the span search: its words plus this.
SHORT_UNIT_COST = 3
#: The cost of crossing a place where site chrome was removed (``Line.chrome_before``): the
#: article goes on across it only when more prose than this lies beyond.
BOUNDARY_COST = 40


class Unit(NamedTuple):
    """Kept lines ``start..end`` (inclusive) read as one paragraph. (A named tuple: cheap to
    make, and every view makes one per line.)"""

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



def line_units(texts: Sequence[str], chrome: Sequence[int] = ()) -> tuple[Unit, ...]:
    """One unit per kept line, with its shape.

    >>> [(u.start, u.words, u.prose) for u in line_units(["Home", "A paragraph on one line, as web extractors write it."])]
    [(0, 1, False), (1, 10, True)]
    """
    units = []
    for i, text in enumerate(texts):
        words, prose = line_shape(text.strip())
        units.append(Unit(i, i, text.strip(), words, prose, chrome[i] if chrome else 0))
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
        if score <= 0:
            score, start = gain, i
        else:
            # Removed chrome before a unit costs a span that runs across it; a span that
            # starts at the unit does not pay (the unit is as much prose either way).
            score += gain - (boundary_cost * unit.chrome_before // 2 if unit.chrome_before else 0)
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


@dataclass(frozen=True)
class EdgeRunOptions(Options):
    """``[NAV003]`` settings of the walk past the article's edge (``chrome.edge-run``; the
    headline rule reads them too, handed over by the registry)."""

    evidence: int = setting(EDGE_EVIDENCE, minimum=1)
    reset_words: int = setting(40, minimum=1)
    #: ``None``: one more than ``evidence``.
    sentence_evidence: int | None = setting(None, minimum=1)
    #: Take the prose between two short chrome lines past the edge, fewer than ``reset_words``
    #: words of it (a teaser's blurb under its headline in a list of stories), as chrome too.
    teasers: bool = True
    #: The longest paragraph taken as a teaser's blurb (a blurb is a sentence or two; a longer
    #: paragraph between two short lines is more likely the article's own, where the body's
    #: edge was misjudged).
    teaser_words: int = setting(25, minimum=1)


def units_past_edge(units: Sequence[Unit], first: int, last: int, options: EdgeRunOptions = EdgeRunOptions()) -> list[int]:
    """Indices of the short units past the article's edge (units ``first..last`` are the body).

    Walking outwards from the body, evidence accumulates where chrome was removed
    (``Unit.chrome_before``); past ``options.evidence`` of it every short unit is chrome, until
    ``reset_words`` of prose show the text has turned back into running text. A short unit
    that reads like a sentence (five words or more, mostly in lower case: a list item, not a
    menu entry) needs ``sentence_evidence``. Prose is in the result only as a teaser: fewer
    than ``reset_words`` of it between two short units taken as chrome that are no pieces of a
    sentence (they start in lower case) -- a blurb under its headline in a list of stories --
    or after the last of them once a teaser was taken; never a list item.

    >>> us = [Unit(0, 0, "", 2, False), Unit(1, 1, "", 2, False, 3), Unit(2, 2, "", 40, True),
    ...       Unit(3, 3, "", 3, False), Unit(4, 4, "", 3, False, 3), Unit(5, 5, "", 3, False)]
    >>> units_past_edge(us, 2, 2)
    [4, 5, 0]
    """
    evidence, reset_words = options.evidence, options.reset_words
    sentence_evidence = evidence + 1 if options.sentence_evidence is None else options.sentence_evidence
    out: list[int] = []
    below = [(u, units[u].chrome_before) for u in range(last + 1, len(units))]
    above = [(u, units[u + 1].chrome_before) for u in range(first - 1, -1, -1)]
    for walk in (below, above):
        found_evidence = prose = 0
        # Prose units since the last short unit taken as chrome, when that unit is no piece of
        # a sentence (``None``: not so): a teaser's blurb between the headlines of a list.
        teaser: list[int] | None = None
        teasers_taken = False
        # A list of stories shows its shape twice at least (headline, blurb, headline, blurb,
        # headline): one blurb between two short lines may be the body's own paragraph between
        # its subheadings, so the first teaser waits for a second.
        first_teaser: list[int] | None = None
        for u, found in walk:
            unit = units[u]
            if found:
                found_evidence, prose = found_evidence + found, 0
            if unit.prose:
                prose += unit.words
                if prose >= reset_words:
                    found_evidence, teaser, first_teaser = 0, None, None
                elif teaser is not None:
                    # (a list item is part of a list, not a blurb: it ends the run; so does a
                    # paragraph whose words the body writes: the article's own, not another story's)
                    if _LIST_ITEM.match(unit.text) or unit.words > options.teaser_words or _told_by(unit.text, body_words(units, first, last)):
                        teaser = None
                    else:
                        teaser = teaser + [u]
            elif found_evidence >= (sentence_evidence if sentence_like(unit.text) else evidence):
                out.append(u)
                heading = not _continues(unit.text)
                if teaser and heading and options.teasers:
                    # short prose between chrome lines: a teaser, once a second one shows a list
                    if teasers_taken:
                        out.extend(teaser)
                    elif first_teaser is not None:
                        out.extend(first_teaser + teaser)
                        teasers_taken = True
                    else:
                        first_teaser = teaser
                    prose = 0
                teaser = [] if heading else None
            else:
                teaser = None
        if teaser and teasers_taken:
            out.extend(teaser)  # the last teaser of a list that ends the text
    return out



#: A content word: four letters or more ("council"; not "the", "of").
_CONTENT_WORD = re.compile(r"[^\W\d_]{4,}")
#: A paragraph is the body's own when the body writes at least this share of its content words.
_TOLD_SHARE = 0.5


def body_words(units: Sequence[Unit], first: int, last: int) -> frozenset[str]:
    """The content words of the body (units ``first..last``), case-folded."""
    return _body_words(tuple(units[i].text for i in range(first, last + 1)))


@lru_cache(maxsize=256)
def _body_words(texts: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.casefold() for text in texts for w in _CONTENT_WORD.findall(text))


def _told_by(text: str, words: frozenset[str]) -> bool:
    """Does the body write at least half the content words of ``text`` (two at least)?"""
    own = {w.casefold() for w in _CONTENT_WORD.findall(text)}
    return len(own) >= 2 and len(own & words) >= _TOLD_SHARE * len(own)


#: A bulleted or numbered list item.
_LIST_ITEM = re.compile(r"\s*(?:[*+•·▪◦‣●■□–—-]|\d{1,3}[.)])\s")


def _continues(text: str) -> bool:
    """Does the line start in lower case (a piece of a sentence, not a headline or a label)?"""
    first = text.lstrip(" \"'“‘([*#>-")[:1]
    return first.islower()


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
