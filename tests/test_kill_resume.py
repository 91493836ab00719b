"""Kill -9 a real ``cleaner run`` mid-batch, several times, then let it finish.

After every kill the output folder holds only complete, valid records (each byte-identical to
the record an uninterrupted run writes), possibly a whole rejects report, and possibly hidden
temporary files; the next run clears those and ends with exactly the output of an uninterrupted
run. The whole process group is killed, so this holds whatever executor (serial, a process pool)
does the work.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from cleaner.record import is_canonical
from cleaner.sinks import REJECTS_REPORT, is_record_file
from cleaner.schema import validate_record
from cleaner.storage import TEMP_PREFIX

from .conftest import RAW, SEED_IDS, cleaner_executable

N_DOCS = 160


def _make_corpus(root: Path) -> None:
    """Articles made from the two seeds (different in every file), and a few rejects."""
    raw = root / "raw"
    raw.mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.cleaner]\nlanguages = ["en"]\n', encoding="utf-8")
    seeds = [(RAW / f"{rid}.txt").read_text(encoding="utf-8") for rid in SEED_IDS]
    for i in range(N_DOCS):
        body = seeds[i % 2]
        extra = f'\n\nIn a follow-up on day {i}, a spokesman said "talks number {i} went well" and the minister`s aides agreed.\n'
        (raw / f"doc-{i:04d}.txt").write_text(body * 3 + extra, encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")


def _run(root: Path, out: str) -> subprocess.Popen:
    return subprocess.Popen([cleaner_executable(), "run", "raw", "--out", out, "--quiet"], cwd=root,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def _records(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if is_record_file(p)] if folder.is_dir() else []


def _kill_after(root: Path, out: str, records_at_least: int) -> bool:
    """Start a run, kill -9 its process group once ``records_at_least`` records exist; returns
    whether it was killed (False: it finished first)."""
    proc = _run(root, out)
    deadline = time.monotonic() + 240
    while proc.poll() is None and time.monotonic() < deadline:
        if len(_records(root / out)) >= records_at_least:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return True
        time.sleep(0.005)
    proc.communicate(timeout=60)
    return False


def _visible_files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("kill")
    _make_corpus(root)
    proc = _run(root, "reference")
    _, stderr = proc.communicate(timeout=600)
    return {"root": root, "returncode": proc.returncode, "files": _visible_files(root / "reference"), "stderr": stderr}


def _check_after_kill(out: Path, reference: dict) -> None:
    for path in out.iterdir():
        if path.name.startswith("."):
            continue  # the hidden temp files a killed run may leave, and the hidden run index
        data = path.read_bytes()
        if path.name == REJECTS_REPORT:
            json.loads(data)  # whole, never half-written
            continue
        assert is_record_file(path), f"unexpected file {path.name}"
        assert is_canonical(data), f"{path.name} is not a complete record"
        validate_record(json.loads(data))
        assert data == reference["files"][path.name], f"{path.name} differs from an uninterrupted run"


def test_reference_run(reference: dict) -> None:
    assert reference["returncode"] == 1  # two rejects
    assert len([n for n in reference["files"] if n.endswith(".json") and not n.startswith("_")]) == N_DOCS


def test_kill_minus_9_mid_batch_then_resume_equals_an_uninterrupted_run(reference: dict) -> None:
    root = reference["root"]
    out = root / "clean"
    killed = 0
    for fraction in (0.1, 0.45, 0.8):
        if _kill_after(root, "clean", int(N_DOCS * fraction)):
            killed += 1
            _check_after_kill(out, reference)
            assert len(_records(out)) < N_DOCS  # it was stopped mid-batch
    assert killed >= 2, "the runs finished before they could be killed; make the corpus bigger"
    proc = _run(root, "clean")
    _, stderr = proc.communicate(timeout=600)
    assert proc.returncode == reference["returncode"], stderr
    assert b"Traceback" not in stderr
    assert not [p.name for p in out.iterdir() if p.name.startswith(TEMP_PREFIX)], "temporary files were not cleared"
    assert _visible_files(out) == reference["files"]


def test_kill_at_random_moments_never_leaves_a_broken_file(reference: dict) -> None:
    """Kills at arbitrary times (not only when a record count is reached), then a resume."""
    root = reference["root"]
    out_name = "clean-random"
    for delay in (0.05, 0.9, 1.7, 2.9):
        proc = _run(root, out_name)
        time.sleep(delay)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        if (root / out_name).exists():
            _check_after_kill(root / out_name, reference)
    proc = _run(root, out_name)
    proc.communicate(timeout=600)
    assert proc.returncode == reference["returncode"]
    assert _visible_files(root / out_name) == reference["files"]
