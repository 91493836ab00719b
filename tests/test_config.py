"""Configuration: [tool.cleaner], overrides, errors, and the config hash."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.config import Config, config_hash, load_config, parse_languages
from cleaner.errors import ConfigError
from cleaner.engine.pipeline import Pipeline


def test_reads_tool_cleaner_from_nearest_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\nlanguages = ["en", "ko"]\nquotes = "straight"\ndisable = ["nav002"]\n', encoding="utf-8")
    sub = tmp_path / "raw" / "deep"
    sub.mkdir(parents=True)
    config = load_config(start=sub)
    assert config.languages == ("en", "ko")
    assert config.quotes == "straight"
    assert config.disable == frozenset({"NAV002"})
    assert config.root == tmp_path.resolve()


def test_defaults_without_a_config_file(tmp_path: Path) -> None:
    config = load_config(start=tmp_path)
    assert config.languages == ("en",)
    assert config.root == tmp_path.resolve()


def test_overrides_win(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\nlanguages = ["en"]\n', encoding="utf-8")
    assert load_config(start=tmp_path, languages=None).languages is None


@pytest.mark.parametrize(
    "toml,message",
    [
        ('[tool.cleaner]\nlanguage = ["en"]\n', "unknown option(s): language"),
        ('[tool.cleaner]\nquotes = "fancy"\n', "quotes must be one of"),
        ('[tool.cleaner]\ndisable = "NAV001"\n', "disable must be a list"),
        ("[tool.cleaner\n", "invalid TOML"),
    ],
)
def test_invalid_config_is_an_error(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown|quotes|disable|invalid"):
        load_config(path)
    try:
        load_config(path)
    except ConfigError as exc:
        assert message in str(exc)


def test_unknown_rule_code_is_an_error() -> None:
    with pytest.raises(ConfigError, match="XYZ999"):
        Pipeline.for_config(Config(disable=frozenset({"XYZ999"})))


def test_parse_languages() -> None:
    assert parse_languages("any") is None
    assert parse_languages(["en", "any"]) is None
    assert parse_languages("en,ko") == ("en", "ko")


def test_config_hash_changes_with_output_options_only(tmp_path: Path) -> None:
    packs = Pipeline.for_config(Config()).packs.files
    base = config_hash(Config(root=tmp_path), packs)
    assert base == config_hash(Config(root=tmp_path / "elsewhere", raw_dir="other"), packs)
    assert base != config_hash(Config(root=tmp_path, quotes="straight"), packs)
    assert base != config_hash(Config(root=tmp_path, disable=frozenset({"NAV001"})), packs)
    assert base.startswith("sha256:") and len(base) == len("sha256:") + 16
