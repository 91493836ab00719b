"""OCR rules (OCR001-OCR004) and layout detection: scanned-column text in, paragraphs out.

Cases run through the whole pipeline with the layout stage forced on (``layout="on"``) or left
to detection (``auto``); ids carry the rule code, so ``pytest -k OCR004`` selects a rule.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.audit import apply_changes
from cleaner.config import Config
from cleaner.engine.pipeline import Cleaned, Pipeline
from cleaner.rules.layout_detect import has_page_furniture, looks_hard_wrapped, wrap_points
from cleaner.text.lexicon import Vocabulary
from cleaner.rules.ocr import Column
from cleaner.engine.view import Line
from cleaner.engine.registry import build_rule

ON = Config(languages=("en",), layout="on")
AUTO = Config(languages=("en",), layout="auto")
WORD = re.compile(r"\w+")


def clean_text(text: str, config: Config) -> Cleaned:
    """What the pipeline makes of a text, whatever language langdetect finds in a fragment
    (``cleaner.clean_text`` would reject one that is not English; these tests are about layout)."""
    return Pipeline.for_config(config).clean(text)

PARA = (
    "Americans have gone to the polls four times this month to\n"
    "vote in major, statewide races. In Virginia, they voted\n"
    "for control of the state Legislature; in Mississippi,\n"
    "Kentucky and Louisiana, they voted for control of the\n"
    "governor’s mansion. In each case, the president tied\n"
    "himself to the outcome."
)
PARA_TEXT = " ".join(PARA.split("\n"))
TAIL = (
    "Democrats in Mississippi made significant gains even as\n"
    "they fell short of victory, a dramatic turnaround."
)
TAIL_TEXT = " ".join(TAIL.split("\n"))


def _words(text: str) -> list[str]:
    return WORD.findall(text)


# (raw document, expected text, codes that must be in the log)
CASES = [
    # OCR001 jump lines
    pytest.param(PARA + "\n\nContinued on page 4\n\n" + TAIL, PARA_TEXT + "\n\n" + TAIL_TEXT, ["OCR001"], id="OCR001-continued-on-page"),
    pytest.param(PARA + "\n\n(See PAGE 2)\n\n" + TAIL, PARA_TEXT + "\n\n" + TAIL_TEXT, ["OCR001"], id="OCR001-see-page"),
    pytest.param(PARA + "\n\nContinued from Page A1\n\n" + TAIL, PARA_TEXT + "\n\n" + TAIL_TEXT, ["OCR001"], id="OCR001-continued-from"),
    pytest.param(PARA + "\n\nThe talks continued on page after page of drafts.",
                 PARA_TEXT + "\n\nThe talks continued on page after page of drafts.", ["OCR003"], id="OCR001-leaves-sentence"),
    # OCR002 page furniture
    pytest.param(
        "anything, this was the second consecutive election cycle\n\n4\n\nMORNING COURIER — FRIDAY, MARCH 21, 1987\n\n"
        "where health care made the difference. In Kentucky, the\nDemocratic candidate won.",
        "anything, this was the second consecutive election cycle where health care made the difference. "
        "In Kentucky, the Democratic candidate won.",
        ["OCR002", "OCR003"], id="OCR002-number-and-masthead-rejoined"),
    pytest.param(
        "Voters could have shown they were tired of the\ninvestigations and the\n\n5\n\nMorning Courier — Friday, March 21, 1987\n\n"
        "hearings. They did not.",
        "Voters could have shown they were tired of the investigations and the hearings. They did not.",
        ["OCR002"], id="OCR002-title-case-masthead"),
    pytest.param(
        "The Wild still rank at the bottom of the Central Division.\nBoudreau has been on his players to avoid\nthe standings.\n\n"
        "14\n\nTHE DAILY HERALD\n\n\n“It’s hard not to, though,” Suter acknowledged.",
        "The Wild still rank at the bottom of the Central Division. Boudreau has been on his players to avoid the standings."
        "\n\n“It’s hard not to, though,” Suter acknowledged.",
        ["OCR002"], id="OCR002-paragraph-break-at-page-break-kept"),
    pytest.param(
        "the committee met again on Tuesday to discuss the\n\n17\n\nbudget, which was late.",
        "the committee met again on Tuesday to discuss the budget, which was late.",
        ["OCR002"], id="OCR002-lone-number-mid-sentence"),
    pytest.param(
        "the committee met again on Tuesday to discuss the\n\n17\n\nWORLD NEWS\n\nbudget, which was late.",
        "the committee met again on Tuesday to discuss the budget, which was late.",
        ["OCR002"], id="OCR002-section-head"),
    pytest.param(
        "with a few simple ingredients and not much\nequipment.\n\nWHAT YOU NEED TO MAKE JAM\n\nDo you make jam in a pot?",
        "with a few simple ingredients and not much equipment.\n\nWHAT YOU NEED TO MAKE JAM\n\nDo you make jam in a pot?",
        [], id="OCR002-leaves-capital-subhead"),
    pytest.param(
        "It works, but there is not much incentive to buy in.\n\n[ CNET ]\n\n39\n\nMORNING COURIER — FRIDAY, MARCH 22, 1987\n\n\n"
        "Despite the monthly fee, you are still buying games.",
        "It works, but there is not much incentive to buy in.\n\n[CNET]\n\nDespite the monthly fee, you are still buying games.",
        ["OCR002", "TYP003"], id="OCR002-leaves-credit-before-number"),
    pytest.param(
        "Pos. Driver Points\n\n1 Kyle Busch 5040\n\n2 Martin Truex Jr. 5035\n\n3\n\nKevin Harvick 5033",
        "Pos. Driver Points\n\n1 Kyle Busch 5040\n\n2 Martin Truex Jr. 5035\n\n3\n\nKevin Harvick 5033",
        [], id="OCR002-leaves-table-numbers"),
    pytest.param(
        "the committee met again on Tuesday to discuss the\n\nSee BUDGET, Page 4\n\nTHE DAILY HERALD — PAGE 5\n\nbudget, which was late.",
        "the committee met again on Tuesday to discuss the budget, which was late.",
        ["OCR001", "OCR002"], id="OCR002-head-with-its-page-number"),
    pytest.param(
        "the committee met again on Tuesday to discuss the\n\nTHE DAILY HERALD\n\n5\n\nbudget, which was late.",
        "the committee met again on Tuesday to discuss the budget, which was late.",
        ["OCR002"], id="OCR002-head-before-number-story-runs-on"),
    pytest.param(
        "The chapter ends here.\n\nCHAPTER 4\n\nThe next one begins with a storm.",
        "The chapter ends here.\n\nCHAPTER 4\n\nThe next one begins with a storm.",
        [], id="OCR002-leaves-chapter-heading"),
    # OCR003 unwrap
    pytest.param(PARA, PARA_TEXT, ["OCR003"], id="OCR003-paragraph"),
    pytest.param(PARA + "\n\n" + TAIL, PARA_TEXT + "\n\n" + TAIL_TEXT, ["OCR003"], id="OCR003-keeps-blank-line-break"),
    pytest.param(
        "BAAR, SWITZERLAND\nBased on Ascom’s connectivity, clinical workflow and mobility\nexpertise, the solution helps clinicians.",
        "BAAR, SWITZERLAND\n\nBased on Ascom’s connectivity, clinical workflow and mobility expertise, the solution helps clinicians.",
        ["OCR003"], id="OCR003-keeps-dateline"),
    pytest.param(
        "You will need the following for this recipe at home:\n• 6 tbsp fruit pectin powder\n• 1 tsp cinnamon",
        "You will need the following for this recipe at home:\n\n• 6 tbsp fruit pectin powder\n\n• 1 tsp cinnamon",
        [], id="OCR003-keeps-list-items"),
    pytest.param(
        "Andy Beshear, whose father implemented the Affordable Care Act\n— promised to protect Medicaid in the state.",
        "Andy Beshear, whose father implemented the Affordable Care Act — promised to protect Medicaid in the state.",
        ["OCR003"], id="OCR003-dash-at-line-start-is-not-a-list"),
    pytest.param("東京都は新しい計画を発表し\nました。", "東京都は新しい計画を発表しました。", ["OCR003"], id="OCR003-cjk-without-space"),
    pytest.param("You will need for the sauce\n* 2 cups of flour from the mill\n* 1 cup of milk, warm",
                 "You will need for the sauce\n\n* 2 cups of flour from the mill\n\n* 1 cup of milk, warm",
                 [], id="OCR003-asterisk-bullets-are-list-items"),
    pytest.param("the trade war, as tariffs rose.\n\n[1]: https://www.example.com/2019/11/12/business/trade-econo\nmy.html?module=inline\n[2]: https://www.example.com/a.html",
                 "the trade war, as tariffs rose.",
                 ["MRK002"], id="OCR003-leaves-wrapped-link-definitions-to-MRK002"),
    # OCR004 de-hyphenation
    pytest.param("Trump sent a similar message ahead of the Virginia elec-\ntions on Tuesday.",
                 "Trump sent a similar message ahead of the Virginia elections on Tuesday.", ["OCR004"], id="OCR004-split-word-joined"),
    pytest.param("It was a well-\nknown strategy of the campaign.", "It was a well-known strategy of the campaign.", ["OCR004"], id="OCR004-compound-keeps-hyphen"),
    pytest.param("The firm sells direct-to-\nconsumer products online.", "The firm sells direct-to-consumer products online.", ["OCR004"], id="OCR004-multi-part-compound"),
    pytest.param("Output fell in the years 1990-\n95 across the region.", "Output fell in the years 1990-95 across the region.", ["OCR004"], id="OCR004-number-range"),
    pytest.param("A new railway links the Qinghai-\nTibet plateau to the coast.", "A new railway links the Qinghai-Tibet plateau to the coast.", ["OCR004"], id="OCR004-capitalised-second-part"),
    pytest.param("It covers local-\nand long-distance calls.", "It covers local- and long-distance calls.", ["OCR004"], id="OCR004-suspended-hyphen"),
    pytest.param("The plan was a step-\nchange for the city. Critics called it a stepchange too far.",
                 "The plan was a stepchange for the city. Critics called it a stepchange too far.", ["OCR004"], id="OCR004-document-vocabulary-joins"),
    pytest.param("The firm cut its work-\nforce. Its work-force is smaller now.",
                 "The firm cut its work-force. Its work-force is smaller now.", ["OCR004"], id="OCR004-document-vocabulary-keeps"),
    pytest.param("President Volodymyr Zel-\nenskiy spoke on the phone.", "President Volodymyr Zelenskiy spoke on the phone.", ["OCR004"], id="OCR004-unknown-name-joined"),
    # OCR004: a soft hyphen is the prior; a kept hyphen needs evidence
    pytest.param("The night clerk tele-\nphoned the station at once.", "The night clerk telephoned the station at once.", ["OCR004"], id="OCR004-soft-hyphen-between-two-words"),
    pytest.param("The magistrate ended the day by dis-\nmissing the charge.", "The magistrate ended the day by dismissing the charge.", ["OCR004"], id="OCR004-prefix-syllable-joined"),
    pytest.param("The mail coach left Ash-\nford before dawn.", "The mail coach left Ashford before dawn.", ["OCR004"], id="OCR004-name-broken-in-two"),
    pytest.param("The council will sit to-\nmorrow at noon.", "The council will sit to-morrow at noon.", ["OCR004"], id="OCR004-historical-spelling-kept-as-printed"),
    pytest.param("The council will sit to-\nday at noon. It sat today as well.", "The council will sit today at noon. It sat today as well.", ["OCR004"], id="OCR004-document-spelling-wins-over-pack"),
    pytest.param("The hotel served only non-\nalcoholic drinks.", "The hotel served only non-alcoholic drinks.", ["OCR004"], id="OCR004-hyphenated-prefix-kept"),
    pytest.param("A fire broke out in a shop in Kent-\nstreet last night.", "A fire broke out in a shop in Kent-street last night.", ["OCR004"], id="OCR004-street-name-compound-kept"),
    pytest.param("Local ship-\nand boatbuilders met in the hall.", "Local ship- and boatbuilders met in the hall.", ["OCR004"], id="OCR004-suspended-compound-without-second-hyphen"),
    # OCR005: a split whose hyphen OCR lost, joined only on strong evidence
    pytest.param("The new rule re\nquires every member to attend the meeting.", "The new rule requires every member to attend the meeting.", ["OCR005"], id="OCR005-piece-no-word-joined"),
    pytest.param("The ferry left early in the morn\ning for the island.", "The ferry left early in the morning for the island.", ["OCR005"], id="OCR005-suffix-joined"),
    pytest.param("She put the letters in\nto the box by the door.", "She put the letters in to the box by the door.", ["OCR003"], id="OCR005-leaves-two-common-words"),
    pytest.param("They met in the after\nnoon at the hall.", "They met in the after noon at the hall.", ["OCR003"], id="OCR005-leaves-two-words"),
    pytest.param("The last line of the paragraph ends inter-\n\nnational readers start here.",
                 "The last line of the paragraph ends inter-\n\nnational readers start here.", [], id="OCR004-never-across-paragraph-break"),
    pytest.param("It was a difficult offer -\nand they refused it.", "It was a difficult offer - and they refused it.", ["OCR003"], id="OCR004-leaves-spaced-dash"),
    pytest.param(
        "by the cause: defending the city’s way of life, inter-\n\n36\n\nTHE DAILY HERALD\n\nnational law and its courts.",
        "by the cause: defending the city’s way of life, international law and its courts.",
        ["OCR002", "OCR004"], id="OCR004-across-page-break"),
]


@pytest.mark.parametrize("raw, expected, codes", CASES)
def test_ocr_rules(raw: str, expected: str, codes: list[str]) -> None:
    result = clean_text(raw, ON)
    assert result.text == expected
    logged = {c.rule for c in result.changes}
    for code in codes:
        assert code in logged
    assert apply_changes(raw, result.changes) == result.text


@pytest.mark.parametrize("head, tail, after, expected", [
    pytest.param("inte", "rnational", "", "join", id="OCR004-decide-split"),
    pytest.param("well", "known", "", "keep", id="OCR004-decide-compound"),
    pytest.param("key", "mashing", "", "keep", id="OCR004-decide-rare-compound"),
    pytest.param("with", "out", "", "join", id="OCR004-decide-words-that-make-a-word"),
    pytest.param("43-year", "old", "", "keep", id="OCR004-decide-number-compound"),
    pytest.param("0", "62", "", "keep", id="OCR004-decide-number"),
    pytest.param("so", "so", "", "keep", id="OCR004-decide-reduplication"),
    pytest.param("thous", "and", "people", "join", id="OCR004-decide-and-as-fragment"),
    pytest.param("eart", "ips", "", "join", id="OCR004-decide-fragments-are-not-words"),
    pytest.param("lower", "grade", "", "keep", id="OCR004-decide-two-words-no-word-together"),
    pytest.param("endeavour", "ing", "", "join", id="OCR004-decide-suffix-syllable"),
    pytest.param("Mary", "lebone", "", "join", id="OCR004-decide-capitalised-name-piece"),
    pytest.param("self", "made", "", "keep", id="OCR004-decide-hyphenated-prefix"),
    pytest.param("Jong", "un", "", "keep", id="OCR004-decide-short-piece-of-a-hyphenated-name"),
    pytest.param("chemosensory", "immunological", "", "keep", id="OCR004-decide-two-long-words"),
    pytest.param("tele", "phoned", "", "join", id="OCR004-decide-combining-form-joined"),
])
def test_dehyphenate_decisions(head: str, tail: str, after: str, expected: str) -> None:
    rule = build_rule("OCR004", ON)
    assert rule.decide(head, tail, Vocabulary(()), "en", after) == expected


GERMAN = Config(languages=("de",), layout="on")


@pytest.mark.parametrize("raw, expected", [
    pytest.param("Der Kantons-\nrat tagte gestern im Saal.", "Der Kantonsrat tagte gestern im Saal.", id="OCR004-de-compound-written-closed"),
    pytest.param("Die Ver¬\ntilgung der Schädlinge begann.", "Die Vertilgung der Schädlinge begann.", id="OCR004-de-not-sign-is-a-hyphenation-mark"),
    pytest.param("Die Stadt⸗\nverwaltung schwieg dazu.", "Die Stadtverwaltung schwieg dazu.", id="OCR004-de-double-hyphen-is-a-hyphenation-mark"),
    pytest.param("Die Auto-\nIndustrie wächst wieder.", "Die Auto-Industrie wächst wieder.", id="OCR004-de-capital-after-hyphen-kept"),
    pytest.param("Neue Rad-\nund Fußwege wurden gebaut.", "Neue Rad- und Fußwege wurden gebaut.", id="OCR004-de-suspended-compound"),
    pytest.param("Die Berlin¬\nPotsdamer Bahn fuhr.", "Die Berlin-Potsdamer Bahn fuhr.", id="OCR004-de-kept-not-sign-written-as-hyphen"),
])
def test_dehyphenate_german(raw: str, expected: str) -> None:
    result = clean_text(raw, GERMAN)
    assert result.text == expected
    assert "OCR004" in {c.rule for c in result.changes}
    assert apply_changes(raw, result.changes) == result.text


def test_dehyphenate_without_word_list_uses_document_and_shape() -> None:
    rule = build_rule("OCR004", ON)
    assert rule.decide("inte", "rnational", Vocabulary(()), "xx") == "join"
    assert rule.decide("direct-to", "consumer", Vocabulary(()), "xx") == "keep"
    assert rule.decide("well", "known", Vocabulary(["a well-known fact"]), "xx") == "keep"


def test_every_join_is_a_logged_change_that_replays() -> None:
    raw = "It was a well-\nknown strategy in the elec-\ntions of that\nyear."
    result = clean_text(raw, ON)
    joins = [(c.rule, c.before, c.after) for c in result.changes if "\n" in c.before]
    assert ("OCR004", "well-\nknown", "well-known") in joins
    assert ("OCR004", " elec-\ntions", " elections") in joins
    assert any(rule == "OCR003" and before.endswith("that\nyear.") for rule, before, _ in joins)
    assert apply_changes(raw, result.changes) == result.text == "It was a well-known strategy in the elections of that year."


def test_headline_is_judged_after_unwrapping_as_in_web_text() -> None:
    """In layout mode the headline rule reads the unwrapped paragraphs, so the record's text,
    cleaned again (as web text), changes nothing."""
    raw = "Trump Tied Himself to the Outcome in Kentucky\n\n" + PARA
    result = clean_text(raw, ON)
    assert result.fields["title"] == "Trump Tied Himself to the Outcome in Kentucky"
    assert result.text == PARA_TEXT
    again = clean_text(result.text, Config(languages=("en",)))
    assert again.text == result.text and not again.changes


# -- paragraphs and headings of a printed column (no blank lines between them) --------------

STORY = ("The members of the harbour board met yesterday afternoon at the offices in the city, when "
         "the chairman presided over a gathering of shipowners and merchants who had come to hear "
         "the report on the new wharf and the dredging of the channel near the heads.")
SALE = ("The auctioneers report the sale of the cottage and garden in the main street for four hundred "
        "pounds to Mr. Hargreaves, and of the adjoining allotments to several buyers from the district, "
        "at prices which were thought to be satisfactory by the vendors.")


def _column(*units: str, width: int = 48) -> str:
    """A printed column: each unit wrapped greedily at ``width``, no blank lines between units."""
    return "\n".join(line for unit in units for line in textwrap.wrap(unit, width))


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p]


@pytest.mark.parametrize("units", [
    pytest.param((STORY, "SHIPPING NEWS.", SALE), id="OCR003-caps-heading-after-a-full-line"),
    pytest.param(("LAW.", "SUPREME COURT.", STORY), id="OCR003-section-heads-kept-as-content"),
    pytest.param((STORY, "(Before the Chief Justice and a jury.)", SALE), id="OCR003-bracketed-remark-own-unit"),
    pytest.param((STORY, "The following vessels were reported at the heads :-", SALE), id="OCR003-lead-in-before-a-block"),
    pytest.param(("HARBOUR BOARD AND THE NEW", "WHARF AT THE HEADS.", STORY), id="OCR003-two-line-caps-heading-joined"),
])
def test_printed_column_keeps_its_units(units: tuple[str, ...]) -> None:
    raw = _column(*units)
    result = clean_text(raw, ON)
    expected = list(units)
    if units[0].endswith("NEW"):
        expected = [units[0] + " " + units[1], *units[2:]]
    assert _paragraphs(result.text) == expected
    assert apply_changes(raw, result.changes) == result.text


#: A column as OCR measures it: the wrapped lines' lengths vary (dropped letters, proportional
#: type); "going to" is shorter than most but inside a sentence.
RAGGED = """The auctioneers report the sale of the cottage
and garden in the main street, with
the stables and the yard behind it, for four
hundred pounds and the furniture, the
buyers being mostly from the district, at
prices which were thought satisfactory by
the vendors, who had held the land for many
years and had lately been pressed by the
bank to sell, the orchard going to
Mr. Dawson of the city, who bought the orchard
and the paddock at the back of the main house
for a sum that was not made known at the sale."""


def test_a_little_short_line_inside_a_sentence_is_a_wrap() -> None:
    """ "... going to / Mr. Dawson": shorter than a fixed share of the width, but the document's
    own wrapped lines vary as much (the learned fill), so the sentence runs on."""
    column = Column(tuple(Line(i, t) for i, t in enumerate(RAGGED.split("\n"))))
    assert column.wrap_fill < Column.default_fill + 0.05
    result = clean_text(RAGGED, ON)
    assert _paragraphs(result.text) == [" ".join(RAGGED.split("\n"))]


def test_misread_capital_after_a_short_line_starts_a_paragraph() -> None:
    """OCR read the capital of a new paragraph as lower case ("lho" for "The") after a short
    last line: the break stays."""
    raw = _column(STORY, SALE.replace("by the vendors.", "by the vendors who were present"))
    raw += "\nlho meeting closed with a vote of thanks to the chairman."
    result = clean_text(raw, ON)
    assert _paragraphs(result.text)[-1] == "lho meeting closed with a vote of thanks to the chairman."


def test_single_word_by_line_over_a_printed_column_is_a_heading() -> None:
    raw = _column("WOMEN AND THE GARDEN", "By Gardener", STORY, SALE)
    result = clean_text(raw, ON)
    assert "By Gardener" in result.text and not result.fields.get("authors")
    web = clean_text("By Gardener\n\n" + STORY + "\n\n" + SALE, Config(languages=("en",), layout="off"))
    assert web.fields.get("authors") == [{"name": "Gardener"}]


def test_short_column_with_wraps_before_names_is_detected() -> None:
    """A short printed item whose line ends fall before names and capitals as often as not."""
    raw = ("The first public lecture given by Mr. Horatio\nBottomley since his release from prison at\n"
           "tracted thousands to the hall. Prolonged cheers\ngreeted his reading of a letter from\n"
           "the foreman of the jury at his trial, saying,\n'It was a cruel sentence, and it came as a\n"
           "great surprise to me and other members of the\nJury. We had not expected anything like it.\n"
           "Our opinion was that you had no intention\nof defrauding anyone.'")
    assert looks_hard_wrapped(raw)


def test_layout_off_leaves_hard_wrapped_text_alone() -> None:
    raw = PARA + "\n\n4\n\nTHE DAILY HERALD\n\n" + TAIL
    result = clean_text(raw, Config(languages=("en",), layout="off"))
    assert not any(c.rule.startswith("OCR") for c in result.changes)


# -- layout detection ------------------------------------------------------------------------

WEB_TEXTS = [
    pytest.param("China will hold a strategic dialogue with NATO next year, officials said on Monday.\n"
                 "The two sides discussed the plan on the sidelines of the summit in Prague.\n" * 8, id="paragraph-per-line"),
    pytest.param("Home\nNews\nSport\nBusiness\nOpinion\nCulture\nLifestyle\nSubscribe\nLog in\nSearch\n" * 3, id="navigation-menu"),
    pytest.param("\n".join(f"{i} Kyle Busch 5040 5 1 17 27" for i in range(1, 30)), id="table-rows"),
    pytest.param("* Share on Facebook\n* Share on Twitter\n* Email this story\n* Print this page\n" * 4, id="markdown-list"),
]


@pytest.mark.parametrize("text", WEB_TEXTS)
def test_layout_detection_leaves_web_text(text: str) -> None:
    assert not looks_hard_wrapped(text)
    assert not any(c.rule.startswith("OCR") for c in clean_text(text, AUTO).changes)


def test_layout_detection_finds_a_column_and_page_furniture() -> None:
    column = "\n\n".join([PARA, TAIL, PARA])
    points, lines = wrap_points(column)
    assert points >= 4 and looks_hard_wrapped(column)
    short = "Nesta página você terá sempre a classificação.\n\n5\n\nTHE DAILY HERALD\n\nwww.autoracing.com.br"
    assert has_page_furniture(short) and looks_hard_wrapped(short)
    dated = "The list of drivers.\n\n5\n\nMorning Courier — Friday, March 21, 1987\n\nwww.autoracing.com.br"
    assert has_page_furniture(dated)
    splits = "Short lines with elec-\ntions and the inter-\nnational com-\nmittee.\n\nNothing else."
    assert looks_hard_wrapped(splits)


#: A report wrapped as a tool wraps (greedy, one width, no split words): the wraps alone are no
#: sign of print.
REPORT = (
    "The harbour board met on Tuesday to consider the new wharf at the northern end of the bay, "
    "and the members agreed that the work should begin before the winter rains set in. The engineer "
    "said the cost would be less than the first estimate, because the timber could be cut nearby. "
    "Several owners of vessels asked that the old jetty be kept open while the new one was built, "
    "and the board promised to consider their request at the next meeting."
)
#: The same report as an OCR engine reads a page: a misreading here and there.
MISREADINGS = {"harbour": "harhour", "members": "memhers", "engineer": "engincer", "estimate": "estimato",
           "timber": "timhor", "request": "requost"}


@pytest.mark.parametrize(("misreadings", "scanned"), [(False, False), (True, True)], ids=["edited", "misread"])
def test_layout_detection_takes_misreadings_for_a_sign_of_print(misreadings: bool, scanned: bool) -> None:
    text = REPORT
    if misreadings:
        for right, wrong in MISREADINGS.items():
            text = text.replace(right, wrong, 1)
    column = textwrap.fill(text, 38)
    assert looks_hard_wrapped(column)
    result = clean_text(column, AUTO)
    assert any(c.rule.startswith("OCR") for c in result.changes) is scanned
    assert "\n" not in result.text  # joined either way: by the OCR rules or by WRP001


# -- properties: a wrapped, hyphenated, paginated article comes back word for word ------------

#: Common words (one split anywhere is rejoined by the word list) and compounds whose joined
#: form is no word (split at their hyphen they keep it).
COMMON = ("government", "international", "president", "committee", "important", "statement", "information",
          "yesterday", "thousands", "political", "different", "something", "the", "a", "of", "and", "to", "in",
          "said", "that", "election", "minister", "economic", "national", "security", "because", "without")
COMPOUNDS = ("well-known", "long-term", "high-speed", "state-owned", "four-door", "self-driving")


def _hyphenate(words: list[str], width: int) -> list[str]:
    """Greedy wrapping that splits a word that does not fit (at least 3 letters each side)."""
    lines: list[str] = []
    line = ""
    for word in words:
        candidate = f"{line} {word}" if line else word
        if len(candidate) <= width:
            line = candidate
            continue
        room = width - len(line) - 2 if line else width - 1
        if "-" in word and line and len(word.split("-")[0]) + 1 <= room + 1:
            first, rest = word.split("-", 1)
            lines.append(f"{line} {first}-")
            line = rest
        elif line and room >= 3 and len(word) - room >= 3 and word.isalpha():
            lines.append(f"{line} {word[:room]}-")
            line = word[room:]
        else:
            if line:
                lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


ARTICLES = st.lists(
    st.lists(st.sampled_from(COMMON + COMPOUNDS), min_size=12, max_size=40).map(lambda ws: [*ws[:-1], ws[-1] + "."]),
    min_size=2, max_size=5,
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARTICLES, st.integers(min_value=30, max_value=60), st.integers(min_value=0, max_value=10))
def test_wrapped_article_comes_back_word_for_word(paragraphs: list[list[str]], width: int, page_at: int) -> None:
    paragraphs = [[w.capitalize() if i == 0 else w for i, w in enumerate(words)] for words in paragraphs]
    lines: list[str] = []
    for words in paragraphs:
        lines.extend(_hyphenate(words, width))
        lines.append("")
    # A page break somewhere in the middle, as OCR leaves it.
    at = min(page_at, len(lines) - 1)
    lines[at:at] = ["", "7", "", "THE DAILY HERALD", ""]
    raw = "\n".join(lines)
    result = clean_text(raw, ON)
    truth = " ".join(" ".join(words) for words in paragraphs)
    assert _words(result.text) == _words(truth)
    assert apply_changes(raw, result.changes) == result.text
    again = clean_text(result.text, AUTO)
    assert again.text == result.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(COMMON + COMPOUNDS + ("-", "7", "\n", "\n\n", "WORLD NEWS", "Continued on page 4", " ", "1990-", "95")), max_size=60).map(" ".join))
def test_layout_changes_replay_and_account_for_words(raw: str) -> None:
    result = clean_text(raw, ON)
    assert apply_changes(raw, result.changes) == result.text
    dropped, added = Counter(), Counter()
    for change in result.changes:
        dropped.update(_words(change.before))
        if change.action in ("repaired", "normalized"):
            added.update(_words(change.after or ""))
    assert Counter(_words(result.text)) - added <= Counter(_words(raw))
    assert Counter(_words(raw)) - dropped <= Counter(_words(result.text))


def test_wrapping_helper_wraps() -> None:
    assert _hyphenate("the international committee said".split(), 20) == ["the international", "committee said"]
    wrapped = _hyphenate("said the international committee".split(), 14)
    assert wrapped[0] == "said the inte-" and all(len(line) <= 14 for line in wrapped)
    assert "".join(line[:-1] if line.endswith("-") else line + " " for line in wrapped).strip() == "said the international committee"
    assert textwrap.fill("a well-known fact", 8) == "a well-\nknown\nfact"


def test_explain_shows_each_join_and_removal_with_its_code(cli, tmp_path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "Trump sent a similar message ahead of the Virginia elec-\ntions. It was a well-\nknown strategy\n\n"
        "4\n\nMORNING COURIER — FRIDAY, MARCH 21, 1987\n\nthat he used again and again, in state after\nstate.\n",
        encoding="utf-8",
    )
    proc = cli("explain", str(page))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for expected in ("OCR002 ocr.page-furniture: removed", "- 4", "- MORNING COURIER — FRIDAY, MARCH 21, 1987",
                     "OCR004 ocr.dehyphenate: repaired", "elec-⏎tions.", "+ elections.", "well-⏎known", "+ well-known",
                     "OCR003 ocr.unwrap: repaired", "strategy⏎⏎⏎⏎that", "layout: scan: the OCR rules", "page furniture"):
        assert expected in out, expected


def test_explain_shows_the_layout_decision_and_word_repairs(cli, tmp_path) -> None:
    text = REPORT
    for right, wrong in MISREADINGS.items():
        text = text.replace(right, wrong, 1)
    scan, tool = tmp_path / "scan.txt", tmp_path / "tool.txt"
    scan.write_text(textwrap.fill(text, 38) + "\n", encoding="utf-8")
    tool.write_text(textwrap.fill(REPORT, 38) + "\n", encoding="utf-8")
    out = cli("explain", str(scan), "--languages", "en").stdout
    assert "layout: scan: the OCR rules, OCR word repair auto (sign of print: OCR misreadings" in out
    assert "OCR006 ocr.word-repair: repaired" in out and "harhour" in out and "harbour" in out
    out = cli("explain", str(tool), "--languages", "en").stdout
    assert "layout: no sign of print: the rules for every text" in out and "OCR006" not in out
    out = cli("explain", str(scan), "--languages", "en", "--ocr-repair", "off").stdout
    assert "OCR word repair off" in out and "OCR006" not in out


# -- OCR006 word repair ----------------------------------------------------------------------

#: A scanned report with the misreadings OCR engines make ("tho", "waa", "boen"), paraphrased.
MISREAD = (
    "Tho council met in the town hall on Monday, when tho mayor presided and the\n"
    "rates for the coming year were discussed at some length by the members who\n"
    "had boen present since the morning. It waa agreed that the rates should be\n"
    "raised, and the clerk was instructed to inform tho ratepayers of the change\n"
    "before the end of the month, and to have the notices printed and posted in\n"
    "every street of the borough, where the people had been waiting for news."
)
MISREAD_FIXED = (
    "The council met in the town hall on Monday, when the mayor presided and the rates for the coming "
    "year were discussed at some length by the members who had been present since the morning. It was "
    "agreed that the rates should be raised, and the clerk was instructed to inform the ratepayers of "
    "the change before the end of the month, and to have the notices printed and posted in every street "
    "of the borough, where the people had been waiting for news."
)


@pytest.mark.parametrize("mode, expected", [
    pytest.param("on", MISREAD_FIXED, id="OCR006-on-repairs"),
    pytest.param("auto", MISREAD_FIXED, id="OCR006-auto-repairs-text-with-misreadings"),
    pytest.param("off", " ".join(MISREAD.split("\n")), id="OCR006-off-leaves-words"),
])
def test_word_repair_modes(mode: str, expected: str) -> None:
    result = clean_text(MISREAD, Config(languages=("en",), layout="on", ocr_repair=mode))
    assert result.text == expected
    repairs = [(c.before.strip(), c.after.strip()) for c in result.changes if c.rule == "OCR006"]
    assert (mode == "off") == (not repairs)
    assert all(before != after for before, after in repairs)
    assert apply_changes(MISREAD, result.changes) == result.text


@pytest.mark.parametrize("word, start, expected", [
    pytest.param("tho", True, "the", id="OCR006-e-read-as-o"),
    pytest.param("Tho", True, "The", id="OCR006-case-kept"),
    pytest.param("boen", True, "been", id="OCR006-unknown-word"),
    pytest.param("tram", True, None, id="OCR006-leaves-a-word-of-the-language"),
    pytest.param("gaol", True, None, id="OCR006-leaves-historical-spelling"),
    pytest.param("Wasley", False, None, id="OCR006-leaves-a-name"),
    pytest.param("the", True, None, id="OCR006-leaves-right-word"),
])
def test_word_repair_decisions(word: str, start: bool, expected: str | None) -> None:
    rule = build_rule("OCR006", ON)
    assert rule.correct(word, "en", start) == expected


@pytest.mark.parametrize("word, document, expected", [
    pytest.param("ovor", "They walked over the bridge.", "over", id="OCR006-document-breaks-the-tie"),
    pytest.param("ovor", "They walked over the bridge, as ever.", None, id="OCR006-document-writes-both"),
    pytest.param("ovor", "They walked on.", None, id="OCR006-no-winner-no-evidence"),
    pytest.param("somo", "Some of the crew stayed.", "some", id="OCR006-tie-case-folded"),
    pytest.param("boen", "It rained.", "been", id="OCR006-clear-winner-needs-no-evidence"),
])
def test_word_repair_ties_go_to_the_documents_own_word(word: str, document: str, expected: str | None) -> None:
    """Two corrections about as likely ("ovor": over / ever): the one the document itself
    writes wins; a clear winner needs no such evidence."""
    rule = build_rule("OCR006", ON)
    assert rule.correct(word, "en", True, Vocabulary([document])) == expected


@pytest.mark.parametrize("word, start, document, expected", [
    pytest.param("Zorg", False, "Mr Zorg spoke. Zorg said no. Then Zorg left.", None, id="OCR006-repeated-term-is-the-documents-own"),
    pytest.param("tlie", True, "tlie cat and tlie dog and tlie bird and the fish", "the", id="OCR006-repeated-misreading-beside-its-correction"),
    pytest.param("Kelvo", False, "The keeper, Mr Kelvo, saw Mr Kelve twice: Kelve and Kelve.", "Kelve", id="OCR006-the-documents-own-name"),
    pytest.param("demandB", True, "", "demands", id="OCR006-capital-explained-by-a-confusion"),
    pytest.param("iPhone", True, "", None, id="OCR006-leaves-mixed-case-brand"),
    pytest.param("Tho", False, "", "The", id="OCR006-lost-stop-common-correction"),
    pytest.param("Horne", False, "", None, id="OCR006-leaves-capitalised-word-of-the-language"),
])
def test_word_repair_weighs_the_documents_words(word: str, start: bool, document: str, expected: str | None) -> None:
    rule = build_rule("OCR006", ON)
    assert rule.correct(word, "en", start, Vocabulary([document])) == expected


def test_word_repair_leaves_a_compound_the_document_repeats() -> None:
    """A piece of a hyphenated name the document writes again and again is its own term
    ("Gangnam-ro" is no misreading of "Gangnam-no"), while a misread word beside it is repaired."""
    lines = ["The office on Gangnam-ro opened in May, and tho staff moved to Gangnam-ro later.",
             "Visitors to Gangnam-ro found tho doors open and boen told where to go."] * 2
    doc = Pipeline.for_config(Config(languages=("en",), layout="on", ocr_repair="on")).clean("\n\n".join(lines))
    assert doc.text.count("Gangnam-ro") == 6
    assert "tho" not in doc.text.split() and "been" in doc.text


def test_word_repair_reaches_further_in_a_long_non_word() -> None:
    rule = build_rule("OCR006", ON)
    assert rule.candidates("lncrcaso", rule.depth).get("increase") is None
    assert rule.correct("lncrcaso", "en") == "increase"  # three confusions: l/i, c/e, o/e


def test_word_repair_leaves_clean_text_in_auto_mode() -> None:
    raw = MISREAD_FIXED.replace(". ", ".\n")
    result = clean_text(raw, Config(languages=("en",), layout="on"))
    assert not any(c.rule == "OCR006" for c in result.changes)


def test_ocr_repair_flag_through_the_cli(cli, corpus) -> None:
    (corpus / "raw" / "scan.txt").write_text(MISREAD, encoding="utf-8")
    off = cli("run", "--layout", "on", "--ocr-repair", "off", cwd=corpus)
    assert off.returncode == 0, off.stderr
    assert "tho mayor" in json.loads((corpus / "clean" / "scan.json").read_text(encoding="utf-8"))["text"]
    on = cli("run", "--layout", "on", "--ocr-repair", "on", cwd=corpus)
    assert on.returncode == 0, on.stderr
    record = json.loads((corpus / "clean" / "scan.json").read_text(encoding="utf-8"))
    assert "the mayor" in record["text"] and any(c["rule"] == "OCR006" for c in record["changes"])
    bad = cli("run", "--ocr-repair", "sometimes", cwd=corpus)
    assert bad.returncode != 0


def test_word_repair_leaves_a_passage_in_another_language() -> None:
    """Words of another language side by side (a motto, a quotation) are no misreadings of the
    text's language: "pelos nossos leitores" stays, while "tho" and "boen" beside it are repaired."""
    lines = ["Tho paper printed its motto, pelos nossos leitores, above tho masthead every day.",
             "Tho editor had boen proud of it since the first issue came off the press."] * 2
    doc = Pipeline.for_config(Config(languages=("en",), layout="on", ocr_repair="on")).clean("\n\n".join(lines))
    assert doc.text.count("pelos nossos leitores") == 2
    assert "tho" not in doc.text.split() and "been" in doc.text
