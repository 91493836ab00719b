"""UNI and WSP rules: table-driven cases."""

from __future__ import annotations

import unicodedata

import pytest

from cleaner import clean_text
from cleaner.config import Config
from cleaner.engine.registry import build_rule

CONFIG = Config(languages=None)

CASES = [
    ("UNI001", "The Mona Lisa doesnâ€™t have eyebrows.", "The Mona Lisa doesn’t have eyebrows."),
    ("UNI001", "SÃ£o Paulo", "São Paulo"),
    ("UNI001", "엘제이의 리벤지인가", "엘제이의 리벤지인가"),  # leaves alone: correct Korean
    ("UNI001", "“curly” stays", "“curly” stays"),  # leaves alone: ftfy must not uncurl
    ("UNI001", "ｆｕｌｌ width，", "ｆｕｌｌ width，"),  # leaves alone: width
    ("UNI002", "Seoul\x00 news\x1b\x7f", "Seoul news"),
    ("UNI002", "tab\tstays", "tab\tstays"),
    ("UNI003", "inter\u00adnational\u200b news\u2060", "international news"),
    ("UNI003", "emoji \u200d joiner", "emoji \u200d joiner"),  # leaves alone: ZWJ
    ("UNI004", "the ﬁrst ﬂight oﬀ", "the first flight off"),
    ("UNI005", "Cafe\u0301", "Caf\u00e9"),
    ("WSP001", "23:02,\u00a0\u00a0Seoul\u3000news\tdesk", "23:02,  Seoul news desk"),
    ("WSP002", "NATO  summit   held", "NATO summit held"),
    ("WSP003", "  Seoul news  ", "Seoul news"),
]


@pytest.mark.parametrize("code,text,expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_case(code: str, text: str, expected: str) -> None:
    rule = build_rule(code, CONFIG)
    out = rule.repair(text) if rule.quick_check(text) else text
    assert out == expected


def test_text_invariants_after_cleaning() -> None:
    raw = "  Line\u00a0one  with   spaces\x00 \n\n\n\n\tSecond\u200b line\u3000 \n   \n Cafe\u0301 \n"
    result = clean_text(raw, CONFIG)
    text = result.text
    assert text == "Line one with spaces\n\nSecond line\n\nCafé"
    assert "\n\n\n" not in text and "  " not in text and "\u00a0" not in text
    assert unicodedata.is_normalized("NFC", text)
    assert all(line == line.strip() for line in text.split("\n"))


def test_normalisations_are_logged_as_normalized() -> None:
    result = clean_text("Seoul\u00a0news  desk\n", CONFIG)
    actions = {(c.rule, c.action) for c in result.changes}
    assert ("WSP001", "normalized") in actions and ("WSP002", "normalized") in actions
