"""Advertisement labels: what stands where an ad slot was."""

from __future__ import annotations

from .phrases import PhraseRule


class AdLabel(PhraseRule):
    """Remove advertisement labels ("Advertisement", "Story continues below advertisement",
    "Anzeige", "광고").

    An ad slot interrupts the body, so the place it leaves is not taken as the article's edge.

    Before::

        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.
        Advertisement
        The two sides discussed the plan on the sidelines of the summit held in Prague.

    After::

        China will hold a strategic dialogue with NATO next year, the ministry said on Monday.
        The two sides discussed the plan on the sidelines of the summit held in Prague.

    Leaves alone: sentences about advertising ("Advertisement revenue fell 5% in the quarter.").
    Data: ``[ADV001]`` in ``packs/ads.toml``.
    """

    code = "ADV001"
    name = "ads.label"
    summary = "Remove advertisement labels ('Advertisement', 'Story continues below advertisement')."
    where = "anywhere"
