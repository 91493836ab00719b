"""Quote repairs: the typographic errors scrapers and CMSs leave in quotation marks.

Double quotes are judged per paragraph (one line, once layout is repaired). Each mark has a
*form* -- where it sits against spaces and letters -- and a *role* by parity: the 1st, 3rd, ...
mark of a paragraph opens a quote, the 2nd, 4th, ... closes it. A repair is made only when the
two agree on what is wrong; where they do not, the mark is left alone. Inch and second marks
after digits (``5'10"``) are not quotes and are never touched.

The output style follows ``quotes`` in the config: curly (“ ” ‘ ’) by default, or straight.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import ClassVar

from ..engine.base import Action, Options, RepairRule, Stage


@dataclass(frozen=True)
class Glyphs:
    open_double: str
    close_double: str
    open_single: str
    close_single: str  # also the apostrophe


CURLY = Glyphs("“", "”", "‘", "’")
STRAIGHT = Glyphs('"', '"', "'", "'")

#: Characters that may stand right after a closing quote.
_AFTER_CLOSE = set(",.;:!?)]}…—–-’'/")
#: Characters that may stand right before an opening quote.
_BEFORE_OPEN = set("([{—–-/‘'")
#: Punctuation that ends the quoted words when a closing quote got pushed past the space.
_QUOTE_END_PUNCT = set(",.!?;:…—–")
#: Characters that are (or are used as) double quotation marks.
DOUBLE_MARKS = "\"“”"
def _guillemet_style(text: str) -> tuple[str, str]:
    """The space a paragraph puts inside its guillemets: after « and before » (none, a space,
    a no-break space).

    >>> _guillemet_style("Il dit « non »."), _guillemet_style("Il dit «non».")
    ((' ', ' '), ('', ''))
    """
    opening, closing = text.find("«"), text.find("»")
    after = text[opening + 1] if 0 <= opening < len(text) - 1 and text[opening + 1] in _GUILLEMET_SPACES else ""
    before = text[closing - 1] if closing > 0 and text[closing - 1] in _GUILLEMET_SPACES else ""
    return after or before, before or after


_GUILLEMET_SPACES = " \u00a0\u202f"
#: A guillemet and the letters beside it: a quoting « has no letter before it, a » none after.
_GUILLEMET_SIDES = re.compile(r"(?P<before>[^\W_]?)(?P<mark>[«»])(?P<after>[^\W_]?)")


def _quotes_with_guillemets(text: str) -> bool:
    """Does the paragraph quote with guillemets: « and » alternating in pairs, each « with no
    letter before it and each » with none after? OCR misreads letters as « and » in ones and
    twos (``Ne« South``, ``»est``), which never pair up like that.

    >>> _quotes_with_guillemets("Il dit « non » puis « oui »."), _quotes_with_guillemets("the «aid men and Ne« South")
    (True, False)
    """
    expected = "«"
    for m in _GUILLEMET_SIDES.finditer(text):
        mark = m.group("mark")
        if mark != expected or (mark == "«" and m.group("before")) or (mark == "»" and m.group("after")):
            return False
        expected = "»" if mark == "«" else "«"
    return expected == "«" and "«" in text
#: „ closed by ” with no other double quote between: the paragraph's style is „…” (Polish).
_LOW_NINE_WITH_RIGHT = re.compile(r"„[^\"“”„\n]*”")


class QuoteRule(RepairRule):
    stage: ClassVar[Stage] = Stage.INLINE
    action: ClassVar[Action] = Action.REPAIRED

    def setup(self) -> None:
        super().setup()
        self.glyphs = STRAIGHT if self.config.quotes == "straight" else CURLY


# -- analysis shared by the double-quote rules ---------------------------------------------------


@dataclass(frozen=True)
class Mark:
    pos: int
    char: str
    form: str  # "open", "close", "detached" (spaces both sides), "attached" (no space either side)
    role: str  # "open" or "close", by parity


def _form(text: str, pos: int) -> str:
    prev = text[pos - 1] if pos > 0 else None
    nxt = text[pos + 1] if pos + 1 < len(text) else None
    prev_space = prev is None or prev.isspace()
    next_space = nxt is None or nxt.isspace()
    if prev_space and next_space:
        return "detached"
    if prev_space or (prev in _BEFORE_OPEN and not next_space and nxt not in _AFTER_CLOSE):
        return "open"
    if next_space or nxt in _AFTER_CLOSE:
        return "close"
    return "attached"


def _is_inch_mark(text: str, pos: int) -> bool:
    """A straight or double-prime mark right after a digit: 5'10", a 12" pizza."""
    return text[pos] in "\"″" and pos > 0 and text[pos - 1].isdigit()


_MARK_FINDERS: dict[str, re.Pattern[str]] = {}


def double_marks(text: str, chars: str = DOUBLE_MARKS) -> list[Mark]:
    """The double quotation marks of a paragraph with their form and parity role.

    >>> [(m.char, m.form, m.role) for m in double_marks('“Stop,” he said. ”Now')]
    [('“', 'open', 'open'), ('”', 'close', 'close'), ('”', 'open', 'open')]
    """
    finder = _MARK_FINDERS.get(chars)
    if finder is None:
        finder = _MARK_FINDERS[chars] = re.compile("[" + re.escape(chars) + "]")
    positions = [m.start() for m in finder.finditer(text)]
    marks: list[Mark] = []
    count = 0
    for pos in positions:
        if _is_inch_mark(text, pos):
            # Only a closing quote if a quote is open and the digits are not feet/inches.
            if count % 2 == 0 or _ends_feet_and_inches(text, pos):
                continue
        role = "open" if count % 2 == 0 else "close"
        marks.append(Mark(pos, text[pos], _form(text, pos), role))
        count += 1
    return marks


def _ends_feet_and_inches(text: str, pos: int) -> bool:
    """Does ``text[:pos]`` end like ``5'10`` (digits, a prime, digits)? A backward scan over the
    digits before ``pos`` only, so checking every mark of a line stays linear.

    >>> _ends_feet_and_inches("5'10 tall", 4), _ends_feet_and_inches("a 10 tall", 4)
    (True, False)
    """
    k = pos
    while k > 0 and text[k - 1].isdecimal():
        k -= 1
    return k < pos and k >= 2 and text[k - 1] in "'′" and text[k - 2].isdecimal()


def _sub_before_last_closer(pattern: re.Pattern[str], closer: re.Pattern[str], repl, text: str) -> str:
    """``pattern.sub(repl, text)`` for a pattern whose lazy body ends at a closing mark that
    ``closer`` finds (a zero-width match whose group 1 is the mark). Only the text up to the
    last possible closing mark is searched: past it no opening mark can find its partner, and
    letting the regex engine try each of them would cost a scan to the end of the line per
    opening mark (quadratic on a long line of unpaired marks).
    """
    last = None
    for last in closer.finditer(text):
        pass
    if last is None:
        return text
    cut = last.start() + len(last.group(1))
    return pattern.sub(repl, text[:cut]) + text[cut:]


def _replace_at(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Apply (start, end, replacement) edits, which must not overlap."""
    out, last = [], 0
    for start, end, repl in sorted(edits):
        out.append(text[last:start])
        out.append(repl)
        last = end
    out.append(text[last:])
    return "".join(out)


# -- the rules ------------------------------------------------------------------------------------


class BacktickApostrophe(QuoteRule):
    """A backtick, acute accent or turned comma used as an apostrophe inside a word.

    >>> from cleaner.config import Config
    >>> BacktickApostrophe(Config()).repair("According to Chinese media`s reports, China´s view")
    'According to Chinese media’s reports, China’s view'

    Leaves alone: backticks at word edges (quote pairs, see QUO002), accents on letters (é).
    """

    code = "QUO001"
    name = "quotes.backtick-apostrophe"
    summary = "Turn a backtick or acute accent used as an apostrophe inside a word (media`s) into ’."
    trigger_chars = "`´"

    _pattern = re.compile(r"(?<=\w)[`´](?=\w)")

    def repair(self, text: str) -> str:
        return self._pattern.sub(self.glyphs.close_single, text)


class TurnedApostrophe(QuoteRule):
    """An opening single quote (‘) used as an apostrophe inside a word.

    >>> from cleaner.config import Config
    >>> TurnedApostrophe(Config()).repair("China‘s view")
    'China’s view'

    Leaves alone: ‘ at the start of a word (an opening quote).
    """

    code = "QUO009"
    name = "quotes.turned-apostrophe"
    summary = "Turn an opening single quote used as an apostrophe inside a word (China‘s) into ’."
    trigger_chars = "‘"

    _pattern = re.compile(r"(?<=[^\W\d_])‘(?=[^\W\d_])")

    def repair(self, text: str) -> str:
        return self._pattern.sub(self.glyphs.close_single, text)


class BacktickQuotes(QuoteRule):
    """Backticks used as quotation marks: `word` or `word' become ‘word’, ``word'' becomes “word”.

    >>> from cleaner.config import Config
    >>> BacktickQuotes(Config()).repair("its 1994 `Partnership for Peace` outreach")
    'its 1994 ‘Partnership for Peace’ outreach'
    >>> BacktickQuotes(Config()).repair("``Never,'' she said")
    '“Never,” she said'

    Leaves alone: a backtick with no partner in the paragraph.
    """

    code = "QUO002"
    name = "quotes.backtick-pair"
    summary = "Turn backtick pairs used as quotes (`x`, `x', ``x'') into curly quotes."
    trigger_chars = "`"

    _double = re.compile(r"``(?=\S)(.+?)(?<=\S)(?:''|``|\")")
    # The backtick may follow any mark that opens a double quote, the look-alikes (˝ ʺ ″) too:
    # they become “ only later (QUO003), and a second cleaning must find nothing left to do.
    _single = re.compile(r"(?<![^\s(\[{“”„\"˝ʺ″—–-])`(?=[^\s`])(.+?)(?<=[^\s`])[`'’´](?![^\W_])")
    #: Every place the closing part of ``_double`` / ``_single`` could match (see
    #: ``_sub_before_last_closer``).
    _double_closer = re.compile(r"(?<=\S)(?=(''|``|\"))")
    _single_closer = re.compile(r"(?<=[^\s`])(?=([`'’´])(?![^\W_]))")

    def repair(self, text: str) -> str:
        g = self.glyphs
        text = _sub_before_last_closer(self._double, self._double_closer, lambda m: g.open_double + m.group(1) + g.close_double, text)
        return _sub_before_last_closer(self._single, self._single_closer, lambda m: g.open_single + m.group(1) + g.close_single, text)


class LookalikeDoubleQuotes(QuoteRule):
    """Characters that look like double quotes used as quotes: ˝ (double acute), ʺ (modifier
    double prime), ″ (double prime, not after a digit). Each becomes an opening or closing quote
    by where it sits, else by parity in the paragraph.

    >>> from cleaner.config import Config
    >>> LookalikeDoubleQuotes(Config()).repair("the move as ˝refreshing proposal.˝ Then")
    'the move as “refreshing proposal.” Then'

    Leaves alone: ″ after a digit (seconds, inches: 5′10″), „ and « » (real quotes in many
    languages).
    """

    code = "QUO003"
    name = "quotes.lookalike-double-quote"
    summary = "Turn ˝ (double acute), ʺ and ″ used as quotes into “ ”, paired per paragraph."
    trigger_chars = "˝ʺ″"

    def repair(self, text: str) -> str:
        marks = double_marks(text, DOUBLE_MARKS + "˝ʺ″")
        edits = []
        for m in marks:
            if m.char not in "˝ʺ″":
                continue
            if m.form in ("open", "close"):
                glyph = self.glyphs.open_double if m.form == "open" else self.glyphs.close_double
            else:
                glyph = self.glyphs.open_double if m.role == "open" else self.glyphs.close_double
            edits.append((m.pos, m.pos + 1, glyph))
        return _replace_at(text, edits)


class ClosingQuoteSpacing(QuoteRule):
    """A closing quote pushed past the following space, or turned the wrong way there:
    ``security, ”Stoltenberg said`` and ``together? “Said Hua.`` The mark closes by parity but
    sits at the start of the next word; it goes back against the punctuation that ends the quote.

    >>> from cleaner.config import Config
    >>> r = ClosingQuoteSpacing(Config())
    >>> r.repair("“It matters to our security, ”Stoltenberg said.")
    '“It matters to our security,” Stoltenberg said.'
    >>> r.repair("“Is that a value we should stick together? “Said Hua.")
    '“Is that a value we should stick together?” Said Hua.'

    Leaves alone: an opening quote after a space (“ by parity opens), and a mark after a letter
    (without punctuation there is no evidence the quote ended).
    """

    code = "QUO004"
    name = "quotes.closing-quote-spacing"
    summary = "Move a closing quote pushed past a space back to its punctuation (security, ”Said -> security,” Said)."
    trigger_chars = DOUBLE_MARKS

    def repair(self, text: str) -> str:
        edits = []
        for m in double_marks(text):
            if m.role != "close" or m.form != "open":
                continue
            start = m.pos
            while start > 0 and text[start - 1].isspace():
                start -= 1
            if start == m.pos or start == 0 or text[start - 1] not in _QUOTE_END_PUNCT:
                continue
            edits.append((start, m.pos + 1, self.glyphs.close_double + " "))
        return _replace_at(text, edits)


class DanglingClosingQuote(QuoteRule):
    """A closing quote left alone after a space at the end of a paragraph: ``world. “``.

    >>> from cleaner.config import Config
    >>> DanglingClosingQuote(Config()).repair("“Much of the work will be in the cyber world. “")
    '“Much of the work will be in the cyber world.”'

    Leaves alone: an opening quote at a paragraph's end when parity says it opens.
    """

    code = "QUO005"
    name = "quotes.dangling-closing-quote"
    summary = "Attach a closing quote left after a space at a paragraph's end (world. “ -> world.”)."
    trigger_chars = DOUBLE_MARKS

    def repair(self, text: str) -> str:
        stripped = text.rstrip()
        marks = double_marks(stripped)
        if not marks:
            return text
        last = marks[-1]
        if last.pos != len(stripped) - 1 or last.role != "close" or last.form != "detached":
            return text
        start = last.pos
        while start > 0 and stripped[start - 1].isspace():
            start -= 1
        if start == 0 or stripped[start - 1] not in _QUOTE_END_PUNCT and not stripped[start - 1].isalnum():
            return text
        return stripped[:start] + self.glyphs.close_double + text[len(stripped):]


class DoubleQuoteOrientation(QuoteRule):
    """Straight double quotes become curly ones facing the right way; a curly quote turned the
    wrong way is turned back where its position and its parity agree.

    >>> from cleaner.config import Config
    >>> DoubleQuoteOrientation(Config()).repair('"We are cooperating," said a spokesperson.')
    '“We are cooperating,” said a spokesperson.'
    >>> DoubleQuoteOrientation(Config()).repair('”Hello,” she said.')
    '“Hello,” she said.'
    >>> DoubleQuoteOrientation(Config()).repair('Sie sagte: „Wir schaffen das", und "gehen".')
    'Sie sagte: „Wir schaffen das“, und „gehen“.'
    >>> DoubleQuoteOrientation(Config()).repair('Powiedział: „Tak” i "nie".')
    'Powiedział: „Tak” i „nie”.'
    >>> DoubleQuoteOrientation(Config()).repair('Il a dit « non » puis "peut-être".')
    'Il a dit « non » puis « peut-être ».'
    >>> DoubleQuoteOrientation(Config(languages=["fr"])).repair('Il a dit "non".')
    'Il a dit « non ».'
    >>> DoubleQuoteOrientation(Config(languages=["de"])).repair('Er sagte "nein".')
    'Er sagte „nein“.'

    Leaves alone: inch marks (5'10", a 12" pizza), curly quotes whose position and parity
    disagree, a paragraph whose « and » do not pair up as quotes (OCR misreads letters as
    guillemets: its quotes stay curly), and everything when the style is straight (see QUO008).
    """

    code = "QUO006"
    name = "quotes.double-quote-orientation"
    summary = "Turn straight double quotes into curly ones, and wrong-way curly quotes around."
    trigger_chars = DOUBLE_MARKS

    def setup(self) -> None:
        super().setup()
        # A corpus of one language quotes in that language's style where a paragraph shows none.
        languages = self.config.languages or ()
        self.corpus_style = languages[0] if len(languages) == 1 and languages[0] in ("de", "fr") else None

    def quick_check(self, text: str) -> bool:
        return self.glyphs is CURLY and super().quick_check(text)

    def repair(self, text: str) -> str:
        if self.glyphs is not CURLY:
            return text
        if self.corpus_style is not None and '"' in text and not any(c in text for c in "„«»“”"):
            text_style = "„" if self.corpus_style == "de" else "« "
            return self._repair(text, forced=text_style)
        return self._repair(text)

    def _repair(self, text: str, forced: str | None = None) -> str:
        edits = []
        # German opens with „ and closes with “ („so“), Polish and Romanian close it with ”
        # („tak”): in a paragraph that uses „, straight quotes follow the paragraph's style.
        low_nine = [i for i, c in enumerate(text) if c == "„"] if "„" in text else []
        uses_low_nine = bool(low_nine) or forced == "„"
        german = uses_low_nine and _LOW_NINE_WITH_RIGHT.search(text) is None
        # French « … »: straight quotes in a paragraph that uses guillemets become guillemets,
        # spaced as the paragraph spaces its own (« non », «non»).
        french = _guillemet_style(text) if not uses_low_nine and _quotes_with_guillemets(text) else None
        if forced == "« ":
            french = (" ", " ")
        open_low = 0  # „ opened before the current mark and not closed yet
        for m in double_marks(text):
            while low_nine and low_nine[0] < m.pos:
                low_nine.pop(0)
                open_low += 1
            if m.char == '"' and french is not None:
                form = m.form if m.form in ("open", "close") else m.role
                glyph = "«" + french[0] if form == "open" else french[1] + "»"
            elif m.char == '"':
                form = m.form if m.form in ("open", "close") else m.role
                if form == "open":
                    glyph = "„" if uses_low_nine else "“"
                    open_low += glyph == "„"
                elif open_low:
                    glyph = "“" if german else "”"
                    open_low -= 1
                else:
                    glyph = "”"
            elif open_low and m.form != "open":
                open_low -= 1
                continue  # a curly quote closing „ is the paragraph's own style
            elif m.form in ("open", "close") and m.form == m.role:
                glyph = "“" if m.form == "open" else "”"
            else:
                continue
            if glyph != m.char:
                edits.append((m.pos, m.pos + 1, glyph))
        return _replace_at(text, edits)


@dataclass(frozen=True)
class SingleQuoteOrientationOptions(Options):
    """``[QUO007]`` settings of :class:`SingleQuoteOrientation`."""

    elisions: tuple[str, ...] = ()


class SingleQuoteOrientation(QuoteRule):
    """Straight single quotes become apostrophes (’) and curly single quotes (‘ ’).

    >>> from cleaner.config import Config
    >>> SingleQuoteOrientation(Config()).repair("China's 'Belt and Road' plan in the '90s")
    'China’s ‘Belt and Road’ plan in the ’90s'

    Words that begin with an apostrophe ('n', 'em, 'til) come from ``[QUO007] elisions``.

    Leaves alone: primes after digits (5'10"), and everything when the style is straight.
    """

    code = "QUO007"
    Options = SingleQuoteOrientationOptions
    name = "quotes.single-quote-orientation"
    summary = "Turn straight single quotes into apostrophes and curly single quotes."
    trigger_chars = "'"

    def setup(self) -> None:
        super().setup()
        elisions = self.options.elisions
        self._elision = re.compile(r"'(?:" + "|".join(re.escape(e) for e in sorted(elisions, key=len, reverse=True)) + r")(?![^\W_])", re.IGNORECASE) if elisions else None

    def quick_check(self, text: str) -> bool:
        return self.glyphs is CURLY and "'" in text

    def repair(self, text: str) -> str:
        if self.glyphs is not CURLY:
            return text
        out = list(text)
        n = len(text)
        for i, ch in enumerate(text):
            if ch != "'":
                continue
            prev = text[i - 1] if i > 0 else None
            nxt = text[i + 1] if i + 1 < n else None
            if prev is not None and prev.isdigit():
                continue  # a prime: feet, minutes
            if prev is not None and unicodedata.category(prev).startswith("M"):
                prev = "a"  # a combining mark belongs to the letter before it
            prev_word = prev is not None and (prev.isalnum() or prev in ".,!?;:…")
            next_word = nxt is not None and nxt.isalnum()
            if prev is not None and prev.isalnum() and next_word:
                out[i] = "’"  # inside a word: don't, China's
            elif not prev_word and next_word:
                if nxt.isdigit() or (self._elision is not None and self._elision.match(text, i)):
                    out[i] = "’"  # '90s, 'n', 'em
                else:
                    out[i] = "‘"
            elif prev_word:
                out[i] = "’"  # closing quote or plural possessive: parents'
        return "".join(out)


class StraightQuoteStyle(QuoteRule):
    """With ``quotes = "straight"``, every curly quote becomes a straight one.

    >>> from cleaner.config import Config
    >>> StraightQuoteStyle(Config(quotes="straight")).repair("“Don’t,” he said")
    '"Don\\'t," he said'

    Leaves alone: everything in the default curly style; guillemets and „ (language-specific).
    """

    code = "QUO008"
    name = "quotes.straight-style"
    summary = "With quotes = straight, turn curly quotes into straight ones."
    trigger_chars = "“”‘’"

    _table = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})

    def quick_check(self, text: str) -> bool:
        return self.glyphs is STRAIGHT and super().quick_check(text)

    def repair(self, text: str) -> str:
        if self.glyphs is not STRAIGHT:
            return text
        return text.translate(self._table)
