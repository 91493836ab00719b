"""Line shape: cheap tests of what a line looks like (a sentence, a headline, a label).

Shared by the rules that judge lines by their form and position; language-neutral where it can
be (CJK text has no spaces between words, so "words" there are counted in characters).
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: Characters that end a sentence, possibly followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?…。！？]['\"’”»)\]]*$")
_TERMINAL_PUNCT = re.compile(r"[.!?…。！？:;,]['\"’”»)\]]*$")


@lru_cache(maxsize=1 << 14)  # rules and the guard count the same lines again and again
def word_count(text: str) -> int:
    """Words in ``text``; each CJK ideograph or kana counts as half a word (rounded up).

    >>> word_count("China will hold a strategic dialogue")
    6
    >>> word_count("중국과 나토")
    2
    """
    n = len(_WORD.findall(text))
    cjk = len(_CJK.findall(text))
    if cjk:
        # A run of ideographs matched as one "word"; count characters instead.
        n = n - len(re.findall(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+", text)) + (cjk + 1) // 2
    return n


def ends_sentence(text: str) -> bool:
    """Does the line end like a sentence (., !, ?, …, possibly inside closing quotes)?

    >>> ends_sentence("He left.”"), ends_sentence("Share on Facebook")
    (True, False)
    """
    return _SENTENCE_END.search(text.rstrip()) is not None


#: A word as the capitals test counts it: two letters or more.
_CAPS_WORD = re.compile(r"[^\W\d_]{2,}")


@lru_cache(maxsize=1 << 14)  # the layout rules ask about the same lines pair after pair
def in_capitals(text: str) -> bool:
    """A line set in capitals (a printed heading, section head or dateline): two thirds of its
    words of two letters or more are in capitals (OCR misreads a letter or two in lower case).

    >>> in_capitals("COBAR, FRIDAY."), in_capitals("LAW."), in_capitals("The UN and NATO met.")
    (True, True, False)
    """
    words = _CAPS_WORD.findall(text)
    if not words or sum(len(w) for w in words) < 3:
        return False
    return sum(w.isupper() for w in words) >= 2 / 3 * len(words)


def ends_with_punctuation(text: str) -> bool:
    return _TERMINAL_PUNCT.search(text.rstrip()) is not None


def is_prose(text: str) -> bool:
    """A line of running text: a sentence of some length, not a label or a menu item.

    >>> is_prose("China will hold a strategic dialogue with NATO next year.")
    True
    >>> is_prose("Please enter your comment!")
    False
    """
    return line_shape(text)[1]


#: A full stop, question or exclamation mark ending a sentence inside or at the end of a line.
_SENTENCE_STOP = re.compile(r"[.!?。！？…]['\"’”»)\]]*(?:\s|$)")
_TOKEN = re.compile(r"\S*[^\W_]\S*")


def flat_list(text: str, min_items: int = 16) -> bool:
    """A list flattened into one line: many words, no sentence ending anywhere, hardly a comma,
    and most words capitalised or numbers -- a menu, a month archive, a tag cloud or a
    drop-down's options that an extractor wrote on one line. Sentences and a credits list
    ("Director_Jane Roe, Writer_John Doe, ...") have their stops and commas.

    >>> flat_list("Archives Select Month October 2019 September 2019 August 2019 July 2019 June 2019 May 2019 April 2019")
    True
    >>> flat_list("Feel a deep desire to build a business that makes a difference but are not sure what it takes")
    False
    """
    tokens = _TOKEN.findall(text)
    if len(tokens) < min_items or _SENTENCE_STOP.search(text.strip()):
        return False
    if text.count(",") > 0.1 * len(tokens):
        return False
    capitalised = sum(1 for t in tokens if t.lstrip("(“\"‘'[#")[:1].isupper() or t[:1].isdigit())
    return capitalised >= 0.7 * len(tokens)


def looks_like_headline(text: str, max_words: int = 24, max_chars: int = 220) -> bool:
    """A short line that reads as a headline: a few words, no sentence-final period or colon.

    >>> looks_like_headline("China, NATO to Enter into Strategic Talks Next Year")
    True
    >>> looks_like_headline("According to Beijing, China is committed to peace.")
    False
    """
    stripped = text.strip()
    if not stripped or len(stripped) > max_chars:
        return False
    words = word_count(stripped)
    if words < 2 or words > max_words:
        return False
    if stripped[-1] in ".:;,":
        return stripped.endswith("...") or stripped.endswith("…")
    return True


@lru_cache(maxsize=1 << 14)
def line_shape(text: str) -> tuple[int, bool]:
    """``(word_count(text), is_prose(text))``, cached: every line rule asks for the same lines.

    >>> line_shape("China will hold a strategic dialogue with NATO next year.")
    (10, True)
    """
    words = word_count(text)
    if words >= 16:
        return words, not flat_list(text)
    return words, words >= 7 and ends_sentence(text)
