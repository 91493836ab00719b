"""``cleaner check`` through the real console script: raw files that would be rejected, records
that are broken, stale or out of sync, and the three output formats."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import ARTICLE, CLEAN, REPO, SEED_IDS

KOREAN = "엘제이의 리벤지인가, 류화영의 코스프레인가. 시작은 엘제이가 자신의 SNS에 류화영과 함께 찍은 사진을 공개하면서부터다.\n"

# (case id, raw bytes, expected code or None, line, column): ids carry the code, so
# `pytest -k REJ003` selects a case.
RAW_CASES = [
    ("REJ001-empty", b"", "REJ001", 1, 1),
    ("REJ001-whitespace", b" \n\t\n", "REJ001", 1, 1),
    ("REJ002-png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "REJ002", 1, 1),
    ("REJ002-nul-bytes", b"Hello\nwor\x00\x00\x00\x00\x01\x02\x03ld\n", "REJ002", 2, 4),
    ("REJ003-invalid-utf8", b"First line is fine.\nSecond has \x81\x8d bytes in it.\n", "REJ003", 2, 12),
    ("REJ004-only-chrome", b"Go to contents\nPlease enter your comment!\n", "REJ004", 1, 1),
    ("REJ005-language", KOREAN.encode(), "REJ005", 1, 1),
    ("COR012-little-text", b"The ministry said nothing more on Monday.\n", "COR012", 1, 1),
    ("clean-article", ("Go to contents\n\n" + ARTICLE).encode(), None, 0, 0),
]


@pytest.mark.parametrize("data,code,line,column", [c[1:] for c in RAW_CASES], ids=[c[0] for c in RAW_CASES])
def test_raw_file_findings(cli, corpus: Path, data: bytes, code: str | None, line: int, column: int) -> None:
    raw = corpus / "raw" / "a.txt"
    raw.write_bytes(data)
    proc = cli("check", "raw/a.txt", cwd=corpus)
    if code is None:
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert proc.stdout == ""
        assert "checked 1 file(s): no problems" in proc.stderr
    else:
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert proc.stdout.startswith(f"raw/a.txt:{line}:{column}: {code} "), proc.stdout
        assert len(proc.stdout.splitlines()) == 1
    assert raw.read_bytes() == data  # check changes nothing
    assert not (corpus / "clean").exists()


def test_min_words_from_config_and_option(cli, corpus: Path) -> None:
    (corpus / "raw" / "a.txt").write_text("The ministry said nothing more on Monday.\n", encoding="utf-8")
    assert cli("check", "raw/a.txt", "--min-words", "0", cwd=corpus).returncode == 0
    assert cli("check", "raw/a.txt", "--min-words", "5", cwd=corpus).returncode == 0
    (corpus / "pyproject.toml").write_text('[tool.cleaner]\nlanguages = ["en"]\nmin_words = 3\n', encoding="utf-8")
    assert cli("check", "raw/a.txt", cwd=corpus).returncode == 0
    proc = cli("check", "raw/a.txt", "--min-words", "50", cwd=corpus)
    assert proc.returncode == 1 and "min_words = 50" in proc.stdout


def test_folders_and_many_files_in_any_order(cli, corpus: Path) -> None:
    raw = corpus / "raw"
    (raw / "b.txt").write_bytes(b"")
    (raw / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (raw / "c.txt").write_bytes(b"%PDF-1.7")
    proc = cli("check", "raw", cwd=corpus)
    assert proc.returncode == 1
    assert [line.split(":")[0] for line in proc.stdout.splitlines()] == ["raw/b.txt", "raw/c.txt"]
    again = cli("check", "raw/c.txt", "raw/a.txt", "raw/b.txt", cwd=corpus)
    assert again.stdout == proc.stdout
    assert "checked 3 file(s): 2 problems: 2 rejected" in again.stderr


def test_missing_file_and_id_collision(cli, corpus: Path) -> None:
    (corpus / "raw" / "sub").mkdir()
    (corpus / "raw" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "raw" / "sub" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    proc = cli("check", "raw/a.txt", "raw/sub/a.txt", "raw/nope.txt", cwd=corpus)
    assert proc.returncode == 1
    codes = {line.split(": ")[0]: line.split(": ")[1].split()[0] for line in proc.stdout.splitlines()}
    assert codes == {"raw/a.txt:1:1": "REJ009", "raw/sub/a.txt:1:1": "REJ009", "raw/nope.txt:1:1": "REJ007"}


# -- records ------------------------------------------------------------------------------------


def _seed_corpus(tmp_path: Path) -> Path:
    """A copy of this repository's corpus: config, raw/ and clean/."""
    for name in ("raw", "clean"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copyfile(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _line_of(path: Path, needle: str) -> int:
    return next(no for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_committed_records_pass(cli) -> None:
    proc = cli("check", *(str(CLEAN / f"{rid}.json") for rid in SEED_IDS), str(CLEAN / "_rejects.json"), cwd=REPO)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "checked 2 file(s): no problems" in proc.stderr


def test_schema_errors_name_the_json_path_and_line(cli, tmp_path: Path) -> None:
    corpus = _seed_corpus(tmp_path)
    path = corpus / "clean" / f"{SEED_IDS[0]}.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["changes"][2]["action"] = "deleted"
    record["language_score"] = 2
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    proc = cli("check", f"clean/{SEED_IDS[0]}.json", cwd=corpus)
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert len(lines) == 2  # schema errors only: the other checks need a valid record
    by_path = {line.split(": ")[1].split()[1]: line for line in lines}
    deleted = by_path["$.changes[2].action"]
    deleted_line = _line_of(path, '"deleted"')
    assert deleted.startswith(f"clean/{SEED_IDS[0]}.json:{deleted_line}:")
    assert " COR001 " in deleted and "'deleted' is not one of" in deleted
    score = by_path["$.language_score"]
    score_line = _line_of(path, '"language_score"')
    assert score.startswith(f"clean/{SEED_IDS[0]}.json:{score_line}:")


@pytest.mark.parametrize("damage,code", [
    (lambda p: p.write_bytes(p.read_bytes()[:-40]), "COR002"),
    (lambda p: p.write_bytes(b"\xff" + p.read_bytes()), "COR002"),
    (lambda p: p.write_text(json.dumps(json.loads(p.read_bytes()), ensure_ascii=False, indent=4) + "\n", encoding="utf-8"), "COR003"),
    (lambda p: p.write_bytes(p.read_bytes().rstrip(b"\n")), "COR003"),
    (lambda p: p.write_text(json.dumps(json.loads(p.read_bytes()), indent=2) + "\n", encoding="utf-8"), "COR003"),
], ids=["COR002-truncated", "COR002-not-utf8", "COR003-indent", "COR003-no-final-newline", "COR003-ascii-escapes"])
def test_unreadable_and_non_canonical_records(cli, tmp_path: Path, damage, code: str) -> None:
    corpus = _seed_corpus(tmp_path)
    damage(corpus / "clean" / f"{SEED_IDS[1]}.json")
    proc = cli("check", f"clean/{SEED_IDS[1]}.json", cwd=corpus)
    assert proc.returncode == 1
    assert [line.split(": ")[1].split()[0] for line in proc.stdout.splitlines()] == [code], proc.stdout


def test_stale_raw_names_the_refresh_command(cli, tmp_path: Path) -> None:
    corpus = _seed_corpus(tmp_path)
    raw = corpus / "raw" / f"{SEED_IDS[0]}.txt"
    raw.write_bytes(raw.read_bytes() + b"\nA correction was appended by the desk.\n")
    proc = cli("check", f"clean/{SEED_IDS[0]}.json", cwd=corpus)
    assert proc.returncode == 1
    (line,) = proc.stdout.splitlines()
    assert " COR004 " in line and line.endswith(f"refresh: cleaner run raw/{SEED_IDS[0]}.txt")
    assert cli("run", f"raw/{SEED_IDS[0]}.txt", cwd=corpus).returncode == 0
    assert cli("check", f"clean/{SEED_IDS[0]}.json", cwd=corpus).returncode == 0


def test_stale_cleaner_and_artifacts_after_a_rule_is_enabled(cli, corpus: Path) -> None:
    """Records made with QUO001 off are stale once it is on, and the text still has what it
    repairs: both are reported, with the rule that would act."""
    (corpus / "raw" / "a.txt").write_text("China`s view is clear.\n\n" + ARTICLE, encoding="utf-8")
    assert cli("run", "--disable", "QUO001", cwd=corpus).returncode == 0
    proc = cli("check", "clean/a.json", cwd=corpus)
    assert proc.returncode == 1
    codes = [line.split(": ")[1].split()[0] for line in proc.stdout.splitlines()]
    assert sorted(codes) == ["COR005", "COR008"], proc.stdout
    assert "QUO001 quotes.backtick-apostrophe" in proc.stdout and '"China`s' in proc.stdout
    assert cli("check", "clean/a.json", "--disable", "QUO001", cwd=corpus).returncode == 0


def test_hand_edited_text_does_not_replay(cli, tmp_path: Path) -> None:
    corpus = _seed_corpus(tmp_path)
    path = corpus / "clean" / f"{SEED_IDS[1]}.json"
    record = json.loads(path.read_text(encoding="utf-8"))
    record["text"] = record["text"].replace("China", "Chna", 1)
    from cleaner.record import dumps_record

    path.write_bytes(dumps_record(record))
    proc = cli("check", f"clean/{SEED_IDS[1]}.json", cwd=corpus)
    assert proc.returncode == 1
    assert [line.split(": ")[1].split()[0] for line in proc.stdout.splitlines()] == ["COR011"]
    assert "edited by hand" in proc.stdout


def test_record_under_another_name_and_orphan(cli, tmp_path: Path) -> None:
    corpus = _seed_corpus(tmp_path)
    shutil.copyfile(corpus / "clean" / f"{SEED_IDS[0]}.json", corpus / "clean" / "renamed.json")
    proc = cli("check", "clean/renamed.json", cwd=corpus)
    assert proc.returncode == 1 and " COR009 " in proc.stdout and "renamed.json" in proc.stdout
    (corpus / "raw" / f"{SEED_IDS[0]}.txt").unlink()
    proc = cli("check", f"clean/{SEED_IDS[0]}.json", cwd=corpus)
    assert proc.returncode == 1
    assert " COR007 orphan" in proc.stdout and f"raw/{SEED_IDS[0]}.txt does not exist" in proc.stdout


# -- output formats -----------------------------------------------------------------------------


def test_json_format(cli, corpus: Path) -> None:
    (corpus / "raw" / "a.txt").write_bytes(b"")
    (corpus / "raw" / "b.txt").write_text(ARTICLE, encoding="utf-8")
    proc = cli("check", "--format", "json", "raw/b.txt", "raw/a.txt", cwd=corpus)
    assert proc.returncode == 1
    assert json.loads(proc.stdout) == [{"path": "raw/a.txt", "line": 1, "column": 1, "code": "REJ001",
                                        "kind": "rejected", "message": "file is empty"}]
    clean = cli("check", "--format", "json", "raw/b.txt", cwd=corpus)
    assert clean.returncode == 0 and json.loads(clean.stdout) == []


def test_github_format(cli, corpus: Path) -> None:
    (corpus / "raw" / "a, b.txt").write_bytes(b"Hello\nwor\x00\x00\x00\x00\x01\x02\x03ld\n")
    proc = cli("check", "--format", "github", "raw/a, b.txt", cwd=corpus)
    assert proc.returncode == 1
    assert proc.stdout == "::error file=raw/a%2C b.txt,line=2,col=4,title=REJ002 reject.binary::binary file (37%25 control bytes, the first at offset 9), not text\n"


def test_usage_errors_exit_2(cli, corpus: Path) -> None:
    assert cli("check", cwd=corpus).returncode == 2
    assert cli("check", "x.txt", "--format", "xml", cwd=corpus).returncode == 2
    assert cli("check", "x.txt", "--disable", "XYZ999", cwd=corpus).returncode == 2
