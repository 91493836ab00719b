"""Adversarial lines: does any rule, pattern or the change log grow faster than linearly?

Each case is a line built by repeating a small pattern (runs of one character, unpaired quote
marks, alternations, nesting, mojibake, control characters, ...). The whole cleaning path
(``clean_text``: every built-in rule, the guard, the change log) runs on it at two sizes, ``n``
and ``4n`` characters, in one run. Linear work gives a time ratio near 4; quadratic work near
16. Timings are compared only with each other, as ratios (never asserted in tests).

    python bench/adversarial.py [--chars N] [--max-ratio R] [--only NAME]

Exit status 1 if some case's ratio exceeds ``--max-ratio`` (default 8: well above linear
noise, well below quadratic).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cleaner import clean_text  # noqa: E402
from cleaner.config import Config  # noqa: E402

#: name -> pattern repeated to the wanted length (a callable gets the length instead).
CASES: dict[str, object] = {
    "plain-prose": "The quick brown fox jumps over the lazy dog. ",
    "no-spaces": "a",
    "spaces-between": "a" + " " * 7,
    "nbsp-every-word": "word\u00a0",
    "tabs": "a\t",
    "straight-double": 'He said "yes" and left. ',
    "straight-double-unpaired": '"a ',
    "curly-wrong-way": "”a “",
    "straight-single": "it's 'a' ",
    "single-unpaired": "'a ",
    "backtick-pairs": "`a` ",
    "backtick-openers": "`a ",
    "double-backtick-openers": "``a ",
    "double-backtick-closers": "a'' ",
    "acute-apostrophes": "a´b ",
    "lookalike-quotes": "˝a ʺb ″c ",
    "inch-marks": '1" ',
    "quote-then-inches": '"x 1" ',
    "feet-inches": "5'10\" ",
    "closing-pushed": 'a, ”b ',
    "dangling": ". “ ",
    "nested-quotes": "“‘“‘",
    "brackets": "([{",
    "mojibake": "doesnâ€™t ",
    "mojibake-mixed": "Ã©tÃ© â€œ ",
    "control-chars": "a\x01\x02",
    "nul-runs": "a\x00",
    "invisible": "a\u200b\u00ad",
    "ligatures": "ﬁﬂ ",
    "combining": "e\u0301",
    "cjk": "中国和北约，",
    "hangul-latin": "한국어 English ",
    "digits-dots": "1.",
    "punctuation-run": "!",
    "dashes": "—–-",
    "emails": "a@b.com ",
    "at-signs": "@",
    "date-like": "November 25, 2002 23:02, ",
    "long-word": "x" * 997 + " ",
    "line-separator": "a\u2028",
    # Documents of many short lines: line and document rules, the guard, paragraph assembly.
    "lines-blank": "\n",
    "lines-chrome": "Email\n",
    "lines-chrome-between-prose": "China will hold a strategic dialogue with NATO next year, officials said.\nEmail\n",
    "lines-skip-links": "Go to contents\n",
    "lines-language-labels": "한국어\nEnglish\n",
    "lines-datelines": "Posted November. 25, 2002 23:02,\n",
    "lines-emails": "yshwang@donga.com\n",
    "lines-headline-like": "China, NATO to Enter into Strategic Talks Next Year\n",
    "lines-hard-wrapped": "The quick brown fox jumps over the lazy\ndog and then runs into the forest to\n",
    "lines-quotes": '"a\n',
}

CONFIG = Config(languages=None)


def build(pattern: object, size: int) -> str:
    unit = str(pattern)
    return (unit * (size // len(unit) + 1))[:size]


def seconds(text: str) -> float:
    started = time.perf_counter()
    clean_text(text, CONFIG)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=50_000, help="the smaller size n (default 50000)")
    parser.add_argument("--max-ratio", type=float, default=8.0)
    parser.add_argument("--only", help="run the cases whose name contains this")
    args = parser.parse_args(argv)
    clean_text("Warm up the language profiles and ftfy.", CONFIG)
    worst = 0.0
    failed = []
    print(f"{'case':<26} {'n':>9} {'t(n) s':>8} {'t(4n) s':>8} {'ratio':>6}")
    for name, pattern in CASES.items():
        if args.only and args.only not in name:
            continue
        small = seconds(build(pattern, args.chars))
        large = seconds(build(pattern, 4 * args.chars))
        # Below a few milliseconds timer noise dominates; such cases are linear enough.
        ratio = large / max(small, 0.005)
        worst = max(worst, ratio)
        flag = "  <-- superlinear" if ratio > args.max_ratio else ""
        if flag:
            failed.append(name)
        print(f"{name:<26} {args.chars:>9} {small:8.3f} {large:8.3f} {ratio:6.1f}{flag}", flush=True)
    print(f"worst ratio {worst:.1f} (linear ~4, quadratic ~16); {len(failed)} case(s) above {args.max_ratio}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
