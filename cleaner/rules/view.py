"""The read-only view of a document that line and document rules judge.

``DocView.lines`` are the kept, non-blank lines; each knows its raw line number, how many
blank lines came before it, how many lines earlier rules removed just before it and how much
chrome evidence those removals left, so layout rules can see paragraph and page breaks and
chrome rules can ignore them. Position helpers (``zone``) answer "is this line in the chrome at
the top or bottom of the article, or inside the body?", which is what makes a short line like
"Email" chrome at the edge and content inside a run of prose.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, Mapping, NamedTuple, Sequence

from ..text.scripts import dominant_script
from ..text.shape import line_shape

if TYPE_CHECKING:  # pragma: no cover
    from ..config import Config
    from .context import Unit


class Line(NamedTuple):
    """One line of the working document. (A named tuple: the pipeline makes tens of them per
    document and view, at a third of a frozen dataclass's cost.)"""

    #: 1-based line number in the decoded raw text (the first raw line it came from).
    no: int
    text: str
    #: Blank lines between this line and the previous kept line (or the start of the text).
    gap_before: int = 0
    #: Lines that rules removed between this line and the previous kept line (page furniture
    #: such as a page number and a running head): where a removed page break was.
    removed_before: int = 0
    #: A line removed as site chrome (by a rule with ``boundary = True``) stood between this
    #: line and the previous kept line: the edge of the article may lie here. The value is the
    #: evidence removed there, added up (a label ``WEAK_BOUNDARY``, a phrase ``STRONG_BOUNDARY``;
    #: at most 4), 0 for none.
    chrome_before: int = 0


_LAZY = object()
#: Line texts whose phrase-rule slots a pipeline remembers (the memo is cleared when full).
MAX_KNOWN_LINES = 20_000


class DocView:
    """What rules see: kept lines, the document's script, fields extracted so far, position."""

    def __init__(self, lines: tuple[Line, ...], config: "Config", fields: Mapping[str, Any], script: "str | None | object" = _LAZY, layout: bool = False,
                 phrase_tables: "tuple[Mapping[str, tuple[int, ...]], Mapping[str, tuple[int, ...]], dict[str, tuple[int, ...]]] | None" = None,
                 candidates: "Mapping[object, list[int]] | None" = None, raw_lines: "Sequence[str] | None" = None,
                 source: str | None = None) -> None:
        self.lines = lines
        #: The file's id (``source.path`` of its record), when the text came from a file: a
        #: rule learned for one source (``SIT001``) applies to that source's files only.
        self.source = source
        #: Rule -> the lines it picks by their text alone (see :meth:`text_candidates`).
        self.known_candidates: dict[object, list[int]] = dict(candidates) if candidates else {}
        #: The pipeline's phrase tables: phrase or label key -> rule slots, first word of a row
        #: of labels -> rule slots, and its memo of line text -> slots (see ``_key_index``).
        self._tables = phrase_tables
        self.config = config
        self.fields = fields
        self._script = script
        #: True when the layout rules judged the text to be OCR / hard-wrapped output.
        self.layout = layout
        #: The decoded raw text's lines (``Line.no`` - 1 indexes them): the lines as they were
        #: laid out, before any repair (a layout rule measures their widths).
        self.raw_lines = raw_lines

    @property
    def script(self) -> str | None:
        """The document's dominant writing system (computed on first use: few rules need it)."""
        if self._script is _LAZY:
            self._script = document_script(self.lines)
        return self._script  # type: ignore[return-value]

    def __len__(self) -> int:
        return len(self.lines)

    def text(self, index: int) -> str:
        return self.lines[index].text

    def neighbour(self, index: int, offset: int) -> str | None:
        """The text of the line ``offset`` away (negative: above), or ``None`` past the edges."""
        j = index + offset
        if 0 <= j < len(self.lines):
            return self.lines[j].text
        return None

    @cached_property
    def prose(self) -> tuple[bool, ...]:
        return tuple(line_shape(line.text)[1] for line in self.lines)

    @cached_property
    def words(self) -> tuple[int, ...]:
        return tuple(line_shape(line.text)[0] for line in self.lines)

    @cached_property
    def body_span(self) -> tuple[int, int] | None:
        """Indices of the first and last prose lines: the article body lies between them."""
        first = next((i for i, p in enumerate(self.prose) if p), None)
        if first is None:
            return None
        last = max(i for i, p in enumerate(self.prose) if p)
        return first, last

    def zone(self, index: int) -> str:
        """``"top"`` (before the first prose line), ``"bottom"`` (after the last), or ``"body"``.
        A document without prose is all ``"body"``: position then proves nothing."""
        return _zone(self.body_span, index)

    def at_edge(self, index: int) -> bool:
        return self.zone(index) != "body"

    @cached_property
    def total_words(self) -> int:
        return sum(self.words)

    # -- per-line lookups shared by the line rules (computed once per view) -------------------

    @cached_property
    def stripped(self) -> tuple[str, ...]:
        """Each kept line without surrounding whitespace."""
        return tuple(line.text.strip() for line in self.lines)

    @cached_property
    def phrase_keys(self) -> tuple[str | None, ...]:
        """Each line's phrase lookup key (``rules.phrases.phrase_key``), ``None`` for lines too
        long to be a phrase."""
        from .phrases import MAX_PHRASE_CHARS, phrase_key

        return tuple(phrase_key(s) if len(s) <= MAX_PHRASE_CHARS else None for s in self.stripped)

    @cached_property
    def _key_index(self) -> dict[int, list[int]]:
        """Rule slot -> lines whose key is one of the rule's phrases or labels, or starts like
        one of its rows of labels: two dict lookups per line for every phrase rule at once."""
        from .phrases import MAX_LABEL_ROW_CHARS, MAX_PHRASE_CHARS, label_words, phrase_key

        by_key, by_start, known = self._tables
        index: dict[int, list[int]] = {}
        for i, line in enumerate(self.lines):
            # A line's slots depend on its text only; the pipeline remembers them, as the
            # same lines come back in every view of a document.
            slots = known.get(line.text)
            if slots is None:
                slots = ()
                stripped = self.stripped[i]
                key = phrase_key(stripped) if len(stripped) <= MAX_PHRASE_CHARS else None
                if key:
                    slots = by_key.get(key, ())
                    if len(stripped) <= MAX_LABEL_ROW_CHARS:
                        words = label_words(key)
                        if words:
                            slots = (*slots, *by_start.get(words[0], ()))
                if len(known) >= MAX_KNOWN_LINES:
                    known.clear()
                known[line.text] = slots
            for slot in slots:
                found = index.get(slot)
                if found is None:
                    index[slot] = [i]
                elif found[-1] != i:
                    found.append(i)
        return index

    def text_candidates(self, rule: object, find: "Callable[[], list[int]]") -> list[int]:
        """The lines (in order) that ``rule`` picks by their text alone, found with ``find()``
        once per view. A view made after lines were only removed starts with the lists of the
        view before it, less those lines (``Pipeline._apply_document``): a line's text says
        the same of it wherever it now stands."""
        found = self.known_candidates.get(rule)
        if found is None:
            found = self.known_candidates[rule] = find()
        return found

    def key_candidates(self, slot: int) -> list[int] | None:
        """Lines matching the phrases and labels of the rule in ``slot`` (see ``_key_index``);
        ``None`` when the view has no phrase tables (the rule then looks itself)."""
        if self._tables is None:
            return None
        return self._key_index.get(slot, [])

    def _short_text(self, limit: int) -> tuple[str, list[int], list[int]]:
        """The stripped lines of at most ``limit`` characters joined by newlines, with each
        one's start offset and index."""
        cache = self.__dict__.setdefault("_short_texts", {})
        found = cache.get(limit)
        if found is None:
            parts, starts, indices = [], [], []
            at = 0
            for i, s in enumerate(self.stripped):
                if len(s) <= limit:
                    parts.append(s)
                    starts.append(at)
                    indices.append(i)
                    at += len(s) + 1
            found = cache[limit] = ("\n".join(parts), starts, indices)
        return found

    def folded_short_text(self, limit: int) -> str:
        """:meth:`_short_text` through ``prefilter.fold``, for literal prefilters."""
        cache = self.__dict__.setdefault("_folded_short_texts", {})
        found = cache.get(limit)
        if found is None:
            from .prefilter import fold

            found = cache[limit] = fold(self._short_text(limit)[0])
        return found

    def lines_fullmatching(self, pattern: "re.Pattern[str]", limit: int) -> set[int]:
        """A superset of the lines (stripped, at most ``limit`` characters) that ``pattern``
        matches whole, found with one scan: ``pattern`` must be compiled as ``^(?:...)$`` with
        ``re.MULTILINE``. A match may run across lines; every line it touches counts, so no
        line that matches on its own is missed."""
        text, starts, indices = self._short_text(limit)
        out: set[int] = set()
        for m in pattern.finditer(text):
            first = bisect_right(starts, m.start()) - 1
            last = bisect_right(starts, max(m.start(), m.end() - 1)) - 1
            out.update(indices[first:last + 1])
        return out

    @cached_property
    def units(self) -> "tuple[Unit, ...]":
        """The kept lines with their shapes, as the position rules read them; see ``rules.context``."""
        from .context import line_units

        return line_units([line.text for line in self.lines], [line.chrome_before for line in self.lines])

    @cached_property
    def unit_of(self) -> tuple[int, ...]:
        """For each kept line, the index of its unit."""
        out: list[int] = []
        for u, unit in enumerate(self.units):
            out.extend([u] * (unit.end - unit.start + 1))
        return tuple(out)

    @cached_property
    def article(self) -> tuple[int, int] | None:
        """First and last kept line of the article body (see ``rules.context.article_span``);
        ``None`` when the document has no prose."""
        from .context import article_span

        span = article_span(self.units)
        if span is None:
            return None
        return self.units[span[0]].start, self.units[span[1]].end

    def article_zone(self, index: int) -> str:
        """``"top"``, ``"body"`` or ``"bottom"`` relative to the article span."""
        return _zone(self.article, index)


def _zone(span: tuple[int, int] | None, index: int) -> str:
    """Where ``index`` lies against ``span``: "top", "body" or "bottom" (all "body" without one)."""
    if span is None:
        return "body"
    if index < span[0]:
        return "top"
    if index > span[1]:
        return "bottom"
    return "body"


def document_script(lines: tuple[Line, ...]) -> str | None:
    return dominant_script("\n".join(line.text for line in lines))
