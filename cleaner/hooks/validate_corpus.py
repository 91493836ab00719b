"""Hook ``cleaner-validate``: ``cleaner validate`` over the whole corpus (``pass_filenames:
false``): every record against the schema and its raw file, missing and orphan records, the
rejects report, duplicate and near-duplicate records (``COR013``; ``--no-duplicates`` skips
them). Changes nothing but the cache of text signatures beside the run index; exit 1 on any
finding.
"""

from __future__ import annotations

import argparse
from typing import Sequence

from . import add_format_option, load_config, parser, refresh_command, run_hook

PROG = "cleaner-validate"


def main(argv: Sequence[str] | None = None) -> int:
    p = parser(PROG, "Validate the whole corpus (records, raw files, rejects report).", filenames=False)
    p.add_argument("filenames", nargs="*", help=argparse.SUPPRESS)  # tolerated, unused: the whole corpus is checked
    p.add_argument("--no-artifacts", dest="artifacts", action="store_false", help="do not re-clean record texts to look for artifacts (faster)")
    p.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes (default: every core)")
    add_format_option(p)
    from ..cli import add_duplicate_options

    add_duplicate_options(p)
    args = p.parse_args(argv)

    def body() -> int:
        from ..checks import Checker
        from ..findings import emit
        from ..validate import validate_corpus

        config = load_config(args)
        if args.duplicates is not None:
            config = config.replace(duplicates=args.duplicates)
        if args.duplicate_threshold is not None:
            config = config.replace(duplicate_threshold=args.duplicate_threshold)
        report = validate_corpus(config.root / config.clean_dir, config.root / config.raw_dir,
                                 Checker(config, refresh_command(args), args.artifacts), args.jobs)
        return emit(report.findings, args.format, f"{PROG}: {report.line()}" if report.findings else None)

    return run_hook(PROG, body)


if __name__ == "__main__":
    raise SystemExit(main())
