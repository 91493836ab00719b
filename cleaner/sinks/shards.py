"""Sharded JSON Lines output (``cleaner run --format jsonl``), for downstream pipelines.

The output folder holds ``part-00000.jsonl``, ``part-00001.jsonl``, ...: one record per line
(compact canonical JSON: keys in schema order, UTF-8, no spaces), in record-id order,
``shard_size`` records per shard, plus ``_rejects.json`` as in the default format. The shards
are a pure function of the inputs and the configuration: byte-identical whichever executor and
however many workers made them.

Shards are built as hidden temporary files while the run goes on and moved into place together
at the end (a shard whose bytes did not change is left untouched), so a run that dies leaves
the previous shards as they were, and the old shards stay readable during the run: a record
the index knows to be current is copied from them by offset instead of being recomputed.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import IO, Any

from ..index import Entry
from ..safe_read import loads_untrusted, open_regular, read_regular
from ..storage import AtomicFile, fsync_dir, prepare_output_folder, write_atomic
from .rejects_report import write_rejects_report

DEFAULT_SHARD_SIZE = 10_000
SHARD_PATTERN = re.compile(r"^part-(\d{5,})\.jsonl$")
#: Sizes and mtimes of the shards as the last run left them: a shard changed since is not
#: trusted for copying.
SHARD_TABLE = ".cleaner-shards.json"


def shard_name(number: int) -> str:
    """
    >>> shard_name(3)
    'part-00003.jsonl'
    """
    return f"part-{number:05d}.jsonl"


class ShardSink:
    """Writes outcomes as JSON Lines shards (see the module doc)."""

    format = "jsonl"
    layout = "line"
    partial_index_ok = False  # new shards only appear at the end
    #: A run's shards hold exactly its records: index entries of other lines are dropped.
    replaces = frozenset({"line"})

    def __init__(self, out_dir: Path, shard_size: int = DEFAULT_SHARD_SIZE) -> None:
        if shard_size < 1:
            raise ValueError("shard size must be at least 1")
        self.out_dir = out_dir
        self.shard_size = shard_size
        prepare_output_folder(out_dir)
        self._trusted, self._listed = self._trusted_shards()
        #: Files in the output folder this sink left alone, one line each (for the run's notes).
        self.notes: list[str] = []
        self._readers: dict[str, IO[bytes]] = {}
        self._done: list[AtomicFile] = []
        self._current: AtomicFile | None = None
        self._count = 0  # records in the current shard

    def _trusted_shards(self) -> tuple[dict[str, int], frozenset[str]]:
        """Shards that are as the last run left them (name -> size), and every shard name the
        last run's table lists."""
        try:
            table = loads_untrusted(read_regular(self.out_dir / SHARD_TABLE))
        except (OSError, ValueError):
            return {}, frozenset()
        table = table if isinstance(table, dict) else {}
        trusted = {}
        for name, value in table.items():
            try:
                size, mtime_ns = value
                st = os.stat(self.out_dir / name)
            except (OSError, TypeError, ValueError):
                continue
            if SHARD_PATTERN.match(name) and st.st_size == size and st.st_mtime_ns == mtime_ns:
                trusted[name] = int(size)
        return trusted, frozenset(name for name in table if SHARD_PATTERN.match(name))

    def _ours(self, path: Path) -> bool:
        """Did this tool write the shard? Listed by the last run, or its first line is a record
        (the shard table is not committed, so a fresh clone has none)."""
        if path.name in self._listed:
            return True
        try:
            with open_regular(path, follow_symlinks=False) as fh:
                first = loads_untrusted(fh.readline(1 << 26))
        except (OSError, ValueError):
            return False
        return isinstance(first, dict) and isinstance(first.get("cleaner"), dict) and isinstance(first.get("id"), str)

    # -- freshness ------------------------------------------------------------------------

    def output_intact(self, entry: Entry) -> bool:
        if entry.kind == "reject":
            return True
        if entry.kind != "line":
            return False
        _, name, offset, length = entry.out
        size = self._trusted.get(name)
        return size is not None and 0 <= offset and offset + length <= size

    def existing_record(self, record_id: str) -> None:
        """Without an index entry a line cannot be found cheaply: the record is recomputed."""
        return None

    def _old_line(self, where: tuple[Any, ...]) -> bytes | None:
        _, name, offset, length = where
        if name not in self._trusted:
            return None
        reader = self._readers.get(name)
        if reader is None:
            reader = self._readers[name] = open_regular(self.out_dir / name)
        reader.seek(offset)
        return reader.read(length)

    # -- outcomes -------------------------------------------------------------------------

    def _append(self, line: bytes) -> tuple[Any, ...]:
        if self._current is None:
            self._current = AtomicFile(self.out_dir / shard_name(len(self._done)), fsync=False)
        offset = self._current.write(line)
        where = ("line", self._current.path.name, offset, len(line))
        self._count += 1
        if self._count >= self.shard_size:
            self._close_shard()
        return where

    def _close_shard(self) -> None:
        if self._current is not None:
            self._current.close_temp()
            self._done.append(self._current)
            self._current = None
            self._count = 0

    def write(self, outcome: Any, summary: Any) -> tuple[Any, ...] | None:
        if outcome.reject is not None:
            self.reject(outcome.reject, summary, outcome.task.record_id)
            return ("reject", outcome.reject.code, outcome.reject.message)
        if outcome.kept:
            line = self._old_line(outcome.out)
            expected = b'{"id":' + json.dumps(outcome.task.record_id, ensure_ascii=False).encode("utf-8") + b","
            if line is None or not line.startswith(expected) or not line.endswith(b"\n"):  # pragma: no cover - the planner checked
                raise RuntimeError(f"{outcome.task.source_path}: its line in {outcome.out[1]} is not where the index says; run with --force")
            summary.unchanged += 1
            return self._append(line)
        old = None
        if outcome.out is not None:
            old = self._old_line(outcome.out)
        if old == outcome.record:
            summary.unchanged += 1
        else:
            summary.written += 1
        return self._append(outcome.record)

    def reject(self, reject: Any, summary: Any, record_id: str | None = None) -> None:
        summary.rejected += 1
        summary.rejects.append(reject)

    def finish(self) -> None:
        """Move the new shards into place (unchanged ones stay as they are), remove shards past
        the new count, and remember the shards' sizes and mtimes."""
        self._close_shard()
        for reader in self._readers.values():
            reader.close()
        self._readers.clear()
        table = {}
        for shard in self._done:
            if _same_bytes(Path(shard.temp_path), shard.path):
                shard.discard()
            else:
                shard.commit()
            st = os.stat(shard.path)
            table[shard.path.name] = [st.st_size, st.st_mtime_ns]
        for path in self.out_dir.iterdir():
            if SHARD_PATTERN.match(path.name) and path.name not in table:
                if self._ours(path):
                    path.unlink()
                else:
                    self.notes.append(f"{path}: left alone: a shard name, but not a shard this tool wrote")
        fsync_dir(self.out_dir)
        write_atomic(self.out_dir / SHARD_TABLE, (json.dumps(table, sort_keys=True) + "\n").encode("utf-8"), fsync=False)

    def abort(self) -> None:
        """The run stopped early: the new shards are dropped, the old ones stay."""
        for reader in self._readers.values():
            reader.close()
        self._readers.clear()
        if self._current is not None:
            self._done.append(self._current)
            self._current = None
        for shard in self._done:
            shard.discard()
        self._done.clear()

    def write_rejects_report(self, processed: set[str], new: list[Any], root: Path) -> list[str]:
        return write_rejects_report(self.out_dir, processed, new, root)


def _same_bytes(a: Path, b: Path, block: int = 1 << 20) -> bool:
    """Do two files hold the same bytes? (Sizes first; then compared block by block.)"""
    try:
        if os.path.getsize(a) != os.path.getsize(b):
            return False
        with open(a, "rb") as fa, open(b, "rb") as fb:
            while True:
                x, y = fa.read(block), fb.read(block)
                if x != y:
                    return False
                if not x:
                    return True
    except OSError:
        return False
