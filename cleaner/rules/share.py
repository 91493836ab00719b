"""Share and follow rows: the buttons and prompts of social networks left in the text."""

from __future__ import annotations

import re
from typing import ClassVar

from ..engine.base import REMOVE, Action, LineRule, Stage, Verdict
from .phrases import PhraseRule
from ..engine.view import DocView


class ShareButtons(PhraseRule):
    """Remove share buttons ("Share on Facebook", "Tweet", "Email", "Facebook Twitter WhatsApp").

    Phrases ("Share on Facebook", "Share this article") count anywhere. Labels -- a network's
    bare name, "Email", "Print", "Share" -- count above or below the article body, next to
    another label, or several on one line.

    Before::

        Share
        Facebook
        Twitter
        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.

    After::

        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.

    Leaves alone: a lone "Email" or "Twitter" between paragraphs of the body, a form field
    marked required ("Email *", the comment form's: ``COM001``), and sentences
    that mention sharing ("Share on Facebook was down for hours, the company said.").
    Data: ``[SHR001]`` in ``packs/share.toml``.
    """

    code = "SHR001"
    name = "share.buttons"
    summary = "Remove share buttons ('Share on Facebook', 'Tweet', 'Email' rows)."
    where = "anywhere"
    boundary = True

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        if _REQUIRED_FIELD.search(line):  # "Email *" is a comment form's field (COM001), not a button
            return None
        return super().judge(line, doc, index)


#: A form field's required marker at the end of a label ("Email *").
_REQUIRED_FIELD = re.compile(r"\S\s*\*\s*$")


class FollowUs(PhraseRule):
    """Remove follow-us prompts ("Follow us on Twitter", "Like us on Facebook", "Siga-nos no
    Instagram").

    Before::

        ... the summit held in Prague.
        Follow us on Facebook and Twitter

    After::

        ... the summit held in Prague.

    Leaves alone: sentences about following ("He followed us on the road to Prague.") and
    lines that name no network. Data: ``[SHR002]`` in ``packs/share.toml``.
    """

    code = "SHR002"
    name = "share.follow-us"
    summary = "Remove follow-us prompts ('Follow us on Twitter', 'Like us on Facebook')."
    where = "anywhere"
    boundary = True


class HashtagRow(LineRule):
    """Remove a line made only of hashtags and @handles (three or more).

    Before::

        ... the summit held in Prague.
        #NATO #China #Prague

    After::

        ... the summit held in Prague.

    Leaves alone: a sentence with a hashtag in it ("Protesters used #HongKong to organise.")
    and a line of one or two tags.
    """

    code = "SHR003"
    name = "share.hashtag-row"
    summary = "Remove lines made only of hashtags and @handles."
    stage: ClassVar[Stage] = Stage.LINES
    action: ClassVar[Action] = Action.REMOVED
    evidence = "form"

    _TAG = re.compile(r"[#@][^\W_][\w.]*")

    reads = frozenset()  # the text alone

    def judge(self, line: str, doc: DocView, index: int) -> Verdict | None:
        if "#" not in line and "@" not in line:
            return None
        tokens = line.replace(",", " ").replace("|", " ").replace("·", " ").split()
        if len(tokens) >= 3 and all(self._TAG.fullmatch(t.rstrip(".")) for t in tokens):
            return REMOVE
        return None
