"""Does a text look like OCR / hard-wrapped output? (decides the layout stage in ``auto`` mode)

Web extractors write one paragraph per line: a line ends where a paragraph or a list item ends,
and the next line starts a new sentence. A scanned or hard-wrapped column is filled line by
line up to a width: a line ends where the next word would not fit, mostly in the middle of a
sentence, and the next line goes on in lower case (or finishes a hyphenated word). The test
counts such *wrap points*:

* two lines of one block (no blank line between them), the first not ending a sentence;
* the next line going on in lower case (or in a script without case), or the first ending in a
  split word (``elec-`` / ``tions``);
* the first line full: the next line's first word would not have fitted on it (greedy wrapping),
  within a width typical of columns (``min_width`` to ``max_width`` characters).

A text with page furniture between its lines (a page number beside a running head, see
``cleaner.rules.pagination``) is scanned output too, even when its lines are short, and so is a
text with several words split at line ends and finished in lower case on the next line.
"""

from __future__ import annotations

import math
import re
from typing import Callable

from ..text.shape import ends_sentence

_SPLIT_WORD = re.compile(r"[^\W\d_]-$")
#: The word before a line-end hyphen (with the compound it may end: ``direct-to-``).
_SPLIT_HEAD = re.compile(r"(\S*[^\W\d_])-$")
_TAIL = re.compile(r"[^\W_]+")
_PAGE_NUMBER = re.compile(r"\d{1,4}")
#: A running head ending in a date: "Morning Courier — Friday, March 21, 1987".
_DATED_HEAD = re.compile(r"^[^\W\d_][^.!?]{0,60}[^\W\d_]{3,}\.?\s+\d{1,2},?\s+\d{4}$")
_OPENING = "“\"‘'(["


def _blocks(text: str) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in text.split("\n"):
        line = raw.strip()
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _goes_on(line: str) -> bool:
    first = line.lstrip(_OPENING)[:1]
    return first.islower() or (first.isalpha() and not first.isupper())


def wrap_points(text: str, min_width: int = 25, max_width: int = 120) -> tuple[int, int]:
    """``(wrap points, non-blank lines)`` of ``text`` (see the module docstring).

    >>> wrap_points("The quick brown fox jumps over the\\nlazy dog and then runs into the\\nforest to hide.")
    (2, 3)
    """
    points, _, lines = _wrap_points(_blocks(text), min_width, max_width)
    return points, lines


def _wrap_points(blocks: list[list[str]], min_width: int = 25, max_width: int = 120) -> tuple[int, int, int]:
    """``(wrap points, name wraps, non-blank lines)``: a *name wrap* is a full line ending in a
    word or a comma before a line that starts with a capital ("Mr. Horatio" / "Bottomley"), as
    a column wraps before names; it supports the wrap points, it does not prove a column alone
    (a title-case list looks the same)."""
    lines = sum(len(b) for b in blocks)
    pairs = [(b[i], b[i + 1]) for b in blocks for i in range(len(b) - 1)]
    if not pairs:
        return 0, 0, lines
    lengths = sorted(len(a) for a, _ in pairs)
    width = lengths[math.ceil(0.9 * (len(lengths) - 1))]
    if not min_width <= width <= max_width:
        return 0, 0, lines
    points = names = 0
    for a, b in pairs:
        first_word = b.split(None, 1)[0]
        if not (len(a) <= width and len(a) + 1 + len(first_word) > 0.9 * width):
            continue
        if _SPLIT_WORD.search(a) is not None or not ends_sentence(a) and _goes_on(b):
            points += 1
        elif (a[-1].isalpha() or a[-1] == ",") and b.lstrip(_OPENING)[:1].isupper():
            names += 1
    return points, names, lines


def has_page_furniture(text: str) -> bool:
    """A page number alone between blank lines with an all-capitals or date line beside it.

    >>> has_page_furniture("the election cycle\\n\\n4\\n\\nMORNING COURIER — FRIDAY, MARCH 21, 1987\\n\\nwhere it")
    True
    >>> has_page_furniture("Top three\\n\\n1\\n\\nKyle Busch won.")
    False
    """
    return _has_page_furniture(_blocks(text))


def _has_page_furniture(blocks: list[list[str]]) -> bool:
    for i, block in enumerate(blocks):
        if len(block) != 1 or not _PAGE_NUMBER.fullmatch(block[0]):
            continue
        for j in (i - 1, i + 1):
            if 0 <= j < len(blocks) and len(blocks[j]) == 1:
                head = blocks[j][0]
                letters = [ch for ch in head if ch.isalpha()]
                if len(head) > 80 or ends_sentence(head) or len(letters) < 3:
                    continue
                if all(ch.isupper() for ch in letters if ch.isupper() or ch.islower()) or _DATED_HEAD.match(head):
                    return True
    return False


def split_words(text: str) -> int:
    """Lines of a block ending in a split word that the next line finishes in lower case.

    >>> split_words("a similar message ahead of the elec-\\ntions in Virginia")
    1
    """
    return _split_words(_blocks(text))


def _split_words(blocks: list[list[str]]) -> int:
    return sum(1 for block in blocks for a, b in zip(block, block[1:]) if _SPLIT_WORD.search(a) and b[:1].islower())


def looks_scanned(text: str, typeset_split: "Callable[[str, str, str], bool] | None" = None,
                  misread: "Callable[[str], bool] | None" = None, min_explained: float = 0.95) -> bool:
    """True when the text gets the OCR rules: it looks hard-wrapped (:func:`looks_hard_wrapped`)
    and shows a sign of print that a text tool never leaves: page furniture, the misreadings of
    an OCR engine (``misread(text)``: words that one typical confusion turns into common words,
    ``tho``, ``reportod``, at a rate edited text never shows), a word the
    typesetter split at a line end (``typeset_split(head, tail, text)`` says whether ``head-`` /
    ``tail`` is one word broken in two; tools only break at a hyphen already there, as in
    ``well-`` / ``known``), or a wrap that is not the clean wrap ``cleaner.rules.wrap`` measures
    (a width the lines agree on: nearly every sentence that goes on in lower case on the next
    line was broken there because the next word did not fit). Text a tool wrapped (``fmt``,
    html2text, a newswire feed) is joined by ``wrap.unwrap`` alone, which keeps its menus,
    lists, quotes and headings apart.

    >>> column = "\\n".join(["The quick brown fox jumps over the lazy", "dog and then runs into the forest to"] * 6)
    >>> looks_scanned(column), looks_scanned(column + "\\n\\n4\\n\\nMORNING COURIER — FRIDAY, MARCH 21, 1987")
    (False, True)
    """
    return scan_evidence(text, typeset_split, misread, min_explained) is not None


def scan_evidence(text: str, typeset_split: "Callable[[str, str, str], bool] | None" = None,
                  misread: "Callable[[str], bool] | None" = None, min_explained: float = 0.95) -> str | None:
    """The sign of print :func:`looks_scanned` found, in words (``None``: none, or the text is
    not hard-wrapped); ``cleaner explain`` shows it.

    >>> scan_evidence("Just one line.") is None
    True
    """
    if not looks_hard_wrapped(text):
        return None
    blocks = _blocks(text)
    if _has_page_furniture(blocks):
        return "page furniture (a page number beside a running head)"
    if misread is not None and misread(text):
        return "OCR misreadings (words one typical confusion turns into common words)"
    for block in blocks:
        for a, b in zip(block, block[1:]):
            m = _SPLIT_HEAD.search(a)
            tail = _TAIL.match(b)
            if m is not None and tail is not None and b[:1].islower() and (typeset_split is None or typeset_split(m.group(1), tail.group(0), text)):
                return f"a word the typesetter split at a line end ({m.group(1)}- / {tail.group(0)})"
    from .wrap import text_wrap

    wrap = text_wrap(text)
    if wrap is None:
        return "wraps at no width a text tool keeps"
    if wrap.explained < min_explained:
        return f"wraps a text tool would not make ({wrap.explained:.0%} explained by one width)"
    return None


def looks_hard_wrapped(text: str, min_points: int = 4, min_share: float = 0.2, min_splits: int = 3) -> bool:
    """True when the text is a hard-wrapped column (enough wrap points), shows page furniture or
    has words split at line ends.

    >>> column = "\\n".join(["The quick brown fox jumps over the lazy", "dog and then runs into the forest to"] * 6)
    >>> looks_hard_wrapped(column)
    True
    >>> looks_hard_wrapped("One paragraph per line.\\nAnother one, quite a bit longer than the first.\\n" * 6)
    False
    """
    blocks = _blocks(text)  # split once for the three tests
    points, names, lines = _wrap_points(blocks)
    if lines and points >= min_points and points / lines >= min_share:
        return True
    if lines and points >= min_points // 2 and points + names >= min_points and (points + names) / lines >= 1.5 * min_share:
        return True  # a short column whose wraps fall before names as often as not
    return _has_page_furniture(blocks) or _split_words(blocks) >= min_splits
