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
from functools import lru_cache
from typing import Iterable

from ..engine.base import Action, DocumentRule, Edit, Options, Replace, Stage, setting
from ..text.lexicon import Vocabulary, supported, zipf
from .ocr import _language, load_thresholds
from ..engine.view import DocView

_WORD = re.compile(r"[^\W\d_]+")
#: Characters that join a word to the next into one token.
_JOINERS = frozenset("-‐'’")
#: A hyphenated or apostrophed token (``Daehak-ro``), as the document's vocabulary counts it.
_COMPOUND = re.compile(r"[^\W\d_]+(?:[-‐'’][^\W\d_]+)+")
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
    long_word: int | None = setting(None, minimum=1)
    frequent: tuple[tuple[str, str], ...] = ()
    frequent_cost: float | None = None
    own_count: int | None = setting(None, minimum=1)
    name_margin: float | None = None
    doc_ratio: float | None = None
    term_count: int | None = setting(None, minimum=1)
    max_word_zipf: float | None = None
    known_zipf: float | None = None
    known_margin: float | None = None
    min_zipf: float | None = None
    margin: float | None = None
    win: float | None = None
    name_zipf: float | None = None
    min_repair_share: float | None = None
    min_repairs: float | None = None
    #: Languages whose words, two side by side, are a passage in that language, not misreadings.
    other_languages: tuple[str, ...] = ()


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
      word, and beats every other candidate by ``win`` (Zipf, less one point per confusion,
      ``frequent_cost`` for the engines' most frequent ones);
      when several are about as likely, the one the document itself writes wins (``ovor``:
      "over" in a text that writes "over" and never "ever"), else none;
    * a capitalised word inside a sentence (a name: "Wasley") is repaired only when it is no
      word at all and the correction is very common (``name_zipf``).

    Candidates are reached by up to ``depth`` confusions, one more for a non-word of at least
    ``long_word`` letters (a long word is misread in more places, and few words lie near it).

    Leaves alone: words of the language however odd ("gaol", "tram"), names, words with
    digits or mixed case (unless a confusion explains the capitals: "demandB"), web and mail addresses, text that the layout stage does not take for OCR, languages without
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
    long_word = 6
    frequent_cost = 1.0
    own_count = 2
    max_word_zipf = 4.5
    known_zipf = 2.5
    known_margin = 2.0
    min_zipf = 3.0
    margin = 2.0
    win = 1.0
    name_zipf = 4.0
    name_margin = 3.0
    doc_ratio = 3.0
    term_count = 3
    min_repair_share = 0.01
    min_repairs = 3.0
    other_languages: tuple[str, ...] = ()

    def setup(self) -> None:
        options = self.options
        self.confusions = tuple((str(a), str(b)) for a, b in options.confusions)
        if options.term_count is not None:
            self.term_count = options.term_count
        if options.own_count is not None:
            self.own_count = options.own_count
        if options.frequent_cost is not None:
            self.frequent_cost = options.frequent_cost
        frequent = {(str(a), str(b)) for a, b in options.frequent}
        self._weighted = tuple((a, b, self.frequent_cost if (a, b) in frequent else 1.0) for a, b in self.confusions)
        load_thresholds(self, "max_word_zipf", "known_zipf", "known_margin", "min_zipf", "margin", "win", "name_zipf", "name_margin", "doc_ratio",
                        "min_repair_share", "min_repairs")
        if options.depth is not None:
            self.depth = options.depth
        if options.long_word is not None:
            self.long_word = options.long_word
        self.other_languages = tuple(str(code) for code in options.other_languages)

    # -- candidates and the decision ----------------------------------------------------------

    def candidates(self, word: str, depth: int | None = None) -> dict[str, float]:
        """Every form ``word`` becomes by up to ``depth`` confusions, with their cost: one per
        confusion, ``frequent_cost`` for the engines' most frequent ones (``frequent``).

        >>> from cleaner.config import Config
        >>> rule = WordRepair(Config(), {"confusions": [["o", "e"], ["h", "b"]], "frequent": [["o", "e"]], "frequent_cost": 0.5})
        >>> sorted(rule.candidates("ho").items())
        [('be', 1.5), ('bo', 1.0), ('he', 0.5)]
        """
        found: dict[str, float] = {word: 0.0}
        frontier = [word]
        for _ in range((self.depth if depth is None else depth)):
            grown = []
            for form in frontier:
                for wrong, right, cost in self._weighted:
                    at = form.find(wrong)
                    while at != -1:
                        new = form[:at] + right + form[at + len(wrong):]
                        if new not in found:
                            grown.append(new)
                        if found[form] + cost < found.get(new, float("inf")):
                            found[new] = found[form] + cost
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
        ranked = [(score, form) for score, form, needs_written in self._ranked(word, language, sentence_start)
                  if not needs_written or vocab is not None and vocab.count(form)]
        if not ranked:
            return None if vocab is None else self._own_word(word, language, vocab)
        contenders = [form for score, form in ranked if ranked[0][0] - score < self.win]
        if vocab is not None and vocab.count(word) >= self.term_count and not vocab.count(contenders[0]):
            return None  # a word the document repeats, and never its correction: its own (a name)
        if len(contenders) > 1:
            # Several corrections about as likely: the one the document itself writes (or
            # writes ``doc_ratio`` times as often as any other) wins (``ovor``: over or ever).
            if vocab is None:
                return None
            counts = sorted(((vocab.count(form), form) for form in contenders), reverse=True)
            if counts[0][0] == 0 or counts[0][0] < self.doc_ratio * counts[1][0]:
                return None
            best = counts[0][1]
        else:
            best = contenders[0]
        if word.isupper() and len(word) > 1:
            return best.upper()
        return best.capitalize() if word[0].isupper() else best

    def _own_word(self, word: str, language: str | None, vocab: Vocabulary) -> str | None:
        """A non-word (``Kholcr``) whose only near form the document writes again and again
        (``Kholer``, ``own_count`` times at least, more often than the non-word): the document's
        own word, a name the word list does not know."""
        need = self.own_count
        lower = word.casefold()
        ok = len(lower) >= 4 and lower.isalpha() and (word.islower() or word.istitle() or word.isupper())
        written = [form for form in self._near_forms(lower, language) if vocab.count(form) >= need] if ok else []
        if len(written) != 1 or vocab.count(word) >= vocab.count(written[0]):
            return None
        best = written[0]
        if word.isupper() and len(word) > 1:
            return best.upper()
        return best.capitalize() if word[0].isupper() else best

    @lru_cache(maxsize=1 << 16)
    def _near_forms(self, lower: str, language: str | None) -> tuple[str, ...]:
        """The forms a non-word of the language becomes by the confusions (empty for a word)."""
        return tuple(self.candidates(lower)) if zipf(lower, language) == 0 else ()

    # The decisions before the document's evidence are pure functions of the word and the
    # rule's settings, and the same words come back on every page: kept caches, not rule state.
    @lru_cache(maxsize=1 << 16)
    def _ranked(self, word: str, language: str | None, sentence_start: bool) -> tuple[tuple[float, str, bool], ...]:
        """The corrections of ``word`` (lower case) that pass the thresholds, best first, with
        their scores (Zipf less the confusions' cost) and whether the document must write the
        correction (a name's less common than ``name_zipf``, a word rarer than ``min_zipf``)."""
        lower = word.casefold()
        if not 2 <= len(lower) <= 20 or not lower.isalpha():
            return ()
        # Mixed case ("demandB") only when a confusion explains its capitals: the candidates
        # are taken from the word as written and must come out in one case.
        mixed = not (word.islower() or word.istitle() or word.isupper())
        if mixed and (word[0].isupper() or not any(wrong.isupper() and wrong in word for wrong, _ in self.confusions)):
            return ()
        own = zipf(lower, language)
        if own >= self.max_word_zipf:
            return ()
        name = word[0].isupper() and not sentence_start
        scored = []
        # A fairly common word is repaired by one confusion only: look no further.
        depth = None
        if own >= self.known_zipf:
            depth = 1
        elif own == 0 and len(lower) >= self.long_word:
            depth = self.depth + 1  # a long non-word: misread in more places, and few words lie near it
        found = self.candidates(lower, depth)
        if mixed:
            found = {form: cost for form, cost in self.candidates(word, depth).items() if form.islower()}
        for form, cost in found.items():
            z = zipf(form, language)
            # A correction rarer than min_zipf (a name, an old word) only for a non-word, and
            # only when the document writes it.
            rare = z < self.min_zipf
            if rare and not (z > 0 and own == 0) or z - own < self.margin:
                continue
            if name and own > 0 and z - own < self.name_margin:
                continue  # a name, or a word capitalised on purpose (Como, Horne), unless the engine lost a stop (Tho)
            if own >= self.known_zipf and (cost > 1 or z - own < self.known_margin):
                continue
            # A name's correction must be very common, or a word the document writes itself.
            scored.append((z - cost, form, rare or name and z < self.name_zipf))
        return tuple(sorted(scored, reverse=True))

    def misread(self, word: str, language: str | None, sentence_start: bool = True, vocab: Vocabulary | None = None) -> bool:
        """Does ``word`` look misread: a repair clearly wins (:meth:`correct`) and the document
        writes it elsewhere, or it is a lower-case non-word of the language that one OCR
        confusion turns into a common word (``reportod``, ``delny``)? Evidence that a text is
        OCR, not a repair.

        >>> from cleaner.config import Config
        >>> rule = WordRepair(Config(), {"confusions": [["o", "e"], ["n", "a"]]})
        >>> rule.misread("reportod", "en"), rule.misread("delny", "en"), rule.misread("gmail", "en")
        (True, True, False)
        """
        fixed = self.correct(word, language, sentence_start, vocab)
        if fixed is not None and (vocab is None or vocab.count(fixed)):
            return True  # (the document writes the correction too: a name or a word of another language is no evidence)
        if not (word.islower() and len(word) >= 3 and word.isalpha()) or zipf(word, language) > 0:
            return False
        return any(zipf(form, language) >= self.min_zipf for form in self.candidates(word, 1))

    def misreadings(self, lines: Iterable[str], language: str | None) -> tuple[int, int]:
        """``(distinct misread-looking words, words)`` of a text (see :meth:`misread`); a word
        the text repeats counts once, as a term of the document is no misreading."""
        lines = list(lines)
        vocab = Vocabulary(lines)
        found: set[str] = set()
        words = 0
        for text in lines:
            for m in _WORD.finditer(text):
                words += 1
                word = m.group(0)
                if word.casefold() in found or _IN_ADDRESS.match(text, _chunk_start(text, m.start())):
                    continue
                before = text[:m.start()]
                start = not before.strip() or _SENTENCE_END.search(before) is not None
                if self.misread(word, language, start, vocab):
                    found.add(word.casefold())
        return len(found), words

    def shows_misreadings(self, lines: Iterable[str], language: str | None) -> bool:
        """Does a text show OCR misreadings at the rate of raw OCR: at least two distinct
        misread-looking words and ``min_repair_share`` of its words? (Edited text rarely has a
        misread-looking word in a thousand: a name, a word of another language.)"""
        if not self.confusions or not supported(language):
            return False
        found, words = self.misreadings(lines, language)
        return found >= 2 and found >= self.min_repair_share * words

    def _in_foreign_run(self, word: str, neighbours: list[str], language: str | None) -> bool:
        """Is ``word`` part of a run the document writes in another language (``seus
        favoritos`` in a text taken for English)? A common word of another language beside
        another one is no misreading of the text's language.

        >>> from cleaner.config import Config
        >>> rule = WordRepair(Config(), {"confusions": [["o", "e"]], "other_languages": ["pt"]})
        >>> rule._in_foreign_run("seus", ["nos", "favoritos"], "en"), rule._in_foreign_run("tho", ["said", "council"], "en")
        (True, False)
        """
        lower = word.casefold()
        own = zipf(lower, language)
        for other in self.other_languages:
            if other == language or zipf(lower, other) < max(self.min_zipf, own + 1):
                continue
            if any(zipf(n.casefold(), other) >= max(self.min_zipf, zipf(n.casefold(), language) + 1) for n in neighbours):
                return True
        return False

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
            found = list(_WORD.finditer(text))
            for k, m in enumerate(found):
                words += 1
                if _IN_ADDRESS.match(text, _chunk_start(text, m.start())):
                    continue  # part of a web or mail address
                neighbours = [found[j].group(0) for j in (k - 1, k + 1) if 0 <= j < len(found)
                              and text[min(m.end(), found[j].end()):max(m.start(), found[j].start())].strip(" ,") == ""]
                if text[m.start() - 1:m.start()] in _JOINERS or text[m.end():m.end() + 1] in _JOINERS:
                    compound = _COMPOUND.search(text, _chunk_start(text, m.start()))
                    if (compound is not None and compound.start() <= m.start() and m.end() <= compound.end()
                            and vocab.count(compound.group(0)) >= self.own_count):
                        continue  # a piece of a compound the document repeats (Daehak-ro): its own term
                before = text[:m.start()]
                start = not before.strip() or _SENTENCE_END.search(before) is not None
                fixed = self.correct(m.group(0), language, start, vocab)
                if fixed is not None and self._in_foreign_run(m.group(0), neighbours, language):
                    fixed = None
                if fixed is not None:
                    pieces.append(text[last:m.start()] + fixed)
                    last = m.end()
                    repaired += 1
            if pieces:
                out.append(Replace(i, i, "".join(pieces) + text[last:]))
        if mode == "auto" and repaired < max(self.min_repairs, self.min_repair_share * words):
            return []  # too few misreadings to take the text for raw OCR: leave it as written
        return out
