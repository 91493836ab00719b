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
from typing import Any, ClassVar, Iterable

from ..errors import ConfigError
from .base import REMOVE, Action, LineRule, Stage, Verdict
from .view import DocView

_SPACES = re.compile(r"\s+")
#: Characters trimmed from both ends of a line before lookup: punctuation, symbols, arrows, bullets.
_EDGE_JUNK = re.compile(r"^[\W_]+|[\W_]+$")
#: The longest line a phrase rule looks at; longer lines are prose, whatever they contain.
MAX_PHRASE_CHARS = 200

WHERE = ("anywhere", "edges")


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


def compile_patterns(patterns: Iterable[Any], where: str) -> re.Pattern[str] | None:
    pats = list(patterns)
    for p in pats:
        if not isinstance(p, str):
            raise ConfigError(f"{where}: patterns must be strings, got {p!r}")
    if not pats:
        return None
    from ..regex_safety import check_pattern

    for p in pats:
        check_pattern(p, where)
    try:
        return re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE)
    except re.error as exc:
        raise ConfigError(f"{where}: invalid pattern: {exc}") from None


class PhraseRule(LineRule):
    """Base of the phrase-list rules; subclasses set code, name, summary and ``where``."""

    stage: ClassVar[Stage] = Stage.LINES
    action: ClassVar[Action] = Action.REMOVED
    where: ClassVar[str] = "anywhere"

    def setup(self) -> None:
        data = self.data
        phrases = data.get("phrases", [])
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise ConfigError(f"[{self.code}] phrases must be a list of strings")
        self.keys = frozenset(k for k in (phrase_key(p) for p in phrases) if k)
        self.pattern = compile_patterns(data.get("patterns", []), f"[{self.code}]")
        where = data.get("where", self.where)
        if where not in WHERE:
            raise ConfigError(f"[{self.code}] where must be one of {', '.join(WHERE)}")
        self.where_mode = where
        self.certain = where == "anywhere"

    def matches(self, line: str) -> bool:
        stripped = line.strip()
        if len(stripped) > MAX_PHRASE_CHARS:
            return False
        if phrase_key(stripped) in self.keys:
            return True
        return self.pattern is not None and self.pattern.fullmatch(stripped) is not None

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        if not self.matches(line):
            return None
        if self.where_mode == "edges" and not doc.at_edge(index):
            return None
        return REMOVE


def user_phrase_rule(code: str, data: dict[str, Any]) -> type[PhraseRule]:
    """A phrase rule class for a code that a user pack defines (``[USR001] name = ...``)."""
    name = data.get("name")
    summary = data.get("summary")
    if not isinstance(name, str) or "." not in name:
        raise ConfigError(f"[{code}] a new rule needs a dotted name, e.g. name = \"user.my-footer\"")
    if not isinstance(summary, str) or not summary:
        raise ConfigError(f"[{code}] a new rule needs a one-line summary")
    if not data.get("phrases") and not data.get("patterns"):
        raise ConfigError(f"[{code}] a new rule needs phrases or patterns")
    doc = data.get("doc") or summary
    return type(f"UserRule_{code}", (PhraseRule,), {"code": code, "name": name, "summary": summary, "__doc__": doc, "where": data.get("where", "anywhere")})
