#!/usr/bin/env python3
"""Costs of the pieces the cleaner takes from libraries (or once wrote by hand), as ratios.

    python bench/kept_libraries.py [--records DIR] [--rounds 5]

* schema quick check: ``cleaner.schema.is_valid`` per record, against jsonschema alone;
* canonical JSON: ``cleaner.canonical_json.dumps_indented`` per record, against
  ``json.dumps(indent=2, ensure_ascii=False)`` (the bytes it must equal) and orjson (which does
  not always write the same bytes; see the README);
* progress display: ``cleaner.progress.ProgressBar.update`` per file, into a string buffer,
  against an empty loop of the same length.

Records are every record ``*.json`` under ``--records`` (default: this repository's ``clean/``;
a folder of ``make_records``-style output gives steadier figures). Each figure is the median of
``--rounds`` rounds; machines differ, so compare ratios taken on the same machine.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import time
from pathlib import Path
from types import SimpleNamespace

REPO = Path(__file__).resolve().parents[1]


def _median_seconds(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=Path, default=REPO / "clean")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--updates", type=int, default=20_000)
    args = parser.parse_args(argv)

    from jsonschema import Draft202012Validator

    from cleaner.canonical_json import dumps_indented
    from cleaner.progress import ProgressBar
    from cleaner.schema import is_valid, load_schema

    records = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(args.records.rglob("*.json")) if not p.name.startswith("_")]
    records = [r for r in records if isinstance(r, dict) and "text" in r]
    if not records:
        parser.error(f"no records under {args.records}")
    validator = Draft202012Validator(load_schema())
    is_valid(records[0])  # compile once, outside the timing

    def quick() -> None:
        for r in records:
            is_valid(r)

    def full() -> None:
        for r in records:
            validator.is_valid(r)

    def ours() -> None:
        for r in records:
            dumps_indented(r)

    def stdlib() -> None:
        for r in records:
            json.dumps(r, ensure_ascii=False, indent=2)

    rows = [("schema: cleaner.schema.is_valid", quick, "jsonschema is_valid", full),
            ("json: canonical_json.dumps_indented", ours, "json.dumps(indent=2)", stdlib)]
    try:
        import orjson

        def fast() -> None:
            for r in records:
                orjson.dumps(r, option=orjson.OPT_INDENT_2)

        rows.append(("json: orjson OPT_INDENT_2", fast, "json.dumps(indent=2)", stdlib))
    except ImportError:
        pass

    summary = SimpleNamespace(total=0, rejected=0)

    def bar() -> None:
        progress = ProgressBar(io.StringIO())
        progress.start(args.updates)
        for i in range(1, args.updates + 1):
            summary.total = i
            progress.update(None, summary)
        progress.close()

    def empty() -> None:
        for i in range(1, args.updates + 1):
            summary.total = i

    rows.append((f"progress: {args.updates} updates", bar, "an empty loop", empty))

    print(f"{len(records)} records from {args.records}, median of {args.rounds} rounds")
    print(f"| what | ms per item | against | its ms per item | ratio |")
    print("|---|---:|---|---:|---:|")
    for name, fn, base_name, base in rows:
        n = args.updates if name.startswith("progress") else len(records)
        mine, theirs = _median_seconds(fn, args.rounds), _median_seconds(base, args.rounds)
        print(f"| {name} | {mine / n * 1000:.4f} | {base_name} | {theirs / n * 1000:.4f} | {mine / theirs:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
