"""Navigation chrome: skip links and language switchers left in the text by the scraper."""

from __future__ import annotations

from ..scripts import dominant_script, same_writing_system
from .base import REMOVE, Action, LineRule, Stage, Verdict
from .phrases import PhraseRule, phrase_key
from .view import DocView


class SkipLink(PhraseRule):
    """Remove accessibility skip links ("Go to contents", "Skip to main content", "본문 바로가기").

    Before::

        Go to contents
        China, NATO to Enter into Strategic Talks Next Year

    After::

        China, NATO to Enter into Strategic Talks Next Year

    Leaves alone: the same words inside a sentence ("Go to contents page 4 for the table").
    Phrases: ``[NAV001] phrases`` in ``packs/chrome.toml``.
    """

    code = "NAV001"
    name = "chrome.skip-link"
    summary = "Remove skip links such as 'Go to contents' and 'Skip to main content'."
    where = "anywhere"


class LanguageSwitcher(LineRule):
    """Remove language-switcher labels ("한국어", "日本語", "English", "Español").

    A line that is a known language label is removed when it is written in another script than
    the article (한국어 on an English page) -- a switcher label, wherever it sits -- or, in the
    article's own script, when it sits in the chrome above or below the body or next to another
    label (a run of labels is a switcher).

    Before::

        Posted November. 25, 2002 23:02,
        한국어
        China will hold a strategic dialogue ...

    After::

        Posted November. 25, 2002 23:02,
        China will hold a strategic dialogue ...

    Leaves alone: a language name inside a sentence, and "English" alone in the middle of an
    English article's body. Labels: ``[NAV002] labels`` in ``packs/chrome.toml``.
    """

    code = "NAV002"
    name = "chrome.language-switcher"
    summary = "Remove language-switcher labels (한국어, 日本語, English) outside the article's own text."
    stage = Stage.LINES
    action = Action.REMOVED

    def setup(self) -> None:
        self.labels = frozenset(phrase_key(p) for p in self.data.get("labels", []))

    def _is_label(self, text: str | None) -> bool:
        return text is not None and len(text) <= 40 and phrase_key(text) in self.labels

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        if not self._is_label(line):
            return None
        line_script = dominant_script(line)
        if not same_writing_system(line_script, doc.script):
            return REMOVE
        if doc.at_edge(index) or self._is_label(doc.neighbour(index, -1)) or self._is_label(doc.neighbour(index, 1)):
            return REMOVE
        return None
