"""NAV, COM and MET rules beyond their cases (``tests/rules/cases/*.yml``): the change log of
an extraction, phrase keys, the guard, padded labels, known fields."""

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
    from cleaner.pipeline import Pipeline

    text = "China, NATO to Enter into Strategic Talks Next Year\n\n" + BODY
    pipeline = Pipeline.for_config(CONFIG)
    assert [c.rule for c in pipeline.clean(text, detect_language=False).changes] == ["MET003"]
    again = pipeline.clean(text, detect_language=False, known={"title": "Another headline", "published": None})
    assert again.text == text and again.changes == [] and again.fields["title"] == "Another headline"
