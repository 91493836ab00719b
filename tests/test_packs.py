"""Rule packs: built-in data files, user packs from [tool.cleaner], and their errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import clean_text
from cleaner.config import Config
from cleaner.errors import ConfigError
from cleaner.packs import builtin_pack_files, load_packs
from cleaner.engine.pipeline import Pipeline
from cleaner.regex_safety import check_pattern
from cleaner.engine.registry import RULES

BODY = ("China will hold a strategic dialogue with the North Atlantic Treaty Organization next year in a "
        "dramatic turn in military relations with its erstwhile western adversaries.")


def test_builtin_packs_load_and_feed_rules() -> None:
    assert {p.stem for p in builtin_pack_files()} >= {"chrome", "comments", "metadata", "quotes"}
    packs = load_packs()
    assert "go to contents" in {p.casefold() for p in packs.rule_data("NAV001")["phrases"]}


def test_every_pack_code_belongs_to_a_rule() -> None:
    packs = load_packs()
    codes = {r.code for r in RULES}
    for key in packs.keys():
        if key[:3].isupper():
            assert key in codes, f"pack data for unknown rule {key}"


def _config_with_pack(tmp_path: Path, text: str) -> Config:
    pack = tmp_path / "site.toml"
    pack.write_text(text, encoding="utf-8")
    return Config(languages=None, packs=("site.toml",), root=tmp_path)


def test_user_pack_adds_phrases_to_a_builtin_rule(tmp_path: Path) -> None:
    config = _config_with_pack(tmp_path, '[NAV001]\nphrases = ["Zur Startseite springen"]\n')
    result = clean_text("Zur Startseite springen\n\n" + BODY, config)
    assert result.text == BODY
    assert [c.rule for c in result.changes] == ["NAV001"]


def test_user_pack_defines_a_new_rule(tmp_path: Path) -> None:
    config = _config_with_pack(tmp_path, '[USR001]\nname = "user.example-footer"\nsummary = "Remove the footer."\nphrases = ["Example News, all rights reserved"]\npatterns = ["\\\\d+ readers? online"]\n')
    result = clean_text(BODY + "\n\nExample News, all rights reserved\n\n12 readers online", config)
    assert result.text == BODY
    assert [c.rule for c in result.changes] == ["USR001", "USR001"]
    names = {r.code: r.name for r in Pipeline.for_config(config).rules}
    assert names["USR001"] == "user.example-footer"


def test_user_rule_can_be_disabled(tmp_path: Path) -> None:
    config = _config_with_pack(tmp_path, '[USR001]\nname = "user.x"\nsummary = "x"\nphrases = ["Example footer"]\n')
    config = config.replace(disable=frozenset({"USR001"}))
    assert "Example footer" in clean_text(BODY + "\n\nExample footer", config).text


@pytest.mark.parametrize(
    "text,message",
    [
        ('[USR001]\nphrases = ["x"]\n', "dotted name"),
        ('[USR001]\nname = "user.x"\nsummary = "x"\n', "phrases or patterns"),
        ('[NAV001]\nphrases = "not a list"\n', "list of strings"),
        ('[NAV001]\npatterns = ["(?<=a)b"]\n', "unsupported pattern"),
        ('[NAV001]\npatterns = ["(unclosed"]\n', "invalid or unsupported pattern"),
        ('[Bad-Key]\nx = 1\n', "neither a rule code"),
        ('[NAV001\n', "invalid rule pack TOML"),
    ],
)
def test_invalid_user_packs_are_config_errors(tmp_path: Path, text: str, message: str) -> None:
    config = _config_with_pack(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        Pipeline.for_config(config)
    assert message in str(info.value)


def test_missing_user_pack(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        Pipeline.for_config(Config(packs=("nope.toml",), root=tmp_path))


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(\w+\s?)*$", r"(a|a)*b", r"(a|aa)*b", r"(.*)*x", r"(?:x+y?)+z"])
def test_unsafe_patterns_refused(pattern: str) -> None:
    with pytest.raises(ConfigError, match="unsafe"):
        check_pattern(pattern)


@pytest.mark.parametrize("pattern", [r"\d+ comments?", r"share on (facebook|twitter)", r"(?:by|von) \w+", r"[^|]+ \| [^|]+", r"(ab|a)*c", r"(\w|\d)*!"])
def test_safe_patterns_accepted(pattern: str) -> None:
    check_pattern(pattern)


def test_user_rule_with_labels_counts_them_only_outside_the_body(tmp_path: Path) -> None:
    config = _config_with_pack(tmp_path, '[USR002]\nname = "user.site-menu"\nsummary = "Our menu."\nlabels = ["Frontpage", "Our Town"]\n')
    other = BODY.replace("China will", "Beijing will")
    inside = clean_text(f"{BODY}\n\nFrontpage\n\n{other}", config)
    assert "Frontpage" in inside.text
    outside = clean_text(f"Frontpage\nOur Town\n\n{BODY}", config)
    assert outside.text == BODY and [c.rule for c in outside.changes] == ["USR002", "USR002"]


def test_user_rule_edge_patterns_and_boundary(tmp_path: Path) -> None:
    config = _config_with_pack(tmp_path, "[USR003]\nname = \"user.ticker\"\nsummary = \"Ticker lines.\"\n"
                                         "edge_patterns = ['[A-Z]{2,5} [+-]\\d+\\.\\d+%']\nboundary = false\n")
    result = clean_text(f"{BODY}\n\nAAPL +1.25%", config)
    assert result.text == BODY
    rule = next(r for r in Pipeline.for_config(config).rules if r.code == "USR003")
    assert rule.boundary is False and rule.certain is False


def _config_with_named_pack(tmp_path: Path, name: str, text: str) -> Config:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return Config(languages=None, packs=(name,), root=tmp_path)


def test_builtin_rule_settings_can_be_tuned_and_are_checked(tmp_path: Path) -> None:
    config = _config_with_named_pack(tmp_path, "patient.toml", "[NAV003]\nevidence = 9\n")
    raw = f"{BODY}\n\nShare on Facebook\nTwitter\nNATO Allies Meet In Prague"
    assert "NATO Allies Meet" in clean_text(raw, config).text
    assert "NATO Allies Meet" not in clean_text(raw, Config(languages=None)).text
    with pytest.raises(ConfigError, match="evidence"):
        Pipeline.for_config(_config_with_named_pack(tmp_path, "zero.toml", "[NAV003]\nevidence = 0\n"))
    with pytest.raises(ConfigError, match="max_chars"):
        Pipeline.for_config(_config_with_named_pack(tmp_path, "long.toml", '[SHR001]\nmax_chars = "long"\n'))
