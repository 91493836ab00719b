"""Determinism and idempotence, through the real console script.

The same input and configuration give byte-identical output whatever the process's hash seed
(set and dict order), and whatever the job count when the command offers ``--jobs``; cleaning a
record's text again changes nothing.
"""

from __future__ import annotations

import codecs
import json
import os
import subprocess
from pathlib import Path

import pytest

from .conftest import ARTICLE, RAW, SEED_IDS, cleaner_executable


def _varied_corpus(root: Path) -> None:
    raw = root / "raw"
    raw.mkdir(parents=True)
    (root / "pyproject.toml").write_text('[tool.cleaner]\nlanguages = "any"\n', encoding="utf-8")
    for rid in SEED_IDS:
        (raw / f"{rid}.txt").write_bytes((RAW / f"{rid}.txt").read_bytes())
    (raw / "korean.txt").write_text("엘제이의 리벤지인가, 류화영의 코스프레인가. 시작은 엘제이가 자신의 SNS에 류화영과 함께 찍은 사진을 공개하면서부터다.\n", encoding="utf-8")
    (raw / "mojibake.txt").write_text("The Mona Lisa doesnâ€™t have eyebrows, the museumâ€™s curators say.\n\n" + ARTICLE, encoding="utf-8")
    (raw / "cp1252.txt").write_bytes("Les routes étaient paralysées ce matin à cause d’une forte chute de neige, a déclaré le préfet.".encode("cp1252"))
    (raw / "crlf-bom.txt").write_bytes(codecs.BOM_UTF8 + ("Go to contents\n\n" + ARTICLE).replace("\n", "\r\n").encode("utf-8"))
    (raw / "quotes.txt").write_text('``Never,\'\' she said. "We are cooperating," said a spokesperson. It\'s the \'90s. 5\'10" tall.\n\n' + ARTICLE, encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")


def _run(root: Path, out: str, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([cleaner_executable(), "run", "raw", "--out", out, "--quiet", *extra], cwd=root, capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=600)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def _variants() -> list[tuple[str, list[str], dict]]:
    """Hash seeds always; job counts and backends when this build of the command has them."""
    out = [("hashseed-0", [], {"PYTHONHASHSEED": "0"}), ("hashseed-4242", [], {"PYTHONHASHSEED": "4242"}),
           ("hashseed-random", [], {"PYTHONHASHSEED": "random"})]
    help_text = subprocess.run([cleaner_executable(), "run", "--help"], capture_output=True, text=True).stdout
    if "--jobs" in help_text:
        out += [("jobs-1", ["--jobs", "1"], {}), ("jobs-2", ["--jobs", "2"], {})]
    return out


def test_same_input_and_config_give_byte_identical_output(tmp_path: Path) -> None:
    _varied_corpus(tmp_path)
    outputs = {}
    for name, args, env in _variants():
        proc = _run(tmp_path, f"out-{name}", *args, env=env)
        assert proc.returncode == 1, proc.stderr  # empty.txt is rejected
        outputs[name] = _files(tmp_path / f"out-{name}")
    first = next(iter(outputs.values()))
    assert len(first) == 8  # 7 records and the rejects report
    for name, files in outputs.items():
        assert files == first, name


def test_cleaning_a_record_text_again_changes_nothing(tmp_path: Path) -> None:
    _varied_corpus(tmp_path)
    assert _run(tmp_path, "once").returncode == 1
    again = tmp_path / "again"
    (again / "raw").mkdir(parents=True)
    (again / "pyproject.toml").write_text('[tool.cleaner]\nlanguages = "any"\n', encoding="utf-8")
    texts = {}
    for path in (tmp_path / "once").glob("*.json"):
        if path.name.startswith("_"):
            continue
        record = json.loads(path.read_text(encoding="utf-8"))
        texts[record["id"]] = record["text"]
        (again / "raw" / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
    proc = _run(again, "twice")
    assert proc.returncode == 0, proc.stderr
    for rid, text in texts.items():
        record = json.loads((again / "twice" / f"{rid}.json").read_text(encoding="utf-8"))
        assert record["text"] == text, rid
        assert record["changes"] == [], (rid, record["changes"])


@pytest.mark.parametrize("record_id", SEED_IDS)
def test_committed_seed_records_are_reproduced_byte_for_byte(tmp_path: Path, record_id: str) -> None:
    """`make run` on a fresh clone reproduces clean/ exactly: here for each seed, in a scratch folder."""
    root = tmp_path
    (root / "raw").mkdir()
    (root / "pyproject.toml").write_bytes((RAW.parent / "pyproject.toml").read_bytes())
    (root / "raw" / f"{record_id}.txt").write_bytes((RAW / f"{record_id}.txt").read_bytes())
    proc = _run(root, "clean")
    assert proc.returncode == 0, proc.stderr
    assert (root / "clean" / f"{record_id}.json").read_bytes() == (RAW.parent / "clean" / f"{record_id}.json").read_bytes()
