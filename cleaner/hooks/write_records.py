"""Hook ``cleaner-write-records``: write or refresh the records of new and changed raw files.

Cleans the raw files pre-commit passes (those under the configured ``raw/``) exactly as
``cleaner run`` does, writes their records into ``clean/`` and keeps ``clean/_rejects.json`` in
step. Prints every record it wrote or removed and fails when it changed something, so the user
stages the records and commits again; a second run changes nothing and passes.

It must run serially (``require_serial: true``): calls share the rejects report.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from . import EXIT_OK, EXIT_PROBLEMS, files_under, load_config, parser, run_hook

PROG = "cleaner-write-records"


def _read(path: Path) -> bytes | None:
    from ..safe_read import read_regular

    try:
        return read_regular(path)
    except OSError:
        return None


def main(argv: Sequence[str] | None = None) -> int:
    args = parser(PROG, "Write or refresh the clean/ records of the raw files given; exit 1 when anything changed.").parse_args(argv)

    def body() -> int:
        config = load_config(args)
        raw = files_under(args.filenames, config.root / config.raw_dir, ".txt")
        if not raw:
            return EXIT_OK
        from ..checks import display_path
        from ..runner import run
        from ..sinks import REJECTS_REPORT

        out = config.root / config.clean_dir
        report = out / REJECTS_REPORT
        report_before = _read(report)
        records = {Path(name).stem: out / f"{Path(name).stem}.json" for name in raw}
        existed = {rid for rid, path in records.items() if path.exists()}
        summary = run(raw, out, config)
        changed = False
        for path in summary.written_paths:
            print(f"wrote {display_path(path)}")
            changed = True
        for rid in sorted(existed):
            if not records[rid].exists():
                print(f"removed {display_path(records[rid])}: its raw file is rejected now")
                changed = True
        if _read(report) != report_before:
            print(f"updated {display_path(report)}")
            changed = True
        for reject in summary.rejects:
            print(f"rejected {reject.line()}")
        return EXIT_PROBLEMS if changed else EXIT_OK

    return run_hook(PROG, body)


if __name__ == "__main__":
    raise SystemExit(main())
