"""Reliability, round two (issue 16): what an attacker and a crashing machine must not break.

Every test goes through the real ``cleaner`` console script (or a hook's ``main``) with input an
attacker could commit or an unlucky operator could meet; each failed on the code before the fix.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from .conftest import ARTICLE, cleaner_executable

#: A guard against hangs, not a timing assertion: every case here takes a second or two.
HANG = 120


def run_cli(*args: str, cwd: Path, timeout: float = HANG) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([cleaner_executable(), *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=timeout)


def user_pack(corpus: Path, body: str) -> Path:
    (corpus / "packs").mkdir(exist_ok=True)
    pack = corpus / "packs" / "site.toml"
    pack.write_text(body, encoding="utf-8")
    (corpus / "pyproject.toml").write_text('[tool.cleaner]\nlanguages = ["en"]\npacks = ["packs/site.toml"]\n', encoding="utf-8")
    return pack


def user_rule(patterns: list[str], key: str = "patterns", extra: str = "") -> str:
    return f'[USR001]\nname = "user.footer"\nsummary = "A footer."\n{key} = {json.dumps(patterns)}\n{extra}'


# -- 1. user-pack regexes run in linear time ----------------------------------------------------

@pytest.mark.parametrize("pattern", [r"(?:.*,){11}P", r"(.*?,){11}P", r"(a{1,10}){1,10}b", r"(\w+\s?)*x", r".*a.*a.*a.*x"])
def test_1_backtracking_user_patterns_run_in_linear_time(corpus: Path, pattern: str) -> None:
    user_pack(corpus, user_rule([pattern]) + '\n[NAV001]\npatterns = ' + json.dumps([pattern]) + "\n")
    hostile = "\n".join(["," * 40, "a" * 40 + "c", "ab " * 60])
    (corpus / "raw" / "a.txt").write_text(ARTICLE + "\n" + hostile + "\n", encoding="utf-8")
    proc = run_cli("run", cwd=corpus)
    assert proc.returncode == 0, proc.stderr
    record = json.loads((corpus / "clean" / "a.json").read_text(encoding="utf-8"))
    assert "," * 40 in record["text"]
    proc = run_cli("check", "raw/a.txt", "clean/a.json", cwd=corpus)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_1_user_patterns_still_remove_what_they_match(corpus: Path) -> None:
    user_pack(corpus, user_rule([r"\d+ readers? online", r"(?:.*,){3} P"]) + '\n[NAV001]\npatterns = ["Skip to the (?:good|best) part"]\n')
    (corpus / "raw" / "a.txt").write_text("Skip to the best part\n\n" + ARTICLE + "\n12 readers online\n\nx, y, z, P\n", encoding="utf-8")
    assert run_cli("run", cwd=corpus).returncode == 0
    record = json.loads((corpus / "clean" / "a.json").read_text(encoding="utf-8"))
    assert record["text"] == ARTICLE.strip()
    assert sorted(c["rule"] for c in record["changes"]) == ["NAV001", "USR001", "USR001"]


@pytest.mark.parametrize("pattern,key", [(r"(a{1,100}){1,100}$", "patterns"), (r"(?<=a)b", "edge_patterns"), (r"(a)\1", "patterns")])
@pytest.mark.parametrize("command", [["run"], ["check", "raw/a.txt"], ["validate"]])
def test_1_a_pattern_re2_cannot_run_is_refused_naming_pack_and_pattern(corpus: Path, pattern: str, key: str, command: list[str]) -> None:
    pack = user_pack(corpus, user_rule([pattern], key))
    (corpus / "raw" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    proc = run_cli(*command, cwd=corpus)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert str(Path("packs") / pack.name) in proc.stderr and repr(pattern) in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (corpus / "clean").exists()


# -- 2. pack patterns see one line, capped -------------------------------------------------------

def test_2_a_pack_cannot_lift_the_line_cap(corpus: Path) -> None:
    user_pack(corpus, user_rule([r"[^|]*\| Example News"], extra="max_chars = 100000000\n"))
    (corpus / "raw" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    proc = run_cli("run", cwd=corpus)
    assert proc.returncode == 2 and "max_chars" in proc.stderr, proc.stderr
    assert not (corpus / "clean").exists()


def test_2_a_line_spanning_user_pattern_stays_within_each_line(corpus: Path) -> None:
    """``[^|]*`` can match line breaks: scanned over the joined lines it was quadratic in the
    number of lines (32k short lines took 23 s, these 128k several minutes); per line it is
    linear."""
    user_pack(corpus, user_rule([r"[^|]*\| Example News"]))
    lines = "\n".join(f"word {i} and more" for i in range(128_000))
    text = "The Daily | Example News\n\n" + ARTICLE + "\n" + lines + "\nExample News | The Daily\n"
    (corpus / "raw" / "a.txt").write_text(text, encoding="utf-8")
    proc = run_cli("run", cwd=corpus)
    assert proc.returncode == 0, proc.stderr
    record = json.loads((corpus / "clean" / "a.json").read_text(encoding="utf-8"))
    assert record["text"].startswith("China") and record["text"].endswith("Example News | The Daily")
    assert "word 127999" in record["text"]
