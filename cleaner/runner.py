"""Batch runs: find the raw files, clean each one, write records and the rejects report.

The runner owns files; the pipeline never sees one. The work per file (``process_task``) is a
pure step -- bytes in, record bytes or a reject out -- so any executor can run it (serially, in
a process pool, on Ray); the runner only decides what to run and writes the results in input
order, so the output is the same whichever executor ran it.

Guarantees: raw files are only read; a record is written atomically and only when its bytes
change; every input ends as a record or as an entry of the rejects report (``_rejects.json`` in
the output folder), never both; a record left from an earlier run for a now-rejected input is
removed.
"""

from __future__ import annotations

import json
import os
import stat
import time
import traceback
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from . import rejects
from .api import clean_bytes, source_path_for
from .config import Config
from .errors import InternalError, OutputError, RejectError, RuleCrash
from .pipeline import Pipeline
from .record import dumps_record
from .storage import fsync_dir, prepare_output_folder, write_atomic

REJECTS_REPORT = "_rejects.json"
RAW_SUFFIX = ".txt"


def is_record_file(path: Path) -> bool:
    """Is this file in an output folder a record? Not the reports (``_*.json``) and not hidden
    files (temporary files, indexes), which tools reading the corpus must skip."""
    return path.suffix == ".json" and not path.name.startswith(("_", "."))


@dataclass(frozen=True)
class Task:
    """One input: where it is and what record it becomes."""

    path: str
    record_id: str
    source_path: str


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
    """What processing one task produced: record bytes, or a reject."""

    task: Task
    record: bytes | None = None
    reject: Reject | None = None
    rule_counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


@dataclass
class RunSummary:
    written: int = 0
    unchanged: int = 0
    rejected: int = 0
    removed_stale: int = 0
    seconds: float = 0.0
    rejects: list[Reject] = field(default_factory=list)
    written_paths: list[str] = field(default_factory=list)
    rule_counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.written + self.unchanged + self.rejected

    def line(self) -> str:
        return (f"cleaned {self.total} file(s): {self.written} written, {self.unchanged} unchanged, "
                f"{self.rejected} rejected in {self.seconds:.1f} s")


@dataclass(frozen=True)
class CleanStep:
    """The unit of work: one task in, one outcome out. Picklable (it carries the config, not the
    pipeline), so any executor can ship it to a worker; each process builds its pipeline once
    (``Pipeline.for_config`` is cached)."""

    config: Config
    #: Let an internal error (a bug in a rule) propagate instead of rejecting the file.
    strict: bool = False

    def __call__(self, task: Task) -> Outcome:
        return process_task(task, Pipeline.for_config(self.config), self.strict)


def process_task(task: Task, pipeline: Pipeline, strict: bool = False) -> Outcome:
    """Read, clean and serialise one raw file. Never raises for bad input; an internal error
    rejects the file with REJ099 (naming the rule when a rule crashed), or raises
    :class:`InternalError` if ``strict``."""
    started = time.perf_counter()
    try:
        data = read_raw(task.path, pipeline.config.max_file_bytes)
        record = clean_bytes(data, task.record_id, task.source_path, pipeline=pipeline)
        counts: dict[str, int] = {}
        for change in record["changes"]:
            counts[change["rule"]] = counts.get(change["rule"], 0) + 1
        return Outcome(task, record=dumps_record(record), rule_counts=counts, seconds=time.perf_counter() - started)
    except RejectError as exc:
        return Outcome(task, reject=Reject(task.source_path, exc.code, exc.message, task.record_id), seconds=time.perf_counter() - started)
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
                       seconds=time.perf_counter() - started)


def read_raw(path: str, limit: int) -> bytes:
    """The bytes of one raw file, read without blocking on a FIFO or device that took the place
    of a file after discovery, and without more than ``limit`` + 1 bytes in memory."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except IsADirectoryError:
        raise RejectError(rejects.NOT_A_FILE, "is a directory, not a file") from None
    except OSError as exc:
        raise RejectError(rejects.UNREADABLE, f"cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise RejectError(rejects.NOT_A_FILE, "is a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise RejectError(rejects.NOT_A_FILE, "is not a regular file (a FIFO, socket or device)")
        if info.st_size > limit:
            raise RejectError(rejects.TOO_LARGE, f"file is {info.st_size} bytes, over the limit of {limit} (max_file_bytes)")
        chunks = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise RejectError(rejects.UNREADABLE, f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


# -- discovery --------------------------------------------------------------------------------


def _walk(folder: Path, unlistable: list[tuple[Path, str]] | None = None) -> Iterator[Path]:
    """Every ``*.txt`` entry under ``folder`` in sorted order, without following directory
    symlinks (a symlinked folder could loop or leave the tree). Folders that cannot be listed
    go to ``unlistable`` with the reason, so their files are reported rather than lost."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        if unlistable is not None:
            unlistable.append((folder, exc.strerror or str(exc)))
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            if entry.name.endswith(RAW_SUFFIX):
                yield path  # a directory named *.txt: reported as not-a-file
            yield from _walk(path, unlistable)
        elif entry.name.endswith(RAW_SUFFIX):
            yield path


def _shown(path: str) -> str:
    """A path as it may be printed and stored in JSON: bytes that are not UTF-8 as ``\\xNN``,
    control characters escaped, so a hostile name cannot break a ``path: CODE message`` line."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return "".join(repr(c)[1:-1] if _is_control(c) else c for c in text)


def _is_control(char: str) -> bool:
    """C0/C1 controls, DEL, and the line and paragraph separators: they break output lines."""
    return unicodedata.category(char) in ("Cc", "Zl", "Zp")


def _bad_name(record_id: str) -> str | None:
    """Why a file name cannot become a record id (``None`` if it can)."""
    if not record_id:
        return "the file name is empty before .txt"
    try:
        encoded = (record_id + ".json").encode("utf-8")
    except UnicodeEncodeError:
        return "the file name is not valid UTF-8"
    if record_id.startswith(("_", ".")):
        return "a record id must not start with '_' or '.' (reserved for reports and temporary files)"
    if any(_is_control(c) for c in record_id):
        return "the file name holds control characters"
    if "\\" in record_id:
        return "the file name holds a backslash"
    if len(encoded) > 255:
        return "the record file name would be longer than 255 bytes"
    return None


def _collision_key(record_id: str) -> str:
    """Ids equal after case folding and Unicode normalisation name the same file on
    case-insensitive or normalising file systems (macOS, Windows), so they collide too."""
    return unicodedata.normalize("NFC", record_id).casefold()


def discover(paths: Iterable[Path], config: Config) -> tuple[list[Task], list[Reject]]:
    """The tasks for ``paths`` (files and folders), sorted by record id, and the inputs that are
    rejected before reading (unlistable folders, not a file, a symlink leaving the tree or
    looping, a name that cannot be a record id, colliding ids)."""
    found: list[tuple[Path, Path | None]] = []
    early: list[Reject] = []
    unlistable: list[tuple[Path, str]] = []
    for arg in paths:
        try:
            if arg.is_dir():
                found.extend((p, arg) for p in _walk(arg, unlistable))
            elif arg.exists() or arg.is_symlink():
                found.append((arg, None))
            else:
                early.append(Reject(_shown(arg.as_posix()), rejects.UNREADABLE, "no such file or directory"))
        except OSError as exc:
            early.append(Reject(_shown(arg.as_posix()), rejects.UNREADABLE, f"cannot read: {exc.strerror or exc}"))
    for folder, reason in unlistable:
        early.append(Reject(_shown(source_path_for(folder, config.root)), rejects.UNREADABLE,
                            f"cannot list this folder ({reason}); the files in it are not cleaned"))
    by_key: dict[str, list[Task]] = {}
    seen_paths: set[str] = set()
    for path, input_root in found:
        key = os.path.abspath(path)
        if key in seen_paths:
            continue
        seen_paths.add(key)
        source = _shown(source_path_for(path, config.root, input_root))
        record_id = path.name[: -len(RAW_SUFFIX)] if path.name.endswith(RAW_SUFFIX) else path.stem
        bad = _bad_name(record_id)
        if bad:
            early.append(Reject(source, rejects.BAD_NAME, bad))
            continue
        try:
            if path.is_symlink():
                target = path.resolve()
                tree = (input_root if input_root is not None else path.parent).resolve()
                if not target.is_relative_to(tree):
                    early.append(Reject(source, rejects.OUTSIDE_TREE, f"symlink to {_shown(str(target))} leaves the input tree; not followed", record_id))
                    continue
            if path.is_dir():
                early.append(Reject(source, rejects.NOT_A_FILE, "is a directory named *.txt, not a file", record_id))
                continue
            if not path.is_file() and path.exists():
                early.append(Reject(source, rejects.NOT_A_FILE, "is not a regular file (a FIFO, socket or device)", record_id))
                continue
        except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop (Python < 3.13)
            reason = "a symlink loop" if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == 40 else (getattr(exc, "strerror", None) or str(exc))
            early.append(Reject(source, rejects.UNREADABLE, f"cannot follow: {reason}", record_id))
            continue
        by_key.setdefault(_collision_key(record_id), []).append(Task(str(path), record_id, source))
    tasks: list[Task] = []
    for key in sorted(by_key):
        group = by_key[key]
        if len(group) == 1:
            tasks.append(group[0])
            continue
        others = ", ".join(t.source_path for t in group)
        ids = sorted({t.record_id for t in group})
        what = f"record id {ids[0]!r} is" if len(ids) == 1 else f"record ids {', '.join(map(repr, ids))} (equal but for case or Unicode form) are"
        for t in group:
            early.append(Reject(t.source_path, rejects.ID_COLLISION, f"{what} claimed by {len(group)} inputs ({others}); none is written", t.record_id))
    tasks.sort(key=lambda t: t.record_id)
    early.sort(key=lambda r: r.path)
    return tasks, early


# -- executing --------------------------------------------------------------------------------


class SerialExecutor:
    """Runs the step in this process, one task after another. Executors own parallelism and
    never know what the step does; they must yield outcomes in task order."""

    def map(self, step: Callable[[Task], Outcome], tasks: Iterable[Task]) -> Iterator[Outcome]:
        for task in tasks:
            yield step(task)

    def close(self) -> None:
        pass


# -- writing ----------------------------------------------------------------------------------


class RecordSink:
    """Writes outcomes into the output folder and keeps the rejects report in step."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        prepare_output_folder(out_dir)

    def record_path(self, record_id: str) -> Path:
        return self.out_dir / f"{record_id}.json"

    def write(self, outcome: Outcome, summary: RunSummary) -> None:
        target = self.record_path(outcome.task.record_id)
        if outcome.record is not None:
            try:
                current = target.read_bytes()
            except OSError:
                current = None
            if current == outcome.record:
                summary.unchanged += 1
            else:
                write_atomic(target, outcome.record)
                summary.written += 1
                summary.written_paths.append(str(target))
            for code, n in outcome.rule_counts.items():
                summary.rule_counts[code] = summary.rule_counts.get(code, 0) + n
        else:
            assert outcome.reject is not None
            self.reject(outcome.reject, summary, outcome.task.record_id)

    def reject(self, reject: Reject, summary: RunSummary, record_id: str | None = None) -> None:
        summary.rejected += 1
        summary.rejects.append(reject)
        record_id = record_id if record_id is not None else reject.record_id
        if record_id is not None:
            stale = self.record_path(record_id)
            try:
                stale.unlink()
                summary.removed_stale += 1
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise OutputError(f"cannot remove the stale record {stale}: {exc.strerror or exc}") from exc

    def write_rejects_report(self, processed: set[str], new: list[Reject], root: Path) -> None:
        """Merge this run's rejects into ``_rejects.json``: entries for inputs processed now are
        replaced, entries for raw files that no longer exist are dropped, the rest are kept."""
        report = self.out_dir / REJECTS_REPORT
        kept: list[dict[str, str]] = []
        if report.exists():
            try:
                old = json.loads(report.read_text(encoding="utf-8")).get("rejects", [])
            except (OSError, ValueError, AttributeError):
                old = []
            for entry in old:
                if not isinstance(entry, dict) or entry.get("path") in processed:
                    continue
                if (root / str(entry.get("path", ""))).exists():
                    kept.append({k: str(entry[k]) for k in ("path", "code", "message") if k in entry})
        merged = sorted(kept + [r.to_dict() for r in new], key=lambda e: (e.get("path", ""), e.get("code", "")))
        data = (json.dumps({"rejects": merged}, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        try:
            unchanged = report.read_bytes() == data
        except OSError:
            unchanged = False
        if not unchanged:
            write_atomic(report, data)
        fsync_dir(self.out_dir)  # the batch's renames survive a power cut


def run(paths: Iterable[str | Path], out_dir: str | Path, config: Config, executor: Any = None,
        on_outcome: Callable[[Outcome, RunSummary], None] | None = None, strict: bool = False) -> RunSummary:
    """Clean ``paths`` (files or folders of ``*.txt``) into ``out_dir``; see the module doc."""
    started = time.perf_counter()
    Pipeline.for_config(config)  # fail early on config errors (unknown codes, bad packs)
    tasks, early = discover([Path(p) for p in paths], config)
    sink = RecordSink(Path(out_dir))
    summary = RunSummary()
    for reject in early:
        sink.reject(reject, summary)
    executor = executor if executor is not None else SerialExecutor()
    try:
        for outcome in executor.map(CleanStep(config, strict), tasks):
            sink.write(outcome, summary)
            if on_outcome is not None:
                on_outcome(outcome, summary)
    finally:
        executor.close()
    processed = {t.source_path for t in tasks} | {r.path for r in early}
    summary.rejects.sort(key=lambda r: r.path)
    sink.write_rejects_report(processed, summary.rejects, config.root)
    summary.seconds = time.perf_counter() - started
    return summary
