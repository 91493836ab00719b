"""Rule settings: one options dataclass per rule, checked once when the packs are read.

A typo in a pack (``phrasess``, ``wher``), a setting the rule does not have, or a value of the
wrong type is an error naming the pack file, the rule and the key, and ``cleaner run`` exits 2
without writing a record.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from cleaner.config import Config
from cleaner.packs import load_packs
from cleaner.engine.base import Peer
from cleaner.engine.options import Options
from cleaner.engine.registry import RULES, all_rule_classes, read_options

from .conftest import ARTICLE

BAD_PACKS = [
    pytest.param("[NAV001]\nphrasess = [\"Skip it\"]\n", "NAV001", "phrasess", "unknown setting", id="typo-in-a-key"),
    pytest.param("[SHR001]\nwher = \"edges\"\n", "SHR001", "wher", "unknown setting", id="typo-wher"),
    pytest.param("[MET004]\nmax_chars = 10\n", "MET004", "max_chars", "unknown setting", id="setting-of-another-rule-kind"),
    pytest.param("[NAV001]\nphrases = \"Skip it\"\n", "NAV001", "phrases", "list of strings", id="string-for-a-list"),
    pytest.param("[NAV002]\nlabels = [\"EN\", 3]\n", "NAV002", "labels", "list of strings", id="number-in-a-list"),
    pytest.param("[SHR001]\nwhere = \"middle\"\n", "SHR001", "where", "one of", id="unknown-choice"),
    pytest.param("[NAV003]\nevidence = \"three\"\n", "NAV003", "evidence", "integer", id="string-for-an-int"),
    pytest.param("[NAV003]\nreset_words = 0\n", "NAV003", "reset_words", "at least 1", id="int-out-of-range"),
    pytest.param("[NAV010]\nmax_items = 2.5\n", "NAV010", "max_items", "integer", id="float-for-an-int"),
    pytest.param("[NAV010]\nmax_items = true\n", "NAV010", "max_items", "integer", id="bool-for-an-int"),
    pytest.param("[OCR004]\njoin_zipf = \"high\"\n", "OCR004", "join_zipf", "number", id="string-for-a-float"),
    pytest.param("[ADV001]\nboundary = \"yes\"\n", "ADV001", "boundary", "true or false", id="string-for-a-bool"),
    pytest.param("[MRK003]\nmin_hits = -1\n", "MRK003", "min_hits", "at least 1", id="negative-count"),
    pytest.param("[USR001]\nname = \"user.footer\"\nsummary = \"A footer.\"\nphrases = [\"Footer\"]\npatern = [\"x\"]\n",
                 "USR001", "patern", "unknown setting", id="typo-in-a-user-rule"),
    pytest.param("[USR002]\nname = \"user.footer\"\nphrases = [\"Footer\"]\n", "USR002", "a new rule", "one-line summary",
                 id="user-rule-without-summary"),
]


def _corpus(tmp_path: Path, pack: str) -> Path:
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "site.toml").write_text(pack, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\nlanguages = ["en"]\npacks = ["site.toml"]\n', encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("pack,code,key,message", BAD_PACKS)
def test_a_bad_pack_setting_is_an_error_naming_file_rule_and_key(cli, tmp_path: Path, pack: str, code: str, key: str, message: str) -> None:
    corpus = _corpus(tmp_path, pack)
    result = cli("run", cwd=corpus)
    assert result.returncode == 2, result.stderr
    assert "site.toml" in result.stderr and f"[{code}] {key}" in result.stderr and message in result.stderr, result.stderr
    assert not (corpus / "clean").exists() or not list((corpus / "clean").glob("*.json"))


def test_good_settings_are_read_into_typed_options(cli, tmp_path: Path) -> None:
    corpus = _corpus(tmp_path, "[NAV003]\nevidence = 9\n[OCR004]\njoin_zipf = 4\n[SHR001]\nwhere = \"edges\"\n")
    assert cli("run", cwd=corpus).returncode == 0
    packs = load_packs([corpus / "site.toml"])
    options = read_options(all_rule_classes(packs), packs)
    assert options["NAV003"].evidence == 9  # the user's, over the built-in 3
    assert options["NAV003"].sentence_evidence == load_packs().rule_data("NAV003")["sentence_evidence"]
    assert options["OCR004"].join_zipf == 4.0 and isinstance(options["OCR004"].join_zipf, float)
    assert options["SHR001"].where == "edges"
    assert isinstance(options["NAV001"].phrases, tuple)


def test_every_rule_reads_the_builtin_packs_and_its_options_are_frozen() -> None:
    packs = load_packs()
    options = read_options(list(RULES), packs)
    for rule in RULES:
        assert dataclasses.is_dataclass(rule.Options) and issubclass(rule.Options, Options), rule.code
        assert rule.Options.__dataclass_params__.frozen, rule.code  # type: ignore[attr-defined]
        for key in packs.rule_data(rule.code):
            assert getattr(options[rule.code], key) is not None, (rule.code, key)


def test_a_rule_is_handed_what_it_declares_it_needs() -> None:
    from cleaner.engine.pipeline import Pipeline

    rules = {r.code: r for r in Pipeline.for_config(Config(languages=None, disable=frozenset({"NAV003"}))).rules}
    headline = rules["MET003"]
    assert set(headline.peers) == {"NAV003"} and headline.peers["NAV003"] == Peer(headline.peers["NAV003"].options, False)
    for rule in rules.values():
        assert set(rule.peers) == set(rule.needs), rule.code


def test_no_rule_reads_another_rules_data_or_enabled_state() -> None:
    """A rule that needs another's options or whether it runs declares it (``needs``) and is
    handed a ``Peer``; none looks into the packs' rule tables or the config's code lists."""
    import re

    rules_dir = Path(__file__).resolve().parents[1] / "cleaner" / "rules"
    reaching = re.compile(r"rule_data\(|config\.(?:disable|enable)\b|\.data\.get\(|\bself\.data\b")
    offenders = [f"{path.name}:{no}: {line.strip()}" for path in sorted(rules_dir.glob("*.py")) if path.name != "registry.py"
                 for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if reaching.search(line)]
    assert not offenders, offenders
