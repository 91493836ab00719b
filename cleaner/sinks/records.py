"""The default sink: one ``<id>.json`` record file per article in the output folder, written
atomically and only when its bytes change, with the rejects report kept in step (a record
left from an earlier run for a now-rejected input is removed)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..errors import OutputError
from ..index import Entry
from ..outcomes import Outcome, Reject, RunSummary, shown_path
from ..safe_read import MAX_DATA_BYTES, loads_untrusted, open_regular, read_regular
from ..storage import prepare_output_folder, write_atomic
from .rejects_report import write_rejects_report


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
        from ..record import is_canonical
        from ..schema import is_valid

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
                summary.notes.append(f"{shown_path(str(stale))}: left alone: {reject.path} is rejected, "
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
