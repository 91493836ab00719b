"""Word evidence for layout repair: how common a word is in a language, and in this document.

De-hyphenation must decide whether ``inte-`` / ``rnational`` was one word split at a line end
(join: ``international``) or a compound broken at its own hyphen (keep: ``well-known``). Two
kinds of evidence answer that without guessing:

* the **language's word list** -- wordfreq's frequency lists (a maintained package built from
  Wikipedia, subtitles, news, books, web text and more; 40+ languages; no download at run time,
  the lists ship in the wheel). Frequencies are on the Zipf scale: 3.0 is once per million
  words, 6.0 once per thousand; 0.0 is "not in the list";
* the **document's own vocabulary** -- if ``well-known`` appears elsewhere in the text, the
  hyphen is the writer's; if ``international`` does, the split was the typesetter's.

The list of a language is read once per process (with the import, about 0.2-0.5 s and 50 MB
for English) and only when a document in layout mode needs it; a lookup is one dict access.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from typing import Iterable, Mapping

#: A word as the document vocabulary counts it: letters and digits, inner hyphens and
#: apostrophes kept (``well-known`` and ``well`` and ``known`` are different entries).
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


@lru_cache(maxsize=8)
def _frequencies(language: str) -> Mapping[str, float]:
    import wordfreq

    if language not in wordfreq.available_languages(wordlist="best"):
        return {}
    return wordfreq.get_frequency_dict(language, wordlist="best")


@lru_cache(maxsize=64)
def supported(language: str | None) -> bool:
    """Does wordfreq have a word list for ``language`` (a langdetect / ISO 639-1 code)?

    >>> supported("en"), supported("xx"), supported(None)
    (True, False, False)
    """
    if not language:
        return False
    import wordfreq

    return language in wordfreq.available_languages(wordlist="best")


def zipf(word: str, language: str | None) -> float:
    """The Zipf frequency of ``word`` (case-folded) in ``language``; 0.0 when unknown.

    >>> zipf("international", "en") > 5
    True
    >>> zipf("rnational", "en")
    0.0
    """
    if not language or not word:
        return 0.0
    freq = _frequencies(language).get(word.casefold(), 0.0)
    return round(math.log10(freq) + 9, 2) if freq > 0 else 0.0


class Vocabulary:
    """The words of one document, case-folded, with counts (hyphenated forms kept whole).

    >>> vocab = Vocabulary(["A well-known fact is well-known.", "It is international."])
    >>> vocab.count("well-known"), vocab.count("International"), vocab.count("wellknown")
    (2, 1, 0)
    """

    def __init__(self, texts: Iterable[str]) -> None:
        self._counts: Counter[str] = Counter()
        for text in texts:
            self._counts.update(w.casefold().replace("’", "'") for w in _WORD.findall(text))

    def count(self, word: str) -> int:
        return self._counts.get(word.casefold().replace("’", "'"), 0)
