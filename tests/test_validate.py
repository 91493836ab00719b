"""``cleaner validate`` through the real console script: the committed corpus passes; a damaged
one is named file by file, with exit 1 and a summary by kind."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cleaner.checks import SERIAL_BELOW

from .conftest import ARTICLE, REPO, SEED_IDS


def _seed_corpus(tmp_path: Path) -> Path:
    for name in ("raw", "clean"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copyfile(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _codes(stdout: str) -> list[tuple[str, str]]:
    """``[(path, code)]`` of text-format findings."""
    return [(line.split(":")[0], line.split(": ")[1].split()[0]) for line in stdout.splitlines()]


def test_committed_corpus_passes(cli) -> None:
    proc = cli("validate", cwd=REPO)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout == ""
    assert proc.stderr.startswith("validated 2 record(s) and 2 raw file(s) (0 in the rejects report) in ")
    assert proc.stderr.rstrip().endswith(": no problems")


def test_damaged_corpus_names_each_problem(cli, tmp_path: Path) -> None:
    """The issue's acceptance case: a record that breaks the schema, a stale record, a missing
    record and an orphan record, each named, exit 1."""
    corpus = _seed_corpus(tmp_path)
    broken = corpus / "clean" / f"{SEED_IDS[0]}.json"
    record = json.loads(broken.read_text(encoding="utf-8"))
    record["published"] = "25 Nov 2002"
    broken.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    stale_raw = corpus / "raw" / f"{SEED_IDS[1]}.txt"
    stale_raw.write_bytes(stale_raw.read_bytes() + b"\nA correction was appended by the desk.\n")
    (corpus / "raw" / "new.txt").write_text(ARTICLE, encoding="utf-8")
    orphan = json.loads((corpus / "clean" / f"{SEED_IDS[1]}.json").read_text(encoding="utf-8"))
    orphan.update(id="deleted", source=dict(orphan["source"], path="raw/deleted.txt"))
    from cleaner.record import dumps_record

    (corpus / "clean" / "deleted.json").write_bytes(dumps_record(orphan))

    proc = cli("validate", cwd=corpus)
    assert proc.returncode == 1
    assert _codes(proc.stdout) == [
        (f"clean/{SEED_IDS[0]}.json", "COR001"),
        (f"clean/{SEED_IDS[1]}.json", "COR004"),
        ("clean/deleted.json", "COR007"),
        ("raw/new.txt", "COR006"),
    ]
    out = proc.stdout
    assert "$.published: '25 Nov 2002' does not match" in out
    assert f"refresh: cleaner run raw/{SEED_IDS[1]}.txt" in out
    assert "missing: no record clean/new.json" in out and "refresh: cleaner run raw/new.txt" in out
    assert "orphan: no raw file (raw/deleted.txt)" in out
    assert "validated 3 record(s) and 3 raw file(s)" in proc.stderr
    assert proc.stderr.rstrip().endswith("4 problems: 1 schema, 1 stale, 1 missing, 1 orphan")

    # `cleaner run` repairs what it can; the orphan is the user's to delete
    cli("run", cwd=corpus)
    proc = cli("validate", cwd=corpus)
    assert _codes(proc.stdout) == [("clean/deleted.json", "COR007")]
    (corpus / "clean" / "deleted.json").unlink()
    assert cli("validate", cwd=corpus).returncode == 0


def test_stale_cleaner_record_names_versions_and_command(cli, tmp_path: Path) -> None:
    corpus = _seed_corpus(tmp_path)
    with (corpus / "pyproject.toml").open("a", encoding="utf-8") as fh:
        fh.write('disable = ["NAV002"]\n')
    proc = cli("validate", "--no-artifacts", cwd=corpus)
    assert proc.returncode == 1
    assert [code for _, code in _codes(proc.stdout)] == ["COR005", "COR005"]
    assert "stale: made by cleaner 0.1.0 with config sha256:" in proc.stdout
    assert f"refresh: cleaner run raw/{SEED_IDS[0]}.txt" in proc.stdout
    assert "2 problems: 2 stale" in proc.stderr
    # options that shape records are part of the refresh command
    proc = cli("validate", "--quotes", "straight", "--no-artifacts", cwd=corpus)
    assert f"refresh: cleaner run --quotes straight raw/{SEED_IDS[0]}.txt" in proc.stdout


def test_rejects_report_accounts_for_rejected_files(cli, corpus: Path) -> None:
    raw = corpus / "raw"
    (raw / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "sub").mkdir()
    (raw / "twin.txt").write_text(ARTICLE, encoding="utf-8")
    (raw / "sub" / "twin.txt").write_text(ARTICLE, encoding="utf-8")
    proc = cli("validate", cwd=corpus)
    assert proc.returncode == 1
    assert _codes(proc.stdout) == [("raw/empty.txt", "COR006"), ("raw/good.txt", "COR006"),
                                   ("raw/sub/twin.txt", "COR006"), ("raw/twin.txt", "COR006")]
    assert "does not list it as REJ009" in proc.stdout
    cli("run", cwd=corpus)
    proc = cli("validate", cwd=corpus)
    assert proc.returncode == 0, proc.stdout
    assert "(3 in the rejects report)" in proc.stderr

    # a rejected file that was fixed, and an entry for a file that is gone
    (raw / "empty.txt").write_text(ARTICLE, encoding="utf-8")
    (raw / "sub" / "twin.txt").unlink()
    proc = cli("validate", cwd=corpus)
    assert proc.returncode == 1
    assert _codes(proc.stdout) == [("clean/_rejects.json", "COR010")] * 3
    assert "lists raw/empty.txt as rejected (REJ001), but it now cleans into a record; refresh: cleaner run raw/empty.txt" in proc.stdout
    assert "lists raw/sub/twin.txt as rejected (REJ009), but there is no such raw file" in proc.stdout
    assert "lists raw/twin.txt as rejected (REJ009), but it now cleans into a record" in proc.stdout
    cli("run", cwd=corpus)
    # the three records now hold the same article: duplicates, and nothing else
    proc = cli("validate", cwd=corpus)
    assert _codes(proc.stdout) == [("clean/good.json", "COR013"), ("clean/twin.json", "COR013")], proc.stdout
    assert cli("validate", "--no-duplicates", cwd=corpus).returncode == 0


def test_rejected_file_with_a_record_is_reported(cli, corpus: Path) -> None:
    (corpus / "raw" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    cli("run", cwd=corpus)
    report = corpus / "clean" / "_rejects.json"
    report.write_text(json.dumps({"rejects": [{"path": "raw/a.txt", "code": "REJ001", "message": "file is empty"}]}), encoding="utf-8")
    proc = cli("validate", cwd=corpus)
    assert _codes(proc.stdout) == [("clean/_rejects.json", "COR010")]
    assert "but it has the record clean/a.json" in proc.stdout
    report.write_text("{not json", encoding="utf-8")
    proc = cli("validate", cwd=corpus)
    assert _codes(proc.stdout) == [("clean/_rejects.json", "COR002")]


def test_other_folders_and_refresh_command_with_out(cli, corpus: Path) -> None:
    (corpus / "raw" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    cli("run", "--out", "elsewhere", cwd=corpus)
    proc = cli("validate", "elsewhere", cwd=corpus)
    assert proc.returncode == 0, proc.stdout
    (corpus / "raw" / "a.txt").write_text(ARTICLE + "\nOne more line was added to the article today.\n", encoding="utf-8")
    proc = cli("validate", "elsewhere", "--raw", "raw", cwd=corpus)
    assert "refresh: cleaner run --out elsewhere raw/a.txt" in proc.stdout
    proc = cli("validate", cwd=corpus)  # the configured clean/ does not exist: every raw file is missing
    assert _codes(proc.stdout) == [("raw/a.txt", "COR006")]
    assert cli("validate", "--raw", "nowhere", cwd=corpus).returncode == 2


def test_worker_processes_give_the_same_findings(cli, corpus: Path) -> None:
    """Over the serial threshold, records are checked in a process pool; the findings and
    their order are the same whatever the number of workers."""
    raw = corpus / "raw"
    n = SERIAL_BELOW + 20
    for i in range(n):
        (raw / f"a{i:03d}.txt").write_text(f"Report number {i} from the desk.\n\n" + ARTICLE, encoding="utf-8")
    cli("run", cwd=corpus)
    (raw / "a007.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "clean" / "a050.json").write_text("{}", encoding="utf-8")
    (raw / "a099.txt").unlink()
    serial = cli("validate", "--jobs", "1", cwd=corpus)
    pooled = cli("validate", "--jobs", "2", cwd=corpus)
    assert serial.returncode == pooled.returncode == 1
    assert serial.stdout == pooled.stdout
    assert [c for _, c in _codes(serial.stdout)].count("COR001") == 12  # {} lacks every required field
    assert ("clean/a007.json", "COR004") in _codes(serial.stdout)
    assert ("clean/a099.json", "COR007") in _codes(serial.stdout)
    assert f"validated {n} record(s) and {n - 1} raw file(s)" in pooled.stderr


@pytest.mark.parametrize("fmt", ["json", "github"])
def test_formats(cli, corpus: Path, fmt: str) -> None:
    (corpus / "raw" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    proc = cli("validate", "--format", fmt, cwd=corpus)
    assert proc.returncode == 1
    if fmt == "json":
        (finding,) = json.loads(proc.stdout)
        assert (finding["path"], finding["code"], finding["kind"]) == ("raw/a.txt", "COR006", "missing")
    else:
        assert proc.stdout.startswith("::error file=raw/a.txt,line=1,col=1,title=COR006 record.missing::missing: no record")
