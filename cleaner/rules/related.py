"""Related-content blocks: "Related articles", "Read more", "Recommended" and their links."""

from __future__ import annotations

import re
from typing import ClassVar, Iterable

from ..errors import ConfigError
from .base import REMOVE, Action, DocumentRule, Edit, LineRule, Remove, Stage, Verdict
from .phrases import MAX_PHRASE_CHARS, _strings, compile_patterns, phrase_key
from .shape import looks_like_headline, word_count
from .view import DocView

#: Sentence ends inside a line ("First. Second"): a teaser line is one headline, not a paragraph.
_INNER_SENTENCE_END = re.compile(r"[.!?。！？]['\"’”»)]*\s+\S")


class RelatedBlock(DocumentRule):
    """Remove a related-content heading ("Related articles", "Read more", "You may also like",
    "Leia também", "관련기사") and the headline links listed under it.

    The heading goes wherever it stands. Under it -- in the body or below the article, not in
    the chrome above it -- the run of short headline-like lines that follows goes too (at most
    ``max_items``), up to the next paragraph of prose.

    Before::

        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.
        Related articles
        NATO allies meet in Prague
        China's defence budget grows again
        The two sides discussed the plan on the sidelines of the summit held in Prague.

    After::

        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.
        The two sides discussed the plan on the sidelines of the summit held in Prague.

    Leaves alone: "Read more about the plan in our report." and other sentences, and the
    paragraphs of prose after the list. Data: ``[REL001]`` in ``packs/related.toml``.
    """

    code = "REL001"
    name = "related.block"
    summary = "Remove 'Related articles' / 'Read more' headings and the headline links under them."
    stage: ClassVar[Stage] = Stage.LINES
    action: ClassVar[Action] = Action.REMOVED
    boundary = True

    def setup(self) -> None:
        self.keys = frozenset(k for k in (phrase_key(p) for p in _strings(self.data, "phrases", self.code)) if k)
        max_items = self.data.get("max_items", 12)
        if not isinstance(max_items, int) or max_items < 0:
            raise ConfigError(f"[{self.code}] max_items must be a non-negative integer")
        self.max_items = max_items

    def is_heading(self, line: str) -> bool:
        return len(line) <= 80 and phrase_key(line) in self.keys

    def edits(self, doc: DocView) -> Iterable[Edit]:
        units = doc.units
        for index, line in enumerate(doc.lines):
            if not self.is_heading(line.text):
                continue
            yield Remove(index)
            if doc.article_zone(index) == "top":
                continue
            u = doc.unit_of[index] + 1
            for unit in units[u:u + self.max_items]:
                if unit.prose or self.is_heading(unit.text) or not _is_item(unit.text):
                    break
                yield from (Remove(i) for i in unit.indices)


def _is_item(text: str) -> bool:
    """A teaser link: a headline, or a date or byline line beside one."""
    return looks_like_headline(text) and not _INNER_SENTENCE_END.search(text)


class RelatedLinkLine(LineRule):
    """Remove a line that links to another story: a label, a separator and a headline
    ("READ MORE: Trump says ...", "Related: ...", "Baca juga: ...", "On example.com: ...").

    Before::

        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.
        READ MORE: NATO allies meet in Prague
        The two sides discussed the plan on the sidelines of the summit held in Prague.

    After::

        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.
        The two sides discussed the plan on the sidelines of the summit held in Prague.

    Leaves alone: a label followed by more than one sentence or more than 30 words ("See also:
    the ministry's statement, which ... . It adds ..."), and sentences that start with the
    same words without a separator ("Read more widely, he urged."). Data: ``[REL002]`` in
    ``packs/related.toml``.
    """

    code = "REL002"
    name = "related.link-line"
    summary = "Remove 'READ MORE: <headline>' and 'Related: <headline>' link lines."
    stage: ClassVar[Stage] = Stage.LINES
    action: ClassVar[Action] = Action.REMOVED
    boundary = True

    def setup(self) -> None:
        prefixes = _strings(self.data, "prefixes", self.code)
        alt = "|".join(re.escape(p) for p in sorted(set(prefixes), key=len, reverse=True))
        self.prefixed = re.compile(rf"\s*(?:{alt})\s*[:：|»›>]+\s*(?P<rest>\S.*)", re.IGNORECASE) if alt else None
        self.dashed = re.compile(rf"\s*(?:{alt})\s+[-–—]+\s+(?P<rest>\S.*)", re.IGNORECASE) if alt else None
        self.pattern = compile_patterns(self.data.get("patterns", []), f"[{self.code}]")
        self.edge_pattern = compile_patterns(self.data.get("edge_patterns", []), f"[{self.code}] edge_patterns")
        boundary = self.data.get("boundary", type(self).boundary)
        self.boundary = bool(boundary)

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        if len(line) > MAX_PHRASE_CHARS:
            return None
        stripped = line.strip()
        for pattern in (self.prefixed, self.dashed):
            m = pattern.fullmatch(stripped) if pattern is not None else None
            if m is not None:
                rest = m.group("rest")
                if word_count(rest) <= 30 and not _INNER_SENTENCE_END.search(rest):
                    return REMOVE
                return None
        if self.pattern is not None and self.pattern.fullmatch(stripped):
            return REMOVE
        if self.edge_pattern is not None and doc.article_zone(index) != "body" and self.edge_pattern.fullmatch(stripped):
            return REMOVE
        return None
