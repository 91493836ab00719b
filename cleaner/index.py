"""The run index: what earlier runs made from each raw file, so an unchanged re-run skips it
without reading it or opening its record.

A hidden JSON Lines file in the output folder (``.cleaner-index.jsonl``; hidden files are not
records, see ``cleaner.sinks.is_record_file``). The first line is a header, then one entry
per record id, sorted by id::

    {"id": "a", "path": "raw/a.txt", "raw": [5120, 1700000000123456789], "sha256": "…",
     "stamp": "…", "out": ["record", 9001, 1700000000223456789], "rules": {"QUO001": 3}}

``raw`` is the raw file's size and mtime (ns) when it was read, ``sha256`` its hash, ``stamp``
the run stamp it was made under (``cleaner.freshness.run_stamp``), ``out`` what it became:
``["record", size, mtime_ns]`` (a record file), ``["line", shard, offset, length]`` (a JSONL
line) or ``["reject", code, message]``; ``rules`` counts the changes by rule code, for run
reports. The header also keeps the settings of the configurations that wrote the folder
(``configs``: config hash -> :func:`cleaner.config.config_settings`) and when the last run
began (``started_ns``).

Tasks are processed in record-id order, so the old index is read alongside them and the new
one written as outcomes arrive: it is never held in memory whole. The new index replaces the
old one atomically at the end of a run. A run that dies leaves the previous index, whose
entries then fail their checks and the hash (or the record itself) decides.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Iterator, Mapping

from .safe_read import loads_untrusted, open_regular
from .storage import AtomicFile

INDEX_NAME = ".cleaner-index.jsonl"
FORMAT = "cleaner-index"
FORMAT_VERSION = 1
#: The longest index line read; an entry is a few hundred bytes.
MAX_LINE_BYTES = 1 << 20


@dataclass(frozen=True)
class Entry:
    """One record id's line in the index."""

    id: str
    path: str
    raw_size: int
    raw_mtime_ns: int
    sha256: str
    stamp: str
    #: ``("record", size, mtime_ns)``, ``("line", shard, offset, length)`` or ``("reject", code, message)``.
    out: tuple[Any, ...]
    rules: dict[str, int] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return str(self.out[0])

    def to_line(self) -> bytes:
        data = {"id": self.id, "path": self.path, "raw": [self.raw_size, self.raw_mtime_ns], "sha256": self.sha256,
                "stamp": self.stamp, "out": list(self.out), "rules": self.rules}
        return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")

    @classmethod
    def from_line(cls, line: bytes) -> "Entry":
        data = loads_untrusted(line)
        raw = data["raw"]
        out = tuple(data["out"])
        if out[0] not in ("record", "line", "reject"):
            raise ValueError(f"unknown output kind {out[0]!r}")
        rules = data.get("rules") or {}
        return cls(str(data["id"]), str(data["path"]), int(raw[0]), int(raw[1]), str(data["sha256"]), str(data["stamp"]),
                   out, {str(k): int(v) for k, v in rules.items()})


#: How many configurations the header remembers (the newest).
KEPT_CONFIGS = 16


def read_configs(path: Path) -> dict[str, Any]:
    """``{config hash: settings}`` from an index's header (see :func:`cleaner.config.config_settings`);
    empty when there is no index or it is damaged."""
    try:
        with open_regular(path) as fh:
            meta = loads_untrusted(fh.readline(MAX_LINE_BYTES))
        configs = meta.get("configs") if meta.get("format") == FORMAT else None
    except (OSError, ValueError, AttributeError):
        return {}
    return {str(k): v for k, v in configs.items() if isinstance(v, dict)} if isinstance(configs, dict) else {}


def read_header(path: Path) -> dict[str, Any]:
    """An index's header (empty when there is no index or it is damaged)."""
    try:
        with open_regular(path) as fh:
            meta = loads_untrusted(fh.readline(MAX_LINE_BYTES))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) and meta.get("format") == FORMAT else {}


def read_entries(path: Path) -> list[Entry]:
    """All entries of an index, in id order (up to the first damaged line)."""
    try:
        with open_regular(path) as fh:
            return list(_entries(fh))
    except OSError:
        return []


def _entries(fh: IO[bytes]) -> Iterator[Entry]:
    """Entries of an open index file, in order; stops quietly at the first damaged or
    out-of-order line (the rest is then unknown, which is always safe)."""
    header = fh.readline(MAX_LINE_BYTES)
    try:
        meta = loads_untrusted(header)
        if meta.get("format") != FORMAT or meta.get("version") != FORMAT_VERSION:
            return
    except (ValueError, AttributeError):
        return
    previous: str | None = None
    for line in iter(lambda: fh.readline(MAX_LINE_BYTES), b""):
        if not line.endswith(b"\n"):
            return  # a line longer than any entry, or cut short: damaged
        try:
            entry = Entry.from_line(line)
        except (ValueError, KeyError, IndexError, TypeError):
            return
        if previous is not None and entry.id <= previous:
            return
        previous = entry.id
        yield entry


class IndexReader:
    """Looks up entries of an index for ids asked in increasing order (a merge join)."""

    def __init__(self, path: Path) -> None:
        try:
            # A FIFO or device in its place (git stores symlinks) is refused like a missing index.
            self._fh: IO[bytes] | None = open_regular(path)
        except OSError:
            self._fh = None
        self._entries = _entries(self._fh) if self._fh is not None else iter(())
        self._next: Entry | None = None
        self._done = False
        self._last_asked: str | None = None

    @property
    def exists(self) -> bool:
        return self._fh is not None

    def _peek(self) -> Entry | None:
        if self._next is None and not self._done:
            self._next = next(self._entries, None)
            self._done = self._next is None
        return self._next

    def lookup(self, record_id: str) -> Entry | None:
        """The entry for ``record_id``, or ``None``. Ids must be asked in increasing order."""
        if self._last_asked is not None and record_id <= self._last_asked:
            raise ValueError(f"index lookups out of order: {record_id!r} after {self._last_asked!r}")
        self._last_asked = record_id
        while True:
            entry = self._peek()
            if entry is None or entry.id > record_id:
                return None
            self._next = None
            if entry.id == record_id:
                return entry

    def rest_until(self, record_id: str | None) -> Iterator[Entry]:
        """Entries with ids below ``record_id`` (all remaining ones for ``None``), consumed."""
        while True:
            entry = self._peek()
            if entry is None or (record_id is not None and entry.id >= record_id):
                return
            self._next = None
            yield entry

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


class IndexWriter:
    """Writes the new index as outcomes arrive (in id order), carrying over the old index's
    entries for ids this run did not process, as long as their raw file still exists and their
    output is not of a kind this run replaces whole (``drop_kinds``: JSONL shards hold exactly
    the records of the run that wrote them)."""

    def __init__(self, out_dir: Path, root: Path, drop_kinds: frozenset[str] = frozenset(),
                 configs: Mapping[str, Any] | None = None) -> None:
        self.path = out_dir / INDEX_NAME
        self.root = root
        self.drop_kinds = drop_kinds
        # The settings of the last few configurations that wrote here, by config hash (the
        # header's ``configs``), so a record made with another one can say what differs.
        known = {h: c for h, c in read_configs(self.path).items() if h not in (configs or {})}
        known.update(configs or {})
        # ``started_ns``: when the run that wrote the index began; a record file written later
        # was written by that run (``cleaner report``'s "changed by the last run").
        header = {"format": FORMAT, "version": FORMAT_VERSION, "configs": dict(list(known.items())[-KEPT_CONFIGS:]),
                  "started_ns": time.time_ns()}
        self._old = IndexReader(self.path)
        self._file = AtomicFile(self.path, fsync=False)
        self._file.write((json.dumps(header, ensure_ascii=False) + "\n").encode("utf-8"))
        self._last: str | None = None

    def _carry_over(self, until: str | None) -> None:
        for entry in self._old.rest_until(until):
            if entry.kind not in self.drop_kinds and os.path.lexists(self.root / entry.path):
                self._file.write(entry.to_line())

    def add(self, entry: Entry) -> None:
        if self._last is not None and entry.id <= self._last:
            raise ValueError(f"index entries out of order: {entry.id!r} after {self._last!r}")
        self._carry_over(entry.id)
        self._old.lookup(entry.id)  # drop the old entry this one replaces
        self._file.write(entry.to_line())
        self._last = entry.id

    def skip(self, record_id: str) -> None:
        """This run processed ``record_id`` but has nothing to remember (e.g. it was unreadable)."""
        self._carry_over(record_id)
        self._old.lookup(record_id)
        self._last = record_id

    def commit(self) -> None:
        self._carry_over(None)
        self._old.close()
        self._file.commit()

    def discard(self) -> None:
        self._old.close()
        self._file.discard()
