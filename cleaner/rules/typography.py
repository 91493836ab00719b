"""Typography: dashes, ellipses and the spacing around punctuation that typists and CMSs get
wrong. Quote marks have their own family (``cleaner.rules.quotes``)."""

from __future__ import annotations

import re
from typing import ClassVar

from ..engine.base import Action, RepairRule, Stage

_SPACED_DOUBLE_HYPHEN = re.compile(r"(?<=\S) -- (?=\S)")
_TIGHT_DOUBLE_HYPHEN = re.compile(r"(?<=[^\W_])--(?=[^\W_])")
_SPACED_ELLIPSIS = re.compile(r"(?<![.…])\.(?: \.){2}(?! ?[.…])")
# Any space but a line break: an NBSP becomes a plain space only later (WSP001).
# after a word or a closing bracket ("(in progress) ." -> "(in progress).")
_SPACE_BEFORE = re.compile(r"(?:(?<=[^\W_])|(?<=[)\]]))[^\S\n]+([,.])(?=[^\S\n]|$|[\"”’)])")
_SPACE_AFTER_OPEN = re.compile(r"([(\[])[^\S\n]+(?=[^\W_])")
_SPACE_BEFORE_CLOSE = re.compile(r"(?<=[^\W_.!?])[^\S\n]+([)\]])")
_SPACE_NEAR_PUNCT = re.compile(r"\s[,.)\]]|[(\[]\s")


class TypographyRule(RepairRule):
    stage: ClassVar[Stage] = Stage.INLINE
    action: ClassVar[Action] = Action.REPAIRED


class DoubleHyphenDash(TypographyRule):
    """Turn a double hyphen used as a dash into an em dash.

    >>> from cleaner.config import Config
    >>> DoubleHyphenDash(Config()).repair("The plan -- agreed on Monday -- was dropped; a well--known fact.")
    'The plan — agreed on Monday — was dropped; a well—known fact.'

    Leaves alone: command-line options ("run --verbose"), HTML comments ("<!-- -->"), runs of
    three or more hyphens (a rule line), and a single hyphen.
    """

    code = "TYP001"
    name = "typography.double-hyphen-dash"
    summary = "Turn a double hyphen used as a dash ('a -- b', 'a--b') into an em dash."

    scan = re.compile("--")

    def repair(self, text: str) -> str:
        text = _SPACED_DOUBLE_HYPHEN.sub(" — ", text)
        return _TIGHT_DOUBLE_HYPHEN.sub("—", text)


class SpacedEllipsis(TypographyRule):
    """Turn a spaced ellipsis (". . .") into one ellipsis character.

    >>> from cleaner.config import Config
    >>> SpacedEllipsis(Config()).repair("He paused . . . and went on.")
    'He paused … and went on.'

    Leaves alone: "..." (three dots are an accepted spelling), four spaced dots ". . . ." (a
    sentence's end and an ellipsis), and decimal points.
    """

    code = "TYP002"
    name = "typography.spaced-ellipsis"
    summary = "Turn a spaced ellipsis ('. . .') into '…'."

    scan = re.compile(r"\. \.")

    def repair(self, text: str) -> str:
        return _SPACED_ELLIPSIS.sub("…", text)


class PunctuationSpacing(TypographyRule):
    """Remove a space before a comma or a full stop, and inside brackets.

    >>> from cleaner.config import Config
    >>> PunctuationSpacing(Config()).repair("NATO , China and Russia ( the three ) met in Prague .")
    'NATO, China and Russia (the three) met in Prague.'
    >>> PunctuationSpacing(Config()).repair("They met in Prague (the capital) .")
    'They met in Prague (the capital).'

    Leaves alone: the space French puts before ; : ! ? and inside « », decimals (" .5"),
    ellipses ("wait ..."), numbers after a bracket, and anything in a line without such a space.
    """

    code = "TYP003"
    name = "typography.punctuation-spacing"
    summary = "Remove a space before a comma or full stop, and inside brackets ('a , b' -> 'a, b')."

    scan = _SPACE_NEAR_PUNCT

    def repair(self, text: str) -> str:
        text = _SPACE_BEFORE.sub(r"\1", text)
        text = _SPACE_AFTER_OPEN.sub(r"\1", text)
        return _SPACE_BEFORE_CLOSE.sub(r"\1", text)
