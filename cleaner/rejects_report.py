"""The rejects report, ``_rejects.json`` beside the records: every raw file that did not become
a record, with its reject code. Written by both sinks (``cleaner.runner.RecordSink`` and
``cleaner.shards.ShardSink``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

from .canonical_json import dumps_indented
from .storage import fsync_dir, write_atomic

REJECTS_REPORT = "_rejects.json"


def write_rejects_report(out_dir: Path, processed: set[str], new: Iterable[Any], root: Path) -> None:
    """Merge this run's rejects (``runner.Reject``) into ``_rejects.json``: entries for inputs
    processed now are replaced, entries for raw files that no longer exist are dropped, the
    rest are kept."""
    report = out_dir / REJECTS_REPORT
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
    data = (dumps_indented({"rejects": merged}) + "\n").encode("utf-8")
    try:
        unchanged = report.read_bytes() == data
    except OSError:
        unchanged = False
    if not unchanged:
        write_atomic(report, data)
    fsync_dir(out_dir)  # the batch's renames survive a power cut
