"""Language detection with langdetect, made deterministic and bounded in cost.

langdetect is randomised; ``DetectorFactory.seed = 0`` makes it repeatable. Its cost grows with
the text length, so only a bounded sample is read (``language_sample_chars``). The profiles
(~0.2 s to load) are read on first use only, so importing the cleaner stays fast.
"""

from __future__ import annotations

import threading
from typing import Any

UNDETERMINED = "und"

_lock = threading.Lock()
_factory: Any = None


def _get_factory() -> Any:
    global _factory
    if _factory is None:
        with _lock:
            if _factory is None:
                from langdetect import detector_factory

                detector_factory.DetectorFactory.seed = 0
                detector_factory.init_factory()
                _factory = detector_factory._factory
    return _factory


_fast_detector: Any = None


def _detector_class() -> Any:
    """:class:`langdetect.detector.Detector` with its per-character Python loops replaced by
    equivalent string and list operations: the same n-grams, the same random draws, the same
    floating-point operations in the same order, so the same probabilities, about twice as
    fast (``tests/test_fast_paths.py`` checks the equality against langdetect itself)."""
    global _fast_detector
    if _fast_detector is not None:
        return _fast_detector
    import re

    from langdetect.detector import Detector
    from langdetect.lang_detect_exception import ErrorCode, LangDetectException
    from langdetect.utils.ngram import NGram

    space_runs = re.compile(" {2,}")
    latin_letters = re.compile("[A-z]")  # langdetect's own test, 'A' <= ch <= 'z'
    # Characters from U+0300 up. langdetect means to leave out the Latin Extended Additional
    # block here, but compares a block number with a block name, so it never does.
    non_latin = re.compile("[\u0300-\U0010ffff]")
    word_run = re.compile("[^ ]+")
    word_grams: dict[tuple[str, bool], list[str]] = {}

    class Normalized(dict):  # type: ignore[type-arg]
        """``str.translate`` table: code point -> langdetect's normalised character."""

        def __missing__(self, code: int) -> str:
            self[code] = value = NGram.normalize(chr(code))
            return value

    normalized = Normalized()

    class FastDetector(Detector):  # type: ignore[misc]
        def append(self, text: str) -> None:
            text = self.URL_RE.sub(" ", text)
            text = self.MAIL_RE.sub(" ", text)
            text = NGram.normalize_vi(text)
            self.text += space_runs.sub(" ", text[: self.max_text_length])

        def cleaning_text(self) -> None:
            latin_count = len(latin_letters.findall(self.text))
            non_latin_count = len(non_latin.findall(self.text))
            if latin_count * 2 < non_latin_count:
                self.text = latin_letters.sub("", self.text)

        def _extract_ngrams(self) -> list[str]:
            # langdetect walks the text a character at a time; its n-grams never cross a
            # space, so they are the same word by word, and a word's n-grams are cached.
            text = self.text.translate(normalized)
            result: list[str] = []
            end = len(text)
            for match in word_run.finditer(text):
                key = (match.group(), match.end() < end)
                grams = word_grams.get(key)
                if grams is None:
                    if len(word_grams) > 50_000:  # bounded: memory stays flat in corpus size
                        word_grams.clear()
                    grams = word_grams[key] = _word_ngrams(key[0], key[1], self.word_lang_prob_map)
                result.extend(grams)
            return result

        def _detect_block(self) -> None:
            self.cleaning_text()
            ngrams = self._extract_ngrams()
            if not ngrams:
                raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
            # Every extracted n-gram is in the profile map; draw as random.choice does
            # (seq[_randbelow(len(seq))]), so the draws are the same, and look up only the
            # n-grams drawn (a few hundred of the thousands extracted).
            known = self.word_lang_prob_map
            count = len(ngrams)
            n = len(self.langlist)
            self.langprob = [0.0] * n
            self.random.seed(self.seed)
            randbelow = self.random._randbelow
            threshold, limit = self.CONV_THRESHOLD, self.ITERATION_LIMIT
            for _ in range(self.n_trial):
                prob = self._init_probability()
                alpha = self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH
                w = alpha / self.BASE_FREQ
                # langdetect multiplies in one draw per step and normalises at steps 0, 5,
                # 10, ...: step 0 alone, then five draws per pass over the languages.
                # ``p * (w + a) * (w + b)`` is ``(p * (w + a)) * (w + b)``: the same
                # products in the same order as five separate passes, at a fifth of the
                # loop overhead.
                word_probs = known[ngrams[randbelow(count)]]
                prob = [p * (w + q) for p, q in zip(prob, word_probs)]
                i = 0
                while True:
                    total = sum(prob)
                    prob = [p / total for p in prob]
                    if max(prob) > threshold or i >= limit:
                        break
                    a = known[ngrams[randbelow(count)]]
                    b = known[ngrams[randbelow(count)]]
                    c = known[ngrams[randbelow(count)]]
                    d = known[ngrams[randbelow(count)]]
                    e = known[ngrams[randbelow(count)]]
                    prob = [p * (w + qa) * (w + qb) * (w + qc) * (w + qd) * (w + qe)
                            for p, qa, qb, qc, qd, qe in zip(prob, a, b, c, d, e)]
                    i += 5
                for j in range(n):
                    self.langprob[j] += prob[j] / self.n_trial

    _fast_detector = FastDetector
    return FastDetector


def _word_ngrams(word: str, spaced: bool, known: Any) -> list[str]:
    """The n-grams langdetect takes from one normalised word (a run without spaces), in its
    order: at each letter the 1-, 2- and 3-gram ending there (a space before the word counts),
    none inside a run of capitals, and two ending in the space after the word if one follows."""
    padded = " " + word
    out: list[str] = []
    prev = " "
    for k, ch in enumerate(word):
        if not (ch.isupper() and prev.isupper()):
            if ch in known:
                out.append(ch)
            gram = padded[k:k + 2]
            if gram in known:
                out.append(gram)
            if k:
                gram = padded[k - 1:k + 2]
                if gram in known:
                    out.append(gram)
        prev = ch
    if spaced:
        for gram in (word[-1] + " ", padded[-2:] + " "):
            if gram in known:
                out.append(gram)
    return out


def sample(text: str, limit: int) -> str:
    """The first ``limit`` characters of ``text``, cut back to a word boundary.

    >>> sample("one two three", 9)
    'one two'
    """
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return cut[:space] if space > limit // 2 else cut


def detect_language(text: str, limit: int = 1500) -> tuple[str, float]:
    """``(language, probability)`` for ``text``; ``("und", 0.0)`` when there is nothing to go on.

    >>> detect_language("China will hold a strategic dialogue with the North Atlantic Treaty Organization.")[0]
    'en'
    """
    if not text.strip():
        return UNDETERMINED, 0.0
    from langdetect.lang_detect_exception import LangDetectException

    factory = _get_factory()
    detector = _detector_class()(factory)
    detector.append(sample(text, limit))
    try:
        best = detector.get_probabilities()
    except LangDetectException:
        return UNDETERMINED, 0.0
    if not best:
        return UNDETERMINED, 0.0
    top = best[0]
    return str(top.lang), round(float(top.prob), 4)
