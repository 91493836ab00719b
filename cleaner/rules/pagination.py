"""Where a scanned page ended: page numbers, running heads and jump lines between the columns.

OCR of a newspaper article spanning pages leaves the page's furniture between two lines of the
story::

    anything, this was the second consecutive election cycle

    4

    MORNING COURIER — FRIDAY, MARCH 21, 1987

    where health care made the difference. In Kentucky, the

:func:`find_page_breaks` finds them with evidence, never by position alone:

* a **page number** is a short line that is only a number (``4``, ``Page 4``, ``- 4 -``; the
  patterns are data in ``packs/ocr.toml``);
* a **running head** is a short line set like a name or a title, not a sentence: a masthead
  ending in a date (``Morning Courier — Friday, March 21, 1987``), a section or edition label
  from the pack (``WORLD NEWS``), or an all-capitals line (``THE DAILY HERALD``);
* a page number counts when a running head follows it, a known head (pack, masthead) precedes
  it, or the story runs on across it mid-sentence (``... election cycle`` / ``4`` / ``where``);
* a head found at one page break counts wherever it stands beside a page number (before it
  too), and a known head wherever the story runs on across it.

A heading of the article itself (``WHAT YOU NEED TO MAKE JAM``) is an all-capitals line too,
but no page number stands next to it, so it stays. Before a page number only a known head is
taken: the last line of a column sits there ("[ CNET ]", a credit), and it may even come back
elsewhere in the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

from .phrases import phrase_key
from ..text.shape import ends_sentence, word_count
from .view import Line

#: Furniture lines are short: longer lines are text, whatever they look like.
MAX_FURNITURE_CHARS = 80
MAX_FURNITURE_WORDS = 12


@dataclass(frozen=True)
class FurnitureSpec:
    """The compiled page-furniture data of the ``ocr`` pack."""

    page_number: re.Pattern[str]
    head_keys: frozenset[str]
    head_pattern: re.Pattern[str] | None
    masthead_date: re.Pattern[str] | None

    @classmethod
    def build(cls, page_numbers: Iterable[str], heads: Iterable[str], head_patterns: Iterable[str],
              months: Mapping[str, Any], weekdays: Mapping[str, Any]) -> "FurnitureSpec":
        from .phrases import compile_patterns

        number = compile_patterns(page_numbers, "[OCR002] page_numbers") or re.compile(r"\d{1,4}")
        month_names = sorted({name for names in months.values() for entry in names
                              for name in (entry if isinstance(entry, list) else [entry])}, key=len, reverse=True)
        day_names = sorted({name for names in weekdays.values() for name in names}, key=len, reverse=True)
        masthead = None
        if month_names:
            month = "|".join(re.escape(m) for m in month_names)
            weekday = "(?:(?:" + "|".join(re.escape(d) for d in day_names) + r")\.?,?\s+)?" if day_names else ""
            date = (rf"{weekday}(?:(?:{month})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
                    rf"|\d{{1,2}}\.?\s+(?:de\s+)?(?:{month})\.?,?\s+(?:de\s+)?\d{{4}})")
            # An optional short name before the date (no sentence punctuation in it).
            masthead = re.compile(rf"(?:[^.!?]{{0,60}}?(?:\s*[—–|·•,:\-]\s*|\s+))?{date}", re.IGNORECASE)
        return cls(number, frozenset(k for k in map(phrase_key, heads) if k), compile_patterns(head_patterns, "[OCR002] patterns"), masthead)


@dataclass(frozen=True)
class PageBreaks:
    """Indices (into the document's kept lines) of the furniture found."""

    page_numbers: frozenset[int]
    running_heads: frozenset[int]

    @property
    def furniture(self) -> frozenset[int]:
        return self.page_numbers | self.running_heads


def _short(text: str) -> bool:
    return len(text) <= MAX_FURNITURE_CHARS and word_count(text) <= MAX_FURNITURE_WORDS


#: A running head that carries its page number: "PAGE 4 — THE DAILY HERALD", "THE DAILY
#: HERALD  4", "The Daily Herald | March 21, 1987 | Page 4" (a separator or two spaces apart).
_NUMBER_PART = r"(?:(?:page|p\.|pg\.?|seite|página|pagina)\s*[A-Z]?\d{1,3}|[A-Z]?\d{1,3})"
_COMBINED = re.compile(
    rf"^{_NUMBER_PART}(?:\s*[—–|·•:\-]\s*|\s{{2,}})(?P<after>.+)$|^(?P<before>.+?)(?:\s*[—–|·•:\-]\s*|\s{{2,}}){_NUMBER_PART}$",
    re.IGNORECASE,
)


def _repeat_key(text: str) -> str:
    """Case-folded, digits as ``#``: "Morning Courier — Friday, March 21" and "MORNING COURIER —
    FRIDAY, MARCH 22" repeat each other."""
    return re.sub(r"\d+", "#", phrase_key(text))


class _Judge:
    def __init__(self, lines: Sequence[Line], spec: FurnitureSpec) -> None:
        self.lines = lines
        self.spec = spec
        self.texts = [line.text.strip() for line in lines]
        counts: dict[str, int] = {}
        for i, text in enumerate(self.texts):
            if self.head_shaped(i):
                key = _repeat_key(text)
                counts[key] = counts.get(key, 0) + 1
        self.repeats = counts

    def page_number(self, i: int) -> bool:
        text = self.texts[i]
        return len(text) <= 16 and self.spec.page_number.fullmatch(text) is not None

    def head_shaped(self, i: int) -> bool:
        """Short, not a sentence, not a list item or a quotation, and set like a name or a
        title: it starts with a capital and most of its words do (or are numbers)."""
        text = self.texts[i]
        if not _short(text) or ends_sentence(text) or text[-1] in ",;:-" or text[0] in "“\"‘'•*-–—(":
            return False
        words = [w for w in re.findall(r"[^\W_]+", text)]
        lettered = [w for w in words if not w.isdigit()]
        if not lettered or not lettered[0][0].isupper():
            return False
        return sum(1 for w in lettered if w[0].isupper()) >= 0.6 * len(lettered)

    def strong_head(self, i: int) -> bool:
        """A head the pack names or a masthead ending in a date."""
        if not self.head_shaped(i):
            return False
        text = self.texts[i]
        # With or without a page number printed beside it ("4  THE DAILY HERALD").
        for form in {text, re.sub(r"^\d{1,4}\s+|\s+\d{1,4}$", "", text)}:
            if phrase_key(form) in self.spec.head_keys:
                return True
            if self.spec.head_pattern is not None and self.spec.head_pattern.fullmatch(form):
                return True
            if self.spec.masthead_date is not None and self.spec.masthead_date.fullmatch(form):
                return True
        return False

    def known_head(self, i: int) -> bool:
        """A strong head, or a head-shaped line that comes back in the text."""
        return self.strong_head(i) or self.head_shaped(i) and self.repeats.get(_repeat_key(self.texts[i]), 0) >= 2

    def head_with_number(self, i: int) -> bool:
        """A running head with its page number on the same line ("THE DAILY HERALD — PAGE 4")."""
        if not self.head_shaped(i):
            return False
        m = _COMBINED.match(self.texts[i])
        if m is None:
            return False
        rest = (m.group("after") or m.group("before") or "").strip()
        if not rest:
            return False
        letters = [ch for ch in rest if ch.isalpha()]
        if len(letters) >= 3 and all(ch.isupper() for ch in letters if ch.isupper() or ch.islower()):
            return True
        return (phrase_key(rest) in self.spec.head_keys
                or self.spec.masthead_date is not None and self.spec.masthead_date.fullmatch(rest) is not None)

    def capitals(self, i: int) -> bool:
        letters = [ch for ch in self.texts[i] if ch.isalpha()]
        return self.head_shaped(i) and len(letters) >= 3 and all(ch.isupper() for ch in letters if ch.isupper() or ch.islower())

    def isolated(self, i: int) -> bool:
        """Blank lines (or the document's edges) above and below line ``i``."""
        above = i == 0 or self.lines[i].gap_before > 0
        below = i + 1 >= len(self.lines) or self.lines[i + 1].gap_before > 0
        return above and below

    def runs_on(self, before: int, after: int) -> bool:
        """Does the story run on from line ``before`` to line ``after`` (mid-sentence)?"""
        if before < 0 or after >= len(self.lines):
            return False
        prev, nxt = self.texts[before], self.texts[after]
        if ends_sentence(prev) or prev[-1] in ":;" or self.head_shaped(before) and not prev.endswith("-"):
            return False
        first = nxt.lstrip("“\"‘'(")[:1]
        return first.islower() or prev.endswith("-") and first.isalpha()


def find_page_breaks(lines: Sequence[Line], spec: FurnitureSpec) -> PageBreaks:
    """The page numbers and running heads among ``lines`` (a document's kept lines).

    >>> from cleaner.rules.view import Line
    >>> spec = FurnitureSpec.build([r"\\d{1,4}"], ["World News"], [], {"en": [["March"]]}, {"en": ["Friday"]})
    >>> texts = ["the second consecutive election", "4", "MORNING COURIER — FRIDAY, MARCH 21, 1987",
    ...          "cycle where health care made the difference."]
    >>> found = find_page_breaks([Line(n, t, 1 if n > 1 else 0) for n, t in enumerate(texts, 1)], spec)
    >>> sorted(found.page_numbers), sorted(found.running_heads)
    ([1], [2])
    """
    judge = _Judge(lines, spec)
    n = len(lines)
    numbers: set[int] = set()
    heads: set[int] = set()
    # 1. A page number with a head after it (the next page's head), or a strong head before
    #    it, or with the story running on across it (and across an all-capitals line beside
    #    it); a head that prints its own page number.
    for i in range(n):
        if judge.head_with_number(i) and (judge.isolated(i) or judge.runs_on(i - 1, i + 1)):
            numbers.add(i)
            continue
        if not judge.page_number(i):
            continue
        after = i + 1 < n and (judge.known_head(i + 1) or judge.capitals(i + 1))
        before = i > 0 and judge.strong_head(i - 1)
        if after or before or judge.runs_on(i - 1, i + 1):
            numbers.add(i)
            heads.update(j for j, ok in ((i + 1, after), (i - 1, before)) if ok)
        elif i > 0 and judge.capitals(i - 1) and judge.runs_on(i - 2, i + 1):
            numbers.add(i)
            heads.add(i - 1)
    # 2. A head found at one page break is a head wherever it stands next to a page number
    #    (before it too), or where the story runs on across it.
    confirmed = {_repeat_key(judge.texts[i]) for i in heads}
    for i in range(n):
        if i in heads or i in numbers or not judge.head_shaped(i):
            continue
        if _repeat_key(judge.texts[i]) in confirmed or judge.strong_head(i):
            beside = [j for j in (i - 1, i + 1) if 0 <= j < n and judge.page_number(j)]
            if beside or judge.runs_on(i - 1, i + 1):
                heads.add(i)
                numbers.update(beside)
    return PageBreaks(frozenset(numbers), frozenset(heads))
