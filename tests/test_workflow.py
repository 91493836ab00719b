"""The path a new user takes (issue 17): the README's corpus setup followed literally in a fresh
folder with real git and real pre-commit, and the first-use edges of the CLI and the Python API.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ARTICLE, REPO

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

#: Articles in ~/scraped/ for the README's setup (written for this test).
SCRAPED = {
    "harbour.txt": "Share on Facebook\n\nThe harbour authority said on Tuesday that the new ferry terminal will open "
                   "in the spring, two years later than planned, after storms damaged the pier twice.\n\n"
                   "Officials told the city council that the cost rose by a fifth and that the contractor "
                   "has agreed to pay part of the difference.\n",
    "dialogue.txt": "Go to contents\n\n" + ARTICLE,
}
LATER = ("The regional library will stay open until ten in the evening during the exam weeks, its director "
         "announced, after students collected more than two thousand signatures for longer hours.\n\n"
         "The extra evenings are paid for by a grant from the university, which will review the trial in June.\n")


def readme_block(marker: str) -> str:
    """The fenced code block that follows ``<!-- marker`` in the README."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- " + re.escape(marker) + r"\b.*?-->\n```\w*\n(.*?)\n```", text, re.S)
    assert found, f"README.md has no block marked {marker}"
    return found.group(1)


def _env(home: Path) -> dict[str, str]:
    """A user's shell with the cleaner's environment active, in a home of its own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(HOME=str(home), PATH=os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")]),
               VIRTUAL_ENV=str(Path(sys.executable).parent.parent), PRE_COMMIT_HOME=str(home / ".cache" / "pre-commit"),
               GIT_AUTHOR_NAME="Ed Itor", GIT_AUTHOR_EMAIL="ed@example.com", GIT_COMMITTER_NAME="Ed Itor",
               GIT_COMMITTER_EMAIL="ed@example.com", NO_COLOR="1", PRE_COMMIT_COLOR="never")
    return env


def _sh(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-e", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


@needs_git
def test_readme_corpus_setup_works_end_to_end(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "scraped" / "later").mkdir(parents=True)
    for name, text in SCRAPED.items():
        (home / "scraped" / name).write_text(text, encoding="utf-8")
    (home / "scraped" / "later" / "new-article.txt").write_text(LATER, encoding="utf-8")
    env = _env(home)

    setup = _sh(readme_block("corpus-setup"), home, env)
    assert setup.returncode == 0, setup.stdout + setup.stderr
    corpus = home / "my-corpus"
    git = lambda *args: subprocess.run(["git", *args], cwd=corpus, env=env, capture_output=True, text=True, check=True).stdout
    assert "corpus: first articles" in git("log", "--oneline")
    tracked = set(git("ls-files").split())
    assert {"raw/harbour.txt", "clean/harbour.json", "clean/dialogue.json", "clean/_rejects.json", "clean/.gitignore"} <= tracked
    assert not [name for name in tracked if ".cleaner-" in name], tracked  # the run index is never committed
    assert (corpus / "clean" / ".cleaner-index.jsonl").exists()

    for line in readme_block("corpus-add").splitlines():
        proc = _sh(line, corpus, env)
        output = proc.stdout + proc.stderr
        if "stops" in line:
            assert proc.returncode != 0 and "wrote clean/new-article.json" in output, output
        else:
            assert proc.returncode == 0, line + "\n" + output
    assert git("status", "--porcelain") == ""
    record = json.loads((corpus / "clean" / "new-article.json").read_text(encoding="utf-8"))
    assert record["text"].startswith("The regional library")

    # No stash loop: later commits with unstaged work in the tree, and a re-run that rewrites the index.
    (corpus / "notes.md").write_text("sources\n", encoding="utf-8")
    git("add", "notes.md")
    git("commit", "-q", "-m", "notes")
    for n in range(2):
        (corpus / "notes.md").write_text(f"sources, draft {n}\n", encoding="utf-8")  # unstaged: pre-commit stashes it
        (corpus / "raw" / f"more-{n}.txt").write_text(LATER.replace("ten", f"{n + 9}"), encoding="utf-8")
        assert _sh("cleaner run -q", corpus, env).returncode == 0
        assert _sh(f"git add raw/more-{n}.txt clean/", corpus, env).returncode == 0
        commit = _sh(f"git commit -q -m 'more {n}'", corpus, env)
        output = commit.stdout + commit.stderr
        assert commit.returncode == 0 and "conflict" not in output.lower(), output
        assert git("status", "--porcelain").split() == ["M", "notes.md"]
    assert _sh("cleaner validate", corpus, env).returncode == 0


def test_the_distribution_name_is_not_the_taken_one() -> None:
    from importlib import metadata

    assert metadata.distribution("cleaner-news").entry_points.select(group="console_scripts", name="cleaner")
    assert 'name = "cleaner-news"' in (REPO / "pyproject.toml").read_text(encoding="utf-8")


def test_help_names_the_distribution(cli) -> None:
    proc = cli("--help")
    assert "cleaner-news" in proc.stdout
    assert "cleaner-news" in cli("--version").stdout
