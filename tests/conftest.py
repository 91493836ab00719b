"""Shared fixtures: the repository's paths and a runner for the real console script."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "raw"
CLEAN = REPO / "clean"
SEED_IDS = ("000_de45ee0555440ea2", "004_a4ebb7e7c36c7679")


def cleaner_executable() -> str:
    """The installed ``cleaner`` console script next to this interpreter."""
    candidate = Path(sys.executable).with_name("cleaner")
    if candidate.exists():
        return str(candidate)
    found = shutil.which("cleaner")
    if not found:
        pytest.fail("the cleaner console script is not installed (run `make test`)")
    return found


@pytest.fixture
def cli():
    """Run the real ``cleaner`` console script; returns the CompletedProcess."""

    def run(*args: str, cwd: Path | None = None, input: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
        full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
        return subprocess.run([cleaner_executable(), *args], cwd=cwd, input=input, capture_output=True, text=True, env=full_env, timeout=300)

    return run


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """An empty corpus folder with a [tool.cleaner] config accepting English."""
    (tmp_path / "raw").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\nlanguages = ["en"]\n', encoding="utf-8")
    return tmp_path


ARTICLE = (
    "China will hold a strategic dialogue with the North Atlantic Treaty Organization next year "
    "in a dramatic turn in military relations with its erstwhile western adversaries.\n\n"
    "The two sides reportedly discussed the plan for the dialogue on the sidelines of the summit "
    "held in Prague, Czech Republic, on Nov. 22 and 23.\n"
)
