"""Kinds of chrome past the article's edge that NAV003 judges by the document's shape: a list of
stories whose headlines carry a short blurb each (teasers), and lists flattened into one line
(a month archive, a category drop-down, a tag cloud). Texts are made up for these tests."""

from __future__ import annotations

import pytest

from cleaner import clean_text
from cleaner.config import Config
from cleaner.text.shape import flat_list, line_shape

EN = Config(languages=("en",))

BODY = [
    "The harbour authority said on Wednesday that the old ferry pier would close for repairs in March, "
    "after divers found cracks in two of its concrete pillars during a routine inspection.",
    "Ferries will dock at the cargo quay for the duration of the work, which the authority expects to "
    "take about ten weeks and to cost a little under two million euros.",
    "Residents of the island, who rely on the morning crossing to reach the mainland, asked for an "
    "extra sailing in the evening, and the operator said it was studying the request.",
]
SHARE = ["Share on Facebook", "Share on Twitter"]
TEASERS = [
    "STORM SEASON", "Lighthouse Keepers Brace For A Windy Winter", "4 comments Weather",
    "Crews are checking the lamps and the generators before the first gales arrive next month.",
    "CITY HALL", "Council Debates A New Parking Plan For The Old Town", "12 comments Politics",
    "Shop owners fear fewer visitors, while residents hope for quieter streets at night.",
    "ON THE WATER", "Rowing Club Celebrates Its Hundredth Season", "Sport",
    "Members old and young gathered at the boathouse for a race and a long lunch afterwards.",
]


def _clean(lines: list[str]) -> str:
    return clean_text("\n".join(lines), EN).text


def test_teasers_below_the_article_go_with_their_headlines() -> None:
    text = _clean(BODY + SHARE + TEASERS)
    assert text == "\n\n".join(BODY)
    assert clean_text(text, EN).text == text  # idempotent


def test_a_closing_paragraph_after_chrome_stays_when_no_chrome_follows_it() -> None:
    closing = "The authority will publish the repair schedule on its website next week, a spokesman said."
    text = _clean(BODY + SHARE + [closing])
    assert closing in text and all(p in text for p in BODY)


def test_prose_of_the_article_below_a_subheading_stays() -> None:
    lines = BODY[:2] + ["What happens next"] + BODY[2:] + ["Island life", BODY[0].replace("Wednesday", "Friday")]
    text = _clean(lines)
    assert all(p in text for p in BODY)


ARCHIVE = ("Archives Select Month December 2020 November 2020 October 2020 September 2020 August 2020 "
           "July 2020 June 2020 May 2020")
CATEGORIES = "Categories Select Category Boats Ferries Harbours Islands Lighthouses Rowing Sailing Tides Weather Winter Walks Summer Swims Town News"


@pytest.mark.parametrize("line", [ARCHIVE, CATEGORIES, "Tags Ferry Pier Harbour Authority Island Residents Mainland Crossing Repairs Concrete Divers Winter Schedule Quay Operator Lamps"])
def test_a_list_flattened_into_one_line_is_no_prose(line: str) -> None:
    assert flat_list(line) and not line_shape(line)[1]


@pytest.mark.parametrize("line", [
    "Find out how to plan a ferry trip to the island that leaves room for a long walk along the cliffs",
    "Director_Ana Ruiz, Writer_Ben Cole, Composer_Cho Min, Lighting_Dan Park, Sound_Eva Lind, Set_Fay Moor, Costume_Gil Roe",
    BODY[0],
])
def test_sentences_and_credits_are_no_flat_list(line: str) -> None:
    assert not flat_list(line)


def test_flattened_lists_below_the_article_are_removed() -> None:
    text = _clean(BODY + SHARE + [ARCHIVE, CATEGORIES])
    assert text == "\n\n".join(BODY)


CAPTION = "Divers inspect one of the cracked pillars under the old ferry pier on a grey morning in February, the authority said."


def test_a_paragraph_printed_above_the_article_and_in_it_keeps_the_body_copy() -> None:
    """A gallery above the story repeats a caption the story prints too: the copy above goes."""
    lines = ["Home", "World", CAPTION, CAPTION, "Share on Facebook", "Share on Twitter", BODY[0], CAPTION, BODY[1], BODY[2]]
    text = _clean(lines)
    assert text.count(CAPTION) == 1 and all(p in text for p in BODY)
    assert text.index(BODY[0]) < text.index(CAPTION) < text.index(BODY[1])
    assert clean_text(text, EN).text == text


def test_a_paragraph_repeated_inside_or_below_the_article_stays() -> None:
    lines = [BODY[0], CAPTION, BODY[1], CAPTION, BODY[2], "Share on Facebook", "Share on Twitter", CAPTION]
    assert _clean(lines).count(CAPTION) == 3


def test_short_lines_and_different_paragraphs_repeat_freely() -> None:
    refrain = "The ferry leaves at nine."
    lines = [BODY[0], refrain, BODY[1], refrain, BODY[2], BODY[2].replace("evening", "morning")]
    text = _clean(lines)
    assert text.count(refrain) == 2 and BODY[2] in text and BODY[2].replace("evening", "morning") in text


def test_list_items_below_chrome_are_no_teasers() -> None:
    """A product list past a row of shop buttons: its long items are part of a list, not blurbs."""
    item = "* The lamp runs for up to ten hours on one charge and folds flat for the ferry crossing"
    lines = BODY + SHARE + ["Harbour Lamp Deluxe", item, "* Weighs two kilos", "Harbour Lamp Mini", item.replace("ten", "six")]
    text = _clean(lines)
    assert "folds flat for the ferry crossing" in text


def test_one_blurb_between_two_short_lines_is_no_list_of_teasers() -> None:
    """A list of stories shows its shape twice; one paragraph between two short lines past the
    edge may be the article's own, below a subheading."""
    blurb = "Crews are checking the lamps and the generators before the first gales arrive next month."
    lines = BODY + SHARE + ["STORM SEASON", "Lighthouse Keepers Brace For A Windy Winter", blurb, "Weather"]
    assert blurb in _clean(lines)


def test_a_long_paragraph_between_short_lines_is_no_teaser() -> None:
    long_para = ("Engineers from the port spent the whole of last week measuring the tides around the pier, and "
                 "their report, which the board will read in January, suggests the cracks grew slowly over a decade.")
    lines = BODY + SHARE + TEASERS[:3] + [long_para] + TEASERS[4:7] + [long_para.replace("January", "February")] + ["Sport"]
    text = _clean(lines)
    assert long_para in text and long_para.replace("January", "February") in text


def test_a_paragraph_whose_words_the_body_writes_is_no_teaser() -> None:
    """Short paragraphs about the article's own subject past a misjudged edge stay; blurbs of
    other stories go."""
    own = ["Divers say the cracked pillars of the ferry pier will need repairs before March.",
           "The island residents asked the authority for an extra ferry crossing."]
    lines = BODY + SHARE + TEASERS[:3] + [own[0]] + TEASERS[4:7] + [own[1]] + ["Sport"]
    text = _clean(lines)
    assert own[0] in text and own[1] in text
