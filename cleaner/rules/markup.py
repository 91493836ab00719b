"""Markup leftovers: Markdown and HTML that an extractor passed through as text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, Iterable

from .base import REMOVE, Action, Edit, LineRule, Options, Remove, RepairRule, Stage, Verdict, setting
from .view import DocView

#: [text][12], [text][], [text](http://...) -- not images (![alt][1]).
_REFERENCE_LINK = re.compile(r"(?<![!\\\]])\[([^\[\]\n]{1,300})\](?:\[[^\[\]\s]{0,40}\]|\((?:https?://|/|#|www\.|mailto:)[^()\s]{0,800}(?:\s+\"[^\"\n]{0,200}\")?\))")
#: ![alt][3], ![alt](http://...)
_IMAGE = re.compile(r"!\[[^\[\]\n]{0,300}\](?:\[[^\[\]\s]{0,40}\]|\([^()\s]{0,800}(?:\s+\"[^\"\n]{0,200}\")?\))")


class MarkdownLinks(RepairRule):
    """Keep the text of Markdown links and drop their targets ("[Steelers][1]" -> "Steelers",
    "[the report](https://x.org/r)" -> "the report").

    Markdown converters leave reference numbers that become words in the text ("The
    Steelers 1 spent Monday..."). An inline image (``![alt](src)``) inside a line is dropped.

    >>> from cleaner.config import Config
    >>> MarkdownLinks(Config()).repair("The [Steelers][1] spent [Monday](https://x.com/a) there.")
    'The Steelers spent Monday there.'

    Leaves alone: brackets that are not links ("[sic]", "[again]", "a [1] footnote"), and
    whole lines of images (``markup.asset-line`` removes those).
    """

    code = "MRK001"
    name = "markup.markdown-link"
    summary = "Keep the text of Markdown links ([text][1], [text](url)) and drop the target."
    stage: ClassVar[Stage] = Stage.UNICODE
    action: ClassVar[Action] = Action.REPAIRED
    trigger_chars = "]"

    def repair(self, text: str) -> str:
        if "](" not in text and "][" not in text:
            return text
        new = _REFERENCE_LINK.sub(r"\1", text)
        if "![" in new:
            stripped = _IMAGE.sub("", new)
            if stripped.strip():  # a line of images only is removed whole by MRK004
                new = re.sub(r"  +", " ", stripped)
        return new


class LinkDefinition(LineRule):
    """Remove Markdown link definitions ("[1]: https://example.com/page").

    A definition whose address was hard-wrapped onto the next lines goes with them, and so does
    a definition a second converter pass turned into a list item or a link's text
    ("* [[2]: https://example.com/china](#)"), and a run of definitions that a wrap repair
    joined into one line ("[1]: https://example.com/na to [2]: https://example.com/china").

    Before::

        The two sides discussed the plan on the sidelines of the summit held in Prague.
        [1]: https://example.com/nato
        [2]: https://example.com/china "China"

    After::

        The two sides discussed the plan on the sidelines of the summit held in Prague.

    Leaves alone: "[1] See the appendix." (a footnote, not a definition) and bracketed text
    followed by a colon and prose.
    """

    code = "MRK002"
    name = "markup.link-definition"
    summary = "Remove Markdown link definitions such as '[1]: https://...'."
    stage: ClassVar[Stage] = Stage.LINES
    action: ClassVar[Action] = Action.REMOVED
    certain = True

    _DEFINITION = re.compile(r"\s{0,3}\[[^\[\]\n]{1,60}\]:\s*(?:<?(?:[a-z][a-z0-9+.\-]{1,20}:|/|#|www\.)\S*>?|\S+\.\S+)(?:\s+[\"'(].{0,200}[\"')])?\s*", re.IGNORECASE)

    #: List and quote markers in front of a line ("* ", "> ", "2. ").
    _CONTAINER = re.compile(r"\s*(?:(?:[>*+\-•]|\d{1,3}[.)])\s+)+")
    #: A whole line made the text of a link ("[...](#)", "[...][4]").
    _AS_LINK_TEXT = re.compile(r"\[(.+)\](?:\([^()\s]{0,800}\)|\[[^\[\]\s]{0,40}\])", re.DOTALL)

    def _bare(self, line: str) -> str:
        """The line without list or quote markers and without a link wrapped around all of it."""
        bare = self._CONTAINER.sub("", line, count=1) if line[:1] in " >*+-•0123456789" else line
        m = self._AS_LINK_TEXT.fullmatch(bare.strip())
        return m.group(1) if m else bare

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        if "]:" not in line or len(line) > 1200:
            return None
        if self._DEFINITION.fullmatch(line) or self._DEFINITION.fullmatch(self._bare(line)):
            return REMOVE
        return REMOVE if self._joined_definitions(line) else None

    _LABEL = re.compile(r"\[[^\[\]\s]{1,40}\]:")
    #: An address: a scheme, "www." or a path.
    _ADDRESS = re.compile(r"<?(?:[a-z][a-z0-9+.\-]{1,20}:|/|www\.)\S*", re.IGNORECASE)
    #: A piece of an address a wrap cut off: host or path characters, or a lower-case fragment
    #: with a hyphen or a digit or of a few letters ("ral" of "trump-ral ly-louisiana").
    _ADDRESS_PIECE_TOKEN = re.compile(r"\S*[/.?=&%#_~+:]\S*|[a-z0-9]*[\-0-9][a-z0-9\-]*|[a-z]{1,4}")

    def _joined_definitions(self, line: str) -> bool:
        """Definitions whose addresses a wrap repair joined with spaces: the line opens with a
        label and an address, and every other token is a label or a piece of an address."""
        tokens = line.split()
        if len(tokens) < 3 or len(line) > 4000 or not self._LABEL.fullmatch(tokens[0]) or not self._ADDRESS.fullmatch(tokens[1]):
            return False
        return all(self._LABEL.fullmatch(t) or self._ADDRESS_PIECE_TOKEN.fullmatch(t) for t in tokens[2:])

    _ADDRESS_PIECE = re.compile(r"[/.?=&%#_~+\-]|^[a-z0-9]")

    def edits(self, doc: DocView) -> Iterable[Edit]:
        # A long address wrapped onto the next lines is one definition: the lines right below it
        # (no blank line between) that are pieces of an address -- no spaces, URL characters or
        # a lower-case start -- go with it.
        i, n = 0, len(doc)
        while i < n:
            if self.judge(doc.text(i), doc, i) is None:
                i += 1
                continue
            yield Remove(i)
            i += 1
            while i < n and doc.lines[i].gap_before == 0 and self._is_address_piece(doc.text(i)) \
                    and self.judge(doc.text(i), doc, i) is None:
                yield Remove(i)
                i += 1

    def _is_address_piece(self, line: str) -> bool:
        piece = self._bare(line).strip()
        return bool(piece) and not any(ch.isspace() for ch in piece) and self._ADDRESS_PIECE.search(piece) is not None


@dataclass(frozen=True)
class HtmlResidueOptions(Options):
    """``[MRK003]`` settings of :class:`HtmlResidue`."""

    markers: tuple[str, ...] = ()
    min_hits: int = setting(2, minimum=1)


class HtmlResidue(LineRule):
    """Remove lines of HTML or script residue ("&lt;span class=...&gt;", "<div style=...>").

    A line counts when it holds at least ``min_hits`` different markers (entities, tags,
    attributes, script words) and at most a third of it is plain words.

    Before::

        amp;lt;span data-mce-type="bookmark" style="display: inline-block; width: 0px
        The two sides discussed the plan on the sidelines of the summit held in Prague.

    After::

        The two sides discussed the plan on the sidelines of the summit held in Prague.

    Leaves alone: prose that mentions a tag or an entity ("The <div> element groups content,
    the standard says.") and "AT&amp;T" inside a sentence. Markers: ``[MRK003]`` in
    ``packs/markup.toml``.
    """

    code = "MRK003"
    Options = HtmlResidueOptions
    name = "markup.html-residue"
    summary = "Remove lines of HTML or script residue (&lt;span ...&gt;, <div style=...>)."
    stage: ClassVar[Stage] = Stage.LINES
    action: ClassVar[Action] = Action.REMOVED

    context_free = True

    def setup(self) -> None:
        markers = self.options.markers
        self.markers = re.compile("|".join(re.escape(m) for m in sorted(set(markers), key=len, reverse=True))) if markers else None
        self.min_hits = self.options.min_hits

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        if self.markers is None or ("<" not in line and "&" not in line and "=" not in line and "{" not in line):
            return None
        hits = set(self.markers.findall(line))
        if len(hits) < self.min_hits:
            return None
        # Mostly markup: letters in words of 3+ letters make up at most half of the line.
        wordy = sum(len(w) for w in re.findall(r"(?<![<&/=\"'.\-])\b[^\W\d_]{3,}\b(?![=\"(])", line))
        if wordy > len(line.strip()) * 0.5:
            return None
        return REMOVE


@dataclass(frozen=True)
class AssetLineOptions(Options):
    """``[MRK004]`` settings of :class:`AssetLine`."""

    extensions: tuple[str, ...] = ()


class AssetLine(LineRule):
    """Remove a line that is only a link to an image, script or style file, or only Markdown
    images ("https://x.com/logo.png", "![](https://x.com/a.jpg)").

    Before::

        https://example.com/assets/images/logo.png
        The two sides discussed the plan on the sidelines of the summit held in Prague.

    After::

        The two sides discussed the plan on the sidelines of the summit held in Prague.

    Leaves alone: links to pages ("www.example.com", "https://example.com/report") -- a
    page's address can be article text -- and sentences that name a file ("See chart.png.").
    Extensions: ``[MRK004] extensions`` in ``packs/markup.toml``.
    """

    code = "MRK004"
    Options = AssetLineOptions
    name = "markup.asset-line"
    summary = "Remove lines that are only an image/script/style URL or Markdown images."
    stage: ClassVar[Stage] = Stage.LINES
    action: ClassVar[Action] = Action.REMOVED
    certain = True

    context_free = True

    def setup(self) -> None:
        exts = self.options.extensions
        alt = "|".join(re.escape(e.lower().lstrip(".")) for e in sorted(set(exts), key=len, reverse=True))
        self.asset = re.compile(rf"\s*<?(?:https?:)?//?[^\s<>]{{1,800}}\.(?:{alt})(?:[?#][^\s<>]{{0,400}})?>?\s*", re.IGNORECASE) if alt else None

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        if "![" in line and not _IMAGE.sub("", line).strip():
            return REMOVE
        if self.asset is not None and "." in line and len(line) < 1400 and self.asset.fullmatch(line):
            return REMOVE
        return None
