"""Related-content blocks: "Related articles", "Read more", "Recommended" and their links."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from .base import REMOVE, Action, LineRule, Options, Stage, Verdict
from .context import EDGE_EVIDENCE
from .phrases import MAX_PHRASE_CHARS, PhraseRule, compile_patterns, quotes_chrome, reads_as_sentence
from ..text.shape import word_count
from .view import DocView

#: Sentence ends inside a line ("First. Second"): a teaser line is one headline, not a paragraph.
_INNER_SENTENCE_END = re.compile(r"[.!?。！？]['\"’”»)]*\s+\S")


class RelatedHeading(PhraseRule):
    """Remove a related-content heading ("Related articles", "Read more", "You may also like",
    "Trending in Entertainment", "Leia também", "관련기사").

    The heading marks the article's edge: below the article the headline links under it are
    short lines past that edge, and ``chrome.edge-run`` removes them; inside the body they
    stay (a list there may be the article's own).

    Before::

        ... the summit held in Prague.
        You may also like

    After::

        ... the summit held in Prague.

    Leaves alone: "Read more about the plan in our report." and other sentences. Data:
    ``[REL001]`` in ``packs/related.toml``.
    """

    code = "REL001"
    name = "related.heading"
    summary = "Remove 'Related articles' / 'Read more' / 'You may also like' headings."
    where = "anywhere"
    boundary = True


class PopularListHeading(PhraseRule):
    """Remove the heading of a site's popularity list ("Most Read", "Trending now",
    "Meistgelesen") -- and, below the article, the list with it.

    Such a heading never introduces the article's own text: below the article it is evidence
    enough that the headlines under it, sentence-like as they are, are links
    (``chrome.edge-run`` removes them). A "Don't miss" or "Read more" heading
    (``related.heading``) may stand above a listicle's own items; this one does not.

    Before::

        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.
        The two sides discussed the plan on the sidelines of the summit held in Prague.
        Most Read
        Ferry fares to rise next month as fuel costs climb     <- removed by chrome.edge-run
        City council approves new budget after long debate

    After::

        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.
        The two sides discussed the plan on the sidelines of the summit held in Prague.

    Leaves alone: sentences ("The most read story of the year was about the summit.") and,
    inside the body, the lines after the heading. Data: ``[REL003]`` in ``packs/related.toml``.
    """

    code = "REL003"
    name = "related.popular-list"
    summary = "Remove 'Most Read' / 'Trending now' headings, and below the article their headlines."
    where = "anywhere"
    boundary = True

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        verdict = super().judge(line, doc, index)
        if verdict is not None and self.boundary and doc.article_zone(index) == "bottom":
            return Verdict(boundary=EDGE_EVIDENCE + 1)  # the sentence-like headlines below go too
        return verdict


@dataclass(frozen=True)
class RelatedLinkLineOptions(Options):
    """``[REL002]`` settings of :class:`RelatedLinkLine`."""

    prefixes: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    edge_patterns: tuple[str, ...] = ()
    #: ``None``: the rule's own (``Rule.boundary``).
    boundary: bool | None = None


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

    Leaves alone: a label followed by a sentence of its own ("Read more: the ministry has
    published its figures for the year.") or by more than one sentence or 30 words ("See also:
    the ministry's statement, which ... . It adds ..."), and sentences that start with the
    same words without a separator ("Read more widely, he urged."). Data: ``[REL002]`` in
    ``packs/related.toml``.
    """

    code = "REL002"
    Options = RelatedLinkLineOptions
    name = "related.link-line"
    summary = "Remove 'READ MORE: <headline>' and 'Related: <headline>' link lines."
    stage: ClassVar[Stage] = Stage.LINES
    action: ClassVar[Action] = Action.REMOVED
    boundary = True

    def setup(self) -> None:
        prefixes = self.options.prefixes
        alt = "|".join(re.escape(p) for p in sorted(set(prefixes), key=len, reverse=True))
        self.prefixed = re.compile(rf"\s*(?:{alt})\s*[:：|»›>]+\s*(?P<rest>\S.*)", re.IGNORECASE) if alt else None
        self.dashed = re.compile(rf"\s*(?:{alt})\s+[-–—]+\s+(?P<rest>\S.*)", re.IGNORECASE) if alt else None
        self.pattern = compile_patterns(self.options.patterns, f"[{self.code}]")
        self.edge_pattern = compile_patterns(self.options.edge_patterns, f"[{self.code}] edge_patterns")
        if self.options.boundary is not None:
            self.boundary = self.options.boundary

    def may_match(self, text: str) -> bool:
        if len(text) > MAX_PHRASE_CHARS:
            return False
        stripped = text.strip()
        return any(p is not None and p.fullmatch(stripped) is not None for p in (self.prefixed, self.dashed, self.pattern, self.edge_pattern))

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        if len(line) > MAX_PHRASE_CHARS:
            return None
        stripped = line.strip()
        for pattern in (self.prefixed, self.dashed):
            m = pattern.fullmatch(stripped) if pattern is not None else None
            if m is not None:
                rest = m.group("rest")
                # The label leads a link: a headline, not a sentence of its own.
                if word_count(rest) <= 30 and not _INNER_SENTENCE_END.search(rest) and not reads_as_sentence(rest) \
                        and not quotes_chrome(stripped, lambda text: pattern.fullmatch(text) is not None):
                    return REMOVE
                return None
        if self.pattern is not None and self.pattern.fullmatch(stripped):
            return REMOVE
        if self.edge_pattern is not None and doc.article_zone(index) != "body" and self.edge_pattern.fullmatch(stripped):
            return REMOVE
        return None
