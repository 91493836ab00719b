"""QUO rules: table-driven cases (rule code, input, expected output)."""

from __future__ import annotations

import pytest

from cleaner import clean_text
from cleaner.config import Config
from cleaner.engine.registry import build_rule

CURLY = Config(languages=None)
STRAIGHT = Config(languages=None, quotes="straight")

# (code, input, expected) -- the rule applied on its own.
CASES = [
    ("QUO001", "According to Chinese media`s reports", "According to Chinese media’s reports"),
    ("QUO001", "China´s softened gesture", "China’s softened gesture"),
    ("QUO001", "`Partnership for Peace`", "`Partnership for Peace`"),  # leaves alone: word edges
    ("QUO001", "café olé", "café olé"),  # leaves alone: accented letters
    ("QUO009", "China‘s gesture", "China’s gesture"),
    ("QUO009", "the ‘Belt and Road’ plan", "the ‘Belt and Road’ plan"),  # leaves alone: real opening quote
    ("QUO002", "under its 1994 `Partnership for Peace` outreach", "under its 1994 ‘Partnership for Peace’ outreach"),
    ("QUO002", "the `Axis of Evil' speech", "the ‘Axis of Evil’ speech"),
    ("QUO002", "``Never,'' she said.", "“Never,” she said."),
    ("QUO002", "a lone ` backtick", "a lone ` backtick"),  # leaves alone: no partner
    ("QUO003", "the two sides ˝hold a dialogue.˝", "the two sides “hold a dialogue.”"),
    ("QUO003", "as ˝refreshing proposal˝ and ˝mature stance˝", "as “refreshing proposal” and “mature stance”"),
    ("QUO003", "a lap of 1′02″ flat", "a lap of 1′02″ flat"),  # leaves alone: seconds after a digit
    ("QUO004", "“Challenges to our security, ”Stoltenberg said.", "“Challenges to our security,” Stoltenberg said."),
    ("QUO004", "“Should we stick together? “Said Hua.", "“Should we stick together?” Said Hua."),
    ("QUO004", "He said “we will go” and left.", "He said “we will go” and left."),  # leaves alone: well formed
    ("QUO004", "“First ”Second", "“First ”Second"),  # leaves alone: no punctuation before the space
    ("QUO005", "“Space and the cyber world. “", "“Space and the cyber world.”"),
    ("QUO005", "He wrote: “", "He wrote: “"),  # leaves alone: parity says it opens
    ("QUO006", '"We are cooperating," said a spokesperson.', "“We are cooperating,” said a spokesperson."),
    ("QUO006", "”Hello,” she said.", "“Hello,” she said."),
    ("QUO006", 'He is 5\'10" tall.', 'He is 5\'10" tall.'),  # leaves alone: inches
    ("QUO006", 'a 12" pizza', 'a 12" pizza'),  # leaves alone: inch mark
    ("QUO006", '"He scored 10" the coach said', "“He scored 10” the coach said"),
    ("QUO007", "China's 'Belt and Road' plan", "China’s ‘Belt and Road’ plan"),
    ("QUO007", "rock 'n' roll in the '90s", "rock ’n’ roll in the ’90s"),
    ("QUO007", "the parents' house", "the parents’ house"),
    ("QUO007", "He is 5'10 tall", "He is 5'10 tall"),  # leaves alone: feet
]


@pytest.mark.parametrize("code,text,expected", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_case(code: str, text: str, expected: str) -> None:
    rule = build_rule(code, CURLY)
    out = rule.repair(text) if rule.quick_check(text) else text
    assert out == expected


STRAIGHT_CASES = [
    ("QUO001", "media`s", "media's"),
    ("QUO003", "˝hold˝", '"hold"'),
    ("QUO004", "“Security, ”Stoltenberg said", "“Security,\" Stoltenberg said"),
    ("QUO008", "“Don’t,” he said", "\"Don't,\" he said"),
]


@pytest.mark.parametrize("code,text,expected", STRAIGHT_CASES, ids=[f"{c[0]}-straight-{i}" for i, c in enumerate(STRAIGHT_CASES)])
def test_straight_style(code: str, text: str, expected: str) -> None:
    rule = build_rule(code, STRAIGHT)
    assert rule.repair(text) == expected


def test_straight_style_whole_pipeline_has_no_curly_quotes() -> None:
    text = "“China is not our opponent,” he said of China`s ˝new˝ stance and its 'plan'."
    out = clean_text(text, STRAIGHT).text
    assert not set("“”‘’˝`") & set(out)
    assert out == "\"China is not our opponent,\" he said of China's \"new\" stance and its 'plan'."


@pytest.mark.parametrize(
    "text,expected,codes",
    [
        ("“We have to deal with China. But there are challenges to our security, ”Stoltenberg said.",
         "“We have to deal with China. But there are challenges to our security,” Stoltenberg said.", {"QUO004"}),
        ("“Is that a value we should stick together? “Said Hua.",
         "“Is that a value we should stick together?” Said Hua.", {"QUO004"}),
        ("“Resources to respond to China’s military strengths such as space and the cyber world. “",
         "“Resources to respond to China’s military strengths such as space and the cyber world.”", {"QUO005"}),
        ('She said "we\'re ready" and left.', "She said “we’re ready” and left.", {"QUO006", "QUO007"}),
    ],
)
def test_quote_repairs_in_pipeline(text: str, expected: str, codes: set[str]) -> None:
    result = clean_text(text, CURLY)
    assert result.text == expected
    assert {c.rule for c in result.changes} == codes


def test_quotes_paired_after_repair() -> None:
    text = "“One, ”he said. “Two? “Said she. “Three. “"
    out = clean_text(text, CURLY).text
    assert out.count("“") == out.count("”")
