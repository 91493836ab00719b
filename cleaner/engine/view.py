"""The read-only view of a document that line and document rules judge.

``DocView.lines`` are the kept, non-blank lines; each knows its raw line number, how many
blank lines came before it, how many lines earlier rules removed just before it and how much
chrome evidence those removals left, so layout rules can see paragraph and page breaks and
chrome rules can ignore them. Position helpers (``zone``) answer "is this line in the chrome at
the top or bottom of the article, or inside the body?", which is what makes a short line like
"Email" chrome at the edge and content inside a run of prose.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, Mapping, NamedTuple, Sequence

from ..text.scripts import dominant_script
from ..text.shape import line_shape

if TYPE_CHECKING:  # pragma: no cover
    from ..config import Config
    from ..rules.context import Unit


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


class DocView:
    """What rules see: kept lines, the document's script, fields extracted so far, position."""

    def __init__(self, lines: tuple[Line, ...], config: "Config", fields: Mapping[str, Any], script: "str | None | object" = _LAZY, layout: bool = False,
                 raw_lines: "Sequence[str] | None" = None, source: str | None = None) -> None:
        self.lines = lines
        #: The file's id (``source.path`` of its record), when the text came from a file: a
        #: rule learned for one source (``SIT001``) applies to that source's files only.
        self.source = source
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
    def units(self) -> "tuple[Unit, ...]":
        """The kept lines with their shapes, as the position rules read them; see ``rules.context``."""
        from ..rules.context import line_units

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
        from ..rules.context import article_span

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
