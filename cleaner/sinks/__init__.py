"""Sinks: where a run's outcomes go, in input order. A sink writes (or keeps) each outcome and
says where its output is, for the run index; it keeps the rejects report (``_rejects.json``) in
step, and tells the planner whether an earlier output is still as it was written.

* :class:`~cleaner.sinks.records.RecordSink` -- one ``<id>.json`` per record (``--format json``);
* :class:`~cleaner.sinks.shards.ShardSink` -- JSON Lines shards (``--format jsonl``);
* :mod:`cleaner.sinks.rejects_report` -- the rejects report both of them write.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .records import RecordSink
from .rejects_report import REJECTS_REPORT
from .shards import DEFAULT_SHARD_SIZE, SHARD_PATTERN, ShardSink

#: Output formats: one ``<id>.json`` per record, or sharded JSON Lines.
FORMATS = ("json", "jsonl")

__all__ = ["DEFAULT_SHARD_SIZE", "FORMATS", "REJECTS_REPORT", "RecordSink", "SHARD_PATTERN", "ShardSink", "is_record_file", "make_sink"]


def is_record_file(path: Path) -> bool:
    """Is this file in an output folder a record? Not the reports (``_*.json``) and not hidden
    files (temporary files, indexes), which tools reading the corpus must skip."""
    return path.suffix == ".json" and not path.name.startswith(("_", "."))


def make_sink(out_dir: Path, output_format: str = "json", shard_size: int | None = None) -> Any:
    """The sink for an output format (``json``: a folder of records; ``jsonl``: shards)."""
    if output_format == "json":
        return RecordSink(out_dir)
    if output_format == "jsonl":
        return ShardSink(out_dir, shard_size or DEFAULT_SHARD_SIZE)
    raise ValueError(f"unknown output format {output_format!r} (choose from {', '.join(FORMATS)})")
