"""MET007: a caption whose photo credit follows its last words without brackets moves into
``captions``; sentences that mention credit, copyright or photographs stay. Made-up texts."""

from __future__ import annotations

import pytest

from cleaner import clean_text
from cleaner.config import Config

EN = Config(languages=("en",))
BEFORE = ("The harbour authority said on Wednesday that the old ferry pier would close for repairs in March, "
          "after divers found cracks in two of its concrete pillars.")
AFTER = ("Ferries will dock at the cargo quay for the duration of the work, which the authority expects to take "
         "about ten weeks and to cost a little under two million euros.")


@pytest.mark.parametrize("caption", [
    "A diver checks a pillar of the old pier on Tuesday. Credit: Jane Roe/The Island Post",
    "The pier seen from the ferry at dawn Credit: Harbour Authority",
    "Passengers wait on the cargo quay. Credit... John Doe/The Island Post",
    "A crane lifts a slab off the pier, March 3, 2020. © Wire Agency / John Doe",
    "Gulls on the railing of the old pier. (JANE ROE/ISLAND PHOTO LIBRARY)",
    "The ferry leaves the island in the morning. Photograph by Jane Roe/Wire Agency",
    "Divers prepare their gear on the quay. Photograph: John Doe/Wire Agency",
])
def test_caption_with_a_credit_tail_moves_to_captions(caption: str) -> None:
    result = clean_text("\n".join([BEFORE, caption, AFTER]), EN)
    assert result.text == f"{BEFORE}\n\n{AFTER}"
    assert any(c.rule == "MET007" and c.field == "captions" and c.before == caption for c in result.changes)


@pytest.mark.parametrize("sentence", [
    "The bank said the credit: a loan of two million euros would be repaid within ten years, officials said.",
    "Islanders gave the operator credit for the extra sailing, which began on Monday evening.",
    "The photograph by the harbour master shows the cracks in two of the pillars, the report said.",
    "The rights to the film (SEE NOTE) belong to the council of the island, which bought them in 2011.",
])
def test_sentences_about_credit_or_photos_stay(sentence: str) -> None:
    result = clean_text("\n".join([BEFORE, sentence, AFTER]), EN)
    assert sentence in result.text
