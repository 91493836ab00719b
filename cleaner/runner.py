"""Batch runs: find the raw files, clean each one, write records and the rejects report.

The runner plans and drives a run; the pieces are modules of their own: finding the inputs
(``cleaner.discovery``), the work per file (``cleaner.step.CleanStep``: read, check freshness,
clean, serialise; a pure step -- a job in, record bytes or a reject out -- so any executor can
run it, serially, in a process pool or on Ray: ``cleaner.executors``), the data passed between
them (``cleaner.outcomes``) and the writing (``cleaner.sinks``). The pipeline never sees a file.
The runner decides what to run and has the results written in input order, so the output is
the same whichever executor ran it and however many workers it had.

Guarantees: raw files are only read; a record is written atomically and only when its bytes
change; every input ends as a record or as an entry of the rejects report (``_rejects.json`` in
the output folder), never both; a record left from an earlier run for a now-rejected input is
removed.

Incremental runs: a hidden index in the output folder (``cleaner.index``) remembers each raw
file's size, mtime and sha256 and what it became. A raw file whose size and mtime are unchanged,
made under the same run stamp (``cleaner.freshness.run_stamp``), whose output is still there as
it was written, is not read again; one whose size or mtime changed is hashed, and kept when the
hash is unchanged. Without an index entry the existing record itself decides
(``cleaner.freshness.record_status``). ``force=True`` recomputes everything.

Streaming: tasks flow through the executor lazily with a bounded number in flight, the old index
is read alongside them and the new one written as outcomes arrive; no document, record or index
is held whole in memory. Only the list of paths (and the rejects) grows with the corpus.
"""

from __future__ import annotations

import os
import stat as stat_module
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from . import rejects
from .config import Config
from .discovery import discover
from .executors import Done, SerialExecutor
from .freshness import raw_stat_matches, run_stamp
from .index import Entry, IndexReader, IndexWriter
from .outcomes import Job, Known, Outcome, RunSummary, Task, known_reject
from .pipeline import Pipeline
from .sinks import make_sink
from .step import CleanStep
from .version import __version__

#: Rejects that depend on the file's content (and config), so an index may remember them.
#: Unreadable files are retried every run: fixing a permission does not change the mtime.
_CONTENT_REJECTS = frozenset({rejects.EMPTY, rejects.BINARY, rejects.UNDECODABLE, rejects.NOTHING_LEFT,
                              rejects.LANGUAGE, rejects.TOO_LARGE, rejects.INTERNAL})



# -- planning ---------------------------------------------------------------------------------


def plan(tasks: Iterable[Task], index: IndexReader | None, sink: Any, stamp: str, config_hash: str, force: bool = False) -> Iterator[Job | Done]:
    """What to do for each task, with cheap checks only: one lookup in the (sorted) index, a
    stat of the raw file and one of its output.

    * ``Done(outcome)``: the index entry is current and the raw file's size and mtime match --
      nothing is read, no worker is involved;
    * ``Job(task, known)``: an earlier output may still be current; the step hashes the raw
      file and keeps the output if :func:`record_status` says so;
    * ``Job(task)``: clean it.
    """
    current_cleaner = {"version": __version__, "config_hash": config_hash}
    for task in tasks:
        entry = index.lookup(task.record_id) if index is not None else None
        if force or (entry is not None and entry.stamp != stamp):
            # Asked to, or made by other code or another configuration: clean it again.
            previous = entry.out if entry is not None and entry.path == task.source_path and sink.output_intact(entry) else None
            yield Job(task, previous=previous)
            continue
        if entry is not None and entry.kind == "record" and entry.path == task.source_path and not sink.output_intact(entry):
            # This run's index remembers writing the record, and it changed since (by hand?):
            # it is not trusted but made again.
            yield Job(task)
            continue
        if entry is not None and entry.path == task.source_path and sink.output_intact(entry):
            try:
                st = os.stat(task.path)
                unchanged = stat_module.S_ISREG(st.st_mode) and raw_stat_matches(st.st_size, st.st_mtime_ns, entry.raw_size, entry.raw_mtime_ns)
            except OSError:
                unchanged = False
            if unchanged:
                yield Done(Outcome(task, kept=True, out=entry.out, rule_counts=entry.rules, raw=(entry.raw_size, entry.raw_mtime_ns),
                                   sha256=entry.sha256, reject=known_reject(task, entry.out)))
            else:
                head = {"source": {"sha256": entry.sha256}, "cleaner": current_cleaner}
                yield Job(task, Known(head, entry.out, entry.rules))
            continue
        existing = sink.existing_record(task.record_id)
        if existing is not None and existing[0]["source"].get("path") == task.source_path:
            head, out, counts = existing
            yield Job(task, Known(head, out, counts))
            continue
        yield Job(task)


# -- the run ----------------------------------------------------------------------------------


def run(paths: Iterable[str | Path], out_dir: str | Path, config: Config, executor: Any = None,
        on_outcome: Callable[[Outcome, RunSummary], None] | None = None, strict: bool = False, *,
        force: bool = False, output_format: str = "json", shard_size: int | None = None,
        on_start: Callable[[int], None] | None = None) -> RunSummary:
    """Clean ``paths`` (files or folders of ``*.txt``) into ``out_dir``; see the module doc.

    ``executor`` runs the steps (default: serially in this process; see ``cleaner.executors``).
    ``on_start(total)`` is called once the inputs are known and ``on_outcome`` after each one
    (progress bars). ``force`` recomputes current records. ``output_format`` is ``json`` (a
    record file per article) or ``jsonl`` (shards of ``shard_size`` records)."""
    started = time.perf_counter()
    pipeline = Pipeline.for_config(config)  # fail early on config errors (unknown codes, bad packs)
    out = Path(out_dir)
    tasks, early = discover([Path(p) for p in paths], config)
    sink = make_sink(out, output_format, shard_size)
    summary = RunSummary(output_format=output_format)
    summary.timings["discover_s"] = time.perf_counter() - started
    for reject in early:
        sink.reject(reject, summary)
    executor = executor if executor is not None else SerialExecutor()
    if on_start is not None:
        on_start(len(tasks) + len(early))
    stamp = run_stamp(pipeline.config_hash)
    from .config import config_settings

    index = IndexWriter(out, config.root, sink.replaces, {pipeline.config_hash: config_settings(config, pipeline.packs.files)})
    lookups = IndexReader(out / index.path.name)
    step = CleanStep(config, strict, sink.layout)
    processing = time.perf_counter()
    finished = False
    try:
        jobs = plan(tasks, lookups, sink, stamp, pipeline.config_hash, force)
        for outcome in executor.map(step, jobs, total=len(tasks)):
            where = sink.write(outcome, summary)
            summary.note(outcome)
            _remember(index, outcome, where, stamp)
            if on_outcome is not None:
                on_outcome(outcome, summary)
        sink.finish()
        summary.notes.extend(getattr(sink, "notes", ()))
        finished = True
    finally:
        summary.backend, summary.jobs = executor.name, executor.jobs
        executor.close()
        lookups.close()
        if finished or sink.partial_index_ok:
            if not finished:
                sink.abort()
            index.commit()
        else:
            sink.abort()
            index.discard()
    summary.timings["process_s"] = time.perf_counter() - processing
    processed = {t.source_path for t in tasks} | {r.path for r in early}
    summary.rejects.sort(key=lambda r: r.path)
    summary.notes.extend(sink.write_rejects_report(processed, summary.rejects, config.root))
    summary.seconds = time.perf_counter() - started
    summary.timings["total_s"] = summary.seconds
    return summary


def _remember(index: IndexWriter, outcome: Outcome, where: tuple[Any, ...] | None, stamp: str) -> None:
    """Add the index entry for one outcome (or note that there is nothing to remember)."""
    task = outcome.task
    if where is None or outcome.raw is None or outcome.sha256 is None:
        index.skip(task.record_id)
        return
    if where[0] == "reject" and where[1] not in _CONTENT_REJECTS:
        index.skip(task.record_id)
        return
    size, mtime_ns = outcome.raw
    index.add(Entry(task.record_id, task.source_path, size, mtime_ns, outcome.sha256, stamp, tuple(where), dict(outcome.rule_counts)))
