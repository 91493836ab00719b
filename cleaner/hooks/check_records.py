"""Hook ``cleaner-check-records``: check the records being committed.

For each record pre-commit passes (``*.json`` under the configured ``clean/``; not the rejects
report): the schema (each error with the JSON path of the field), canonical bytes, in sync with
its raw file and with this cleaner version and configuration, its changes replaying, and no
artifact the current rules would still change. Changes nothing; exit 1 on any finding.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

from . import EXIT_OK, add_format_option, files_under, load_config, parser, refresh_command, run_hook

PROG = "cleaner-check-records"


def main(argv: Sequence[str] | None = None) -> int:
    p = parser(PROG, "Check records: schema, canonical form, in sync with their raw files.")
    p.add_argument("--no-artifacts", dest="artifacts", action="store_false", help="do not re-clean record texts to look for artifacts")
    add_format_option(p)
    args = p.parse_args(argv)

    def body() -> int:
        config = load_config(args)
        from ..sinks import is_record_file

        records = [f for f in files_under(args.filenames, config.root / config.clean_dir, ".json") if is_record_file(Path(f))]
        if not records:
            return EXIT_OK
        from ..checks import Checker, check_paths
        from ..findings import count_kinds, describe_counts, emit

        findings, checked = check_paths(records, Checker(config, refresh_command(args), args.artifacts), jobs=1)
        return emit(findings, args.format, f"{PROG}: checked {checked} record(s): {describe_counts(count_kinds(findings))}" if findings else None)

    return run_hook(PROG, body)


if __name__ == "__main__":
    raise SystemExit(main())
