"""Comment sections: the prompts, notices and counts of comment forms left under the article."""

from __future__ import annotations

from .phrases import PhraseRule


class CommentFormPrompt(PhraseRule):
    """Remove comment-form prompts ("Please enter your comment!", "Leave a Reply").

    Before::

        ... in the cyber world.”
        Please enter your comment!
        Please enter your name here

    After::

        ... in the cyber world.”

    Leaves alone: a sentence that mentions comments ("Please enter your comment below, the
    editor asked readers" is prose, longer than a prompt). Phrases: ``[COM001] phrases`` in
    ``packs/comments.toml`` (WordPress core, tagDiv/Newspaper, Disqus, Facebook comments).
    """

    code = "COM001"
    name = "comments.form-prompt"
    summary = "Remove comment-form prompts such as 'Please enter your comment!' and 'Leave a Reply'."
    where = "anywhere"
    boundary = True


class CommentCount(PhraseRule):
    """Remove comment counts and thread controls ("12 Comments", "Comments (3)", "View all 40
    comments", "댓글 5").

    Before::

        ... the summit held in Prague.
        12 Comments

    After::

        ... the summit held in Prague.

    Leaves alone: sentences with counts ("12 comments were removed by moderators, the site
    said."). Patterns: ``[COM002] patterns`` in ``packs/comments.toml``.
    """

    code = "COM002"
    name = "comments.count"
    summary = "Remove comment counts such as '12 Comments' and 'Comments (3)'."
    where = "anywhere"
    boundary = True
