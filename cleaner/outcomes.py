"""What a run deals in: the inputs (``Task``), the work handed to a step (``Job``, with what an
earlier run made of the input: ``Known``), what the step gives back (``Outcome``: record bytes,
a ``Reject`` or "kept"), and the run's tally (``RunSummary``). Plain data, shared by discovery,
the cleaning step, the sinks and the runner; it imports none of them."""

from __future__ import annotations

import heapq
import os
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Mapping

@dataclass(frozen=True)
class Task:
    """One input: where it is and what record it becomes."""

    path: str
    record_id: str
    source_path: str
    #: A symlink found inside the input tree, followed when read; any other input is read
    #: without following a symlink, so a file swapped for one during a run is not followed.
    follow: bool = False


@dataclass(frozen=True)
class Known:
    """What an earlier run made of a task's raw file, for the step to confirm (by the raw
    file's hash) instead of recomputing it."""

    #: ``source`` and ``cleaner`` of the record (or of the index entry) to check with
    #: :func:`cleaner.freshness.record_status` against the raw file's present hash.
    head: Mapping[str, Any]
    #: Where the output is (an index ``out`` tuple), and its change counts by rule.
    out: tuple[Any, ...]
    rules: Mapping[str, int]


@dataclass(frozen=True)
class Job:
    """What a step is given: a task, and what an earlier run made of it (if anything)."""

    task: Task
    known: Known | None = None
    #: Where an earlier output of this task is (an index ``out`` tuple), for comparing bytes.
    previous: tuple[Any, ...] | None = None


@dataclass(frozen=True)
class Reject:
    path: str
    code: str
    message: str
    #: The record this input would have become, so a record left by an earlier run is removed.
    record_id: str | None = field(default=None, compare=False)
    #: The traceback of an internal error (REJ099), shown with ``--debug``; not in the report.
    detail: str | None = field(default=None, compare=False)

    def line(self) -> str:
        return f"{self.path}: {self.code} {self.message}"

    def to_dict(self) -> dict[str, str]:
        return {"path": self.path, "code": self.code, "message": self.message}


@dataclass(frozen=True)
class Outcome:
    """What processing one task produced: record bytes, a reject, or ``kept`` (the existing
    output is current and was not recomputed)."""

    task: Task
    record: bytes | None = None
    reject: Reject | None = None
    rule_counts: Mapping[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    #: The existing output is current and was not recomputed. ``out`` says where the existing
    #: output is (for a recomputed record too, when an earlier run left one).
    kept: bool = False
    out: tuple[Any, ...] | None = None
    #: The raw file as read: size, mtime in ns (``-1`` when too recent to trust), sha256.
    raw: tuple[int, int] | None = None
    sha256: str | None = None


@dataclass
class RunSummary:
    written: int = 0
    unchanged: int = 0
    rejected: int = 0
    removed_stale: int = 0
    #: Of the unchanged records and the rejects: how many were confirmed without cleaning, and
    #: how many went through cleaning (files rejected before reading are neither).
    skipped: int = 0
    recomputed: int = 0
    seconds: float = 0.0
    rejects: list[Reject] = field(default_factory=list)
    #: What the run found wrong in its output folder and set right (a malformed rejects report
    #: rebuilt, entries dropped, files it did not write left alone), one line each.
    notes: list[str] = field(default_factory=list)
    written_paths: list[str] = field(default_factory=list)
    rule_counts: dict[str, int] = field(default_factory=dict)
    #: Seconds spent inside steps (over all workers), and the slowest files.
    step_seconds: float = 0.0
    slowest: list[tuple[float, str]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    backend: str = "serial"
    jobs: int = 1
    output_format: str = "json"

    @property
    def total(self) -> int:
        return self.written + self.unchanged + self.rejected

    def rejects_by_code(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for reject in self.rejects:
            counts[reject.code] = counts.get(reject.code, 0) + 1
        return dict(sorted(counts.items()))

    def line(self) -> str:
        removed = f" ({self.removed_stale} old record(s) of now-rejected files removed)" if self.removed_stale else ""
        return (f"cleaned {self.total} file(s): {self.written} written, {self.unchanged} unchanged, "
                f"{self.rejected} rejected{removed} in {self.seconds:.1f} s")

    def note(self, outcome: Outcome) -> None:
        """Account for one outcome's rule counts and timing (the sink counts what it wrote)."""
        for code, n in outcome.rule_counts.items():
            self.rule_counts[code] = self.rule_counts.get(code, 0) + n
        self.step_seconds += outcome.seconds
        if outcome.kept:
            self.skipped += 1
            return
        self.recomputed += 1
        if outcome.seconds > 0:
            item = (outcome.seconds, outcome.task.source_path)
            if len(self.slowest) < 10:
                heapq.heappush(self.slowest, item)
            elif item > self.slowest[0]:
                heapq.heapreplace(self.slowest, item)




def known_reject(task: Task, out: tuple[Any, ...]) -> Reject | None:
    """The reject an index ``out`` tuple remembers for ``task`` (``None`` for a record)."""
    if out[0] != "reject":
        return None
    return Reject(task.source_path, str(out[1]), str(out[2]), task.record_id)


def shown_path(path: str) -> str:
    """A path as it may be printed and stored in JSON: bytes that are not UTF-8 as ``\\xNN``,
    control characters escaped, so a hostile name cannot break a ``path: CODE message`` line."""
    if path.isascii() and path.isprintable():
        return path  # the common case, without a look at each character
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return "".join(repr(c)[1:-1] if is_control(c) else c for c in text)


def is_control(char: str) -> bool:
    """C0/C1 controls, DEL, and the line and paragraph separators: they break output lines."""
    return unicodedata.category(char) in ("Cc", "Zl", "Zp")
