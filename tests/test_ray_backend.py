"""The Ray backend on a local Ray instance: the same records, byte for byte, as a local run.

Ray is an optional extra (``pip install 'cleaner-news[ray]'``); ``make test`` installs it. Without
it these tests are skipped, except in CI, where a missing Ray is a failure. Everything runs
through the console script in its own process, so no Ray thread is left in the test process
(the local process pool forks).
"""

from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

from .conftest import ARTICLE, CLEAN, RAW, SEED_IDS

if importlib.util.find_spec("ray") is None:
    if os.environ.get("CI"):
        pytest.fail("Ray is not installed in CI: make test installs '.[test,ray]'", pytrace=False)
    pytest.skip("Ray is not installed (pip install 'cleaner-news[ray]')", allow_module_level=True)


def _visible(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def test_ray_backend_writes_byte_identical_records(cli, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    for record_id in SEED_IDS:
        (raw / f"{record_id}.txt").write_bytes((RAW / f"{record_id}.txt").read_bytes())
    for i in range(6):
        (raw / f"a{i}.txt").write_text(f"Go to contents\n\n{ARTICLE}\nStory number {i} ends here.\n", encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\nlanguages = ["en"]\n', encoding="utf-8")
    env = {"RAY_ADDRESS": "", "RAY_DEDUP_LOGS": "0"}

    local = cli("run", "--out", "local", "--jobs", "1", cwd=tmp_path)
    assert local.returncode == 1, local.stderr
    proc = cli("run", "--out", "ray", "--backend", "ray", "--jobs", "2", "--report", "ray-report.json", cwd=tmp_path, env=env)
    assert proc.returncode == 1, proc.stderr
    assert "raw/empty.txt: REJ001" in proc.stderr
    assert _visible(tmp_path / "ray") == _visible(tmp_path / "local")
    for record_id in SEED_IDS:
        assert (tmp_path / "ray" / f"{record_id}.json").read_bytes() == (CLEAN / f"{record_id}.json").read_bytes()
    report = json.loads((tmp_path / "ray-report.json").read_text(encoding="utf-8"))
    assert report["run"]["backend"] == "ray" and report["files"]["written"] == 8

    # JSON Lines through Ray: the same shards as a local run.
    proc = cli("run", "--out", "ray-jsonl", "--backend", "ray", "--jobs", "2", "--format", "jsonl", "--shard-size", "3", cwd=tmp_path, env=env)
    assert proc.returncode == 1, proc.stderr
    cli("run", "--out", "local-jsonl", "--jobs", "1", "--format", "jsonl", "--shard-size", "3", cwd=tmp_path)
    assert _visible(tmp_path / "ray-jsonl") == _visible(tmp_path / "local-jsonl")

    # Nothing to compute: Ray is not even started.
    proc = cli("run", "--out", "ray", "--backend", "ray", "--report", "again.json", cwd=tmp_path, env=env)
    again = json.loads((tmp_path / "again.json").read_text(encoding="utf-8"))
    assert again["files"]["skipped_current"] == 9 and again["timings"]["total_s"] < 5
