"""``cleaner validate``: the whole corpus at once, the command CI runs.

Pairs the raw files (found exactly as ``cleaner run`` finds them) with the records in the
output folder by record id, then reports:

* every record's own findings (``cleaner.checks.Checker.check_record``: schema, canonical
  bytes, in sync with its raw file and with this cleaner, replay, artifacts);
* raw files with neither a record nor an entry in the rejects report (``COR006`` missing);
* records without a raw file (``COR007`` orphan);
* a rejects report that disagrees with the raw files (``COR010``): an entry for a file that is
  gone or has a record, or a file that is no longer rejected for the reason given;
* exact and near-duplicate records (``COR013``, ``cleaner.duplicates``; their signatures are
  kept in the records' folder, so an unchanged corpus is not hashed again).

Records are checked in worker processes (one per core by default), streamed in chunks through
a bounded window, so memory does not grow with the corpus; each worker compiles the schema and
builds the pipeline once. Findings come out sorted by file, whatever the number of workers.
"""

from __future__ import annotations

import dataclasses
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .checks import Checker, RecordItem, RejectedItem, ShardLineItem, WorkItem, check_items, display_path, shard_lines
from .duplicates import DUPLICATES_INDEX, duplicate_findings
from .errors import ConfigError
from .findings import Finding, count_kinds, describe_counts
from .discovery import discover
from .safe_read import loads_untrusted, read_regular
from .sinks import REJECTS_REPORT, SHARD_PATTERN, is_record_file


@dataclass
class ValidationReport:
    findings: list[Finding] = field(default_factory=list)
    records: int = 0
    raw_files: int = 0
    rejected: int = 0
    seconds: float = 0.0
    #: Said once before the findings (e.g. which settings made the stale records).
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    def counts(self) -> dict[str, int]:
        return count_kinds(self.findings)

    def line(self) -> str:
        return (f"validated {self.records} record(s) and {self.raw_files} raw file(s) "
                f"({self.rejected} in the rejects report) in {self.seconds:.1f} s: {describe_counts(self.counts())}")


def _read_rejects_report(path: Path) -> tuple[dict[str, str], list[Finding]]:
    """``{raw source path: reject code}`` from the rejects report, and its own problems."""
    try:
        data = read_regular(path)
    except FileNotFoundError:
        return {}, []
    except OSError as exc:
        return {}, [Finding(display_path(path), 1, 1, "COR002", f"cannot read: {exc.strerror or exc}")]
    try:
        entries = loads_untrusted(data.decode("utf-8"))["rejects"]
        if not all(isinstance(e, dict) and isinstance(e.get("path"), str) and isinstance(e.get("code"), str) for e in entries):
            raise ValueError("an entry is not {\"path\": ..., \"code\": ..., \"message\": ...}")
        return {e["path"]: e["code"] for e in entries}, []
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        return {}, [Finding(display_path(path), 1, 1, "COR002", f"not a rejects report ({{\"rejects\": [{{\"path\", \"code\", \"message\"}}]}}): {exc}")]


def validate_corpus(clean_dir: str | Path, raw_dir: str | Path, checker: Checker, jobs: int | None = None) -> ValidationReport:
    """Validate the records in ``clean_dir`` against the raw files in ``raw_dir``."""
    started = time.perf_counter()
    clean_dir, raw_dir = Path(clean_dir), Path(raw_dir)
    report = ValidationReport()
    checker.pipeline  # configuration errors (unknown rule codes, bad packs) surface here
    if not raw_dir.is_dir():
        raise ConfigError(f"the raw folder {display_path(raw_dir)} does not exist (--raw, or raw_dir in [tool.cleaner])")

    tasks, early = discover([raw_dir], checker.config)
    report.raw_files = len(tasks) + len(early)
    report_path = clean_dir / REJECTS_REPORT
    rejected, problems = _read_rejects_report(report_path)
    findings = list(problems)
    report.rejected = len(rejected)

    try:
        # Not only regular files: a FIFO or symlink named like a record is checked (and refused).
        files = sorted(e.name for e in os.scandir(clean_dir) if not e.is_dir(follow_symlinks=False))
    except FileNotFoundError:
        files = []
    names = [name for name in files if is_record_file(Path(name))]
    record_ids = {name[: -len(".json")]: name for name in names}
    # `cleaner run --format jsonl` output: a record per line of part-NNNNN.jsonl
    lines: dict[str, tuple[str, int, int, int]] = {}
    shards = [name for name in files if SHARD_PATTERN.match(name)]
    shard_problems = []
    for shard in shards:
        try:
            for number, offset, length, line_id in shard_lines(clean_dir / shard):
                lines[line_id if line_id is not None else f"\0{shard}:{number}"] = (str(clean_dir / shard), number, offset, length)
        except OSError as exc:
            shard_problems.append(Finding(display_path(clean_dir / shard), 1, 1, "COR002", f"cannot read: {exc.strerror or exc}"))
    if shards:
        checker = dataclasses.replace(checker, shards_in=str(clean_dir))
    report.records = len(names) + len(lines)
    findings.extend(shard_problems)

    by_id = {t.record_id: t for t in tasks}
    items: list[WorkItem] = []
    for task in tasks:
        name = record_ids.get(task.record_id)
        line = lines.get(task.record_id)
        listed = rejected.get(task.source_path)
        if name is not None or line is not None:
            if name is not None:
                items.append(RecordItem(str(clean_dir / name), task))
            if line is not None:
                items.append(ShardLineItem(*line, task=task))
            if listed is not None:
                where = display_path(clean_dir / name) if name is not None else f"{display_path(line[0])}:{line[1]}" if line else ""
                findings.append(Finding(display_path(report_path), 1, 1, "COR010",
                                        f"lists {task.source_path} as rejected ({listed}), but it has the record {where}; "
                                        f"refresh: {checker.refresh_command(task.path)}"))
        elif listed is not None:
            items.append(RejectedItem(task, listed, str(report_path)))
        else:
            findings.append(Finding(display_path(task.path), 1, 1, "COR006",
                                    f"missing: no record {display_path(clean_dir / (task.record_id + '.json')) if not shards else 'in ' + display_path(clean_dir)} "
                                    "and not in the rejects report; "
                                    f"refresh: {checker.refresh_command(task.path)}"))
    early_paths = set()
    for reject in early:
        early_paths.add(reject.path)
        if rejected.get(reject.path) != reject.code:
            findings.append(Finding(display_path(checker.config.root / reject.path), 1, 1, "COR006",
                                    f"missing: no record, and the rejects report does not list it as {reject.code} ({reject.message}); "
                                    f"refresh: {checker.refresh}"))
    for record_id, name in record_ids.items():
        if record_id not in by_id:
            findings.extend(_orphan(clean_dir / name, raw_dir))
    for record_id, (shard, number, offset, length) in lines.items():
        if record_id.startswith("\0"):
            items.append(ShardLineItem(shard, number, offset, length))  # no id: the check says why
        elif record_id not in by_id:
            findings.append(Finding(display_path(shard), number, 1, "COR007",
                                    f"orphan: no raw file in {display_path(raw_dir)} has this line's record id {record_id!r}; "
                                    f"restore its raw file, or drop the line: {checker.refresh_command('')}"))
    known = {t.source_path for t in tasks} | early_paths
    for path, code in rejected.items():
        if path not in known:
            findings.append(Finding(display_path(report_path), 1, 1, "COR010",
                                    f"lists {path} as rejected ({code}), but there is no such raw file; refresh: {checker.refresh}"))

    findings.extend(check_items(checker, items, jobs))
    findings.extend(duplicate_findings(items, checker.config, display_path, clean_dir / DUPLICATES_INDEX if clean_dir.is_dir() else None))
    findings.sort()
    report.findings = findings
    report.notes = _stale_config_notes(findings, clean_dir, checker)
    report.seconds = time.perf_counter() - started
    return report


def _stale_config_notes(findings: list[Finding], clean_dir: Path, checker: Checker) -> list[str]:
    """Once for all records made with other settings: which settings differ (see ``cleaner.config_diff``)."""
    if not any(f.code == "COR005" for f in findings):
        return []
    from .config import config_settings
    from .config_diff import stale_config_notes
    from .index import INDEX_NAME, read_configs
    from .version import __version__

    now = config_settings(checker.config, checker.pipeline.packs.files)
    return stale_config_notes(((f.code, f.message) for f in findings), read_configs(clean_dir / INDEX_NAME), now,
                              __version__, checker.refresh)


def _orphan(path: Path, raw_dir: Path) -> list[Finding]:
    """A record without a raw file, named with the raw file it claims (and ``COR002`` when it
    cannot even be read as JSON)."""
    claimed, findings = "", []
    try:
        source = loads_untrusted(read_regular(path, follow_symlinks=False))["source"]["path"]
        claimed = f" ({source})"
    except OSError as exc:
        findings.append(Finding(display_path(path), 1, 1, "COR002", f"cannot read: {exc.strerror or exc}"))
    except ValueError as exc:
        findings.append(Finding(display_path(path), 1, 1, "COR002", f"not JSON: {exc}"))
    except (KeyError, TypeError):
        pass
    return findings + [Finding(display_path(path), 1, 1, "COR007",
                               f"orphan: no raw file{claimed} in {display_path(raw_dir)} has this record id; delete the record or restore its raw file")]
