"""The published hooks through pre-commit itself, as a corpus repository uses them
(``repo: <this project>``, ``rev: <commit>``): pre-commit clones this project, installs it into
its own environment and runs the hooks of ``.pre-commit-hooks.yaml`` on a temporary git repo.

A snapshot of the working tree (committed into a scratch repository) stands in for the
project's URL, so uncommitted work is what gets tested. Installing the environment takes a few
seconds, once for the whole module.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ARTICLE, REPO

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

HOOK_IDS = ("cleaner-write-records", "cleaner-check-raw", "cleaner-check-records", "cleaner-validate")
_SKIP = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info", ".hypothesis", ".pytest_cache", "build", "dist", "out")


def _git(*args: str, cwd: Path) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def hooks_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This project's working tree committed into a scratch repository: (path, commit)."""
    project = tmp_path_factory.mktemp("project") / "cleaner"
    shutil.copytree(REPO, project, ignore=_SKIP)
    _git("init", "-q", cwd=project)
    _git("add", "-A", cwd=project)
    _git("commit", "-q", "-m", "snapshot", cwd=project)
    return project, _git("rev-parse", "HEAD", cwd=project)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's cache for this module only (the hook environment is built once)."""
    return tmp_path_factory.mktemp("pre-commit-home")


def _pre_commit(args: list[str], cwd: Path, store: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(store), "NO_COLOR": "1", "PRE_COMMIT_COLOR": "never"}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def test_hooks_in_a_corpus_repository(tmp_path: Path, hooks_repo: tuple[Path, str], store: Path) -> None:
    project, rev = hooks_repo
    corpus = tmp_path / "corpus"
    (corpus / "raw").mkdir(parents=True)
    _git("init", "-q", cwd=corpus)
    (corpus / "pyproject.toml").write_text('[tool.cleaner]\nlanguages = ["en"]\n', encoding="utf-8")
    (corpus / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {project.as_posix()}\n    rev: {rev}\n    hooks:\n"
        + "".join(f"      - id: {hook}\n" for hook in HOOK_IDS), encoding="utf-8")
    (corpus / "raw" / "article.txt").write_text("Go to contents\n\nChina`s view is clear, the ministry said.\n\n" + ARTICLE, encoding="utf-8")
    (corpus / "raw" / "broken.txt").write_bytes(b"Scraped page\n\x89\xfe\xff\x00\x00binary tail")
    _git("add", "-A", cwd=corpus)

    first = _pre_commit(["run", "--all-files"], corpus, store)
    output = first.stdout + first.stderr
    assert first.returncode == 1, output
    # the raw article with artifacts gets its record from the fixer
    record = json.loads((corpus / "clean" / "article.json").read_text(encoding="utf-8"))
    assert record["text"].startswith("China’s view is clear") and "Go to contents" not in record["text"]
    assert "wrote clean/article.json" in output
    # the broken raw file is blocked and named, with its reason
    assert "raw/broken.txt:" in output and "REJ002" in output
    assert "check raw articles" in output and "Failed" in output

    # staged records pass; the broken file stays blocked until it goes
    _git("add", "-A", cwd=corpus)
    for hook in ("cleaner-write-records", "cleaner-check-records", "cleaner-validate"):
        proc = _pre_commit(["run", hook, "--all-files"], corpus, store)
        assert proc.returncode == 0, hook + proc.stdout + proc.stderr
    assert _pre_commit(["run", "cleaner-check-raw", "--all-files"], corpus, store).returncode == 1

    (corpus / "raw" / "broken.txt").unlink()
    _git("add", "-A", cwd=corpus)
    fix = _pre_commit(["run", "--all-files"], corpus, store)
    assert fix.returncode == 1 and "updated clean/_rejects.json" in fix.stdout  # its reject entry is dropped
    _git("add", "-A", cwd=corpus)
    done = _pre_commit(["run", "--all-files"], corpus, store)
    assert done.returncode == 0, done.stdout + done.stderr
