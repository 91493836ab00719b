"""The CLI through the real console script: exit codes, rejects, explain, rules."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .conftest import ARTICLE, RAW, SEED_IDS


def test_run_writes_records_and_exits_0(cli, corpus: Path) -> None:
    (corpus / "raw" / "a.txt").write_text("Go to contents\n\n" + ARTICLE, encoding="utf-8")
    proc = cli("run", cwd=corpus)
    assert proc.returncode == 0, proc.stderr
    record = json.loads((corpus / "clean" / "a.json").read_text(encoding="utf-8"))
    assert record["id"] == "a"
    assert record["source"]["path"] == "raw/a.txt"
    assert "Go to contents" not in record["text"]
    assert "1 written" in proc.stderr


def test_rerun_is_byte_identical_and_reports_unchanged(cli, corpus: Path) -> None:
    (corpus / "raw" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    cli("run", cwd=corpus)
    first = (corpus / "clean" / "a.json").read_bytes()
    proc = cli("run", cwd=corpus)
    assert proc.returncode == 0
    assert "1 unchanged" in proc.stderr
    assert (corpus / "clean" / "a.json").read_bytes() == first


def test_rejects_are_reported_and_the_batch_goes_on(cli, corpus: Path) -> None:
    raw = corpus / "raw"
    (raw / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (raw / "chrome.txt").write_text("Go to contents\nPlease enter your comment!\n", encoding="utf-8")
    (raw / "korean.txt").write_text("엘제이의 리벤지인가, 류화영의 코스프레인가. 시작은 엘제이가 자신의 SNS에 류화영과 함께 찍은 사진을 공개하면서부터다.\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in raw.iterdir()}
    proc = cli("run", cwd=corpus)
    assert proc.returncode == 1
    assert "raw/empty.txt: REJ001" in proc.stderr
    assert "raw/image.txt: REJ002" in proc.stderr
    assert "raw/chrome.txt: REJ004" in proc.stderr
    assert "raw/korean.txt: REJ005" in proc.stderr
    assert sorted(p.name for p in (corpus / "clean").iterdir() if not p.name.startswith(".")) == ["_rejects.json", "good.json"]
    report = json.loads((corpus / "clean" / "_rejects.json").read_text(encoding="utf-8"))
    assert [(r["path"], r["code"]) for r in report["rejects"]] == [
        ("raw/chrome.txt", "REJ004"), ("raw/empty.txt", "REJ001"), ("raw/image.txt", "REJ002"), ("raw/korean.txt", "REJ005")]
    assert {p.name: p.read_bytes() for p in raw.iterdir()} == before  # raw files untouched


def test_languages_override_accepts_korean(cli, corpus: Path) -> None:
    (corpus / "raw" / "ko.txt").write_text("엘제이의 리벤지인가, 류화영의 코스프레인가. 시작은 엘제이가 자신의 SNS에 류화영과 함께 찍은 사진을 공개하면서부터다.\n", encoding="utf-8")
    proc = cli("run", "--languages", "any", cwd=corpus)
    assert proc.returncode == 0, proc.stderr
    assert json.loads((corpus / "clean" / "ko.json").read_text(encoding="utf-8"))["language"] == "ko"


def test_rejected_input_removes_its_stale_record(cli, corpus: Path) -> None:
    raw = corpus / "raw" / "a.txt"
    raw.write_text(ARTICLE, encoding="utf-8")
    cli("run", cwd=corpus)
    raw.write_bytes(b"")
    proc = cli("run", cwd=corpus)
    assert proc.returncode == 1
    assert not (corpus / "clean" / "a.json").exists()


def test_explicit_paths_and_out(cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = cli("run", str(RAW / f"{SEED_IDS[0]}.txt"), "--out", str(out), "--quotes", "straight")
    assert proc.returncode == 0, proc.stderr
    text = json.loads((out / f"{SEED_IDS[0]}.json").read_text(encoding="utf-8"))["text"]
    assert "media's" in text and "’" not in text


def test_usage_errors_exit_2(cli, corpus: Path) -> None:
    assert cli("run", "--quotes", "fancy", cwd=corpus).returncode == 2
    assert cli("frobnicate", cwd=corpus).returncode == 2
    proc = cli("run", "--disable", "XYZ999", cwd=corpus)
    assert proc.returncode == 2 and "XYZ999" in proc.stderr
    (corpus / "pyproject.toml").write_text("[tool.cleaner]\nbogus = 1\n", encoding="utf-8")
    proc = cli("run", cwd=corpus)
    assert proc.returncode == 2 and "bogus" in proc.stderr


def test_explain_shows_each_change_with_its_code(cli) -> None:
    proc = cli("explain", str(RAW / "000_de45ee0555440ea2.txt"))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for code in ("NAV001", "NAV002", "MET001", "MET002", "MET003", "QUO001", "QUO002", "QUO003"):
        assert code in out
    assert "- media`s" in out and "+ media’s" in out
    assert "published: 2002-11-25T23:02" in out


def test_explain_json_and_rejected_file(cli, tmp_path: Path) -> None:
    proc = cli("explain", "--format", "json", str(RAW / "004_a4ebb7e7c36c7679.txt"))
    changes = json.loads(proc.stdout)["changes"]
    assert {c["rule"] for c in changes} >= {"COM001", "QUO004", "QUO005"}
    empty = tmp_path / "e.txt"
    empty.write_bytes(b"")
    proc = cli("explain", str(empty))
    assert proc.returncode == 1 and "REJ001" in proc.stderr


def test_rules_lists_the_catalogue(cli) -> None:
    proc = cli("rules")
    assert proc.returncode == 0
    lines = proc.stdout.splitlines()
    assert lines[0].split()[:4] == ["code", "name", "family", "on"]
    assert any(l.startswith("QUO004") and "quotes.closing-quote-spacing" in l and " on " in l for l in lines)
    proc = cli("rules", "--disable", "QUO004")
    assert any(l.startswith("QUO004") and " off " in l for l in proc.stdout.splitlines())
    proc = cli("rules", "QUO004")
    assert "Leaves alone" in proc.stdout
    proc = cli("rules", "--rejects")
    assert "REJ001" in proc.stdout


def test_python_dash_m_works(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "cleaner", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("cleaner ")


def test_rules_lists_every_family_of_the_catalogue(cli) -> None:
    from cleaner.engine.registry import RULES

    proc = cli("rules")
    rows = {line.split()[0]: line.split() for line in proc.stdout.splitlines()[1:] if line.strip()}
    for rule in RULES:
        assert rule.code in rows, rule.code
        assert rows[rule.code][1] == rule.name and rows[rule.code][2] == rule.name.split(".")[0]
    assert {row[2] for row in rows.values()} >= {"chrome", "share", "comments", "subscribe", "consent", "ads", "related",
                                                "media", "metadata", "markup", "typography", "quotes"}
    proc = cli("rules", "NAV003")
    assert "Leaves alone" in proc.stdout and "evidence" in proc.stdout


def test_run_moves_credits_into_the_record_and_disable_keeps_them(cli, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    body = ("China will hold a strategic dialogue with the North Atlantic Treaty Organization next year in a "
            "dramatic turn in military relations with its erstwhile western adversaries.")
    (raw / "a.txt").write_text(f"{body}\n\nPhoto: Jane Roe / AP\n\n© 2019 Example News. All rights reserved.\n", encoding="utf-8")
    proc = cli("run", str(raw), "--out", str(tmp_path / "clean"), "--languages", "any", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    record = json.loads((tmp_path / "clean" / "a.json").read_text(encoding="utf-8"))
    assert record["text"] == body
    assert [c["kind"] for c in record["credits"]] == ["photo", "copyright"]
    proc = cli("run", str(raw), "--out", str(tmp_path / "clean2"), "--languages", "any", "--disable", "MET005,MET006", cwd=tmp_path)
    record = json.loads((tmp_path / "clean2" / "a.json").read_text(encoding="utf-8"))
    assert "Photo: Jane Roe / AP" in record["text"] and record["credits"] == []
