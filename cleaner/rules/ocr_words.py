"""OCR word repair: the misreadings OCR engines make (``tho`` for ``the``, ``boen`` for ``been``).

A conservative corrector for scanned text: a word is changed only when the layout stage says
the text is OCR, the word is rare or unknown in the document's language, and exactly one
candidate reached by the engines' typical confusions (``e``/``o``, ``c``/``e``, ``h``/``b``,
``l``/``t``/``i``, ``rn``/``m``, ``li``/``h``, ``ii``/``u``, long ``ſ``, ...; the table is
``[OCR006] confusions`` in ``packs/ocr.toml``) is a common word, clearly more common than any
other. Each correction is a ``repaired`` change with the word before and after, so an archivist
can audit or undo it (``--disable OCR006``, ``--ocr-repair off``).

The evidence is wordfreq's word list (see ``cleaner.text.lexicon``), which covers 40+
languages and is already the layout stage's; symspellpy was tried too, but it ships an English
dictionary only and generic edit distance, where OCR errors are a handful of known confusions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .base import Action, DocumentRule, Edit, Options, Replace, Stage, setting
from ..text.lexicon import Vocabulary, supported, zipf
from .ocr import _language, load_thresholds
from .view import DocView

_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[.!?]['\"’”)\]]*\s*$")
#: A whitespace-delimited chunk that is a web or mail address.
_IN_ADDRESS = re.compile(r"\S*(?://|www\.|@|\.(?:com|org|net)\b)")


def _chunk_start(text: str, at: int) -> int:
    """Where the whitespace-delimited chunk holding position ``at`` starts."""
    space = max(text.rfind(" ", 0, at), text.rfind("\t", 0, at))
    return space + 1


@dataclass(frozen=True)
class WordRepairOptions(Options):
    """``[OCR006]`` settings of :class:`WordRepair` (a setting left out: the rule's own)."""

    confusions: tuple[tuple[str, str], ...] = ()
    depth: int | None = setting(None, minimum=1)
    max_word_zipf: float | None = None
    known_zipf: float | None = None
    known_margin: float | None = None
    min_zipf: float | None = None
    margin: float | None = None
    win: float | None = None
    name_zipf: float | None = None
    min_repair_share: float | None = None
    min_repairs: float | None = None


class WordRepair(DocumentRule):
    """Repair words that OCR misread, when one correction clearly wins (``tho`` -> ``the``).

    Before (a scan: ``layout = "on"``, ``ocr_repair = "on"``)::

        Tho council met in tho town hall, and it waa agreed that tho rates bo raised.
        The mayor said it was the only way to pay for the bridge, and the vote will be held again.

    After (the lines joined by OCR003)::

        The council met in the town hall, and it was agreed that the rates be raised. The mayor said it was the only way to pay for the bridge, and the vote will be held again.

    A word is repaired only when all of these hold:

    * ``--ocr-repair on``, or ``auto`` and the text shows misreadings (the rule finds at least
      ``min_repairs`` of them, and at least ``min_repair_share`` of the words);
    * the word is rare in the language (below ``max_word_zipf``); a word that is fairly common
      on its own (``known_zipf``) needs a single confusion and a far more common correction
      (``known_margin``: "tho" / "the", not "tram" / "from");
    * the correction is a common word (``min_zipf``), at least ``margin`` more common than the
      word, and beats every other candidate by ``win`` (Zipf, less half a point per confusion);
    * a capitalised word inside a sentence (a name: "Wasley") is repaired only when it is no
      word at all and the correction is very common (``name_zipf``);
    * the document itself writes the correction somewhere (OCR misreads a word here and there,
      not everywhere; a word of another language is not taken for a misreading).

    Leaves alone: words of the language however odd ("gaol", "tram"), names, words with
    digits or mixed case, web and mail addresses, text that the layout stage does not take for OCR, languages without
    a word list, and anything without one clear winner.
    """

    code = "OCR006"
    Options = WordRepairOptions
    name = "ocr.word-repair"
    summary = "Repair OCR misreadings (tho -> the, boen -> been) when one common word clearly wins; --ocr-repair."
    stage = Stage.LAYOUT
    action = Action.REPAIRED

    confusions: tuple[tuple[str, str], ...] = ()
    depth = 2
    max_word_zipf = 4.5
    known_zipf = 2.5
    known_margin = 2.0
    min_zipf = 3.0
    margin = 2.0
    win = 1.0
    name_zipf = 4.0
    min_repair_share = 0.01
    min_repairs = 3.0

    def setup(self) -> None:
        options = self.options
        self.confusions = tuple((str(a), str(b)) for a, b in options.confusions)
        load_thresholds(self, "max_word_zipf", "known_zipf", "known_margin", "min_zipf", "margin", "win", "name_zipf",
                        "min_repair_share", "min_repairs")
        if options.depth is not None:
            self.depth = options.depth
        #: (word, language, sentence start) -> the decision before the document's evidence;
        #: the same words come back on every page.
        self._memo: dict[tuple[str, str | None, bool], str | None] = {}

    # -- candidates and the decision ----------------------------------------------------------

    def candidates(self, word: str, depth: int | None = None) -> dict[str, int]:
        """Every form ``word`` becomes by up to ``depth`` confusions, with the number used.

        >>> from cleaner.config import Config
        >>> rule = WordRepair(Config(), {"confusions": [["o", "e"], ["h", "b"]]})
        >>> sorted(rule.candidates("ho").items())
        [('be', 2), ('bo', 1), ('he', 1)]
        """
        found: dict[str, int] = {word: 0}
        frontier = [word]
        for step in range(1, (self.depth if depth is None else depth) + 1):
            grown = []
            for form in frontier:
                for wrong, right in self.confusions:
                    at = form.find(wrong)
                    while at != -1:
                        new = form[:at] + right + form[at + len(wrong):]
                        if new not in found:
                            found[new] = step
                            grown.append(new)
                        at = form.find(wrong, at + 1)
            frontier = grown
        del found[word]
        return found

    def correct(self, word: str, language: str | None, sentence_start: bool = True, vocab: Vocabulary | None = None) -> str | None:
        """The repaired form of ``word``, or ``None`` to leave it.

        >>> from cleaner.config import Config
        >>> rule = WordRepair(Config(), {"confusions": [["o", "e"], ["e", "o"], ["a", "s"], ["t", "f"], ["a", "o"]]})
        >>> rule.correct("tho", "en"), rule.correct("Tho", "en"), rule.correct("waa", "en")
        ('the', 'The', 'was')
        >>> rule.correct("tram", "en"), rule.correct("the", "en"), rule.correct("Wasley", "en", sentence_start=False)
        (None, None, None)
        """
        key = (word, language, sentence_start)
        if key not in self._memo:
            if len(self._memo) > 1 << 16:
                self._memo.clear()
            self._memo[key] = self._best(word, language, sentence_start)
        best = self._memo[key]
        if best is None or vocab is not None and not vocab.count(best):
            return None  # (or the document never writes the correction itself)
        if word.isupper() and len(word) > 1:
            return best.upper()
        return best.capitalize() if word[0].isupper() else best

    def _best(self, word: str, language: str | None, sentence_start: bool) -> str | None:
        """The clear winner among the corrections of ``word`` (lower case), or ``None``."""
        lower = word.casefold()
        if not 2 <= len(lower) <= 20 or not lower.isalpha() or not (word.islower() or word.istitle() or word.isupper()):
            return None
        own = zipf(lower, language)
        if own >= self.max_word_zipf:
            return None
        name = word[0].isupper() and not sentence_start
        if name and own > 0:
            return None  # a name, or a word capitalised on purpose
        scored = []
        # A fairly common word is repaired by one confusion only: look no further.
        for form, steps in self.candidates(lower, 1 if own >= self.known_zipf else None).items():
            z = zipf(form, language)
            if z < self.min_zipf or z - own < self.margin or name and z < self.name_zipf:
                continue
            if own >= self.known_zipf and (steps > 1 or z - own < self.known_margin):
                continue
            scored.append((z - 0.5 * steps, form))
        if not scored:
            return None
        scored.sort(reverse=True)
        if len(scored) > 1 and scored[0][0] - scored[1][0] < self.win:
            return None  # no clear winner
        return scored[0][1]

    # -- the edits ----------------------------------------------------------------------------

    def edits(self, doc: DocView) -> Iterable[Edit]:
        mode = doc.config.ocr_repair
        if mode == "off" or not self.confusions:
            return []
        language = _language(doc)
        if not supported(language):
            return []
        vocab = Vocabulary(line.text for line in doc.lines)
        out: list[Edit] = []
        repaired = words = 0
        for i, line in enumerate(doc.lines):
            text = line.text
            pieces: list[str] = []
            last = 0
            for m in _WORD.finditer(text):
                words += 1
                if _IN_ADDRESS.match(text, _chunk_start(text, m.start())):
                    continue  # part of a web or mail address
                before = text[:m.start()]
                start = not before.strip() or _SENTENCE_END.search(before) is not None
                fixed = self.correct(m.group(0), language, start, vocab)
                if fixed is not None:
                    pieces.append(text[last:m.start()] + fixed)
                    last = m.end()
                    repaired += 1
            if pieces:
                out.append(Replace(i, i, "".join(pieces) + text[last:]))
        if mode == "auto" and repaired < max(self.min_repairs, self.min_repair_share * words):
            return []  # too few misreadings to take the text for raw OCR: leave it as written
        return out
