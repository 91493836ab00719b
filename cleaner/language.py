"""Language detection with langdetect, made deterministic and bounded in cost.

langdetect is randomised; a fixed seed (0) makes it repeatable. Its cost grows with the text
length, so only a bounded sample is read (``language_sample_chars``). Its profiles are read on
first use only, so importing the cleaner stays fast, and into one array (:class:`Profiles`)
rather than langdetect's dict of lists: three times faster to load and smaller in memory.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

UNDETERMINED = "und"

_lock = threading.Lock()
_profiles: "Profiles | None" = None


@dataclass(frozen=True)
class Profiles:
    """langdetect's language profiles as a detector reads them, in the shape of its factory.

    ``word_lang_prob_map`` maps each n-gram to its row of ``matrix`` (langdetect's maps it to
    a list of probabilities); ``matrix[row][k]`` is the n-gram's probability in language
    ``langlist[k]``, computed as langdetect computes it.
    """

    langlist: list[str]
    word_lang_prob_map: dict[str, int]
    matrix: Any
    seed: int = 0


def detectable_languages() -> tuple[str, ...]:
    """The codes langdetect can answer (its profile names: ``en``, ``zh-cn``, ...), sorted;
    found without importing langdetect, so reading a configuration stays fast."""
    import importlib.util
    import os

    spec = importlib.util.find_spec("langdetect")
    folders = list(spec.submodule_search_locations or ()) if spec is not None else []
    names: set[str] = set()
    for folder in folders:
        try:
            names.update(n for n in os.listdir(os.path.join(folder, "profiles")) if not n.startswith("."))
        except OSError:
            continue
    return tuple(sorted(names))


def load_profiles(directory: str | None = None) -> Profiles:
    """Read langdetect's profiles (from its package unless ``directory`` is given) as
    ``DetectorFactory.load_profile`` does: files in ``os.listdir`` order, dot files and folders
    skipped, each n-gram's probability its count divided by the number of n-grams of its length."""
    import json
    import os

    import numpy
    from langdetect import detector_factory

    directory = directory or detector_factory.PROFILES_DIRECTORY
    profiles = []
    for filename in os.listdir(directory):
        path = os.path.join(directory, filename)
        if filename.startswith(".") or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as fh:
            profiles.append(json.load(fh))
    index: dict[str, int] = {}
    add = index.setdefault
    # each profile's n-grams as rows of the matrix (a new n-gram gets the next row)
    rows = [numpy.fromiter([add(gram, len(index)) for gram in profile["freq"]], dtype=numpy.intp) for profile in profiles]
    matrix = numpy.zeros((len(index), len(profiles)), dtype=numpy.float64)
    for k, profile in enumerate(profiles):
        freq = profile["freq"]
        counts = numpy.fromiter(freq.values(), dtype=numpy.float64, count=len(freq))
        lengths = numpy.fromiter(map(len, freq), dtype=numpy.intp, count=len(freq))
        scored = (lengths >= 1) & (lengths <= 3)  # langdetect scores 1- to 3-grams only
        n_words = numpy.asarray(profile["n_words"], dtype=numpy.float64)
        # float(count) / n_words, one IEEE division each: what ``1.0 * count / n`` gives
        matrix[rows[k][scored], k] = counts[scored] / n_words[lengths[scored] - 1]
    matrix.setflags(write=False)
    return Profiles([profile["name"] for profile in profiles], index, matrix)


def _get_profiles() -> Profiles:
    global _profiles
    if _profiles is None:
        with _lock:
            if _profiles is None:
                _profiles = load_profiles()
    return _profiles


_fast_detector: Any = None


def _detector_class() -> Any:
    """:class:`langdetect.detector.Detector` with its per-character Python loops replaced by
    equivalent string, list and array (numpy) operations: the same n-grams, the same random
    draws, the same floating-point operations in the same order, so the same probabilities,
    about four times as fast (``tests/test_fast_paths.py`` checks the equality against
    langdetect itself)."""
    global _fast_detector
    if _fast_detector is not None:
        return _fast_detector
    import re

    import numpy
    from langdetect.detector import Detector
    from langdetect.lang_detect_exception import ErrorCode, LangDetectException
    from langdetect.utils.ngram import NGram

    space_runs = re.compile(" {2,}")
    latin_letters = re.compile("[A-z]")  # langdetect's own test, 'A' <= ch <= 'z'
    # Characters from U+0300 up. langdetect means to leave out the Latin Extended Additional
    # block here, but compares a block number with a block name, so it never does.
    non_latin = re.compile("[\u0300-\U0010ffff]")
    word_run = re.compile("[^ ]+")
    #: (word, space after it) -> the rows of its n-grams
    word_grams: dict[tuple[str, bool], list[int]] = {}

    class Normalized(dict):  # type: ignore[type-arg]
        """``str.translate`` table: code point -> langdetect's normalised character."""

        def __missing__(self, code: int) -> str:
            self[code] = value = NGram.normalize(chr(code))
            return value

    normalized = Normalized()

    class FastDetector(Detector):  # type: ignore[misc]
        def __init__(self, profiles: Profiles) -> None:
            super().__init__(profiles)
            self.matrix = profiles.matrix

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

        def _ngram_rows(self) -> list[int]:
            """The n-grams langdetect extracts, as their rows of the profile matrix."""
            # langdetect walks the text a character at a time; its n-grams never cross a
            # space, so they are the same word by word, and a word's n-grams are cached.
            text = self.text.translate(normalized)
            known = self.word_lang_prob_map
            result: list[int] = []
            end = len(text)
            for match in word_run.finditer(text):
                key = (match.group(), match.end() < end)
                grams = word_grams.get(key)
                if grams is None:
                    if len(word_grams) > 50_000:  # bounded: memory stays flat in corpus size
                        word_grams.clear()
                    grams = word_grams[key] = [known[gram] for gram in _word_ngrams(key[0], key[1], known)]
                result.extend(grams)
            return result

        def _detect_block(self) -> None:
            self.cleaning_text()
            ngrams = self._ngram_rows()
            if not ngrams:
                raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
            # Draw as random.choice does (seq[_randbelow(len(seq))]), so the draws are the same.
            count = len(ngrams)
            n = len(self.langlist)
            self.langprob = [0.0] * n
            self.random.seed(self.seed)
            randbelow = self.random._randbelow
            # random's _randbelow for a Random: getrandbits of n's bit length until one is
            # below n -- written out below for the five draws of a step (no call per draw)
            getrandbits, bits = self.random.getrandbits, count.bit_length()
            picks = [0] * 5
            threshold, limit = self.CONV_THRESHOLD, self.ITERATION_LIMIT

            matrix = self.matrix
            take = numpy.take
            # Row 0: the probabilities; rows 1-5: (w + p) of the five n-grams drawn next.
            stack = numpy.empty((6, n), dtype=numpy.float64)
            draws = stack[1:]
            for _ in range(self.n_trial):
                alpha = self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH
                w = alpha / self.BASE_FREQ
                # langdetect multiplies in one draw per step and normalises at steps 0, 5,
                # 10, ...: step 0 alone, then five draws per pass over the languages. Array
                # operations work element by element, one IEEE operation each; a product
                # reduced over rows multiplies them in row order: ``p * (w + a) * (w + b) ...``,
                # the same products in the same order as langdetect's loops.
                prob = numpy.array(self._init_probability(), dtype=numpy.float64) * (w + matrix[ngrams[randbelow(count)]])
                i = 0
                while True:
                    values = prob.tolist()
                    total = sum(values)  # left to right, as langdetect adds (numpy's sum is pairwise)
                    # division by a positive number keeps the order, so the largest quotient
                    # is the largest value divided
                    if max(values) / total > threshold or i >= limit:
                        prob = prob / total
                        break
                    numpy.divide(prob, total, out=stack[0])
                    for k in range(5):
                        r = getrandbits(bits)
                        while r >= count:
                            r = getrandbits(bits)
                        picks[k] = ngrams[r]
                    take(matrix, picks, axis=0, out=draws)
                    numpy.add(draws, w, out=draws)
                    prob = numpy.multiply.reduce(stack, axis=0)
                    i += 5
                for j, p in enumerate(prob.tolist()):
                    self.langprob[j] += p / self.n_trial

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

    detector = _detector_class()(_get_profiles())
    detector.append(sample(text, limit))
    try:
        best = detector.get_probabilities()
    except LangDetectException:
        return UNDETERMINED, 0.0
    if not best:
        return UNDETERMINED, 0.0
    top = best[0]
    return str(top.lang), round(float(top.prob), 4)
