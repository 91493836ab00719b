"""The read-only view of a document that line and document rules judge.

``DocView.lines`` are the kept, non-blank lines; each knows its raw line number, how many
blank lines came before it and how many lines earlier rules removed just before it, so layout
rules can see paragraph and page breaks and chrome rules can ignore them. Position helpers (``zone``) answer "is this line in the chrome at the top or bottom of the
article, or inside the body?", which is what makes a short line like "Email" chrome at the edge
and content inside a run of prose.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Mapping

from ..scripts import dominant_script
from .shape import is_prose, word_count

if TYPE_CHECKING:  # pragma: no cover
    from ..config import Config


@dataclass(frozen=True)
class Line:
    """One line of the working document."""

    #: 1-based line number in the decoded raw text (the first raw line it came from).
    no: int
    text: str
    #: Blank lines between this line and the previous kept line (or the start of the text).
    gap_before: int = 0
    #: Lines that rules removed between this line and the previous kept line (page furniture
    #: such as a page number and a running head): where a removed page break was.
    removed_before: int = 0


class DocView:
    """What rules see: kept lines, the document's script, fields extracted so far, position."""

    def __init__(self, lines: tuple[Line, ...], config: "Config", fields: Mapping[str, Any], script: str | None, layout: bool = False) -> None:
        self.lines = lines
        self.config = config
        self.fields = fields
        self.script = script
        #: True when the layout rules judged the text to be OCR / hard-wrapped output.
        self.layout = layout

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
        return tuple(is_prose(line.text) for line in self.lines)

    @cached_property
    def words(self) -> tuple[int, ...]:
        return tuple(word_count(line.text) for line in self.lines)

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
        span = self.body_span
        if span is None:
            return "body"
        if index < span[0]:
            return "top"
        if index > span[1]:
            return "bottom"
        return "body"

    def at_edge(self, index: int) -> bool:
        return self.zone(index) != "body"

    @cached_property
    def total_words(self) -> int:
        return sum(self.words)


def document_script(lines: tuple[Line, ...]) -> str | None:
    return dominant_script("\n".join(line.text for line in lines))
