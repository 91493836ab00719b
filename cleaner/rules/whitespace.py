"""Whitespace inside a paragraph: one kind of space, one at a time, none at the ends.

WSP001 runs with the character repairs, before any rule reads the words, so every later rule
sees plain spaces only (a quote after a tab is judged like a quote after a space). WSP002 and
WSP003 run last, so the text's invariants hold whatever earlier rules did: no runs of spaces,
no spaces at the start or end of a line.
"""

from __future__ import annotations

import re

from ..engine.base import Action, RepairRule, Stage

#: NBSP, narrow NBSP, figure space, en/em/thin/hair spaces, medium math space, ideographic space,
#: Ogham space mark, and the tab.
_ODD_SPACES = "\u00a0\u202f\u2007\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000\u1680\t"


class OddSpaces(RepairRule):
    """Turn non-breaking and other special spaces (and tabs) into plain spaces.

    >>> from cleaner.config import Config
    >>> OddSpaces(Config()).repair("23:02,\\u00a0\\u00a0Seoul")
    '23:02,  Seoul'

    Leaves alone: line breaks (paragraph structure) and zero-width characters (see UNI003).
    """

    code = "WSP001"
    name = "whitespace.odd-spaces"
    summary = "Replace NBSP, thin/em/ideographic spaces and tabs with plain spaces."
    stage = Stage.UNICODE
    action = Action.NORMALIZED
    trigger_chars = _ODD_SPACES

    _pattern = re.compile("[" + _ODD_SPACES + "]")

    def repair(self, text: str) -> str:
        return self._pattern.sub(" ", text)


class SpaceRuns(RepairRule):
    """Collapse runs of spaces inside a line to one space.

    >>> from cleaner.config import Config
    >>> SpaceRuns(Config()).repair("NATO  summit   held")
    'NATO summit held'

    Leaves alone: single spaces; spaces at the ends of a line (WSP003 strips those).
    """

    code = "WSP002"
    name = "whitespace.space-runs"
    summary = "Collapse runs of spaces to a single space."
    stage = Stage.FINAL
    action = Action.NORMALIZED

    _pattern = re.compile(r"(?<=\S) {2,}(?=\S)")
    scan = re.compile("  ")

    def repair(self, text: str) -> str:
        return self._pattern.sub(" ", text)


class StripLine(RepairRule):
    """Remove spaces at the start and end of a line.

    >>> from cleaner.config import Config
    >>> StripLine(Config()).repair("  Seoul news ")
    'Seoul news'

    Leaves alone: the words; indentation carries no meaning once paragraphs are separated by a
    blank line.
    """

    code = "WSP003"
    name = "whitespace.strip-line"
    summary = "Strip spaces at the start and end of each line."
    stage = Stage.FINAL
    action = Action.NORMALIZED
    scan = re.compile(r"(?m)^ | $")

    def repair(self, text: str) -> str:
        return text.strip(" ")
