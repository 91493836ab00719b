"""OCR and layout repair: scanned-newspaper text turned back into paragraphs, word for word.

These rules run in the layout stage, before lines are classified, and only when the text looks
like OCR or hard-wrapped output (``cleaner.rules.layout_detect``; ``[tool.cleaner] layout``
forces it on or off). In order:

1. ``OCR001`` removes jump lines ("Continued on page 4");
2. ``OCR002`` removes page furniture: page numbers and running heads at page breaks
   (``cleaner.rules.pagination``);
3. ``OCR003`` joins the hard-wrapped lines of a paragraph into one line;
4. ``OCR004`` joins words split at a line end (``inte-`` / ``rnational``), keeping the hyphen
   of real compounds (``well-`` / ``known``), on evidence (``cleaner.text.lexicon``).

A paragraph that a page break split in two is joined again by OCR003/OCR004: the pipeline tells
them where lines were removed (``Line.removed_before``). Every removal and every join is a
change in the record, so ``cleaner explain`` shows it and a wrong join can be reverted.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable

from .base import Action, DocumentRule, Edit, Options, Remove, Replace, Stage
from ..text.lexicon import Vocabulary, supported, zipf
from .pagination import FurnitureSpec, find_page_breaks
from .phrases import PhraseRule
from ..text.shape import ends_sentence, in_capitals
from .view import DocView, Line

#: The marks a word split at a line end ends in: a hyphen (ASCII or U+2010), the "¬" of
#: Fraktur transcriptions and some OCR engines, and the double hyphen "⸗" of Fraktur print.
_HYPHENS = "-‐¬⸗"
#: A word broken at the line end: letters or digits, then a hyphen mark, nothing after it.
_HYPHEN_END = re.compile(r"(?P<token>\S*?)(?P<last>[^\W_]+)[-‐¬⸗]$")


def _hyphen_end(text: str) -> "re.Match[str] | None":
    """``_HYPHEN_END`` on the last word of ``text``: the match can only lie there, and searching
    a long joined paragraph from its start would cost a scan per join."""
    if not text or text[-1] not in _HYPHENS:
        return None
    return _HYPHEN_END.search(text.rsplit(None, 1)[-1])
_LEADING_WORD = re.compile(r"[^\W_]+")
#: The last word of a line when it ends in letters (no punctuation, no hyphen after it).
_LAST_WORD = re.compile(r"(?<![\w\-‐¬⸗'’])[^\W\d_]+$")
_OPENING_PUNCT = "“\"‘'(["
#: A line that starts with a bullet: a list item, never glued onto the line above.
_BULLET = re.compile(r"^(?:[•●▪◦·■□➢►]\s*|[*+]\s)")
#: A Markdown link definition ("[3]: https://..."), which HTML-to-Markdown extractors wrap at
#: the column width like the text: a block of its own, and nothing is joined onto it (its
#: wrapped remainder is part of a URL, not of a sentence; MRK002 removes both).
_LINK_DEFINITION = re.compile(r"^\[[^\]\s]{1,40}\]:\s*\S")
#: A line that may start a list item or a reference ("- ", "1. ", "(2) ", "[3]", "# "): one
#: when the line above ends a sentence or is a list item itself (a dash inside a wrapped
#: sentence is not a list).
_ITEM_MARK = re.compile(r"^(?:[-*+]\s|\d{1,3}[.)]\s|\(\d{1,3}\)\s|\[\d{1,3}\]|#{1,6}\s)")
#: A printed rule between items: a line of dashes, underscores or asterisks only.
_RULE_LINE = re.compile(r"[-‐–—_*=~.·•\s]{1,80}")
#: A remark wholly in brackets, with nothing after the closing one but a full stop.
_BRACKETED = re.compile(r"[(\[{][^()\[\]{}]{2,160}[)\]}]\.?")
#: What OCR makes of a column rule beside a line: a speck or a stroke read as I, l, |, !.
_SPECKS = " |!¡Il1'\".,;:^*`"
#: A line ending in a lead-in to what follows: ":-", ": -", ":--", ":—" (older print).
#: The first word of a line past any OCR specks: lower-case letters, two at least.
_LEADING_LETTERS = re.compile(r"^[^\w]*(?P<word>[^\W\d_]{2,})")
#: Words of a heading in capitals.
_CAPS_WORDS = re.compile(r"\b[^\W\d_a-z]{2,}\b")
_ENDS_IN_WORD = re.compile(r"[^\W\d_]{2}$")
_FIRST_ALNUM = re.compile(r"[^\W_]")
_LEAD_IN = re.compile(r":\s?[-–—]{1,2}$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


def load_thresholds(rule: DocumentRule, *names: str) -> None:
    """Set each named threshold of ``rule`` from its options, when the pack gives one (an
    option left out, ``None``, keeps the rule's own)."""
    for name in names:
        value = getattr(rule.options, name)
        if value is not None:
            setattr(rule, name, float(value))


class JumpLine(PhraseRule):
    """Remove jump lines, which send the reader to another page ("Continued on page 4").

    Before (a scan: ``layout = "on"``)::

        the council voted to close the bridge.
        Continued on page 4

    After::

        the council voted to close the bridge.

    A jump line marks a page break, so the paragraph it interrupts is joined again (OCR003,
    OCR004). Only whole lines count.

    Leaves alone: "continued" inside a sentence ("The talks continued on page after page of
    drafts"). Patterns: ``[OCR001] patterns`` in ``packs/ocr.toml``.
    """

    code = "OCR001"
    name = "ocr.jump-line"
    summary = "Remove jump lines such as 'Continued on page 4' and '(See PAGE 2)'."
    stage = Stage.LAYOUT
    where = "anywhere"


@dataclass(frozen=True)
class PageFurnitureOptions(Options):
    """``[OCR002]`` settings of :class:`PageFurniture`."""

    page_numbers: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()


class PageFurniture(DocumentRule):
    """Remove page numbers and running heads that OCR left at page breaks.

    Before::

        anything, this was the second consecutive election cycle

        4

        MORNING COURIER — FRIDAY, MARCH 21, 1987

        where health care made the difference.

    After: the page number and the running head are gone; OCR003 then joins "cycle" and
    "where" again, because the paragraph runs on across the page break.

    A page number counts when a running head stands next to it or the story runs on across it
    mid-sentence; a running head when it stands next to a page number, or is a known head (pack
    phrase, masthead with a date, a line that comes back) where the story runs across it. See
    ``cleaner.rules.pagination``.

    Leaves alone: an all-capitals heading of the article ("WHAT YOU NEED TO MAKE JAM") with no
    page number beside it, numbers in tables and lists, a credit line before a page number.
    Page-number patterns and section heads: ``[OCR002]`` in ``packs/ocr.toml``.
    """

    code = "OCR002"
    Options = PageFurnitureOptions
    name = "ocr.page-furniture"
    summary = "Remove page numbers and running heads left at page breaks."
    stage = Stage.LAYOUT
    action = Action.REMOVED

    def setup(self) -> None:
        packs = self.packs
        self.spec = FurnitureSpec.build(
            list(self.options.page_numbers),
            list(self.options.phrases),
            list(self.options.patterns),
            packs.dataset("months") if packs else {},
            packs.dataset("weekdays") if packs else {},
        )

    def edits(self, doc: DocView) -> Iterable[Edit]:
        found = find_page_breaks(doc.lines, self.spec)
        return [Remove(i) for i in sorted(found.furniture)]


# -- joining lines ---------------------------------------------------------------------------


def wrap_width(lines: tuple[Line, ...]) -> float | None:
    """The column width of hard-wrapped text: a high percentile of the lengths of lines that
    another line follows directly (of all lines, when few are). ``None`` for a single line."""
    lengths = sorted(len(lines[i].text.strip()) for i in range(len(lines) - 1) if lines[i + 1].gap_before == 0)
    if len(lengths) < 3:
        lengths = sorted(len(line.text.strip()) for line in lines)
    if len(lengths) < 2:
        return None
    return float(lengths[math.ceil(0.9 * (len(lengths) - 1))])


def _first_word(text: str) -> str:
    parts = text.split(None, 1)
    return parts[0] if parts else ""


def continues_across_break(prev: Line, line: Line, width: float | None) -> bool:
    """Does the paragraph of ``prev`` run on into ``line`` across removed page furniture?

    The blank lines that set the furniture apart are not the text's own: with one blank line
    around each removed line, a paragraph that runs on has no gap left, and a paragraph break
    keeps one. Without that evidence a short line ending a sentence ends the paragraph.

    >>> continues_across_break(Line(1, "the second consecutive election cycle"), Line(7, "where it mattered.", 3, 2), 60)
    True
    >>> continues_across_break(Line(1, "to the presidency."), Line(7, "If it seemed that way,", 4, 2), 60)
    False
    """
    if line.removed_before <= 0:
        return False
    own_gap = line.gap_before - (line.removed_before + 1)
    if own_gap > 0:
        return False
    a, b = prev.text.strip(), line.text.strip()
    if not a or not b or _starts_item(a, b):
        return False
    if ends_sentence(a) and _fits(a, b, width):
        return False
    return True


def _starts_item(a: str, b: str) -> bool:
    """Does line ``b`` start a list item (or a reference) after line ``a``? A Markdown link
    definition counts as one, and so does anything after it."""
    if _BULLET.match(b) or _LINK_DEFINITION.match(b) or _LINK_DEFINITION.match(a):
        return True
    if not _ITEM_MARK.match(b):
        return False
    return ends_sentence(a) or a.endswith(":") or _BULLET.match(a) is not None or _ITEM_MARK.match(a) is not None


def _fits(a: str, b: str, width: float | None, slack: float = 0.85) -> bool:
    """Would the first word of ``b`` have fitted on line ``a``? Then the line was not full, and
    the break was the writer's, not the wrapper's."""
    if width is None:
        return False
    return len(a) + 1 + len(_first_word(b)) <= width * slack


def _own_unit(text: str, column: "Column", before: str, after: str) -> bool:
    """A line that stands alone: a printed rule ("---"), or a remark wholly in brackets
    ("(Before the Chief Justice.)", "[By Telegraph.]") beside a heading in capitals, or short
    between the end of one sentence and the start of another (a remark in brackets may also
    be a sentence of the paragraph, or a reference at its end)."""
    if _RULE_LINE.fullmatch(text):
        return True
    bare = text.strip(_SPECKS)
    if not (_BRACKETED.fullmatch(bare) is not None or _BRACKETED.fullmatch(bare + ")") is not None and bare.endswith(".")):
        return False
    return in_capitals(before) or in_capitals(after) or column.short(text, "") and ends_sentence(before) and after[:1].isupper()


class Column:
    """The measured shape of a hard-wrapped column: its width, and how full the document's
    own wrapped lines are (``wrap_fill``: a line filled less than that, measured with the next
    line's first word, was not ended by the wrapper).

    The fill is learned from the lines that are certainly wrapped (the next line goes on in
    lower case): proportional type, justification and OCR noise make a printed column's lines
    differ in length, and the document says by how much.
    """

    #: Used when the document has too few certain wraps to measure its own fill.
    default_fill = 0.85
    #: The share of certain wraps allowed to fall below the learned fill (outliers, OCR noise).
    quantile = 0.1
    #: A line counts as short below this share of the learned fill: OCR drops and merges
    #: characters, so a wrapped line's measured length varies a little more than its print.
    tolerance = 0.9
    #: Below this Zipf frequency (once per ten million words) a "word" is no word of the
    #: language: web text, which the lists are built from, has OCR misreadings too.
    word_zipf = 2.0

    def __init__(self, lines: tuple[Line, ...], language: "Callable[[], str | None] | str | None" = None) -> None:
        self._language = language
        self.width = wrap_width(lines)
        self.wrap_fill = self.default_fill
        if self.width is None:
            return
        fills = []
        for prev, line in zip(lines, lines[1:]):
            a, b = prev.text.strip(), line.text.strip()
            if line.gap_before or line.removed_before or not a or not b or ends_sentence(a) or a[-1] in _HYPHENS:
                continue
            if b[:1].islower():
                fills.append((len(a) + 1 + len(_first_word(b))) / self.width)
        if len(fills) >= 8:
            fills.sort()
            learned = fills[int(self.quantile * (len(fills) - 1))]
            self.wrap_fill = min(max(learned, 0.5), 0.95)

    def fill(self, a: str, b: str) -> float:
        """How full line ``a`` is with the first word of ``b`` (1.0 and more: it would not fit)."""
        return (len(a) + 1 + len(_first_word(b))) / self.width if self.width else 1.0

    def misread(self, a: str, b: str) -> bool:
        """Does line ``b`` start with a "word" the language hardly knows (an OCR misreading, as
        of a capital), and no word split at the end of line ``a`` ("re" / "quires")? False
        without a word list."""
        found = _LEADING_LETTERS.search(b)
        if not (found and self.language and zipf(found.group("word"), self.language) < self.word_zipf):
            return False
        head = _LAST_WORD.search(a.rstrip())
        return not (head and zipf(head.group(0) + found.group("word"), self.language) >= self.word_zipf)

    @property
    def language(self) -> str | None:
        """The document's language when it has a word list (found on first use)."""
        if callable(self._language):
            self._language = self._language()
        return self._language if supported(self._language) else None

    def short(self, a: str, b: str) -> bool:
        """Is line ``a`` (with the first word of ``b``) clearly shorter than the column's wrapped
        lines, by more than their own spread (``tolerance``)?"""
        return self.fill(a, b) < self.tolerance * self.wrap_fill


def _beside(lines: tuple[Line, ...], j: int, k: int | None = None) -> str:
    """The text of line ``j`` when it belongs to the same block as its neighbour (``k``,
    default ``j - 1``), else ""."""
    if not 0 <= j < len(lines):
        return ""
    later = lines[j if k is None else k]
    return "" if later.gap_before or later.removed_before else lines[j].text.strip()


def _starts_new_unit(a: str, b: str, column: Column, c: str = "", z: str = "") -> bool:
    """Does line ``b`` start a new paragraph or heading after line ``a`` of the same block
    (``z``: the line before ``a``, ``c``: the line after ``b`` in the block, if any)?"""
    # The first letter or digit: OCR leaves specks of the column rule before it (". The", "' Mr.").
    found = _FIRST_ALNUM.search(b)
    first = found.group(0) if found else ""
    if _own_unit(a, column, z, b) or _own_unit(b, column, a, c):
        return True
    heading_a, heading_b = in_capitals(a), in_capitals(b)
    if heading_a and heading_b and _ENDS_IN_WORD.search(a):
        return False  # a heading wrapped over two lines (its first line ends in a word)
    if heading_a and not heading_b and (ends_sentence(a) or column.short(a, b)):
        return True  # after a heading
    if heading_b and not heading_a and (ends_sentence(a) or column.short(b, "") and len(_CAPS_WORDS.findall(b)) >= 2):
        return True  # a heading after a paragraph, however full its last line (or its full stop lost)
    if _LEAD_IN.search(a) and first.isupper():
        return True  # "... as follows :-" before a list or a block
    if ends_sentence(a) and column.short(a, b):
        return True  # a short line ending a sentence ends the paragraph (whatever OCR made of the next letter)
    if not (first.isupper() or first.isdigit()):
        # A short line before a lower-case start that is no word: OCR misread the capital of a
        # new paragraph ("lho resolution" for "The resolution").
        return column.short(a, b) and column.misread(a, b)
    if ends_sentence(a):
        return _fits(a, b, column.width)
    # Inside a sentence only a line clearly shorter than the document's wrapped lines ends a
    # unit (a heading, a dateline): "to / Mr. Gillespie" a little short is still a wrap.
    return column.short(a, b)


def _same_paragraph(lines: tuple[Line, ...], i: int, column: Column) -> bool:
    """Are kept lines ``i`` and ``i + 1`` parts of one hard-wrapped paragraph? (The lines
    around them judge a remark in brackets.)"""
    prev, line = lines[i], lines[i + 1]
    if line.removed_before:
        return continues_across_break(prev, line, column.width)
    if line.gap_before:
        return False
    a, b = prev.text.strip(), line.text.strip()
    if not a or not b or _starts_item(a, b):
        return False
    indent_a = len(prev.text) - len(prev.text.lstrip())
    indent_b = len(line.text) - len(line.text.lstrip())
    if indent_b >= indent_a + 2 and ends_sentence(a):
        return False  # an indented first line starts a paragraph
    if _hyphen_end(a) is not None:
        return True  # a split word: OCR004 decides
    return not _starts_new_unit(a, b, column, _beside(lines, i + 2), _beside(lines, i - 1, i))


@dataclass(frozen=True)
class DehyphenateOptions(Options):
    """``[OCR004]`` settings of :class:`Dehyphenate` (a threshold left out: the rule's own)."""

    suspended: tuple[str, ...] = ()
    closed_compounds: tuple[str, ...] = ()
    hyphenated: dict[str, tuple[str, ...]] = field(default_factory=dict)
    prefixes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    tails: dict[str, tuple[str, ...]] = field(default_factory=dict)
    soft: dict[str, tuple[str, ...]] = field(default_factory=dict)
    join_zipf: float | None = None
    word_zipf: float | None = None
    part_zipf: float | None = None


class Dehyphenate(DocumentRule):
    """Join words split across a line end; keep the hyphen only on evidence for it.

    Before::

        Trump sent a similar message ahead of the Virginia elec-
        tions. It was a well-
        known strategy, used in 1990-
        95 as well; the tele-
        phoned reports said so to-
        day.

    After (joined lines shown as one)::

        Trump sent a similar message ahead of the Virginia elections. It was a well-known strategy, used in 1990-95 as well; the telephoned reports said so to-day.

    On a printed page almost every line-end hyphen is the typesetter's, so a split is joined
    unless there is evidence for the hyphen. In order:

    * the document's own words: if "elections" (or "well-known") appears elsewhere, that form
      wins;
    * a number on either side keeps the hyphen (a range ``1990-95``, ``0-62``), and so do a
      second part that starts with a capital (``Qinghai-`` / ``Tibet``, ``Auto-`` /
      ``Industrie``) and one that repeats the first (``so-`` / ``so``);
    * a suspended compound keeps its hyphen and a space (``local-`` / ``and long-distance``,
      ``Auto-`` / ``und Velofahrer``);
    * the language's pack (``[OCR004]`` in ``packs/ocr.toml``): compounds a source prints with
      a hyphen (``to-day``, kept as printed, never modernised), first elements that keep it
      (``non-alcoholic``), second elements older print hyphenates after a name
      (``Argyle-street``);
    * the language's word list (wordfreq): a common joined word is joined; in a language that
      writes compounds closed (German) everything else is joined too; a capitalised first
      piece before a lower-case one is a name broken in two (``Mary-`` / ``borough``); two
      words (no prefix or suffix syllable) that together are no word keep the hyphen
      (``lower-`` / ``grade``, ``key-`` / ``mashing``);
    * otherwise the pieces are one broken word (``dis-`` / ``charging``, ``Zel-`` /
      ``enskiy``) and are joined.

    ``¬`` and ``⸗`` (the hyphenation marks of Fraktur print and its transcriptions) count as
    line-end hyphens; a kept ``¬`` is written ``-``.

    Leaves alone: a hyphen before a paragraph break (never joined across one), a dash with a
    space before it ("the offer -"), hyphens inside lines. Across a page break a split word is
    joined when the next page goes on in lower case.
    """

    code = "OCR004"
    Options = DehyphenateOptions
    name = "ocr.dehyphenate"
    summary = "Join words split at a line end (inte- / rnational); keep a hyphen only on evidence (well-known, to-day)."
    stage = Stage.LAYOUT
    action = Action.REPAIRED

    #: A joined form at least this common (Zipf; 3.0 = once per million words) is one word.
    join_zipf: float = 3.0
    #: Both pieces at least this common, and the joined form rare: a compound of two words.
    word_zipf: float = 3.0
    #: A second piece of four letters or more this common counts as a word too when the
    #: joined form is unknown (below it, short "words" of the list are often fragments:
    #: ``eart-`` / ``ips``).
    part_zipf: float = 2.0

    def setup(self) -> None:
        options = self.options
        self.suspended = frozenset(w.casefold() for w in options.suspended)
        load_thresholds(self, "join_zipf", "word_zipf", "part_zipf")
        self.closed_compounds = frozenset(options.closed_compounds)

        def by_language(key: str) -> dict[str, frozenset[str]]:
            return {lang: frozenset(w.casefold() for w in words) for lang, words in getattr(options, key).items()}

        self.hyphenated = by_language("hyphenated")
        self.prefixes = by_language("prefixes")
        self.tails = by_language("tails")
        self.soft = by_language("soft")

    # -- the decision ---------------------------------------------------------------------

    def _in_pack(self, pack: dict[str, frozenset[str]], language: str | None, word: str) -> bool:
        return word.casefold() in pack.get(language or "", ())

    def decide(self, head: str, tail: str, vocab: Vocabulary, language: str | None, after: str = "") -> str:
        """How to join ``head-`` (the token before the line-end hyphen, without it) and
        ``tail`` (the next line's first word; ``after``: the word after that): ``"join"``,
        ``"keep"`` or ``"space"``.

        >>> from cleaner.config import Config
        >>> rule = Dehyphenate(Config(), {"suspended": ["and", "or"], "hyphenated": {"en": ["to-day"]}})
        >>> none = Vocabulary(())
        >>> [rule.decide(h, t, none, "en") for h, t in [("inte", "rnational"), ("well", "known"),
        ...   ("1990", "95"), ("direct-to", "consumer"), ("Zel", "enskiy"), ("to", "day")]]
        ['join', 'keep', 'keep', 'keep', 'join', 'keep']
        >>> rule.decide("local", "and", none, "en", "long-distance"), rule.decide("thous", "and", none, "en", "long-term")
        ('space', 'join')
        >>> rule.decide("to", "day", Vocabulary(["see you today"]), "en")
        'join'
        """
        pieces = re.split(r"[-‐⸗]", head)
        last = pieces[-1]
        if not last or not tail:
            return "keep"
        if last[-1].isdigit() or tail[0].isdigit():
            return "keep"  # a number range (1990-95) or a number compound (0-62, 43-year-old)
        joined_count = vocab.count(head + tail)
        hyphened_count = vocab.count(head + "-" + tail)
        if joined_count != hyphened_count:
            return "join" if joined_count > hyphened_count else "keep"  # the writer's own spelling
        joined = zipf(last + tail, language)
        if tail.casefold() in self.suspended and joined < self.join_zipf and (
            "-" in after or zipf(last, language) >= self.word_zipf
        ):
            return "space"  # local- / and long-distance, Auto- / und Velofahrer
        if last.casefold() == tail.casefold():
            return "keep"  # reduplication: so-so, musuh-musuh
        if tail[0].isupper() and not last.isupper():
            return "keep"  # Qinghai-Tibet, non-U, Auto-Industrie
        if self._in_pack(self.hyphenated, language, last + "-" + tail):
            return "keep"  # to-day, as the source prints it
        if not supported(language):
            return "keep" if len(pieces) > 1 else "join"
        if joined >= self.join_zipf:
            return "join"
        if len(pieces) > 1:
            return "keep"  # already a compound: direct-to- / consumer, 43-year- / old
        tail_z = zipf(tail, language)
        if self._in_pack(self.tails, language, tail):
            return "keep"  # Argyle-street
        if self._in_pack(self.prefixes, language, last) and tail_z >= self.part_zipf:
            return "keep"  # non-alcoholic, self-made
        if language in self.closed_compounds:
            return "join"  # Kantons- / rat: compounds are written closed
        if last[0].isupper() and not last.isupper():
            # A name broken in two (Mary- / borough); typesetters carry three letters at least,
            # so a shorter second piece is part of a hyphenated name (Jong- / un).
            return "join" if len(tail) >= 3 else "keep"
        if self._in_pack(self.soft, language, last) or self._in_pack(self.soft, language, tail):
            return "join"  # a syllable: dis- / charging, endeavour- / ing
        last_z = zipf(last, language)
        tail_is_word = tail_z >= self.word_zipf or (joined == 0.0 and tail_z >= self.part_zipf and len(tail) >= 4)
        if last_z >= self.word_zipf and tail_is_word and min(len(last), len(tail)) >= 3:
            return "keep"  # two words that are no common word together: lower- / grade, key- / mashing
        if joined == 0.0 and last_z and tail_z and min(len(last), len(tail)) >= 6:
            return "keep"  # two long words of the language, never one: chemosensory- / immunological
        return "join"  # pieces of one word: tele- / phoned, Zel- / enskiy

    # -- the edits ------------------------------------------------------------------------

    def _split_at(self, doc: DocView, i: int, width: float | None) -> tuple[str, str, str] | None:
        """``(head, tail, after)`` when line ``i`` ends in a word split that line ``i + 1``
        finishes (``after``: the next line's second word)."""
        if i + 1 >= len(doc.lines):
            return None
        a = doc.lines[i].text.rstrip()
        m = _hyphen_end(a)
        if m is None or a.endswith("--"):
            return None
        nxt = doc.lines[i + 1]
        b = nxt.text.lstrip()
        w = _LEADING_WORD.match(b)
        if w is None:
            return None
        if nxt.removed_before:
            if not (b[:1].islower() and continues_across_break(doc.lines[i], nxt, width)):
                return None
        elif nxt.gap_before:
            return None  # never across a paragraph break
        head = (m.group("token") + m.group("last")).lstrip(_OPENING_PUNCT)
        words = b.split(None, 2)
        after = words[1] if len(words) > 1 and words[0] == w.group(0) else ""
        return head, w.group(0), after

    def edits(self, doc: DocView) -> Iterable[Edit]:
        width = wrap_width(doc.lines)
        splits = {i: s for i in range(len(doc.lines) - 1) if (s := self._split_at(doc, i, width))}
        if not splits:
            return []
        vocab = Vocabulary(line.text for line in doc.lines)
        language = _language(doc)
        out: list[Edit] = []
        i = 0
        while i < len(doc.lines):
            if i not in splits:
                i += 1
                continue
            start, text = i, doc.lines[i].text.rstrip()
            while i in splits:
                head, tail, after = splits[i]
                nxt = doc.lines[i + 1].text.strip()
                how = self.decide(head, tail, vocab, language, after)
                # "¬" only marks the split; a hyphen that stays is written as one.
                mark = "" if how == "join" else "-" if text[-1] == "¬" else text[-1]
                text = text[:-1] + mark + (" " if how == "space" else "") + nxt
                i += 1
            out.append(Replace(start, i, text))
            i += 1
        return out


@dataclass(frozen=True)
class RejoinSplitOptions(Options):
    """``[OCR005]`` settings of :class:`RejoinSplit` (a threshold left out: the rule's own)."""

    suffixes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    join_zipf: float | None = None
    piece_zipf: float | None = None
    function_zipf: float | None = None


class RejoinSplit(DocumentRule):
    """Join a word split at a line end whose hyphen the OCR lost (``re`` / ``quires``).

    Before (a scan: ``layout = "on"``)::

        The new rule re
        quires every member to attend the meeting.

    After (the lines still joined by OCR003)::

        The new rule requires every member to attend the meeting.

    Nothing at the line end says the word is split, so only strong evidence joins: the
    joined form is a common word of the document's language (``join_zipf``), and one piece is
    no word of its own (below ``piece_zipf``: "quires") or the second is a suffix of the
    language ("morn" / "ing"); neither piece is a very common word (``function_zipf``: "in" /
    "to" stays two words), the next line goes on in lower case, and the two lines belong to
    one paragraph. Every join is a change in the record.

    Leaves alone: two words that are words on their own ("after / noon"), pieces the document
    itself uses as words, a line ending a sentence or a paragraph, capitalised words after the
    line end, text in a language without a word list.
    """

    code = "OCR005"
    Options = RejoinSplitOptions
    name = "ocr.rejoin-split"
    summary = "Join words split at a line end whose hyphen OCR lost (re / quires), on strong word-list evidence."
    stage = Stage.LAYOUT
    action = Action.REPAIRED

    #: The joined form at least this common (Zipf): a word of the language.
    join_zipf: float = 3.0
    #: A piece below this is no word of its own.
    piece_zipf: float = 2.0
    #: A piece at least this common is a word that stands alone (in, to, the, after).
    function_zipf: float = 5.5

    def setup(self) -> None:
        load_thresholds(self, "join_zipf", "piece_zipf", "function_zipf")
        self.suffixes = {lang: frozenset(w.casefold() for w in words) for lang, words in self.options.suffixes.items()}

    def joins(self, head: str, tail: str, language: str | None, vocab: Vocabulary) -> bool:
        """Is ``head`` / ``tail`` one word split at a line end?

        >>> from cleaner.config import Config
        >>> rule = RejoinSplit(Config(), {"suffixes": {"en": ["ing"]}})
        >>> none = Vocabulary(())
        >>> rule.joins("re", "quires", "en", none), rule.joins("morn", "ing", "en", none)
        (True, True)
        >>> rule.joins("in", "to", "en", none), rule.joins("after", "noon", "en", none), rule.joins("the", "house", "en", none)
        (False, False, False)
        """
        if len(head) < 2 or len(tail) < 2 or not tail[0].islower() or not supported(language):
            return False
        if vocab.count(head) > 1 and vocab.count(tail) > 1 and vocab.count(head + tail) == 0:
            return False  # the document uses both pieces as words and never the joined form
        if zipf(head + tail, language) < self.join_zipf:
            return False
        head_z, tail_z = zipf(head, language), zipf(tail, language)
        if max(head_z, tail_z) >= self.function_zipf:
            return False
        return min(head_z, tail_z) < self.piece_zipf or (len(head) >= 3 and tail.casefold() in self.suffixes.get(language or "", ()))

    def edits(self, doc: DocView) -> Iterable[Edit]:
        lines = doc.lines
        language = _language(doc)
        if not supported(language) or len(lines) < 2:
            return []
        column = Column(lines, language)
        vocab = Vocabulary(line.text for line in lines)
        out: list[Edit] = []
        i = 0
        while i < len(lines) - 1:
            a, b = lines[i].text.rstrip(), lines[i + 1].text.strip()
            head, tail = _LAST_WORD.search(a), _LEADING_WORD.match(b)
            if (head and tail and not ends_sentence(a) and self.joins(head.group(0), tail.group(0), language, vocab)
                    and _same_paragraph(lines, i, column)
                    and (i + 2 >= len(lines) or _same_paragraph(lines, i + 1, column))):
                out.append(Replace(i, i + 1, a + b))
                i += 2
                continue
            i += 1
        return out


class Unwrap(DocumentRule):
    """Join the hard-wrapped lines of a paragraph into one line.

    Before (a scan: ``layout = "on"``)::

        Americans have gone to the polls four times this month to
        vote in major, statewide races.

        In Virginia, they voted for control of the state Legislature.

    After::

        Americans have gone to the polls four times this month to vote in major, statewide races.

        In Virginia, they voted for control of the state Legislature.

    A paragraph split by a page break (its furniture removed by OCR002) is joined again when it
    runs on. Lines of Chinese or Japanese join without a space. A line ending in a split word
    (``inte-``) is left to OCR004, which decides whether the hyphen stays.

    Leaves alone: paragraph breaks (a blank line, an indented first line, a short last line
    ending a sentence), list items and references (``•``, ``1.``, ``[1]``), headings and
    datelines (a short line before a capitalised one).
    """

    code = "OCR003"
    needs = ("OCR004",)  # whether it runs: split words are its to join
    name = "ocr.unwrap"
    summary = "Join the hard-wrapped lines of a paragraph; keep paragraph breaks, lists, headings and datelines."
    stage = Stage.LAYOUT
    action = Action.REPAIRED

    def setup(self) -> None:
        # Split words are OCR004's; with it switched off they are joined as they stand.
        self.leave_splits = self.peers["OCR004"].enabled

    def _joins(self, lines: tuple[Line, ...], i: int, column: Column) -> bool:
        prev, line = lines[i], lines[i + 1]
        if not _same_paragraph(lines, i, column):
            return False
        return not (self.leave_splits and _hyphen_end(prev.text.rstrip()) and _LEADING_WORD.match(line.text.lstrip()))

    def _split_kept(self, text: str, nxt: str) -> bool:
        """With OCR004 off, a split word is joined as it stands (``inte-rnational``): no word
        is lost, and no space is made up inside it."""
        return _hyphen_end(text) is not None and _LEADING_WORD.match(nxt) is not None

    def edits(self, doc: DocView) -> Iterable[Edit]:
        lines = doc.lines
        column = Column(lines, lambda: _language(doc))
        out: list[Edit] = []
        i = 0
        while i < len(lines) - 1:
            if not self._joins(lines, i, column):
                i += 1
                continue
            start, text = i, lines[i].text.rstrip()
            while i + 1 < len(lines) and self._joins(lines, i, column):
                nxt = lines[i + 1].text.strip()
                glue = "" if _CJK.match(text[-1:]) and _CJK.match(nxt[:1]) or self._split_kept(text, nxt) else " "
                text = text + glue + nxt
                i += 1
            out.append(Replace(start, i, text))
            i += 1
        return out


def _language(doc: DocView) -> str | None:
    """The language whose word list judges the document's splits: the corpus's only language
    when it accepts one, else langdetect's answer on a sample of the text (asked once per
    sample: the layout rules ask in turn)."""
    languages = doc.config.languages
    if languages is not None and len(languages) == 1:
        return languages[0]
    return _detected(" ".join(line.text.strip() for line in doc.lines[:60])[:1000])


@lru_cache(maxsize=64)
def _detected(sample: str) -> str | None:
    from ..language import UNDETERMINED, detect_language

    language, _ = detect_language(sample, 1000)
    return None if language == UNDETERMINED else language.split("-")[0]
