"""NAV, COM and MET rules: whole documents in, text, codes and fields out."""

from __future__ import annotations

import pytest

from cleaner import clean_text
from cleaner.config import Config
from cleaner.rules.phrases import phrase_key

CONFIG = Config(languages=None)

BODY = (
    "China will hold a strategic dialogue with the North Atlantic Treaty Organization next year in a "
    "dramatic turn in military relations with its erstwhile western adversaries.\n\n"
    "The two sides reportedly discussed the plan for the dialogue on the sidelines of the summit held in Prague."
)

# (raw document, expected text, expected change codes, expected fields)
CASES = [
    pytest.param("Go to contents\n\n" + BODY, BODY, ["NAV001"], {}, id="NAV001-skip-link-top"),
    pytest.param("Skip to main content\n" + BODY, BODY, ["NAV001"], {}, id="NAV001-skip-link-variant"),
    pytest.param("본문 바로가기\n" + BODY, BODY, ["NAV001"], {}, id="NAV001-korean"),
    pytest.param(BODY + "\n\nGo to contents page 4 for the table of all the figures quoted above.",
                 BODY + "\n\nGo to contents page 4 for the table of all the figures quoted above.", [], {}, id="NAV001-leaves-sentence"),
    pytest.param("한국어\n\n" + BODY, BODY, ["NAV002"], {}, id="NAV002-other-script"),
    pytest.param(BODY + "\n\n日本語\n中文", BODY, ["NAV002", "NAV002"], {}, id="NAV002-run-at-bottom"),
    pytest.param("English\nEspañol\n\n" + BODY, BODY, ["NAV002", "NAV002"], {}, id="NAV002-same-script-run-at-top"),
    pytest.param(BODY.replace("\n\nThe two", "\n\nEnglish\n\nThe two"), BODY.replace("\n\nThe two", "\n\nEnglish\n\nThe two"), [], {}, id="NAV002-leaves-body-line"),
    pytest.param(BODY + "\n\nPlease enter your comment!\nPlease enter your name here", BODY, ["COM001", "COM001"], {}, id="COM001-tagdiv"),
    pytest.param(BODY + "\n\nLeave a Reply Cancel reply", BODY, ["COM001"], {}, id="COM001-wordpress"),
    pytest.param(BODY + "\n\nPlease enter your comment below, the editor told readers who wrote in about the dialogue last week.",
                 BODY + "\n\nPlease enter your comment below, the editor told readers who wrote in about the dialogue last week.", [], {}, id="COM001-leaves-prose"),
    pytest.param("Posted November. 25, 2002 23:02,\u00a0\u00a0\n\n" + BODY, BODY, ["WSP001", "MET001"], {"published": "2002-11-25T23:02"}, id="MET001-seed-dateline"),
    pytest.param("Updated: Nov 25, 2002\n" + BODY, BODY, ["MET001"], {"published": "2002-11-25"}, id="MET001-date-only"),
    pytest.param("25 November 2002 11:02 pm KST\n" + BODY, BODY, ["MET001"], {"published": "2002-11-25T23:02+09:00"}, id="MET001-zone"),
    pytest.param("입력 2019.11.19 14:05\n" + BODY, BODY, ["MET001"], {"published": "2019-11-19T14:05"}, id="MET001-korean"),
    pytest.param(BODY.replace("\n\nThe two", "\n\nNovember 25, 2002\n\nThe two"), BODY.replace("\n\nThe two", "\n\nNovember 25, 2002\n\nThe two"), [], {}, id="MET001-leaves-bare-date-in-body"),
    pytest.param(BODY + "\n\nPosted February 30, 2002", BODY + "\n\nPosted February 30, 2002", [], {"published": None}, id="MET001-leaves-impossible-date"),
    pytest.param(BODY + "\n\n\n\nyshwang@donga.com", BODY, ["MET002"], {"authors": [{"email": "yshwang@donga.com"}]}, id="MET002-seed-email"),
    pytest.param(BODY + "\n\nBy Hwang Yoo-sun, yshwang@donga.com", BODY, ["MET002"], {"authors": [{"name": "Hwang Yoo-sun", "email": "yshwang@donga.com"}]}, id="MET002-name"),
    pytest.param(BODY + "\n\nSend your tips about the dialogue to tips@example.com and we will follow up on them.",
                 BODY + "\n\nSend your tips about the dialogue to tips@example.com and we will follow up on them.", [], {}, id="MET002-leaves-sentence"),
    pytest.param("China, NATO to Enter into Strategic Talks Next Year\n\n" + BODY, BODY, ["MET003"], {"title": "China, NATO to Enter into Strategic Talks Next Year"}, id="MET003-headline"),
    pytest.param("WeWork under investigation | VentureBeat\n\n" + BODY, BODY, ["MET003"], {"title": "WeWork under investigation"}, id="MET003-site-suffix"),
    pytest.param("According to Beijing, China is committed to global peace and security, not coercion.\n\n" + BODY,
                 "According to Beijing, China is committed to global peace and security, not coercion.\n\n" + BODY, [], {"title": None}, id="MET003-leaves-dek"),
    pytest.param("A title with nothing under it", "A title with nothing under it", [], {"title": None}, id="MET003-leaves-lone-line"),
]


@pytest.mark.parametrize("raw,expected,codes,fields", CASES)
def test_line_rule_case(raw: str, expected: str, codes: list[str], fields: dict) -> None:
    result = clean_text(raw, CONFIG)
    assert result.text == expected
    assert [c.rule for c in result.changes] == codes
    for name, value in fields.items():
        assert result.fields[name] == value


def test_extractions_keep_the_line_in_the_log() -> None:
    result = clean_text("Posted November. 25, 2002 23:02,\n\n" + BODY, CONFIG)
    (change,) = result.changes
    assert change.action == "extracted" and change.field == "published"
    assert change.before == "Posted November. 25, 2002 23:02," and change.after == "2002-11-25T23:02"


@pytest.mark.parametrize("line,key", [("  Please enter your COMMENT! ", "please enter your comment"), ("» Share on   Facebook «", "share on facebook"), ("Don’t miss", "don't miss")])
def test_phrase_key(line: str, key: str) -> None:
    assert phrase_key(line) == key


def test_guard_refuses_removing_most_of_a_document() -> None:
    raw = "Go to contents\nEnglish\nEspañol\nFrançais\nDeutsch\n\nA short note here in English."
    cfg = Config(languages=None, max_removed_share=0.3)
    result = clean_text(raw, cfg)
    assert "Español" in result.text
    assert "GRD001" in [w.code for w in result.warnings]
    # certain rules (exact boilerplate phrases) still apply; the judgement calls are refused
    assert [c.rule for c in result.changes] == ["NAV001"]
    assert clean_text(raw, Config(languages=None)).text == "A short note here in English."


def test_labels_are_judged_without_the_spaces_around_them() -> None:
    """Extractors pad lines (inscriptis lays text out in columns); "Home" padded to 300
    characters is the same label at the bottom as "Home" -- and the result is idempotent."""
    plain = clean_text(BODY + "\n\nHome", CONFIG)
    padded = clean_text(BODY + "\n\n" + "      Home" + " " * 300, CONFIG)
    assert plain.text == padded.text == BODY
    assert "NAV007" in [c.rule for c in padded.changes]


def test_known_title_makes_the_headline_rule_stand_down() -> None:
    """Checking a record's text again (``cleaner validate``) passes its fields: the headline
    rule filled ``title`` once and does not take another line for it."""
    from cleaner.engine.pipeline import Pipeline

    text = "China, NATO to Enter into Strategic Talks Next Year\n\n" + BODY
    pipeline = Pipeline.for_config(CONFIG)
    assert [c.rule for c in pipeline.clean(text, detect_language=False).changes] == ["MET003"]
    again = pipeline.clean(text, detect_language=False, known={"title": "Another headline", "published": None})
    assert again.text == text and again.changes == [] and again.fields["title"] == "Another headline"
