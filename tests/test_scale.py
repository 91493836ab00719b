"""Throughput and scale: parallel runs, incremental runs, streaming executors, JSONL shards,
run reports, the progress bar and the summary line."""

from __future__ import annotations

import itertools
import json
import os
import re
import pty
import subprocess
import time
from pathlib import Path

import pytest

from cleaner.config import Config
from cleaner.executors import Done, ProcessPoolExecutor, SerialExecutor, make_executor
from cleaner.executors.base import ordered_chunks
from cleaner.index import INDEX_NAME, Entry, IndexReader
from cleaner.record import dumps_record
from cleaner.outcomes import Outcome, RunSummary
from cleaner.runner import run

from .conftest import ARTICLE, CLEAN, RAW, SEED_IDS, cleaner_executable

CONFIG_ANY = {"languages": None}

PARAGRAPHS = [
    "The central bank left its key rate unchanged on Thursday, citing slower growth in the second quarter.",
    "Officials said the decision was unanimous and that further cuts were possible if inflation kept falling.",
    "Markets had expected the move; the currency barely changed against the dollar after the announcement.",
    "Analysts at several banks said the statement's tone was “more cautious” than in the spring.",
    "The next meeting is scheduled for early December, when new forecasts will be published.",
]


def _article(i: int) -> str:
    rotated = PARAGRAPHS[i % 5:] + PARAGRAPHS[: i % 5]
    return "Go to contents\n\n" + "\n\n".join(rotated) + f"\n\nThe report was number {i}, the ministry's said.\n"


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """A corpus of articles plus files that are rejected for several reasons."""
    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(14):
        (raw / f"art{i:02d}.txt").write_text(_article(i), encoding="utf-8")
    (raw / "empty.txt").write_bytes(b"")
    (raw / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (raw / "korean.txt").write_text("엘제이의 리벤지인가, 류화영의 코스프레인가. 시작은 엘제이가 자신의 SNS에 류화영과 함께 찍은 사진을 공개하면서부터다.\n", encoding="utf-8")
    sub = raw / "sub"
    sub.mkdir()
    (sub / "nested.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\nlanguages = ["en"]\n', encoding="utf-8")
    _age(raw)
    return tmp_path


def _age(folder: Path, seconds: float = 60) -> None:
    """Date files back, as files on disk usually are (a file modified this very second is
    hashed on the next run rather than trusted by its mtime)."""
    past = time.time() - seconds
    for path in folder.rglob("*.txt"):
        os.utime(path, (past, past))


def _config(root: Path, **changes) -> Config:
    return Config(languages=("en",), root=root).replace(**changes)


def _outputs(folder: Path) -> dict[str, bytes]:
    """Every visible file of an output folder (records, shards, reports), by name."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.startswith(".")}


def _run(root: Path, out: str = "clean", **kwargs) -> tuple[RunSummary, list[Outcome]]:
    seen: list[Outcome] = []
    config = kwargs.pop("config", None) or _config(root)
    summary = run([root / "raw"], root / out, config, on_outcome=lambda o, s: seen.append(o), **kwargs)
    return summary, seen


# -- executors ---------------------------------------------------------------------------------


def _slow_square(x: int) -> int:
    time.sleep(0.02 if x % 3 == 0 else 0.0)  # chunks finish out of order
    return x * x


def test_pool_results_come_back_in_input_order() -> None:
    pool = ProcessPoolExecutor(jobs=2, chunk_size=2)
    try:
        assert list(pool.map(_slow_square, range(40))) == [x * x for x in range(40)]
    finally:
        pool.close()


def test_pool_reads_its_input_lazily_with_a_bounded_window() -> None:
    """An endless input: the pool takes only what its window holds, so the first results come
    back and memory stays bounded."""
    pulled = itertools.count()
    taken = []

    def numbers():
        for n in itertools.count():
            taken.append(next(pulled))
            yield n

    pool = ProcessPoolExecutor(jobs=2, chunk_size=3, window=4)
    try:
        first = list(itertools.islice(pool.map(_slow_square, numbers()), 5))
    finally:
        pool.close()
    assert first == [0, 1, 4, 9, 16]
    assert len(taken) <= 3 * 4 + 3  # the window, plus the chunk being filled


def test_ordered_chunks_never_holds_more_than_the_window() -> None:
    in_flight, peak = [0], [0]

    def submit(chunk):
        in_flight[0] += 1
        peak[0] = max(peak[0], in_flight[0])
        return chunk

    def result(handle):
        in_flight[0] -= 1
        return [x + 1 for x in handle]

    assert list(ordered_chunks(submit, result, range(100), 5, 3)) == list(range(1, 101))
    assert peak[0] == 3


def test_done_items_pass_through_without_a_worker() -> None:
    pool = ProcessPoolExecutor(jobs=2, chunk_size=4)
    try:
        assert list(pool.map(_slow_square, [Done("a"), Done("b"), Done("c"), Done("d")])) == ["a", "b", "c", "d"]
        assert pool._pool is None  # nothing to compute: no process was started
        assert list(pool.map(_slow_square, [Done("a"), 3, Done("c"), 5])) == ["a", 9, "c", 25]
    finally:
        pool.close()
    assert list(SerialExecutor().map(_slow_square, [2, Done("x")])) == [4, "x"]


def test_ray_backend_without_ray_is_a_clear_error(monkeypatch) -> None:
    from cleaner.executors.ray import RayUnavailable

    monkeypatch.setitem(__import__("sys").modules, "ray", None)  # as if not installed
    with pytest.raises(RayUnavailable, match=r"pip install 'cleaner-news\[ray\]'"):
        make_executor("ray", 2)


def test_cli_ray_backend_without_ray_exits_2(cli, small_corpus: Path, tmp_path: Path) -> None:
    shadow = tmp_path / "shadow"
    (shadow / "ray").mkdir(parents=True)
    (shadow / "ray" / "__init__.py").write_text("raise ImportError('no ray here')\n", encoding="utf-8")
    proc = cli("run", "--backend", "ray", cwd=small_corpus, env={"PYTHONPATH": str(shadow)})
    assert proc.returncode == 2 and "pip install 'cleaner-news[ray]'" in proc.stderr


def test_make_executor() -> None:
    assert isinstance(make_executor("local", 1), SerialExecutor)
    pool = make_executor("local", 3)
    assert isinstance(pool, ProcessPoolExecutor) and pool.jobs == 3
    with pytest.raises(ValueError):
        make_executor("slurm", 2)


# -- parallel runs are byte-identical -----------------------------------------------------------


@pytest.mark.parametrize("jobs,chunk", [(2, 1), (2, 3), (3, 64)])
def test_any_number_of_jobs_gives_the_same_bytes(small_corpus: Path, jobs: int, chunk: int) -> None:
    serial, _ = _run(small_corpus, "serial")
    pool = ProcessPoolExecutor(jobs=jobs, chunk_size=chunk)
    parallel, _ = _run(small_corpus, "parallel", executor=pool)
    assert _outputs(small_corpus / "serial") == _outputs(small_corpus / "parallel")
    assert (serial.written, serial.rejected) == (parallel.written, parallel.rejected) == (15, 3)
    assert parallel.backend == "local" and parallel.jobs == jobs


def test_cli_jobs_output_matches_the_committed_seed_records(cli, tmp_path: Path) -> None:
    proc = cli("run", str(RAW), "--out", str(tmp_path / "out"), "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    for record_id in SEED_IDS:
        assert (tmp_path / "out" / f"{record_id}.json").read_bytes() == (CLEAN / f"{record_id}.json").read_bytes()


def test_records_are_the_canonical_serialisation(small_corpus: Path) -> None:
    _run(small_corpus)
    for path in (small_corpus / "clean").glob("art*.json"):
        assert dumps_record(json.loads(path.read_bytes())) == path.read_bytes()


# -- incremental runs ---------------------------------------------------------------------------


def test_unchanged_rerun_recomputes_nothing(small_corpus: Path) -> None:
    first, _ = _run(small_corpus)
    before = {p.name: p.stat().st_mtime_ns for p in (small_corpus / "clean").iterdir()}
    second, outcomes = _run(small_corpus)
    assert all(o.kept for o in outcomes)
    assert (second.written, second.unchanged, second.rejected, second.skipped) == (0, 15, 3, 18)
    assert second.rule_counts == first.rule_counts  # counts of kept records come from the index
    assert [r.line() for r in second.rejects] == [r.line() for r in first.rejects]
    after = {p.name: p.stat().st_mtime_ns for p in (small_corpus / "clean").iterdir() if p.name != INDEX_NAME}
    assert all(before[name] == mtime for name, mtime in after.items())


def test_size_and_mtime_are_trusted_without_reading(small_corpus: Path) -> None:
    """Like make and rsync: same size, same mtime -> not read at all (this is what makes an
    unchanged re-run cheap)."""
    _run(small_corpus)
    raw = small_corpus / "raw" / "art03.txt"
    st = raw.stat()
    data = raw.read_bytes()
    raw.write_bytes(data.replace(b"central", b"CENTRAL"))
    os.utime(raw, ns=(st.st_atime_ns, st.st_mtime_ns))
    summary, outcomes = _run(small_corpus)
    assert all(o.kept for o in outcomes) and summary.written == 0


def test_touched_file_is_hashed_and_kept(small_corpus: Path) -> None:
    _run(small_corpus)
    raw = small_corpus / "raw" / "art03.txt"
    os.utime(raw, (time.time() - 5, time.time() - 5))
    summary, outcomes = _run(small_corpus)
    touched = [o for o in outcomes if o.task.record_id == "art03"][0]
    assert touched.kept and touched.raw[1] == raw.stat().st_mtime_ns  # the index learns the new mtime
    assert summary.written == 0
    _, outcomes = _run(small_corpus)
    assert all(o.kept for o in outcomes)


def test_changed_raw_file_is_recomputed(small_corpus: Path) -> None:
    _run(small_corpus)
    raw = small_corpus / "raw" / "art03.txt"
    raw.write_text(_article(3).replace("central bank", "national bank"), encoding="utf-8")
    summary, outcomes = _run(small_corpus)
    assert summary.written == 1 and summary.skipped == 17
    assert "national bank" in json.loads((small_corpus / "clean" / "art03.json").read_text(encoding="utf-8"))["text"]
    assert not [o for o in outcomes if o.task.record_id == "art03"][0].kept


def test_force_recomputes_but_rewrites_nothing(small_corpus: Path) -> None:
    _run(small_corpus)
    summary, outcomes = _run(small_corpus, force=True)
    assert not any(o.kept for o in outcomes)
    assert (summary.written, summary.unchanged, summary.skipped) == (0, 15, 0)


def test_config_change_recomputes(small_corpus: Path) -> None:
    _run(small_corpus)
    summary, outcomes = _run(small_corpus, config=_config(small_corpus, quotes="straight"))
    assert not any(o.kept for o in outcomes)
    assert summary.written == 15  # config_hash differs in every record


def test_index_of_other_code_is_not_trusted(small_corpus: Path) -> None:
    """An entry made under another run stamp (another version, configuration, code or ftfy)
    is recomputed, even though the record's own fields look current."""
    _run(small_corpus)
    index = small_corpus / "clean" / INDEX_NAME
    index.write_text(index.read_text(encoding="utf-8").replace('"stamp":"', '"stamp":"x'), encoding="utf-8")
    summary, outcomes = _run(small_corpus)
    assert not any(o.kept for o in outcomes)
    assert (summary.written, summary.unchanged) == (0, 15)


def test_without_an_index_the_record_decides(small_corpus: Path) -> None:
    """No index (a fresh clone, a copied folder): each record is checked against its raw
    file's hash with record_status, and kept when current."""
    _run(small_corpus)
    (small_corpus / "clean" / INDEX_NAME).unlink()
    stale = small_corpus / "clean" / "art05.json"
    record = json.loads(stale.read_text(encoding="utf-8"))
    record["cleaner"]["config_hash"] = "sha256:0000000000000000"
    stale.write_bytes(dumps_record(record))
    summary, outcomes = _run(small_corpus)
    kept = {o.task.record_id for o in outcomes if o.kept}
    assert "art05" not in kept and {"art00", "art13", "nested"} <= kept
    assert summary.written == 1
    assert json.loads(stale.read_text(encoding="utf-8"))["cleaner"]["config_hash"] != "sha256:0000000000000000"


def test_deleted_record_is_written_again(small_corpus: Path) -> None:
    _run(small_corpus)
    (small_corpus / "clean" / "art07.json").unlink()
    summary, _ = _run(small_corpus)
    assert summary.written == 1 and (small_corpus / "clean" / "art07.json").exists()


def test_now_rejected_input_loses_its_record_in_an_incremental_run(small_corpus: Path) -> None:
    _run(small_corpus)
    (small_corpus / "raw" / "art07.txt").write_bytes(b"")
    summary, _ = _run(small_corpus)
    assert not (small_corpus / "clean" / "art07.json").exists()
    assert summary.removed_stale == 1
    assert any(r.path == "raw/art07.txt" and r.code == "REJ001" for r in summary.rejects)


def test_damaged_index_is_ignored_and_rebuilt(small_corpus: Path) -> None:
    _run(small_corpus)
    index = small_corpus / "clean" / INDEX_NAME
    lines = index.read_bytes().splitlines(keepends=True)
    index.write_bytes(b"".join(lines[:4]) + b"{not json\n" + b"".join(lines[4:]))
    summary, outcomes = _run(small_corpus)
    # Past the damage the records decide (kept); the rejects, which have no record, are redone.
    assert summary.written == 0 and sum(o.kept for o in outcomes) == 15 and summary.rejected == 3
    entries = IndexReader(index)
    assert all(entries.lookup(f"art{i:02d}") is not None for i in range(14))
    entries.close()


def test_subset_run_keeps_the_index_of_the_rest(small_corpus: Path) -> None:
    _run(small_corpus)
    run([small_corpus / "raw" / "art03.txt"], small_corpus / "clean", _config(small_corpus))
    _, outcomes = _run(small_corpus)
    assert all(o.kept for o in outcomes)


def test_interrupted_run_keeps_what_it_finished(small_corpus: Path) -> None:
    """A run that stops half-way (Ctrl-C, an error) keeps the records it wrote and an index
    for them; the next run confirms them without cleaning them again."""

    class Stop(Exception):
        pass

    def stop_after_five(outcome: Outcome, summary: RunSummary) -> None:
        if summary.total == 5:
            raise Stop

    with pytest.raises(Stop):
        run([small_corpus / "raw"], small_corpus / "clean", _config(small_corpus), on_outcome=stop_after_five)
    summary, outcomes = _run(small_corpus)
    assert sum(o.kept for o in outcomes) == 5
    assert (summary.written, summary.rejected) == (10, 3)


def test_index_entries_round_trip_and_stay_sorted(tmp_path: Path) -> None:
    entry = Entry("a", "raw/a.txt", 10, 123, "ab" * 32, "stamp", ("record", 5, 6), {"QUO001": 2})
    assert Entry.from_line(entry.to_line()) == entry
    path = tmp_path / INDEX_NAME
    path.write_bytes(b'{"format": "cleaner-index", "version": 1}\n' + entry.to_line()
                     + Entry("c", "raw/c.txt", 1, 1, "cd" * 32, "s", ("reject", "REJ001", "file is empty")).to_line()
                     + Entry("b", "raw/b.txt", 1, 1, "ef" * 32, "s", ("record", 1, 1)).to_line())  # out of order
    reader = IndexReader(path)
    assert reader.lookup("a") == entry
    assert reader.lookup("b") is None  # the index stops being trusted where its order breaks
    assert reader.lookup("c") is not None
    with pytest.raises(ValueError):
        reader.lookup("b")
    reader.close()


# -- JSON Lines ---------------------------------------------------------------------------------


def _lines(folder: Path) -> list[dict]:
    out = []
    for shard in sorted(folder.glob("part-*.jsonl")):
        out += [json.loads(line) for line in shard.read_text(encoding="utf-8").splitlines()]
    return out


def test_jsonl_shards_hold_the_same_records(small_corpus: Path) -> None:
    _run(small_corpus, "folder")
    summary, _ = _run(small_corpus, "shards", output_format="jsonl", shard_size=4)
    shards = sorted(p.name for p in (small_corpus / "shards").glob("part-*.jsonl"))
    assert shards == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl", "part-00003.jsonl"]
    records = _lines(small_corpus / "shards")
    assert [r["id"] for r in records] == sorted(r["id"] for r in records)
    for record in records:
        on_disk = (small_corpus / "folder" / f"{record['id']}.json").read_bytes()
        assert dumps_record(record) == on_disk
    line = (small_corpus / "shards" / "part-00000.jsonl").read_bytes().splitlines()[0]
    assert line.startswith(b'{"id":"art00","source":{') and b": " not in line[:40]
    assert summary.written == 15 and summary.rejected == 3
    assert (small_corpus / "shards" / "_rejects.json").read_bytes() == (small_corpus / "folder" / "_rejects.json").read_bytes()
    assert not list((small_corpus / "shards").glob("*.json*[!l]"))  # no record files


def test_jsonl_is_byte_identical_across_jobs(small_corpus: Path) -> None:
    _run(small_corpus, "one", output_format="jsonl", shard_size=5)
    _run(small_corpus, "two", output_format="jsonl", shard_size=5, executor=ProcessPoolExecutor(jobs=2, chunk_size=2))
    assert _outputs(small_corpus / "one") == _outputs(small_corpus / "two")


def test_jsonl_incremental_runs(small_corpus: Path) -> None:
    out = small_corpus / "shards"
    _run(small_corpus, "shards", output_format="jsonl", shard_size=4)
    mtimes = {p.name: p.stat().st_mtime_ns for p in out.glob("part-*.jsonl")}
    summary, outcomes = _run(small_corpus, "shards", output_format="jsonl", shard_size=4)
    assert all(o.kept for o in outcomes) and summary.written == 0
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("part-*.jsonl")} == mtimes  # untouched
    # One article changes: it is recomputed, the others are copied from the old shards.
    (small_corpus / "raw" / "art13.txt").write_text(_article(13).replace("central bank", "national bank"), encoding="utf-8")
    summary, outcomes = _run(small_corpus, "shards", output_format="jsonl", shard_size=4)
    assert summary.written == 1 and sum(o.kept for o in outcomes) == 17
    assert [p.name for p in out.glob("part-*.jsonl") if p.stat().st_mtime_ns != mtimes[p.name]] == ["part-00003.jsonl"]
    fresh, _ = _run(small_corpus, "fresh", output_format="jsonl", shard_size=4)
    assert _outputs(out) == _outputs(small_corpus / "fresh")
    # Inputs go away: fewer records, fewer shards.
    for i in range(8):
        (small_corpus / "raw" / f"art{i:02d}.txt").unlink()
    _run(small_corpus, "shards", output_format="jsonl", shard_size=4)
    assert sorted(p.name for p in out.glob("part-*.jsonl")) == ["part-00000.jsonl", "part-00001.jsonl"]
    assert [r["id"] for r in _lines(out)] == ["art08", "art09", "art10", "art11", "art12", "art13", "nested"]


def test_jsonl_subset_run_then_full_run(small_corpus: Path) -> None:
    """A run on some inputs writes shards of just those; the next full run must not copy
    lines the index remembers from shards that were since rewritten."""
    _run(small_corpus, "shards", output_format="jsonl", shard_size=4)
    run([small_corpus / "raw" / "art12.txt", small_corpus / "raw" / "art13.txt"], small_corpus / "shards",
        _config(small_corpus), output_format="jsonl", shard_size=4)
    assert [r["id"] for r in _lines(small_corpus / "shards")] == ["art12", "art13"]
    _run(small_corpus, "shards", output_format="jsonl", shard_size=4)
    _run(small_corpus, "fresh", output_format="jsonl", shard_size=4)
    assert _outputs(small_corpus / "shards") == _outputs(small_corpus / "fresh")


def test_jsonl_run_that_stops_leaves_the_old_shards(small_corpus: Path) -> None:
    out = small_corpus / "shards"
    _run(small_corpus, "shards", output_format="jsonl", shard_size=4)
    before = _outputs(out)

    def stop(outcome: Outcome, summary: RunSummary) -> None:
        if summary.total == 9:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run([small_corpus / "raw"], out, _config(small_corpus, quotes="straight"), on_outcome=stop, output_format="jsonl", shard_size=4)
    assert _outputs(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".cleaner-tmp-")]


# -- the command line: report, summary, progress -------------------------------------------------


def test_cli_report_file(cli, small_corpus: Path) -> None:
    report = small_corpus / "report.json"
    proc = cli("run", "--jobs", "2", "--report", str(report), cwd=small_corpus)
    assert proc.returncode == 1
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["format"] == "cleaner-run-report"
    assert data["files"] == {"total": 18, "written": 15, "unchanged": 0, "rejected": 3, "removed_stale": 0,
                             "recomputed": 18, "skipped_current": 0}
    assert data["rejects_by_code"] == {"REJ001": 1, "REJ002": 1, "REJ005": 1}
    assert data["changes_by_rule"]["NAV001"] == 14
    assert data["run"]["jobs"] == 2 and data["run"]["backend"] == "local"
    assert {"discover_s", "process_s", "total_s", "steps_s", "files_per_s", "slowest"} <= set(data["timings"])
    proc = cli("run", "--report", str(report), cwd=small_corpus)
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["files"]["skipped_current"] == 18 and data["changes_by_rule"]["NAV001"] == 14


def test_cli_report_may_not_pass_for_a_record(cli, small_corpus: Path) -> None:
    proc = cli("run", "--report", "clean/report.json", cwd=small_corpus)
    assert proc.returncode == 2 and "taken for a record" in proc.stderr
    assert not (small_corpus / "clean" / "report.json").exists()
    proc = cli("run", "--report", "clean/_report.json", cwd=small_corpus)
    assert proc.returncode == 1 and (small_corpus / "clean" / "_report.json").exists()


def test_cli_summary_line_and_quiet(cli, small_corpus: Path) -> None:
    proc = cli("run", cwd=small_corpus)
    assert proc.stderr.splitlines()[-1].startswith("cleaned 18 file(s): 15 written, 0 unchanged, 3 rejected in ")
    assert "\r" not in proc.stderr  # no progress bar in a pipe
    proc = cli("run", "--quiet", cwd=small_corpus)
    assert "cleaned" not in proc.stderr and proc.stderr.count("REJ") == 3
    proc = cli("run", cwd=small_corpus)
    assert "0 written, 15 unchanged, 3 rejected" in proc.stderr


def test_cli_usage_errors(cli, small_corpus: Path) -> None:
    assert cli("run", "--jobs", "0", cwd=small_corpus).returncode == 2
    assert cli("run", "--jobs", "two", cwd=small_corpus).returncode == 2
    assert cli("run", "--ray-address", "auto", cwd=small_corpus).returncode == 2
    assert cli("run", "--format", "parquet", cwd=small_corpus).returncode == 2
    assert cli("run", "--shard-size", "10", cwd=small_corpus).returncode == 2


def _run_on_terminal(args: list[str], cwd: Path) -> str:
    """Run the console script with stderr on a pseudo-terminal; what the terminal received."""
    controller, terminal = pty.openpty()
    env = {**os.environ, "TERM": "xterm", "COLUMNS": "100"}
    proc = subprocess.Popen([cleaner_executable(), *args], cwd=cwd, stdout=subprocess.DEVNULL, stderr=terminal, env=env)
    os.close(terminal)
    chunks = []
    while True:
        try:
            data = os.read(controller, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(controller)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal(small_corpus: Path) -> None:
    screen = _run_on_terminal(["run", "--jobs", "1"], small_corpus)
    assert "\rcleaning  [" in screen and "files/s" in screen and "ETA" in screen and "rejected" in screen
    assert "18/18" in screen
    assert re.search(r"\r {20,}\r", screen)  # erased before the summary
    assert screen.rstrip().splitlines()[-1].endswith(" s")  # the summary line stays
    quiet = _run_on_terminal(["run", "--quiet"], small_corpus)
    assert "cleaning  [" not in quiet and "cleaned" not in quiet


# -- discovery ---------------------------------------------------------------------------------


def _tree(root: Path) -> None:
    for rel in ("raw/a.txt", "raw/b.txt", "raw/sub/c.txt", "raw/sub/deeper/d.txt", "raw/notes.md", "other/e.txt"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(ARTICLE, encoding="utf-8")
    (root / "raw" / "link.txt").symlink_to(root / "other" / "e.txt")  # leaves the tree
    (root / "raw" / "inner.txt").symlink_to(root / "raw" / "a.txt")  # stays inside
    (root / "raw" / "dir.txt").mkdir()


@pytest.mark.parametrize("arg,root", [("raw", "."), ("./raw", "."), ("{abs}/raw", "."), ("raw/sub", "."),
                                       ("{abs}", "raw"), ("other", "raw"), ("raw", "other")])
def test_discovery_fast_path_gives_the_same_source_paths(tmp_path: Path, monkeypatch, arg: str, root: str) -> None:
    """Plain files in folders take a shortcut; their source paths are what source_path_for
    gives for each file, whatever form the folder argument has."""
    from cleaner.api import source_path_for
    from cleaner.discovery import discover

    _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    folder = Path(arg.format(abs=tmp_path))
    config = Config(root=(tmp_path / root).resolve())
    tasks, early = discover([folder], config)
    assert tasks, "nothing found"
    for task in tasks:
        assert task.source_path == source_path_for(Path(task.path), config.root, folder)
    assert [t.record_id for t in tasks] == sorted(t.record_id for t in tasks)
    codes = {r.code for r in early}
    if folder.name == "raw":
        assert {"REJ008", "REJ010"} <= codes and "inner" in {t.record_id for t in tasks}
