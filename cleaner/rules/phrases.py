"""Phrase rules: remove a line that *is* a known boilerplate phrase, looked up in a set.

The phrases come from the rule packs (``phrases = [...]`` under the rule's code), so a user adds
a site's leftovers without touching Python. A line matches when its *key* -- case-folded,
NFKC-normalised, inner whitespace collapsed, surrounding punctuation and symbols trimmed --
equals a phrase's key: one dict lookup per line, however many phrases there are. ``patterns``
(regular expressions matched against the whole stripped line, case-insensitive) cover the few
leftovers that vary ("12 Comments").

``where`` says where a match counts: ``anywhere`` for phrases that are never article text
("Please enter your comment!"), ``edges`` for phrases that could be (a line "Email" or "Print"
at the top or bottom of the article is chrome; inside a run of prose it is left alone).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Iterable, Literal

from ..errors import ConfigError
from ..pack_regex import MAX_PATTERN_LINE_CHARS, compile_patterns
from .base import REMOVE, STRONG_BOUNDARY, WEAK_BOUNDARY, Action, LineRule, Options, Stage, Verdict, setting
from .prefilter import SplitScan
from ..text.shape import ends_sentence

if TYPE_CHECKING:  # pragma: no cover
    from .view import DocView

_SPACES = re.compile(r"\s+")
#: Characters trimmed from both ends of a line before lookup: punctuation, symbols, arrows, bullets.
_EDGE_JUNK = re.compile(r"^[\W_]+|[\W_]+$")
#: The longest line a phrase rule looks at; longer lines are prose, whatever they contain.
MAX_PHRASE_CHARS = 200
#: The longest line read as a row of labels ("Facebook | Twitter | Email").
MAX_LABEL_ROW_CHARS = 120
#: What separates labels on one line: spaces and the separators menus and share rows use.
_LABEL_SEPARATORS = re.compile(r"\s+[-–—]+\s+|[\s|/·•,;:>»›<«‹]+")

WHERE = ("anywhere", "edges")

# -- chrome as a whole unit -----------------------------------------------------------------
# A phrase or pattern rule removes a line when the chrome *is* the line (or its dominant part:
# "Share this article: Facebook Twitter Email"), never a longer sentence that quotes chrome
# ("The banner said “We use cookies ...” and offered one button, the regulator said.") or
# starts with a chrome label and goes on with a sentence of its own ("Read more: the ministry
# has published its figures for the year.").

#: A quotation inside a line: straight, curly, guillemets, CJK corner brackets.
_QUOTATION = re.compile(r'"[^"\n]{2,}"|“[^”\n]{2,}”|„[^“”\n]{2,}[“”]|«[^»\n]{2,}»|‚[^‘’\n]{2,}[‘’]|「[^」\n]{1,}」|『[^』\n]{1,}』')
#: A word for the shape tests below (letters and digits; inner apostrophes and hyphens kept).
_TEXT_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
#: Where a chrome label ends and what follows it starts ("Read more: ...", "Related — ...").
_LABEL_END = re.compile(r"\s*(?:[:|»›>]+(?=\s)|：|\s[-–—]+(?=\s))\s*")
_URL = re.compile(r"(?:https?:)?//\S+|www\.\S+|\S+@\S+")
#: Words outside a quotation that make a line reported speech rather than a quoted label.
MIN_WORDS_OUTSIDE_QUOTES = 3


def outside_quotes(text: str) -> str | None:
    """``text`` with its quotations blanked out, when it quotes something inside a sentence of
    its own (at least three words outside the quotes); ``None`` otherwise.

    >>> outside_quotes('The banner said “We use cookies” and offered one button.')
    'The banner said … and offered one button.'
    >>> outside_quotes('“Share this article”') is None
    True
    """
    if not any(q in text for q in '"“„«‚「『'):
        return None
    blanked = _QUOTATION.sub("…", text)
    if blanked == text or len(_TEXT_WORD.findall(blanked)) < MIN_WORDS_OUTSIDE_QUOTES:
        return None
    return blanked


def quotes_chrome(text: str, is_chrome: "Callable[[str], bool]") -> bool:
    """Is ``text`` chrome only through what it quotes (``is_chrome`` no longer holds once the
    quotations are blanked out)? Inside prose, quoted chrome is content."""
    blanked = outside_quotes(text)
    return blanked is not None and not is_chrome(blanked)


def reads_as_sentence(text: str) -> bool:
    """Does ``text`` (what follows a chrome label) read as a sentence of its own rather than a
    headline, a name or a row of labels? A sentence goes on in lower case after its first word
    ("the ministry has published its figures"), or is long and ends like one; a headline is
    short, capitalised, and has no full stop.

    >>> reads_as_sentence("the ministry has published its figures for the year")
    True
    >>> reads_as_sentence("NATO allies meet in Prague")
    False
    >>> reads_as_sentence("Facebook Twitter Email")
    False
    """
    words = _TEXT_WORD.findall(_URL.sub(" ", text))
    if len(words) < 5:
        return False
    cased = [w for w in words if w[:1].isalpha() and w[:1].lower() != w[:1].upper()]
    if len(cased) < 4:
        return False  # uncased scripts (CJK, Arabic...): no evidence either way
    lower = sum(1 for w in cased if w[:1].islower())
    if cased[0][:1].islower() and cased[0] == words[0] and lower * 3 >= len(cased) * 2:
        return True
    return len(words) >= 12 and ends_sentence(text) and lower * 2 >= len(cased)


def label_then_sentence(text: str, is_label: "Callable[[str], bool]") -> bool:
    """Does ``text`` start with a chrome label (``is_label`` of the part before a separator
    holds) and go on with a sentence of its own ("Read more: the ministry has published ...")?"""
    for m in _LABEL_END.finditer(text):
        head, rest = text[:m.start()], text[m.end():]
        if head.strip() and rest and is_label(head) and reads_as_sentence(rest):
            return True
    return False


@lru_cache(maxsize=4096)  # several phrase rules look up the same line of a document
def phrase_key(text: str) -> str:
    """The lookup key of a line or a phrase.

    >>> phrase_key("  Please enter your COMMENT! ")
    'please enter your comment'
    >>> phrase_key("» Share on   Facebook")
    'share on facebook'
    """
    key = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    key = _SPACES.sub(" ", key).strip()
    return _EDGE_JUNK.sub("", key)


_NOT_PER_LINE = re.compile(r"\\[AZz]|\(\?[aiLmsux-]+[):]")


def _per_line(pattern: "re.Pattern[str]") -> bool:
    """Can ``pattern`` be scanned for as ``^(?:...)$`` with ``re.MULTILINE`` and find every
    line it matches whole? Not with ``\\A``, ``\\Z`` or inline flags."""
    return _NOT_PER_LINE.search(pattern.pattern) is None


@dataclass(frozen=True)
class PhraseOptions(Options):
    """The settings of every phrase rule (see :class:`PhraseRule`)."""

    phrases: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    edge_patterns: tuple[str, ...] = ()
    #: ``None``: the rule's own (``PhraseRule.where``).
    where: Literal["anywhere", "edges"] | None = None
    #: ``None``: the rule's own (``Rule.boundary``).
    boundary: bool | None = None
    #: ``None``: the rule's own (``PhraseRule.max_chars``).
    max_chars: int | None = setting(None, minimum=1, maximum=MAX_PATTERN_LINE_CHARS)


@dataclass(frozen=True)
class UserRuleOptions(PhraseOptions):
    """A rule a user pack defines: a phrase rule with a name, a summary and a docstring."""

    name: str = ""
    summary: str = ""
    doc: str = ""


class PhraseRule(LineRule):
    """Base of the phrase-list rules; subclasses set code, name, summary and ``where``.

    Pack data under the rule's code:

    * ``phrases`` -- lines that are boilerplate wherever they stand (with ``where = "anywhere"``)
      or only outside the article body (``where = "edges"``);
    * ``labels`` -- short labels that are chrome only in context: outside the article body,
      next to another label of the same rule, or three or more of them on one line ("Facebook
      Twitter Email");
    * ``patterns`` -- whole-line regular expressions, treated like ``phrases``;
    * ``edge_patterns`` -- whole-line regular expressions that count only outside the body;
    * ``boundary`` -- whether the removed lines mark the edge of the article (see
      ``Rule.boundary``), overriding the rule's default;
    * ``max_chars`` -- the longest line tried (default 200; notices need more).
    """

    stage: ClassVar[Stage] = Stage.LINES
    action: ClassVar[Action] = Action.REMOVED
    Options = PhraseOptions
    where: ClassVar[str] = "anywhere"
    #: The longest line the phrases and patterns are tried on (``max_chars`` in the pack).
    max_chars: int = MAX_PHRASE_CHARS

    def setup(self) -> None:
        options = self.options
        if options.max_chars is not None:
            self.max_chars = options.max_chars
        self.keys = frozenset(k for k in (phrase_key(p) for p in options.phrases) if k)
        self.label_keys = frozenset(k for k in (phrase_key(p) for p in options.labels) if k)
        self.max_label_words = max((k.count(" ") + 1 for k in self.label_keys), default=0)
        # A row of labels must start with a label's first word: one set lookup rejects prose.
        self.label_starts = frozenset(label_words(k)[0] for k in self.label_keys if label_words(k))
        self.pattern = compile_patterns(options.patterns, f"[{self.code}]")
        self.edge_pattern = compile_patterns(options.edge_patterns, f"[{self.code}] edge_patterns")
        # The built-in members anchored per line, to scan all of a view's short lines at once
        # with only the members whose words the view holds (``prefilter.SplitScan``); a pattern
        # that cannot be read per line that way (\A, \Z, inline flags) is tried line by line
        # instead, as are the user members (RE2, linear in each line).
        self._line_patterns = tuple(
            (SplitScan(list(pattern.builtin_sources), pattern.builtin.flags)
             if pattern.builtin is not None and _per_line(pattern.builtin) else None, pattern)
            for pattern in (self.pattern, self.edge_pattern) if pattern is not None)
        where = options.where or self.where
        if where not in WHERE:
            raise ConfigError(f"[{self.code}] where must be one of {', '.join(WHERE)}")
        self.where_mode = where
        self.certain = where == "anywhere" and not self.label_keys and self.edge_pattern is None
        self.context_free = self.certain and type(self).judge is PhraseRule.judge
        self.boundary = type(self).boundary if options.boundary is None else options.boundary

    def matches(self, line: str) -> bool:
        """Is the whole line one of the phrases or patterns?"""
        stripped = line.strip()
        if len(stripped) > self.max_chars:
            return False
        if len(stripped) <= MAX_PHRASE_CHARS and phrase_key(stripped) in self.keys:
            return True
        return self.pattern is not None and self.pattern.fullmatch(stripped) is not None

    def label_count(self, line: str | None) -> int:
        """How many labels the line is made of (0 when it is anything else).

        A line is split at separators (``|``, ``·``, ``/``, bullets...) and spaces, and must be
        covered by labels end to end; the longest label wins at each step.
        """
        if line is None or not self.label_keys or len(line.strip()) > MAX_LABEL_ROW_CHARS:
            return 0
        key = phrase_key(line)
        if key in self.label_keys:
            return 1
        words = label_words(key)
        if not words or words[0] not in self.label_starts:
            return 0
        return count_labels(words, self.label_keys, self.max_label_words)

    def may_match(self, text: str) -> bool:
        """Is the line one of the phrases, a possible row of labels, or a pattern's line? (Text
        only; :meth:`judge` then weighs position and neighbours.)"""
        stripped = text.strip()
        key = phrase_key(stripped) if len(stripped) <= MAX_PHRASE_CHARS else None
        if key is not None:
            if key in self.keys or key in self.label_keys:
                return True
            if self.label_keys and len(stripped) <= MAX_LABEL_ROW_CHARS:
                words = label_words(key)
                if words and words[0] in self.label_starts:
                    return True
        return self._pattern_hit(stripped)

    def candidates(self, doc: DocView) -> Iterable[int]:
        """The lines :meth:`may_match` accepts, found for the whole view at once: phrases and
        labels through the pipeline's phrase tables (or set lookups on the view's keys), each
        pattern with one scan of the view's short lines. A superset; ``judge`` decides."""
        found = set(doc.text_candidates(self, lambda: self._text_candidates(doc)))
        found |= self.extra_candidates(doc)
        return sorted(found)

    def _text_candidates(self, doc: DocView) -> list[int]:
        found = doc.key_candidates(self.slot) if self.slot is not None else None
        if found is None:
            found = [i for i, key in enumerate(doc.phrase_keys)
                     if key is not None and (key in self.keys or key in self.label_keys
                                             or (self.label_starts and len(doc.stripped[i]) <= MAX_LABEL_ROW_CHARS
                                                 and (label_words(key)[:1] or ("",))[0] in self.label_starts))]
        found = set(found)
        limit = self.max_chars
        for split, pattern in self._line_patterns:
            if split is not None:
                scan = split.scanner(doc.folded_short_text(limit))
                if scan is not None:
                    found |= doc.lines_fullmatching(scan, limit)
                if pattern.user is not None:
                    found.update(i for i, s in enumerate(doc.stripped) if len(s) <= limit and pattern.user_fullmatch(s))
            else:
                found.update(i for i, s in enumerate(doc.stripped) if len(s) <= limit and pattern.fullmatch(s))
        return sorted(found)

    def extra_candidates(self, doc: DocView) -> set[int]:
        """Lines a subclass may also accept beyond phrases, labels and patterns."""
        return set()

    def _pattern_hit(self, stripped: str) -> bool:
        if len(stripped) > self.max_chars:
            return False
        return any(p is not None and p.fullmatch(stripped) is not None for p in (self.pattern, self.edge_pattern))

    def is_unit(self, line: str, is_chrome: Callable[[str], bool]) -> bool:
        """Is the chrome ``is_chrome`` found in ``line`` the line itself, not a quotation or the
        label of a sentence that goes on (see :func:`quotes_chrome`, :func:`label_then_sentence`)?"""
        stripped = line.strip()
        if quotes_chrome(stripped, is_chrome):
            return False
        return not label_then_sentence(stripped, is_chrome)

    def _edge_match(self, line: str) -> bool:
        stripped = line.strip()
        return self.edge_pattern is not None and len(stripped) <= self.max_chars and self.edge_pattern.fullmatch(stripped) is not None

    def phrase_then_labels(self, line: str) -> bool:
        """Is the line one of the phrases followed by a row of labels ("Share this article:
        Facebook Twitter Email"): chrome through and through, in two parts?"""
        if not self.label_keys or len(line) > MAX_LABEL_ROW_CHARS:
            return False
        for m in _LABEL_END.finditer(line):
            head, rest = line[:m.start()], line[m.end():]
            if head.strip() and rest.strip() and self.matches(head) and self.label_count(rest):
                return True
        return False

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        if (self.matches(line) and self.is_unit(line, self.matches)) or self.phrase_then_labels(line):
            if self.where_mode == "edges" and doc.article_zone(index) == "body":
                return None
            return REMOVE
        if self.edge_pattern is not None and doc.article_zone(index) != "body":
            if self._edge_match(line) and self.is_unit(line, self._edge_match):
                return REMOVE
        labels = self.label_count(line)
        if not labels:
            return None
        # A removed label is weak evidence of the article's edge; a row of them is strong.
        verdict = Verdict(boundary=(STRONG_BOUNDARY if labels >= 3 else WEAK_BOUNDARY) if self.boundary else 0)
        if labels >= 3 or doc.article_zone(index) != "body":
            return verdict
        for offset in (-1, 1):
            near = doc.neighbour(index, offset)
            if near is not None and (self.label_count(near) or self.matches(near)):
                return verdict
        return None


def count_labels(words: tuple[str, ...], labels: frozenset[str], max_words: int) -> int:
    """How many labels cover ``words`` end to end, the longest label first at each step (0
    when some word is left over).

    >>> count_labels(("english", "bahasa", "indonesia"), frozenset({"english", "bahasa indonesia"}), 2)
    2
    """
    count, i = 0, 0
    while i < len(words):
        for size in range(min(max_words, len(words) - i), 0, -1):
            if " ".join(words[i:i + size]) in labels:
                i += size
                count += 1
                break
        else:
            return 0
    return count


@lru_cache(maxsize=1 << 16)
def label_words(key: str) -> tuple[str, ...]:
    """The words of a phrase key, split at label separators."""
    return tuple(w for w in _LABEL_SEPARATORS.split(key) if w)


def user_phrase_rule(code: str, data: dict[str, Any], source: str | None = None) -> type[PhraseRule]:
    """A phrase rule class for a code that a user pack defines (``[USR001] name = ...``);
    ``source`` names the pack file in error messages."""
    name = data.get("name")
    summary = data.get("summary")
    where = f"{source}: [{code}]" if source else f"[{code}]"
    if not isinstance(name, str) or "." not in name:
        raise ConfigError(f"{where} a new rule needs a dotted name, e.g. name = \"user.my-footer\"")
    if not isinstance(summary, str) or not summary:
        raise ConfigError(f"{where} a new rule needs a one-line summary")
    if not any(data.get(key) for key in ("phrases", "patterns", "labels", "edge_patterns")):
        raise ConfigError(f"{where} a new rule needs phrases or patterns (or labels, edge_patterns)")
    doc = data.get("doc") or summary
    # A site's leftovers are site chrome: by default their places mark the article's edge.
    attrs = {"code": code, "name": name, "summary": summary, "__doc__": doc, "where": data.get("where", "anywhere"), "boundary": True,
             "Options": UserRuleOptions}
    return type(f"UserRule_{code}", (PhraseRule,), attrs)
