"""Checks of single files that change nothing: ``cleaner check``, the check hooks, and the
per-record part of ``cleaner validate``.

A raw file is cleaned exactly as ``cleaner run`` would clean it (``cleaner.step``), but
nothing is written: the findings are what would stop it from becoming a record (its reject code
and reason) and suspiciously little text left (``COR012``).

A record is checked, in this order: readable JSON (``COR002``); the schema, each error with the
JSON path of the field (``COR001``; the other checks need a valid record and are skipped);
canonical bytes (``COR003``); its id and ``source.path`` against its file name and raw file
(``COR009``); in sync with the raw file's bytes (``COR004``) and with this cleaner version and
configuration (``COR005``), with the command that refreshes it; its ``changes`` replaying from
the raw file to its ``text`` (``COR011``); and no artifact left that the current rules would
still change (``COR008``).
"""

from __future__ import annotations

import json
import os
import re
import shlex
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from .config import Config
from .findings import Finding
from .freshness import CURRENT, STALE_RAW, record_status, sha256_of
from .discovery import discover
from .outcomes import Task
from .safe_read import loads_untrusted, open_regular, read_regular
from .sinks import SHARD_PATTERN, is_record_file
from .step import process_task, serialize_record

#: Raw files that would be rejected with one of these codes point at the offending byte.
_UNDECODABLE = "REJ003"
_BINARY = "REJ002"


def display_path(path: str | Path) -> str:
    """A path as the user should see it: relative to the current folder when it is below it."""
    text = os.fspath(path)
    if not os.path.isabs(text):
        return Path(text).as_posix()
    relative = os.path.relpath(text)
    return Path(text).as_posix() if relative.startswith("..") else Path(relative).as_posix()


def _byte_location(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def _reject_location(path: str, code: str) -> tuple[int, int]:
    """Line and column of the first undecodable or NUL byte; 1:1 for whole-file rejects."""
    if code not in (_UNDECODABLE, _BINARY):
        return 1, 1
    try:
        with open_regular(path) as fh:
            data = fh.read(64 * 1024 * 1024)
    except OSError:
        return 1, 1
    if code == _BINARY:
        from .decode import sniff_binary

        nul = data.find(b"\x00")
        return _byte_location(data, nul) if nul > 0 and sniff_binary(data) is None else (1, 1)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return _byte_location(data, exc.start)
    return 1, 1


def _snippet(text: str, limit: int = 48) -> str:
    """A short quoted excerpt with line breaks and invisible characters visible."""
    quoted = json.dumps(text, ensure_ascii=False)
    return quoted if len(quoted) <= limit else quoted[: limit - 2] + "…\""


@lru_cache(maxsize=8)
def _rule_names(config: Config) -> dict[str, str]:
    from .pipeline import Pipeline
    from .rules.registry import all_rule_classes

    return {cls.code: cls.name for cls in all_rule_classes(Pipeline.for_config(config).packs)}


@dataclass(frozen=True)
class Checker:
    """The per-file checks for one configuration. Picklable, so ``cleaner validate`` ships it
    to worker processes; each process builds its pipeline and schema validator once."""

    config: Config
    #: The command that refreshes records, without the raw file (``cleaner run`` and options).
    refresh: str = "cleaner run"
    #: Re-clean each record's text to find artifacts the current rules would still change.
    artifacts: bool = True
    #: The records are JSON Lines shards in this folder (refresh commands remake them whole).
    shards_in: str | None = None

    @property
    def pipeline(self) -> Any:
        from .pipeline import Pipeline

        return Pipeline.for_config(self.config)

    def refresh_command(self, raw_path: str, force: bool = False, shards: str | Path | None = None) -> str:
        """The command that remakes the record of ``raw_path``; ``force`` for a record that
        looks current (its raw file and configuration unchanged) but was edited by hand. For
        records in JSON Lines shards (in ``shards``, or :attr:`shards_in`): the whole run into
        that folder, since a run's shards hold exactly its records (one file would drop the rest)."""
        command = self.refresh.replace("cleaner run", "cleaner run --force", 1) if force else self.refresh
        folder = shards if shards is not None else self.shards_in
        if folder is None:
            return f"{command} {shlex.quote(display_path(raw_path))}"
        words = ["--format", "jsonl"] + ([] if "--out" in shlex.split(command) else ["--out", display_path(folder)])
        return f"{command} {shlex.join(words)}"

    # -- raw files --------------------------------------------------------------------------

    def check_raw(self, task: Task) -> list[Finding]:
        """What would stop this raw file from becoming a good record."""
        shown = display_path(task.path)
        outcome = process_task(task, self.pipeline)
        if outcome.reject is not None:
            line, column = _reject_location(task.path, outcome.reject.code)
            return [Finding(shown, line, column, outcome.reject.code, outcome.reject.message)]
        minimum = self.config.min_words
        if minimum and outcome.record is not None:
            from .text.shape import word_count

            text = json.loads(outcome.record)["text"]
            words = word_count(text)
            if words < minimum:
                return [Finding(shown, 1, 1, "COR012",
                                f"only {words} word(s) left after cleaning (min_words = {minimum}): {_snippet(text)}; "
                                "a scraper failure? (`cleaner explain` shows what was removed)")]
        return []

    # -- records ----------------------------------------------------------------------------

    def check_record(self, path: str, task: Task | None = None) -> list[Finding]:
        """Every finding for one record file. ``task`` is its raw file as ``cleaner validate``
        paired it; without one, the raw file is found through the record's ``source.path``."""
        shown = display_path(path)
        try:
            data = read_regular(path, follow_symlinks=False)  # the tool writes records, never symlinks
        except OSError as exc:
            return [Finding(shown, 1, 1, "COR002", f"cannot read: {exc.strerror or exc}")]
        return self._check_record_bytes(shown, data, task, stem=Path(path).name[: -len(".json")])

    def check_shard_line(self, path: str, line: int, offset: int, length: int, task: Task | None = None) -> list[Finding]:
        """Every finding for the record on line ``line`` of a JSON Lines shard (``cleaner run
        --format jsonl``), at ``offset``; findings name the shard and that line."""
        shown = display_path(path)
        try:
            with open_regular(path, follow_symlinks=False) as fh:
                fh.seek(offset)
                data = fh.read(length)
        except OSError as exc:
            return [Finding(shown, line, 1, "COR002", f"cannot read: {exc.strerror or exc}")]
        return self._check_record_bytes(shown, data, task, shard_line=line, shard=path)

    def _refresh_for(self, raw_path: str, shard: str | None, force: bool = False) -> str:
        return self.refresh_command(raw_path, force, Path(shard).parent if shard is not None else None)

    def _check_record_bytes(self, shown: str, data: bytes, task: Task | None, stem: str | None = None,
                            shard_line: int | None = None, shard: str | None = None) -> list[Finding]:
        from .record import canonicalize, is_canonical
        from .schema import iter_errors

        first = shard_line or 1  # findings in a shard: its line, the column within it
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line, column = _byte_location(data, exc.start)
            return [Finding(shown, first + line - 1, column, "COR002", f"not UTF-8: {exc.reason} at byte {exc.start}")]
        try:
            record = loads_untrusted(text)
        except ValueError as exc:
            line, column = getattr(exc, "lineno", 1), getattr(exc, "colno", 1)
            return [Finding(shown, first + line - 1, column, "COR002", f"not JSON: {getattr(exc, 'msg', exc)}")]

        def at(json_path: str) -> tuple[int, int]:
            from .json_locate import locate

            line, column = locate(text, json_path)
            return first + line - 1, column

        errors = list(iter_errors(record))
        if errors:
            return [Finding(shown, *at(json_path), "COR001", f"{json_path}: {message}") for json_path, message in errors]

        findings: list[Finding] = []
        if task is None:
            raw_path = self._raw_path(record["source"]["path"])
            if raw_path is None:
                return [Finding(shown, *at("$.source.path"), "COR007",
                                f"source.path {record['source']['path']!r} leaves the corpus {display_path(self.config.root)}; not read")]
            task = Task(raw_path, stem or record["id"], record["source"]["path"])
        refresh = self._refresh_for(task.path, shard)
        if shard is None and not is_canonical(data):
            findings.append(Finding(shown, *_first_difference(text, record), "COR003",
                                    f"not in canonical form (schema key order, indent 2, UTF-8, final newline); refresh: {refresh}"))
        if shard is not None and (json.dumps(canonicalize(record), ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8") != data:
            findings.append(Finding(shown, first, 1, "COR003",
                                    f"not in canonical form (one compact line, schema key order, UTF-8); refresh: {refresh}"))
        if stem is not None and record["id"] != stem:
            findings.append(Finding(shown, *at("$.id"), "COR009", f"id is {record['id']!r} but the file is named {stem}.json; refresh: {refresh}"))
        if record["source"]["path"] != task.source_path:
            findings.append(Finding(shown, *at("$.source.path"), "COR009",
                                    f"source.path is {record['source']['path']!r} but the raw file is {task.source_path}; refresh: {refresh}"))
        findings.extend(self._sync(shown, record, task, refresh, self._refresh_for(task.path, shard, force=True), at))
        if self.artifacts:
            # A record that is current and replays is what the cleaner makes today: refreshing
            # it would change nothing, so artifacts left in it are the cleaner's to fix.
            if any(f.code == "COR011" for f in findings):
                refresh = self._refresh_for(task.path, shard, force=True)
            remedy = f"refresh: {refresh}" if findings else "the cleaner is not idempotent on this text; please report it"
            findings.extend(self._artifacts(shown, record, remedy, at))
        return findings

    def _raw_path(self, source_path: str) -> str | None:
        """The raw file a record's ``source.path`` names, if it stays inside the corpus root (a
        committed record is untrusted: it must not make the checker read any other file)."""
        if os.path.isabs(source_path) or ".." in source_path.replace("\\", "/").split("/"):
            return None
        root = os.path.realpath(self.config.root)
        path = os.path.join(root, source_path)
        resolved = os.path.realpath(path)
        return path if resolved == root or resolved.startswith(root.rstrip(os.sep) + os.sep) else None

    def _sync(self, shown: str, record: dict[str, Any], task: Task, refresh: str, force: str, at: Any) -> Iterable[Finding]:
        raw_shown = display_path(task.path)
        try:
            raw = read_regular(task.path, self.config.max_file_bytes)
        except FileNotFoundError:
            yield Finding(shown, *at("$.source.path"), "COR007", f"orphan: its raw file {raw_shown} does not exist; delete the record or restore the raw file")
            return
        except OSError as exc:
            yield Finding(shown, *at("$.source.path"), "COR007", f"its raw file {raw_shown} cannot be read: {exc.strerror or exc}")
            return
        pipeline = self.pipeline
        status = record_status(record, sha256_of(raw), pipeline.config_hash)
        if status == STALE_RAW:
            yield Finding(shown, *at("$.source.sha256"), "COR004", f"stale: {raw_shown} changed since the record was made; refresh: {refresh}")
            return
        if status != CURRENT:
            from .version import __version__

            made = record["cleaner"]
            yield Finding(shown, *at("$.cleaner"), "COR005",
                          f"stale: made by cleaner {made['version']} with config {made['config_hash']}, "
                          f"the current cleaner is {__version__} with config {pipeline.config_hash}; refresh: {refresh}")
        from .audit import ReplayError, apply_changes
        from .decode import decode_bytes
        from .errors import RejectError

        try:
            replayed = apply_changes(decode_bytes(raw).text, record["changes"])
        except (ReplayError, RejectError) as exc:
            replayed, why = None, str(exc)
        else:
            why = "they give another text"
        if replayed != record["text"]:
            yield Finding(shown, *at("$.text"), "COR011",
                          f"the changes do not turn {raw_shown} into the text ({why}); was the record edited by hand? refresh: {force}")
        elif status == CURRENT:
            yield from self._rederive(shown, record, raw, task, force, at)

    def _rederive(self, shown: str, record: dict[str, Any], raw: bytes, task: Task, refresh: str, at: Any) -> Iterable[Finding]:
        """Every field the cleaner derives, derived again from the raw file and compared: a
        record that claims to be current must be exactly what the cleaner makes of it."""
        from .api import clean_bytes
        from .errors import RejectError

        raw_shown = display_path(task.path)
        try:
            derived = json.loads(serialize_record(clean_bytes(raw, task.record_id, task.source_path, pipeline=self.pipeline)))
        except RejectError as exc:
            yield Finding(shown, 1, 1, "COR011", f"the cleaner rejects {raw_shown} ({exc.code} {exc.message}), so it has no record; "
                                                 f"was the record made by hand? refresh: {refresh}")
            return
        differ = [key for key in sorted(set(record) | set(derived)) if record.get(key) != derived.get(key)]
        if differ:
            first = f"$.{differ[0]}" if differ[0] in record else "$"
            yield Finding(shown, *at(first), "COR011",
                          f"{', '.join(differ)} differ from what the cleaner makes of {raw_shown}; was the record edited by hand? "
                          f"refresh: {refresh}")

    def _artifacts(self, shown: str, record: dict[str, Any], remedy: str, at: Any) -> Iterable[Finding]:
        text = record["text"]
        again = self.pipeline.clean(text, detect_language=False, known=record)
        if again.text == text and not again.changes:
            return
        names = _rule_names(self.config)
        by_rule: dict[str, list[Any]] = {}
        for change in again.changes:
            by_rule.setdefault(change.rule, []).append(change)
        parts = []
        for code, changes in by_rule.items():
            first = changes[0]
            what = f"{first.action} {_snippet(first.before)}" + (f" -> {_snippet(first.after)}" if first.after is not None else "")
            more = f" and {len(changes) - 1} more" if len(changes) > 1 else ""
            parts.append(f"{code} {names.get(code, '?')} (text line {first.line}: {what}{more})")
        if not parts:  # the text changed without a logged change: paragraph layout only
            parts.append("paragraph layout")
        yield Finding(shown, *at("$.text"), "COR008",
                      f"the current rules would still change the text: {'; '.join(parts)}; {remedy}")


def _first_difference(text: str, record: dict[str, Any]) -> tuple[int, int]:
    from .record import dumps_record

    canonical = dumps_record(record).decode("utf-8")
    for no, (have, want) in enumerate(zip(text.split("\n"), canonical.split("\n")), 1):
        if have != want:
            column = next((i for i, (a, b) in enumerate(zip(have, want), 1) if a != b), min(len(have), len(want)) + 1)
            return no, column
    return min(text.count("\n"), canonical.count("\n")) + 1, 1


# -- many files -----------------------------------------------------------------------------

#: Files per unit of work sent to a worker process.
CHUNK = 48
#: Fewer work items than this are checked in this process (a pool costs more than it saves).
SERIAL_BELOW = 2 * CHUNK


@dataclass(frozen=True)
class RawItem:
    """Check the raw file ``task``."""

    task: Task


@dataclass(frozen=True)
class RecordItem:
    """Check the record at ``path`` (against its raw file ``task`` when it is known)."""

    path: str
    task: Task | None = None


@dataclass(frozen=True)
class RejectedItem:
    """Re-check a raw file that the rejects report at ``report`` lists with ``code``."""

    task: Task
    code: str
    report: str


@dataclass(frozen=True)
class ShardLineItem:
    """Check the record on line ``line`` of the JSON Lines shard at ``path`` (``length`` bytes
    at ``offset``), against its raw file ``task`` when it is known."""

    path: str
    line: int
    offset: int
    length: int
    task: Task | None = None


WorkItem = RawItem | RecordItem | RejectedItem | ShardLineItem


def shard_lines(path: str | Path) -> Iterator[tuple[int, int, int, str | None]]:
    """``(line number, offset, length, record id)`` for each line of a shard, read in blocks
    (a shard is never held whole); the id is read from the line's start (records begin with
    ``{"id":``), ``None`` when it is not there."""
    offset = 0
    with open_regular(path, follow_symlinks=False) as fh:
        for number, raw in enumerate(fh, 1):
            found = _SHARD_ID.match(raw)
            record_id = None
            if found:
                try:
                    record_id = json.loads(found.group(1))
                except ValueError:
                    pass
            yield number, offset, len(raw), record_id
            offset += len(raw)


_SHARD_ID = re.compile(rb'\{"id":("(?:[^"\\]|\\.)*")')


def check_item(checker: Checker, item: WorkItem) -> list[Finding]:
    """The findings for one work item (in a worker process or in this one)."""
    if isinstance(item, RecordItem):
        return checker.check_record(item.path, item.task)
    if isinstance(item, RawItem):
        return checker.check_raw(item.task)
    if isinstance(item, ShardLineItem):
        return checker.check_shard_line(item.path, item.line, item.offset, item.length, item.task)
    outcome = process_task(item.task, checker.pipeline)
    shown = display_path(item.report)
    refresh = checker.refresh_command(item.task.path)
    if outcome.reject is None:
        return [Finding(shown, 1, 1, "COR010", f"lists {item.task.source_path} as rejected ({item.code}), but it now cleans into a record; refresh: {refresh}")]
    if outcome.reject.code != item.code:
        return [Finding(shown, 1, 1, "COR010", f"lists {item.task.source_path} as rejected with {item.code}, but it is now rejected with "
                                               f"{outcome.reject.code} ({outcome.reject.message}); refresh: {refresh}")]
    return []


@dataclass(frozen=True)
class CheckStep:
    """The check of one work item, as an executor step (``cleaner.executors``): picklable, and
    prepared once before workers are forked, so each inherits the pipeline and the schema."""

    checker: Checker

    def __call__(self, item: WorkItem) -> list[Finding]:
        return check_item(self.checker, item)

    def prepare(self) -> None:
        from .schema import _quick_check, _validator

        self.checker.pipeline
        if _quick_check() is None:
            _validator()


def check_items(checker: Checker, items: Sequence[WorkItem], jobs: int | None = None) -> list[Finding]:
    """The findings for all ``items``, on ``jobs`` processes (default: every core), in item
    order; at most ``4 * jobs`` chunks in flight, so memory stays flat however many files."""
    from .executors import ProcessPoolExecutor, SerialExecutor, default_jobs

    jobs = jobs or default_jobs()
    serial = jobs == 1 or len(items) < SERIAL_BELOW
    executor = SerialExecutor() if serial else ProcessPoolExecutor(jobs=jobs, chunk_size=CHUNK, window=4 * jobs)
    try:
        return [f for found in executor.map(CheckStep(checker), items, total=len(items)) for f in found]
    finally:
        executor.close()


def items_for_paths(paths: Iterable[str | Path], config: Config) -> tuple[list[WorkItem], list[Finding]]:
    """Work items for files and folders as ``cleaner check`` takes them: ``*.json`` record
    files (not the rejects report, not hidden files) are records, anything else is a raw file
    (folders: their ``*.txt`` files, found as ``cleaner run`` finds them, and their records).
    Also returns the findings known before reading: raw files ``cleaner run`` would reject
    without reading them (not a file, a symlink leaving the tree, colliding record ids)."""
    raw: list[Path] = []
    items: list[WorkItem] = []
    for arg in map(Path, paths):
        if arg.is_dir():
            raw.append(arg)
            items.extend(RecordItem(str(p)) for p in sorted(arg.rglob("*.json")) if is_record_file(p) and p.is_file())
            for shard in sorted(arg.rglob("*.jsonl")):
                if SHARD_PATTERN.match(shard.name) and shard.is_file():
                    items.extend(ShardLineItem(str(shard), *where) for *where, _ in shard_lines(shard))
        elif arg.suffix == ".jsonl":
            items.extend(ShardLineItem(str(arg), *where) for *where, _ in shard_lines(arg))
        elif arg.suffix == ".json":
            if is_record_file(arg):
                items.append(RecordItem(str(arg)))
        else:
            raw.append(arg)
    tasks, early = discover(raw, config) if raw else ([], [])
    items.extend(RawItem(task) for task in tasks)
    found = [Finding(display_path(config.root / r.path), 1, 1, r.code, r.message) for r in early]
    return items, found


def check_paths(paths: Iterable[str | Path], checker: Checker, jobs: int | None = None) -> tuple[list[Finding], int]:
    """Check raw files and records without changing anything: sorted findings and how many
    files were checked."""
    checker.pipeline  # configuration errors (unknown rule codes, bad packs) surface here
    items, early = items_for_paths(paths, checker.config)
    findings = early + check_items(checker, items, jobs)
    from .duplicates import duplicate_findings  # the records checked together, nothing kept

    findings += duplicate_findings(items, checker.config, display_path)
    return sorted(findings), len(items) + len(early)
