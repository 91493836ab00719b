"""No catastrophic backtracking: user patterns are checked before use, and the built-in rules and
the change log stay linear on adversarial lines.

Speed itself is measured by ``bench/adversarial.py`` (time ratios between two sizes); here the
adversarial lines just have to go through the real command at a size where anything quadratic
would not finish (the ``cli`` fixture's timeout is the only clock).
"""

from __future__ import annotations

import importlib.util
import json
import tomllib
from pathlib import Path

import pytest

from cleaner.audit import apply_changes, edit_spans
from cleaner.decode import decode_bytes
from cleaner.errors import ConfigError
from cleaner.pack_regex import PATTERN_KEYS
from cleaner.packs import builtin_pack_files
from cleaner.regex_safety import check_pattern

from .conftest import REPO


@pytest.mark.parametrize("pattern", [
    r"\d+ comments?", r"\d+ readers? online", r".* all rights reserved\.?", r"©\s*\d{4}.*", r"(?:Foto|Photo): .+ / .+",
    r"Share on \w+", r"\w+@\w+\.\w+", r"(?:\w+ ){0,5}more", r"\s*-\s*Advertisement\s*-\s*", r"\w+\s+\w+\s+\w+", r"a*b*a*",
    r"Updated:? .* ago", r"[^\W\d_]+ [^\W\d_]+ \d+",
])
def test_common_user_patterns_are_accepted(pattern: str) -> None:
    check_pattern(pattern)


@pytest.mark.parametrize("pattern,problem", [
    (r"(a+)+$", "nested unbounded repeats"),
    (r"(\w+\s?)*x", "nested unbounded repeats"),
    (r"(a*)*", "nested unbounded repeats"),
    (r"(a|a)*", "overlapping alternatives"),
    (r"(a|aa)+b", "overlapping alternatives"),
    (r".*.*.*x", "3 unbounded repeats"),
    (r".*a.*a.*a.*x", "4 unbounded repeats"),
    (r"\s*\s*\s*\s*x", "4 unbounded repeats"),
    (r"\w*\s*\w*\s*\w*x", "3 unbounded repeats"),
    (r"a*x*a*x*a*", "3 unbounded repeats"),
    (r"(?:\w+ ){0,5}.*.*.*.*x", "4 unbounded repeats"),
    (r"([a-z", "invalid pattern"),
])
def test_unsafe_or_invalid_user_patterns_are_refused(pattern: str, problem: str) -> None:
    with pytest.raises(ConfigError, match=problem.replace("(", r"\(")):
        check_pattern(pattern)


def test_every_built_in_pack_pattern_is_safe() -> None:
    """The built-in packs' patterns run on ``re`` (user patterns on RE2, ``cleaner.pack_regex``):
    every one of them is checked for catastrophic backtracking here."""
    checked = 0
    for path in builtin_pack_files():
        for code, table in tomllib.loads(path.read_text(encoding="utf-8")).items():
            if isinstance(table, dict):
                for key in PATTERN_KEYS:
                    for pattern in table.get(key, []):
                        check_pattern(pattern, f"{path.name} [{code}] {key}")
                        checked += 1
    assert checked > 50


def test_built_in_patterns_run_on_re_and_only_user_patterns_on_re2() -> None:
    """A built-in pattern under a key ``PATTERN_KEYS`` misses would run on RE2 unreviewed."""
    from cleaner.config import Config
    from cleaner.pack_regex import PackPatterns
    from cleaner.packs import load_packs
    from cleaner.engine.registry import RULES, build_rules

    found = []
    for rule in build_rules(Config(enable=frozenset(c.code for c in RULES)), load_packs()):
        for value in [*getattr(rule, "__dict__", {}).values(), *getattr(getattr(rule, "spec", None), "__dict__", {}).values()]:
            if isinstance(value, PackPatterns):
                found.append(value)
                assert not value.user_sources, (rule.code, value.user_sources)
    assert len(found) > 10


def _adversarial_cases() -> dict[str, object]:
    spec = importlib.util.spec_from_file_location("bench_adversarial", REPO / "bench" / "adversarial.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return {name: module.build(pattern, 60_000) for name, pattern in module.CASES.items()}


def test_adversarial_lines_go_through_every_rule_and_the_change_log(cli, tmp_path: Path) -> None:
    """Every case of bench/adversarial.py at 60,000 characters, in one batch."""
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\nlanguages = "any"\n', encoding="utf-8")
    raw = tmp_path / "raw"
    raw.mkdir()
    cases = _adversarial_cases()
    for name, text in cases.items():
        (raw / f"{name}.txt").write_text(text, encoding="utf-8")
    proc = cli("run", "--quiet", cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr
    assert "Traceback" not in proc.stderr and "REJ099" not in proc.stderr
    for path in sorted((tmp_path / "clean").glob("*.json")):
        if path.name.startswith("_"):
            continue
        record = json.loads(path.read_text(encoding="utf-8"))
        decoded = decode_bytes((tmp_path / record["source"]["path"]).read_bytes()).text
        assert apply_changes(decoded, record["changes"]) == record["text"], path.name


@pytest.mark.parametrize("old,new", [
    ("word\u00a0" * 3000, "word " * 3000),  # one-token edits everywhere: difflib took minutes here
    ('He said "yes" and left. ' * 2000, "He said “yes” and left. " * 2000),
    ("a" + " " * 50_000 + "b", "a b"),
    ("x y " * 700_000, ("x y " * 700_000).replace("y", "z", 3)),  # over 2M characters: diffed on characters
    ("ab" * 1_200_000, "ab" * 600_000 + "aXb" + "ab" * 599_999),
])
def test_change_log_spans_replay_on_long_lines(old: str, new: str) -> None:
    spans = edit_spans(old, new)
    text = old
    for before, after in spans:
        assert before in text
        text = text.replace(before, after, 1)
    assert text == new
    assert len(spans) <= max(64, (1 << 26) // (len(old) + len(new)))  # replay stays linear too
