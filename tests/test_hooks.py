"""The pre-commit hooks through their ``main(argv)``, in the style of pre-commit-hooks' tests:
fixers print what they wrote and exit 1 when they changed something, "already clean" exits 0
and leaves the bytes alone, checks change nothing. Plus the manifest: every hook is a console
script, documented in the README, and mirrored by this repository's own config."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
import yaml

from cleaner.hooks import check_raw, check_records, validate_corpus, write_records

from .conftest import ARTICLE, REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DIRTY = "Go to contents\n\nChina`s view is clear, the ministry said.\n\n" + ARTICLE


@pytest.fixture
def repo(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A corpus as pre-commit sees it: the current folder is its root."""
    monkeypatch.chdir(corpus)
    return corpus


def _snapshot(folder: Path) -> dict[str, bytes]:
    """The visible files of a folder (hidden ones, like the run index, hold mtimes)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


# -- cleaner-write-records -----------------------------------------------------------------------


def test_fixer_writes_the_record_and_fails_then_passes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "raw" / "a.txt").write_text(DIRTY, encoding="utf-8")
    assert write_records.main(["raw/a.txt"]) == 1
    out = capsys.readouterr().out
    assert "wrote clean/a.json" in out
    text = json.loads((repo / "clean" / "a.json").read_text(encoding="utf-8"))["text"]
    assert "Go to contents" not in text and text.startswith("China’s view")
    before = _snapshot(repo / "clean")
    assert write_records.main(["raw/a.txt"]) == 0  # already clean: exit 0, bytes unchanged
    assert capsys.readouterr().out == ""
    assert _snapshot(repo / "clean") == before


def test_fixer_output_equals_cleaner_run(repo: Path, tmp_path_factory: pytest.TempPathFactory, cli) -> None:
    """Split over several calls, in any order, the fixer writes what one `cleaner run` writes."""
    names = ["c.txt", "a.txt", "empty.txt", "b.txt", "image.txt"]
    for i, name in enumerate(names):
        (repo / "raw" / name).write_text(f"Report {i} from the news desk in Seoul.\n\n" + DIRTY, encoding="utf-8")
    (repo / "raw" / "empty.txt").write_bytes(b"")
    (repo / "raw" / "image.txt").write_bytes(b"%PDF-1.4")
    other = tmp_path_factory.mktemp("reference")
    shutil.copytree(repo / "raw", other / "raw")
    shutil.copyfile(repo / "pyproject.toml", other / "pyproject.toml")
    cli("run", cwd=other)

    assert write_records.main(["raw/image.txt", "raw/c.txt"]) == 1
    assert write_records.main(["raw/b.txt", "raw/empty.txt", "raw/a.txt"]) == 1
    assert write_records.main([f"raw/{n}" for n in reversed(names)]) == 0
    assert _snapshot(repo / "clean") == _snapshot(other / "clean")


def test_fixer_removes_the_record_of_a_now_rejected_file(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = repo / "raw" / "a.txt"
    raw.write_text(DIRTY, encoding="utf-8")
    write_records.main(["raw/a.txt"])
    raw.write_bytes(b"\n")
    capsys.readouterr()
    assert write_records.main(["raw/a.txt"]) == 1
    out = capsys.readouterr().out
    assert "removed clean/a.json" in out and "updated clean/_rejects.json" in out and "rejected raw/a.txt: REJ001" in out
    assert not (repo / "clean" / "a.json").exists()


def test_hooks_skip_files_outside_the_corpus(repo: Path) -> None:
    (repo / "notes.txt").write_bytes(b"")
    (repo / "docs").mkdir()
    (repo / "docs" / "x.json").write_text("{}", encoding="utf-8")
    assert write_records.main(["notes.txt", "pyproject.toml"]) == 0
    assert check_raw.main(["notes.txt"]) == 0
    assert check_records.main(["docs/x.json"]) == 0
    assert not (repo / "clean").exists()


def test_hooks_follow_the_configured_folders(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.cleaner]\nraw_dir = "articles"\nclean_dir = "records"\n', encoding="utf-8")
    (repo / "articles").mkdir()
    (repo / "articles" / "a.txt").write_text(DIRTY, encoding="utf-8")
    assert write_records.main(["articles/a.txt", "raw/ignored.txt"]) == 1
    assert (repo / "records" / "a.json").exists()
    assert check_records.main(["records/a.json"]) == 0
    assert validate_corpus.main([]) == 0


# -- checks ---------------------------------------------------------------------------------------


def test_check_raw_names_each_blocked_file_and_changes_nothing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "raw" / "good.txt").write_text(DIRTY, encoding="utf-8")
    (repo / "raw" / "empty.txt").write_bytes(b"")
    (repo / "raw" / "scan.txt").write_bytes(b"%PDF-1.7\n")
    before = _snapshot(repo)
    assert check_raw.main(["raw/scan.txt", "raw/good.txt", "raw/empty.txt"]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "raw/empty.txt:1:1: REJ001 file is empty",
        "raw/scan.txt:1:1: REJ002 binary file (PDF document), not text",
    ]
    assert "2 problems: 2 rejected" in captured.err
    assert _snapshot(repo) == before
    assert check_raw.main(["raw/good.txt"]) == 0


def test_check_raw_min_words_argument(repo: Path) -> None:
    (repo / "raw" / "a.txt").write_text("The ministry said nothing more on Monday.\n", encoding="utf-8")
    assert check_raw.main(["raw/a.txt"]) == 1
    assert check_raw.main(["--min-words", "0", "raw/a.txt"]) == 0


def test_check_records(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "raw" / "a.txt").write_text(DIRTY, encoding="utf-8")
    write_records.main(["raw/a.txt"])
    capsys.readouterr()
    assert check_records.main(["clean/a.json", "clean/_rejects.json"]) == 0
    record = repo / "clean" / "a.json"
    record.write_bytes(record.read_bytes().replace(b'"language": "en"', b'"language": "English"'))
    assert check_records.main(["clean/a.json"]) == 1
    (finding,) = capsys.readouterr().out.splitlines()
    assert finding.startswith("clean/a.json:") and " COR001 $.language: 'English' does not match" in finding
    (repo / "raw" / "a.txt").write_text(DIRTY + "\nA late addition.\n", encoding="utf-8")
    write_records.main(["raw/a.txt"])
    capsys.readouterr()
    (repo / "raw" / "a.txt").write_text(DIRTY, encoding="utf-8")
    assert check_records.main(["clean/a.json"]) == 1
    assert "COR004 stale" in capsys.readouterr().out


def test_validate_hook_checks_the_whole_corpus(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "raw" / "a.txt").write_text(DIRTY, encoding="utf-8")
    assert validate_corpus.main([]) == 1
    assert "raw/a.txt:1:1: COR006 missing" in capsys.readouterr().out
    write_records.main(["raw/a.txt"])
    assert validate_corpus.main(["--jobs", "1"]) == 0


def test_config_errors_exit_2(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "pyproject.toml").write_text("[tool.cleaner]\nbogus = 1\n", encoding="utf-8")
    (repo / "raw" / "a.txt").write_text(DIRTY, encoding="utf-8")
    for hook in (write_records, check_raw, validate_corpus):
        assert hook.main(["raw/a.txt"]) == 2
        err = capsys.readouterr().err
        assert "config error" in err and "bogus" in err, hook


# -- the manifest ---------------------------------------------------------------------------------


def _manifest() -> list[dict]:
    return yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def _pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_hook_id_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for hook in _manifest():
        assert f"`{hook['id']}`" in readme, hook["id"]
        assert hook["name"] in readme, hook["name"]


def test_every_hook_is_a_console_script_with_a_main() -> None:
    scripts = _pyproject()["project"]["scripts"]
    for hook in _manifest():
        target = scripts[hook["entry"]]
        module_name, func = target.split(":")
        module = __import__(module_name, fromlist=[func])
        assert callable(getattr(module, func)), target
        assert hook["language"] == "python"
        assert hook.get("pass_filenames", True) is (hook["id"] != "cleaner-validate")


def test_own_config_runs_the_published_hooks_from_the_working_tree() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    local = {hook["id"]: hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]}
    scripts = _pyproject()["project"]["scripts"]
    dependencies = _pyproject()["project"]["dependencies"]
    for hook in _manifest():
        mine = local[hook["id"]]
        for key in ("name", "language", "files", "types_or", "pass_filenames", "require_serial"):
            assert mine.get(key) == hook.get(key), (hook["id"], key)
        module = scripts[hook["entry"]].split(":")[0]
        assert mine["entry"] == f"python -m {module}"
        assert mine["additional_dependencies"] == dependencies
    hygiene = [h for h in local.values() if not h["id"].startswith("cleaner-")]
    assert hygiene and all(h.get("exclude") == "^(raw|clean|fuzz/seeds)/" for h in hygiene)
