"""Faults, through the real console script: a crash inside one document, unreadable inputs, an
output that cannot be written, leftovers of killed runs, unsafe user patterns.

A bug in a rule is simulated by fault injection: a ``sitecustomize`` module on ``PYTHONPATH``
wraps one real rule so that it raises on a marker word. Everything else (console script, runner,
executor, reporting) is the real thing.
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cleaner.errors import OutputError
from cleaner.storage import TEMP_PREFIX, clear_stale_temp_files, write_atomic

from .conftest import ARTICLE, REPO, cleaner_executable

INJECT = '''
from cleaner.rules.quotes import DoubleQuoteOrientation

_original = DoubleQuoteOrientation.repair


def repair(self, text):
    if "CRASH-ME" in text:
        raise ZeroDivisionError("injected fault")
    return _original(self, text)


DoubleQuoteOrientation.repair = repair
'''


@pytest.fixture
def crashing_rule(tmp_path: Path) -> dict:
    """Environment in which QUO006 raises on any line holding ``CRASH-ME``."""
    site = tmp_path / "inject"
    site.mkdir()
    (site / "sitecustomize.py").write_text(INJECT, encoding="utf-8")
    return {"PYTHONPATH": str(site)}


def _corpus_with_a_crash(corpus: Path) -> None:
    raw = corpus / "raw"
    (raw / "a-before.txt").write_text(ARTICLE, encoding="utf-8")
    (raw / "m-crash.txt").write_text('He said "CRASH-ME" twice.\n\n' + ARTICLE, encoding="utf-8")
    (raw / "z-after.txt").write_text(ARTICLE, encoding="utf-8")


def test_a_crash_in_one_document_rejects_it_and_the_run_goes_on(cli, corpus: Path, crashing_rule: dict) -> None:
    _corpus_with_a_crash(corpus)
    proc = cli("run", cwd=corpus, env=crashing_rule)
    assert proc.returncode == 1, proc.stderr
    assert "raw/m-crash.txt: REJ099 internal error in rule QUO006 (quotes.double-quote-orientation): ZeroDivisionError: injected fault" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert sorted(p.name for p in (corpus / "clean").iterdir() if not p.name.startswith(".")) == ["_rejects.json", "a-before.json", "z-after.json"]
    report = json.loads((corpus / "clean" / "_rejects.json").read_text(encoding="utf-8"))["rejects"]
    assert [(r["path"], r["code"]) for r in report] == [("raw/m-crash.txt", "REJ099")]


def test_debug_shows_the_traceback_of_a_crash(cli, corpus: Path, crashing_rule: dict) -> None:
    _corpus_with_a_crash(corpus)
    proc = cli("run", "--debug", cwd=corpus, env=crashing_rule)
    assert proc.returncode == 1
    assert "Traceback" in proc.stderr and "ZeroDivisionError: injected fault" in proc.stderr


def test_strict_makes_a_crash_fatal_with_exit_3(cli, corpus: Path, crashing_rule: dict) -> None:
    _corpus_with_a_crash(corpus)
    proc = cli("run", "--strict", cwd=corpus, env=crashing_rule)
    assert proc.returncode == 3
    assert "raw/m-crash.txt: REJ099 internal error in rule QUO006" in proc.stderr
    assert "stopped by --strict" in proc.stderr
    assert "Traceback" not in proc.stderr
    # what was written before the stop is whole
    assert json.loads((corpus / "clean" / "a-before.json").read_text(encoding="utf-8"))["id"] == "a-before"
    assert not (corpus / "clean" / "m-crash.json").exists()
    proc = cli("--debug", "run", "--strict", cwd=corpus, env=crashing_rule)
    assert proc.returncode == 3 and "Traceback" in proc.stderr


def test_an_internal_error_outside_any_rule_exits_3_without_a_traceback(cli, corpus: Path, tmp_path: Path) -> None:
    site = tmp_path / "inject-discover"
    site.mkdir()
    (site / "sitecustomize.py").write_text(
        "import cleaner.runner as r\n\ndef broken(paths, config):\n    raise KeyError('injected')\n\nr.discover = broken\n", encoding="utf-8")
    (corpus / "raw" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    proc = cli("run", cwd=corpus, env={"PYTHONPATH": str(site)})
    assert proc.returncode == 3
    assert "cleaner: internal error: KeyError: 'injected' (run with --debug for the traceback)" in proc.stderr
    assert "Traceback" not in proc.stderr
    proc = cli("run", "--debug", cwd=corpus, env={"PYTHONPATH": str(site)})
    assert proc.returncode == 3 and "Traceback" in proc.stderr


# -- unreadable inputs --------------------------------------------------------------------------


def _without_permission_override() -> None:
    """Drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from the bounding set before exec: the
    command then runs as root but obeys file permissions, so ``chmod 000`` stops its reads."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _run_obeying_permissions(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    preexec = _without_permission_override if os.geteuid() == 0 else None
    return subprocess.run([cleaner_executable(), *args], cwd=cwd, capture_output=True, text=True, preexec_fn=preexec, timeout=300)


def test_unreadable_files_and_folders_are_rejected_and_the_batch_goes_on(corpus: Path) -> None:
    if os.geteuid() == 0:
        try:
            subprocess.run(["true"], preexec_fn=_without_permission_override, check=True)
        except (OSError, subprocess.SubprocessError) as exc:
            pytest.skip(f"cannot drop root's permission override here: {exc}")
    raw = corpus / "raw"
    (raw / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (raw / "locked.txt").write_text(ARTICLE, encoding="utf-8")
    (raw / "locked-folder").mkdir()
    (raw / "locked-folder" / "hidden-inside.txt").write_text(ARTICLE, encoding="utf-8")
    os.chmod(raw / "locked.txt", 0)
    os.chmod(raw / "locked-folder", 0)
    try:
        proc = _run_obeying_permissions(["run"], corpus)
    finally:
        os.chmod(raw / "locked.txt", 0o644)
        os.chmod(raw / "locked-folder", 0o755)
    assert proc.returncode == 1, proc.stderr
    assert "raw/locked.txt: REJ007 cannot read: Permission denied" in proc.stderr
    assert "raw/locked-folder: REJ007 cannot list this folder (Permission denied); the files in it are not cleaned" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert (corpus / "clean" / "good.json").exists()
    report = json.loads((corpus / "clean" / "_rejects.json").read_text(encoding="utf-8"))["rejects"]
    assert {r["path"]: r["code"] for r in report} == {"raw/locked-folder": "REJ007", "raw/locked.txt": "REJ007"}


# -- output problems ------------------------------------------------------------------------------


def test_an_output_folder_that_cannot_be_made_exits_2(cli, corpus: Path) -> None:
    (corpus / "raw" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "not-a-folder").write_text("x", encoding="utf-8")
    proc = cli("run", "--out", "not-a-folder", cwd=corpus)
    assert proc.returncode == 2
    assert "cannot create the output folder not-a-folder" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_read_only_output_folder_exits_2(corpus: Path) -> None:
    if os.geteuid() == 0:
        try:
            subprocess.run(["true"], preexec_fn=_without_permission_override, check=True)
        except (OSError, subprocess.SubprocessError) as exc:
            pytest.skip(f"cannot drop root's permission override here: {exc}")
    (corpus / "raw" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    out = corpus / "clean"
    out.mkdir()
    os.chmod(out, 0o555)
    try:
        proc = _run_obeying_permissions(["run"], corpus)
    finally:
        os.chmod(out, 0o755)
    assert proc.returncode == 2, proc.stderr
    assert "cleaner: " in proc.stderr and "Traceback" not in proc.stderr
    assert list(out.iterdir()) == []


def test_write_atomic_leaves_the_old_file_whole_when_a_write_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "record.json"
    target.write_bytes(b"old, complete\n")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OutputError, match="No space left on device"):
        write_atomic(target, b"new bytes that never fully land\n")
    assert target.read_bytes() == b"old, complete\n"
    assert [p.name for p in tmp_path.iterdir()] == ["record.json"]  # no temporary file left


def test_temp_files_of_dead_runs_are_cleared_and_those_of_live_runs_kept(tmp_path: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = tmp_path / f"{TEMP_PREFIX}{dead.pid}-abc.part"
    live = tmp_path / f"{TEMP_PREFIX}{os.getpid()}-def.part"
    legacy = tmp_path / f"{TEMP_PREFIX}xyz.part"
    for path in (left, live, legacy):
        path.write_bytes(b"half a reco")
    assert clear_stale_temp_files(tmp_path) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == [live.name]


def test_every_file_the_package_writes_goes_through_write_atomic() -> None:
    """Records, the rejects report and run reports are only ever written by
    ``cleaner.storage.write_atomic``: no other module opens a file for writing."""
    writes = re.compile(r"\.write_(?:text|bytes)\(|\bopen\([^)]*['\"][wax]b?\+?['\"]|os\.open\([^)]*O_(?:WRONLY|RDWR|CREAT)")
    offenders = []
    for path in sorted((REPO / "cleaner").rglob("*.py")):
        if path.name == "storage.py":
            continue
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if writes.search(line) and not line.lstrip().startswith((">>>", "#")) and "os.devnull" not in line:
                offenders.append(f"{path.relative_to(REPO)}:{no}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


# -- configuration -------------------------------------------------------------------------------


@pytest.mark.parametrize("pattern", [r"(?=a)a+", r"(\w)\1", r"(a{1,100}){1,100}$"])
def test_a_user_pattern_re2_cannot_run_is_refused_with_exit_2(cli, corpus: Path, pattern: str) -> None:
    (corpus / "packs").mkdir()
    (corpus / "packs" / "mine.toml").write_text(
        f'[USR001]\nname = "user.footer"\nsummary = "A footer."\npatterns = [{json.dumps(pattern)}]\n', encoding="utf-8")
    (corpus / "pyproject.toml").write_text('[tool.cleaner]\nlanguages = ["en"]\npacks = ["packs/mine.toml"]\n', encoding="utf-8")
    (corpus / "raw" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    proc = cli("run", cwd=corpus)
    assert proc.returncode == 2
    assert "unsupported pattern" in proc.stderr and "Traceback" not in proc.stderr
    assert not (corpus / "clean").exists()


def test_the_size_limit_is_configurable_on_the_command_line(cli, corpus: Path) -> None:
    (corpus / "raw" / "small.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "raw" / "big.txt").write_text(ARTICLE * 20, encoding="utf-8")
    proc = cli("run", "--max-file-bytes", "2K", cwd=corpus)
    assert proc.returncode == 1
    assert re.search(r"raw/big\.txt: REJ006 file is \d+ bytes, over the limit of 2048 \(max_file_bytes\)", proc.stderr)
    assert (corpus / "clean" / "small.json").exists()
    assert cli("run", "--max-file-bytes", "lots", cwd=corpus).returncode == 2


def test_a_rejected_input_never_leaves_an_old_record_behind(cli, corpus: Path) -> None:
    raw = corpus / "raw"
    (raw / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert cli("run", cwd=corpus).returncode == 0
    assert (corpus / "clean" / "a.json").exists()
    (raw / "sub").mkdir()
    (raw / "sub" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    proc = cli("run", cwd=corpus)
    assert proc.returncode == 1
    assert "raw/a.txt: REJ009" in proc.stderr and "raw/sub/a.txt: REJ009" in proc.stderr
    assert not (corpus / "clean" / "a.json").exists()


def test_errors_survive_pickling_between_processes() -> None:
    """A process pool or Ray returns a worker's exception pickled; it must come back whole."""
    import pickle

    from cleaner.errors import InternalError, RecordInvalid, RejectError, RuleCrash

    for error in (RejectError("REJ001", "file is empty", 3), RecordInvalid("bad", "$.text"),
                  InternalError("raw/a.txt", "internal error in rule QUO006", "QUO006"),
                  RuleCrash("QUO006", "quotes.double-quote-orientation", ZeroDivisionError("x"))):
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is type(error) and str(back) == str(error) and vars(back).keys() == vars(error).keys()
