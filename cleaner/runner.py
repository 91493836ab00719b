"""Batch runs: find the raw files, clean each one, write records and the rejects report.

The runner owns files; the pipeline never sees one. The work per file (``CleanStep``: read,
check freshness, clean, serialise) is a pure step -- a job in, record bytes or a reject out --
so any executor can run it (serially, in a process pool, on Ray; see ``cleaner.executors``);
the runner decides what to run and writes the results in input order, so the output is the
same whichever executor ran it and however many workers it had.

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

import errno
import heapq
import json
import os
import stat as stat_module
import time
import traceback
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

from . import rejects
from .api import clean_bytes, source_path_for
from .canonical_json import dumps_indented
from .config import Config
from .errors import InternalError, OutputError, RejectError, RuleCrash
from .executors import Done, SerialExecutor
from .freshness import CURRENT, RACY_SECONDS, raw_stat_matches, record_status, run_stamp, sha256_of
from .index import Entry, IndexReader, IndexWriter
from .engine.pipeline import Pipeline
from .raw_files import read_raw, read_raw_with_stat  # noqa: F401 - read_raw is imported from here
from .rejects_report import REJECTS_REPORT, write_rejects_report  # noqa: F401 - REJECTS_REPORT is imported from here
from .safe_read import MAX_DATA_BYTES, loads_untrusted, open_regular, read_regular
from .storage import fsync_dir, prepare_output_folder, write_atomic
from .version import __version__

RAW_SUFFIX = ".txt"
#: Output formats: one ``<id>.json`` per record, or sharded JSON Lines (``cleaner.shards``).
FORMATS = ("json", "jsonl")
#: Rejects that depend on the file's content (and config), so an index may remember them.
#: Unreadable files are retried every run: fixing a permission does not change the mtime.
_CONTENT_REJECTS = frozenset({rejects.EMPTY, rejects.BINARY, rejects.UNDECODABLE, rejects.NOTHING_LEFT,
                              rejects.LANGUAGE, rejects.TOO_LARGE, rejects.INTERNAL})

__all__ = ["CleanStep", "FORMATS", "Job", "Known", "Outcome", "RecordSink", "Reject", "RunSummary", "SerialExecutor",
           "Task", "discover", "is_record_file", "process_task", "run"]


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
                           reject=_known_reject(task, known.out), seconds=time.perf_counter() - started)
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


def _known_reject(task: Task, out: tuple[Any, ...]) -> Reject | None:
    if out[0] != "reject":
        return None
    return Reject(task.source_path, str(out[1]), str(out[2]), task.record_id)


# -- discovery --------------------------------------------------------------------------------


def _walk(folder: str, unlistable: list[tuple[str, str]] | None = None) -> Iterator[os.DirEntry[str]]:
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
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError:
            is_dir = False
        if is_dir:
            if entry.name.endswith(RAW_SUFFIX):
                yield entry  # a directory named *.txt: reported as not-a-file
            yield from _walk(entry.path, unlistable)
        elif entry.name.endswith(RAW_SUFFIX):
            yield entry


def _shown(path: str) -> str:
    """A path as it may be printed and stored in JSON: bytes that are not UTF-8 as ``\\xNN``,
    control characters escaped, so a hostile name cannot break a ``path: CODE message`` line."""
    if path.isascii() and path.isprintable():
        return path  # the common case, without a look at each character
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
    if not record_id.isprintable() and any(_is_control(c) for c in record_id):
        return "the file name holds control characters"
    if "\\" in record_id:
        return "the file name holds a backslash"
    if len(encoded) > 255:
        return "the record file name would be longer than 255 bytes"
    return None


def _collision_key(record_id: str) -> str:
    """Ids equal after simple case folding and Unicode normalisation name the same file on
    case-insensitive or normalising file systems (macOS, Windows), so they collide too. Those
    file systems fold one character to one character (APFS and NTFS map ``ẞ`` to ``ß``, but
    never ``ß`` to ``ss``), so full case folding (``str.casefold``) would see collisions that
    no file system has.

    >>> _collision_key("STRASSE") == _collision_key("straße"), _collision_key("STRAẞE") == _collision_key("straße")
    (False, True)
    """
    if record_id.isascii():
        return record_id.lower()
    return "".join(map(_simple_fold, unicodedata.normalize("NFC", record_id)))


def _simple_fold(ch: str) -> str:
    """One character folded to one character: through its upper case, then its lower case,
    skipping a step that would give more than one character."""
    upper = ch.upper()
    ch = upper if len(upper) == 1 else ch
    lower = ch.lower()
    return lower if len(lower) == 1 else ch


def _source_prefix(folder: Path, root: Path) -> str | None:
    """What :func:`source_path_for` puts before the part of a path below ``folder``, for every
    file under it: ``raw`` (or ``.`` for the root itself); ``None`` when it depends on the file
    (the corpus root lies inside ``folder``)."""
    here, base = folder.absolute(), root.absolute()
    try:
        return here.relative_to(base).as_posix()
    except ValueError:
        pass
    if base.is_relative_to(here):
        return None
    return here.relative_to(here.parent).as_posix()


def discover(paths: Iterable[Path], config: Config) -> tuple[list[Task], list[Reject]]:
    """The tasks for ``paths`` (files and folders), sorted by record id, and the inputs that are
    rejected before reading (unlistable folders, not a file, a symlink leaving the tree or
    looping, a name that cannot be a record id, colliding ids).

    Plain files found in folders take a fast path (their ``DirEntry`` already says what they
    are, and their source path is the folder's prefix plus the rest); symlinks, odd entries and
    files named on the command line get every check."""
    early: list[Reject] = []
    by_key: dict[str, Task | list[Task]] = {}
    seen_paths: set[str] = set()
    unlistable: list[tuple[str, str]] = []

    def add(path_str: str, source: str, follow: bool = False) -> None:
        name = os.path.basename(path_str)
        record_id = name[: -len(RAW_SUFFIX)] if name.endswith(RAW_SUFFIX) else Path(name).stem
        source = _shown(source)
        bad = _bad_name(record_id)
        if bad:
            early.append(Reject(source, rejects.BAD_NAME, bad))
            return
        task = Task(path_str, record_id, source, follow)
        key = _collision_key(record_id)
        found = by_key.get(key)
        if found is None:
            by_key[key] = task
        elif isinstance(found, list):
            found.append(task)
        else:
            by_key[key] = [found, task]

    def check(path: Path, input_root: Path | None) -> None:
        """Every check, for a path that is not a plain file found in a folder."""
        source = _shown(source_path_for(path, config.root, input_root))
        name = path.name
        record_id = name[: -len(RAW_SUFFIX)] if name.endswith(RAW_SUFFIX) else path.stem
        follow = False
        if _bad_name(record_id) is None:
            try:
                follow = path.is_symlink()
                if follow:
                    target = path.resolve()
                    tree = (input_root if input_root is not None else path.parent).resolve()
                    if not target.is_relative_to(tree):
                        early.append(Reject(source, rejects.OUTSIDE_TREE, f"symlink to {_shown(str(target))} leaves the input tree; not followed", record_id))
                        return
                if path.is_dir():
                    early.append(Reject(source, rejects.NOT_A_FILE, "is a directory named *.txt, not a file", record_id))
                    return
                if not path.is_file() and path.exists():
                    early.append(Reject(source, rejects.NOT_A_FILE, "is not a regular file (a FIFO, socket or device)", record_id))
                    return
            except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop (Python < 3.13)
                reason = "a symlink loop" if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == 40 else (getattr(exc, "strerror", None) or str(exc))
                early.append(Reject(source, rejects.UNREADABLE, f"cannot follow: {reason}", record_id))
                return
        add(str(path), source, follow)

    paths = list(paths)

    def first_time(path_str: str) -> bool:
        if len(paths) == 1:
            return True  # one walk meets each path once (directory symlinks are not followed)
        key = os.path.abspath(path_str)
        if key in seen_paths:
            return False
        seen_paths.add(key)
        return True

    for arg in paths:
        try:
            if arg.is_dir():
                folder = str(arg)
                prefix = _source_prefix(arg, config.root)
                skip = len(folder.rstrip(os.sep)) + 1
                for entry in _walk(folder, unlistable):
                    if not first_time(entry.path):
                        continue
                    try:
                        plain = entry.is_file(follow_symlinks=False)
                    except OSError:
                        plain = False
                    if prefix is not None and plain:
                        below = entry.path[skip:].replace(os.sep, "/")
                        add(entry.path, below if prefix == "." else f"{prefix}/{below}")
                    else:
                        check(Path(entry.path), arg)
            elif arg.exists() or arg.is_symlink():
                if first_time(str(arg)):
                    check(arg, None)
            else:
                early.append(Reject(_shown(arg.as_posix()), rejects.UNREADABLE, "no such file or directory"))
        except OSError as exc:
            early.append(Reject(_shown(arg.as_posix()), rejects.UNREADABLE, f"cannot read: {exc.strerror or exc}"))
    for folder, reason in unlistable:
        early.append(Reject(_shown(source_path_for(Path(folder), config.root)), rejects.UNREADABLE,
                            f"cannot list this folder ({reason}); the files in it are not cleaned"))
    tasks: list[Task] = []
    for key in sorted(by_key):
        group = by_key[key]
        if isinstance(group, Task):
            tasks.append(group)
            continue
        others = ", ".join(t.source_path for t in group)
        ids = sorted({t.record_id for t in group})
        what = f"record id {ids[0]!r} is" if len(ids) == 1 else f"record ids {', '.join(map(repr, ids))} (equal but for case or Unicode form) are"
        for t in group:
            early.append(Reject(t.source_path, rejects.ID_COLLISION, f"{what} claimed by {len(group)} inputs ({others}); none is written", t.record_id))
    tasks.sort(key=lambda t: t.record_id)
    early.sort(key=lambda r: r.path)
    return tasks, early


# -- writing ----------------------------------------------------------------------------------


class RecordSink:
    """Writes outcomes into the output folder, one ``<id>.json`` per record, and keeps the
    rejects report in step."""

    format = "json"
    layout = "indent"
    #: Output kinds a run replaces whole (none: records are written one by one).
    replaces: frozenset[str] = frozenset()

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        prepare_output_folder(out_dir)

    def record_path(self, record_id: str) -> Path:
        return self.out_dir / f"{record_id}.json"

    # -- freshness ------------------------------------------------------------------------

    def output_intact(self, entry: Entry) -> bool:
        """Is the output an index entry describes still there, as it was written?"""
        if entry.kind == "reject":
            return True
        if entry.kind != "record":
            return False
        try:
            st = os.stat(self.record_path(entry.id))
        except OSError:
            return False
        return st.st_size == entry.out[1] and st.st_mtime_ns == entry.out[2]

    def existing_record(self, record_id: str) -> tuple[dict[str, Any], tuple[Any, ...], dict[str, int]] | None:
        """The existing record's ``head`` (``source`` and ``cleaner``), its ``out`` and its change
        counts, for :func:`record_status` to judge when no index entry vouches for it; ``None``
        if there is no record this run may trust: unreadable, not canonical, or not valid
        against the schema (a hand-edited record is made again, not kept)."""
        from .record import is_canonical
        from .schema import is_valid

        path = self.record_path(record_id)
        try:
            with open_regular(path, follow_symlinks=False) as fh:
                st = os.fstat(fh.fileno())
                data = fh.read(MAX_DATA_BYTES + 1)
            if len(data) > MAX_DATA_BYTES or not is_canonical(data):
                return None
            record = loads_untrusted(data)
            if not is_valid(record) or record["id"] != record_id:  # a record renamed by hand is made again
                return None
            head = {"source": dict(record["source"]), "cleaner": dict(record["cleaner"])}
            counts: dict[str, int] = {}
            for change in record["changes"]:
                counts[change["rule"]] = counts.get(change["rule"], 0) + 1
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        return head, ("record", st.st_size, st.st_mtime_ns), counts

    # -- outcomes -------------------------------------------------------------------------

    def write(self, outcome: Outcome, summary: RunSummary) -> tuple[Any, ...] | None:
        """Write (or keep) one outcome; returns where its output is, for the index."""
        target = self.record_path(outcome.task.record_id)
        if outcome.reject is not None:
            self.reject(outcome.reject, summary, outcome.task.record_id)
            return ("reject", outcome.reject.code, outcome.reject.message)
        if outcome.kept:
            summary.unchanged += 1
            return outcome.out
        assert outcome.record is not None
        try:  # a FIFO, device or symlink in its place is not read, but replaced
            current = read_regular(target, len(outcome.record), follow_symlinks=False)
        except OSError:
            current = None
        if current == outcome.record:
            summary.unchanged += 1
        else:
            write_atomic(target, outcome.record)
            summary.written += 1
            summary.written_paths.append(str(target))
        try:
            st = os.stat(target)
        except OSError:  # pragma: no cover - removed behind our back
            return None
        return ("record", st.st_size, st.st_mtime_ns)

    def reject(self, reject: Reject, summary: RunSummary, record_id: str | None = None) -> None:
        summary.rejected += 1
        summary.rejects.append(reject)
        record_id = record_id if record_id is not None else reject.record_id
        if record_id is not None:
            stale = self.record_path(record_id)
            if not os.path.lexists(stale):
                return
            existing = self.existing_record(record_id)
            if existing is None or existing[0]["source"].get("path") != reject.path:
                # Not a record this tool made from that input: someone else's file, left alone.
                summary.notes.append(f"{_shown(str(stale))}: left alone: {reject.path} is rejected, "
                                     "but this is not a record the cleaner made from it")
                return
            try:
                stale.unlink()
                summary.removed_stale += 1
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise OutputError(f"cannot remove the stale record {stale}: {exc.strerror or exc}") from exc

    def finish(self) -> None:
        """All outcomes are written (nothing to do: each record was written on its own)."""

    def abort(self) -> None:
        """The run stopped early; records written so far are complete and stay."""

    #: Records are written one by one, so an index of a run that stopped early is still true.
    partial_index_ok = True

    def write_rejects_report(self, processed: set[str], new: list[Reject], root: Path) -> list[str]:
        """Merge this run's rejects into ``_rejects.json``: entries for inputs processed now are
        replaced, entries for raw files that no longer exist are dropped, the rest are kept."""
        return write_rejects_report(self.out_dir, processed, new, root)


def make_sink(out_dir: Path, output_format: str = "json", shard_size: int | None = None) -> Any:
    """The sink for an output format (``json``: a folder of records; ``jsonl``: shards)."""
    if output_format == "json":
        return RecordSink(out_dir)
    if output_format == "jsonl":
        from .shards import DEFAULT_SHARD_SIZE, ShardSink

        return ShardSink(out_dir, shard_size or DEFAULT_SHARD_SIZE)
    raise ValueError(f"unknown output format {output_format!r} (choose from {', '.join(FORMATS)})")


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
                                   sha256=entry.sha256, reject=_known_reject(task, entry.out)))
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
