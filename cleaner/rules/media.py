"""Media embeds: the notices of video players and galleries left in the text."""

from __future__ import annotations

from .phrases import PhraseRule


class PlayerNotice(PhraseRule):
    """Remove player and gallery notices ("Media playback is unsupported on your device",
    "Image 1 of 9", "View this post on Instagram").

    Before::

        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.
        Media playback is unsupported on your device
        The two sides discussed the plan on the sidelines of the summit held in Prague.

    After::

        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.
        The two sides discussed the plan on the sidelines of the summit held in Prague.

    Leaves alone: a lone "Video" or "Photo" between paragraphs of the body, and a bare "3 / 12"
    or "02:35" inside the body (a score, a time). Data: ``[EMB001]`` in ``packs/media.toml``.
    """

    code = "EMB001"
    name = "media.player-notice"
    summary = "Remove player and gallery notices ('Media playback is unsupported', 'Image 1 of 9')."
    where = "anywhere"
