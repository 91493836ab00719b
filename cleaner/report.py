"""The run report of ``cleaner run --report FILE``: what a run did, as JSON, for dashboards and
for comparing runs. It lives outside the records (they stay a pure function of their inputs:
the report holds timings) and is written atomically.

Counts cover every input of the run: ``changes_by_rule`` counts the changes in every record the
run left current -- recomputed or confirmed unchanged (their counts come from the run index) --
and ``rejects_by_code`` every reject.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .storage import write_atomic
from .version import __version__

REPORT_FORMAT = "cleaner-run-report"


def build_report(summary: Any, *, config_hash: str, out_dir: Path, inputs: list[str], force: bool = False) -> dict[str, Any]:
    """The report of a finished run (``summary`` is a :class:`cleaner.outcomes.RunSummary`)."""
    seconds = summary.seconds
    return {
        "format": REPORT_FORMAT,
        "cleaner": {"version": __version__, "config_hash": config_hash},
        "run": {
            "inputs": inputs,
            "out": str(out_dir),
            "output_format": summary.output_format,
            "backend": summary.backend,
            "jobs": summary.jobs,
            "force": force,
        },
        "files": {
            "total": summary.total,
            "written": summary.written,
            "unchanged": summary.unchanged,
            "rejected": summary.rejected,
            "removed_stale": summary.removed_stale,
            "recomputed": summary.recomputed,
            "skipped_current": summary.skipped,
        },
        "rejects_by_code": summary.rejects_by_code(),
        "changes_by_rule": dict(sorted(summary.rule_counts.items())),
        "timings": {
            **{k: round(v, 3) for k, v in sorted(summary.timings.items())},
            "steps_s": round(summary.step_seconds, 3),  # inside steps, summed over workers
            "files_per_s": round(summary.total / seconds, 1) if seconds > 0 else None,
            "slowest": [{"path": path, "seconds": round(s, 4)} for s, path in sorted(summary.slowest, reverse=True)],
        },
    }


def write_report(path: Path, report: dict[str, Any]) -> None:
    write_atomic(path, (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
