"""Hook ``cleaner-check-raw``: block raw files that would be rejected.

For each raw file pre-commit passes (under the configured ``raw/``), reports what would stop it
from becoming a record -- empty, binary, undecodable, nothing left after cleaning, a language
the corpus does not accept -- and suspiciously little text left (``min_words``), as
``path:line:col: CODE reason``. Changes nothing; exit 1 when a file is named.
"""

from __future__ import annotations

from typing import Sequence

from . import EXIT_OK, add_format_option, files_under, load_config, parser, refresh_command, run_hook

PROG = "cleaner-check-raw"


def main(argv: Sequence[str] | None = None) -> int:
    p = parser(PROG, "Report raw files that would be rejected, with their reasons.")
    p.add_argument("--min-words", type=int, metavar="N", help="report fewer words than this left after cleaning (default: min_words, 20; 0: off)")
    add_format_option(p)
    args = p.parse_args(argv)

    def body() -> int:
        config = load_config(args)
        if args.min_words is not None:
            config = config.replace(min_words=args.min_words)
        raw = files_under(args.filenames, config.root / config.raw_dir, ".txt")
        if not raw:
            return EXIT_OK
        from ..checks import Checker, check_paths
        from ..findings import count_kinds, describe_counts, emit

        findings, checked = check_paths(raw, Checker(config, refresh_command(args)), jobs=1)
        return emit(findings, args.format, f"{PROG}: checked {checked} raw file(s): {describe_counts(count_kinds(findings))}" if findings else None)

    return run_hook(PROG, body)


if __name__ == "__main__":
    raise SystemExit(main())
