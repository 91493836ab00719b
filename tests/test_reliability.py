"""Reliability, round two (issue 16): what an attacker and a crashing machine must not break.

Every test goes through the real ``cleaner`` console script (or a hook's ``main``) with input an
attacker could commit or an unlucky operator could meet; each failed on the code before the fix.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from .conftest import ARTICLE, cleaner_executable

#: A guard against hangs, not a timing assertion: every case here takes a second or two.
HANG = 120


def run_cli(*args: str, cwd: Path, timeout: float = HANG) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([cleaner_executable(), *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=timeout)


def user_pack(corpus: Path, body: str) -> Path:
    (corpus / "packs").mkdir(exist_ok=True)
    pack = corpus / "packs" / "site.toml"
    pack.write_text(body, encoding="utf-8")
    (corpus / "pyproject.toml").write_text('[tool.cleaner]\nlanguages = ["en"]\npacks = ["packs/site.toml"]\n', encoding="utf-8")
    return pack


def user_rule(patterns: list[str], key: str = "patterns", extra: str = "") -> str:
    return f'[USR001]\nname = "user.footer"\nsummary = "A footer."\n{key} = {json.dumps(patterns)}\n{extra}'


# -- 1. user-pack regexes run in linear time ----------------------------------------------------

@pytest.mark.parametrize("pattern", [r"(?:.*,){11}P", r"(.*?,){11}P", r"(a{1,10}){1,10}b", r"(\w+\s?)*x", r".*a.*a.*a.*x"])
def test_1_backtracking_user_patterns_run_in_linear_time(corpus: Path, pattern: str) -> None:
    user_pack(corpus, user_rule([pattern]) + '\n[NAV001]\npatterns = ' + json.dumps([pattern]) + "\n")
    hostile = "\n".join(["," * 40, "a" * 40 + "c", "ab " * 60])
    (corpus / "raw" / "a.txt").write_text(ARTICLE + "\n" + hostile + "\n", encoding="utf-8")
    proc = run_cli("run", cwd=corpus)
    assert proc.returncode == 0, proc.stderr
    record = json.loads((corpus / "clean" / "a.json").read_text(encoding="utf-8"))
    assert "," * 40 in record["text"]
    proc = run_cli("check", "raw/a.txt", "clean/a.json", cwd=corpus)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_1_user_patterns_still_remove_what_they_match(corpus: Path) -> None:
    user_pack(corpus, user_rule([r"\d+ readers? online", r"(?:.*,){3} P"]) + '\n[NAV001]\npatterns = ["Skip to the (?:good|best) part"]\n')
    (corpus / "raw" / "a.txt").write_text("Skip to the best part\n\n" + ARTICLE + "\n12 readers online\n\nx, y, z, P\n", encoding="utf-8")
    assert run_cli("run", cwd=corpus).returncode == 0
    record = json.loads((corpus / "clean" / "a.json").read_text(encoding="utf-8"))
    assert record["text"] == ARTICLE.strip()
    assert sorted(c["rule"] for c in record["changes"]) == ["NAV001", "USR001", "USR001"]


@pytest.mark.parametrize("pattern,key", [(r"(a{1,100}){1,100}$", "patterns"), (r"(?<=a)b", "edge_patterns"), (r"(a)\1", "patterns")])
@pytest.mark.parametrize("command", [["run"], ["check", "raw/a.txt"], ["validate"]])
def test_1_a_pattern_re2_cannot_run_is_refused_naming_pack_and_pattern(corpus: Path, pattern: str, key: str, command: list[str]) -> None:
    pack = user_pack(corpus, user_rule([pattern], key))
    (corpus / "raw" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    proc = run_cli(*command, cwd=corpus)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert str(Path("packs") / pack.name) in proc.stderr and repr(pattern) in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (corpus / "clean").exists()


# -- 2. pack patterns see one line, capped -------------------------------------------------------

def test_2_a_pack_cannot_lift_the_line_cap(corpus: Path) -> None:
    user_pack(corpus, user_rule([r"[^|]*\| Example News"], extra="max_chars = 100000000\n"))
    (corpus / "raw" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    proc = run_cli("run", cwd=corpus)
    assert proc.returncode == 2 and "max_chars" in proc.stderr, proc.stderr
    assert not (corpus / "clean").exists()


def test_2_a_line_spanning_user_pattern_stays_within_each_line(corpus: Path) -> None:
    """``[^|]*`` can match line breaks: scanned over the joined lines it was quadratic in the
    number of lines (32k short lines took 23 s, these 128k several minutes); per line it is
    linear."""
    user_pack(corpus, user_rule([r"[^|]*\| Example News"]))
    lines = "\n".join(f"word {i} and more" for i in range(128_000))
    text = "The Daily | Example News\n\n" + ARTICLE + "\n" + lines + "\nExample News | The Daily\n"
    (corpus / "raw" / "a.txt").write_text(text, encoding="utf-8")
    proc = run_cli("run", cwd=corpus)
    assert proc.returncode == 0, proc.stderr
    record = json.loads((corpus / "clean" / "a.json").read_text(encoding="utf-8"))
    assert record["text"].startswith("China") and record["text"].endswith("Example News | The Daily")
    assert "word 127999" in record["text"]


# -- 3. a record cannot make the checkers read any file ------------------------------------------

def made_corpus(corpus: Path) -> Path:
    """A corpus with one raw article cleaned into ``clean/a.json``."""
    (corpus / "raw" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    proc = run_cli("run", cwd=corpus)
    assert proc.returncode == 0, proc.stderr
    return corpus / "clean" / "a.json"


def check_records_hook(corpus: Path, *argv: str) -> int:
    """The ``cleaner-check-records`` hook's ``main``, run from the corpus as pre-commit does."""
    from cleaner.hooks import check_records

    cwd = os.getcwd()
    os.chdir(corpus)
    try:
        return check_records.main(list(argv))
    finally:
        os.chdir(cwd)


def forge(record_path: Path, edit) -> None:
    from cleaner.record import dumps_indented

    record = json.loads(record_path.read_text(encoding="utf-8"))
    edit(record)
    record_path.write_text(dumps_indented(record) + "\n", encoding="utf-8")


@pytest.mark.parametrize("source", ["../../../../etc/passwd", "/etc/passwd", "/dev/zero", "raw/../../outside.txt", "raw/fifo.txt"])
def test_3_a_record_source_path_outside_the_corpus_or_not_a_file_is_not_read(corpus: Path, source: str) -> None:
    record = made_corpus(corpus)
    (corpus.parent / "outside.txt").write_text(ARTICLE, encoding="utf-8")
    os.mkfifo(corpus / "raw" / "fifo.txt")
    forge(record, lambda r: r["source"].update(path=source))
    proc = run_cli("check", "clean/a.json", cwd=corpus)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "COR007" in proc.stdout and "not read" in proc.stdout, proc.stdout
    assert check_records_hook(corpus, "clean/a.json") == 1


# -- 5. a raw file swapped for a symlink after discovery is not followed --------------------------

def test_5_a_raw_file_swapped_for_an_outside_symlink_is_not_followed(corpus: Path) -> None:
    from cleaner.config import load_config
    from cleaner.pipeline import Pipeline
    from cleaner.discovery import discover
    from cleaner.step import process_task

    (corpus / "raw" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    secret = corpus.parent / "secret.txt"
    secret.write_text(ARTICLE.replace("China", "Secretland"), encoding="utf-8")
    config = load_config(start=corpus)
    tasks, early = discover([corpus / "raw"], config)
    assert [t.record_id for t in tasks] == ["a"] and not early
    (corpus / "raw" / "a.txt").unlink()
    (corpus / "raw" / "a.txt").symlink_to(secret)
    outcome = process_task(tasks[0], Pipeline.for_config(config))
    assert outcome.record is None and outcome.reject is not None and outcome.reject.code == "REJ010", outcome.reject


# -- 6. deeply nested JSON is a finding, not a crash -----------------------------------------------

@pytest.mark.parametrize("where", ["clean/a.json", "clean/orphan.json", "clean/_rejects.json"])
def test_6_deeply_nested_json_is_reported_as_cor002(corpus: Path, where: str) -> None:
    made_corpus(corpus)
    (corpus / where).write_text("[" * 100_000, encoding="utf-8")
    proc = run_cli("validate", cwd=corpus)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "COR002" in proc.stdout and "Traceback" not in proc.stderr
    if where != "clean/_rejects.json":
        proc = run_cli("check", where, cwd=corpus)
        assert proc.returncode == 1 and "COR002" in proc.stdout, proc.stdout + proc.stderr
    proc = run_cli("run", cwd=corpus)
    assert proc.returncode in (0, 1), proc.stderr


# -- 7. run rebuilds a malformed rejects report ----------------------------------------------------

@pytest.mark.parametrize("report", ['{"rejects": 5}', '{"rejects":[{"path":["a"]}]}', '[1, 2]', '{"rejects": [5]}', "not json"])
def test_7_run_rebuilds_a_malformed_rejects_report(corpus: Path, report: str) -> None:
    made_corpus(corpus)
    (corpus / "raw" / "empty.txt").write_text("", encoding="utf-8")
    (corpus / "clean" / "_rejects.json").write_text(report, encoding="utf-8")
    proc = run_cli("run", cwd=corpus)
    assert proc.returncode == 1, proc.stderr
    rebuilt = json.loads((corpus / "clean" / "_rejects.json").read_text(encoding="utf-8"))
    assert [(e["path"], e["code"]) for e in rebuilt["rejects"]] == [("raw/empty.txt", "REJ001")]
    assert run_cli("validate", cwd=corpus).returncode == 0


# -- 8. a FIFO or a device in the output folder is refused, not read ------------------------------

def _fifo_or_zero(path: Path, kind: str) -> None:
    if path.exists():
        path.unlink()
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")


@pytest.mark.parametrize("kind", ["fifo", "zero"])
@pytest.mark.parametrize("name", ["a.json", "_rejects.json", ".cleaner-index.jsonl"])
def test_8_a_fifo_or_device_in_the_output_folder_is_not_read(corpus: Path, name: str, kind: str) -> None:
    made_corpus(corpus)
    if name == ".cleaner-index.jsonl" and not (corpus / "clean" / name).exists():
        pytest.skip("the index lives elsewhere")
    _fifo_or_zero(corpus / "clean" / name, kind)
    proc = run_cli("validate", cwd=corpus, timeout=60)
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stdout + proc.stderr
    if name != ".cleaner-index.jsonl":  # the index is a cache: validate does not read it
        assert "COR002" in proc.stdout and "regular file" in proc.stdout, proc.stdout
    if name == "a.json":
        proc = run_cli("check", f"clean/{name}", cwd=corpus, timeout=60)
        assert proc.returncode == 1 and "regular file" in proc.stdout, proc.stdout + proc.stderr
    proc = run_cli("run", cwd=corpus, timeout=60)
    assert proc.returncode == 0, proc.stderr
    # The run replaced what stood in the output's place with the real file.
    assert (corpus / "clean" / name).is_file() and not (corpus / "clean" / name).is_symlink()
    assert run_cli("validate", cwd=corpus, timeout=60).returncode == 0


# -- 4. TERM, HUP and QUIT stop a run like INT; workers die with their parent --------------------

def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    """Running (a zombie waiting for its reaper counts as dead)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _start_long_run(corpus: Path) -> tuple[subprocess.Popen, list[int]]:
    import time

    for i in range(600):
        (corpus / "raw" / f"a{i:04d}.txt").write_text((ARTICLE + f"\nParagraph {i} of the report.\n\n") * 6, encoding="utf-8")
    proc = subprocess.Popen([cleaner_executable(), "run", "--jobs", "2", "--quiet"], cwd=corpus, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"})
    deadline = time.monotonic() + HANG
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2:
        time.sleep(0.1)
        workers = _children(proc.pid)
    assert len(workers) >= 2, "the pool did not start"
    time.sleep(0.5)
    return proc, workers


def _gone(pids: list[int]) -> bool:
    import time

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if not any(_alive(p) for p in pids):
            return True
        time.sleep(0.1)
    return False


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc to find the workers")
@pytest.mark.parametrize("signame,code", [("SIGTERM", 143), ("SIGHUP", 129), ("SIGQUIT", 131)])
def test_4_a_stop_signal_ends_the_run_and_its_workers(corpus: Path, signame: str, code: int) -> None:
    import signal

    proc, workers = _start_long_run(corpus)
    try:
        proc.send_signal(getattr(signal, signame))
        out, err = proc.communicate(timeout=HANG)  # EOF on both pipes: no worker holds them
    finally:
        for pid in [proc.pid, *workers]:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
    assert proc.returncode == code, err
    assert f"stopped by {signame}" in err.decode(), err
    assert _gone(workers), "a worker outlived the run"
    # What was written is complete: a re-run finishes the job (the files are copies of one
    # article, which COR013 would rightly report).
    assert run_cli("run", "--quiet", cwd=corpus).returncode == 0
    assert run_cli("validate", "--no-duplicates", cwd=corpus).returncode == 0


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc to find the workers")
def test_4_workers_die_when_their_parent_is_killed(corpus: Path) -> None:
    import signal

    proc, workers = _start_long_run(corpus)
    try:
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=HANG)  # EOF on both pipes: no worker holds them
    finally:
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
    assert _gone(workers), "a worker outlived its killed parent"


# -- 11. the nearest [tool.cleaner] decides, broken or not ----------------------------------------

@pytest.mark.parametrize("broken", ['[tool.cleaner]\nraw_dir = raw\n', '[tool.cleaner\nlanguages = ["en"]\n',
                                    '[tool]\ncleaner = { languages = ["en"] \n'])
def test_11_a_broken_corpus_config_is_an_error_not_skipped(tmp_path: Path, broken: str) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\nlanguages = ["en"]\n', encoding="utf-8")
    corpus = tmp_path / "corpus"
    (corpus / "raw").mkdir(parents=True)
    (corpus / "raw" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "pyproject.toml").write_text(broken, encoding="utf-8")
    for command in (["run"], ["rules"], ["validate"], ["check", "raw/a.txt"]):
        proc = run_cli(*command, cwd=corpus)
        assert proc.returncode == 2, (command, proc.stderr)
        assert str(corpus / "pyproject.toml") in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert not (corpus / "clean").exists() and not (tmp_path / "clean").exists()


def test_11_a_pyproject_without_a_cleaner_table_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\nlanguages = ["en"]\nclean_dir = "out"\n', encoding="utf-8")
    corpus = tmp_path / "corpus"
    (corpus / "raw").mkdir(parents=True)
    (corpus / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.black]\nline-length = 99\n', encoding="utf-8")
    proc = run_cli("rules", cwd=corpus)
    assert proc.returncode == 0, proc.stderr


# -- 12. wrong types in the config: exit 2, naming file, key and expected type -------------------

@pytest.mark.parametrize("line,key", [
    ("raw_dir = 5", "raw_dir"), ('clean_dir = ["a"]', "clean_dir"), ("language_sample_chars = 1500.5", "language_sample_chars"),
    ("max_file_bytes = true", "max_file_bytes"), ('min_words = "20"', "min_words"), ('min_language_score = "high"', "min_language_score"),
    ("max_removed_share = true", "max_removed_share"), ("quotes = 1", "quotes"), ("layout = []", "layout"), ("ocr_repair = 1", "ocr_repair"),
    ("languages = 5", "languages"), ("packs = 5", "packs"),
])
@pytest.mark.parametrize("command", [["rules"], ["run"], ["validate"]])
def test_12_a_wrongly_typed_config_value_is_a_usage_error(corpus: Path, line: str, key: str, command: list[str]) -> None:
    (corpus / "pyproject.toml").write_text(f'[tool.cleaner]\n{line}\n', encoding="utf-8")
    (corpus / "raw" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    proc = run_cli(*command, cwd=corpus)
    assert proc.returncode == 2, proc.stderr
    message = proc.stderr.strip()
    assert len(message.splitlines()) == 1 and "pyproject.toml" in message and key in message and "must be" in message, message


@pytest.mark.parametrize("text", ["tool = 5\n", "[tool]\ncleaner = 5\n", "a = " + "[" * 100_000 + "\n[tool.cleaner]\n"])
def test_12_a_config_of_the_wrong_shape_is_a_usage_error(corpus: Path, text: str) -> None:
    (corpus / "pyproject.toml").write_text(text, encoding="utf-8")
    for command in (["rules"], ["run"]):
        proc = run_cli(*command, cwd=corpus)
        assert proc.returncode == 2, proc.stderr
        assert "pyproject.toml" in proc.stderr and "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


# -- 18. usage errors, and --config that is not a file --------------------------------------------

@pytest.mark.parametrize("command", [["validate", "--jobs", "-1"], ["check", "--jobs", "0", "raw"], ["run", "--jobs", "-1"]])
def test_18_a_bad_job_count_is_a_usage_error(corpus: Path, command: list[str]) -> None:
    proc = run_cli(*command, cwd=corpus)
    assert proc.returncode == 2 and "--jobs" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr


@pytest.mark.parametrize("kind", ["fifo", "zero"])
def test_18_a_config_that_is_not_a_regular_file_is_refused(corpus: Path, kind: str) -> None:
    target = corpus / "conf.toml"
    _fifo_or_zero(target, kind)
    proc = run_cli("run", "--config", str(target), cwd=corpus, timeout=60)
    assert proc.returncode == 2 and "regular file" in proc.stderr, proc.stderr


# -- 14. --report never lands in the input tree ----------------------------------------------------

@pytest.mark.parametrize("where", ["raw/a.txt", "raw/report.json", "raw/sub/report.json"])
def test_14_a_report_inside_the_input_tree_is_refused(corpus: Path, where: str) -> None:
    (corpus / "raw" / "sub").mkdir()
    (corpus / "raw" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    proc = run_cli("run", "--report", where, cwd=corpus)
    assert proc.returncode == 2 and "--report" in proc.stderr, proc.stderr
    assert (corpus / "raw" / "a.txt").read_text(encoding="utf-8") == ARTICLE
    assert sorted(p.name for p in (corpus / "raw").rglob("*")) == ["a.txt", "sub"]
    proc = run_cli("run", "raw/a.txt", "--report", "raw/a.txt", cwd=corpus)
    assert proc.returncode == 2 and (corpus / "raw" / "a.txt").read_text(encoding="utf-8") == ARTICLE


# -- 15. rejects-report entries naming paths outside the corpus are dropped ----------------------

def test_15_rejects_entries_outside_the_corpus_are_dropped_and_reported(corpus: Path) -> None:
    made_corpus(corpus)
    entries = [{"path": p, "code": "REJ001", "message": "empty"} for p in ("../../etc/passwd", "/etc/passwd", "raw/../../x.txt")]
    (corpus / "clean" / "_rejects.json").write_text(json.dumps({"rejects": entries}), encoding="utf-8")
    proc = run_cli("run", cwd=corpus)
    assert proc.returncode == 0, proc.stderr
    for entry in entries:
        assert f"dropped the entry for {entry['path']!r}" in proc.stderr, proc.stderr
    assert json.loads((corpus / "clean" / "_rejects.json").read_text(encoding="utf-8")) == {"rejects": []}
    assert run_cli("validate", cwd=corpus).returncode == 0


# -- 17. ids collide as real file systems fold them, no more ---------------------------------------

@pytest.mark.parametrize("names,collide", [
    (("straße", "STRASSE"), False), (("straße", "strasse"), False), (("ﬁle", "file"), False),
    (("Straße", "STRAẞE"), True), (("Café", "CAFÉ"), True), (("ΣΟΦΟΣ", "σοφος"), True), (("Cafe\u0301", "café"), True),
])
def test_17_ids_collide_only_where_a_file_system_folds_them_together(corpus: Path, names: tuple[str, str], collide: bool) -> None:
    for name in names:
        (corpus / "raw" / f"{name}.txt").write_text(ARTICLE, encoding="utf-8")
    proc = run_cli("run", cwd=corpus)
    assert ("REJ009" in proc.stderr) is collide, proc.stderr
    assert proc.returncode == (1 if collide else 0), proc.stderr


# -- 9. a disk that fills while the index is written -----------------------------------------------

def _small_files_only(limit: int):
    def preexec() -> None:
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return preexec


def test_9_a_full_disk_while_the_index_is_written_is_an_output_error(corpus: Path) -> None:
    """Every file may grow to 40 KB: records fit, the index of 400 entries does not."""
    for i in range(400):
        (corpus / "raw" / f"a{i:03d}.txt").write_text(ARTICLE, encoding="utf-8")
    proc = subprocess.run([cleaner_executable(), "run", "--jobs", "1"], cwd=corpus, capture_output=True, text=True,
                          timeout=HANG, preexec_fn=_small_files_only(40_000))
    assert proc.returncode == 2, proc.stderr
    assert "cannot write" in proc.stderr and "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    assert not [p.name for p in (corpus / "clean").iterdir() if p.name.startswith(".cleaner-tmp-")]
    # The records written are complete; a run with room finishes the job (copies of one
    # article: COR013 aside).
    assert run_cli("run", cwd=corpus).returncode == 0
    assert run_cli("validate", "--no-duplicates", cwd=corpus).returncode == 0


# -- 13. temp files of a killed run go, even when a live process has its pid ---------------------

def test_13_a_dead_runs_temp_file_goes_though_its_pid_is_alive_again(corpus: Path) -> None:
    made_corpus(corpus)
    reused = corpus / "clean" / f".cleaner-tmp-{os.getppid()}-0badc0de-x1y2.part"  # a live pid, not a writer
    reused.write_bytes(b"half a reco")
    os.utime(reused, (1_000_000_000, 1_000_000_000))
    proc = run_cli("run", cwd=corpus)
    assert proc.returncode == 0, proc.stderr
    assert not reused.exists()
    assert sorted(p.name for p in (corpus / "clean").iterdir() if p.name.startswith(".cleaner-tmp-")) == []


# -- 16. only what the cleaner wrote is deleted ---------------------------------------------------

def test_16_a_foreign_file_named_like_a_rejected_record_is_left_alone(corpus: Path) -> None:
    record = made_corpus(corpus)
    (corpus / "raw" / "a.txt").write_text("", encoding="utf-8")
    proc = run_cli("run", cwd=corpus)  # a.txt is now rejected: its own record goes
    assert proc.returncode == 1 and not record.exists(), proc.stderr
    foreign = corpus / "clean" / "a.json"
    foreign.write_text('{"notes": "mine, not the cleaner\'s"}\n', encoding="utf-8")
    proc = run_cli("run", cwd=corpus)
    assert proc.returncode == 1, proc.stderr
    assert foreign.read_text(encoding="utf-8") == '{"notes": "mine, not the cleaner\'s"}\n'
    assert "left alone" in proc.stderr and "a.json" in proc.stderr, proc.stderr


def test_16_a_foreign_shard_is_left_alone(corpus: Path) -> None:
    for i in range(3):
        (corpus / "raw" / f"a{i}.txt").write_text(ARTICLE, encoding="utf-8")
    assert run_cli("run", "--format", "jsonl", cwd=corpus).returncode == 0
    foreign = corpus / "clean" / "part-00007.jsonl"
    foreign.write_text('{"mine": true}\n', encoding="utf-8")
    proc = run_cli("run", "--format", "jsonl", "--force", cwd=corpus)
    assert proc.returncode == 0, proc.stderr
    assert foreign.exists() and "left alone" in proc.stderr and "part-00007.jsonl" in proc.stderr, proc.stderr
    # A shard the cleaner wrote past the new count still goes.
    (corpus / "raw" / "a2.txt").unlink()
    for i in range(3):
        (corpus / "raw" / f"b{i}.txt").write_text(ARTICLE, encoding="utf-8")
    assert run_cli("run", "--format", "jsonl", "--shard-size", "1", cwd=corpus).returncode == 0
    assert sorted(p.name for p in (corpus / "clean").glob("part-*.jsonl")) == [f"part-{i:05d}.jsonl" for i in range(5)] + ["part-00007.jsonl"]
    assert run_cli("run", "--format", "jsonl", "--shard-size", "2", cwd=corpus).returncode == 0
    assert sorted(p.name for p in (corpus / "clean").glob("part-*.jsonl")) == [f"part-{i:05d}.jsonl" for i in range(3)] + ["part-00007.jsonl"]


# -- 10. a hand-edited record is found and made again --------------------------------------------

@pytest.mark.parametrize("field,value", [("title", "A Forged Title"), ("language", "de"), ("language_score", 0.5),
                                         ("authors", [{"name": "Someone Else"}]), ("published", "1999-01-01")])
def test_10_a_hand_edited_derived_field_is_found_and_made_again(corpus: Path, field: str, value: object) -> None:
    record = made_corpus(corpus)
    original = record.read_bytes()
    forge(record, lambda r: r.__setitem__(field, value))
    proc = run_cli("validate", cwd=corpus)
    assert proc.returncode == 1 and "COR011" in proc.stdout and field in proc.stdout, proc.stdout
    proc = run_cli("check", "clean/a.json", cwd=corpus)
    assert proc.returncode == 1 and "COR011" in proc.stdout and field in proc.stdout, proc.stdout
    assert check_records_hook(corpus, "clean/a.json") == 1
    proc = run_cli("run", cwd=corpus)
    assert proc.returncode == 0, proc.stderr
    assert record.read_bytes() == original
