"""The cleaning step: one job in, one outcome out (read the raw file, confirm an earlier output
or clean it, serialise the record). A pure function of its job and the configuration, so any
executor can run it (serially, in a process pool, on Ray; see ``cleaner.executors``); it never
writes a file. Never raises for bad input: a reject is an outcome."""

from __future__ import annotations

import json
import os
import time
import traceback
from dataclasses import dataclass, replace
from typing import Any, Mapping

from . import rejects
from .api import clean_bytes
from .canonical_json import dumps_indented
from .config import Config
from .errors import InternalError, RejectError, RuleCrash
from .freshness import CURRENT, RACY_SECONDS, record_status, sha256_of
from .outcomes import Job, Known, Outcome, Reject, Task, known_reject
from .engine.pipeline import Pipeline
from .raw_files import read_raw_with_stat


@dataclass(frozen=True)
class CleanStep:
    """The unit of work: one job (or bare task) in, one outcome out. Picklable (it carries the
    config, not the pipeline), so any executor can ship it to a worker; each process builds its
    pipeline once (``Pipeline.for_config`` is cached)."""

    config: Config
    #: Let an internal error (a bug in a rule) propagate instead of rejecting the file.
    strict: bool = False
    #: Record bytes as ``indent`` (the canonical record file) or ``line`` (one JSON Lines line).
    layout: str = "indent"

    def __call__(self, job: Job | Task) -> Outcome:
        if isinstance(job, Task):
            job = Job(job)
        outcome = process_task(job.task, Pipeline.for_config(self.config), self.strict, job.known, self.layout)
        if job.previous is not None and outcome.out is None:
            outcome = replace(outcome, out=job.previous)
        return outcome

    def prepare(self) -> None:
        """Load what the first document would load (rule packs, ftfy, language profiles, the
        schema validator) now. Executors that fork workers call it first, so the workers
        inherit all of it instead of each paying for it."""
        pipeline = Pipeline.for_config(self.config)
        try:
            clean_bytes(_WARM_UP_TEXT, "warm-up", "warm-up.txt", pipeline=pipeline)
        except Exception:  # best effort: a real file with the same problem reports it properly
            pass


_WARM_UP_TEXT = "Go to contents\n\nThe ministry said on Monday that the “talks” went well.\n".encode("utf-8")


def serialize_record(record: Mapping[str, Any], layout: str = "indent") -> bytes:
    """Bytes of a record built by :func:`cleaner.record.build_record` (already in canonical key
    order): the canonical file (indent 2, trailing newline) or one compact JSON Lines line."""
    if layout == "line":
        return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    return (dumps_indented(record) + "\n").encode("utf-8")


def _raw_stamp(st: os.stat_result, size: int) -> tuple[int, int]:
    """Size and mtime to remember; the mtime of a file modified moments ago is not trusted."""
    racy = time.time_ns() - st.st_mtime_ns < RACY_SECONDS * 1e9
    return size, (-1 if racy else st.st_mtime_ns)


def process_task(task: Task, pipeline: Pipeline, strict: bool = False, known: Known | None = None, layout: str = "indent") -> Outcome:
    """Read, clean and serialise one raw file -- or confirm that what ``known`` describes is
    still current. Never raises for bad input; an internal error rejects the file with REJ099
    (naming the rule when a rule crashed), or raises :class:`InternalError` if ``strict``."""
    started = time.perf_counter()
    raw: tuple[int, int] | None = None
    sha: str | None = None
    try:
        data, st = read_raw_with_stat(task.path, pipeline.config.max_file_bytes, task.follow)
        raw, sha = _raw_stamp(st, len(data)), sha256_of(data)
        if known is not None and record_status(known.head, sha, pipeline.config_hash) == CURRENT:
            return Outcome(task, kept=True, out=known.out, rule_counts=known.rules, raw=raw, sha256=sha,
                           reject=known_reject(task, known.out), seconds=time.perf_counter() - started)
        record = clean_bytes(data, task.record_id, task.source_path, pipeline=pipeline)
        counts: dict[str, int] = {}
        for change in record["changes"]:
            counts[change["rule"]] = counts.get(change["rule"], 0) + 1
        return Outcome(task, record=serialize_record(record, layout), rule_counts=counts, seconds=time.perf_counter() - started,
                       raw=raw, sha256=sha, out=known.out if known is not None else None)
    except RejectError as exc:
        return Outcome(task, reject=Reject(task.source_path, exc.code, exc.message, task.record_id), seconds=time.perf_counter() - started,
                       raw=raw, sha256=sha)
    except Exception as exc:  # a bug in a rule must not stop the batch
        if isinstance(exc, RuleCrash):
            rule: str | None = exc.code
            message = f"internal error in rule {exc.code} ({exc.name}): {type(exc.error).__name__}: {exc.error}"
        else:
            rule, message = None, f"internal error: {type(exc).__name__}: {exc}"
        message = " ".join(message.split())  # one line, whatever the exception said
        if strict:
            raise InternalError(task.source_path, message, rule) from exc
        return Outcome(task, reject=Reject(task.source_path, rejects.INTERNAL, message, task.record_id, traceback.format_exc()),
                       seconds=time.perf_counter() - started, raw=raw, sha256=sha)
