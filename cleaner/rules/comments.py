"""Comment sections: the prompts of comment forms left under the article."""

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
