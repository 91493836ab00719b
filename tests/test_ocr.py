"""OCR rules (OCR001-OCR004) and layout detection: scanned-column text in, paragraphs out.

Cases run through the whole pipeline with the layout stage forced on (``layout="on"``) or left
to detection (``auto``); ids carry the rule code, so ``pytest -k OCR004`` selects a rule.
"""

from __future__ import annotations

import re
import textwrap
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.audit import apply_changes
from cleaner.config import Config
from cleaner.pipeline import Cleaned, Pipeline
from cleaner.rules.layout_detect import has_page_furniture, looks_hard_wrapped, wrap_points
from cleaner.rules.lexicon import Vocabulary
from cleaner.rules.registry import build_rule

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
])
def test_dehyphenate_decisions(head: str, tail: str, after: str, expected: str) -> None:
    rule = build_rule("OCR004", ON)
    assert rule.decide(head, tail, Vocabulary(()), "en", after) == expected


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
                     "OCR003 ocr.unwrap: repaired", "strategy⏎⏎⏎⏎that"):
        assert expected in out, expected
