"""Hard-wrapped text (not scanned) turned back into one line per paragraph, before the line rules.

Many tools write text wrapped at a fixed width: ``fmt`` and ``textwrap``, html2text (Markdown at
78 columns), lynx and w3m dumps, newswire feeds, mailing-list archives. Judged line by line, a
wrapped paragraph is a run of short lines that end mid-sentence: the chrome rules would take it
for a menu. This module finds the wrap from the document's own evidence and joins the wrapped
lines, so the line rules judge logical paragraphs (a wrapped menu is still a menu, a wrapped
paragraph is prose).

**The evidence.** A wrapper fills a line up to a width ``W`` and breaks where the next word would
not fit, so a line ``a`` followed in its paragraph by ``b`` satisfies
``len(a) <= W < len(a) + 1 + len(first word of b)``: every such pair gives an interval of widths,
and the document's width is the width most intervals agree on (any width from 30 to 150
columns; an optimal-fit wrapper such as ``fmt`` breaks a little early, which ``tolerance``
allows). The document counts as wrapped when enough of those full lines also end mid-sentence
and go on in lower case on the next line -- in text written one paragraph per line they almost
never do.

**What is joined.** Two neighbouring lines of one block (no blank line between them) when the
first is full at the width. Never joined: a line onto a heading (``#``) or a list item, a bullet
or a numbered line onto the line above, an indented first line onto the paragraph above, a
``>`` quote onto plain text (or back); a quoted line's ``>`` is dropped when it joins the quote's
line above; a link definition's wrapped address is left to MRK002. A run of joins is kept only
when it shows the wrap itself (a continuation in lower case or after a comma, a last line ending
a sentence the first did not end, or lines all full without the tolerance), so a list of
one-per-line headlines next to a wrapped body stays one item per line, and so do menus: their
lines are not full. A sentence the wrap showed running on goes on past a short remainder (text
wrapped twice). Where blank lines do not part the paragraphs, a full line ending a sentence
before a capital is a paragraph break (both halves are whole sentences; a wrong join would glue
chrome onto the article).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .base import Action, DocumentRule, Edit, Replace, Stage
from .ocr import _CJK, _LINK_DEFINITION
from ..text.shape import ends_sentence
from .view import DocView

MIN_WIDTH = 30
MAX_WIDTH = 150
_OPENING = "“\"‘'([*_"
_CLOSING = ".,;:!?)]”’\"'»*_"
#: A list item, a Markdown heading or a link definition: a line that starts a unit of its own.
_ITEM = re.compile(r"^(?:[•●▪◦·■□➢►–—]\s*|[-*+]\s|\d{1,3}[.)]\s|\(\d{1,3}\)\s|\[\d{1,3}\]|#{1,6}\s|\[[^\]\s]{1,40}\]:\s*\S)")
#: A word split at a line end: its letters (and the compound before it), then a hyphen.
_SPLIT = re.compile(r"(?P<head>\S*[^\W\d_])[-‐¬]$")
_LEADING = re.compile(r"[^\W_]+")
_BULLET = re.compile(r"^(?:[•●▪◦·■□➢►–—-]|[*+]|\d{1,3}[.)])\s+")
_QUOTE = re.compile(r"^(?:>\s?)+")
#: A line that clearly goes on: it ends in a comma, an open bracket, a dash or a hyphen.
_UNFINISHED = re.compile(r"[,(\[\-‐–—/&]$")


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def _first_word(text: str) -> str:
    parts = text.split(None, 1)
    return parts[0] if parts else ""


def _goes_on(text: str) -> bool:
    """Does the line start like the continuation of a sentence (lower case, a digit, a
    caseless script)?"""
    first = text.lstrip(_OPENING)[:1]
    return first.islower() or first.isdigit() or (first.isalpha() and not first.isupper())


def _lower(text: str) -> bool:
    """Does the line start with a word in lower case? (The surest sign of a continued sentence;
    a digit or a caseless script may as well start an item, and an address or a time stamp
    starting in lower case is no word.)"""
    word = _first_word(_unquoted(text).lstrip(_OPENING)).rstrip(_CLOSING)
    return word[:1].islower() and all(ch.isalpha() or ch in "-'’" for ch in word)


def _unquoted(text: str) -> str:
    """The line without its indentation and ``>`` quoting."""
    return text.strip().lstrip(">").lstrip()


@dataclass(frozen=True)
class Wrap:
    """A document's wrap: its width, and the line pairs that are wrap points."""

    width: int
    #: Indices ``i`` (into the lines given) such that line ``i + 1`` continues line ``i``.
    joins: frozenset[int]
    #: The share of the sentences going on in lower case on the next line that the joins
    #: account for: all of them in text a tool wrapped; fewer in a scan printed in a
    #: proportional font, where a line's characters do not measure how full it is.
    explained: float = 1.0


def _full(a: str, b: str, width: int, tolerance: int) -> bool:
    """Was line ``a`` broken because ``b``'s first word would not fit within ``width``? A
    line ending a sentence before a capital must be full without the tolerance: it may end a
    paragraph."""
    n = len(a.rstrip())
    if n > width + 1 or n < width / 2:
        return False  # longer than the width; or so short that only a token too long to fit (an address) follows
    if ends_sentence(a) and not _goes_on(_unquoted(b)):
        tolerance = 0
    return n + 1 + len(_first_word(b)) > width - tolerance


def _starts_unit(a: str, b: str) -> bool:
    """Does ``b`` start a unit of its own after ``a`` (a heading, list item, quote change or
    indented first line), whatever the widths?"""
    sa, sb = a.strip(), b.strip()
    if sa.startswith("#") or sb.startswith("#") or _LINK_DEFINITION.match(sa):
        return True  # a heading; a link definition's wrapped address is no sentence (MRK002 takes both)
    qa, qb = _QUOTE.match(sa), _QUOTE.match(sb)
    if (qa is None) != (qb is None):
        return True
    if qa is not None and qb is not None:
        sa, sb = sa[qa.end():], sb[qb.end():]
        if not sb:
            return True
    if _ITEM.match(sb):
        return True
    ia, ib = _indent(a), _indent(b)
    first = _first_word(sb)
    if ia and ia == ib and len(first) <= 2 and _first_word(sa) == first:
        return True  # indented lines opening with the same mark: a list ("o January", "o February")
    bullet = _BULLET.match(sa)
    if bullet is not None:
        return ib != ia + bullet.end()  # a list item's hanging indent goes on; anything else starts anew
    return ib >= ia + 2  # an indented first line


def _pairs(lines: list[str], blank_before: list[bool]) -> list[int]:
    return [i for i in range(len(lines) - 1) if not blank_before[i + 1] and lines[i].strip() and lines[i + 1].strip()]


def _best_width(lines: list[str], pairs: list[int], tolerance: float) -> int | None:
    """The width that the most pairs were wrapped at (a sweep over their intervals)."""
    cover = [0] * (MAX_WIDTH + 2)
    for i in pairs:
        a = lines[i].rstrip()
        lo = len(a)
        hi = lo + len(_first_word(lines[i + 1])) + int(tolerance * lo)
        if lo > MAX_WIDTH or hi < MIN_WIDTH:
            continue
        cover[max(lo, MIN_WIDTH)] += 1
        cover[min(hi, MAX_WIDTH) + 1] -= 1
    best, best_count, running = None, 0, 0
    for w in range(MAX_WIDTH + 1):
        running += cover[w]
        if running > best_count:  # the narrowest of the widths most pairs agree on
            best, best_count = w, running
    return best


def find_wrap(lines: list[str], blank_before: list[bool] | None = None, min_points: int = 3, min_share: float = 0.25,
              tolerance: float = 0.1, max_longer: float = 0.1) -> Wrap | None:
    """The document's wrap, or ``None`` when its lines are not hard-wrapped.

    ``lines``: the non-blank lines; ``blank_before[i]``: a blank line (or more) stands before
    line ``i``. Wrapped when at least ``min_points`` full lines end mid-sentence and go on in
    lower case, they are at least ``min_share`` of the full lines that end mid-sentence, and at
    most ``max_longer`` of the lines at least half as long as the width are longer than it.

    >>> text = ("The council voted on Tuesday to close the old bridge for\\nrepairs that will take "
    ...         "most of the summer, officials said,\\nand traffic will go by the ring road until the "
    ...         "work is done\\nin the autumn, when the new deck is laid.")
    >>> find_wrap(text.split("\\n"))
    Wrap(width=59, joins=frozenset({0, 1, 2}), explained=1.0)
    >>> find_wrap(["One paragraph per line, as most extractors write it.", "Another one."] * 4) is None
    True
    """
    if blank_before is None:
        blank_before = [False] * len(lines)
    pairs = _pairs(lines, blank_before)
    if len(pairs) < min_points:
        return None
    # (list items and headings break where their writer did: no evidence of a width)
    width = _best_width(lines, [i for i in pairs if not _starts_unit(lines[i], lines[i + 1])], tolerance)
    if width is None:
        return None
    slack = int(tolerance * width)
    full = [i for i in pairs if _full(lines[i], lines[i + 1], width, slack) and not _starts_unit(lines[i], lines[i + 1])]
    mid = [i for i in full if not ends_sentence(lines[i])]
    sure = [i for i in mid if _lower(lines[i + 1])]
    if len(sure) < min_points or len(sure) < min_share * len(mid):
        return None
    # A wrapper leaves no line of words longer than the width; text written one paragraph per
    # line has many (and, by chance, some full-looking pairs among its shorter lines).
    wide = sum(1 for line in lines if len(line.rstrip()) >= width / 2)
    longer = sum(1 for line in lines if len(line.rstrip()) > width + slack and " " in line.strip() and not _ITEM.match(line.strip()))
    if longer > max_longer * wide:
        return None
    # Where paragraphs are not set apart by blank lines, a full line ending a sentence before a
    # capital may as well end its paragraph (the next line a new one, or a line of chrome);
    # broken there, both halves are whole sentences, while a wrong join would glue chrome onto
    # the article. Where blank lines part the paragraphs, it is a wrap point like any other.
    blocks = 1 + sum(1 for b in blank_before[1:] if b)
    if blocks < 0.5 * len(_runs(full)):
        # (and before any other capital the line must be full without the tolerance: a
        # heading may stand right above its first paragraph)
        full = [i for i in full if _goes_on(_unquoted(lines[i + 1]))
                or not ends_sentence(lines[i]) and _full(lines[i], lines[i + 1], width, 0)]
    joins: set[int] = set()
    for run in _runs(full):
        if _shows_wrap(lines, run, width):
            joins.update(run)
    # A sentence that a wrap showed running on goes on past a line that does not end it, full
    # or not: text wrapped twice (at 80, then again at 72) leaves a short remainder of each
    # line ("stay") before the next line of the first wrap ("inside. We moved ...").
    pair_set = set(pairs)
    for i in range(1, len(lines) - 1):
        if i - 1 in joins and i not in joins and i in pair_set and not ends_sentence(lines[i]) and _lower(lines[i + 1]) \
                and not _starts_unit(lines[i], lines[i + 1]):
            joins.add(i)
    if not joins:
        return None
    going_on = [i for i in pairs if not ends_sentence(lines[i]) and _lower(lines[i + 1]) and not _starts_unit(lines[i], lines[i + 1])]
    explained = sum(1 for i in going_on if i in joins) / len(going_on) if going_on else 1.0
    return Wrap(width, frozenset(joins), explained)


def text_wrap(text: str) -> Wrap | None:
    """:func:`find_wrap` of a whole text (its non-blank lines, and which follow a blank one)."""
    lines: list[str] = []
    blank_before: list[bool] = []
    gap = False
    for line in text.split("\n"):
        if line.strip():
            lines.append(line)
            blank_before.append(gap)
            gap = False
        else:
            gap = True
    return find_wrap(lines, blank_before)


def _runs(points: list[int]) -> list[list[int]]:
    """Consecutive wrap points grouped into runs (one run per joined paragraph)."""
    runs: list[list[int]] = []
    for i in points:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _shows_wrap(lines: list[str], run: list[int], width: int) -> bool:
    """Does a run of joins look like a wrapped paragraph rather than a list of items that
    happen to be nearly as long as the width? One continuation in lower case or after an
    unfinished line is enough; so is a run that ends a sentence its first line did not end, or
    whose lines are all full without the tolerance (a wrapped title-case headline)."""
    for i in run:
        a = lines[i].rstrip()
        if _lower(lines[i + 1]) or _UNFINISHED.search(a):
            return True
    first, last = lines[run[0]], lines[run[-1] + 1]
    if not ends_sentence(first) and ends_sentence(last):
        return True
    return all(_full(lines[i], lines[i + 1], width, 0) for i in run)


def join_lines(a: str, b: str) -> str:
    """``a`` and its continuation ``b`` as one line: a space between them (none between CJK
    characters, none after a hyphen that the wrapper broke a compound at), the ``>`` of a
    quoted continuation dropped."""
    left = a.rstrip()
    right = b.strip()
    if _QUOTE.match(left.lstrip()) and (q := _QUOTE.match(right)):
        right = right[q.end():]
    if _CJK.match(left[-1:]) and _CJK.match(right[:1]):
        return left + right
    if left.endswith("-") and left[-2:-1].isalpha() and right[:1].isalpha():
        return left + right  # textwrap breaks compounds after their hyphen: well- / known
    return left + " " + right


class UnwrapText(DocumentRule):
    """Join the hard-wrapped lines of a paragraph into one line, in text that is not a scan.

    Before::

        The council voted on Tuesday to close the old bridge for
        repairs that will take most of the summer, officials said.

        Traffic will be sent over the new ring road, which opened
        last year, and buses will stop at the station on both
        sides.

        Home
        News

    After (the menu is not joined: its lines stay lines, which NAV007 then removes)::

        The council voted on Tuesday to close the old bridge for repairs that will take most of the summer, officials said.

        Traffic will be sent over the new ring road, which opened last year, and buses will stop at the station on both sides.

    The width (30-150 columns) and the wrap are measured on the document itself (see the
    module docstring); Markdown wraps (a ``>`` quote, a list item's hanging indent, a
    ``[link](url)`` split across lines) are joined as the text they are. Each join is a
    ``repaired`` change.

    Leaves alone: text written one paragraph per line, menus and lists one item per line,
    headings, indented first lines, paragraph breaks (a blank line, a short last line). Text
    that looks scanned (``cleaner.rules.layout_detect``) is joined by the OCR rules instead
    (``ocr.unwrap``, ``ocr.dehyphenate``); ``layout = "wrap"`` runs this rule alone on every
    text, for corpora known not to be scans.
    """

    code = "WRP001"
    name = "wrap.unwrap"
    summary = "Join the lines of hard-wrapped paragraphs (any width, Markdown, quotes); keep menus, lists and headings."
    stage = Stage.LAYOUT
    action = Action.REPAIRED
    every_text = True

    @staticmethod
    def _glue(text: str, nxt: str) -> str:
        """``text`` and its continuation ``nxt`` as one line. A text tool breaks a line only
        at a space or after a hyphen already in the text (``well-`` / ``known``), never inside
        a word, so a line-end hyphen is kept and nothing is inserted after it; only ``¬``, a
        transcriber's hyphenation mark, is dropped."""
        m = _SPLIT.search(text.rstrip())
        if m is None or _LEADING.match(nxt.strip()) is None:
            return join_lines(text, nxt)
        left, right = text.rstrip(), nxt.strip()
        return left[:-1] + right if left.endswith("¬") else left + right

    def edits(self, doc: DocView) -> Iterable[Edit]:
        lines = doc.lines
        # Widths are measured on the lines as they were wrapped (before MRK001 took a link's
        # target out of one, say); each kept line is still one raw line here.
        raw = doc.raw_lines
        laid_out = [raw[line.no - 1] if raw is not None else line.text for line in lines]
        wrap = find_wrap(laid_out, [line.gap_before > 0 or line.removed_before > 0 for line in lines])
        if wrap is None:
            return []
        joins = wrap.joins
        out: list[Edit] = []
        i = 0
        while i < len(lines):
            if i not in joins:
                i += 1
                continue
            start, text = i, lines[i].text
            while i in joins:
                text = self._glue(text, lines[i + 1].text)
                i += 1
            out.append(Replace(start, i, text))
            i += 1
        return out
