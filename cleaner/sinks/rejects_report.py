"""The rejects report, ``_rejects.json`` beside the records: every raw file that did not become
a record, with its reject code. Written by both sinks (``cleaner.sinks.records.RecordSink`` and
``cleaner.sinks.shards.ShardSink``)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable

from ..api import source_path_for
from ..canonical_json import dumps_indented
from ..safe_read import loads_untrusted, read_regular
from ..storage import fsync_dir, write_atomic

REJECTS_REPORT = "_rejects.json"


def write_rejects_report(out_dir: Path, processed: set[str], new: Iterable[Any], root: Path) -> list[str]:
    """Merge this run's rejects (``cleaner.outcomes.Reject``) into ``_rejects.json``: entries for inputs
    processed now are replaced, entries for raw files that no longer exist are dropped, the
    rest are kept. The report is derived data: a malformed one
    is rebuilt, and an entry naming a path outside the corpus is dropped. Returns a note for
    each thing dropped, for the run to report."""
    report = out_dir / REJECTS_REPORT
    kept: list[dict[str, str]] = []
    notes: list[str] = []
    shown = os.fsencode(source_path_for(report, root)).decode("utf-8", "backslashreplace")
    try:
        old = loads_untrusted(read_regular(report))
    except FileNotFoundError:
        old = {"rejects": []}
    except (OSError, ValueError) as exc:
        notes.append(f"{shown}: cannot be read ({getattr(exc, 'strerror', None) or exc}); rebuilt")
        old = {"rejects": []}
    entries = old.get("rejects") if isinstance(old, dict) else None
    if not isinstance(entries, list):
        notes.append(f"{shown}: not a rejects report ({{\"rejects\": [...]}}); rebuilt")
        entries = []
    for entry in entries:
        if not (isinstance(entry, dict) and all(isinstance(entry.get(k), str) for k in ("path", "code", "message"))):
            notes.append(f"{shown}: dropped a malformed entry {json.dumps(entry, ensure_ascii=False)[:80]}")
            continue
        path = entry["path"]
        if path in processed:
            continue
        if os.path.isabs(path) or ".." in path.split("/") or "\\" in path:
            notes.append(f"{shown}: dropped the entry for {path!r}: it leaves the corpus")
            continue
        if (root / path).exists():
            kept.append({k: entry[k] for k in ("path", "code", "message")})
    merged = sorted(kept + [r.to_dict() for r in new], key=lambda e: (e.get("path", ""), e.get("code", "")))
    data = (dumps_indented({"rejects": merged}) + "\n").encode("utf-8")
    try:
        unchanged = read_regular(report) == data
    except OSError:
        unchanged = False
    if not unchanged:
        if report.is_symlink() or (report.exists() and not report.is_file()):
            report.unlink()  # a symlink or FIFO in its place: replaced by the real report
        write_atomic(report, data)
    fsync_dir(out_dir)  # the batch's renames survive a power cut
    return notes
